"""The training page's data sets, time first: x (T, B, m), y (B, k), and the loss each is trained with.

tutorial   the tutorial's §5.2 data, X = [[1,0],[0,1],[1,1],[1,0],[0,1]] read as five sequences of
           two scalar inputs, y = [0,0,1,1,0]. [1,0] appears with label 0 and with label 1, so no
           model gets both right: accuracy <= 80 %, and the mean BCE >= 2 ln 2 / 5 (both [1,0]
           predicted 1/2, the other three exactly).
first_bit  a random bit at t = 1, then T-1 random distractor bits; the label is the first bit.
           Needs memory over the whole sequence: chance is 50 %.
adding     Hochreiter & Schmidhuber's adding problem: channel 1 uniform in [0, 1], channel 2 marks
           one step in each half; the target is the sum of the two marked values (MSE; always
           answering 1 scores 1/6 ≈ 0.167).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

TASKS = ("tutorial", "first_bit", "adding")
TUTORIAL_X = [[1, 0], [0, 1], [1, 1], [1, 0], [0, 1]]
TUTORIAL_Y = [0, 0, 1, 1, 0]
TUTORIAL_LOSS_FLOOR = 2 * math.log(2) / 5  # ≈ 0.2773
TUTORIAL_ACCURACY_CEILING = 0.8


@dataclass(frozen=True)
class Task:
    """x (T, B, m), y (B, k); loss "bce" or "mse"; floor: the lowest loss any model can reach on
    this data (None where unknown); baseline: what a model with no memory scores."""

    name: str
    x: np.ndarray
    y: np.ndarray
    loss: str
    floor: float | None
    baseline: float | None


def make_task(name: str, T: int, examples: int, rng: np.random.Generator) -> Task:
    """The data set `name`: T steps and `examples` sequences (the tutorial's is fixed: T = 2, 5)."""
    if name == "tutorial":
        x = np.array(TUTORIAL_X, dtype=np.float64).T[:, :, None]  # (2, 5, 1)
        y = np.array(TUTORIAL_Y, dtype=np.float64)[:, None]
        return Task(name, x, y, "bce", TUTORIAL_LOSS_FLOOR, None)
    if name == "first_bit":
        bits = rng.integers(0, 2, size=(T, examples)).astype(np.float64)
        return Task(name, bits[:, :, None], bits[0][:, None].copy(), "bce", 0.0, math.log(2))
    if name == "adding":
        values = rng.uniform(0.0, 1.0, size=(T, examples))
        marks = np.zeros((T, examples))
        half = max(1, T // 2)
        first = rng.integers(0, half, size=examples)
        second = rng.integers(half, T, size=examples) if T > 1 else first
        marks[first, np.arange(examples)] = 1.0
        marks[second, np.arange(examples)] = 1.0
        y = (values * marks).sum(axis=0)[:, None]
        return Task(name, np.stack([values, marks], axis=2), y, "mse", 0.0, 1.0 / 6.0)
    raise ValueError(f"task must be one of {', '.join(TASKS)}, got {name!r}")

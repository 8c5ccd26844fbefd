"""The training and cliff pages' computations (issue 6), medians of round-robin runs.

    python tests/bench/bench_training.py     # this file alone
    python tests/bench/run.py training       # through the one command

Targets: 100 epochs of the tutorial's model on its data <= 1 s; one gradient-descent trajectory
of 200 steps on the cliff <= 0.5 s; the loss surface (200 × 200 points) <= 2 s, batched.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for p in (ROOT, HERE):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from bench_engine import median_times  # noqa: E402
from rnnviz import cliff  # noqa: E402
from rnnviz.training import TrainSettings, train, within_budget  # noqa: E402


def run():
    largest = within_budget(TrainSettings(task="adding", T=200, layers=3, hidden=16, batch_size=1, epochs=2000))
    t = median_times({
        "tutorial": lambda: train(TrainSettings(epochs=100)),
        "trajectory": lambda: cliff.descend(4.5, -2.5, 0.1, 200),
        "surface": lambda: cliff.surface(points=200),
    }, repeats=7, warmup=1)
    t.update(median_times({"largest": lambda: train(largest)}, repeats=3, warmup=0))
    ms = {k: v * 1e3 for k, v in t.items()}
    return [
        ("train: tutorial model, 100 epochs (Adam)", ms["tutorial"], "ms", "<= 1000", ms["tutorial"] <= 1000),
        ("cliff: one descent, 200 steps", ms["trajectory"], "ms", "<= 500", ms["trajectory"] <= 500),
        ("cliff: loss surface 200 × 200, batched", ms["surface"], "ms", "<= 2000", ms["surface"] <= 2000),
        (f"train: the largest run the page allows ({largest.epochs} epoch, adding T=200, 3×16, batch 1)",
         ms["largest"], "ms", None, None),
    ]


if __name__ == "__main__":
    from run import format_table

    print(format_table(run()))

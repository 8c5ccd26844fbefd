"""Random scenarios for property tests: sizes from hypothesis, numbers from a seeded generator."""

from __future__ import annotations

import numpy as np

from rnnviz import Scenario

OUTPUT_FOR_LOSS = {"mse": ("identity", "sigmoid", "softmax"), "bce": ("sigmoid",), "ce": ("softmax",)}


def random_scenario(rng: np.random.Generator, *, T: int, m: int, n: int, k: int, activation: str,
                    output: str, loss: str, loss_at: str, scale: float = 1.0, clip=None) -> Scenario:
    """A valid scenario with weights ~ N(0, scale²/fan_in), inputs and h0 ~ N(0, 1), fitting targets."""
    rows = 1 if loss_at == "last" else T
    if loss == "bce":
        targets = rng.uniform(0, 1, (rows, k))
    elif loss == "ce":
        targets = rng.dirichlet(np.ones(k), rows)
    else:
        targets = rng.normal(0, 1, (rows, k))
    d = {
        "activation": activation, "output": output, "loss": loss, "loss_at": loss_at,
        "inputs": rng.normal(0, 1, (T, m)).tolist(),
        "targets": targets.tolist(),
        "h0": rng.normal(0, 0.5, n).tolist(),
        "weights": {
            "W_xh": rng.normal(0, scale / np.sqrt(m), (n, m)).tolist(),
            "W_hh": rng.normal(0, scale / np.sqrt(n), (n, n)).tolist(),
            "b_h": rng.normal(0, 0.1, n).tolist(),
            "W_hy": rng.normal(0, scale / np.sqrt(n), (k, n)).tolist(),
            "b_y": rng.normal(0, 0.1, k).tolist(),
        },
        "clip": clip,
    }
    return Scenario.from_dict(d)

"""Named starting points for the step-through pages, and resizing a scenario by hand.

Every preset is a plain scenario dict (the JSON contract). `resize` keeps what it can when a
learner changes a size and fills the rest so that the network still does something visible.
"""

from __future__ import annotations

import copy

from .tutorial import TUTORIAL_EXAMPLE

PRESETS = {
    # the default: the tutorial's two-step example, read consistently
    "tutorial": TUTORIAL_EXAMPLE,
    # big weights push tanh into saturation: f'(z) ≈ 0, so dL/dh_t dies on the way back
    "saturated tanh": {
        "cell": "rnn", "activation": "tanh", "output": "sigmoid", "loss": "bce", "loss_at": "last",
        "inputs": [[1.0]] * 6, "targets": [[1.0]], "h0": [0.0, 0.0],
        "weights": {"W_xh": [[3.0], [-3.0]], "W_hh": [[3.0, 0.0], [0.0, 3.0]], "b_h": [0.0, 0.0],
                    "W_hy": [[1.0, -1.0]], "b_y": [0.0]},
        "clip": None,
    },
    # f = identity and W_hh = I: every Jacobian dh_t/dh_{t-1} is I, the gradient passes unchanged
    "identity linear": {
        "cell": "rnn", "activation": "linear", "output": "identity", "loss": "mse", "loss_at": "last",
        "inputs": [[1.0], [0.0], [0.0], [0.0], [0.0], [0.0]], "targets": [[0.0]], "h0": [0.0, 0.0],
        "weights": {"W_xh": [[1.0], [0.5]], "W_hh": [[1.0, 0.0], [0.0, 1.0]], "b_h": [0.0, 0.0],
                    "W_hy": [[1.0, 1.0]], "b_y": [0.0]},
        "clip": None,
    },
    # f = identity and |w_hh| = 2 > 1: dL/dh_t doubles at every step back
    "exploding": {
        "cell": "rnn", "activation": "linear", "output": "identity", "loss": "mse", "loss_at": "last",
        "inputs": [[1.0], [0.0], [0.0], [0.0], [0.0], [0.0]], "targets": [[0.0]], "h0": [0.0],
        "weights": {"W_xh": [[1.0]], "W_hh": [[2.0]], "b_h": [0.0], "W_hy": [[1.0]], "b_y": [0.0]},
        "clip": None,
    },
}

NEW_WEIGHT = 0.5  # a new unit's input and output weight, and its self-loop: small, but not silent


def _pad(matrix: list, rows: int, cols: int, fill) -> list:
    """The top-left rows×cols of matrix, new cells from fill(i, j)."""
    return [[matrix[i][j] if i < len(matrix) and j < len(matrix[i]) else fill(i, j) for j in range(cols)]
            for i in range(rows)]


def sizes(d: dict) -> tuple[int, int, int, int]:
    """(n, m, k, T) of a scenario dict."""
    return len(d["weights"]["W_hh"]), len(d["inputs"][0]), len(d["weights"]["W_hy"]), len(d["inputs"])


def resize(d: dict, n: int, m: int, k: int, T: int) -> dict:
    """The scenario dict d at new sizes: old numbers kept where they fit; new hidden units get
    input, self-loop and output weights of 0.5, every other new number is 0; new steps repeat
    the last target. A ce target row that no longer sums to 1 becomes one-hot on its largest class."""
    d = copy.deepcopy(d)
    w = d["weights"]
    zero = lambda i, j: 0.0  # noqa: E731
    w["W_xh"] = _pad(w["W_xh"], n, m, lambda i, j: NEW_WEIGHT if j == 0 else 0.0)
    w["W_hh"] = _pad(w["W_hh"], n, n, lambda i, j: NEW_WEIGHT if i == j else 0.0)
    w["b_h"] = _pad([w.get("b_h", [0.0] * n)], 1, n, zero)[0]
    w["W_hy"] = _pad(w["W_hy"], k, n, lambda i, j: NEW_WEIGHT)
    w["b_y"] = _pad([w.get("b_y", [0.0] * k)], 1, k, zero)[0]
    d["h0"] = _pad([d.get("h0") or [0.0] * n], 1, n, zero)[0]
    d["inputs"] = _pad(d["inputs"], T, m, zero)
    rows = 1 if d.get("loss_at", "last") == "last" else T
    last = d["targets"][-1]
    d["targets"] = _pad(d["targets"] + [last] * max(0, rows - len(d["targets"])), rows, k, zero)
    if d["loss"] == "ce":
        for i, row in enumerate(d["targets"]):
            if abs(sum(row) - 1.0) > 1e-9 or min(row) < 0:
                best = max(range(k), key=lambda j: row[j])
                d["targets"][i] = [1.0 if j == best else 0.0 for j in range(k)]
    return d


def reconcile(d: dict, changed: str) -> dict:
    """Make loss and output fit after one of them changed: bce needs sigmoid, ce needs softmax.

    changed="loss": the output follows the loss; changed="output": a loss that no longer fits
    becomes mse. Targets are brought into the new loss's range."""
    d = copy.deepcopy(d)
    needs = {"bce": "sigmoid", "ce": "softmax"}
    if changed == "loss" and d["loss"] in needs:
        d["output"] = needs[d["loss"]]
    elif changed == "output" and d["loss"] in needs and needs[d["loss"]] != d["output"]:
        d["loss"] = "mse"
    if d["loss"] == "bce":
        d["targets"] = [[min(1.0, max(0.0, v)) for v in row] for row in d["targets"]]
    n, m, k, T = sizes(d)
    return resize(d, n, m, k, T)  # fixes ce targets, and targets' rows after loss_at changes

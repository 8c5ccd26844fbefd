"""Vanilla RNN, LSTM and GRU on one task: how much gradient from the last step reaches step k.

The same inputs, read-out, target and seed for all three; every weight and bias drawn as PyTorch
draws them, U(-1/sqrt(n), 1/sqrt(n)). `gate_bias` is added to the gate that carries the state
over: the LSTM's forget gate f (b_ih's second block) and the GRU's update gate z (also the second
block). With f ≈ σ(gate_bias) ≈ 1, dL/dc_{t-1} = f ⊙ dL/dc_t + ... passes back almost unchanged
(Gers et al. 2000; Jozefowicz et al. 2015 recommend 1); likewise z ≈ 1 in h_t = (1-z) ⊙ n + z ⊙ h_{t-1}.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .i18n import N_
from .scenario import GATE_COUNT, Scenario
from .tracing import Trace, trace

CELL_NAMES = {"rnn": N_("vanilla RNN (tanh)"), "lstm": "LSTM", "gru": "GRU"}  # shown through _()


@dataclass(frozen=True)
class CellFlowSettings:
    T: int = 100
    n: int = 16
    seed: int = 0
    gate_bias: float = 3.0
    input_scale: float = 1.0


def cell_scenarios(s: CellFlowSettings) -> dict:
    """cell -> Scenario: one network of each kind on the same data (MSE against 1 at the last step)."""
    rng = np.random.default_rng(s.seed)
    bound = 1.0 / math.sqrt(s.n)
    x = (s.input_scale * rng.standard_normal((s.T, 1))).tolist()
    W_hy = rng.uniform(-bound, bound, size=(1, s.n)).tolist()
    common = {"output": "identity", "loss": "mse", "loss_at": "last", "inputs": x, "targets": [[1.0]],
              "h0": [0.0] * s.n}
    out = {}
    for cell in ("rnn", "lstm", "gru"):
        rows = GATE_COUNT.get(cell, 1) * s.n
        W_in = rng.uniform(-bound, bound, size=(rows, 1))
        W_hh = rng.uniform(-bound, bound, size=(rows, s.n))
        b_in = rng.uniform(-bound, bound, size=rows)
        b_hh = rng.uniform(-bound, bound, size=rows)
        if cell == "rnn":
            weights = {"W_xh": W_in.tolist(), "W_hh": W_hh.tolist(), "b_h": (b_in + b_hh).tolist()}
            extra = {"activation": "tanh"}
        else:
            b_in[s.n:2 * s.n] += s.gate_bias  # LSTM (i, f, g, o) and GRU (r, z, n): the second block
            weights = {"W_ih": W_in.tolist(), "W_hh": W_hh.tolist(), "b_ih": b_in.tolist(), "b_hh": b_hh.tolist()}
            extra = {"c0": [0.0] * s.n} if cell == "lstm" else {}
        out[cell] = Scenario.from_dict({"cell": cell, **common, **extra, "weights": {**weights, "W_hy": W_hy, "b_y": [0.0]}})
    return out


def cell_flow(s: CellFlowSettings) -> dict:
    """cell -> Trace of cell_scenarios(s)."""
    return {cell: trace(scenario) for cell, scenario in cell_scenarios(s).items()}


def gradient_norms(tr: Trace) -> dict:
    """label -> (T+1,) norms over k: ||dL/dh_k||, and for the LSTM also ||dL/dc_k||."""
    out = {"‖∂L/∂h_k‖": np.linalg.norm(tr.dh, axis=1)}
    if tr.dc is not None:
        out["‖∂L/∂c_k‖"] = np.linalg.norm(tr.dc, axis=1)
    return out

"""Central finite differences: an independent check of the analytic BPTT gradients."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .scenario import WEIGHT_NAMES, Scenario
from .trace import forward_loss, trace


@dataclass(frozen=True)
class GradCheck:
    """analytic / numeric: name -> array (the weights, and "h0"); rel_error: name -> float,
    ||a - n|| / max(||a|| + ||n||, floor); max_rel_error over all; passed: max_rel_error <= tol."""

    analytic: dict
    numeric: dict
    rel_error: dict
    max_rel_error: float
    tol: float

    @property
    def passed(self) -> bool:
        return bool(self.max_rel_error <= self.tol)


def numeric_gradient(fun, x: np.ndarray, eps: float) -> np.ndarray:
    """dfun/dx by the central difference (fun(x + eps e_i) - fun(x - eps e_i)) / 2 eps, element by element."""
    x = np.array(x, dtype=np.float64)  # a private, writable copy
    grad = np.empty_like(x)
    flat, gflat = x.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + eps
        up = fun(x)
        flat[i] = old - eps
        down = fun(x)
        flat[i] = old
        gflat[i] = (up - down) / (2 * eps)
    return grad


def relative_error(a: np.ndarray, b: np.ndarray, floor: float = 1e-12) -> float:
    """||a - b|| / max(||a|| + ||b||, floor): 0 for equal arrays, about 1 for unrelated ones."""
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), floor))


def gradient_check(scenario: Scenario, eps: float = 1e-6, tol: float = 1e-6) -> GradCheck:
    """Analytic gradients of L (every weight, and h0) beside central finite differences."""
    tr = trace(scenario)
    analytic = dict(tr.grads, h0=tr.dh[0])
    numeric = {}
    for name in WEIGHT_NAMES:
        def loss_with(value, name=name):
            return forward_loss(scenario, weights=dict(scenario.weights, **{name: value}))
        numeric[name] = numeric_gradient(loss_with, scenario.weights[name], eps)
    numeric["h0"] = numeric_gradient(lambda v: forward_loss(scenario, h0=v), scenario.h0, eps)
    rel = {name: relative_error(analytic[name], numeric[name]) for name in analytic}
    return GradCheck(analytic, numeric, rel, max(rel.values()), tol)

"""Central finite differences: an independent check of the analytic BPTT gradients.

A central difference in float64 carries rounding noise of about eps_machine·|L| / eps
(≈ 1e-11·|L| at eps = 1e-5). A gradient that has vanished below that cannot be checked
by relative error: for those the check asks that the absolute error stay under a floor
(`noise_floor`), as numpy's allclose does with its atol.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .scenario import Scenario, weight_names
from .tracing import forward_loss, trace


@dataclass(frozen=True)
class GradCheck:
    """analytic / numeric: name -> array (every weight, and "h0" for dL/dh_0);
    rel_error: name -> ||a - n|| / (||a|| + ||n||) (0 when both are 0); abs_error: name -> ||a - n||;
    noise_floor: absolute errors below it are finite-difference rounding noise;
    ok: name -> rel_error <= tol or abs_error <= noise_floor; max_rel_error over every name."""

    analytic: dict
    numeric: dict
    rel_error: dict
    abs_error: dict
    ok: dict
    max_rel_error: float
    noise_floor: float
    tol: float

    @property
    def passed(self) -> bool:
        return all(self.ok.values())


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


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """||a - b|| / (||a|| + ||b||): 0 for equal arrays, 1 when one of them is zero and the other not."""
    total = np.linalg.norm(a) + np.linalg.norm(b)
    return float(np.linalg.norm(a - b) / total) if total > 0 else 0.0


def gradient_check(scenario: Scenario, eps: float = 1e-5, tol: float = 1e-6) -> GradCheck:
    """Analytic gradients of L (every weight, and h0) beside central finite differences."""
    tr = trace(scenario)
    analytic = dict(tr.grads, h0=tr.dh[0])
    if scenario.cell == "lstm":
        analytic["c0"] = tr.dc[0]
    numeric = {}
    with np.errstate(all="ignore"):
        for name in weight_names(scenario.cell):
            def loss_with(value, name=name):
                return forward_loss(scenario, weights=dict(scenario.weights, **{name: value}))
            numeric[name] = numeric_gradient(loss_with, scenario.weights[name], eps)
        numeric["h0"] = numeric_gradient(lambda v: forward_loss(scenario, h0=v), scenario.h0, eps)
        if scenario.cell == "lstm":
            numeric["c0"] = numeric_gradient(lambda v: forward_loss(scenario, c0=v), scenario.c0, eps)
    floor = 1e-8 * max(1.0, abs(tr.loss))  # ~1000× the rounding noise of one central difference
    rel = {name: relative_error(analytic[name], numeric[name]) for name in analytic}
    err = {name: float(np.linalg.norm(analytic[name] - numeric[name])) for name in analytic}
    ok = {name: bool(rel[name] <= tol or err[name] <= floor) for name in analytic}
    return GradCheck(analytic, numeric, rel, err, ok, max(rel.values()), floor, tol)

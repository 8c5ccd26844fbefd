"""Rows for the tables the pages show: plain dicts of strings and floats, no UI library.

Vectors print as [a, b, …] up to `WIDE` entries and as their norm beyond it, so a table
of T = 1000, n = 128 stays readable and small.
"""

from __future__ import annotations

import numpy as np

from .gradcheck import GradCheck
from .tracing import Trace
from .tutorial import ERRATA

WIDE = 6


def vec(a, digits: int = 4) -> str:
    """A vector as text: '0.7616' for one number, '[0.1, 0.2]' for a few, '‖·‖ = 3.2' for many."""
    a = np.asarray(a, dtype=np.float64).reshape(-1)
    if a.size == 1:
        x = a[0]
        if not np.isfinite(x):  # inputs are finite, so a non-finite value is always an overflow
            return "overflow" if np.isnan(x) else ("∞" if x > 0 else "−∞")
        return f"{x:.{digits}g}" if abs(x) >= 1e5 or (0 < abs(x) < 1e-3) else f"{x:.{digits}f}"
    if a.size <= WIDE:
        return "[" + ", ".join(vec(v, digits) for v in a) + "]"
    with np.errstate(over="ignore", invalid="ignore"):
        norm = np.linalg.norm(a)
    return f"‖·‖ = {vec(norm, digits)} ({a.size} numbers)"


def dh_norms(tr: Trace) -> np.ndarray:
    """||dL/dh_t|| for t = 0..T: (T+1,); inf or nan where the backward pass overflowed."""
    with np.errstate(over="ignore", invalid="ignore"):
        return np.linalg.norm(tr.dh, axis=1)


def forward_rows(tr: Trace) -> list[dict]:
    """One row per step t = 0..T: x_t, z_t (vanilla) or every gate and c_t (LSTM, GRU), h_t, yhat_t,
    l_t (blank where a step has none)."""
    s = tr.scenario
    inner = ("z_t",) if tr.gates is None else tuple(f"{g}_t" for g in tr.gates) + (("c_t",) if tr.c is not None else ())
    rows = [{"t": 0, "x_t": "", **{col: "" for col in inner}, "h_t": vec(tr.h[0]), "ŷ_t": "", "ℓ_t": ""}]
    if tr.c is not None:
        rows[0]["c_t"] = vec(tr.c[0])
    for t in range(1, s.T + 1):
        if tr.gates is None:
            cells = {"z_t": vec(tr.z[t - 1])}
        else:
            cells = {f"{g}_t": vec(v[t - 1]) for g, v in tr.gates.items()}
            if tr.c is not None:
                cells["c_t"] = vec(tr.c[t])
        rows.append({
            "t": t, "x_t": vec(s.inputs[t - 1]), **cells, "h_t": vec(tr.h[t]),
            "ŷ_t": vec(tr.y[t - 1]), "ℓ_t": vec(tr.loss_steps[t - 1]) if tr.loss_mask[t - 1] else "",
        })
    return rows


def backward_rows(tr: Trace) -> list[dict]:
    """One row per step t = T..0: dL/dh_t, ||dL/dh_t||, and f'(z_t), delta_t = dL/dz_t (vanilla) or
    dL/dc_t (LSTM)."""
    rows = []
    for t in range(tr.scenario.T, -1, -1):
        row = {
            "t": t,
            "∂L/∂h_t": vec(tr.dh[t]),
            "‖∂L/∂h_t‖": vec(np.linalg.norm(tr.dh[t])) if np.all(np.isfinite(tr.dh[t])) else "overflow",
        }
        if tr.dz is not None:
            row.update({"f′(z_t)": vec(tr.fprime[t - 1]) if t else "", "δ_t = ∂L/∂z_t": vec(tr.dz[t - 1]) if t else ""})
        if tr.dc is not None:
            row["∂L/∂c_t"] = vec(tr.dc[t])
        rows.append(row)
    return rows


def gradient_rows(tr: Trace) -> list[dict]:
    """One row per parameter: its gradient (or norm), the largest per-step term's step, and the norm."""
    rows = []
    for name, g in tr.grads.items():
        norms = tr.contribution_norms[name]
        rows.append({
            "parameter": name,
            "∂L/∂θ": vec(g),
            "‖∂L/∂θ‖": vec(np.linalg.norm(g)) if np.all(np.isfinite(g)) else "overflow",
            "largest term at t": int(np.argmax(norms)) + 1 if np.all(np.isfinite(norms)) else None,
        })
    return rows


def check_rows(check: GradCheck) -> list[dict]:
    """Analytic beside finite-difference gradients, with the relative error and a verdict."""
    rows = []
    for name in check.analytic:
        rel, ok = check.rel_error[name], check.ok[name]
        below = check.abs_error[name] <= check.noise_floor and rel > check.tol
        rows.append({
            "gradient": "h0" if name == "h0" else name,
            "analytic": vec(check.analytic[name]),
            "finite differences": vec(check.numeric[name]),
            "relative error": vec(rel, 2),
            "check": ("✓ within FD noise" if below else "✓ pass") if ok else "✗ fail",
        })
    return rows


def errata_rows() -> list[dict]:
    """The tutorial's numbers for its §4.3 example beside the correct ones, and why they differ."""
    return [{"quantity": e["quantity"].replace("\\hat y", "ŷ"), "tutorial says": f"{e['tutorial_value']:.4f}",
             "correct": f"{e['correct_value']:.4f}", "why": e["why"]} for e in ERRATA]

"""Rows for the tables the pages show: plain dicts of strings and floats, no UI library.

Vectors print as [a, b, …] up to `WIDE` entries and as their norm beyond it, so a table
of T = 1000, n = 128 stays readable and small.
"""

from __future__ import annotations

import numpy as np

from .gradcheck import GradCheck
from .i18n import _
from .latex import SUBSCRIPT_DIGITS
from .tracing import Trace
from .tutorial import ERRATA

WIDE = 6


def vec(a, digits: int = 4) -> str:
    """A vector as text: '0.7616' for one number, '[0.1, 0.2]' for a few, '‖·‖ = 3.2' for many."""
    a = np.asarray(a, dtype=np.float64).reshape(-1)
    if a.size == 1:
        x = a[0] + 0.0  # -0.0 (nothing, times a negative weight) prints as 0
        if not np.isfinite(x):  # inputs are finite, so a non-finite value is always an overflow
            return _("overflow") if np.isnan(x) else ("∞" if x > 0 else "−∞")
        return f"{x:.{digits}g}" if abs(x) >= 1e5 or (0 < abs(x) < 1e-3) else f"{x:.{digits}f}"
    if a.size <= WIDE:
        return "[" + ", ".join(vec(v, digits) for v in a) + "]"
    with np.errstate(over="ignore", invalid="ignore"):
        norm = np.linalg.norm(a)
    return _("‖·‖ = {norm} ({count} numbers)").format(norm=vec(norm, digits), count=a.size)


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
            "‖∂L/∂h_t‖": vec(np.linalg.norm(tr.dh[t])) if np.all(np.isfinite(tr.dh[t])) else _("overflow"),
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
            _("parameter"): name,
            "∂L/∂θ": vec(g),
            "‖∂L/∂θ‖": vec(np.linalg.norm(g)) if np.all(np.isfinite(g)) else _("overflow"),
            _("largest term at t"): int(np.argmax(norms)) + 1 if np.all(np.isfinite(norms)) else None,
        })
    return rows


def check_rows(check: GradCheck) -> list[dict]:
    """Analytic beside finite-difference gradients, with the relative error and a verdict."""
    rows = []
    for name in check.analytic:
        rel, ok = check.rel_error[name], check.ok[name]
        below = check.abs_error[name] <= check.noise_floor and rel > check.tol
        rows.append({
            _("gradient"): "h0" if name == "h0" else name,
            _("analytic"): vec(check.analytic[name]),
            _("finite differences"): vec(check.numeric[name]),
            _("relative error"): vec(rel, 2),
            _("check"): (_("✓ within FD noise") if below else _("✓ pass")) if ok else _("✗ fail"),
        })
    return rows


def errata_rows() -> list[dict]:
    """The tutorial's numbers for its §4.3 example beside the correct ones, and why they differ."""
    return [{_("quantity"): e["quantity"].replace("\\hat y", "ŷ"), _("tutorial says"): f"{e['tutorial_value']:.4f}",
             _("correct"): f"{e['correct_value']:.4f}", _("why"): _(e["why"])} for e in ERRATA]


# --- what each chart draws, as a table and as one sentence (rnnviz.ui.chart) ---------------------

CHART_ROWS = 200  # a chart's table samples a longer series down to about this many rows


def _sampled(count: int) -> list[int]:
    """Indices 0..count-1, every one up to CHART_ROWS, else evenly spaced (the last one kept)."""
    step = max(1, -(-count // CHART_ROWS))
    indices = list(range(0, count, step))
    if indices[-1] != count - 1:
        indices.append(count - 1)
    return indices


def _listing(values) -> str:
    return ", ".join(vec(v) for v in values)


def states_rows(tr: Trace) -> list[dict]:
    """The home page's bars: h_t and dL/dh_t of the first unit for t = 0..T."""
    unit = "" if tr.scenario.n == 1 else " " + _("(unit 1)")
    return [{"t": t, "h_t" + unit: vec(tr.h[t, 0]), "∂L/∂h_t" + unit: vec(tr.dh[t, 0])}
            for t in _sampled(tr.scenario.T + 1)]


def states_summary(tr: Trace) -> str:
    text = _("Bars for t = 0 to {T}: the hidden state h_t is {h}; the gradient reaching it, ∂L/∂h_t, is {dh}.")
    text = text.format(T=tr.scenario.T, h=_listing(tr.h[:, 0]), dh=_listing(tr.dh[:, 0]))
    return text if tr.scenario.n == 1 else text + " " + _("(unit 1)")


def forward_summary(tr: Trace) -> str:
    """The forward graph in one sentence: every h_t, the last output and the loss."""
    s = tr.scenario
    values = ", ".join(f"h{t}".translate(SUBSCRIPT_DIGITS) + f" = {vec(tr.h[t])}" for t in range(1, s.T + 1))
    return _("The network unrolled over {T} steps: {values}, ŷ{T_sub} = {yhat} and L = {loss}; the timeline "
             "under it (or ▶) steps through the updates.").format(T=s.T, values=values, T_sub=str(s.T).translate(SUBSCRIPT_DIGITS),
                                yhat=vec(tr.y[-1]), loss=vec(tr.loss))


def backward_chart_rows(tr: Trace, flows: dict) -> list[dict]:
    """The backward graph's numbers: backward_rows with the ŷ_t and x_t nodes' (dL/dyhat_t, and
    dL/do_t on the way to h_t; dL/dx_t), and the norm of the gradient flowing back along the edges
    into h_{t-1} and x_t (what the edges' width and colour show)."""
    back_h, back_x = _("‖gradient‖ back along hₜ → hₜ₋₁"), _("‖gradient‖ back along hₜ → xₜ")
    rows, dx = [], tr.dx
    for row in backward_rows(tr):  # in the order backprop takes: ŷ_t, o_t, h_t, z_t, then x_t
        t = row.pop("t")
        first = {"t": t, "∂L/∂ŷ_t": vec(tr.dy[t - 1]) if t >= 1 else "", "∂L/∂o_t": vec(tr.do[t - 1]) if t >= 1 else ""}
        rows.append({**first, **row, "∂L/∂x_t": vec(dx[t - 1]) if t >= 1 else "",
                     back_h: vec(flows[(f"h{t - 1}", f"h{t}")]) if t >= 1 else "",
                     back_x: vec(flows[(f"x{t}", f"h{t}")]) if t >= 1 else ""})
    return rows


def backward_summary(tr: Trace, flows: dict) -> str:
    """The backward graph in one sentence: dL/dh_t from the last step back to h_0, and the flows."""
    s = tr.scenario
    values = ", ".join(f"∂L/∂h{t}".translate(SUBSCRIPT_DIGITS) + f" = {vec(tr.dh[t])}" for t in range(s.T, -1, -1))
    finite = [v for v in flows.values() if np.isfinite(v) and v > 0]
    if not finite:
        return _("The gradient flows back from L = {loss} to h₀: {values}.").format(loss=vec(tr.loss), values=values)
    return _("The gradient flows back from L = {loss} to h₀ ({values}); edge width and colour show the gradient "
             "along each edge, from {low} to {high} on a log scale.").format(
        loss=vec(tr.loss), values=values, low=vec(min(finite)), high=vec(max(finite)))


def contribution_table(rows: list[dict]) -> list[dict]:
    """rnnviz.steps.contribution_rows with translated column names."""
    names = {"parameter": _("parameter"), "total": _("total")}
    return [{names.get(key, key): value for key, value in row.items()} for row in rows]


def contributions_summary(rows: list[dict]) -> str:
    """The stacked bars in one sentence: the largest gradient and the largest single term."""
    if not rows:
        return ""
    with np.errstate(invalid="ignore"):
        biggest = max(rows, key=lambda r: abs(r["total"]) if np.isfinite(r["total"]) else -1.0)
        terms = [(abs(v) if np.isfinite(v) else -1.0, r["parameter"], key, v)
                 for r in rows for key, v in r.items() if key.startswith("t = ")]
    _size, name, step, value = max(terms)
    return _("Each bar stacks one parameter element's per-step terms and the diamond marks their sum, the "
             "gradient: the largest is {name} = {total}, and the largest single term is {term_name}'s from "
             "{step}, {term}.").format(name=biggest["parameter"], total=vec(biggest["total"]),
                                          term_name=name, step=step, term=vec(value))


def gradient_flow_rows(tr: Trace) -> list[dict]:
    """The trace page's two panels: ||dL/dh_t|| for t = 0..T and each parameter's per-step term
    norm (sampled for long sequences)."""
    norms = dh_norms(tr)
    columns = {name: _("‖term of {name}‖").format(name=name) for name in tr.contribution_norms}
    rows = []
    for t in _sampled(len(norms)):
        row = {"t": t, "‖∂L/∂h_t‖": vec(norms[t])}
        for name, values in tr.contribution_norms.items():
            row[columns[name]] = vec(values[t - 1]) if t >= 1 else ""
        rows.append(row)
    return rows


def gradient_flow_summary(tr: Trace) -> str:
    """The trace page's chart in one sentence: ||dL/dh_t|| at both ends and the largest term."""
    norms = dh_norms(tr)
    T = tr.scenario.T
    best = None
    for name, values in tr.contribution_norms.items():
        values = np.asarray(values, dtype=np.float64)
        if np.any(np.isfinite(values)):
            t = int(np.nanargmax(np.where(np.isfinite(values), values, np.nan)))
            if best is None or values[t] > best[0]:
                best = (values[t], name, t + 1)
    if best is None:
        return _("‖∂L/∂h_t‖ is {end} at the last step (t = {T}) and {start} at t = 0 (log scale).").format(
            end=vec(norms[T]), T=T, start=vec(norms[0]))
    return _("‖∂L/∂h_t‖ is {end} at the last step (t = {T}) and {start} at t = 0 (log scale), and the largest "
             "per-step term is {name}'s, {value} at t = {t}.").format(
        end=vec(norms[T]), T=T, start=vec(norms[0]), name=best[1], value=vec(best[0]), t=best[2])

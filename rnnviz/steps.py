"""What the unrolled graph shows at each step: nodes, edges, highlights and the step's equations.

Pure data for the chart builder (rnnviz.charts_unrolled): positions, labels and HTML-lite text
(<sub>, <sup>, <b>, <br>: the chart's tooltips show it as HTML, its labels as ECharts rich text),
one frame per step. Time index t = 0..T as on screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .activations import ACTIVATIONS, OUTPUTS, sigmoid_slope
from .i18n import _
from .latex import SUBSCRIPT_DIGITS
from .tracing import Trace

# rows of the unrolled graph
ROW_X, ROW_H, ROW_Y, ROW_L = 0.0, 1.0, 2.0, 3.0
F_NAMES = {"tanh": "tanh", "sigmoid": "σ", "relu": "ReLU", "linear": "id"}
G_NAMES = {"identity": "id", "sigmoid": "σ", "softmax": "softmax"}
assert set(F_NAMES) == set(ACTIVATIONS) and set(G_NAMES) == set(OUTPUTS)


def num(x: float, digits: int = 4) -> str:
    """A number for the graph: fixed point, a·10^b outside [1e-3, 1e5), 'overflow' if not finite."""
    x = float(x) + 0.0  # -0.0 (a gradient of exactly nothing, times -1) prints as 0
    if not np.isfinite(x):
        return _("overflow") if np.isnan(x) else ("∞" if x > 0 else "−∞")
    if x == 0 or 1e-3 <= abs(x) < 1e5:
        text = f"{x:.{digits}f}"
        return text.split(".")[0] if x == int(x) else text
    mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
    return f"{mantissa}·10<sup>{int(exponent)}</sup>"


def arr(a, digits: int = 4) -> str:
    """A scalar as a number; a vector as [a, b]; a matrix as [a b; c d] (rows by ';')."""
    a = np.asarray(a, dtype=np.float64)
    if a.size == 1:
        return num(a.reshape(-1)[0], digits)
    if a.ndim == 1:
        return "[" + ", ".join(num(v, digits) for v in a) + "]"
    return "[" + "; ".join(" ".join(num(v, digits) for v in row) for row in a) + "]"


def node(a) -> str:
    """A value beside a node, where room is short: a number to 4 decimals; a short vector of
    ordinary numbers to 2 decimals each; anything longer as its norm. The step's equations
    under the graph give every entry."""
    a = np.asarray(a, dtype=np.float64).reshape(-1)
    if a.size == 1:
        return num(a[0])
    ordinary = np.all((a == 0) | ((np.abs(a) >= 1e-2) & (np.abs(a) < 1e3)))
    if a.size <= 3 and ordinary:
        return arr(a, 2)
    with np.errstate(over="ignore", invalid="ignore"):
        return f"‖·‖ = {num(np.linalg.norm(a), 2)}"


def sub(name: str, index) -> str:
    return f"{name}<sub>{index}</sub>"


@dataclass
class Graph:
    """The unrolled graph's fixed part. nodes: id -> (x, y, symbol); edges: (from id, to id)."""

    nodes: dict = field(default_factory=dict)
    edges: list = field(default_factory=list)


@dataclass
class Frame:
    """One step. label: the step's name on the timeline; values: node id -> text under the symbol (missing: not
    computed yet); current: node ids to highlight; active_edges: edges to highlight; text: the
    step's equations, one per line."""

    label: str
    values: dict
    current: set
    active_edges: set
    text: list


def unrolled_graph(T: int, loss_at: str) -> Graph:
    """x_t → h_t ← h_{t-1}, h_t → ŷ_t, and ŷ_T (or every ŷ_t) → L."""
    g = Graph()
    for t in range(T + 1):
        g.nodes[f"h{t}"] = (t, ROW_H, sub("h", t))
    for t in range(1, T + 1):
        g.nodes[f"x{t}"] = (t, ROW_X, sub("x", t))
        g.nodes[f"y{t}"] = (t, ROW_Y, sub("ŷ", t))
        g.edges += [(f"x{t}", f"h{t}"), (f"h{t - 1}", f"h{t}"), (f"h{t}", f"y{t}")]
    loss_steps = [T] if loss_at == "last" else list(range(1, T + 1))
    g.nodes["L"] = ((T + 1) / 2 if loss_at == "every" else T, ROW_L, "L")
    g.edges += [(f"y{t}", "L") for t in loss_steps]
    return g


def _step_equations(tr: Trace, t: int) -> list[str]:
    s, w = tr.scenario, tr.scenario.weights
    f, g = F_NAMES[s.activation], G_NAMES[s.output]
    return [
        f"{sub('z', t)} = W<sub>xh</sub>{sub('x', t)} + W<sub>hh</sub>{sub('h', t - 1)} + b<sub>h</sub>"
        f" = {arr(w['W_xh'])}·{arr(s.inputs[t - 1])} + {arr(w['W_hh'])}·{arr(tr.h[t - 1])} + {arr(w['b_h'])}"
        f" = <b>{arr(tr.z[t - 1])}</b>",
        f"{sub('h', t)} = {f}({sub('z', t)}) = <b>{arr(tr.h[t])}</b>",
        f"{sub('ŷ', t)} = {g}(W<sub>hy</sub>{sub('h', t)} + b<sub>y</sub>) = {g}({arr(tr.o[t - 1])})"
        f" = <b>{arr(tr.y[t - 1])}</b>",
    ]


def forward_frames(tr: Trace) -> tuple[Graph, list[Frame]]:
    """Frames t = 0..T: h_t computed from x_t and h_{t-1}, then ŷ_t; L at the last step."""
    s = tr.scenario
    graph = unrolled_graph(s.T, s.loss_at)
    frames = []
    values = {"h0": node(tr.h[0])}
    frames.append(Frame("t = 0", dict(values), {"h0"}, set(),
                        [_("{h0} = <b>{value}</b> (given)").format(h0=sub('h', 0), value=arr(tr.h[0]))]))
    for t in range(1, s.T + 1):
        values.update({f"x{t}": node(s.inputs[t - 1]), f"h{t}": node(tr.h[t]), f"y{t}": node(tr.y[t - 1])})
        text = _step_equations(tr, t)
        current = {f"x{t}", f"h{t - 1}", f"h{t}", f"y{t}"}
        edges = {(f"x{t}", f"h{t}"), (f"h{t - 1}", f"h{t}"), (f"h{t}", f"y{t}")}
        if t == s.T:
            values["L"] = num(tr.loss)
            current.add("L")
            edges |= {e for e in graph.edges if e[1] == "L"}
            text.append(loss_line(tr))
        frames.append(Frame(f"t = {t}", dict(values), current, edges, text))
    return graph, frames


def edge_gradients(tr: Trace) -> dict:
    """The norm of the gradient flowing back along each edge of the unrolled graph.

    Along an edge a → b flows the part of dL/da that comes from b: (h_{t-1}, h_t): W_hh^T δ_t;
    (x_t, h_t): W_xh^T δ_t (= dL/dx_t); (h_t, ŷ_t): W_hy^T dL/do_t; (ŷ_t, L): dL/dŷ_t. δ_t = dL/dz_t."""
    s, w = tr.scenario, tr.scenario.weights
    with np.errstate(all="ignore"):
        flows, dx = {}, tr.dx
        for t in range(1, s.T + 1):
            dz, do = tr.dz[t - 1], tr.do[t - 1]
            flows[(f"h{t - 1}", f"h{t}")] = float(np.linalg.norm(dz @ w["W_hh"]))
            flows[(f"x{t}", f"h{t}")] = float(np.linalg.norm(dx[t - 1]))
            flows[(f"h{t}", f"y{t}")] = float(np.linalg.norm(do @ w["W_hy"]))
            if tr.loss_mask[t - 1]:
                flows[(f"y{t}", "L")] = float(np.linalg.norm(tr.dy[t - 1]))
    return flows


# each loss of one output (k = 1), as the forward graph's last frame writes it
LOSSES = {"mse": "({yh} − {y})<sup>2</sup>", "bce": "−[{y} log {yh} + (1 − {y}) log(1 − {yh})]", "ce": "−{y} log {yh}"}


def loss_line(tr: Trace) -> str:
    """L at the last step of the forward pass: for one output, the loss's formula and its numbers."""
    s = tr.scenario
    T, value = s.T, num(tr.loss)
    if s.loss_at == "every":
        return _("L = {loss} summed over t = <b>{value}</b>").format(loss=s.loss, value=value)
    if s.k > 1:
        return f"L = {s.loss}({sub('ŷ', T)}, {sub('y', T)}) = <b>{value}</b>"
    yh, y = tr.y[-1, 0], s.targets[0, 0]
    numbers = {"mse": f"({num(yh)} − {num(y)})<sup>2</sup>",
               "bce": f"−[{num(y)}·log {num(yh)} + {num(1 - y)}·log {num(1 - yh)}]",
               "ce": f"−{num(y)}·log {num(yh)}"}[s.loss]
    return f"L = {LOSSES[s.loss].format(yh=sub('ŷ', T), y=sub('y', T))} = {numbers} = <b>{value}</b>"


# dℓ/dŷ of each loss, per output (ℓ averages mse and bce over the k outputs, so they carry 1/k)
SLOPES = {"mse": "2({yh} − {y})", "bce": "({yh} − {y}) / ({yh}(1 − {yh}))", "ce": "−{y} / {yh}"}


def output_chain(tr: Trace, t: int, target_row: int) -> list[str]:
    """Where backprop starts, at a step t with a loss: ∂L/∂ŷ_t, the loss's slope (for one output
    with its numbers written in), then ∂L/∂o_t back through g. target_row: the target's row."""
    s = tr.scenario
    yhat, y, dy, do = tr.y[t - 1], s.targets[target_row], tr.dy[t - 1], tr.do[t - 1]
    per_output = "" if s.k == 1 or s.loss == "ce" else f" / {s.k}"
    slope = SLOPES[s.loss].format(yh=sub("ŷ", t), y=sub("y", t)) + per_output
    if s.k == 1:
        # between numbers, 0.6552·(1 − 0.6552): without the dot it reads as a function call
        slope += " = " + SLOPES[s.loss].format(yh=num(yhat[0]), y=num(y[0])).replace("(1 − ", "·(1 − ")
    lines = [f"∂L/∂{sub('ŷ', t)} = {slope} = <b>{arr(dy)}</b>"]
    if s.output == "identity":
        lines.append(f"∂L/∂{sub('o', t)} = ∂L/∂{sub('ŷ', t)} (g = id) = <b>{arr(do)}</b>")
    elif s.output == "sigmoid":
        lines.append(f"∂L/∂{sub('o', t)} = σ′({sub('o', t)}) ⊙ ∂L/∂{sub('ŷ', t)} = {arr(sigmoid_slope(tr.o[t - 1]))} ⊙ {arr(dy)}"
                     f" = <b>{arr(do)}</b>")
    else:  # softmax: every output depends on every logit
        lines.append(f"∂L/∂{sub('o', t)} = (diag({sub('ŷ', t)}) − {sub('ŷ', t)}{sub('ŷ', t)}<sup>T</sup>) "
                     f"∂L/∂{sub('ŷ', t)} = <b>{arr(do)}</b>")
    return lines


def backward_frames(tr: Trace) -> tuple[Graph, list[Frame]]:
    """Frames from L back to h_0: first dL/dŷ and dL/do at the outputs, then dL/dh_t (with δ_t and
    dL/dx_t) for t = T..0."""
    s, w = tr.scenario, tr.scenario.weights
    graph = unrolled_graph(s.T, s.loss_at)
    frames, values, dx = [], {"L": "1"}, tr.dx
    loss_steps = np.flatnonzero(tr.loss_mask) + 1
    for t in loss_steps:
        values[f"y{t}"] = node(tr.dy[t - 1])
    # the chain rule at the last loss step in full; the others' results are on their nodes (the
    # text under the graph has room for about four lines)
    out_lines = output_chain(tr, int(loss_steps[-1]), len(loss_steps) - 1)
    if len(loss_steps) > 1:
        out_lines.append(_("and likewise at t = {steps}, each step's own loss").format(
            steps=", ".join(str(t) for t in loss_steps[:-1])))
    frames.append(Frame("∂L/∂ŷ", dict(values), {"L"} | {f"y{t}" for t in loss_steps},
                        {e for e in graph.edges if e[1] == "L"}, out_lines))
    for t in range(s.T, -1, -1):
        values[f"h{t}"] = node(tr.dh[t])
        if t >= 1:  # reached with h_t: the input's gradient W_xh^T δ_t, and a loss-free output's 0
            values[f"x{t}"] = node(dx[t - 1])
            values.setdefault(f"y{t}", node(tr.dy[t - 1]))
        lines = []
        own = t >= 1 and bool(tr.loss_mask[t - 1])
        if t == s.T:
            lines.append(f"∂L/∂{sub('h', t)} = W<sub>hy</sub><sup>T</sup>∂L/∂{sub('o', t)}"
                         f" = {arr(w['W_hy'].T)}·{arr(tr.do[t - 1])} = <b>{arr(tr.dh[t])}</b>")
            edges = {(f"h{t}", f"y{t}")}
        else:
            head = (f"W<sub>hy</sub><sup>T</sup>∂L/∂{sub('o', t)} + " if own else "")
            nums = (f"{arr(tr.dh[t] - tr.dz[t] @ w['W_hh'])} + " if own else "")
            lines.append(f"∂L/∂{sub('h', t)} = {head}W<sub>hh</sub><sup>T</sup>(f′({sub('z', t + 1)}) ⊙ ∂L/∂{sub('h', t + 1)})")
            lines.append(f"= {nums}{arr(w['W_hh'].T)}·({arr(tr.fprime[t])} ⊙ {arr(tr.dh[t + 1])}) = <b>{arr(tr.dh[t])}</b>")
            edges = {(f"h{t}", f"h{t + 1}")} | ({(f"h{t}", f"y{t}")} if own else set())
        current = {f"h{t}"}
        if t >= 1:  # through f′(z_t) to δ_t, and on from there to the input x_t (its node's number)
            lines.append(f"δ<sub>{t}</sub> = ∂L/∂{sub('z', t)} = f′({sub('z', t)}) ⊙ ∂L/∂{sub('h', t)}"
                         f" = {arr(tr.fprime[t - 1])} ⊙ {arr(tr.dh[t])} = <b>{arr(tr.dz[t - 1])}</b>")
            lines.append(f"∂L/∂{sub('x', t)} = W<sub>xh</sub><sup>T</sup>δ<sub>{t}</sub>"
                         f" = {arr(w['W_xh'].T)}·{arr(tr.dz[t - 1])} = <b>{arr(dx[t - 1])}</b>")
            current.add(f"x{t}")
            edges.add((f"x{t}", f"h{t}"))
        frames.append(Frame(f"∂L/∂h{t}".translate(SUBSCRIPT_DIGITS), dict(values), current, edges, lines))
    return graph, frames


def contribution_rows(tr: Trace) -> list[dict]:
    """Every parameter element's gradient as its per-step terms: one row per element, with the
    terms at t = 1..T and their total. Needs a trace made with contributions=True."""
    terms = tr.contributions
    rows = []
    for name, total in tr.grads.items():
        for index in np.ndindex(total.shape):
            label = name + ("" if total.ndim == 0 else f"[{','.join(str(i + 1) for i in index)}]")
            row = {"parameter": label}
            for t in range(tr.scenario.T):
                row[f"t = {t + 1}"] = float(terms[name][(t,) + index])
            row["total"] = float(total[index])
            rows.append(row)
    return rows

"""What the LSTM & GRU page writes: the equations, the tutorial's §4.4 errata, and one step of a
cell with its numbers, and the three cells' chart in words and numbers (pure Python and NumPy: no UI library)."""

from __future__ import annotations

import numpy as np

from .cell_flow import CELL_NAMES
from .flow_text import number, sentences
from .i18n import N_, _
from .latex import fmt
from .tracing import Trace

LSTM_LATEX = (
    r"\begin{aligned}"
    r"i_t &= \sigma(W_{ii}x_t + b_{ii} + W_{hi}h_{t-1} + b_{hi}) & f_t &= \sigma(W_{if}x_t + b_{if} + W_{hf}h_{t-1} + b_{hf})\\"
    r"g_t &= \tanh(W_{ig}x_t + b_{ig} + W_{hg}h_{t-1} + b_{hg}) & o_t &= \sigma(W_{io}x_t + b_{io} + W_{ho}h_{t-1} + b_{ho})\\"
    r"c_t &= f_t \odot c_{t-1} + i_t \odot g_t & h_t &= o_t \odot \tanh(c_t)"
    r"\end{aligned}"
)
GRU_LATEX = (
    r"\begin{aligned}"
    r"r_t &= \sigma(W_{ir}x_t + b_{ir} + W_{hr}h_{t-1} + b_{hr}) & z_t &= \sigma(W_{iz}x_t + b_{iz} + W_{hz}h_{t-1} + b_{hz})\\"
    r"n_t &= \tanh\big(W_{in}x_t + b_{in} + r_t \odot (W_{hn}h_{t-1} + b_{hn})\big) & h_t &= (1 - z_t) \odot n_t + z_t \odot h_{t-1}"
    r"\end{aligned}"
)
TUTORIAL_LSTM = (r"C_{t+1} = \text{sigmoid}(f \odot \text{sigmoid}(i \odot \text{sigmoid}(g) \odot C_t"
                 r" + \text{sigmoid}(o) \odot f \odot h_t)")
TUTORIAL_GRU = (r"C_{t+1} = \text{sigmoid}(z) \odot C_t + \text{sigmoid}(o) \odot \tanh(C_t + W \cdot"
                r" \text{sigmoid}(g) \cdot h_t)")
TUTORIAL_LSTM_WRONG = N_(
    "The tutorial's LSTM (§4.4.1) squashes the new cell state through a sigmoid and multiplies the forget gate "
    "in twice; the gates are never computed from x_t and h_{t−1}; and there is no h_t = o ⊙ tanh(c_t). "
    "The cell state must be a plain sum, f ⊙ c_{t−1} + i ⊙ g: that sum is what lets the gradient through."
)
TUTORIAL_GRU_WRONG = N_(
    "The tutorial's GRU (§4.4.2) has a cell state C and an output gate o, which a GRU does not have (that is "
    "the point of it: one state h, two gates r and z), and no reset gate; and the two terms are not the convex "
    "mix (1 − z) ⊙ n + z ⊙ h_{t−1} that carries h_{t−1} over."
)
WHY_GATES = N_(
    "Why gates keep the gradient alive: in the LSTM, ∂c_t/∂c_{t−1} = diag(f_t) through the sum, with no weight "
    "matrix and no squashing in between. With f ≈ 1 (a forget-gate bias of 1 to 3) the gradient on the cell state "
    "passes back almost unchanged for many steps. In the GRU the update gate z plays that part: h_t = (1 − z) ⊙ n "
    "+ z ⊙ h_{t−1}, so ∂h_t/∂h_{t−1} contains diag(z_t). The vanilla RNN has only W_hh and tanh′ ≤ 1 at every step."
)


def _vec(v: np.ndarray) -> str:
    return r"\begin{bmatrix}" + r"\\".join(fmt(float(x)) for x in v) + r"\end{bmatrix}"


def step_latex(tr: Trace, t: int) -> list[str]:
    """Step t's forward equations of a gated trace with its numbers: each gate, c_t (LSTM), h_t."""
    s, w = tr.scenario, tr.scenario.weights
    n = s.n
    pre = w["W_ih"] @ s.inputs[t - 1] + w["b_ih"]
    hid = w["W_hh"] @ tr.h[t - 1] + w["b_hh"]
    lines = []
    if s.cell == "lstm":
        for block, name, fn in ((0, "i", r"\sigma"), (1, "f", r"\sigma"), (2, "g", r"\tanh"), (3, "o", r"\sigma")):
            a = pre[block * n:(block + 1) * n] + hid[block * n:(block + 1) * n]
            lines.append(rf"{name}_{t} &= {fn}\left({_vec(a)}\right) = {_vec(tr.gates[name][t - 1])}")
        lines.append(rf"c_{t} &= f_{t} \odot c_{{{t - 1}}} + i_{t} \odot g_{t} = {_vec(tr.gates['f'][t - 1])} \odot "
                     rf"{_vec(tr.c[t - 1])} + {_vec(tr.gates['i'][t - 1])} \odot {_vec(tr.gates['g'][t - 1])} = {_vec(tr.c[t])}")
        lines.append(rf"h_{t} &= o_{t} \odot \tanh(c_{t}) = {_vec(tr.gates['o'][t - 1])} \odot \tanh{_vec(tr.c[t])}"
                     rf" = {_vec(tr.h[t])}")
    else:
        r, z, cand = (tr.gates[g][t - 1] for g in "rzn")
        lines.append(rf"r_{t} &= \sigma\left({_vec(pre[:n] + hid[:n])}\right) = {_vec(r)}")
        lines.append(rf"z_{t} &= \sigma\left({_vec(pre[n:2 * n] + hid[n:2 * n])}\right) = {_vec(z)}")
        lines.append(rf"n_{t} &= \tanh\left({_vec(pre[2 * n:])} + {_vec(r)} \odot {_vec(hid[2 * n:])}\right) = {_vec(cand)}")
        lines.append(rf"h_{t} &= (1 - z_{t}) \odot n_{t} + z_{t} \odot h_{{{t - 1}}} = {_vec(1 - z)} \odot {_vec(cand)}"
                     rf" + {_vec(z)} \odot {_vec(tr.h[t - 1])} = {_vec(tr.h[t])}")
    return lines


def backward_latex(tr: Trace, t: int) -> list[str]:
    """Step t's backward quantities with numbers: dL/dh_t, and dL/dc_t through the sum (LSTM)."""
    lines = [rf"\frac{{\partial L}}{{\partial h_{t}}} &= {_vec(tr.dh[t])}"]
    if tr.dc is None:  # GRU: z_t carries h_{t-1} over directly, the rest goes back through the gates
        direct = tr.dh[t] * tr.gates["z"][t - 1]
        through = tr.dh[t - 1] - direct
        lines.append(
            rf"\frac{{\partial L}}{{\partial h_{{{t - 1}}}}} &= \frac{{\partial L}}{{\partial h_{t}}} \odot z_{t}"
            rf" + (\text{{{_('through')} }} r_{t}, z_{t}, n_{t}) = {_vec(tr.dh[t])} \odot {_vec(tr.gates['z'][t - 1])}"
            rf" + {_vec(through)} = {_vec(tr.dh[t - 1])}")
    if tr.dc is not None:
        f_next = tr.gates["f"][t] if t < tr.scenario.T else np.zeros(tr.scenario.n)
        dc_next = tr.dc[t + 1] if t < tr.scenario.T else np.zeros(tr.scenario.n)
        tc = np.tanh(tr.c[t])
        lines.append(
            rf"\frac{{\partial L}}{{\partial c_{t}}} &= f_{{{t + 1}}} \odot \frac{{\partial L}}{{\partial c_{{{t + 1}}}}}"
            rf" + \frac{{\partial L}}{{\partial h_{t}}} \odot o_{t} \odot (1 - \tanh^2 c_{t}) \\"
            rf" &= {_vec(f_next)} \odot {_vec(dc_next)} + {_vec(tr.dh[t])} \odot {_vec(tr.gates['o'][t - 1])}"
            rf" \odot {_vec(1 - tc * tc)} = {_vec(tr.dc[t])}")
    return lines


# --- the three cells' chart (rnnviz.charts_flow.cells_figure) ----------------------------------

COMPARED = (("rnn", "‖∂L/∂h_k‖"), ("lstm", "‖∂L/∂c_k‖"), ("gru", "‖∂L/∂h_k‖"))  # the metrics under it


def metric_label(cell: str, norm: str, lag: int) -> str:
    """"LSTM ‖∂L/∂c_k‖ at lag 50"."""
    return _("{cell} {norm} at lag {lag}").format(cell=_(CELL_NAMES[cell]), norm=norm, lag=lag)


def curve_name(cell: str, norm: str) -> str:
    """A curve of the cells' chart: the cell's name and the norm ("LSTM: ‖∂L/∂c_k‖")."""
    return f"{_(CELL_NAMES[cell])}: {norm}"


def cells_summary(norms: dict, T: int, lag: int) -> str:
    """The chart in one sentence: each curve's norm at `lag`, and how many times the vanilla RNN's
    gradient the LSTM's cell state keeps there.

    norms: cell -> {label: (T+1,) norms over k}, as cells_figure takes them."""
    k = T - lag
    values = "; ".join(f"{curve_name(cell, label)} = {number(float(curve[k]))}"
                       for cell, curves in norms.items() for label, curve in curves.items())
    sentence = _("Over {T} steps, the gradient from the last step at lag {lag}: {values}.").format(
        T=T, lag=lag, values=values)
    vanilla, cell_state = norms.get("rnn", {}).get("‖∂L/∂h_k‖"), norms.get("lstm", {}).get("‖∂L/∂c_k‖")
    if vanilla is not None and cell_state is not None and float(vanilla[k]) > 0:
        with np.errstate(all="ignore"):
            ratio = float(cell_state[k]) / float(vanilla[k])
        kept = _("The LSTM's cell state keeps {ratio} times the vanilla RNN's gradient there.").format(ratio=number(ratio))
        sentence = sentences([sentence, kept])
    return sentence


def cells_rows(norms: dict, T: int) -> list[dict]:
    """One row per lag T − k, 0..T, one column per curve: the numbers cells_figure draws."""
    lag_column = _("lag T − k")
    curves = [(curve_name(cell, label), curve) for cell, per_cell in norms.items() for label, curve in per_cell.items()]
    return [{lag_column: T - k, **{name: number(float(curve[k])) for name, curve in curves}}
            for k in range(T, -1, -1)]

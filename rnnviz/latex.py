"""The equations of a trace as LaTeX, with the scenario's numbers written in.

Vectors are columns, as in the maths; a 1×1 array prints as a plain number, so the
tutorial's scalar example reads as arithmetic. Time index t runs 1..T as on screen.
"""

from __future__ import annotations

import math

import numpy as np

from .activations import ACTIVATIONS, OUTPUTS, sigmoid_slope
from .i18n import _
from .tracing import Trace


SUBSCRIPT_DIGITS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")  # for labels outside LaTeX: h₁, ŷ₂


def fmt(x: float, digits: int = 4) -> str:
    """A number for LaTeX: fixed point in the usual range, a×10^b outside it, ∞ for overflow."""
    x = float(x)
    if math.isnan(x):  # inputs are finite: NaN only ever follows an overflow (inf − inf, 0·inf)
        return r"\text{" + _("overflow") + "}"
    if math.isinf(x):
        return r"\infty" if x > 0 else r"-\infty"
    if x == 0:
        return "0"
    if 1e-3 <= abs(x) < 1e5:
        text = f"{x:.{digits}f}"
        return text.split(".")[0] if x == int(x) else text  # 1.0000 -> 1; 0.6420 keeps its digits
    mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
    mantissa = mantissa.rstrip("0").rstrip(".")
    return rf"{mantissa}\times 10^{{{int(exponent)}}}"


def tex(a, digits: int = 4) -> str:
    """An array as LaTeX: a number if it holds one, a column if it is a vector, else a bmatrix."""
    a = np.asarray(a, dtype=np.float64)
    if a.size == 1:
        return fmt(a.reshape(-1)[0], digits)
    rows = a.reshape(-1, 1) if a.ndim == 1 else a
    body = r" \\ ".join(" & ".join(fmt(v, digits) for v in row) for row in rows)
    return r"\begin{bmatrix}" + body + r"\end{bmatrix}"


def times(a, b, op: str = "") -> str:
    """a·b in LaTeX: juxtaposed for matrix products, with \\cdot when a is a number.

    op="odot" gives the elementwise product (\\odot, or \\cdot between numbers)."""
    a, b = np.asarray(a), np.asarray(b)
    if op == "odot":
        return tex(a) + (r" \cdot " if a.size == 1 and b.size == 1 else r" \odot ") + tex(b)
    return left_factor(a) + tex(b)


def left_factor(a) -> str:
    """a as the left factor of a product: a number takes a \\cdot, a matrix is juxtaposed."""
    a = np.asarray(a)
    return tex(a) + (r" \cdot " if a.size == 1 else r"\,")


def chain(lhs: str, *steps: str) -> str:
    """lhs = step_1 = step_2 = … one step per line, aligned on '=': narrow enough for a projector."""
    body = r" \\ ".join(rf"&= {step}" for step in steps)
    return rf"\begin{{aligned}} {lhs} {body} \end{{aligned}}"


def stack(blocks) -> str:
    """Several equations (or aligned blocks) as one display, one under another: a page draws one
    st.latex instead of many, and each costs the browser a KaTeX element."""
    return r"\begin{gathered} " + r" \\[10pt] ".join(blocks) + r" \end{gathered}"


def model_equations(activation: str = "tanh", output: str = "sigmoid") -> list[str]:
    """The cell's two equations with the named f and g."""
    f, g = ACTIVATIONS[activation]["latex"], OUTPUTS[output]["latex"]
    return [
        rf"h_t = {f}\left(W_{{xh}}\,x_t + W_{{hh}}\,h_{{t-1}} + b_h\right)",
        rf"\hat y_t = {g}\left(W_{{hy}}\,h_t + b_y\right)",
    ]


QUESTION = r"\boxed{\;?\;}"  # where a number stays hidden until it is revealed (predict, then reveal)


def forward_step(tr: Trace, t: int, hide: bool = False) -> str:
    """h_t with symbols, then with numbers, then the value (t = 1..T); hide: the value as a question."""
    s, w = tr.scenario, tr.scenario.weights
    f = ACTIVATIONS[s.activation]["latex"]
    return chain(
        rf"h_{{{t}}}",
        rf"{f}\left(W_{{xh}} x_{{{t}}} + W_{{hh}} h_{{{t - 1}}} + b_h\right)",
        rf"{f}\left({times(w['W_xh'], s.inputs[t - 1])} + {times(w['W_hh'], tr.h[t - 1])} + {tex(w['b_h'])}\right)",
        QUESTION if hide else rf"{f}\left({tex(tr.z[t - 1])}\right) = {tex(tr.h[t])}",
    )


def output_step(tr: Trace, t: int) -> str:
    """yhat_t with symbols, numbers and value."""
    s, w = tr.scenario, tr.scenario.weights
    g = OUTPUTS[s.output]["latex"]
    return chain(
        rf"\hat y_{{{t}}}",
        rf"{g}\left(W_{{hy}} h_{{{t}}} + b_y\right)",
        rf"{g}\left({times(w['W_hy'], tr.h[t])} + {tex(w['b_y'])}\right)",
        rf"{g}\left({tex(tr.o[t - 1])}\right) = {tex(tr.y[t - 1])}",
    )


# with one output (k = 1) the sums over j drop out
LOSS_FORMULAS_K1 = {
    "mse": r"(\hat y_t - y_t)^2",
    "bce": r"-\left[y_t\log \hat y_t + (1-y_t)\log(1-\hat y_t)\right]",
    "ce": r"-y_t\log \hat y_t",
}
LOSS_FORMULAS = {
    "mse": r"\frac{1}{k}\sum_j (\hat y_{t,j} - y_{t,j})^2",
    "bce": r"-\frac{1}{k}\sum_j \left[y_{t,j}\log \hat y_{t,j} + (1-y_{t,j})\log(1-\hat y_{t,j})\right]",
    "ce": r"-\sum_j y_{t,j}\log \hat y_{t,j}",
}


def loss_line(tr: Trace) -> str:
    """L as the loss formula and its value; for one step with k = 1, the numbers written in."""
    s = tr.scenario
    step = rf"\ell_{{{s.T}}}" if s.loss_at == "last" else rf"\sum_{{t=1}}^{{{s.T}}} \ell_t"
    if s.k == 1:
        formula = LOSS_FORMULAS_K1[s.loss]
        formula = formula.replace("_t", "_{" + str(s.T) + "}") if s.loss_at == "last" else rf"\sum_t {formula}"
    else:
        formula = LOSS_FORMULAS[s.loss]
        formula = formula.replace("_{t,", "_{" + str(s.T) + ",") if s.loss_at == "last" else rf"\sum_t {formula}"
    if s.loss_at == "last" and s.k == 1:
        yhat, y = tr.y[-1, 0], s.targets[0, 0]
        if s.loss == "bce":
            nums = rf"-\left[{fmt(y)}\log {fmt(yhat)} + {fmt(1 - y)}\log {fmt(1 - yhat)}\right]"
        elif s.loss == "mse":
            nums = rf"({fmt(yhat)} - {fmt(y)})^2"
        else:
            nums = rf"-{fmt(y)}\log {fmt(yhat)}"
        return chain(rf"L = {step}", formula, nums, fmt(tr.loss))
    return chain(rf"L = {step}", formula, fmt(tr.loss))


def backward_step(tr: Trace, t: int, hide: bool = False) -> str:
    """dL/dh_{t-1} from dL/dh_t: through f'(z_t) and W_hh^T, plus h_{t-1}'s own output (t = 1..T)."""
    w = tr.scenario.weights
    own = tr.dh[t - 1] - tr.dz[t - 1] @ w["W_hh"]  # the part from yhat_{t-1}'s loss (0 for h_0)
    has_own = t - 1 >= 1 and bool(np.any(own != 0))
    head = ((rf"W_{{hy}}^\top \frac{{\partial L}}{{\partial o_{{{t - 1}}}}} + " if has_own else "")
            + rf"W_{{hh}}^\top\left(f'(z_{{{t}}}) \odot \frac{{\partial L}}{{\partial h_{{{t}}}}}\right)")
    nums = (rf"{tex(own)} + " if has_own else "") + \
        left_factor(w["W_hh"].T) + rf"\left({times(tr.fprime[t - 1], tr.dh[t], 'odot')}\right)"
    return chain(rf"\frac{{\partial L}}{{\partial h_{{{t - 1}}}}}", head, nums, QUESTION if hide else tex(tr.dh[t - 1]))


# dl/dyhat of each loss for one output (mse and bce average over the k outputs: a 1/k more)
SLOPES = {"mse": lambda yhat, y: rf"2\left({yhat} - {y}\right)",
          "bce": lambda yhat, y: rf"\frac{{{yhat} - {y}}}{{{yhat}\left(1 - {yhat}\right)}}",
          "ce": lambda yhat, y: rf"-\frac{{{y}}}{{{yhat}}}"}


def output_gradient(tr: Trace, hide: bool = False) -> str:
    """Where backprop starts, at the last step: dL/dyhat_T (the loss's slope), back through g to
    dL/do_T, then dL/dh_T = W_hy^T dL/do_T; hide: dL/dh_T as a question."""
    s, T = tr.scenario, tr.scenario.T
    d_yhat, d_o = rf"\frac{{\partial L}}{{\partial \hat y_{{{T}}}}}", rf"\frac{{\partial L}}{{\partial o_{{{T}}}}}"
    if s.output == "sigmoid":
        through = [rf"\sigma'(o_{{{T}}}) \odot {d_yhat}", times(sigmoid_slope(tr.o[-1]), tr.dy[-1], "odot")]
    elif s.output == "identity":
        through = [d_yhat]
    else:  # softmax: every output depends on every logit
        through = [rf"\left(\operatorname{{diag}}(\hat y_{{{T}}}) - \hat y_{{{T}}}\hat y_{{{T}}}^\top\right) {d_yhat}"]
    yhat, y = rf"\hat y_{{{T}}}", rf"y_{{{T}}}"
    slope = [SLOPES[s.loss](yhat, y) + (rf" \,/\, {s.k}" if s.k > 1 and s.loss != "ce" else "")]
    if s.k == 1:  # one output: the numbers written in
        slope.append(SLOPES[s.loss](fmt(tr.y[-1, 0]), fmt(s.targets[-1, 0])))
    return (rf"\begin{{gathered}} {chain(d_yhat, *slope, tex(tr.dy[-1]))} \\[6pt] {chain(d_o, *through, tex(tr.do[-1]))}"
            rf" \\[6pt] \frac{{\partial L}}{{\partial h_{{{T}}}}} = W_{{hy}}^\top {d_o}"
            rf" = {QUESTION if hide else tex(tr.dh[T])} \end{{gathered}}")


DELTA = r"\delta_t = \frac{\partial L}{\partial z_t} = f'(z_t) \odot \frac{\partial L}{\partial h_t}"


def gradient_sum(tr: Trace, name: str) -> str:
    """A parameter's gradient as its sum over steps (delta_t = dL/dz_t); for scalars, the terms in numbers."""
    s = tr.scenario
    symbol = {"W_xh": r"\delta_t\, x_t^\top", "W_hh": r"\delta_t\, h_{t-1}^\top", "b_h": r"\delta_t",
              "W_hy": r"\frac{\partial L}{\partial o_t} h_t^\top", "b_y": r"\frac{\partial L}{\partial o_t}"}[name]
    label = name.replace("_", "_{") + "}"
    steps = [rf"\sum_{{t=1}}^{{{s.T}}} {symbol}"]
    if s.m == s.n == s.k == 1:
        left = tr.dz[:, 0] if name in ("W_xh", "W_hh", "b_h") else tr.do[:, 0]
        right = {"W_xh": s.inputs[:, 0], "W_hh": tr.h[:-1, 0], "W_hy": tr.h[1:, 0]}.get(name)
        terms = [fmt(a) if right is None else rf"{fmt(a)} \cdot {fmt(b)}"
                 for a, b in zip(left, right if right is not None else left)]
        steps.append(" + ".join(terms))
    return chain(rf"\frac{{\partial L}}{{\partial {label}}}", *steps, tex(tr.grads[name]))

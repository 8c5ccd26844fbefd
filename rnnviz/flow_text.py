"""Every sentence and number the vanishing/exploding lab writes, from a Flow (pure Python: no UI library).

Kept apart from the page so the page stays thin and the text is tested without a browser.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

INTRO = (
    "A sequence of T steps, the loss at the last one only: every gradient reaching an early step h_k "
    "has to travel back through all the steps in between, through W_hh and f′ at each. Pascanu, "
    "Mikolov & Bengio (2013) bound how much of it can arrive. Move **λ₁** in the sidebar: below 1/γ "
    "the gradient from far back must vanish; above, it may explode."
)
BOUND_LATEX = (
    r"\left\|\frac{\partial h_T}{\partial h_k}\right\| = \left\|\prod_{t=k+1}^{T}\operatorname{diag}"
    r"\big(f'(z_t)\big)\,W_{hh}\right\| \le \prod_{t=k+1}^{T}\big\|\operatorname{diag}f'(z_t)\big\|\,"
    r"\|W_{hh}\| \le (\lambda_1\gamma)^{T-k},\qquad \lambda_1 = \|W_{hh}\|_2,\ \ \gamma = \sup|f'|"
)
CLIPPING_LESSON = (
    "Clipping bounds the step; it does not bring back what vanished. Norm clipping multiplies the whole "
    "gradient by one factor ≤ 1, so every step's term shrinks alike and the far-back terms keep their tiny "
    "share; value clipping only cuts large elements. The tutorial (§3.2) says clipping also stops gradients "
    "vanishing: it cannot, since clipping never makes anything larger. Vanishing needs another cure: "
    "λ₁γ near 1 (orthogonal initialisation), or gated cells (LSTM, GRU)."
)


def number(x: float) -> str:
    """A number for a metric: 4 significant digits, '∞' past float64, '—' where undefined."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    return f"{x:.4g}"


class Badge(NamedTuple):
    label: str
    icon: str
    colour: str


def badge(flow) -> Badge:
    """What the bound says for this network, with its numbers."""
    rate = f"λ₁γ = {flow.lambda_1:.4g} × {flow.gamma:g} = {flow.rate:.4g}"
    if flow.regime == "vanishing":
        return Badge(f"Vanishing guaranteed ({rate} < 1)", ":material/trending_down:", "blue")
    if flow.regime == "exploding":
        return Badge(f"Explosion possible ({rate} > 1)", ":material/trending_up:", "red")
    return Badge(f"On the edge ({rate}): the bound guarantees neither", ":material/trending_flat:", "gray")


def overflowed(flow, x: float) -> str:
    """number(x), but 'overflow' for a value that is undefined because the pass left float64's range."""
    if flow.trace.overflow is not None and not math.isfinite(x):
        return "∞ (overflow)"
    return number(x)


def decades(x: float) -> str:
    """10^x written as number() writes it, also where 10^x itself would leave float64 ('1.995e+412')."""
    if not math.isfinite(x):
        return "0" if x == -math.inf else "—"
    if -300 < x < 300:
        return number(10.0 ** x)
    exponent = math.floor(x)
    mantissa = 10.0 ** (x - exponent)
    if float(f"{mantissa:.4g}") >= 10.0:  # 9.99995 rounds up to 10
        mantissa, exponent = mantissa / 10.0, exponent + 1
    return f"{mantissa:.4g}e{exponent:+d}"


def rate_metrics(flow) -> list[tuple[str, str, str]]:
    """(label, value, help) for the row of metrics under the badge."""
    T = flow.settings.T
    return [
        ("λ₁ = ‖W_hh‖₂", number(flow.lambda_1), "Largest singular value of the recurrent matrix, measured."),
        ("γ = sup |f′|", f"{flow.gamma:g}", "1 for tanh, ReLU and linear; 1/4 for sigmoid."),
        (f"bound at lag T = {T}", number(float(flow.bound[0])), "(λ₁γ)^T: the most of ‖∂h_T/∂h_0‖ the theory allows."),
        ("‖∂L/∂h₀‖ / ‖∂L/∂h_T‖", decades(float(flow.log10_ratio[0])), "How much of the gradient at the last step reaches h₀."),
    ]


def overflow_notice(flow) -> str | None:
    """Where values left float64's range and what that means for clipping; None if nowhere."""
    overflow = flow.trace.overflow
    jac_inf = flow.jacobian_k[~np.isfinite(flow.jacobian)]
    if overflow is None and not jac_inf.size:
        return None
    parts = []
    if overflow is not None:
        parts.append(f"The {overflow['quantity']} left float64's range (about 1.8·10³⁰⁸) in the "
                     f"{overflow['phase']} pass at step {overflow['step']}.")
    dh_bad = np.flatnonzero(~np.isfinite(flow.dh_norms))
    if dh_bad.size:
        k = int(dh_bad[-1])
        parts.append(f"Going back, ∂L/∂h_k is beyond float64 from k = {k} (lag {flow.settings.T - k}) on.")
    if jac_inf.size:
        k = int(jac_inf[-1])
        parts.append(f"‖∂h_T/∂h_k‖ is beyond float64 for k ≤ {k} (lag ≥ {flow.settings.T - k}); "
                     "the charts draw what is finite.")
    clip = flow.clip
    if clip is not None and clip.grads is None:
        parts.append("A gradient of infinite (or undefined) norm cannot be rescaled to norm θ: "
                     "θ/‖g‖ is 0 and 0·∞ is undefined, so clipping by norm has nothing to work with. "
                     "Clipping must happen before the numbers overflow, which is why frameworks clip "
                     "every step, long before a run reaches this.")
    return " ".join(parts)


def flow_caption(flow) -> str:
    return (f"Left: solid lines are measured, dashed and dotted their bounds, (λ₁γ)^(T−k) = {flow.rate:.3g}^(T−k). "
            "The measured norms never exceed them; they fall below wherever f′ < γ (a saturated tanh unit, "
            "sigmoid away from 0) or where the steps' matrices do not line up. Right: each step's term ∂L/∂z_t h_{t−1}ᵀ in ∂L/∂W_hh; the far-back "
            "ones are the long-range dependencies a network must learn from.")


def clip_columns(flow) -> list[tuple[str, list[tuple[str, str]]]]:
    """Two columns of (label, value): the gradient unclipped, and as the chosen clipping leaves it."""
    tr, clip = flow.trace, flow.clip
    share = flow.early_share
    share_text = "—" if math.isnan(share) else f"{100 * share:.3g} %"
    T = flow.settings.T
    without = ("Without clipping", [
        ("‖∇L‖ (all parameters)", overflowed(flow, tr.grad_norm)),
        (f"share of ∂L/∂W_hh's terms from t ≤ {T // 2}", share_text),
    ])
    if clip is None:
        return [without, ("With clipping: none chosen", [("‖∇L‖ (all parameters)", number(tr.grad_norm)),
                                                         ("choose norm or value in the sidebar", "")])]
    title = f"With {clip.mode} clipping, θ = {clip.threshold:g}"
    if clip.grads is None:
        return [without, (title, [("‖∇L‖ after clipping", "cannot clip"), ("why", "the norm is ∞")])]
    rows = [("‖∇L‖ after clipping", number(clip.clipped_norm))]
    if clip.mode == "norm":
        rows.append(("scale factor applied", f"{clip.scale:.4g}" + ("" if clip.active else " (not needed)")))
        rows.append((f"share of ∂L/∂W_hh's terms from t ≤ {T // 2}", share_text))
    else:
        rows.append(("elements cut", "some" if clip.active else "none"))
    rows.append(("cosine(clipped, unclipped)", "—" if clip.cosine is None else f"{clip.cosine:.6f}"))
    return [without, (title, rows)]


def sweep_caption(flow) -> str:
    critical = 1 / flow.gamma
    return (f"Each row is this network with W_hh rescaled to another λ₁ (same matrix direction, inputs and "
            f"seed); colour is log₁₀ of ‖∂L/∂h_{{T−lag}}‖ / ‖∂L/∂h_T‖, blue shrinking, red growing (the scale "
            f"spans what the rows from λ₁ = 1/(2γ) up reach; darkest blue is that much or more, or exactly 0). The green line is the λ₁ you set. Below the dashed line λ₁ = 1/γ = {critical:g} every row turns blue with lag, as the "
            "bound guarantees; above it, growth is possible but saturation (tanh, sigmoid) can still stop it.")


def flow_rows(flow) -> list[dict]:
    """One row per step k: what the first chart draws."""
    T = flow.settings.T
    jacobian = dict(zip(flow.jacobian_k.tolist(), flow.jacobian.tolist()))
    rows = []
    for k in range(T + 1):
        rows.append({
            "k": k, "lag T−k": T - k,
            "‖∂h_T/∂h_k‖": number(jacobian[k]) if k in jacobian else "",
            "bound": number(float(flow.bound[k])),
            "‖∂L/∂h_k‖": number(float(flow.dh_norms[k])),
            "term t=k in ∂L/∂W_hh": number(float(flow.terms[k - 1])) if k >= 1 else "",
        })
    return rows

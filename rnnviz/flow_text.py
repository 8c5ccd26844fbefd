"""Every sentence and number the vanishing/exploding lab writes, from a Flow (pure Python: no UI library).

Kept apart from the page so the page stays thin and the text is tested without a browser.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from . import i18n
from .i18n import N_, _

INTRO = N_(
    "A sequence of T steps, the loss at the last one only: every gradient reaching an early step h_k "
    "has to travel back through all the steps in between, through W_hh and f′ at each. Pascanu, "
    "Mikolov & Bengio (2013) bound how much of it can arrive. Move **λ₁** in the sidebar: below 1/γ "
    "the gradient from far back must vanish; above, it may explode."
)
# in three lines: on one, it ran off the right edge of a 1280-pixel screen (a projector's)
BOUND_LATEX = (
    r"\begin{gathered}\begin{aligned}\left\|\frac{\partial h_T}{\partial h_k}\right\| &= \left\|\prod_{t=k+1}^{T}"
    r"\operatorname{diag}\big(f'(z_t)\big)\,W_{hh}\right\| \\ &\le \prod_{t=k+1}^{T}\big\|\operatorname{diag}"
    r"f'(z_t)\big\|\,\|W_{hh}\| \le (\lambda_1\gamma)^{T-k}\end{aligned} \\[4pt]"
    r"\lambda_1 = \|W_{hh}\|_2,\qquad \gamma = \sup|f'|\end{gathered}"
)
CLIPPING_LESSON = N_(
    "Clipping bounds the step; it does not bring back what vanished. Norm clipping multiplies the whole "
    "gradient by one factor ≤ 1, so every step's term shrinks alike and the far-back terms keep their tiny "
    "share; value clipping only cuts large elements. The tutorial (§3.2) says clipping also stops gradients "
    "vanishing: it cannot, since clipping never makes anything larger. Vanishing needs another cure: "
    "λ₁γ near 1 (orthogonal initialisation), or gated cells (LSTM, GRU)."
)
# Where a pass left float64's range (rnnviz.tracing: each quantity overflows in one pass only).
OVERFLOWS = {
    "h": N_("The hidden state h left float64's range (about 1.8·10³⁰⁸) in the forward pass at step {step}."),
    "o": N_("The output o left float64's range (about 1.8·10³⁰⁸) in the forward pass at step {step}."),
    "loss": N_("The loss left float64's range (about 1.8·10³⁰⁸) in the forward pass at step {step}."),
    "dy": N_("The gradient ∂L/∂ŷ left float64's range (about 1.8·10³⁰⁸) in the backward pass at step {step}."),
    "dh": N_("The gradient ∂L/∂h left float64's range (about 1.8·10³⁰⁸) in the backward pass at step {step}."),
}


def sentences(parts: list[str]) -> str:
    """Sentences one after the other: a space between them in English, none after Chinese full stops."""
    return ("" if i18n.current() == "zh" else " ").join(parts)


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
        return Badge(_("Vanishing guaranteed ({rate} < 1)").format(rate=rate), ":material/trending_down:", "blue")
    if flow.regime == "exploding":
        return Badge(_("Explosion possible ({rate} > 1)").format(rate=rate), ":material/trending_up:", "red")
    return Badge(_("On the edge ({rate}): the bound guarantees neither").format(rate=rate),
                 ":material/trending_flat:", "gray")


def overflowed(flow, x: float) -> str:
    """number(x), but 'overflow' for a value that is undefined because the pass left float64's range."""
    if flow.trace.overflow is not None and not math.isfinite(x):
        return _("∞ (overflow)")
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
        ("λ₁ = ‖W_hh‖₂", number(flow.lambda_1), _("Largest singular value of the recurrent matrix, measured.")),
        ("γ = sup |f′|", f"{flow.gamma:g}", _("1 for tanh, ReLU and linear; 1/4 for sigmoid.")),
        (_("bound at lag T = {T}").format(T=T), number(float(flow.bound[0])),
         _("(λ₁γ)^T: the most of ‖∂h_T/∂h_0‖ the theory allows.")),
        ("‖∂L/∂h₀‖ / ‖∂L/∂h_T‖", decades(float(flow.log10_ratio[0])),
         _("How much of the gradient at the last step reaches h₀.")),
    ]


def overflow_notice(flow) -> str | None:
    """Where values left float64's range and what that means for clipping; None if nowhere."""
    overflow = flow.trace.overflow
    jac_inf = flow.jacobian_k[~np.isfinite(flow.jacobian)]
    if overflow is None and not jac_inf.size:
        return None
    parts = []
    if overflow is not None:
        parts.append(_(OVERFLOWS[overflow["quantity"]]).format(step=overflow["step"]))
    dh_bad = np.flatnonzero(~np.isfinite(flow.dh_norms))
    if dh_bad.size:
        k = int(dh_bad[-1])
        parts.append(_("Going back, ∂L/∂h_k is beyond float64 from k = {k} (lag {lag}) on.")
                     .format(k=k, lag=flow.settings.T - k))
    if jac_inf.size:
        k = int(jac_inf[-1])
        parts.append(_("‖∂h_T/∂h_k‖ is beyond float64 for k ≤ {k} (lag ≥ {lag}); the charts draw what is finite.")
                     .format(k=k, lag=flow.settings.T - k))
    clip = flow.clip
    if clip is not None and clip.grads is None:
        parts.append(_("A gradient of infinite (or undefined) norm cannot be rescaled to norm θ: "
                       "θ/‖g‖ is 0 and 0·∞ is undefined, so clipping by norm has nothing to work with. "
                       "Clipping must happen before the numbers overflow, which is why frameworks clip "
                       "every step, long before a run reaches this."))
    return sentences(parts)


def flow_caption(flow) -> str:
    """How to read the first chart: its lines and panels."""
    return _("Left: solid lines are measured, dashed and dotted their bounds, (λ₁γ)^(T−k) = {rate}^(T−k). "
             "The measured norms never exceed them; they fall below wherever f′ < γ (a saturated tanh unit, "
             "sigmoid away from 0) or where the steps' matrices do not line up. Right: each step's term "
             "{term} in ∂L/∂W_hh; the far-back ones are the long-range dependencies a network "
             "must learn from.").format(rate=f"{flow.rate:.3g}", term="∂L/∂z_t h_{t−1}ᵀ")


def _share_text(share: float) -> str:
    return "—" if math.isnan(share) else f"{100 * share:.3g} %"


def flow_summary(flow) -> str:
    """The first chart in one sentence with its main numbers, then how to read it (flow_caption)."""
    T = flow.settings.T
    terms = np.where(np.isfinite(flow.terms), flow.terms, -np.inf)
    largest = int(np.argmax(terms)) + 1 if np.any(np.isfinite(flow.terms) & (flow.terms > 0)) else None
    numbers = dict(T=T, jacobian=number(float(flow.jacobian[0])), bound=number(float(flow.bound[0])),
                   ratio=decades(float(flow.log10_ratio[0])))
    if largest is None:
        sentence = _("Over {T} steps back, ‖∂h_T/∂h_0‖ is {jacobian} against the bound {bound}, and ‖∂L/∂h₀‖ is "
                     "{ratio} times ‖∂L/∂h_T‖.").format(**numbers)
    else:
        sentence = _("Over {T} steps back, ‖∂h_T/∂h_0‖ is {jacobian} against the bound {bound}, "
                     "‖∂L/∂h₀‖ is {ratio} times ‖∂L/∂h_T‖, and the largest term in ∂L/∂W_hh is at step t = {largest} "
                     "(the steps t ≤ {half} give {share} of them).").format(
            **numbers, largest=largest, half=T // 2, share=_share_text(flow.early_share))
    return sentences([sentence, flow_caption(flow)])


def clip_columns(flow) -> list[tuple[str, list[tuple[str, str]]]]:
    """Two columns of (label, value): the gradient unclipped, and as the chosen clipping leaves it."""
    tr, clip = flow.trace, flow.clip
    share_text = _share_text(flow.early_share)
    T = flow.settings.T
    share_label = _("share of ∂L/∂W_hh's terms from t ≤ {t}").format(t=T // 2)
    norm_label = _("‖∇L‖ (all parameters)")
    without = (_("Without clipping"), [
        (norm_label, overflowed(flow, tr.grad_norm)),
        (share_label, share_text),
    ])
    if clip is None:
        return [without, (_("With clipping: none chosen"), [(norm_label, number(tr.grad_norm)),
                                                            (_("choose norm or value in the sidebar"), "")])]
    if clip.mode == "norm":
        title = _("With norm clipping, θ = {theta}").format(theta=f"{clip.threshold:g}")
    else:
        title = _("With value clipping, θ = {theta}").format(theta=f"{clip.threshold:g}")
    after = _("‖∇L‖ after clipping")
    if clip.grads is None:
        return [without, (title, [(after, _("cannot clip")), (_("why"), _("the norm is ∞"))])]
    rows = [(after, number(clip.clipped_norm))]
    if clip.mode == "norm":
        scale = f"{clip.scale:.4g}"
        rows.append((_("scale factor applied"), scale if clip.active else _("{scale} (not needed)").format(scale=scale)))
        rows.append((share_label, share_text))
    else:
        rows.append((_("elements cut"), _("some") if clip.active else _("none")))
    rows.append((_("cosine(clipped, unclipped)"), "—" if clip.cosine is None else f"{clip.cosine:.6f}"))
    return [without, (title, rows)]


def sweep_caption(flow) -> str:
    """How to read the heatmap."""
    critical = 1 / flow.gamma
    return _("Each row is this network with W_hh rescaled to another λ₁ (same matrix direction, inputs and "
             "seed); colour is log₁₀ of {ratio} at lag T − k, blue shrinking, red growing (the scale "
             "spans what the rows from λ₁ = 1/(2γ) up reach; darkest blue is that much or more, or exactly 0). "
             "The green line is the λ₁ you set. Below the dashed line λ₁ = 1/γ = {critical} every row turns "
             "blue with lag, as the bound guarantees; above it, growth is possible but saturation (tanh, "
             "sigmoid) can still stop it.").format(critical=f"{critical:g}", ratio="‖∂L/∂h_k‖ / ‖∂L/∂h_T‖")


def sweep_summary(flow, scales: np.ndarray, log10: np.ndarray) -> str:
    """The heatmap in one sentence with its main numbers, then how to read it (sweep_caption).

    scales: (S,) the rows' lambda_1; log10: (S, T+1) as rnnviz.gradient_flow.sweep returns it."""
    T = log10.shape[1] - 1
    at_T = log10[:, T]
    below = np.asarray(scales) * flow.gamma < 1.0

    def extreme(values: np.ndarray, pick) -> str:
        finite = values[~np.isnan(values)]
        return decades(float(pick(finite))) if finite.size else "—"

    sentence = _("At lag {T}, the ratio ‖∂L/∂h₀‖ / ‖∂L/∂h_T‖ is at most {most_below} in the {below} rows with λ₁ "
                 "below 1/γ = {critical}, at most {most_above} in the {above} rows from there up to λ₁ = {top}, "
                 "and {ratio} at the λ₁ = {current} you set.").format(
        T=T, below=int(below.sum()), critical=f"{1 / flow.gamma:g}", most_below=extreme(at_T[below], np.max),
        above=int((~below).sum()), top=f"{float(np.max(scales)):g}", most_above=extreme(at_T[~below], np.max),
        current=f"{flow.settings.scale:g}", ratio=decades(float(flow.log10_ratio[0])))
    return sentences([sentence, sweep_caption(flow)])


def _log10_text(x: float) -> str:
    if math.isnan(x):
        return "—"
    if math.isinf(x):
        return "−∞" if x < 0 else "∞"
    return f"{x:.2f}"


def sweep_rows(scales: np.ndarray, log10: np.ndarray, gamma: float, lags: int = 6) -> list[dict]:
    """One row per λ₁ of the heatmap: λ₁, λ₁γ and log₁₀ of the ratio at a few lags (at most `lags`,
    evenly spaced up to T: the heatmap has too many cells for a table)."""
    T = log10.shape[1] - 1
    shown = sorted({max(1, int(round(x))) for x in np.linspace(0, T, lags + 1)[1:]}) if T else [0]
    rows = []
    for scale, row in zip(np.asarray(scales, dtype=float), log10):
        entry = {"λ₁": f"{scale:.4g}", "λ₁γ": f"{scale * gamma:.4g}"}
        for lag in shown:
            entry[_("log₁₀ ratio at lag {lag}").format(lag=lag)] = _log10_text(float(row[lag]))
        rows.append(entry)
    return rows


def flow_rows(flow) -> list[dict]:
    """One row per step k (past T = 200, at the steps where ‖∂h_T/∂h_k‖ is measured): what the first
    chart draws."""
    T = flow.settings.T
    jacobian = dict(zip(flow.jacobian_k.tolist(), flow.jacobian.tolist()))
    ks = range(T + 1) if len(jacobian) == T + 1 else sorted(jacobian)
    clip = flow.clip
    scale = clip.scale if clip is not None and clip.mode == "norm" and clip.scale is not None else None
    columns = {
        "k": "k", "lag": _("lag T−k"), "jacobian": "‖∂h_T/∂h_k‖", "bound": _("bound (λ₁γ)^(T−k)"),
        "dh": "‖∂L/∂h_k‖", "dh_bound": _("its bound ‖∂L/∂h_T‖·(λ₁γ)^(T−k)"),
        "term": _("term t=k in ∂L/∂W_hh"), "clipped": _("term t=k after norm clipping"),
    }
    rows = []
    for k in ks:
        row = {
            columns["k"]: k, columns["lag"]: T - k,
            columns["jacobian"]: number(jacobian[k]) if k in jacobian else "",
            columns["bound"]: number(float(flow.bound[k])),
            columns["dh"]: number(float(flow.dh_norms[k])),
            columns["dh_bound"]: number(float(flow.dh_bound[k])),
            columns["term"]: number(float(flow.terms[k - 1])) if k >= 1 else "",
        }
        if scale is not None:
            row[columns["clipped"]] = number(float(flow.terms[k - 1] * scale)) if k >= 1 else ""
        rows.append(row)
    return rows

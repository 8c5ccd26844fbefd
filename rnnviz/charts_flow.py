"""Charts of the vanishing/exploding lab: a Flow (rnnviz.gradient_flow) in, a Plotly figure out.

No Streamlit here. Log axes get gaps, not errors, where a value is zero or left float64's range.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .charts import OKABE_ITO, _finite_positive

JACOBIAN_COLOUR = OKABE_ITO["blue"]
GRADIENT_COLOUR = OKABE_ITO["vermillion"]
CLIPPED_COLOUR = OKABE_ITO["orange"]


def flow_figure(flow) -> go.Figure:
    """Two panels, log y. Left, over k = 0..T: ||dh_T/dh_k|| and ||dL/dh_k||, each beside its bound
    (lambda_1 gamma)^(T-k) (dashed). Right, over t = 1..T: the norm of step t's term in dL/dW_hh,
    unclipped and, for norm clipping, as it reaches the update (every term times the same factor)."""
    T = flow.settings.T
    k = np.arange(T + 1)
    rate = f"{flow.rate:.3g}"
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.09, subplot_titles=(
        "How much gradient reaches step k (log scale)",
        "Step t's term in ∂L/∂W<sub>hh</sub> (log scale)",
    ))
    lines = (
        (flow.jacobian_k, flow.jacobian, "‖∂h<sub>T</sub>/∂h<sub>k</sub>‖", JACOBIAN_COLOUR, "solid", "‖∂h_T/∂h_k‖"),
        (k, flow.bound, f"bound ({rate})<sup>T−k</sup>", JACOBIAN_COLOUR, "dash", "bound"),
        (k, flow.dh_norms, "‖∂L/∂h<sub>k</sub>‖", GRADIENT_COLOUR, "solid", "‖∂L/∂h_k‖"),
        (k, flow.dh_bound, f"‖∂L/∂h<sub>T</sub>‖·({rate})<sup>T−k</sup>", GRADIENT_COLOUR, "dot", "its bound"),
    )
    for x, values, name, colour, dash, hover in lines:
        fig.add_trace(go.Scatter(
            x=x, y=_finite_positive(values), mode="lines", name=name, legendgroup="left",
            line=dict(color=colour, dash=dash, width=2.5 if dash == "solid" else 1.8),
            hovertemplate=f"k = %{{x}} (lag %{{customdata}})<br>{hover} = %{{y:.3e}}<extra></extra>",
            customdata=T - x,
        ), row=1, col=1)

    t = np.arange(1, T + 1)
    fig.add_trace(go.Scatter(
        x=t, y=_finite_positive(flow.terms), mode="lines", name="term, unclipped",
        line=dict(color=OKABE_ITO["black"], width=2.5),
        hovertemplate="t = %{x}<br>‖∂L/∂z_t h_{t−1}ᵀ‖ = %{y:.3e}<extra></extra>",
    ), row=1, col=2)
    clip = flow.clip
    if clip is not None and clip.mode == "norm" and clip.scale is not None:
        fig.add_trace(go.Scatter(
            x=t, y=_finite_positive(flow.terms * clip.scale), mode="lines",
            name=f"after norm clipping (×{clip.scale:.3g})", line=dict(color=CLIPPED_COLOUR, width=2.5, dash="dash"),
            hovertemplate="t = %{x}<br>after clipping: %{y:.3e}<extra></extra>",
        ), row=1, col=2)
    if not np.any(np.isfinite(flow.terms) & (flow.terms > 0)):
        why = "not finite: the pass overflowed" if not np.all(np.isfinite(flow.terms)) else "all 0: h stays at 0"
        fig.add_annotation(text=f"Every term is {why}", xref="x2 domain", yref="y2 domain", x=0.5, y=0.5,
                           showarrow=False, font=dict(size=15))
    fig.update_yaxes(type="log", exponentformat="power")
    fig.update_xaxes(title_text="step k (h_T is on the right)", row=1, col=1)
    fig.update_xaxes(title_text="step t", row=1, col=2)
    fig.update_layout(height=420, margin=dict(l=10, r=10, t=40, b=10),
                      legend=dict(orientation="h", y=-0.22), hovermode="x unified")
    return fig


def sweep_figure(scales: np.ndarray, log10: np.ndarray, gamma: float, current: float,
                 max_decades: float = 30.0) -> go.Figure:
    """Heatmap over (lag, lambda_1): log10(||dL/dh_{T-lag}|| / ||dL/dh_T||), its colour range
    symmetric about 0 and as wide as the rows with lambda_1 gamma >= 1/2 need (at least 3 decades, at
    most max_decades: rows further down vanish faster and saturate to the darkest blue),
    blue where the gradient shrinks with lag, red where it grows; the line lambda_1 = 1/gamma,
    where the bound stops guaranteeing vanishing, and the current lambda_1.

    scales: (S,); log10: (S, T+1) as rnnviz.gradient_flow.sweep returns it."""
    T = log10.shape[1] - 1
    upper = log10[np.asarray(scales) * gamma >= 0.5]
    finite = np.abs(upper[np.isfinite(upper)])
    decades = float(min(max_decades, max(3.0, finite.max() if finite.size else 3.0)))
    z = np.clip(log10, -decades, decades)  # -inf (a gradient exactly 0) takes the darkest blue
    fig = go.Figure(go.Heatmap(
        x=np.arange(T + 1), y=scales, z=np.where(np.isnan(z), None, z), zmid=0, zmin=-decades, zmax=decades,
        colorscale="RdBu_r", colorbar=dict(title=dict(text="log₁₀ ratio", side="right"), thickness=14),
        hovertemplate="lag %{x}, λ₁ = %{y:.3g}<br>‖∂L/∂h_{T−lag}‖ / ‖∂L/∂h_T‖ = 10^%{z:.1f}<extra></extra>",
    ))
    critical = 1.0 / gamma
    fig.add_hline(y=critical, line=dict(color=OKABE_ITO["black"], dash="dash", width=2),
                  annotation_text=f"λ₁γ = 1 (λ₁ = {critical:g})", annotation_position="top left")
    fig.add_hline(y=current, line=dict(color=OKABE_ITO["green"], width=3),
                  annotation_text=f"now: λ₁ = {current:g}", annotation_position="bottom right")
    fig.update_layout(height=380, margin=dict(l=10, r=10, t=30, b=10),
                      xaxis=dict(title_text="lag T − k (steps back from the loss)"),
                      yaxis=dict(title_text="largest singular value λ₁ of W_hh"))
    return fig

"""Chart builders: engine arrays in, a Plotly figure out. No Streamlit here.

Colours are the Okabe–Ito palette, distinguishable with the common colour-vision deficiencies.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

OKABE_ITO = {
    "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "black": "#000000",
}
PARAM_COLOURS = {"W_xh": OKABE_ITO["blue"], "W_hh": OKABE_ITO["vermillion"], "b_h": OKABE_ITO["green"],
                 "W_hy": OKABE_ITO["orange"], "b_y": OKABE_ITO["purple"]}


def _finite_positive(values: np.ndarray) -> np.ndarray:
    """Values for a log axis: zeros and non-finite values become gaps (None), not errors."""
    v = np.asarray(values, dtype=np.float64)
    return np.where(np.isfinite(v) & (v > 0), v, np.nan)


def gradient_flow_figure(dh_norms: np.ndarray, contribution_norms: dict) -> go.Figure:
    """Two panels over time, log y: ||dL/dh_t|| for t = 0..T, and each parameter's per-step term norm.

    dh_norms: (T+1,); contribution_norms: name -> (T,) (a Trace's contribution_norms).
    """
    T = len(dh_norms) - 1
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.1, subplot_titles=(
        "‖∂L/∂h<sub>t</sub>‖: the gradient reaching each hidden state",
        "‖per-step term‖ of each parameter's gradient",
    ))
    fig.add_trace(go.Scatter(
        x=np.arange(T + 1), y=_finite_positive(dh_norms), mode="lines+markers", name="‖∂L/∂h_t‖",
        line=dict(color=OKABE_ITO["black"]), hovertemplate="t = %{x}<br>‖∂L/∂h_t‖ = %{y:.4g}<extra></extra>",
    ), row=1, col=1)
    for name, norms in contribution_norms.items():
        fig.add_trace(go.Scatter(
            x=np.arange(1, T + 1), y=_finite_positive(norms), mode="lines+markers", name=name,
            line=dict(color=PARAM_COLOURS.get(name)),
            hovertemplate=f"t = %{{x}}<br>‖term of {name}‖ = %{{y:.4g}}<extra></extra>",
        ), row=1, col=2)
    fig.update_yaxes(type="log", exponentformat="power")
    ticks = dict(dtick=1) if T <= 20 else {}  # whole steps only: there is no t = 1.5
    fig.update_xaxes(title_text="time step t", row=1, col=1, **ticks)
    fig.update_xaxes(title_text="time step t", row=1, col=2, **ticks)
    fig.update_layout(height=360, margin=dict(l=10, r=10, t=50, b=10), legend=dict(orientation="h", y=-0.25))
    return fig


def states_and_gradients_figure(h: np.ndarray, dh: np.ndarray) -> go.Figure:
    """Bars over t = 0..T: the hidden state h_t and the gradient dL/dh_t reaching it (first unit).

    h, dh: (T+1, n), a Trace's h and dh; with n > 1 the bars show unit 1, as labelled.
    """
    t = np.arange(len(h))
    unit = "" if h.shape[1] == 1 else " (unit 1)"
    fig = go.Figure([
        go.Bar(x=t, y=h[:, 0], name=f"h<sub>t</sub>{unit}", marker_color=OKABE_ITO["blue"],
               hovertemplate="t = %{x}<br>h_t = %{y:.4f}<extra></extra>"),
        go.Bar(x=t, y=dh[:, 0], name=f"∂L/∂h<sub>t</sub>{unit}", marker_color=OKABE_ITO["vermillion"],
               hovertemplate="t = %{x}<br>∂L/∂h_t = %{y:.4f}<extra></extra>"),
    ])
    fig.update_layout(barmode="group", height=300, margin=dict(l=10, r=10, t=30, b=10),
                      xaxis=dict(title_text="time step t", dtick=1), legend=dict(orientation="h", y=1.12))
    return fig

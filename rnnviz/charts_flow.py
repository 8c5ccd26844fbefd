"""Charts of the vanishing/exploding lab: a Flow (rnnviz.gradient_flow) in, a Plotly figure out.

No Streamlit here. Log axes get gaps, not errors, where a value is zero or left float64's range.

Each figure is written as one plain dict (data and layout, as Plotly's JSON has them) and wrapped
in go.Figure once: measured, make_subplots, add_hline and update_* cost 40–60 ms a figure through
Plotly's property machinery, the same figure from a dict 5 ms, and every change of a setting
builds new figures.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.colors import get_colorscale

from .charts import OKABE_ITO, _finite_positive, log_axis
from .charts_image import heatmap_layers
from .gates_text import curve_name
from .i18n import _

JACOBIAN_COLOUR = OKABE_ITO["blue"]
GRADIENT_COLOUR = OKABE_ITO["vermillion"]
CLIPPED_COLOUR = OKABE_ITO["orange"]


def _axis_title(text: str) -> dict:
    return {"text": text}


def _annotation(text: str, x: float, y: float, xref: str = "paper", yref: str = "paper", **extra) -> dict:
    return {"text": text, "x": x, "y": y, "xref": xref, "yref": yref, "showarrow": False, **extra}


def flow_figure(flow) -> go.Figure:
    """Two panels, log y. Left, over k = 0..T: ||dh_T/dh_k|| and ||dL/dh_k||, each beside its bound
    (lambda_1 gamma)^(T-k) (dashed). Right, over t = 1..T: the norm of step t's term in dL/dW_hh,
    unclipped and, for norm clipping, as it reaches the update (every term times the same factor)."""
    T = flow.settings.T
    k = np.arange(T + 1)
    rate = f"{flow.rate:.3g}"
    lines = (
        (flow.jacobian_k, flow.jacobian, "‖∂h<sub>T</sub>/∂h<sub>k</sub>‖", JACOBIAN_COLOUR, "solid", "‖∂h_T/∂h_k‖"),
        (k, flow.bound, _("bound ({rate})<sup>T−k</sup>").format(rate=rate), JACOBIAN_COLOUR, "dash", _("bound")),
        (k, flow.dh_norms, "‖∂L/∂h<sub>k</sub>‖", GRADIENT_COLOUR, "solid", "‖∂L/∂h_k‖"),
        (k, flow.dh_bound, f"‖∂L/∂h<sub>T</sub>‖·({rate})<sup>T−k</sup>", GRADIENT_COLOUR, "dot", _("its bound")),
    )
    lag = _("lag {lag}").format(lag="%{customdata}")
    data = [{
        "type": "scatter", "x": x, "y": _finite_positive(values), "mode": "lines", "name": name,
        "line": {"color": colour, "dash": dash, "width": 2.5 if dash == "solid" else 1.8},
        "hovertemplate": f"k = %{{x}} ({lag})<br>{hover} = %{{y:.3e}}<extra></extra>",
        "customdata": T - x, "xaxis": "x", "yaxis": "y",
    } for x, values, name, colour, dash, hover in lines]

    t = np.arange(1, T + 1)
    data.append({
        "type": "scatter", "x": t, "y": _finite_positive(flow.terms), "mode": "lines", "name": _("term, unclipped"),
        "line": {"color": OKABE_ITO["grey"], "width": 2.5}, "xaxis": "x2", "yaxis": "y2",
        "hovertemplate": "t = %{x}<br>‖∂L/∂z_t h_{t−1}ᵀ‖ = %{y:.3e}<extra></extra>",
    })
    clip = flow.clip
    if clip is not None and clip.mode == "norm" and clip.scale is not None:
        data.append({
            "type": "scatter", "x": t, "y": _finite_positive(flow.terms * clip.scale), "mode": "lines",
            "name": _("after norm clipping (×{scale})").format(scale=f"{clip.scale:.3g}"), "xaxis": "x2", "yaxis": "y2",
            "line": {"color": CLIPPED_COLOUR, "width": 2.5, "dash": "dash"},
            "hovertemplate": "t = %{x}<br>" + _("after clipping") + ": %{y:.3e}<extra></extra>",
        })
    gap = 0.09  # between the panels, in paper units
    annotations = [
        _annotation(_("How much gradient reaches step k (log scale)"), (1 - gap) / 4, 1.0, xanchor="center", yanchor="bottom",
                    font={"size": 14}),
        _annotation(_("Step t's term in ∂L/∂W<sub>hh</sub> (log scale)"), (3 + gap) / 4, 1.0, xanchor="center", yanchor="bottom",
                    font={"size": 14}),
    ]
    if not np.any(np.isfinite(flow.terms) & (flow.terms > 0)):
        why = (_("Every term is not finite: the pass overflowed") if not np.all(np.isfinite(flow.terms))
               else _("Every term is 0: h stays at 0"))
        annotations.append(_annotation(why, 0.5, 0.5, "x2 domain", "y2 domain",
                                       font={"size": 15}))
    layout = {
        "xaxis": {"domain": [0, (1 - gap) / 2], "anchor": "y", "title": _axis_title(_("step k (h_T is on the right)"))},
        "yaxis": {"anchor": "x", **log_axis(*(d["y"] for d in data if d["yaxis"] == "y"))},
        "xaxis2": {"domain": [(1 + gap) / 2, 1], "anchor": "y2", "title": _axis_title(_("step t"))},
        "yaxis2": {"anchor": "x2", **log_axis(*(d["y"] for d in data if d["yaxis"] == "y2"))},
        "annotations": annotations,
        "height": 420, "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
        "legend": {"orientation": "h", "y": -0.22}, "hovermode": "x unified",
    }
    return go.Figure({"data": data, "layout": layout})


def _hline(y: float, text: str, colour: str, width: float, dash: str, position: dict) -> tuple[dict, dict]:
    """A horizontal line across the plot at y, and its label (what fig.add_hline makes, as dicts)."""
    line = {"type": "line", "xref": "x domain", "yref": "y", "x0": 0, "x1": 1, "y0": y, "y1": y,
            "line": {"color": colour, "width": width, "dash": dash}}
    return line, _annotation(text, y=y, xref="x domain", yref="y", **position)


# The sweep's colours: ColorBrewer's RdBu reversed (blue where the gradient shrinks with lag, red where it
# grows), as plotly.js draws "RdBu" with reversescale; explicit, so that the image and its colour bar agree
SWEEP_COLOURS = [[1.0 - stop, colour] for stop, colour in reversed(get_colorscale("RdBu"))]
HOVER_COLUMNS = 101  # the sweep's hover grid: at most this many lags, the first and last included


def sweep_layers(scales: np.ndarray, log10: np.ndarray, gamma: float, max_decades: float = 30.0) -> dict:
    """What the sweep chart draws of the sweep alone, built once for every λ₁ the page then shows:
    {"image": the heatmap over (lag, lambda_1) of log10(||dL/dh_{T-lag}|| / ||dL/dh_T||) as a layout
    image, its cells crisp; "hover": an invisible heatmap of every row and at most HOVER_COLUMNS lags,
    which gives the colour bar and the hover values}.

    The colour range is symmetric about 0 and as wide as the rows with lambda_1 gamma >= 1/2 need (at
    least 3 decades, at most max_decades: rows further down vanish faster and saturate to the darkest
    blue); blue where the gradient shrinks with lag, red where it grows; a NaN is a gap. Coloured here
    (charts_image): plotly.js colours a heatmap cell by cell on every redraw, and at T = 1000 (41 000
    cells) that was most of a λ₁ change's ~440 ms in Chromium.

    scales: (S,), evenly spaced; log10: (S, T+1) as rnnviz.gradient_flow.sweep returns it."""
    T = log10.shape[1] - 1
    upper = log10[np.asarray(scales) * gamma >= 0.5]
    finite = np.abs(upper[np.isfinite(upper)])
    decades = float(min(max_decades, max(3.0, finite.max() if finite.size else 3.0)))
    z = np.clip(log10, -decades, decades)  # -inf (a gradient exactly 0) takes the darkest blue
    return heatmap_layers(
        z, np.arange(T + 1), np.asarray(scales, dtype=float), -decades, decades, SWEEP_COLOURS,
        (len(scales), HOVER_COLUMNS), crisp=True,
        colorbar={"title": {"text": _("log₁₀ ratio"), "side": "right"}, "thickness": 14},
        hovertemplate=_("lag {lag}").format(lag="%{x}")
        + ", λ₁ = %{y:.3g}<br>‖∂L/∂h_{T−lag}‖ / ‖∂L/∂h_T‖ = 10^%{z:.1f}<extra></extra>")


def sweep_figure(scales: np.ndarray, log10: np.ndarray, gamma: float, current: float,
                 max_decades: float = 30.0, layers: dict | None = None) -> dict:
    """The sweep heatmap (sweep_layers) with the line lambda_1 = 1/gamma, where the bound stops
    guaranteeing vanishing, and the current lambda_1.

    scales: (S,); log10: (S, T+1) as rnnviz.gradient_flow.sweep returns it; layers: sweep_layers of
    them, made here when not given (a page passes a cached one: λ₁ moves only the line)."""
    layers = layers or sweep_layers(scales, log10, gamma, max_decades)
    critical = 1.0 / gamma
    shapes, annotations = zip(
        _hline(critical, f"λ₁γ = 1 (λ₁ = {critical:g})", OKABE_ITO["grey"], 2, "dash",
               {"x": 0, "xanchor": "left", "yanchor": "bottom"}),
        _hline(current, _("now: λ₁ = {value}").format(value=f"{current:g}"), OKABE_ITO["green"], 3, "solid",
               {"x": 1, "xanchor": "right", "yanchor": "top"}),
    )
    image = layers["image"]
    layout = {
        "shapes": list(shapes), "annotations": list(annotations), "images": [image],
        "height": 380, "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
        # the image's extent, as a heatmap's axes would be; no grid over it (a heatmap trace hid it)
        "xaxis": {"title": _axis_title(_("lag T − k (steps back from the loss)")), "showgrid": False,
                  "zeroline": False, "range": [image["x"], image["x"] + image["sizex"]]},
        "yaxis": {"title": _axis_title(_("largest singular value λ₁ of W_hh")), "showgrid": False,
                  "zeroline": False, "range": [image["y"] - image["sizey"], image["y"]]},
    }
    return {"data": [layers["hover"]], "layout": layout}


CELL_COLOURS = {"rnn": OKABE_ITO["vermillion"], "lstm": OKABE_ITO["blue"], "gru": OKABE_ITO["green"]}


def cells_figure(norms: dict, T: int) -> dict:
    """Gradient norms against the lag T - k, log y, one colour per cell.

    norms: cell -> {label: (T+1,) norms over k} (rnnviz.cell_flow.gradient_norms of each cell's
    trace); a label with "c_k" is drawn dashed."""
    lag = T - np.arange(T + 1)
    at_lag = _("lag {lag}").format(lag="%{x}")
    data = []
    for cell, curves in norms.items():
        for label, values in curves.items():
            name = curve_name(cell, label)
            data.append({
                "type": "scatter", "mode": "lines", "x": lag, "y": _finite_positive(values), "name": name,
                "line": {"color": CELL_COLOURS[cell], "width": 2.5, "dash": "dash" if "c_k" in label else "solid"},
                "hovertemplate": f"{name}<br>{at_lag}: %{{y:.3e}}<extra></extra>",
            })
    layout = {"height": 400, "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
              "xaxis": {"title": _axis_title(_("lag T − k (steps back from the loss)"))},
              "yaxis": {**log_axis(*(d["y"] for d in data)), "title": _axis_title(_("gradient norm"))},
              "legend": {"orientation": "h", "y": -0.2}, "hovermode": "x unified"}
    return {"data": data, "layout": layout}

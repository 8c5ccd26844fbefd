"""Charts of the training and cliff pages: engine results in, a Plotly figure out (no Streamlit).

Written as plain dict specs, returned as they are: Plotly's property machinery (go.Figure) costs
40–60 ms a figure, and st.plotly_chart reads a dict (through rnnviz.ui.frozen, which packs its numpy
arrays as typed arrays: rnnviz.charts.packed) without it.
"""

from __future__ import annotations

import numpy as np

from .charts import OKABE_ITO, _finite_positive, log_axis
from .charts_image import VIRIDIS, heatmap_layers
from .cliff import fold_points
from .i18n import _

HOVER_POINTS = 50  # the cliff's hover grid: 50 × 50 of the surface's cells, corners included
UNCLIPPED = OKABE_ITO["vermillion"]
CLIPPED = OKABE_ITO["blue"]


def _line(x, y, name, colour, xaxis="x", yaxis="y", dash="solid", legend=True, hover="%{y:.4g}") -> dict:
    return {"type": "scatter", "mode": "lines", "x": x, "y": y, "name": name, "xaxis": xaxis, "yaxis": yaxis,
            "line": {"color": colour, "dash": dash, "width": 2}, "showlegend": legend,
            "legendgroup": name, "hovertemplate": f"{name}: {hover}<extra></extra>"}


def _title(text: str, x: float, y: float) -> dict:
    return {"text": text, "x": x, "y": y, "xref": "paper", "yref": "paper", "showarrow": False,
            "xanchor": "center", "yanchor": "bottom", "font": {"size": 14}}


def training_figure(runs: dict, floor: float | None, baseline: float | None, theta: float | None) -> dict:
    """Three panels: the loss per epoch (with the data's floor and a memoryless baseline), the
    accuracy per epoch (BCE tasks), and every update's gradient norm before clipping (log, with θ).

    runs: label -> rnnviz.training.Run; the first is drawn vermillion, the second blue."""
    colours = [UNCLIPPED, CLIPPED]
    data, shapes, annotations = [], [], []
    gap = 0.08
    left, mid, right = [0, 0.3], [0.3 + gap / 2 + 0.02, 0.62], [0.62 + gap, 1]
    for (label, run), colour in zip(runs.items(), colours):
        epochs = np.arange(len(run.records))
        data.append(_line(epochs, run.losses, label, colour, "x", "y",
                          hover=_("epoch {x}: loss {y}").format(x="%{x}", y="%{y:.5f}")))
        if not np.all(np.isnan(run.accuracies)):
            data.append(_line(epochs, run.accuracies, label, colour, "x2", "y2", legend=False,
                              hover=_("epoch {x}: accuracy {y}").format(x="%{x}", y="%{y:.0%}")))
        norms = run.grad_norms
        data.append(_line(np.arange(1, len(norms) + 1), _finite_positive(norms), label, colour, "x3", "y3",
                          legend=False, hover=_("update {x}: ‖∇L‖ {y}").format(x="%{x}", y="%{y:.3e}")))
    for value, text, dash in ((floor, _("floor {value}"), "dash"), (baseline, _("no memory {value}"), "dot")):
        if value is not None:
            shapes.append({"type": "line", "xref": "x domain", "yref": "y", "x0": 0, "x1": 1, "y0": value,
                           "y1": value, "line": {"color": OKABE_ITO["grey"], "dash": dash, "width": 1.5}})
            annotations.append({"text": text.format(value=f"{value:.4f}"), "x": 1, "y": value, "xref": "x domain",
                                "yref": "y", "showarrow": False, "xanchor": "right", "yanchor": "bottom"})
    if theta is not None:
        shapes.append({"type": "line", "xref": "x3 domain", "yref": "y3", "x0": 0, "x1": 1, "y0": theta, "y1": theta,
                       "line": {"color": CLIPPED, "dash": "dash", "width": 1.5}})
        annotations.append({"text": f"θ = {theta:g}", "x": 1, "y": np.log10(theta), "xref": "x3 domain", "yref": "y3",
                            "showarrow": False, "xanchor": "right", "yanchor": "bottom"})
    has_accuracy = any(d["yaxis"] == "y2" for d in data)
    annotations += [_title(_("Loss per epoch (whole training set)"), sum(left) / 2, 1.0),
                    _title(_("Accuracy per epoch") if has_accuracy else _("Accuracy: classification tasks only"),
                           sum(mid) / 2, 1.0),
                    _title(_("Gradient norm of every update (log)"), sum(right) / 2, 1.0)]
    layout = {
        "xaxis": {"domain": left, "anchor": "y", "title": {"text": _("epoch")}},
        "yaxis": {"anchor": "x", "rangemode": "tozero"},
        "xaxis2": {"domain": mid, "anchor": "y2", "title": {"text": _("epoch")}},
        "yaxis2": {"anchor": "x2", "range": [0, 1.02], "tickformat": ".0%"},
        "xaxis3": {"domain": right, "anchor": "y3", "title": {"text": _("update")}},
        "yaxis3": {"anchor": "x3", **log_axis(theta, *(d["y"] for d in data if d["yaxis"] == "y3"))},
        "shapes": shapes, "annotations": annotations, "height": 380,
        "margin": {"l": 10, "r": 10, "t": 40, "b": 10}, "legend": {"orientation": "h", "y": -0.2},
    }
    return {"data": data, "layout": layout}


def cliff_surface(ws, bs, E) -> dict:
    """What the cliff chart draws of the loss surface alone, built once for all its redraws:
    {"image": the surface log10 E as a layout image, "hover": an invisible heatmap trace of
    HOVER_POINTS × HOVER_POINTS of its cells, which gives the colour bar and the hover values}.

    ws (P,), bs (Q,), E (Q, P). The image is coloured here (charts_image), so that plotly.js only has
    a sixteenth of the cells to colour on every redraw (a moved start point redraws the figure)."""
    log_E = np.log10(np.maximum(E, 1e-12))
    return heatmap_layers(log_E, ws, bs, float(log_E.min()), float(log_E.max()), VIRIDIS, (HOVER_POINTS, HOVER_POINTS),
                          colorbar={"title": {"text": "log₁₀ E", "side": "right"}, "thickness": 14},
                          hovertemplate="w = %{x:.3f}, b = %{y:.3f}<br>log₁₀ E = %{z:.2f}<extra></extra>")


def cliff_figure(ws, bs, E, trajectories: dict, surface: dict | None = None) -> dict:
    """The loss surface log10 E over (w, b), coloured as a heatmap, with gradient-descent paths on it.

    ws (P,), bs (Q,), E (Q, P); trajectories: label -> rnnviz.cliff.Trajectory (first vermillion, second
    blue); surface: cliff_surface(ws, bs, E), made here when not given (a page passes a cached one)."""
    surface = surface or cliff_surface(ws, bs, E)
    data = [surface["hover"]]
    for (label, tr), colour in zip(trajectories.items(), [UNCLIPPED, CLIPPED]):
        inside = (tr.w >= ws[0]) & (tr.w <= ws[-1]) & (tr.b >= bs[0]) & (tr.b <= bs[-1])
        data.append({"type": "scatter", "mode": "lines+markers", "x": np.where(inside, tr.w, None),
                     "y": np.where(inside, tr.b, None), "name": label, "line": {"color": colour, "width": 2},
                     "marker": {"size": 4, "color": colour},
                     "hovertemplate": label + "<br>" + _("step {step}: w = {w}, b = {b}").format(
                         step="%{pointNumber}", w="%{x:.3f}", b="%{y:.3f}") + "<extra></extra>"})
    first = next(iter(trajectories.values()))
    data.append({"type": "scatter", "mode": "markers", "x": [first.w[0]], "y": [first.b[0]], "name": _("start"),
                 "marker": {"size": 12, "color": "white", "line": {"color": OKABE_ITO["grey"], "width": 2}, "symbol": "x"},
                 "hovertemplate": _("start: w = {w}, b = {b}").format(w="%{x}", b="%{y}") + "<extra></extra>"})
    layout = {"height": 460, "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
              # no grid: it would be drawn over the image (a heatmap trace hid it)
              "xaxis": {"title": {"text": "w"}, "range": [ws[0], ws[-1]], "showgrid": False},
              "yaxis": {"title": {"text": "b"}, "range": [bs[0], bs[-1]], "showgrid": False},
              "images": [surface["image"]],
              "legend": {"orientation": "h", "y": -0.15}}
    return {"data": data, "layout": layout}


def descent_figure(trajectories: dict, theta: float) -> dict:
    """Two panels per step: E (log) and the gradient norm before clipping (log, with θ)."""
    data = []
    for (label, tr), colour in zip(trajectories.items(), [UNCLIPPED, CLIPPED]):
        data.append(_line(np.arange(len(tr.E)), _finite_positive(tr.E), label, colour, "x", "y",
                          hover=_("step {x}: E {y}").format(x="%{x}", y="%{y:.3e}")))
        data.append(_line(np.arange(len(tr.grad_norm)), _finite_positive(tr.grad_norm), label, colour, "x2", "y2",
                          legend=False, hover=_("step {x}: ‖∇E‖ {y}").format(x="%{x}", y="%{y:.3e}")))
    layout = {
        "xaxis": {"domain": [0, 0.46], "anchor": "y", "title": {"text": _("step")}},
        "yaxis": {"anchor": "x", **log_axis(*(d["y"] for d in data if d["yaxis"] == "y"))},
        "xaxis2": {"domain": [0.54, 1], "anchor": "y2", "title": {"text": _("step")}},
        "yaxis2": {"anchor": "x2", **log_axis(theta, *(d["y"] for d in data if d["yaxis"] == "y2"))},
        "shapes": [{"type": "line", "xref": "x2 domain", "yref": "y2", "x0": 0, "x1": 1, "y0": theta, "y1": theta,
                    "line": {"color": CLIPPED, "dash": "dash", "width": 1.5}}],
        "annotations": [_title(_("Loss E per step (log)"), 0.23, 1.0),
                        _title(_("‖∇E‖ before clipping (log)"), 0.77, 1.0)],
        "height": 320, "margin": {"l": 10, "r": 10, "t": 40, "b": 10}, "legend": {"orientation": "h", "y": -0.25},
    }
    return {"data": data, "layout": layout}


def bifurcation_branches(branches: list, w: float = 5.0) -> dict:
    """The fixed points as three curves over b: {"lower", "upper"} attractors and the "middle"
    repeller, each (bs, xs), joined at the folds (rnnviz.cliff.fold_points). branches:
    [(b, x*, stable)] points, any order; where there is one fixed point it is the lower attractor
    left of the bistable interval, the upper one right of it."""
    (b_left, x_left), (b_right, x_right) = fold_points(w)
    by_b: dict = {}
    for b, x, _stable in branches:
        by_b.setdefault(float(b), []).append(float(x))
    curves = {"lower": ([], []), "middle": ([b_left], [x_left]), "upper": ([b_left], [x_left])}
    for b in sorted(by_b):
        xs = sorted(by_b[b])
        if len(xs) >= 3 and b_left < b < b_right:
            picked = {"lower": xs[0], "middle": xs[1], "upper": xs[-1]}
        elif b < (b_left + b_right) / 2:  # one fixed point (or two touching, at a fold)
            picked = {"lower": xs[0]}
        else:
            picked = {"upper": xs[-1]}
        for name, x in picked.items():
            curves[name][0].append(b)
            curves[name][1].append(x)
    for name in ("lower", "middle"):  # the right fold ends the lower attractor and the repeller
        curves[name][0].append(b_right)
        curves[name][1].append(x_right)
    return curves


def bifurcation_figure(bs: np.ndarray, branches: list, interval: tuple[float, float]) -> dict:
    """Fixed points x* of x = 5σ(x) + b against b: attractors solid, the repeller dotted, the
    bistable interval shaded. branches: [(b, x*, stable)] points.

    Curves, not a marker per point: the chart is drawn again at every change of the page, and
    Plotly styled its ~330 markers one by one (measured: the chart took ~50 ms in Chromium)."""
    curves = bifurcation_branches(branches)
    data = []
    for key, name, dash, colour, legend in (("lower", _("attracting"), "solid", OKABE_ITO["blue"], True),
                                            ("upper", _("attracting"), "solid", OKABE_ITO["blue"], False),
                                            ("middle", _("repelling"), "dot", OKABE_ITO["vermillion"], True)):
        b, x = curves[key]
        data.append({"type": "scatter", "mode": "lines", "x": b, "y": x, "name": name, "legendgroup": name,
                     "showlegend": legend, "line": {"color": colour, "width": 2.5, "dash": dash},
                     "hovertemplate": "b = %{x:.3f}: x* = %{y:.3f}<extra>" + name + "</extra>"})
    layout = {"height": 320, "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
              "xaxis": {"title": {"text": "b (w = 5)"}, "range": [bs[0], bs[-1]]},
              "yaxis": {"title": {"text": _("fixed point x*")}},
              "shapes": [{"type": "rect", "xref": "x", "yref": "paper", "x0": interval[0], "x1": interval[1],
                          "y0": 0, "y1": 1, "fillcolor": OKABE_ITO["yellow"], "opacity": 0.3, "line": {"width": 0}}],
              "legend": {"orientation": "h", "y": -0.25}}
    return {"data": data, "layout": layout}

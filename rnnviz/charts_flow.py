"""Charts of the vanishing/exploding lab and the gated cells: engine results in, an ECharts option out.

No Streamlit here. Log scales are drawn as log₁₀ (rnnviz.charts_echarts), with gaps, not errors,
where a value is zero or left float64's range.
"""

from __future__ import annotations

import numpy as np

from . import charts_echarts as ec
from .charts import OKABE_ITO
from .charts_image import BLUE_TO_RED
from .gates_text import curve_name
from .i18n import _

JACOBIAN_COLOUR = OKABE_ITO["blue"]
GRADIENT_COLOUR = OKABE_ITO["vermillion"]
CLIPPED_COLOUR = OKABE_ITO["orange"]


SCI = ".3e"  # a value as a tooltip writes it: 3 significant digits, scientific


def flow_figure(flow) -> dict:
    """Two panels, log y. Left, over k = 0..T: ||dh_T/dh_k|| and ||dL/dh_k||, each beside its bound
    (lambda_1 gamma)^(T-k) (dashed). Right, over t = 1..T: the norm of step t's term in dL/dW_hh,
    unclipped and, for norm clipping, as it reaches the update (every term times the same factor)."""
    T = flow.settings.T
    k = np.arange(T + 1)
    rate = f"{flow.rate:.3g}"
    lines = (
        (flow.jacobian_k, flow.jacobian, "‖∂h_T/∂h_k‖", JACOBIAN_COLOUR, "solid"),
        (k, flow.bound, _("bound ({rate})ᵀ⁻ᵏ").format(rate=rate), JACOBIAN_COLOUR, "dashed"),
        (k, flow.dh_norms, "‖∂L/∂h_k‖", GRADIENT_COLOUR, "solid"),
        (k, flow.dh_bound, f"‖∂L/∂h_T‖·({rate})ᵀ⁻ᵏ", GRADIENT_COLOUR, "dotted"),
    )
    series = [ec.line(x, values, name, colour, log=True, dash=dash, width=2.5 if dash == "solid" else 1.8,
                      fmt=SCI) for x, values, name, colour, dash in lines]
    t = np.arange(1, T + 1)
    series.append(ec.line(t, flow.terms, _("term, unclipped"), OKABE_ITO["grey"], log=True, grid=1, width=2.5,
                          fmt=SCI))
    clip = flow.clip
    if clip is not None and clip.mode == "norm" and clip.scale is not None:
        clipped = flow.terms * clip.scale
        series.append(ec.line(t, clipped, _("after norm clipping (×{scale})").format(scale=f"{clip.scale:.3g}"),
                              CLIPPED_COLOUR, log=True, grid=1, width=2.5, dash="dashed", fmt=SCI))
    grids = ec.panels(2, gap=9)
    titles = ec.panel_titles(grids, [_("How much gradient reaches step k (log scale)"),
                                     _("Step t's term in ∂L/∂W_hh (log scale)")])
    if not np.any(np.isfinite(flow.terms) & (flow.terms > 0)):
        why = (_("Every term is not finite: the pass overflowed") if not np.all(np.isfinite(flow.terms))
               else _("Every term is 0: h stays at 0"))
        titles.append(ec.panel_note(grids[1], why))
    x_axes = [ec.x_axis(_("step k (h_T is on the right)"), 0, pointer="k = {value}", min=0, max=T),
              ec.x_axis(_("step t"), 1, pointer="t = {value}", min=1, max=max(T, 2))]
    y_axes = [ec.log_axis(*(values for _x, values, *_rest in lines), grid=0),
              ec.log_axis(flow.terms, flow.terms * clip.scale if clip is not None and clip.scale is not None else None, grid=1)]
    return ec.option(series, x_axes, y_axes, grids, height=420, titles=titles)


SWEEP_COLOURS = BLUE_TO_RED  # blue where the gradient shrinks with lag, red where it grows
HOVER_ROWS, HOVER_COLUMNS = 21, 51  # the sweep's hover grid: at most this many λ₁ and lags, first and last included


def sweep_layers(scales: np.ndarray, log10: np.ndarray, gamma: float, max_decades: float = 30.0) -> dict:
    """What the sweep chart draws of the sweep alone, built once for every λ₁ the page then shows:
    {"image": the heatmap over (lag, lambda_1) of log10(||dL/dh_{T-lag}|| / ||dL/dh_T||) as an image
    over the plot, its cells crisp; "hover": invisible points on at most HOVER_ROWS × HOVER_COLUMNS
    of its cells for the tooltips; "colour_bar": its colour scale (charts_echarts.colour_bar);
    "extent": (lag, λ₁) ranges of the cells' edges, which the axes span}.

    The colour range is symmetric about 0 and as wide as the rows with lambda_1 gamma >= 1/2 need (at
    least 3 decades, at most max_decades: rows further down vanish faster and saturate to the darkest
    blue); blue where the gradient shrinks with lag, red where it grows; a NaN is a gap. Coloured here
    (charts_image) once per network: at T = 1000 the sweep has 41 000 cells.

    scales: (S,), evenly spaced; log10: (S, T+1) as rnnviz.gradient_flow.sweep returns it."""
    T = log10.shape[1] - 1
    scales = np.asarray(scales, dtype=float)
    upper = log10[scales * gamma >= 0.5]
    finite = np.abs(upper[np.isfinite(upper)])
    decades = float(min(max_decades, max(3.0, finite.max() if finite.size else 3.0)))
    z = np.clip(log10, -decades, decades)  # -inf (a gradient exactly 0) takes the darkest blue
    tip = _("lag {lag}").format(lag="{@[0]}") + ", λ₁ = {@[1]}<br>‖∂L/∂h_k‖ / ‖∂L/∂h_T‖ = 10^{@[2]}"
    step = (scales[-1] - scales[0]) / (len(scales) - 1) if len(scales) > 1 else 1.0
    layers = ec.heatmap_layers(z, np.arange(T + 1), scales, -decades, decades, SWEEP_COLOURS, _("log₁₀ ratio"), tip,
                               hover_cells=(HOVER_ROWS, HOVER_COLUMNS), hover_z=log10, decimals=1, size=16, crisp=True)
    return layers | {"extent": ((-0.5, T + 0.5), (float(scales[0] - step / 2), float(scales[-1] + step / 2)))}


def sweep_figure(scales: np.ndarray, log10: np.ndarray, gamma: float, current: float,
                 max_decades: float = 30.0, layers: dict | None = None) -> dict:
    """The sweep heatmap (sweep_layers) with the line lambda_1 = 1/gamma, where the bound stops
    guaranteeing vanishing, and the current lambda_1.

    scales: (S,); log10: (S, T+1) as rnnviz.gradient_flow.sweep returns it; layers: sweep_layers of
    them, made here when not given (a page passes a cached one: λ₁ moves only the line)."""
    layers = layers or sweep_layers(scales, log10, gamma, max_decades)
    critical = 1.0 / gamma
    series = [layers["image"], layers["hover"],
              ec.hline(critical, f"λ₁γ = 1 (λ₁ = {critical:g})", OKABE_ITO["grey"], dash="dashed", width=2,
                       position="insideStartTop"),
              ec.hline(current, _("now: λ₁ = {value}").format(value=f"{current:g}"), OKABE_ITO["green"],
                       dash="solid", width=3, position="insideEndBottom")]
    (x0, x1), (y0, y1) = layers["extent"]
    image_x, image_y = ec.image_axes(0)
    x_axes = [ec.x_axis(_("lag T − k (steps back from the loss)"), min=x0, max=x1, splitLine={"show": False},
                        axisLabel={"showMinLabel": False, "showMaxLabel": False}), image_x]
    y_axes = [ec.y_axis(_("largest singular value λ₁ of W_hh"), min=y0, max=y1, scale=False, splitLine={"show": False},
                        axisLabel={"showMinLabel": False, "showMaxLabel": False}), image_y]
    grid = {"left": 8, "right": 110, "top": 36, "bottom": 44, "containLabel": True}
    return ec.option(series, x_axes, y_axes, [grid], height=380, trigger="item", colour_bar=layers["colour_bar"],
                     legend=False)


CELL_COLOURS = {"rnn": OKABE_ITO["vermillion"], "lstm": OKABE_ITO["blue"], "gru": OKABE_ITO["green"]}


def cells_figure(norms: dict, T: int) -> dict:
    """Gradient norms against the lag T - k, log y, one colour per cell.

    norms: cell -> {label: (T+1,) norms over k} (rnnviz.cell_flow.gradient_norms of each cell's
    trace); a label with "c_k" is drawn dashed."""
    lag = T - np.arange(T + 1)
    series = [ec.line(lag, values, curve_name(cell, label), CELL_COLOURS[cell], log=True, width=2.5,
                      dash="dashed" if "c_k" in label else "solid", fmt=SCI)
              for cell, curves in norms.items() for label, values in curves.items()]
    x_axes = [ec.x_axis(_("lag T − k (steps back from the loss)"), pointer=_("lag {lag}").format(lag="{value}"),
                        min=0, max=max(T, 1))]
    y_axes = [ec.log_axis(*(values for curves in norms.values() for values in curves.values()), name=_("gradient norm"))]
    grid = {"left": 8, "right": 16, "top": 36, "bottom": 70, "containLabel": True}
    return ec.option(series, x_axes, y_axes, [grid], height=400)

"""Charts of the training and cliff pages: engine results in, an ECharts option out (rnnviz.charts_echarts).

No Streamlit here.
"""

from __future__ import annotations

import numpy as np

from . import charts_echarts as ec
from .charts import OKABE_ITO
from .charts_image import VIRIDIS
from .cliff import fold_points
from .i18n import _

HOVER_POINTS = 25  # the cliff's hover grid: 25 × 25 of the surface's cells, corners included (50 × 50 cost ~30 ms a redraw)
UNCLIPPED = OKABE_ITO["vermillion"]
CLIPPED = OKABE_ITO["blue"]
# the start point's cross (ECharts' own symbols have none)
X_SYMBOL = "path://M2,0L5,3L8,0L10,2L7,5L10,8L8,10L5,7L2,10L0,8L3,5L0,2Z"


def training_figure(runs: dict, floor: float | None, baseline: float | None, theta: float | None) -> dict:
    """Three panels: the loss per epoch (with the data's floor and a memoryless baseline), the
    accuracy per epoch (BCE tasks), and every update's gradient norm before clipping (log, with θ).

    runs: label -> rnnviz.training.Run; the first is drawn vermillion, the second blue."""
    series, has_accuracy = [], False
    for (label, run), colour in zip(runs.items(), [UNCLIPPED, CLIPPED]):
        epochs = np.arange(len(run.records))
        series.append(ec.line(epochs, run.losses, label, colour, grid=0, fmt=".5f"))
        if not np.all(np.isnan(run.accuracies)):
            has_accuracy = True
            series.append(ec.line(epochs, 100 * np.asarray(run.accuracies), label, colour, grid=1,
                                  texts=[f"{v:.0%}" for v in run.accuracies]))
        norms = run.grad_norms
        series.append(ec.line(np.arange(1, len(norms) + 1), norms, label, colour, log=True, grid=2,
                              fmt=".3e"))
    for value, text, dash in ((floor, _("floor {value}"), "dashed"), (baseline, _("no memory {value}"), "dotted")):
        if value is not None:
            series.append(ec.hline(value, text.format(value=f"{value:.4f}"), OKABE_ITO["grey"], grid=0, dash=dash))
    if theta is not None:
        series.append(ec.hline(np.log10(theta), f"θ = {theta:g}", CLIPPED, grid=2))
    grids = ec.panels(3, gap=6)
    titles = ec.panel_titles(grids, [
        _("Loss per epoch (whole training set)"),
        _("Accuracy per epoch") if has_accuracy else _("Accuracy: classification tasks only"),
        _("Gradient norm of every update (log)")])
    epochs = max((len(run.records) - 1 for run in runs.values()), default=1)
    updates = max((len(run.grad_norms) for run in runs.values()), default=1)
    x_axes = [ec.x_axis(_("epoch"), 0, pointer=_("epoch") + " {value}", min=0, max=max(epochs, 1)),
              ec.x_axis(_("epoch"), 1, pointer=_("epoch") + " {value}", min=0, max=max(epochs, 1)),
              ec.x_axis(_("update"), 2, pointer=_("update") + " {value}", min=1, max=max(updates, 2))]
    y_axes = [ec.y_axis(grid=0, min=0, scale=False),
              ec.y_axis(grid=1, min=0, max=102, scale=False, interval=20, axisLabel={"formatter": "{value}%"}),
              ec.log_axis(theta, *(run.grad_norms for run in runs.values()), grid=2)]
    return ec.option(series, x_axes, y_axes, grids, height=380, titles=titles)


def cliff_surface(ws, bs, E) -> dict:
    """What the cliff chart draws of the loss surface alone, built once for all its redraws:
    {"image": the surface log10 E as an image over the plot, "hover": invisible points on
    HOVER_POINTS × HOVER_POINTS of its cells for the tooltips, "colour_bar": its colour scale}.

    ws (P,), bs (Q,), E (Q, P). The image is coloured here (charts_image), once: the browser only scales it."""
    log_E = np.log10(np.maximum(E, 1e-12))
    return ec.heatmap_layers(log_E, ws, bs, float(log_E.min()), float(log_E.max()), VIRIDIS, "log₁₀ E",
                             "w = {@[0]}, b = {@[1]}<br>log₁₀ E = {@[2]}", hover_cells=(HOVER_POINTS, HOVER_POINTS),
                             decimals=2, size=28)


def cliff_figure(ws, bs, E, trajectories: dict, surface: dict | None = None) -> dict:
    """The loss surface log10 E over (w, b), coloured as a heatmap, with gradient-descent paths on it.

    ws (P,), bs (Q,), E (Q, P); trajectories: label -> rnnviz.cliff.Trajectory (first vermillion, second
    blue); surface: cliff_surface(ws, bs, E), made here when not given (a page passes a cached one)."""
    surface = surface or cliff_surface(ws, bs, E)
    series = [surface["image"], surface["hover"]]
    for (label, tr), colour in zip(trajectories.items(), [UNCLIPPED, CLIPPED]):
        inside = (tr.w >= ws[0]) & (tr.w <= ws[-1]) & (tr.b >= bs[0]) & (tr.b <= bs[-1])
        w, b = np.where(inside, tr.w, np.nan), np.where(inside, tr.b, np.nan)
        tip = "{a}<br>" + _("step {step}: w = {w}, b = {b}").format(step="{@[2]}", w="{@[0]}", b="{@[1]}")
        series.append(ec.line(w, b, label, colour, tooltip=False) | {"z": 3})
        series.append(ec.dots(w, b, tip, colour, np.arange(len(w))) | {"name": label, "z": 3})
    first = next(iter(trajectories.values()))
    start = _("start: w = {w}, b = {b}").format(w=f"{first.w[0]:g}", b=f"{first.b[0]:g}")
    series.append({"type": "scatter", "name": _("start"), "data": [[float(first.w[0]), float(first.b[0]), start]],
                   "symbol": X_SYMBOL, "symbolSize": 14, "z": 4, "tooltip": {"formatter": "{@[2]}"},
                   "itemStyle": {"color": "white", "borderColor": OKABE_ITO["grey"], "borderWidth": 1.5}})
    image_x, image_y = ec.image_axes(0)
    x_axes = [ec.x_axis("w", min=float(ws[0]), max=float(ws[-1]), splitLine={"show": False}), image_x]
    y_axes = [ec.y_axis("b", min=float(bs[0]), max=float(bs[-1]), scale=False, splitLine={"show": False}), image_y]
    grid = {"left": 8, "right": 110, "top": 30, "bottom": 70, "containLabel": True}
    return ec.option(series, x_axes, y_axes, [grid], height=460, trigger="item", colour_bar=surface["colour_bar"])


def descent_figure(trajectories: dict, theta: float) -> dict:
    """Two panels per step: E (log) and the gradient norm before clipping (log, with θ)."""
    series = []
    for (label, tr), colour in zip(trajectories.items(), [UNCLIPPED, CLIPPED]):
        series.append(ec.line(np.arange(len(tr.E)), tr.E, label, colour, log=True, grid=0,
                              fmt=".3e"))
        series.append(ec.line(np.arange(len(tr.grad_norm)), tr.grad_norm, label, colour, log=True, grid=1,
                              fmt=".3e"))
    series.append(ec.hline(np.log10(theta), f"θ = {theta:g}", CLIPPED, grid=1))
    grids = ec.panels(2)
    steps = max(len(tr.E) for tr in trajectories.values()) - 1
    x_axes = [ec.x_axis(_("step"), grid=g, pointer=_("step") + " {value}", min=0, max=steps) for g in (0, 1)]
    y_axes = [ec.log_axis(*(tr.E for tr in trajectories.values()), grid=0),
              ec.log_axis(theta, *(tr.grad_norm for tr in trajectories.values()), grid=1)]
    titles = ec.panel_titles(grids, [_("Loss E per step (log)"), _("‖∇E‖ before clipping (log)")])
    return ec.option(series, x_axes, y_axes, grids, height=320, titles=titles)


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
    bistable interval shaded. branches: [(b, x*, stable)] points."""
    curves = bifurcation_branches(branches)
    series = []
    for key, name, dash, colour in (("lower", _("attracting"), "solid", OKABE_ITO["blue"]),
                                    ("upper", _("attracting"), "solid", OKABE_ITO["blue"]),
                                    ("middle", _("repelling"), "dotted", OKABE_ITO["vermillion"])):
        b, x = curves[key]
        series.append(ec.line(b, x, name, colour, dash=dash, width=2.5, fmt=".3f"))
    series[0]["markArea"] = {"silent": True, "itemStyle": {"color": OKABE_ITO["yellow"], "opacity": 0.3},
                             "data": [[{"xAxis": float(interval[0])}, {"xAxis": float(interval[1])}]]}
    x_axes = [ec.x_axis("b (w = 5)", min=float(bs[0]), max=float(bs[-1]))]
    grid = {"left": 8, "right": 16, "top": 36, "bottom": 70, "containLabel": True}
    return ec.option(series, x_axes, [ec.y_axis(_("fixed point x*"))], [grid], height=320)

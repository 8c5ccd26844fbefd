"""Chart builders: engine arrays in, an Apache ECharts option out (st.echarts_chart). No Streamlit here.

Colours are the Okabe–Ito palette, distinguishable with the common colour-vision deficiencies.
The line charts' building blocks, log scales included, are in rnnviz.charts_echarts; the unrolled
graph is rnnviz.charts_unrolled.
"""

from __future__ import annotations

import numpy as np

from . import charts_echarts as ec
from .i18n import _
from .tracing import to_strict_json

OKABE_ITO = {
    "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7",
    # Okabe–Ito's black, lightened: the page may be light or dark, and a mid grey reads on both
    "grey": "#888888",
}
PARAM_COLOURS = {"W_xh": OKABE_ITO["blue"], "W_hh": OKABE_ITO["vermillion"], "b_h": OKABE_ITO["green"],
                 "W_hy": OKABE_ITO["orange"], "b_y": OKABE_ITO["purple"]}


def _bars_option(categories: list[str], series: list[dict], value_format: str, **y_axis) -> dict:
    """The ECharts option around bar series over categories: drawn at once (no animation), described
    for screen readers (aria), an axis tooltip with values as value_format, the legend top left and
    the plot under as many rows as it takes at the chart's width (on a phone, more: media queries).
    Strict JSON (tracing.to_strict_json): Streamlit refuses NaN or Infinity, an overflowed value is a gap."""
    rotate = 40 if len(categories) > 12 else 0  # many labels (up to 4·3 + 4·4 + 4 + …): slanted, every one shown
    names = [s["name"] for s in series]
    name_room = 20 if "name" in y_axis else 0  # the axis name sits over the axis: below the legend, not under it

    def top(width: float) -> int:  # room for the legend's rows at this width
        return 12 + 24 * ec.legend_rows(names, width * 0.95) + name_room

    wide = top(ec.WIDE_PX)  # narrower charts: more rows
    media = [{"query": {"maxWidth": w}, "option": {"grid": {"top": top(narrowest)}}}
             for w, narrowest in ec.width_ranges() if top(narrowest) != wide]
    return to_strict_json(dict(
        animation=False, aria=dict(enabled=True),
        tooltip=dict(trigger="axis", axisPointer=dict(type="shadow"), valueFormatter=value_format),
        legend=dict(top=0, left=0), grid=dict(left=8, right=8, top=wide, bottom=4, containLabel=True),
        xAxis=dict(type="category", data=categories, axisLabel=dict(interval=0, rotate=rotate)),
        yAxis=dict(type="value", **y_axis), series=series, **({"media": media} if media else {})))


def gradient_flow_figure(dh_norms: np.ndarray, contribution_norms: dict) -> dict:
    """Two panels over time, log y: ||dL/dh_t|| for t = 0..T, and each parameter's per-step term norm.

    dh_norms: (T+1,); contribution_norms: name -> (T,) (a Trace's contribution_norms)."""
    T = len(dh_norms) - 1
    series = [ec.line(np.arange(T + 1), dh_norms, "‖∂L/∂h_t‖", OKABE_ITO["grey"], log=True, grid=0, symbol_size=5)]
    series += [ec.line(np.arange(1, T + 1), norms, name, PARAM_COLOURS.get(name, OKABE_ITO["grey"]), log=True, grid=1,
                       symbol_size=5)
               for name, norms in contribution_norms.items()]
    grids = ec.panels(2, gap=10)
    titles = ec.panel_titles(grids, [_("‖∂L/∂h_t‖: the gradient reaching each hidden state"),
                                     _("‖per-step term‖ of each parameter's gradient")])
    x_axes = [ec.x_axis(_("time step t"), g, pointer="t = {value}", min=g, max=max(T, g + 1)) for g in (0, 1)]
    y_axes = [ec.log_axis(dh_norms, grid=0), ec.log_axis(*contribution_norms.values(), grid=1)]
    return ec.option(series, x_axes, y_axes, grids, height=360, titles=titles)


def states_and_gradients_option(h: np.ndarray, dh: np.ndarray) -> dict:
    """Bars over t = 0..T: the hidden state h_t and the gradient dL/dh_t reaching it (first unit).
    An ECharts option, updated in place when the home page's w_hh slider moves.

    h, dh: (T+1, n), a Trace's h and dh; with n > 1 the bars show unit 1, as labelled.
    """
    unit = "" if h.shape[1] == 1 else " " + _("(unit 1)")
    series = [dict(type="bar", name=name + unit, itemStyle=dict(color=colour), data=values[:, 0])
              for name, colour, values in (("hₜ", OKABE_ITO["blue"], h), ("∂L/∂hₜ", OKABE_ITO["vermillion"], dh))]
    return _bars_option([f"t = {t}" for t in range(len(h))], series, "%.4f")


def contributions_option(rows: list[dict], T: int) -> dict:
    """Each parameter element's gradient as a stack of its per-step terms (signed), with the total
    marked: rows from rnnviz.steps.contribution_rows. An Apache ECharts option (st.echarts_chart),
    updated in place when a weight is typed (see this module's docstring)."""
    labels = [r["parameter"] for r in rows]
    palette = [OKABE_ITO[c] for c in ("blue", "orange", "green", "vermillion", "purple", "sky")]
    series = [dict(type="bar", stack="terms", name=_("term from t = {t}").format(t=t),
                   itemStyle=dict(color=palette[(t - 1) % len(palette)]), data=[r[f"t = {t}"] for r in rows])
              for t in range(1, T + 1)]
    series.append(dict(type="scatter", name=_("total (the gradient)"), symbol="diamond", symbolSize=12, z=3,
                       itemStyle=dict(color=OKABE_ITO["grey"]), data=[r["total"] for r in rows]))
    return _bars_option(labels, series, "%.4g", name="∂L/∂θ")

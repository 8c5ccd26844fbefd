"""Chart builders: engine arrays in, a Plotly figure or an Apache ECharts option out. No Streamlit here.

Colours are the Okabe–Ito palette, distinguishable with the common colour-vision deficiencies.

Which library: ECharts (st.echarts_chart) updates a chart in place when a setting changes, where
Streamlit draws a Plotly figure anew every time (its element id follows the figure): measured to the
painted frame on the backward page, its per-step terms chart cost ~150 ms less as ECharts. The
unrolled graph is ECharts too (rnnviz.charts_unrolled). Plotly stays for log axes: without
JavaScript formatters, ECharts labels a log axis 0.0000000001.
"""

from __future__ import annotations

import base64

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

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


# Plotly's typed-array JSON: the dtypes plotly.js decodes (its "bdata" is the array's bytes, base64)
_TYPED = {"float64": "f8", "float32": "f4", "int8": "i1", "uint8": "u1", "int16": "i2", "uint16": "u2",
          "int32": "i4", "uint32": "u4"}


def packed(spec):
    """A dict spec with every numeric numpy array as Plotly's typed-array JSON {dtype, bdata[, shape]}.

    A Figure does this itself; in a dict spec, Plotly's JSON writer turns an array into a list of
    numbers instead: for the cliff's 200×200 surface 819 kB and ~50 ms of every rerun, against
    ~0.3 MB and well under a millisecond packed. Arrays of objects (None for a gap) stay lists;
    int64 becomes int32 when it fits (plotly.js has no 64-bit integers)."""
    if isinstance(spec, dict):
        return {key: packed(value) for key, value in spec.items()}
    if isinstance(spec, (list, tuple)):
        return [packed(value) for value in spec]
    if not isinstance(spec, np.ndarray) or spec.size == 0:
        return spec
    array = spec
    if array.dtype == np.int64 and np.iinfo(np.int32).min <= array.min() and array.max() <= np.iinfo(np.int32).max:
        array = array.astype(np.int32)
    dtype = _TYPED.get(str(array.dtype))
    if dtype is None:
        return spec
    little_endian = np.ascontiguousarray(array.astype(array.dtype.newbyteorder("<"), copy=False))
    out = {"dtype": dtype, "bdata": base64.b64encode(little_endian).decode("ascii")}
    if array.ndim > 1:
        out["shape"] = ", ".join(str(n) for n in array.shape)
    return out


def log_axis(*arrays) -> dict:
    """A log axis for these values. Over a few decades Plotly labels the ticks between powers of
    ten with bare digits ("9" for 0.9, just under "1"); there the ticks are 1, 2 and 5 times each
    power of ten, written out. Over more decades Plotly's powers of ten alone read well."""
    axis = {"type": "log", "exponentformat": "power"}
    with np.errstate(all="ignore"):
        v = np.concatenate([np.ravel(np.asarray(a, dtype=np.float64)) for a in arrays]) if arrays else np.empty(0)
    v = v[np.isfinite(v) & (v > 0)]
    if v.size == 0:
        return axis
    lo, hi = int(np.floor(np.log10(v.min()))), int(np.ceil(np.log10(v.max())))
    if hi - lo > 3:
        return axis
    ticks = [m * 10.0 ** e for e in range(lo - 1, hi + 1) for m in (1, 2, 5)]
    plain = lo >= -3 and hi <= 4  # one style per axis: 0.002 … 50, or 2×10⁻⁵ … 5×10⁻³
    return {**axis, "tickvals": ticks, "ticktext": [_tick_text(x, plain) for x in ticks]}


def _tick_text(x: float, plain: bool) -> str:
    if plain:
        return f"{x:.6g}"
    mantissa, exponent = f"{x:.0e}".split("e")
    power = f"10<sup>{int(exponent)}</sup>".replace("-", "\u2212")  # Plotly's own power format
    return power if mantissa == "1" else f"{mantissa}×{power}"


def _bars_option(categories: list[str], series: list[dict], value_format: str, grid_top: int = 36, **y_axis) -> dict:
    """The ECharts option around bar series over categories: drawn at once (no animation), described
    for screen readers (aria), an axis tooltip with values as value_format, the legend top left.
    Strict JSON (tracing.to_strict_json): Streamlit refuses NaN or Infinity, an overflowed value is a gap."""
    rotate = 40 if len(categories) > 12 else 0  # many labels (up to 4·3 + 4·4 + 4 + …): slanted, every one shown
    if "name" in y_axis:
        grid_top += 20  # the axis name sits over the axis: below the legend, not under it
    return to_strict_json(dict(
        animation=False, aria=dict(enabled=True),
        tooltip=dict(trigger="axis", axisPointer=dict(type="shadow"), valueFormatter=value_format),
        legend=dict(top=0, left=0), grid=dict(left=8, right=8, top=grid_top, bottom=4, containLabel=True),
        xAxis=dict(type="category", data=categories, axisLabel=dict(interval=0, rotate=rotate)),
        yAxis=dict(type="value", **y_axis), series=series))


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
        _("‖∂L/∂h<sub>t</sub>‖: the gradient reaching each hidden state"),
        _("‖per-step term‖ of each parameter's gradient"),
    ))
    fig.add_trace(go.Scatter(
        x=np.arange(T + 1), y=_finite_positive(dh_norms), mode="lines+markers", name="‖∂L/∂h_t‖",
        line=dict(color=OKABE_ITO["grey"]), hovertemplate="t = %{x}<br>‖∂L/∂h_t‖ = %{y:.4g}<extra></extra>",
    ), row=1, col=1)
    for name, norms in contribution_norms.items():
        fig.add_trace(go.Scatter(
            x=np.arange(1, T + 1), y=_finite_positive(norms), mode="lines+markers", name=name,
            line=dict(color=PARAM_COLOURS.get(name)),
            hovertemplate="t = %{x}<br>" + _("‖term of {name}‖").format(name=name) + " = %{y:.4g}<extra></extra>",
        ), row=1, col=2)
    fig.update_yaxes(**log_axis(dh_norms), row=1, col=1)
    fig.update_yaxes(**log_axis(*contribution_norms.values()), row=1, col=2)
    ticks = dict(dtick=1) if T <= 20 else {}  # whole steps only: there is no t = 1.5
    fig.update_xaxes(title_text=_("time step t"), row=1, col=1, **ticks)
    fig.update_xaxes(title_text=_("time step t"), row=1, col=2, **ticks)
    fig.update_layout(height=360, margin=dict(l=10, r=10, t=50, b=10), legend=dict(orientation="h", y=-0.25))
    return fig


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
    legend_rows = 1 + len(series) // 6  # about six entries a row, at a page's width
    return _bars_option(labels, series, "%.4g", grid_top=12 + 24 * legend_rows, name="∂L/∂θ")

"""Apache ECharts building blocks for rnnviz's line charts, heatmaps and log scales. No Streamlit here.

Why ECharts: st.echarts_chart updates a keyed chart in place, and ECharts redraws a line chart in a few
milliseconds, where Streamlit hands plotly.js the whole figure again and it lays everything out anew.
Measured in Chromium, a slider change to the painted frame, synthetic pages on one server in one run:
one chart of two 100-point lines 80 ms as ECharts against 122 as Plotly (bare page 62); three such
charts 87 against 233.

Log scales without JavaScript: st.echarts_chart takes JSON only, and ECharts writes a log axis's
labels out in full (0.0000000001). So a log chart draws log₁₀ of its values on a value axis whose
ticks read 10 with the exponent raised (log_axis), and a point's tooltip shows the value itself,
written here (each data row is [x, y as drawn, then the tooltip's numbers or texts]).

A heatmap is an image coloured here (rnnviz.charts_image) stretched over the plot (image_series),
with an invisible grid of points for its tooltips (hover_grid) and a colour bar (colour_bar).
"""

from __future__ import annotations

import math

import numpy as np

from .charts_image import heatmap_png
from .tracing import to_strict_json

SUPERSCRIPT = {"e": {"fontSize": 9, "verticalAlign": "top", "padding": [0, 0, 7, 1]}}
LINE_WIDTH = 2


def log10_values(values) -> np.ndarray:
    """log₁₀ of values, NaN (a gap) where a value is 0, negative or not finite."""
    v = np.asarray(values, dtype=np.float64)
    with np.errstate(all="ignore"):
        return np.where(np.isfinite(v) & (v > 0), np.log10(np.where(v > 0, v, 1.0)), np.nan)


def log_axis(*arrays, grid: int = 0, name: str | None = None, max_ticks: int = 8) -> dict:
    """A value axis for log₁₀ of these values (log10_values), from the decade below the least to
    the decade above the largest, a tick every whole decade (or every few, for at most max_ticks
    ticks), labelled 10 with its exponent raised.

    Over at most two decades between 0.001 and 10 000 that is two or three labels: there the axis
    is labelled as plain numbers at 1, 2 and 5 times each power of ten instead (0.1, 0.2, 0.5, 1, …),
    drawn by option() as mark lines (an ECharts value axis ticks evenly, and 0.2 and 0.5 are not)."""
    parts = [np.ravel(log10_values(a)) for a in arrays if a is not None]
    v = np.concatenate(parts) if parts else np.empty(0)
    v = v[np.isfinite(v)]
    lo, hi = (math.floor(v.min()), math.ceil(v.max())) if v.size else (-1, 1)
    if hi == lo:
        hi += 1
    step = max(1, math.ceil((hi - lo) / max_ticks))
    lo = step * math.floor(lo / step)
    axis = {"type": "value", "gridIndex": grid, "min": lo, "max": lo + step * math.ceil((hi - lo) / step),
            "interval": step, "axisLabel": {"formatter": "10{e|{value}}", "rich": SUPERSCRIPT}}
    if axis["max"] - lo <= 2 and lo >= -3 and axis["max"] <= 4:
        ticks = [m * 10.0 ** e for e in range(lo, axis["max"] + 1) for m in (1, 2, 5)]
        # the axis's own labels blank, but as wide as the widest number, so that the grid leaves room for them
        axis |= {"axisLabel": {"formatter": "\u2007" * max(len(f"{t:.6g}") for t in ticks)}, "axisTick": {"show": False},
                 "_ticks": [(round(math.log10(t), 6), f"{t:.6g}") for t in ticks if t <= 10.0 ** axis["max"] * 1.0001]}
    return axis | ({"name": name} if name else {})


def _tick_marks(axis: dict) -> dict:
    """The mark lines that label a log axis at 1, 2 and 5 times each power of ten (log_axis's _ticks):
    an empty series on the axis's grid, each line a light grid line with its number at the axis."""
    return {"type": "line", "xAxisIndex": axis.get("gridIndex", 0), "yAxisIndex": axis.get("gridIndex", 0),
            "data": [], "silent": True, "_nolegend": True, "tooltip": {"show": False},
            "markLine": {"silent": True, "symbol": "none", "animation": False, "precision": 6,
                         # faint by its colour, not by opacity: ECharts fades a mark line's label with it
                         "lineStyle": {"color": "rgba(136, 136, 136, 0.25)", "type": "solid", "width": 1},
                         "label": {"position": "start", "color": "#888888", "distance": 6},
                         "data": [{"yAxis": y, "label": {"formatter": text}} for y, text in axis["_ticks"]]}}


def rows(x, y, *columns, decimals: int = 6) -> list:
    """Data rows [x, y, c, …] for a series, strict JSON already: NaN is a gap (None), x and y rounded
    to `decimals`. A column is numbers (rounded alike) or texts (written as they are), for a tooltip
    template to show ({@[2]} the first column, …)."""
    columns = [c if c and isinstance(c[0], str) else [_number(v, decimals) for v in np.asarray(c, dtype=float).tolist()]
               for c in (list(c) for c in columns)]
    return [[_number(a, decimals), _number(b, decimals), *t]
            for a, b, *t in zip(np.asarray(x, dtype=np.float64).tolist(), np.asarray(y, dtype=np.float64).tolist(),
                                *columns)]


def _number(v, decimals: int = 6):
    """v for JSON: a whole number as an int, else rounded to `decimals`; None (a gap) if not finite."""
    v = float(v)
    if not math.isfinite(v):
        return None
    return int(v) if v.is_integer() and abs(v) < 2 ** 53 else round(v, decimals)


def line(x, y, name: str, colour: str, *, log: bool = False, fmt: str = ".4g", texts=None, grid: int = 0,
         dash: str = "solid", width: float = LINE_WIDTH, symbol_size: float = 0, legend: bool = True,
         tooltip: bool = True) -> dict:
    """A line series on grid `grid`: values y over x (log: drawn as log₁₀, a gap where not positive).
    An axis tooltip shows the series' name and each point's text (texts, else y written with the
    format spec fmt: ".3e", ".5f"); tooltip=False: none (the line's points carry no text).
    symbol_size: points drawn on the line (0: the line alone)."""
    y = np.asarray(y, dtype=np.float64)
    drawn = log10_values(y) if log else y
    series = {"type": "line", "name": name, "xAxisIndex": grid, "yAxisIndex": grid,
              "lineStyle": {"color": colour, "type": dash, "width": width}, "itemStyle": {"color": colour},
              "symbol": "circle", "symbolSize": symbol_size, "showSymbol": symbol_size > 0, "connectNulls": False}
    if tooltip:
        texts = [format(v, fmt) for v in y.tolist()] if texts is None else texts
        series |= {"data": rows(x, drawn, texts), "encode": {"x": 0, "y": 1, "tooltip": [2]}}
    else:
        series |= {"data": rows(x, drawn, decimals=4), "tooltip": {"show": False}}
    return series if legend else series | {"_nolegend": True}


def hline(y: float, text: str, colour: str, grid: int = 0, dash: str = "dashed", width: float = 1.5,
          position: str = "insideEndTop") -> dict:
    """A horizontal line across grid `grid` at y (as drawn: log₁₀ on a log axis), labelled: an empty
    series carrying the mark line, left out of the legend."""
    return {"type": "line", "name": text, "xAxisIndex": grid, "yAxisIndex": grid, "data": [], "_nolegend": True,
            "markLine": {"silent": True, "symbol": "none", "animation": False,
                         "lineStyle": {"color": colour, "type": dash, "width": width},
                         "label": {"formatter": text, "position": position, "color": colour},
                         "data": [{"yAxis": _number(y)}]}}


def panels(count: int, gap: float = 8.0, top: int = 40, bottom: int = 70, left: float = 1.0, right: float = 1.0) -> list:
    """count grids side by side (percent of the width), each with its axes' labels inside it."""
    width = (100.0 - left - right - gap * (count - 1)) / count
    return [{"left": f"{left + i * (width + gap):.2f}%", "width": f"{width:.2f}%", "top": top, "bottom": bottom,
             "containLabel": True} for i in range(count)]


def _percent(grid: dict, key: str) -> float:
    """A panels() grid's left or width, in percent of the chart's width."""
    return float(grid[key].rstrip("%"))


def panel_titles(grids: list, titles: list[str]) -> list:
    """A title centred over each grid."""
    return [{"text": text, "left": f"{_percent(g, 'left') + _percent(g, 'width') / 2:.2f}%", "textAlign": "center",
             "top": 0, "textStyle": {"fontSize": 14, "fontWeight": "normal"}} for g, text in zip(grids, titles)]


def panel_note(grid: dict, text: str) -> dict:
    """A note written across the middle of a grid (a title entry: ECharts takes no free text otherwise)."""
    return panel_titles([grid], [text])[0] | {"top": "middle", "textStyle": {"fontSize": 15, "fontWeight": "normal"}}


def x_axis(name: str, grid: int = 0, pointer: str | None = None, **extra) -> dict:
    """A value x axis named under its middle. pointer: its values are whole numbers (steps), and the
    axis tooltip's header is this template of {value} ("step {value}": "step 96", not "96.00")."""
    label = {"axisPointer": {"label": {"formatter": pointer, "precision": 0}}} if pointer else {}
    return {"type": "value", "gridIndex": grid, "name": name, "nameLocation": "middle", "nameGap": 28,
            "minInterval": 1 if pointer else 0, **label, **extra}


def y_axis(name: str | None = None, grid: int = 0, **extra) -> dict:
    """A value y axis (its name, if any, above it, starting at the axis: centred, it was cut off at the left)."""
    named = {"name": name, "nameTextStyle": {"align": "left"}} if name else {}
    return {"type": "value", "gridIndex": grid, "scale": True, **named, **extra}


def image_series(source: str, grid: int, x_index: int, y_index: int) -> dict:
    """An image (a data URL) stretched over grid `grid`: one bar of a pictorial bar chart on a hidden
    category axis (x_index) and a hidden value axis from 0 to 1 (y_index), drawn under the lines."""
    return {"type": "pictorialBar", "xAxisIndex": x_index, "yAxisIndex": y_index, "data": [1], "z": 0,
            "symbol": "image://" + source, "symbolSize": ["100%", "100%"], "symbolPosition": "start",
            "barWidth": "100%", "silent": True, "_nolegend": True, "tooltip": {"show": False}}


def image_axes(grid: int) -> tuple[dict, dict]:
    """The hidden x and y axes image_series stretches its image over."""
    return ({"type": "category", "gridIndex": grid, "data": [""], "show": False, "boundaryGap": False},
            {"type": "value", "gridIndex": grid, "min": 0, "max": 1, "show": False})


def dots(x, y, tip: str, colour: str, *columns, grid: int = 0, size: float = 4, opacity: float = 1.0,
         decimals: int = 4) -> dict:
    """Points at (x, y) with a tooltip each: tip, a template of {a} (the series' name), {@[0]} (x),
    {@[1]} (y) and {@[2]}, … (the columns: numbers or texts, one per point; rows()). Numbers, not a
    text per point, where a template can write them: the sweep's 1 071 tooltips as texts were 123 kB of
    every λ₁ change. Drawn in ECharts' large mode: one path for all, where a line's own symbols are an
    element each (400 of them took ~50 ms of a redraw in Chromium)."""
    return {"type": "scatter", "xAxisIndex": grid, "yAxisIndex": grid, "data": rows(x, y, *columns, decimals=decimals),
            "large": True, "largeThreshold": 1, "symbolSize": size, "itemStyle": {"color": colour, "opacity": opacity},
            "emphasis": {"disabled": True}, "_nolegend": True, "tooltip": {"formatter": tip}}


def hover_grid(x, y, z, tip: str, grid: int = 0, size: float = 10, decimals: int = 3) -> dict:
    """Invisible points on the grid x × y whose tooltips (tip: a template of {@[0]} x, {@[1]} y and
    {@[2]} z, each rounded to `decimals`) tell the values under a heatmap image; z (len(y), len(x))."""
    xs, ys = np.meshgrid(np.asarray(x, dtype=float), np.asarray(y, dtype=float))
    return dots(xs.ravel(), ys.ravel(), tip, "#000000", np.ravel(z), grid=grid, size=size, opacity=0,
                decimals=decimals)


COLOUR_BAR_STEPS = 256  # rows of a colour bar's image


def colour_bar(colours, zmin: float, zmax: float, title: str) -> dict:
    """A colour bar for a colour scale (colours at evenly spaced stops, rnnviz.charts_image) from zmin
    to zmax, which option() puts at the right of the plot: the colours as an image in a narrow grid
    of their own, beside a value axis titled `title` with ticks at round values (ECharts' visualMap
    writes only its two ends: -6.49 and -0.318 said nothing of the decades between).
    {"image": a data URL, zmin at its bottom row and zmax at its top, "min", "max", "title"}."""
    z = np.linspace(zmin, zmax, COLOUR_BAR_STEPS)[:, None]
    return {"image": heatmap_png(z, zmin, zmax, colours), "min": float(zmin), "max": float(zmax), "title": title}


def _colour_bar_parts(bar: dict, grid: dict, index: tuple[int, int, int]) -> tuple[dict, list, list, dict]:
    """colour_bar's grid, x axis, y axes and image series, beside the plot's `grid`, as grid, x axis and
    y axis number `index` (the next free ones)."""
    g, xi, yi = index
    top, bottom = grid.get("top", 30), grid.get("bottom", 60)
    # under the plot's top by the title's height; at the bottom, level with the plot (whose grid holds
    # its x axis's labels too: containLabel)
    placed = {"right": 64, "width": 14, "top": top + 30, "bottom": bottom + 20}
    image_x, image_y = image_axes(g)
    labels = {"type": "value", "gridIndex": g, "min": _number(bar["min"]), "max": _number(bar["max"]),
              "position": "right", "name": bar["title"], "nameLocation": "end", "nameGap": 10,
              "nameTextStyle": {"align": "center"},
              "axisLine": {"show": False}, "axisTick": {"show": True, "length": 3}, "splitLine": {"show": False},
              "axisLabel": {"showMinLabel": False, "showMaxLabel": False, "margin": 6}}
    return placed, [image_x], [image_y, labels], image_series(bar["image"], g, xi, yi)


def heatmap_layers(z, xs, ys, zmin: float, zmax: float, colours, title: str, tip: str, *,
                   hover_cells: tuple[int, int], decimals: int, size: float, hover_z=None, crisp: bool = False) -> dict:
    """A heatmap as a chart here draws it, built once and cached by its page: {"image": z coloured from
    zmin to zmax (rnnviz.charts_image) over grid 0 (image_series, on image_axes' indices 1), "hover":
    invisible points (hover_grid, size px) on at most hover_cells (rows, columns) of its cells, the
    first and last included, telling hover_z (default z) to `decimals` through tip, and "colour_bar"
    (colour_bar, titled title; option() draws it)}. z (len(ys), len(xs)), row 0 at ys[0]; xs, ys evenly spaced."""
    rows, cols = (np.unique(np.linspace(0, len(a) - 1, min(len(a), n)).round().astype(int))
                  for a, n in zip((ys, xs), hover_cells))
    values = np.asarray(z if hover_z is None else hover_z)[np.ix_(rows, cols)]
    return {"image": image_series(heatmap_png(z, zmin, zmax, colours, crisp), 0, 1, 1),
            "hover": hover_grid(np.asarray(xs)[cols], np.asarray(ys)[rows], np.round(values, decimals), tip, size=size),
            "colour_bar": colour_bar(colours, zmin, zmax, title)}


# px: media queries for charts narrower than a small tablet, a large phone, a 360-390 px phone; each
# sizes what it changes for the narrowest chart it applies to (the next width, or NARROWEST)
NARROW_WIDTHS, NARROWEST = (640, 460, 380), 320
WIDE_PX = 800  # a chart in the main area at 1280 px (a projector) is ~820 px wide: a legend's rows there are the base
LEGEND_ROW_PX = 22  # a row of the legend under the plots (12 px text, ECharts' default gap)


def width_ranges() -> list[tuple[int, int]]:
    """(max_width, narrowest) of each media query from WIDE_PX down: it applies to charts up to
    max_width wide, and what it sizes must fit the narrowest of them."""
    widths = (WIDE_PX,) + NARROW_WIDTHS
    return list(zip(widths, widths[1:] + (NARROWEST,)))


def text_width(text: str, size: float) -> float:
    """About how wide `text` is in `size` px sans-serif: 0.6 em a Latin letter or digit, 1 em a
    Chinese character (what ECharts measures within a few per cent, for sizing, not drawing)."""
    return sum(size if ord(c) > 0x2E80 else 0.6 * size for c in text)


def legend_rows(names: list[str], width: float, text_size: float = 12, item_width: float = 25,
                item_gap: float = 10) -> int:
    """How many rows a horizontal legend of these entries takes `width` px wide: each its symbol,
    5 px, its text and item_gap before the next, wrapped as ECharts wraps them."""
    rows, used = 1, 0.0
    for name in names:
        entry = item_width + 5 + text_width(name, text_size)
        if used and used + item_gap + entry > width:
            rows, used = rows + 1, 0.0
        used += entry + (item_gap if used else 0)
    return rows


def narrow_media(grids: list, titles: int, legend: list[str]) -> list:
    """ECharts media queries for a narrow chart (a phone), one per NARROW_WIDTHS: with panels side by
    side, each panel's title in smaller type broken into lines as wide as the panel is there, and the
    plots lower to make room (one line each over a third of a 420-px chart ran into each other); and
    the plots higher above a legend that wraps onto more rows there than on a wide screen (its second
    row ran into the axes' names). grids: the panels' own; titles: how many panel titles; legend:
    the legend's entries. [] when nothing changes."""
    wide_rows = legend_rows(legend, WIDE_PX * 0.95) if legend else 1  # what the grids' own bottoms leave room for
    media = []
    for max_width, narrowest in width_ranges():
        option = {}
        if titles and len(grids) > 1 and max_width in NARROW_WIDTHS:
            panel_widths = [_percent(g, "width") / 100 * narrowest * 0.95 for g in grids]
            option["title"] = [{"textStyle": {"fontSize": 11, "lineHeight": 13, "width": round(w), "overflow": "break"}}
                               for w in panel_widths[:titles]]
            option["grid"] = [{"top": 58} for _g in grids]
        extra = (legend_rows(legend, narrowest * 0.95) - wide_rows) * LEGEND_ROW_PX if legend else 0
        if extra > 0:
            option["grid"] = [dict(g, bottom=grid.get("bottom", 60) + extra)
                              for g, grid in zip(option.get("grid", [{} for _g in grids]), grids)]
        if option:
            media.append({"query": {"maxWidth": max_width}, "option": option})
    return media


def larger_text(option: dict, factor: float = 1.3, titles: float = 1.15) -> dict:
    """The option with its text larger (a classroom link's big=true): axis labels and names, the
    legend, mark-line labels, the colour bar and tooltips `factor` times ECharts' 12 px, every size
    set in it `factor` times, panel titles only `titles` times (a longer title over a third of a
    1280-px page ran past its panel). Series' data are left as they are; a copy (it may be cached)."""
    size = round(12 * factor)

    def scaled(value, key=None, k_factor=factor):
        if key == "data":
            return value
        if isinstance(value, dict):
            return {k: round(v * k_factor) if k == "fontSize" and isinstance(v, (int, float)) else scaled(v, k, k_factor)
                    for k, v in value.items()}
        if isinstance(value, list):
            return [scaled(v, None, k_factor) for v in value]
        return value

    def sized(part: dict, *keys: str) -> dict:
        """part with fontSize `size` at each of keys (a dict of text style), unless set there already."""
        out = dict(part)
        for key in keys:
            out[key] = {"fontSize": size, **out.get(key, {})}
        return out

    out = {k: scaled(v, k, titles if k == "title" else factor) for k, v in option.items()}
    for axes in ("xAxis", "yAxis"):  # a list of axes, or one (rnnviz.charts' bar charts)
        if isinstance(out.get(axes), list):
            out[axes] = [sized(axis, "axisLabel", "nameTextStyle") for axis in out[axes]]
        elif isinstance(out.get(axes), dict):
            out[axes] = sized(out[axes], "axisLabel", "nameTextStyle")
    for part, keys in (("legend", ("textStyle",)), ("tooltip", ("textStyle",))):
        if part in out:
            out[part] = sized(out[part], *keys)
    out["series"] = [s | {"markLine": s["markLine"] | {"label": {"fontSize": size, **s["markLine"]["label"]}}}
                     if "markLine" in s else s for s in out.get("series", [])]
    out["textStyle"] = {**out.get("textStyle", {}), "fontSize": size}
    return out


def option(series: list, x_axes: list, y_axes: list, grids: list, *, height: int, trigger: str = "axis",
           titles: list | None = None, colour_bar: dict | None = None, legend: bool = True) -> dict:
    """The whole ECharts option, `height` px tall: drawn at once (no animation), described for
    screen readers (aria), tooltips for every line at the x hovered (trigger "axis") or for the
    point hovered ("item"), the legend under the plots (series marked _nolegend left out), strict
    JSON (tracing.to_strict_json: Streamlit refuses NaN, a gap is None). colour_bar (colour_bar()):
    drawn at the right of the first grid, which leaves it room (right: 110)."""
    names = list(dict.fromkeys(s["name"] for s in series if not s.get("_nolegend") and "name" in s))
    media = narrow_media(grids, len(titles or ()), names if legend else [])  # the panels' own grids
    series = series + [_tick_marks(axis) for axis in y_axes if "_ticks" in axis]
    y_axes = [{k: v for k, v in axis.items() if k != "_ticks"} for axis in y_axes]
    if colour_bar:
        grid, bar_x, bar_y, image = _colour_bar_parts(colour_bar, grids[0], (len(grids), len(x_axes), len(y_axes)))
        grids, x_axes, y_axes, series = grids + [grid], x_axes + bar_x, y_axes + bar_y, series + [image]
    # copies (a series may be cached), made strict JSON but for their data: rows() and hover_grid()
    # write that strict already, and walking it again cost ~2 ms a chart on every rerun
    series = [to_strict_json({k: v for k, v in s.items() if k not in ("_nolegend", "data")}) | {"data": s["data"]}
              for s in series]
    out = {"animation": False, "aria": {"enabled": True}, "tooltip": {"trigger": trigger, "confine": True},
           "grid": grids, "xAxis": x_axes, "yAxis": y_axes, "series": series}
    if legend and names:
        out["legend"] = {"bottom": 0, "left": "center", "data": names}
    if titles:
        out["title"] = titles
    if media:
        out["media"] = media
    out = to_strict_json({k: v for k, v in out.items() if k != "series"}) | {"series": series}
    out["_height"] = height  # not ECharts': rnnviz.ui.draw_chart takes it out and gives Streamlit the height
    return out

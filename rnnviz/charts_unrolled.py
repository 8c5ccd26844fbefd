"""The unrolled graph (x_t → h_t → ŷ_t across time, h_{t-1} → h_t) as an Apache ECharts option,
stepped through in the browser with ECharts' timeline: a point per step, previous, next and play,
no server round trip. No Streamlit here.

Why ECharts and not Plotly, which drew this graph before: Streamlit draws a changed Plotly figure
anew (newPlot), where st.echarts_chart with a key updates the same chart. Measured with
tests/bench/bench_latency.py, a typed weight to the painted frame, both versions on one machine:
forward page 160 -> 122-136 ms, backward 198 -> 125-135 ms (bare page 35-38 ms); a click on a
step to its painted frame 36 -> 28-41 ms (forward) and 52-66 -> 33-47 ms (backward).

The step texts come from rnnviz.steps as HTML-lite (<sub>, <sup>, <b>, <br>): `rich` turns them
into ECharts rich text for the chart, and tooltips (HTML) take them as they are.
"""

from __future__ import annotations

import re

import numpy as np

from .charts import OKABE_ITO
from .charts_echarts import NARROWEST, legend_rows
from .i18n import _
from .tracing import to_strict_json

NODE_STATE_COLOURS = {"current": OKABE_ITO["orange"], "done": OKABE_ITO["sky"], "todo": "#D9D9D9"}
FLOW_LEVELS = 6  # edge widths and colours in the backward graph, on a log scale
# Cividis sampled at the middle of each level: blue to yellow,
# readable with every common colour-vision deficiency and in greyscale (its lightness rises steadily)
CIVIDIS = ("#0E3068", "#424E6C", "#6A6C72", "#918C77", "#BCAD6C", "#E8D34E")
NO_FLOW = dict(width=1.0, color="#BBBBBB")

# The graph is a white card in the light and the dark theme alike, as the Plotly one was: its colours
# (nodes, Cividis edges, the step text) are chosen for a white ground
BACKGROUND, TEXT_COLOUR, FONT = "#FFFFFF", "#31333F", "sans-serif"
# px, top to bottom: the graph (its 20 px top margin included), a gap, the step's text (its longest
# step's lines), a gap and the timeline with its labels
GRAPH_HEIGHT, TEXT_GAP, TIMELINE_HEIGHT = 350, 18, 76
MIN_LINES = 4  # most steps' texts fit: the chart keeps its height as most settings change
TEXT_SIZE, NODE_TEXT_SIZE, SMALL_TEXT_SIZE = 15, 14, 13  # px, at text_scale 1
WRAP = 100  # visible characters in a line of the step text: ~800 px of 15 px sans-serif
BIG_TEXT = 1.3  # text_scale for a projector (the classroom view's larger type)
# A chart narrower than NARROW_PX (a phone) shows the step text again in NARROW_TEXT_SIZE px, broken
# at NARROW_WRAP characters (~330 px), and the edge legend above the graph, in rows as wide as the
# narrowest phone's chart (charts_echarts.NARROWEST) (ECharts media query)
NARROW_PX, NARROW_TEXT_SIZE, NARROW_WRAP = 640, 11, 56
LEGEND_ROW_PX = 20  # a row of that legend, in NARROW_TEXT_SIZE


# --- HTML-lite to ECharts rich text -------------------------------------------------------

_TAG = re.compile(r"<(/?)(b|sub|sup|br)\s*/?>")
_TAG_ANY = re.compile(r"<[^>]+>")


def rich(text: str) -> str:
    """HTML-lite (<b>, <sub>, <sup>, <br>) as ECharts rich text: each run of one style as {style|run},
    with the styles of `_text_style` (n, b, sub, sup, bsub, bsup); <br> is a new line."""
    out, bold, script, at = [], False, "", 0

    def emit(run: str) -> None:
        if not run:
            return
        out.append("{%s|%s}" % (("b" if bold else "") + script or "n", run))

    for match in _TAG.finditer(text):
        emit(text[at:match.start()])
        at = match.end()
        closing, tag = match.group(1) == "/", match.group(2)
        if tag == "br":
            out.append("\n")
        elif tag == "b":
            bold = not closing
        else:
            script = "" if closing else tag
    emit(text[at:])
    return "".join(out)


def wrap(line: str, width: int = WRAP) -> list[str]:
    """An HTML-lite line as lines of at most `width` visible characters where it can, broken at
    spaces (a tag holds none), the continuation lines indented. ECharts' own wrapping (overflow:
    break) loses the line breaks and misplaces the runs of rich text."""
    lines, current = [], ""
    for word in line.split(" "):
        candidate = f"{current} {word}" if current else word
        if current.strip() and len(_TAG_ANY.sub("", candidate)) > width:
            lines.append(current)
            candidate = "    " + word
        current = candidate
    return lines + [current]


def height(option: dict) -> int:
    """The chart's height in px for an option of unrolled_option: the graph GRAPH_HEIGHT tall between
    what its grid leaves above it (a phone's legend) and below it (step text and timeline), on a wide
    chart and on a narrow one."""
    base = option["baseOption"]["grid"]
    grids = [base] + [{**base, **m["option"]["grid"]} for m in option["media"]]
    return GRAPH_HEIGHT + max(g["top"] - base["top"] + g["bottom"] for g in grids)


def _text_style(size: int) -> dict:
    """Text of `size` px with the rich-text styles `rich` writes: sub- and superscripts smaller, in a
    line box shorter than the line's by twice their shift, at its bottom or its top.

    Every style names its colour and font: a rich-text run without them takes ECharts' global text
    style, not the text's own. The font is the system's sans-serif: ECharts measures runs on a canvas,
    and measured before Streamlit's web font has loaded, runs drawn in it would overlap or gap."""
    line, small, shift = round(size * 1.45), round(size * 0.72), round(size * 0.22)
    font = dict(color=TEXT_COLOUR, fontFamily=FONT, fontSize=size, lineHeight=line)
    script = dict(font, fontSize=small, lineHeight=line - 2 * shift)
    return dict(font, fontWeight="normal", rich={
        "n": font, "b": dict(font, fontWeight="bold"),
        "sub": dict(script, verticalAlign="bottom"), "sup": dict(script, verticalAlign="top"),
        "bsub": dict(script, verticalAlign="bottom", fontWeight="bold"),
        "bsup": dict(script, verticalAlign="top", fontWeight="bold")})


# --- edges: how much gradient flows back along each -----------------------------------------

def flow_levels(edge_flow: dict, edges: list) -> tuple[dict, float, float]:
    """Each edge's level 0..FLOW_LEVELS-1 on a log scale of the gradient flowing back along it
    (-1: none, zero or not finite), and the log10 range the levels span."""
    finite = [v for v in edge_flow.values() if np.isfinite(v) and v > 0]
    lo, hi = (float(np.log10(min(finite))), float(np.log10(max(finite)))) if finite else (0.0, 0.0)
    levels = {}
    for e in edges:
        flow = edge_flow.get(e)
        if flow is None or not np.isfinite(flow) or flow <= 0:
            levels[e] = -1
        else:
            share = 0.0 if hi <= lo else (np.log10(flow) - lo) / (hi - lo)
            levels[e] = min(FLOW_LEVELS - 1, int(share * FLOW_LEVELS))
    return levels, lo, hi


def level_style(level: int) -> dict:
    """Width and colour of an edge at this level (-1: no gradient flows along it)."""
    if level < 0:
        return dict(NO_FLOW)
    return dict(width=round(1.5 + 7.5 * (level + 0.5) / FLOW_LEVELS, 2), color=CIVIDIS[level])


_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def short_number(x: float) -> str:
    """Two significant digits: 0.012, 3.4, 1.2·10⁵ (the legend's level bounds)."""
    if 1e-3 <= abs(x) < 1e4:
        return f"{float(f'{x:.2g}'):g}"  # rounded to two digits, written out: 130, not 1.3e+02
    mantissa, exponent = f"{x:.1e}".split("e")
    return f"{mantissa}·10{str(int(exponent)).translate(_SUPERSCRIPTS)}"


def _flow_legend(levels: dict, lo: float, hi: float, text_size: int) -> tuple[dict, list]:
    """The legend for edge width and colour: one entry per level in use (its range of ‖gradient‖),
    drawn as a bar of the level's width and colour, one for edges with none, and last the colour of
    the step's own edges. Legend entries name series: each gets an empty line series of its colour."""
    used = sorted(set(levels.values()))
    names, series = [], []
    for level in used:
        if level < 0:
            name = _("0: none flows back")
        elif hi <= lo:
            name = short_number(10 ** lo)
        else:
            a, b = (10 ** (lo + (hi - lo) * (level + k) / FLOW_LEVELS) for k in (0, 1))
            name = f"{short_number(a)} – {short_number(b)}"
        style = level_style(level)
        # a bar as wide as the edge: the icon's path is 30 wide and as tall as the edge is wide
        bar = f"path://M0,0L30,0L30,{style['width']:g}L0,{style['width']:g}Z"
        names.append(dict(name=name, icon=bar, itemStyle=dict(color=style["color"])))
        series.append(dict(type="line", name=name, data=[], color=style["color"]))
    # the step's own edges are drawn in vermillion over their level's colour (_link_items): say so
    name, colour = _("this step's edges"), OKABE_ITO["vermillion"]
    names.append(dict(name=name, icon="path://M0,0L30,0L30,4L0,4Z", itemStyle=dict(color=colour)))
    series.append(dict(type="line", name=name, data=[], color=colour))
    legend = dict(data=names, orient="vertical", right=8, top=30, selectedMode=False, itemWidth=30, itemHeight=9,
                  itemGap=8, textStyle=dict(fontSize=text_size, color=TEXT_COLOUR, fontFamily=FONT))
    return legend, series


# --- the option -------------------------------------------------------------------------------

def _node_items(graph, frame, gradients: bool) -> list[dict]:
    items = []
    # a loss at every step: edges come into L from both sides, and L's label goes above it, off them
    into_loss = sum(1 for _a, b in graph.edges if b == "L")
    for i, (x, y, symbol) in graph.nodes.items():
        state = "current" if i in frame.current else "done" if i in frame.values else "todo"
        value = frame.values.get(i, "?")
        # a vector's entries one under the other, as a column: side by side, at T = 6 they ran
        # into the next step's node
        column = value.replace(", ", "<br>") if value.startswith("[") else value
        items.append(dict(
            name=i, value=[x, y], itemStyle=dict(color=NODE_STATE_COLOURS[state]),
            label=dict(formatter=rich(f"<b>{symbol}</b> = {column}"), position="top", align="center")
            if i == "L" and into_loss > 1 else  # one line: the chart's top is close
            dict(formatter=rich(f"<b>{symbol}</b><br>{column}")),
            # the backward graph's numbers are gradients: its tooltip says of what
            tooltip=dict(formatter=f"{'∂L/∂' if gradients else ''}<b>{symbol}</b> = {value}")))
    return items


def _link_items(graph, frame, levels: dict | None, edge_flow: dict | None) -> list[dict]:
    """Every edge, the step's own last (drawn on top) in vermillion."""
    links = []
    for a, b in sorted(graph.edges, key=lambda e: e in frame.active_edges):
        style = dict(width=1.5, color="#AAAAAA") if levels is None else level_style(levels[(a, b)])
        if (a, b) in frame.active_edges:
            style = dict(width=5.0 if levels is None else max(3.0, style["width"]), color=OKABE_ITO["vermillion"])
        link = dict(source=a, target=b, lineStyle=dict(style, opacity=1))
        if edge_flow is not None:
            names = graph.nodes[a][2], graph.nodes[b][2]
            link["tooltip"] = dict(formatter=_("{a} → {b}: gradient flowing back {value}").format(
                a=names[0], b=names[1], value=f"{edge_flow.get((a, b), 0.0):.4g}"))
        links.append(link)
    return links


def unrolled_option(graph, frames, edge_flow: dict | None = None, start: int = -1, text_scale: float = 1.0,
                    gradients: bool = False) -> dict:
    """The unrolled RNN, a timeline point per frame: an ECharts option (st.echarts_chart).

    graph, frames: from rnnviz.steps (forward_frames or backward_frames), HTML-lite texts.
    edge_flow: edge -> norm of the gradient flowing back along it; when given, edge width and
    colour show it in FLOW_LEVELS steps of a log scale, with a legend. start: the frame shown
    first (default: the last, where every value is known). text_scale: every text's size, times
    (BIG_TEXT for a projector); the step text's lines break sooner to keep their width. gradients:
    the nodes' values are ∂L/∂(node), as in the backward graph (their tooltips say so).
    The option is {baseOption, options}: what stays (axes, legend, the timeline) and, per frame,
    the nodes' colours and values, the edges' styles and the step's equations.
    """
    def size(px: int) -> int:
        return round(px * text_scale)

    levels = lo = hi = None
    legend, legend_series = None, []
    if edge_flow is not None:
        levels, lo, hi = flow_levels(edge_flow, list(graph.edges))
        legend, legend_series = _flow_legend(levels, lo, hi, size(SMALL_TEXT_SIZE - 1))
    xs = [p[0] for p in graph.nodes.values()]
    right = size(190) if legend else 10  # room for the legend beside the graph
    graph_series = dict(
        type="graph", coordinateSystem="cartesian2d", symbolSize=34, edgeSymbol=["none", "arrow"], edgeSymbolSize=9,
        itemStyle=dict(borderColor="#333333", borderWidth=1), lineStyle=dict(opacity=1),  # ECharts' default: 0.5
        emphasis=dict(scale=False, focus="none"),
        label=dict(show=True, position="right", distance=6, textBorderWidth=0, **_text_style(size(NODE_TEXT_SIZE))),
        animation=False, z=3)
    # The step text sits on the timeline and the graph takes the rest, so that a taller chart (Streamlit's
    # full screen, on a projector) gives the graph the room. Every step's text has as many lines (blank
    # ones added), so that its first line stays put from step to step.
    wide_style, narrow_style = _text_style(size(TEXT_SIZE)), _text_style(size(NARROW_TEXT_SIZE))
    wide = [_lines(f, WRAP / text_scale) for f in frames]
    narrow = [_lines(f, NARROW_WRAP / text_scale) for f in frames]
    wide_lines, narrow_lines = max(MIN_LINES, *map(len, wide)), max(map(len, narrow))
    step_title = dict(id="step", left=8, bottom=TIMELINE_HEIGHT, textStyle=wide_style)
    titles = [step_title, dict(step_title, id="step-narrow", show=False, textStyle=narrow_style)]
    if legend:
        # right=28, not 8: ECharts measures the text narrower than the browser draws it (by ~1 glyph in Chinese)
        titles.append(dict(id="legend", text=_("‖gradient‖ flowing back"), right=28, top=4,
                           textStyle=dict(fontSize=size(SMALL_TEXT_SIZE), fontWeight="normal", color=TEXT_COLOUR,
                                          fontFamily=FONT)))
    base = dict(
        animation=False, backgroundColor=BACKGROUND,
        grid=dict(left=10, right=right, top=20,
                  bottom=TIMELINE_HEIGHT + wide_lines * wide_style["lineHeight"] + TEXT_GAP),
        xAxis=dict(type="value", show=False, min=min(xs) - 0.3, max=max(xs) + 0.9),
        yAxis=dict(type="value", show=False, min=-0.4, max=3.4),
        tooltip=dict(trigger="item", confine=True),
        title=titles,
        timeline=dict(axisType="category", data=[f.label for f in frames], currentIndex=start % len(frames),
                      autoPlay=False, playInterval=900, left=8, right=8, bottom=4, height=44,
                      loop=True,  # ▶ at the last step, where the graph opens, goes on from the first
                      lineStyle=dict(color="#C9CCD6"), itemStyle=dict(color="#8C93A8"),
                      # the step shown is orange, as the step's nodes are
                      checkpointStyle=dict(color=NODE_STATE_COLOURS["current"], borderColor="#FFFFFF", symbolSize=16,
                                           animation=False),
                      label=dict(fontSize=size(SMALL_TEXT_SIZE), color=TEXT_COLOUR, fontFamily=FONT),
                      progress=dict(lineStyle=dict(color="#8C93A8"), itemStyle=dict(color="#8C93A8"),
                                    label=dict(fontSize=size(SMALL_TEXT_SIZE), color=TEXT_COLOUR, fontFamily=FONT)),
                      controlStyle=dict(itemSize=20, color="#6B7080", borderColor="#6B7080")),
        series=[graph_series] + legend_series,
    )
    # a phone: the narrow text instead of the wide, and the graph the chart's whole width
    phone = dict(title=[dict(id="step", show=False), dict(id="step-narrow", show=True)],
                 grid=dict(right=10, bottom=TIMELINE_HEIGHT + narrow_lines * narrow_style["lineHeight"] + TEXT_GAP))
    if legend:
        base["legend"] = legend
        # a phone has no room beside the graph: the legend goes above it, its title over it
        small = size(NARROW_TEXT_SIZE)
        rows = legend_rows([entry["name"] for entry in legend["data"]], NARROWEST, small, item_width=30)
        phone.update(legend=dict(orient="horizontal", left=8, right=8, top=8 + small + 8, itemGap=10,
                                 textStyle=dict(legend["textStyle"], fontSize=small)),
                     title=phone["title"] + [dict(id="legend", left=8, right="auto", top=4,
                                                  textStyle=dict(fontSize=small))])
        phone["grid"]["top"] = 8 + small + 8 + rows * size(LEGEND_ROW_PX) + 12

    def text(lines: list[str], count: int) -> str:
        return rich("<br>".join(lines + [" "] * (count - len(lines))))

    options = [dict(title=[dict(id="step", text=text(w, wide_lines)), dict(id="step-narrow", text=text(n, narrow_lines))],
                    series=[dict(data=_node_items(graph, f, gradients), links=_link_items(graph, f, levels, edge_flow))])
               for f, w, n in zip(frames, wide, narrow)]
    return to_strict_json(dict(baseOption=base, options=options,
                               media=[dict(query=dict(maxWidth=NARROW_PX), option=phone)]))


def _lines(frame, width: float) -> list[str]:
    """A frame's step text as lines of at most `width` visible characters (wrap)."""
    return [part for line in frame.text for part in wrap(line, round(width))]

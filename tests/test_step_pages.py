"""The step-through pages in AppTest: defaults, presets, every f and g, every step of the graph."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from apptest_helpers import metrics, open_page, printed_nans
from rnnviz import Scenario, trace
from rnnviz.presets import PRESETS
from rnnviz.tutorial import tutorial_scenario
from rnnviz.steps import arr, num
from rnnviz.tables import vec

PAGES = ["pages/forward.py", "pages/backward.py"]


def figures(at) -> list[dict]:
    """Every chart's ECharts option, in page order (the unrolled graph, then the backward page's sums over steps)."""
    return [json.loads(chart.proto.spec) for chart in at.get("echarts_chart")]


def bar_values(option: dict) -> dict:
    """An ECharts option's series as {series name: {category: value}}."""
    return {series["name"]: dict(zip(option["xAxis"]["data"], series["data"])) for series in option["series"]}


RICH_RUN = re.compile(r"\{(n|b|sub|sup|bsub|bsup)\|([^}]*)\}")


def html(rich_text: str) -> str:
    """ECharts rich text (rnnviz.charts_unrolled.rich) back as the HTML-lite rnnviz.steps writes."""
    def run(match):
        style, text = match.groups()
        script = style.removeprefix("b") if style not in ("n", "b") else ""
        text = f"<{script}>{text}</{script}>" if script else text
        return f"<b>{text}</b>" if style.startswith("b") else text
    return RICH_RUN.sub(run, rich_text).replace("</b><b>", "").replace("\n", "<br>")


def frame_texts(option: dict) -> list[str]:
    """The unrolled graph's step texts, one per timeline point, as HTML-lite."""
    return [html(o["title"][0]["text"]) for o in option["options"]]


def node_labels(option: dict, frame: int = -1) -> dict:
    """The unrolled graph's node labels at one frame: {node id: HTML-lite label}."""
    return {item["name"]: html(item["label"]["formatter"]) for item in option["options"][frame]["series"][0]["data"]}


def test_forward_defaults_show_the_tutorial_numbers():
    at = open_page("pages/forward.py")
    assert not at.exception
    shown = metrics(at)
    assert (shown["h₁"], shown["h₂"], shown["ŷ₂"], shown["L"]) == ("0.7616", "0.6420", "0.6552", "1.0648")
    texts = frame_texts(figures(at)[0])
    assert len(texts) == 3  # t = 0, 1, 2
    assert "h<sub>0</sub> = <b>0</b> (given)" in texts[0]
    tooltips = {item["name"]: item["tooltip"]["formatter"] for item in figures(at)[0]["options"][-1]["series"][0]["data"]}
    assert tooltips["h1"] == "<b>h<sub>1</sub></b> = 0.7616"  # the forward graph's numbers are the values
    assert "h<sub>1</sub> = tanh(z<sub>1</sub>) = <b>0.7616</b>" in texts[1]
    assert "1·0 + 1·0.7616 + 0 = <b>0.7616</b>" in texts[2]
    assert "ŷ<sub>2</sub> = σ(W<sub>hy</sub>h<sub>2</sub> + b<sub>y</sub>) = σ(0.6420) = <b>0.6552</b>" in texts[2]
    # by hand: y₂ = 0, so L = −log(1 − 0.6552) = −log 0.3448 = 1.0648
    assert "= −[0·log 0.6552 + 1·log 0.3448] = <b>1.0648</b>" in texts[2]
    latex = "\n".join(e.body for e in at.latex)
    assert r"&= \tanh\left(1 \cdot 0 + 1 \cdot 0.7616 + 0\right)" in latex


def test_forward_typeset_equations_wait_until_opened():
    # the timeline's text has each step's numbers; the typeset copy of every step is drawn (and
    # redrawn on each typed weight) only once the learner opens it
    at = open_page("pages/forward.py", panels=False)
    step = r"&= \tanh\left(1 \cdot 0 + 1 \cdot 0.7616 + 0\right)"
    assert at.expander(key="_equations").label == "Every step as equations"
    assert not at.session_state["_equations"]
    assert not any(step in e.body for e in at.latex)
    at.session_state["_equations"] = True
    at.run()
    assert any(step in e.body for e in at.latex)


def test_backward_defaults_show_the_chain_rule_in_numbers():
    at = open_page("pages/backward.py")
    assert not at.exception
    shown = metrics(at)
    assert (shown["∂L/∂h₂"], shown["∂L/∂h₁"], shown["∂L/∂h₀"]) == ("0.6552", "0.3851", "0.1618")
    graph, bars = figures(at)
    texts = frame_texts(graph)
    assert len(texts) == 4  # dL/dyhat, then h_2, h_1, h_0
    # by hand: ŷ₂ = σ(0.6420) = 0.6552, y = 0; ∂L/∂ŷ₂ = (ŷ − y)/(ŷ(1 − ŷ)) = 1/0.3448 = 2.9003,
    # σ′(o₂) = ŷ(1 − ŷ) = 0.2259, ∂L/∂o₂ = 0.2259 · 2.9003 = 0.6552
    assert "(0.6552 − 0) / (0.6552·(1 − 0.6552)) = <b>2.9003</b>" in texts[0]
    assert "∂L/∂o<sub>2</sub> = σ′(o<sub>2</sub>) ⊙ ∂L/∂ŷ<sub>2</sub> = 0.2259 ⊙ 2.9003 = <b>0.6552</b>" in texts[0]
    assert node_labels(graph)["y2"] == "<b>ŷ<sub>2</sub></b><br>2.9003"  # the ŷ node carries ∂L/∂ŷ, not ∂L/∂o
    tooltips = {item["name"]: item["tooltip"]["formatter"] for item in graph["options"][-1]["series"][0]["data"]}
    assert tooltips["y2"] == "∂L/∂<b>ŷ<sub>2</sub></b> = 2.9003" and tooltips["L"] == "∂L/∂<b>L</b> = 1"
    # the graph's numbers, in the table under it: its ŷ and x nodes' too
    numbers = next(d.value for d in at.dataframe if "∂L/∂ŷ_t" in d.value.columns).set_index("t")
    assert (numbers.loc[2, "∂L/∂ŷ_t"], numbers.loc[2, "∂L/∂o_t"], numbers.loc[1, "∂L/∂x_t"]) == ("2.9003", "0.6552", "0.1618")
    assert "= 1·(0.5878 ⊙ 0.6552) = <b>0.3851</b>" in texts[2]
    assert "= 1·(0.4200 ⊙ 0.3851) = <b>0.1618</b>" in texts[3]
    # the stacked bar: W_hh's terms are 0 (t = 1, h_0 = 0) and 0.3851·0.7616 (t = 2); total 0.2933
    by_name = bar_values(bars)
    assert by_name["term from t = 1"]["W_hh[1,1]"] == 0.0
    assert by_name["term from t = 2"]["W_hh[1,1]"] == pytest.approx(0.3851 * 0.7616, abs=1e-4)
    assert by_name["total (the gradient)"]["W_hh[1,1]"] == pytest.approx(0.2933, abs=1e-4)
    check = at.table[-1].value
    assert list(check["check"]) == ["✓ pass"] * 6


@pytest.mark.parametrize("loss, output", [("mse", "identity"), ("mse", "sigmoid"), ("bce", "sigmoid"), ("ce", "softmax")])
def test_backprop_starts_with_the_losss_slope_then_g(loss, output):
    """The first backward frame's ∂L/∂ŷ_t against central differences of the loss written in ŷ
    (float64, h = 1e-6), and its ∂L/∂o_t against the trace's."""
    from rnnviz import steps
    d = json.loads(tutorial_scenario().to_json())
    d.update(output=output, loss=loss, loss_at="every")
    d["weights"].update(W_hy=[[1.0], [-0.5]], b_y=[0.2, 0.1])
    d["targets"] = [[0.3, 0.7], [1.0, 0.0]] if loss != "mse" else [[0.3, -0.2], [1.5, 0.0]]
    tr = trace(Scenario.from_dict(d))
    _graph, frames = steps.backward_frames(tr)

    def loss_of(yhat, y):
        if loss == "mse":
            return np.mean((yhat - y) ** 2)
        if loss == "bce":
            return -np.mean(y * np.log(yhat) + (1 - y) * np.log(1 - yhat))
        return -np.sum(y * np.log(yhat))

    for t, y in zip((1, 2), np.array(d["targets"])):
        yhat, h = tr.y[t - 1], 1e-6
        numeric = [(loss_of(yhat + h * e, y) - loss_of(yhat - h * e, y)) / (2 * h) for e in np.eye(2)]
        assert tr.dy[t - 1] == pytest.approx(numeric, rel=1e-6, abs=1e-8)
        assert frames[0].values[f"y{t}"] == steps.node(tr.dy[t - 1])
    text = "<br>".join(frames[0].text)
    assert f"= <b>{steps.arr(tr.dy[1])}</b>" in text and f"= <b>{steps.arr(tr.do[1])}</b>" in text
    assert "and likewise at t = 1" in text


def set_form(at, **values):
    for key, value in values.items():
        widget = at.text_input(key=key) if key in ("W_xh", "W_hh", "b_h", "W_hy", "b_y", "h0", "x", "y") \
            else at.number_input(key=key) if key in ("n", "m", "k", "T") else at.selectbox(key=key)
        widget.set_value(value)
    return at.run()


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("preset", list(PRESETS))
def test_every_preset_shows_the_engines_numbers(page, preset):
    at = set_form(open_page(page), preset=preset)
    assert not at.exception and not at.error
    expected = trace(Scenario.from_dict(PRESETS[preset]))
    shown = metrics(at)
    T = expected.scenario.T
    if page == "pages/forward.py":
        assert shown["L"] == f"{expected.loss:.4f}"
        assert len(frame_texts(figures(at)[0])) == T + 1
    else:
        if expected.scenario.n == 1:
            assert shown["∂L/∂h₀"] == vec(expected.dh[0])
        else:  # vectors: the table's row for t = 0
            table = at.dataframe[0].value
            assert table.loc[table["t"] == 0, "∂L/∂h_t"].item() == vec(expected.dh[0])
        assert len(frame_texts(figures(at)[0])) == T + 2


@pytest.mark.parametrize("f", ["tanh", "sigmoid", "relu", "linear"])
@pytest.mark.parametrize("g", ["identity", "sigmoid", "softmax"])
def test_every_f_and_g_on_both_pages(f, g):
    for page in PAGES:
        at = set_form(open_page(page), f=f)
        at = set_form(at, g=g)
        assert not at.exception and not at.error, (page, f, g)
        assert not printed_nans(at)
        # an output that no longer fits bce makes the loss mse (rnnviz.presets.reconcile)
        loss = "bce" if g == "sigmoid" else "mse"
        tr = trace(Scenario.from_dict({**PRESETS["tutorial"], "activation": f, "output": g, "loss": loss}))
        assert at.selectbox(key="loss").value == loss
        if page == "pages/forward.py":
            assert metrics(at)["h₂"] == vec(tr.h[2])
            assert metrics(at)["L"] == vec(tr.loss)
        else:
            assert at.table[-1].value["check"].str.startswith("✓").all()


def test_every_step_of_a_bigger_scenario_matches_the_engine():
    at = set_form(open_page("pages/forward.py"), n=3, m=2, T=5)
    at = set_form(at, W_hh="0.5 -0.2 0.1; 0.3 0.4 0; -0.1 0.2 0.6", x="1 0; 0 1; 1 1; -1 0.5; 0 0")
    assert not at.exception and not at.error
    s = Scenario.from_dict({**PRESETS["tutorial"],
                            "inputs": [[1, 0], [0, 1], [1, 1], [-1, 0.5], [0, 0]], "h0": [0, 0, 0],
                            "weights": {"W_xh": [[1, 0], [0.5, 0], [0.5, 0]],
                                        "W_hh": [[0.5, -0.2, 0.1], [0.3, 0.4, 0], [-0.1, 0.2, 0.6]],
                                        "b_h": [0, 0, 0], "W_hy": [[1, 0.5, 0.5]], "b_y": [0]}})
    tr = trace(s)
    texts = frame_texts(figures(at)[0])
    for t in range(1, 6):
        assert f"h<sub>{t}</sub> = tanh(z<sub>{t}</sub>) = <b>{arr(tr.h[t])}</b>" in texts[t]
    # beside its node a vector is a column (entries to 2 decimals): x₃ = [1, 1], h₁ = tanh([1, 0.5, 0.5])
    labels = node_labels(figures(at)[0])
    assert labels["x3"] == "<b>x<sub>3</sub></b><br>[1<br>1]"
    assert labels["h1"] == "<b>h<sub>1</sub></b><br>[0.76<br>0.46<br>0.46]"
    assert metrics(at)["L"] == f"{tr.loss:.4f}"


@pytest.mark.parametrize("field,text,message", [
    ("W_hh", "abc", "row 1, column 1: 'abc' is not a number"),
    ("W_hh", "", "empty"),
    ("W_hh", "1e308", "outside ±1e+06"),
    ("x", "1; 2; 3", "expected 2×1, got 3×1"),
])
def test_bad_input_shows_at_its_field_and_keeps_the_last_valid(field, text, message):
    for page in PAGES:
        at = set_form(open_page(page), **{field: text})
        assert not at.exception
        errors = [e.value for e in at.error]
        assert any(f"**{field}**" in e and message in e for e in errors), errors
        assert "last valid" in " ".join(i.value for i in at.info)
        if page == "pages/forward.py":
            assert metrics(at)["L"] == "1.0648"


def test_resizing_keeps_what_it_can_and_the_scenario_follows_between_pages():
    at = set_form(open_page("pages/forward.py"), W_hh="0.9")
    at = set_form(at, n=2)
    assert at.text_input(key="W_hh").value == "0.9 0; 0 0.5"
    assert at.text_input(key="W_hy").value == "1 0.5"
    at.switch_page("pages/backward.py").run()
    assert not at.exception
    assert at.text_input(key="W_hh").value == "0.9 0; 0 0.5"  # the same scenario on the other page
    assert at.number_input(key="n").value == 2


def test_loss_and_output_stay_compatible():
    at = set_form(open_page("pages/forward.py"), loss="ce")
    assert at.selectbox(key="g").value == "softmax" and not at.error
    at = set_form(at, g="identity")
    assert at.selectbox(key="loss").value == "mse" and not at.error


def test_chart_builders_on_their_data():
    from rnnviz import charts, charts_unrolled, steps
    tr = trace(Scenario.from_dict(PRESETS["exploding"]), contributions=True)
    graph, frames = steps.backward_frames(tr)
    flows = steps.edge_gradients(tr)
    # dL/dh_t doubles at every step back: so does the flow along h_{t-1} -> h_t
    recurrent = [flows[(f"h{t - 1}", f"h{t}")] for t in range(1, 7)]
    assert recurrent == pytest.approx([2 ** (7 - t) * abs(tr.do[-1, 0]) for t in range(1, 7)])
    option = charts_unrolled.unrolled_option(graph, frames, edge_flow=flows)
    json.dumps(option, allow_nan=False)  # strict JSON, as Streamlit sends it
    assert len(option["options"]) == len(option["baseOption"]["timeline"]["data"]) == len(frames) == 8
    assert option["baseOption"]["timeline"]["currentIndex"] == 7  # opens at the last frame: every value known
    levels, lo, hi = charts_unrolled.flow_levels(flows, graph.edges)
    assert levels[("h0", "h1")] == charts_unrolled.FLOW_LEVELS - 1 and levels[("h5", "h6")] < levels[("h0", "h1")]
    flowing = [v for v in flows.values() if v > 0]  # the outputs without a loss pass back nothing
    assert (lo, hi) == pytest.approx((np.log10(min(flowing)), np.log10(max(flowing))))
    # at the first frame (∂L/∂ŷ) no h-edge is the step's own: each is drawn in its level's width and colour
    links = {(link["source"], link["target"]): link for link in option["options"][0]["series"][0]["links"]}
    assert set(links) == set(graph.edges)
    widest = max(link["lineStyle"]["width"] for link in links.values())
    assert links[("h0", "h1")]["lineStyle"] == dict(width=widest, color=charts_unrolled.CIVIDIS[-1], opacity=1)
    assert links[("h5", "h6")]["lineStyle"]["width"] < widest
    assert links[("h0", "h1")]["tooltip"]["formatter"] == (
        f"h<sub>0</sub> → h<sub>1</sub>: gradient flowing back {flows[('h0', 'h1')]:.4g}")
    # the step's own edges are drawn last (on top), in vermillion: at frame 1, ∂L/∂h₆ from ŷ₆
    last = option["options"][1]["series"][0]["links"][-1]
    assert (last["source"], last["target"], last["lineStyle"]["color"]) == ("h6", "y6", charts.OKABE_ITO["vermillion"])
    # the legend: one entry per level in use, its range of ‖gradient‖, its bar as wide as its edges,
    # and last the vermillion of the step's own edges
    legend = option["baseOption"]["legend"]["data"]
    used = sorted(set(levels.values()))
    assert len(legend) == len(used) + 1 and legend[-2]["itemStyle"]["color"] == charts_unrolled.CIVIDIS[-1]
    assert legend[-2]["name"].endswith(charts_unrolled.short_number(10 ** hi))
    assert (legend[-1]["name"], legend[-1]["itemStyle"]["color"]) == ("this step's edges", charts.OKABE_ITO["vermillion"])
    legend_series = {s["name"]: s["color"] for s in option["baseOption"]["series"][1:]}
    assert legend_series == {entry["name"]: entry["itemStyle"]["color"] for entry in legend}  # what names them
    assert charts_unrolled.height(option) >= 350 + 22 * 4  # the graph and at least four lines of text
    assert [charts_unrolled.short_number(x) for x in (0.01234, 3.456, 130.2, 5120, 2e5, 1.5e-7)] == \
        ["0.012", "3.5", "130", "5100", "2.0·10⁵", "1.5·10⁻⁷"]  # the legend's bounds
    # a phone (narrower than NARROW_PX): the step text again, broken shorter, in smaller type
    (media,) = option["media"]
    assert media["query"] == {"maxWidth": charts_unrolled.NARROW_PX}
    assert {t["id"]: t.get("show") for t in media["option"]["title"]} == {"step": False, "step-narrow": True, "legend": None}
    # and the edge legend above the graph (no room beside it), the graph as tall as on a wide chart
    phone_legend, phone_grid = media["option"]["legend"], media["option"]["grid"]
    rows = charts_unrolled.legend_rows([entry["name"] for entry in legend], charts_unrolled.NARROWEST,
                                       charts_unrolled.NARROW_TEXT_SIZE, item_width=30)
    assert phone_legend["orient"] == "horizontal" and 1 <= rows <= len(legend)
    assert phone_grid["top"] >= phone_legend["top"] + rows * charts_unrolled.LEGEND_ROW_PX
    assert charts_unrolled.height(option) >= phone_grid["top"] + charts_unrolled.GRAPH_HEIGHT - 20 + phone_grid["bottom"]
    for o in option["options"]:
        wide, narrow = (html(t["text"]) for t in o["title"])
        assert " ".join(re.sub(r"<br>", " ", wide).split()) == " ".join(re.sub(r"<br>", " ", narrow).split())
        assert all(len(re.sub(r"<[^>]+>", "", line)) <= charts_unrolled.NARROW_WRAP or " " not in line.strip()
                   for line in narrow.split("<br>"))
    rows = steps.contribution_rows(tr)
    for row in rows:
        assert sum(row[f"t = {t}"] for t in range(1, 7)) == pytest.approx(row["total"], abs=1e-12)
    bars = json.loads(json.dumps(charts.contributions_option(rows, 6), allow_nan=False))  # plain JSON, as ECharts reads
    assert [s["name"] for s in bars["series"]][-1] == "total (the gradient)"
    assert {s["stack"] for s in bars["series"] if s["type"] == "bar"} == {"terms"}  # one stack: signed terms add up
    values = bar_values(bars)
    for row in rows:
        assert values["total (the gradient)"][row["parameter"]] == row["total"]
        assert sum(values[f"term from t = {t}"][row["parameter"]] for t in range(1, 7)) == pytest.approx(row["total"])
    assert num(float("nan")) == "overflow" and num(2e-7) == "2.000·10<sup>-7</sup>"
    # ECharts gets strict JSON: an overflowed term is a gap (None), not NaN (which Streamlit refuses)
    rows[0]["t = 1"], rows[0]["total"] = float("inf"), float("nan")
    broken = charts.contributions_option(rows, 6)
    json.dumps(broken, allow_nan=False)
    assert broken["series"][0]["data"][0] is None and broken["series"][-1]["data"][0] is None
    assert np.isfinite(list(flows.values())).all()


def test_the_graphs_rich_text_says_what_the_step_texts_say():
    """Every step text of both graphs, as the ECharts rich text the chart shows, reads back as the
    HTML-lite rnnviz.steps wrote (html() undoes rich()); a line too long for the chart is broken at
    spaces, into lines of at most WRAP visible characters unless one word is longer."""
    from rnnviz import charts_unrolled, steps
    big = {**PRESETS["tutorial"], "inputs": [[1, 0, 2], [0, 1, 0], [1, 1, -1]], "h0": [0, 0, 0, 0],
           "weights": {"W_xh": [[1, 0, 0], [0.5, 0, 0], [0.5, 0, 0], [0, 0, 1]], "b_h": [0, 0, 0, 0.5],
                       "W_hh": [[0.5, -0.2, 0.1, 0], [0.3, 0.4, 0, 0], [-0.1, 0.2, 0.6, 0], [0, 0, 0, 1e-7]],
                       "W_hy": [[1, 0.5, 0.5, 0.25]], "b_y": [0]}}
    wrapped = 0
    for scenario in [PRESETS[name] for name in PRESETS] + [big]:
        tr = trace(Scenario.from_dict(scenario))
        for graph, frames in (steps.forward_frames(tr), steps.backward_frames(tr)):
            for frame in frames:
                for line in frame.text:
                    assert html(charts_unrolled.rich(line)) == line
                    parts = charts_unrolled.wrap(line)
                    wrapped += len(parts) > 1
                    assert " ".join(part.strip() for part in parts) == line
                    for part in parts:
                        visible = re.sub(r"<[^>]+>", "", part)
                        assert len(visible) <= charts_unrolled.WRAP or " " not in part.strip(), part
                for node, value in frame.values.items():
                    label = f"<b>{graph.nodes[node][2]}</b><br>{value}"
                    assert html(charts_unrolled.rich(label)) == label
    assert wrapped > 0  # the 4×4 scenario's lines were long enough to break


def test_a_link_naming_a_preset_loads_its_numbers():
    at = open_page("pages/forward.py", preset="exploding")
    assert not at.exception and not at.warning
    assert at.text_input(key="W_hh").value == "2"
    assert metrics(at)["L"] == vec(trace(Scenario.from_dict(PRESETS["exploding"])).loss)
    # the link's own fields still win over the preset's
    at = open_page("pages/forward.py", preset="exploding", W_hh="1.5")
    assert at.text_input(key="W_hh").value == "1.5" and at.number_input(key="T").value == 6


# --- in Chinese ------------------------------------------------------------------------------

from test_app import assert_every_chart_is_described, in_chinese  # noqa: E402


def test_forward_in_chinese_shows_the_engines_numbers_and_describes_its_chart():
    from rnnviz import tables

    at = open_page("pages/forward.py", lang="zh")
    assert not at.exception
    tr = trace(Scenario.from_dict(PRESETS["tutorial"]))
    assert metrics(at)["h₂"] == vec(tr.h[2]) and metrics(at)["L"] == vec(tr.loss)
    assert at.number_input(key="n").label == "隐藏单元数 n"
    texts = frame_texts(figures(at)[0])
    assert "h<sub>0</sub> = <b>0</b>（给定）" in texts[0]
    assert node_labels(figures(at)[0], 0)["h0"] == "<b>h<sub>0</sub></b><br>0"
    assert_every_chart_is_described(at, [in_chinese(tables.forward_summary, tr)])
    assert "h₂ = 0.6420" in in_chinese(tables.forward_summary, tr)


def test_backward_in_chinese_shows_the_engines_numbers_and_describes_its_charts():
    from rnnviz import gradient_check, steps, tables

    at = open_page("pages/backward.py", lang="zh")
    assert not at.exception
    tr = trace(Scenario.from_dict(PRESETS["tutorial"]), contributions=True)
    check = at.table[-1].value
    expected = gradient_check(tr.scenario)
    assert list(check["解析值"]) == [vec(expected.analytic[name]) for name in expected.analytic]
    assert list(check["检验"]) == ["✓ 通过"] * 6
    graph, bars = figures(at)
    assert "σ′(o<sub>2</sub>) ⊙ ∂L/∂ŷ<sub>2</sub> = 0.2259 ⊙ 2.9003 = <b>0.6552</b>" in frame_texts(graph)[0]
    titles = {t["id"]: t.get("text") for t in graph["baseOption"]["title"]}
    assert titles["legend"] == "反向流过的 ‖梯度‖"  # the edge legend's title
    totals = bar_values(bars)["总和（即梯度）"]
    assert totals["W_hh[1,1]"] == pytest.approx(float(tr.grads["W_hh"][0, 0]))
    flows = steps.edge_gradients(tr)
    assert_every_chart_is_described(at, [in_chinese(tables.backward_summary, tr, flows),
                                         in_chinese(tables.contributions_summary, steps.contribution_rows(tr))])


def test_bad_input_in_chinese_shows_at_its_field():
    for page in PAGES:
        at = set_form(open_page(page, lang="zh"), W_hh="abc")
        assert not at.exception
        assert "**W_hh**: 第 1 行第 1 列：'abc' 不是数字" in [e.value for e in at.error]
        assert "显示的是上一个有效的场景。" in [i.value for i in at.info]


def test_every_chart_of_the_english_step_pages_is_described():
    from rnnviz import steps, tables

    tr = trace(Scenario.from_dict(PRESETS["tutorial"]), contributions=True)
    assert_every_chart_is_described(open_page("pages/forward.py"), [tables.forward_summary(tr)])
    assert_every_chart_is_described(open_page("pages/backward.py"), [
        tables.backward_summary(tr, steps.edge_gradients(tr)), tables.contributions_summary(steps.contribution_rows(tr))])


def test_the_largest_weights_draw_every_chart():
    # f = identity and every weight at the field's bound: h_6 ~ 1e42, L ~ 1e84, all still finite
    at = set_form(open_page("pages/backward.py"), preset="exploding")
    at = set_form(at, T=6, W_hh="1e6", W_xh="1e6", W_hy="1e6", x="1e6; 1e6; 1e6; 1e6; 1e6; 1e6")
    assert not at.exception and not at.error
    graph, bars = figures(at)
    assert all(v is not None for series in bars["series"] for v in series["data"])


def test_with_a_loss_at_every_step_the_loss_is_labelled_above_its_node():
    """Edges come into L from both sides: its label goes above it, on one line, off the edges."""
    from rnnviz import charts_unrolled, steps
    d = json.loads(tutorial_scenario().to_json())
    d.update(loss_at="every", targets=[[0.0], [1.0]])
    tr = trace(Scenario.from_dict(d))
    option = charts_unrolled.unrolled_option(*steps.forward_frames(tr))
    loss = next(i for i in option["options"][-1]["series"][0]["data"] if i["name"] == "L")
    assert loss["label"]["position"] == "top" and html(loss["label"]["formatter"]) == f"<b>L</b> = {num(tr.loss)}"
    last = charts_unrolled.unrolled_option(*steps.forward_frames(trace(tutorial_scenario())))
    assert "position" not in next(i for i in last["options"][-1]["series"][0]["data"] if i["name"] == "L")["label"]


@pytest.mark.parametrize("page", PAGES)
def test_the_editor_says_which_fields_differ_from_the_preset_it_started_from(page):
    def note(at):
        return [c.value for c in at.caption if "preset" in c.value]

    at = open_page(page)
    assert note(at) == []  # the tutorial's numbers, untouched
    set_form(at, W_hh="0.5", b_y="0.25")
    assert note(at) == ["Changed from the preset “tutorial”: W_hh, b_y."]
    set_form(at, W_hh="1.0", b_y="0")  # the preset's numbers again, written otherwise
    assert note(at) == []
    at = set_form(open_page(page), preset="exploding")
    assert note(at) == []
    set_form(at, T=3)
    assert note(at) == ["Changed from the preset “exploding”: T, x."]  # resizing cut the inputs to 3 rows
    set_form(at, W_hh="x")  # while a field does not parse, the note on it is what the editor says
    assert note(at) == [] and at.error


def test_the_note_on_a_changed_preset_in_chinese():
    at = set_form(open_page("pages/forward.py", lang="zh"), W_hh="0.5")
    assert "与预设“tutorial”相比改动了：W_hh。" in [c.value for c in at.caption]

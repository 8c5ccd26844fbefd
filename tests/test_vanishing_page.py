"""The vanishing/exploding page in AppTest: the badge, the numbers and the charts it shows, on its
defaults and at its extremes, each checked against the engine computed here."""

from __future__ import annotations

import json

import numpy as np
import pytest

from apptest_helpers import metrics, open_page, printed_nans
from rnnviz.flow_text import decades, number
from rnnviz.gradient_flow import FlowSettings, gradient_flow

PAGE = "pages/vanishing.py"


def badge(at) -> str:
    return next(m.value for m in at.markdown if "-badge[" in m.value)


def figures(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("echarts_chart")]


def series_named(fig: dict, prefix: str) -> dict:
    return next(s for s in fig["series"] if s.get("name", "").startswith(prefix))


def drawn(series: dict) -> np.ndarray:
    """A log chart's values as it draws them (log₁₀, None a gap) back as values."""
    return np.array([np.nan if row[1] is None else 10.0 ** row[1] for row in series["data"]])


def test_defaults_show_the_edge_and_the_engine_numbers():
    at = open_page(PAGE)
    assert not at.exception
    assert "On the edge (λ₁γ = 1 × 1 = 1): the bound guarantees neither" in badge(at)
    flow = gradient_flow(FlowSettings())
    shown = metrics(at)
    assert shown["λ₁ = ‖W_hh‖₂"] == "1" and shown["γ = sup |f′|"] == "1"
    assert shown["bound at lag T = 50"] == "1"
    assert shown["‖∂L/∂h₀‖ / ‖∂L/∂h_T‖"] == decades(flow.log10_ratio[0])
    assert shown["‖∇L‖ after clipping"] == "1"  # norm clipping to θ = 1 is active on the default
    assert shown["cosine(clipped, unclipped)"] == "1.000000"
    flow_fig, sweep_fig = figures(at)
    jac = series_named(flow_fig, "‖∂h_T/∂h_k‖")
    np.testing.assert_allclose(drawn(jac), flow.jacobian, rtol=1e-5)  # log₁₀ kept to 6 decimals
    assert [row[2] for row in jac["data"]] == [f"{v:.3e}" for v in flow.jacobian]  # the tooltips, exact
    image, hover = sweep_fig["series"][:2]
    assert image["type"] == "pictorialBar" and len(hover["data"]) == 21 * 51  # every other λ₁, every lag (T = 50)
    assert not printed_nans(at)


@pytest.mark.parametrize("query,expected", [
    ({"lambda1": "0.5"}, "Vanishing guaranteed (λ₁γ = 0.5 × 1 = 0.5 < 1)"),
    ({"lambda1": "1.5"}, "Explosion possible (λ₁γ = 1.5 × 1 = 1.5 > 1)"),
    ({"activation": "sigmoid", "lambda1": "5"}, "Explosion possible (λ₁γ = 5 × 0.25 = 1.25 > 1)"),
    ({"activation": "sigmoid", "lambda1": "3"}, "Vanishing guaranteed (λ₁γ = 3 × 0.25 = 0.75 < 1)"),
])
def test_the_badge_follows_lambda_and_gamma(query, expected):
    at = open_page(PAGE, **query)
    assert not at.exception
    assert expected in badge(at)


def test_one_control_drives_the_network_from_vanishing_to_exploding():
    at = open_page(PAGE)
    seen = []
    for lam in (0.5, 1.0, 1.5):
        at.slider(key="lambda1").set_value(lam).run()
        assert not at.exception
        seen.append(badge(at).split("[", 1)[1].split(" (")[0])
        flow = gradient_flow(FlowSettings(scale=lam))
        assert metrics(at)["‖∂L/∂h₀‖ / ‖∂L/∂h_T‖"] == decades(flow.log10_ratio[0])
    assert seen == [":material/trending_down: Vanishing guaranteed", ":material/trending_flat: On the edge",
                    ":material/trending_up: Explosion possible"]


def test_exploding_past_float64_says_where_and_why_clipping_cannot_help():
    at = open_page(PAGE, activation="linear", matrix="identity", lambda1="2", length="1000")
    assert not at.exception
    warning = " ".join(w.value for w in at.warning)
    assert "The loss left float64's range" in warning and "at step 1000" in warning
    assert "cannot be rescaled to norm θ" in warning
    shown = metrics(at)
    assert shown["‖∇L‖ after clipping"] == "cannot clip"
    assert shown["‖∂L/∂h₀‖ / ‖∂L/∂h_T‖"] == "1.072e+301"  # 2^1000, from the log kept by the engine
    assert shown["bound at lag T = 1000"] == "1.072e+301"
    assert not printed_nans(at)


def test_value_clipping_turns_the_direction_norm_clipping_does_not():
    at = open_page(PAGE, lambda1="1.5", clip="value", theta="0.05")
    assert not at.exception
    cosine = float(metrics(at)["cosine(clipped, unclipped)"])
    flow = gradient_flow(FlowSettings(scale=1.5, clip="value", theta=0.05))
    assert cosine == pytest.approx(flow.clip.cosine, abs=1e-6) and cosine < 0.9999
    at.selectbox(key="clip").set_value("norm").run()
    assert metrics(at)["cosine(clipped, unclipped)"] == "1.000000"


@pytest.mark.parametrize("query", [
    {"length": "1000", "hidden": "128", "lambda1": "8", "matrix": "gaussian"},
    {"length": "1", "hidden": "1", "lambda1": "0"},
    {"activation": "relu", "lambda1": "3", "length": "300", "inputs": "constant"},
    {"inputs": "zeros", "input_scale": "0", "clip": "none"},
])
def test_extremes_render_without_errors_or_nan(query):
    at = open_page(PAGE, **query)
    assert not at.exception
    assert not printed_nans(at)
    assert len(at.get("echarts_chart")) == 2
    for fig in figures(at):
        json.dumps(fig, allow_nan=False)  # strict JSON, a gap is null


@pytest.mark.parametrize("path", ["app.py", "pages/backward.py"])
def test_the_clipping_note_and_home_link_to_this_page(path):
    at = open_page(path)
    in_main = [e for e in at.main.get("page_link") if e.proto.page == "vanishing"]
    assert in_main, "only the sidebar links to the vanishing page"


# --- in Chinese, and as everyone can read it ------------------------------------------------

def test_the_chinese_page_shows_the_engines_numbers_under_chinese_labels():
    at = open_page(PAGE, lang="zh", lambda1="0.5")
    assert not at.exception
    flow = gradient_flow(FlowSettings(scale=0.5))
    shown = metrics(at)
    assert shown["滞后 T = 50 处的上界"] == number(float(flow.bound[0]))
    assert shown["‖∂L/∂h₀‖ / ‖∂L/∂h_T‖"] == decades(flow.log10_ratio[0])
    assert shown["裁剪后的 ‖∇L‖"] == number(flow.clip.clipped_norm)
    assert "必然梯度消失（λ₁γ = 0.5 × 1 = 0.5 < 1）" in badge(at)
    assert not printed_nans(at)


def test_the_chinese_page_says_where_the_pass_overflowed():
    at = open_page(PAGE, lang="zh", activation="linear", matrix="identity", lambda1="2", length="1000")
    assert not at.exception
    warning = " ".join(w.value for w in at.warning)
    assert "损失在前向传播的第 1000 步超出了 float64 的范围" in warning
    assert metrics(at)["裁剪后的 ‖∇L‖"] == "无法裁剪"


@pytest.mark.parametrize("lang,table", [("en", "The numbers in this chart"), ("zh", "本图的数据")])
def test_each_chart_has_its_summary_and_its_numbers(lang, table):
    at = open_page(PAGE, lang=lang)
    assert not at.exception
    flow = gradient_flow(FlowSettings())
    flow_summary, sweep_summary = (c.value for c in at.main.caption)  # each under its chart
    ratio = decades(flow.log10_ratio[0])
    assert ratio in flow_summary and number(float(flow.jacobian[0])) in flow_summary
    assert ratio in sweep_summary and "1/γ = 1" in sweep_summary
    assert [e.label for e in at.expander].count(table) == 2
    rows, sweep_rows = (frame.value for frame in at.dataframe)
    assert len(rows) == 51 and rows.iloc[50, 4] == number(float(flow.dh_norms[50]))  # ‖∂L/∂h_k‖ at k = T
    assert len(sweep_rows) == 41  # one row per λ₁ of the heatmap


def test_the_figures_are_cached_per_language():
    english = figures(open_page(PAGE))
    chinese = figures(open_page(PAGE, lang="zh"))
    assert english[0]["xAxis"][0]["name"] == "step k (h_T is on the right)"
    assert chinese[0]["xAxis"][0]["name"] == "步 k（h_T 在最右侧）"
    assert chinese[1]["yAxis"][-1]["name"] == "比值的 log₁₀"  # the colour bar's
    assert figures(open_page(PAGE))[0]["xAxis"][0]["name"] == "step k (h_T is on the right)"


def test_log_axes_spell_out_their_ticks_over_a_few_decades():
    """Drawn as log₁₀ (ECharts writes a log axis's labels out in full), from the decade below the
    least value to the one above the largest; over two decades the numbers 0.1, 0.2, 0.5, 1, 2, 5, 10
    are written out (mark lines), over more the axis reads 10 with the exponent raised."""
    at = open_page(PAGE)
    flow_chart = figures(at)[0]
    axis = flow_chart["yAxis"][0]
    flow = gradient_flow(FlowSettings())
    assert min(flow.dh_norms) > 0.1 and max(flow.dh_norms) < 2  # the span below is for these
    assert (axis["min"], axis["max"], axis["interval"]) == (-1, 1, 1)
    marks = next(s for s in flow_chart["series"] if s.get("yAxisIndex") == 0 and "markLine" in s)
    assert [d["label"]["formatter"] for d in marks["markLine"]["data"]] == ["0.1", "0.2", "0.5", "1", "2", "5", "10"]
    wide = figures(open_page(PAGE, length="1000", lambda1="0.5"))[0]["yAxis"][0]
    assert wide["axisLabel"]["formatter"] == "10{e|{value}}" and "e" in wide["axisLabel"]["rich"]

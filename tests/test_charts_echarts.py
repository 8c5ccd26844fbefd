"""rnnviz.charts_echarts and the line charts built on it: log scales drawn as log₁₀ with gaps, options
that are strict JSON, and every chart's points read back as the engine's numbers."""

from __future__ import annotations

import json

import numpy as np
import pytest

from rnnviz import charts_echarts as ec
from rnnviz import cliff
from rnnviz.charts import gradient_flow_figure
from rnnviz.charts_training import descent_figure, training_figure


def drawn(series: dict) -> np.ndarray:
    """A log series' points back as values (it draws log₁₀; None is a gap)."""
    return np.array([np.nan if row[1] is None else 10.0 ** row[1] for row in series["data"]])


def test_log10_values_leave_gaps_where_a_value_has_no_logarithm():
    got = ec.log10_values([1.0, 0.0, -1.0, np.inf, np.nan, 1e-300, 250.0])
    np.testing.assert_array_equal(np.isnan(got), [False, True, True, True, True, False, False])
    np.testing.assert_allclose(got[[0, 5, 6]], [0.0, -300.0, np.log10(250.0)])


@pytest.mark.parametrize("values,expected", [
    ([0.12, 1.3], (-1, 1, 1)),            # the vanishing lab's default: a decade either side of 1
    ([1e-30, 1.0], (-32, 0, 4)),          # 30 decades: a tick every 4, at most 8 ticks, whole decades
    ([2.0, 3.0], (0, 1, 1)),              # inside one decade: its two ends
    ([1.0], (0, 1, 1)),
    ([0.0, np.nan, -2.0], (-1, 1, 1)),    # nothing to draw: a default decade either side of 1
])
def test_log_axes_span_whole_decades_around_the_values(values, expected):
    axis = ec.log_axis(values)
    assert (axis["min"], axis["max"], axis["interval"]) == expected
    assert (axis["max"] - axis["min"]) / axis["interval"] <= 8


def test_a_wide_log_axis_writes_powers_of_ten_a_narrow_one_plain_numbers_at_1_2_5():
    wide = ec.log_axis([1e-30, 1.0])
    assert wide["axisLabel"]["formatter"] == "10{e|{value}}" and "_ticks" not in wide
    narrow = ec.log_axis([0.12, 1.3])  # the vanishing lab's default
    assert [text for _y, text in narrow["_ticks"]] == ["0.1", "0.2", "0.5", "1", "2", "5", "10"]
    np.testing.assert_allclose([y for y, _t in narrow["_ticks"]], np.log10([0.1, 0.2, 0.5, 1, 2, 5, 10]), atol=1e-6)
    assert narrow["axisLabel"]["formatter"].strip("\u2007") == ""  # blank, but as wide as "0.1"
    # drawn by option() as mark lines on the axis's grid, the axis itself as ECharts takes it
    option = ec.option([ec.line([0, 1], [0.12, 1.3], "E", "#000000", log=True)], [ec.x_axis("t")], [narrow],
                       ec.panels(1), height=200)
    marks = option["series"][-1]
    assert [d["label"]["formatter"] for d in marks["markLine"]["data"]][:3] == ["0.1", "0.2", "0.5"]
    assert "_ticks" not in option["yAxis"][0] and option["legend"]["data"] == ["E"]
    assert "_ticks" not in ec.log_axis([1e-6, 1e-5])  # under 0.001: powers of ten read better


def test_a_log_axis_of_nothing_is_a_default_decade_either_side_of_1():
    assert [ec.log_axis(None, grid=1)[k] for k in ("min", "max", "gridIndex")] == [-1, 1, 1]
    assert [ec.log_axis()[k] for k in ("min", "max")] == [-1, 1]


def test_rows_are_strict_json_with_gaps_texts_and_rounded_numbers():
    rows = ec.rows([0, 1, 2], [0.5, np.nan, np.inf], ["a", "b", "c"], [1 / 3, np.nan, 7.0])
    assert rows == [[0, 0.5, "a", 0.333333], [1, None, "b", None], [2, None, "c", 7]]
    assert ec.rows([0.123456], [2.0], decimals=2) == [[0.12, 2]]
    assert isinstance(rows[0][0], int)
    json.dumps(rows, allow_nan=False)


def test_an_option_is_strict_json_its_legend_names_only_lines_and_its_colour_bar_has_a_grid_and_axis_of_its_own():
    bar = ec.colour_bar(("#000000", "#ffffff"), -2.0, 3.0, "z")
    series = [ec.image_series("data:image/png;base64,AAAA", 0, 1, 1), ec.hover_grid([0, 1], [0, 1], [[0.5, np.nan], [1.0, 2.0]], "{@[2]}"),
              ec.line([0, 1, 2], [1.0, 0.0, 10.0], "E", "#D55E00", log=True),
              ec.hline(np.nan, "θ", "#0072B2")]
    image_x, image_y = ec.image_axes(0)
    option = ec.option(series, [ec.x_axis("step", pointer="step {value}"), image_x],
                       [ec.y_axis("b", min=float("nan")), image_y], [{"left": 0, "top": 20, "bottom": 40}], height=300,
                       colour_bar=bar)
    json.dumps(option, allow_nan=False)
    assert option["legend"]["data"] == ["E"] and option["_height"] == 300
    assert not any(key.startswith("_") for s in option["series"] for key in s)
    assert option["series"][2]["data"] == [[0, 0, "1"], [1, None, "0"], [2, 1, "10"]]
    assert option["series"][1]["data"] == [[0, 0, 0.5], [1, 0, None], [0, 1, 1], [1, 1, 2]]  # rows of y, then x
    assert option["yAxis"][0]["min"] is None and option["series"][3]["markLine"]["data"] == [{"yAxis": None}]
    # the colour bar: its image (black at -2, the bottom row, to white at 3) on hidden axes of a grid of its own,
    # beside a value axis from -2 to 3 named z that ECharts ticks at round values, its ends left unlabelled
    image, grid = option["series"][-1], option["grid"][-1]
    assert image["symbol"] == "image://" + bar["image"] and len(option["grid"]) == 2
    assert (grid["top"], grid["bottom"], grid["width"]) == (50, 60, 14)
    assert option["xAxis"][image["xAxisIndex"]]["gridIndex"] == option["yAxis"][image["yAxisIndex"]]["gridIndex"] == 1
    labels = option["yAxis"][-1]
    assert (labels["gridIndex"], labels["min"], labels["max"], labels["name"]) == (1, -2.0, 3.0, "z")
    assert not labels["axisLabel"]["showMinLabel"] and not labels["axisLabel"]["showMaxLabel"]
    assert series[1].get("_nolegend")  # the caller's (maybe cached) series are left as they were


def test_larger_text_scales_every_size_but_not_the_data():
    option = ec.option([ec.line([0, 1], [1.0, 2.0], "E", "#000000")], [ec.x_axis("t")], [ec.log_axis([1e-6, 2.0])],
                       ec.panels(1), height=200, titles=ec.panel_titles(ec.panels(1), ["title"]))
    big = ec.larger_text(option)
    assert big["textStyle"]["fontSize"] == 16 and big["title"][0]["textStyle"]["fontSize"] == round(14 * 1.15)
    assert big["yAxis"][0]["axisLabel"]["rich"]["e"]["fontSize"] == round(9 * 1.3)
    assert big["yAxis"][0]["axisLabel"]["fontSize"] == big["xAxis"][0]["nameTextStyle"]["fontSize"] == 16
    assert big["legend"]["textStyle"]["fontSize"] == 16
    assert big["series"][0]["data"] == option["series"][0]["data"]
    assert "textStyle" not in option and option["title"][0]["textStyle"]["fontSize"] == 14  # a copy


def test_larger_text_takes_a_bar_charts_single_axes():
    from rnnviz.charts import states_and_gradients_option

    bars = states_and_gradients_option(np.array([[0.0], [0.76]]), np.array([[0.1], [0.2]]))
    assert isinstance(bars["xAxis"], dict)
    big = ec.larger_text(bars)
    assert big["xAxis"]["axisLabel"]["fontSize"] == big["yAxis"]["axisLabel"]["fontSize"] == 16
    assert big["xAxis"]["data"] == bars["xAxis"]["data"]


def test_the_descent_chart_draws_the_engines_loss_and_gradient_norm_with_theta():
    paths = {"plain": cliff.descend(4.5, -2.5, 0.1, 60), "clipped": cliff.descend(4.5, -2.5, 0.1, 60, clip=1.0)}
    option = descent_figure(paths, theta=1.0)
    by_grid = {(s["name"], s["xAxisIndex"]): s for s in option["series"] if s["data"]}
    for name, tr in paths.items():
        np.testing.assert_allclose(drawn(by_grid[(name, 0)]), tr.E, rtol=2e-6)
        np.testing.assert_allclose(drawn(by_grid[(name, 1)]), tr.grad_norm, rtol=2e-6)
        assert [row[2] for row in by_grid[(name, 0)]["data"]] == [f"{v:.3e}" for v in tr.E]
    theta = next(s for s in option["series"] if "markLine" in s)
    assert theta["markLine"]["data"] == [{"yAxis": 0}] and theta["xAxisIndex"] == 1  # log₁₀ 1, on the norm panel
    assert [a["max"] for a in option["xAxis"]] == [60, 60]
    assert option["xAxis"][0]["axisPointer"]["label"]["formatter"] == "step {value}"
    json.dumps(option, allow_nan=False)


def test_the_training_chart_draws_loss_accuracy_in_percent_and_norms_with_floor_and_theta():
    from rnnviz.training import TrainSettings, train

    run = train(TrainSettings(epochs=5))
    option = training_figure({"plain": run}, floor=0.25, baseline=0.5, theta=1.0)
    lines = {s["xAxisIndex"]: s for s in option["series"] if s["data"]}
    np.testing.assert_allclose([row[1] for row in lines[0]["data"]], run.losses, rtol=1e-6)
    assert not np.isnan(run.accuracies).any()  # the tutorial's task is classified: the middle panel has a line
    np.testing.assert_allclose([row[1] for row in lines[1]["data"]], 100 * np.asarray(run.accuracies), rtol=1e-6)
    assert lines[1]["data"][0][2] == f"{run.accuracies[0]:.0%}"
    np.testing.assert_allclose(drawn(lines[2]), run.grad_norms, rtol=2e-6)
    marks = [(s["xAxisIndex"], s["markLine"]["data"][0]["yAxis"], s["markLine"]["label"]["formatter"])
             for s in option["series"] if "formatter" in s.get("markLine", {}).get("label", {})]  # not the axis's numbers
    assert marks == [(0, 0.25, "floor 0.2500"), (0, 0.5, "no memory 0.5000"), (2, 0, "θ = 1")]
    assert option["yAxis"][1]["axisLabel"]["formatter"] == "{value}%"
    json.dumps(option, allow_nan=False)


def test_the_trace_pages_flow_chart_draws_every_norm_on_log_axes():
    dh = np.array([0.5, 0.0, 2e-3])  # a zero: a gap, not an error
    terms = {"W_hh": np.array([1e-4, 3.0]), "b_h": np.array([np.inf, 1.0])}
    option = gradient_flow_figure(dh, terms)
    first, w_hh, b_h = option["series"]
    np.testing.assert_allclose(drawn(first)[[0, 2]], dh[[0, 2]], rtol=2e-6)
    assert first["data"][1][1] is None and b_h["data"][0][1] is None
    assert [row[0] for row in w_hh["data"]] == [1, 2]  # terms from t = 1
    assert (option["yAxis"][1]["min"], option["yAxis"][1]["max"]) == (-4, 1)
    json.dumps(option, allow_nan=False)


def test_panel_titles_break_into_lines_on_a_phone():
    grids = ec.panels(3, gap=6)
    option = ec.option([ec.line([0, 1], [1.0, 2.0], "E", "#000000", grid=g) for g in range(3)],
                       [ec.x_axis("t", g) for g in range(3)], [ec.y_axis(grid=g) for g in range(3)], grids,
                       height=300, titles=ec.panel_titles(grids, ["a", "b", "c"]))
    assert [m["query"] for m in option["media"]] == [{"maxWidth": w} for w in (640, 460, 380)]  # one row from 640 up
    for media in option["media"]:  # ECharts applies every query that matches, the narrowest last
        widths = [t["textStyle"]["width"] for t in media["option"]["title"]]
        width = media["query"]["maxWidth"]
        narrowest = {640: 460, 460: 380, 380: 320}[width]  # each query's widths fit the narrowest chart it takes
        assert len(widths) == 3 and all(w == widths[0] < narrowest / 3 for w in widths)  # within its third of it
        assert all(t["textStyle"]["overflow"] == "break" for t in media["option"]["title"])
        assert media["option"]["grid"] == [{"top": 58}] * 3  # one short entry: the legend stays one row
    one = ec.option([ec.line([0, 1], [1.0, 2.0], "E", "#000000")], [ec.x_axis("t")], [ec.y_axis()], ec.panels(1),
                    height=300, titles=ec.panel_titles(ec.panels(1), ["a"]))
    assert "media" not in one  # one title has the chart's width


def test_a_legend_that_wraps_on_a_phone_pushes_the_plots_up():
    # the vanishing page's five entries: one row on a wide chart, three on a 380-px one, whose second
    # row ran into the axes' names; the plots' bottom grows by a row for each row more
    names = ["‖∂h_T/∂h_k‖", "bound (1)^(T−k)", "‖∂L/∂h_k‖", "‖∂L/∂h_T‖·(1)^(T−k)", "term, unclipped"]
    assert ec.legend_rows(names, 1000) == 1
    assert ec.legend_rows(names, 320 * 0.95) == 3
    assert ec.legend_rows(["x"] * 3, 1) == 3 and ec.legend_rows([], 100) == 1
    grids = ec.panels(2)
    option = ec.option([ec.line([0, 1], [1.0, 2.0], name, "#000000", grid=i % 2) for i, name in enumerate(names)],
                       [ec.x_axis("k", g) for g in range(2)], [ec.y_axis(grid=g) for g in range(2)], grids, height=360)
    bottoms = {m["query"]["maxWidth"]: [g["bottom"] for g in m["option"]["grid"]] for m in option["media"]}
    ranges = ((800, 640), (640, 460), (460, 380), (380, 320))  # each query sized for the narrowest chart it takes
    rows = {w: ec.legend_rows(names, narrowest * 0.95) for w, narrowest in ranges}
    assert bottoms == {w: [70 + (r - 1) * ec.LEGEND_ROW_PX] * 2 for w, r in rows.items() if r > 1}
    assert rows[380] == 3
    assert "title" not in option["media"][0]["option"]  # no panel titles: only the legend's room

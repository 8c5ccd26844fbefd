"""The benchmarks' yardsticks stay what they say: the latency benchmark's tests/bench/bare_page.py (one
slider and one line of text) and one_chart_page.py (the same and one chart of 50 points), the
classroom benchmark's tests/bench/class_reference_page.py (one slider and one metric). An experiment once left a Plotly chart in the first, and every page's ratio looked smaller
beside it."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

BARE_PAGE = Path(__file__).resolve().parent / "bench" / "bare_page.py"
CLASS_REFERENCE_PAGE = BARE_PAGE.with_name("class_reference_page.py")
ONE_CHART_PAGE = BARE_PAGE.with_name("one_chart_page.py")


def test_the_bare_page_draws_one_slider_and_one_line_of_text():
    at = AppTest.from_file(str(BARE_PAGE)).run()
    assert not at.exception
    assert len(at.main.children) == 2
    assert at.slider[0].value == 0
    assert at.markdown[0].value == "`0`"  # st.write of an int
    at.slider[0].set_value(7).run()
    assert at.markdown[0].value == "`7`"


def test_the_classroom_reference_page_draws_one_slider_and_one_metric():
    at = AppTest.from_file(str(CLASS_REFERENCE_PAGE)).run()
    assert not at.exception
    assert len(at.main.children) == 2
    assert at.slider[0].value == 0
    assert at.metric[0].label == "value" and at.metric[0].value == "0"  # what bench_classroom checks
    at.slider[0].set_value(7).run()
    assert at.metric[0].value == "7"


def test_the_one_chart_page_adds_one_chart_of_50_points_that_the_value_changes():
    import json

    at = AppTest.from_file(str(ONE_CHART_PAGE)).run()
    assert not at.exception
    assert len(at.main.children) == 3
    assert at.markdown[0].value == "`0`"
    chart = at.get("echarts_chart")[0].proto
    before = json.loads(chart.spec)["series"][0]["data"]
    assert len(before) == 50 and "x·1/100" in chart.alt  # bench_latency waits for this description
    at.slider[0].set_value(7).run()
    chart = at.get("echarts_chart")[0].proto
    assert json.loads(chart.spec)["series"][0]["data"] != before and "x·8/100" in chart.alt

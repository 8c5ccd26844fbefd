"""The benchmarks' yardsticks stay bare: the latency benchmark's tests/bench/bare_page.py (one slider and
one line of text) and the classroom benchmark's tests/bench/class_reference_page.py (one slider and one
metric). An experiment once left a Plotly chart in the first, and every page's ratio looked smaller
beside it."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

BARE_PAGE = Path(__file__).resolve().parent / "bench" / "bare_page.py"
CLASS_REFERENCE_PAGE = BARE_PAGE.with_name("class_reference_page.py")


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

"""The app in Streamlit's AppTest: every page runs, and shows the numbers the engine computes."""

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from rnnviz import Scenario, trace, tutorial_scenario
from rnnviz.ui import PAGES
from apptest_helpers import metrics, open_page

ROOT = Path(__file__).resolve().parent.parent


def app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)


def test_home_shows_the_tutorial_example_computed_correctly():
    at = open_page("app.py")
    assert not at.exception
    shown = metrics(at)
    assert shown["h₁"] == "0.7616" and shown["h₂"] == "0.6420"
    assert shown["ŷ"] == "0.6552" and shown["L (BCE)"] == "1.0648"
    latex = "\n".join(e.body for e in at.latex)
    # h_2 with the numbers written in, and dL/dW_hh as its sum over steps
    assert r"&= \tanh\left(1 \cdot 0 + 1 \cdot 0.7616 + 0\right) \\ &= \tanh\left(0.7616\right) = 0.6420" in latex
    assert r"&= 0.1618 \cdot 0 + 0.3851 \cdot 0.7616 \\ &= 0.2933" in latex
    # backprop starts at the loss: ∂L/∂ŷ₂ = 1/(1 − 0.6552) = 2.9003, through σ′(o₂) = 0.6552·0.3448 = 0.2259
    assert r"&= \frac{0.6552 - 0}{0.6552\left(1 - 0.6552\right)} \\ &= 2.9003" in latex and r"&= 0.2259 \cdot 2.9003 \\ &= 0.6552" in latex
    errata = at.table[0].value
    assert list(errata["tutorial says"]) == ["0.2384", "0.7616", "0.6817"]
    assert list(errata["correct"]) == ["0.7616", "0.6420", "0.6552"]
    # the chart's bars: h_t = 0, tanh 1, tanh(tanh 1) and ∂L/∂h_t = 0.1618, 0.3851, 0.6552 (as on the backward page)
    (bars,) = [json.loads(chart.proto.spec) for chart in at.get("echarts_chart")]
    h, dh = (series["data"] for series in bars["series"])
    assert bars["xAxis"]["data"] == ["t = 0", "t = 1", "t = 2"]
    assert h == pytest.approx([0.0, 0.7616, 0.6420], abs=1e-4) and dh == pytest.approx([0.1618, 0.3851, 0.6552], abs=1e-4)


def test_home_typesets_the_tutorials_numbers_once_and_the_slider_s_numbers_on_request():
    at = open_page("app.py", panels=False)
    at.slider(key="w_hh").set_value(0.5).run()
    assert not at.exception
    bodies = [e.body for e in at.latex]
    assert len(bodies) == 4  # the model, BPTT, and the tutorial's forward and backward: nothing live while closed
    assert any(r"&= \tanh\left(1 \cdot 0 + 1 \cdot 0.7616 + 0\right)" in b for b in bodies)
    assert metrics(at)["h₂"] == "0.3634"  # tanh(0.5 · tanh 1)
    assert "The equations above, with the w_hh you set" in [e.label for e in at.expander]
    at.session_state["_home_equations"] = True
    at.run()
    bodies = [e.body for e in at.latex]
    assert len(bodies) == 6
    assert any(r"&= \tanh\left(1 \cdot 0 + 0.5000 \cdot 0.7616 + 0\right) \\ &= \tanh\left(0.3808\right) = 0.3634" in b
               for b in bodies)


def test_every_page_in_the_navigation_exists_and_runs():
    for path, _, _ in PAGES:
        assert (ROOT / path).is_file(), path
    on_disk = {f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py")}
    assert on_disk == {path for path, _, _ in PAGES if path.startswith("pages/")}
    for path, _, _ in PAGES[1:]:
        at = open_page("app.py").switch_page(path).run()
        assert not at.exception, path


def trace_page(**query) -> AppTest:
    return open_page("pages/trace.py", **query)


def test_trace_page_defaults_to_the_tutorial_example():
    at = trace_page()
    assert not at.exception
    shown = metrics(at)
    assert shown["loss L"] == "1.0648"
    expected = trace(tutorial_scenario())
    assert shown["‖∇L‖ (all parameters)"] == f"{expected.grad_norm:.4f}"
    forward = at.dataframe[0].value
    assert list(forward["h_t"]) == ["0.0000", "0.7616", "0.6420"]
    check = at.dataframe[3].value
    assert all(v.startswith("✓") for v in check["check"])


def test_trace_page_follows_an_edited_scenario_with_clipping():
    s = tutorial_scenario().replace(weights={"W_xh": [[2.0]], "W_hh": [[3.0]], "b_h": [0.0], "W_hy": [[4.0]],
                                             "b_y": [0.0]}, clip={"mode": "norm", "threshold": 0.5})
    at = trace_page()
    at.text_area(key="scenario").set_value(s.to_json(indent=2)).run()
    assert not at.exception and not at.error
    expected = trace(s)
    shown = metrics(at)
    assert shown["loss L"] == f"{expected.loss:.4f}"
    assert shown["after norm clipping (θ = 0.5)"] == "0.5000"


@pytest.mark.parametrize("edit,message", [
    (lambda d: d["weights"].update(W_hh=[[1.0, 2.0]]), "weights.W_hh"),
    (lambda d: d.update(activation="swish"), "activation"),
    (lambda d: d["weights"].update(W_hh=[[1e308]]), "outside ±1e+06"),
    (lambda d: d.update(inputs=[["a"], [0.0]]), "inputs[0][0]"),
])
def test_bad_input_names_the_field_and_keeps_the_last_valid_scenario(edit, message):
    at = trace_page()
    d = tutorial_scenario().to_dict()
    edit(d)
    at.text_area(key="scenario").set_value(json.dumps(d)).run()
    assert not at.exception
    assert message in at.error[0].value
    assert metrics(at)["loss L"] == "1.0648"  # the last valid scenario is still shown
    assert "last valid" in at.info[0].value


def test_text_that_is_not_json_is_an_error_not_a_traceback():
    at = trace_page()
    at.text_area(key="scenario").set_value("{ not json").run()
    assert not at.exception
    assert "not valid JSON" in at.error[0].value


def test_trace_page_reads_its_scenario_from_the_link():
    s = tutorial_scenario().replace(activation="sigmoid")
    at = trace_page(scenario=s.to_json())
    assert not at.exception
    assert metrics(at)["loss L"] == f"{trace(s).loss:.4f}"


def test_trace_page_reports_overflow_instead_of_failing():
    d = {"activation": "linear", "output": "identity", "loss": "mse", "inputs": [[1.0]] * 400,
         "targets": [[0.0]], "weights": {"W_xh": [[1.0]], "W_hh": [[50.0]], "W_hy": [[1.0]]}}
    at = trace_page()
    at.text_area(key="scenario").set_value(json.dumps(d)).run()
    assert not at.exception
    step = trace(Scenario.from_dict(d)).overflow["step"]
    assert f"at step {step}" in at.warning[0].value


# --- in Chinese ------------------------------------------------------------------------------

def in_chinese(fn, *args):
    """fn(*args) with 简体中文 in use, in a context of its own (the tests' language stays English)."""
    import contextvars

    from rnnviz import i18n

    ctx = contextvars.copy_context()
    ctx.run(i18n.use, "zh")
    return ctx.run(fn, *args)


def assert_every_chart_is_described(at, summaries):
    """Each chart has its summary as a caption and a data-table expander (rnnviz.ui.chart)."""
    from rnnviz.zh import ZH

    captions = [c.value for c in at.caption]
    for summary in summaries:
        assert summary in captions, (summary, captions)
    labels = ("The numbers in this chart", ZH["The numbers in this chart"])
    tables = [e for e in at.expander if e.label in labels]
    assert len(tables) == len(at.get("echarts_chart")) == len(summaries)
    assert all(len(e.dataframe) == 1 and len(e.dataframe[0].value) > 0 for e in tables)


def test_home_in_chinese_shows_the_engines_numbers():
    from rnnviz import tables

    at = open_page("app.py", lang="zh")
    assert not at.exception
    tr = trace(tutorial_scenario())
    assert metrics(at)["h₂"] == f"{tr.h[2, 0]:.4f}"
    errata = at.table[0].value
    assert list(errata["正确值"]) == [f"{tr.h[1, 0]:.4f}", f"{tr.h[2, 0]:.4f}", f"{tr.y[-1, 0]:.4f}"]
    assert list(errata["原教程的值"]) == ["0.2384", "0.7616", "0.6817"]
    assert_every_chart_is_described(at, [in_chinese(tables.states_summary, tr)])


def test_home_in_chinese_keeps_its_language_when_the_slider_reruns_the_fragment():
    from rnnviz import tables

    at = open_page("app.py", lang="zh")
    at.slider(key="w_hh").set_value(0.5).run()
    assert not at.exception
    tr = trace(tutorial_scenario(0.5))
    assert metrics(at)["h₂"] == f"{tr.h[2, 0]:.4f}"
    assert in_chinese(tables.states_summary, tr) in [c.value for c in at.caption]


def test_trace_page_in_chinese_shows_the_engines_numbers():
    from rnnviz import tables

    at = trace_page(lang="zh")
    assert not at.exception
    tr = trace(tutorial_scenario())
    shown = metrics(at)
    assert shown["损失 L"] == tables.vec(tr.loss)
    assert shown["‖∇L‖（全部参数）"] == tables.vec(tr.grad_norm)
    check = at.dataframe[3].value
    assert list(check["检验"]) == ["✓ 通过"] * 6
    assert_every_chart_is_described(at, [in_chinese(tables.gradient_flow_summary, tr)])


def test_trace_page_in_chinese_says_what_is_wrong_in_chinese():
    at = trace_page(lang="zh")
    at.text_area(key="scenario").set_value("{ not json").run()
    assert not at.exception
    assert at.error[0].value.startswith("**scenario**: 不是有效的 JSON（")
    assert at.info[0].value == "显示的是上一个有效的场景。"
    assert metrics(at)["损失 L"] == "1.0648"


def test_every_chart_of_the_english_pages_is_described():
    from rnnviz import tables

    tr = trace(tutorial_scenario())
    assert_every_chart_is_described(open_page("app.py"), [tables.states_summary(tr)])
    assert_every_chart_is_described(trace_page(), [tables.gradient_flow_summary(tr)])


def test_metrics_come_in_rows_that_fit_a_projector():
    """metric_rows: four short values a row, three of up to 10 characters, two of longer ones (at 1024 px
    beside the sidebar, eight in one row cut 4096.0000 to "4…")."""
    from streamlit.testing.v1 import AppTest

    def page(values):
        def script(values):
            from rnnviz.ui import metric_rows
            metric_rows([(f"m{i}", v) for i, v in enumerate(values)])
        at = AppTest.from_function(script, args=(values,)).run()
        assert not at.exception
        return at

    for values, columns in ((["0.7616"] * 5, 8), (["4096.0000"] * 8, 9), (["1.234e+100 "] * 3, 4)):
        at = page(values)
        assert [m.value for m in at.metric] == values
        assert len(at.columns) == columns  # rows of 4 (4 + 4), of 3 (3 + 3 + 3), of 2 (2 + 2)

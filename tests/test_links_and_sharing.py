"""Links reproduce a view (query string -> controls -> the same query string), presets set a whole
page, the classroom view hides what the teacher hides, and exports import back."""

from __future__ import annotations

import json
import re

import pytest

from apptest_helpers import metrics, open_page
from rnnviz import Scenario, trace, tutorial_scenario
from rnnviz.export import MAX_IMPORT_BYTES, import_scenario, trace_csv, trace_json
from rnnviz.scenario import ScenarioError
from rnnviz.settings import PAGE_PRESETS, PAGE_SETTINGS, STEP_KEY, link_query, link_text, preset_values
from rnnviz.ui.scenario import last_frame

# for every page, a value other than the default for each setting (valid, and consistent with each other)
OTHER_VALUES = {
    "app.py": {"w_hh": 0.35},
    "pages/forward.py": {"preset": "exploding", "n": 2, "m": 2, "k": 2, "T": 3, "f": "linear", "g": "identity",
                         "loss": "mse", "loss_at": "every", "W_xh": "1 0; 0.5 1", "W_hh": "1.5 0; 0 0.5", "b_h": "0.25 0",
                         "W_hy": "2 1; 0 1", "b_y": "-1 0", "h0": "0.5 0", "x": "1 0; 0 1; -1 1", "y": "0 1; 1 0; 2 1"},
    "pages/vanishing.py": {"length": 120, "hidden": 8, "activation": "sigmoid", "matrix": "gaussian", "lambda1": 3.5,
                           "input_scale": 0.4, "inputs": "constant", "seed": 7, "clip": "value", "theta": 0.25},
    "pages/training.py": {"task": "first_bit", "seq_len": 12, "layers": 1, "units": 4, "act": "tanh", "optimizer": "momentum",
                          "rate": "0.1", "epochs": 40, "batch": 16, "train_seed": 3, "init": "small", "train_clip": "value",
                          "train_theta": 0.5},
    "pages/cliff.py": {"w0": 3.0, "b0": -1.5, "step_size": "0.05", "descent_steps": 50, "clip_theta": 2.0},
    "pages/gates.py": {"cell": "gru", "step": 2, "gate_bias": 1.5, "cells_T": 40, "cells_n": 4, "cells_seed": 5},
    "pages/trace.py": {"scenario": tutorial_scenario(w_hh=0.5).to_json(indent=2)},
}
OTHER_VALUES["pages/backward.py"] = {**OTHER_VALUES["pages/forward.py"], "bstep": 2}
OTHER_VALUES["pages/forward.py"]["fstep"] = 1


def test_every_setting_of_every_page_has_another_value_here():
    for path, settings in PAGE_SETTINGS.items():
        assert {s.key for s in settings} == set(OTHER_VALUES[path]), path
        for s in settings:
            value = OTHER_VALUES[path][s.key]
            assert value != s.default and s.parse(link_text(s, value)) == value, (path, s.key)


def shown_values(at, settings) -> dict:
    """Every setting's value as the page holds it (its default where its widget is not drawn)."""
    return {s.key: at.session_state[s.key] if s.key in at.session_state else s.default for s in settings}


@pytest.mark.parametrize("path", list(PAGE_SETTINGS))
def test_a_link_round_trips_through_the_controls(path):
    settings = PAGE_SETTINGS[path]
    query = link_query(settings, OTHER_VALUES[path])
    at = open_page(path, **query, lang="en")
    assert not at.exception and not at.warning, [w.value for w in at.warning]
    shown = shown_values(at, settings)
    assert shown == OTHER_VALUES[path]
    assert link_query(settings, shown) == query
    assert at.query_params["lang"] == ["en"] or at.query_params["lang"] == "en"


@pytest.mark.parametrize("path", list(PAGE_SETTINGS))
def test_the_default_view_has_an_empty_link_but_its_language(path):
    at = open_page(path)
    settings = PAGE_SETTINGS[path]
    shown = shown_values(at, settings)
    if path in STEP_KEY:  # the graph opens at its last frame (T = 2), the step field's default
        assert shown.pop(STEP_KEY[path]) == last_frame(path, 2)
    assert link_query(settings, shown) == {}
    assert dict(at.query_params) in ({"lang": "en"}, {"lang": ["en"]})


PRESET_CASES = [(path, name) for path, presets in PAGE_PRESETS.items() for name in presets]


@pytest.mark.parametrize(("path", "name"), PRESET_CASES)
def test_a_preset_sets_its_settings(path, name):
    at = open_page(path)
    at.selectbox(key="_page_preset").set_value(name).run()
    assert not at.exception
    for key, value in preset_values(path, name).items():
        assert at.session_state[key] == value, (name, key)
    assert at.selectbox(key="_page_preset").value is None  # ready for the next one


def test_the_overflow_preset_shows_where_float64_ran_out():
    at = open_page("pages/vanishing.py")
    at.selectbox(key="_page_preset").set_value("Past float64's range: linear, 2·I, T = 1000").run()
    assert any("float64" in w.value for w in at.warning)


def test_the_classroom_view_hides_the_other_controls():
    at = open_page("pages/vanishing.py", show="lambda1,length", big="true")
    assert not at.exception and not at.warning
    style = " ".join(h.proto.body for h in at.get("html"))
    for hidden in ("hidden", "activation", "matrix", "seed", "clip", "theta", "_page_preset"):
        assert f".st-key-{hidden}" in style
    hiding = style.split(":not(:has(")[0]  # the shown controls are named only in the empty-row rule
    assert ".st-key-lambda1" not in hiding and ".st-key-length" not in hiding
    # a sidebar section none of whose controls is shown goes, heading and all
    assert '[class*="st-key-_section_"]:not(:has(.st-key-lambda1, .st-key-length))' in style
    assert "font-size" in style
    assert '[data-testid="stPageLink-NavLink"] > span:last-child' in style  # long page names wrap, not "…"
    # hidden controls still hold the link's values
    at = open_page("pages/vanishing.py", show="lambda1", hidden="8", theta="0.5")
    assert at.session_state["hidden"] == 8 and at.session_state["theta"] == 0.5


def test_the_student_view_hides_the_import_panel():
    def style(at):
        return " ".join(h.proto.body for h in at.get("html"))

    assert "_import_panel" not in style(open_page("pages/forward.py", panels=False))
    at = open_page("pages/forward.py", panels=False, show="T")
    assert '[class*="_import_panel"]' in style(at) and ".st-key-n" in style(at)
    # a sidebar row of controls none of which is shown goes too (its gap with it)
    assert ':not(:has(.st-key-T))' in style(at)
    assert any(e.key == "_forward_import_panel" for e in at.expander)  # hidden by the style, still there
    # no matrix field shown: no caption on how to type one either; with one shown, it stays
    assert ".st-key-_matrix_help" in style(at)
    assert ".st-key-_matrix_help" not in style(open_page("pages/forward.py", panels=False, show="T,W_hh"))
    assert any("rows separated by ';'" in c.value for c in at.caption)  # the page still draws it


def test_larger_type_enlarges_the_unrolled_graphs_text_too():
    """The page's CSS cannot reach the graph's text (ECharts lays it out itself): the link's big=true
    gives the chart larger type, and its step text's lines break sooner and the chart grows to fit."""
    from rnnviz import charts_unrolled
    from test_step_pages import frame_texts  # the step texts as HTML-lite: ECharts' rich text read back

    def graph(**link):
        at = open_page("pages/backward.py", panels=False, **link)
        assert not at.exception
        return json.loads(at.get("echarts_chart")[0].proto.spec), at

    normal, _at = graph()
    big, at = graph(big="true")
    sizes = [option["baseOption"]["title"][0]["textStyle"]["fontSize"] for option in (normal, big)]
    assert sizes == [charts_unrolled.TEXT_SIZE, round(charts_unrolled.TEXT_SIZE * charts_unrolled.BIG_TEXT)]
    assert big["baseOption"]["legend"]["textStyle"]["fontSize"] > normal["baseOption"]["legend"]["textStyle"]["fontSize"]
    assert charts_unrolled.height(big) > charts_unrolled.height(normal)
    # the same text either way, where its lines break aside
    def words(option):
        return [re.sub(r"<[^>]+>|\s+", "", text) for text in frame_texts(option)]
    assert words(big) == words(normal)
    def written_lines(option):  # blank lines aside: every step's text is padded to the longest's
        return sum(bool(re.sub(r"<[^>]+>", "", line).strip()) for text in frame_texts(option) for line in text.split("<br>"))
    assert written_lines(big) > written_lines(normal)


def test_the_teacher_ticks_a_control_into_the_link():
    at = open_page("pages/vanishing.py", show="lambda1")
    at.checkbox(key="_show_hidden").check().run()
    assert at.query_params["show"] in ("hidden,lambda1", ["hidden,lambda1"])
    at.toggle(key="_big").set_value(True).run()
    assert at.query_params["big"] in ("true", ["true"])


def test_a_bad_show_key_is_dropped_with_a_notice():
    at = open_page("pages/cliff.py", panels=False, show="w0,nonsense")
    assert not at.exception
    assert any("nonsense" in w.value for w in at.warning)
    assert at.query_params["show"] in ("w0", ["w0"])


def test_a_bad_language_falls_back_and_chinese_is_kept():
    at = open_page("app.py", lang="fr")
    assert not at.exception and at.query_params["lang"] in ("en", ["en"])
    at = open_page("app.py", lang="zh")
    assert at.query_params["lang"] in ("zh", ["zh"])
    assert "首页" in [link.proto.label for link in at.get("page_link")]


# --- export and import ------------------------------------------------------------------------

def test_the_json_export_imports_back_to_the_same_scenario():
    tr = trace(tutorial_scenario(w_hh=0.7))
    text = trace_json(tr)
    data = json.loads(text)
    assert data["trace"]["loss"] == pytest.approx(tr.loss, abs=0)
    assert import_scenario(text).to_json() == tr.scenario.to_json()
    assert import_scenario(json.dumps(data["scenario"]).encode()).to_json() == tr.scenario.to_json()


def test_the_csv_export_has_one_row_per_step_with_the_numbers():
    tr = trace(tutorial_scenario())
    lines = trace_csv(tr).strip().splitlines()
    assert lines[0] == "t,x,h,z,y_hat,dL/dh" and len(lines) == tr.scenario.T + 2
    row2 = dict(zip(lines[0].split(","), lines[3].split(",")))
    assert float(row2["h"]) == pytest.approx(0.6420149920119997, abs=1e-15)
    assert float(row2["y_hat"]) == pytest.approx(0.6552088101596316, abs=1e-15)


@pytest.mark.parametrize(("data", "says"), [
    (b"\xff\xfe", "UTF-8"), (b"{", "JSON"), (b" " * (MAX_IMPORT_BYTES + 1), "kB"),
    (json.dumps({**tutorial_scenario().to_dict(), "activation": "swish"}).encode(), "activation"),
])
def test_a_bad_import_names_what_is_wrong(data, says):
    with pytest.raises(ScenarioError, match=says):
        import_scenario(data)


# --- copy as Python: the snippet a page shows prints the numbers it shows -----------------------

def _run_snippet(at) -> str:
    import contextlib
    import io

    code = next(c.value for c in at.code if c.value.startswith("from rnnviz") or c.value.startswith("import"))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<snippet>", "exec"), {})
    return out.getvalue()


def _close(printed: str, shown: str, rel: float = 6e-4) -> bool:
    """A number the snippet printed, rounded as the page shows it (4 significant digits)."""
    value = float(printed.replace(":", "=").split("=")[-1])
    target = float(shown.replace(",", ""))
    return abs(value - target) <= rel * max(abs(target), 1e-300)


def test_the_vanishing_page_python_cell_prints_its_numbers():
    at = open_page("pages/vanishing.py", lambda1="0.9", length="80")
    out = dict(line.split(" =", 1) for line in _run_snippet(at).splitlines() if " =" in line and ":" not in line.split("=")[0])
    shown = metrics(at)
    assert _close("=" + out["|dL/dh_0| / |dL/dh_T|"], shown["‖∂L/∂h₀‖ / ‖∂L/∂h_T‖"])
    assert _close("=" + out["|grad L|"], shown["‖∇L‖ (all parameters)"])
    assert [b.proto.label for b in at.get("download_button")] == ["JSON", "CSV"]


def test_the_gates_page_python_cell_prints_its_numbers():
    at = open_page("pages/gates.py", cells_T="80")
    lines = _run_snippet(at).splitlines()
    shown = metrics(at)
    lstm_c = next(line for line in lines if line.startswith("lstm ‖∂L/∂c_k‖ at lag 50"))
    assert _close(lstm_c, shown["LSTM ‖∂L/∂c_k‖ at lag 50"])


def test_the_training_page_python_cell_prints_its_numbers():
    at = open_page("pages/training.py", epochs="60", train_theta="0.5")
    lines = _run_snippet(at).splitlines()
    shown = metrics(at)
    assert _close(next(x for x in lines if "with clipping" in x), shown["final loss, with norm clipping, θ = 0.5"])
    assert _close(next(x for x in lines if "without clipping" in x), shown["final loss, without clipping"])


def test_the_cliff_page_python_cell_prints_its_numbers():
    at = open_page("pages/cliff.py", w0="4.7")
    lines = _run_snippet(at).splitlines()
    shown = metrics(at)
    assert _close(next(x for x in lines if "with norm clipping" in x), shown["final E, with norm clipping, θ = 1"], 2e-3)
    assert _close(next(x for x in lines if "without clipping" in x), shown["final E, without clipping"], 2e-3)


def test_the_home_page_python_cell_prints_its_numbers():
    at = open_page("app.py", w_hh="0.5")
    out = _run_snippet(at)
    assert _close([x for x in out.splitlines() if x.startswith("L =")][0], metrics(at)["L (BCE)"])


def test_the_step_pages_python_cells_print_their_numbers():
    at = open_page("pages/forward.py", W_hh="0.3")
    assert _close([x for x in _run_snippet(at).splitlines() if x.startswith("L =")][0], metrics(at)["L"])


# --- predict, then reveal -------------------------------------------------------------------

def test_predict_then_reveal_forward_hides_the_next_number_until_the_click():
    at = open_page("pages/forward.py", predict="true", fstep="0")
    assert metrics(at) == {"h₁": "?", "h₂": "?", "ŷ₂": "?", "L": "?"}
    assert any(r"\boxed" in e.body and "h_{1}" in e.body for e in at.latex)  # the question, numbers in
    at.button[0].click().run()
    assert metrics(at)["h₁"] == "0.7616" and metrics(at)["h₂"] == "?"
    assert at.session_state["fstep"] == 1
    at.button[0].click().run()
    assert metrics(at) == {"h₁": "0.7616", "h₂": "0.6420", "ŷ₂": "0.6552", "L": "1.0648"}
    option = json.loads(at.get("echarts_chart")[0].proto.spec)
    assert len(option["options"]) == 3


def test_predict_then_reveal_forward_shows_no_frame_ahead():
    at = open_page("pages/forward.py", panels=False, predict="true", fstep="1")  # from the first run on
    option = json.loads(at.get("echarts_chart")[0].proto.spec)
    assert len(option["options"]) == 2 and option["baseOption"]["timeline"]["currentIndex"] == 1


def test_predict_then_reveal_backward_goes_from_L_to_h0():
    at = open_page("pages/backward.py", predict="true", bstep="0")
    assert set(metrics(at).values()) == {"?"}
    assert any("known from L back to ŷ₂." in c.value for c in at.caption)  # only ∂L/∂ŷ₂ so far
    shown = []
    for _i in range(3):
        at.button[0].click().run()
        shown.append({k: v for k, v in metrics(at).items() if v != "?"})
    assert shown[0] == {"∂L/∂h₂": "0.6552"}
    assert shown[-1]["∂L/∂h₀"] == "0.1618" and "‖∇L‖" in shown[-1]
    # the sums over steps (the second ECharts chart) and the check are back once all is revealed
    assert len(at.get("echarts_chart")) == 2 and not at.get("plotly_chart")


def test_the_graph_opens_at_the_step_in_the_link():
    at = open_page("pages/forward.py", fstep="1")
    option = json.loads(at.get("echarts_chart")[0].proto.spec)
    assert option["baseOption"]["timeline"]["currentIndex"] == 1 and len(option["options"]) == 3
    assert metrics(at)["L"] == "1.0648"  # without predict, every number is shown


def test_the_step_field_shows_the_last_step_and_stays_there_as_T_changes():
    at = open_page("pages/forward.py")
    field = at.number_input(key="fstep")
    assert (field.value, field.max) == (2, 2)  # T = 2: frames t = 0..2
    at.number_input(key="T").set_value(4).run()
    assert at.number_input(key="fstep").value == 4 and at.number_input(key="fstep").max == 4
    at.number_input(key="fstep").set_value(1).run()
    at.number_input(key="T").set_value(5).run()
    assert at.number_input(key="fstep").value == 1  # an earlier step stays where it is
    at.number_input(key="T").set_value(1).run()
    assert at.number_input(key="fstep").value == 1  # now the last ...
    at.number_input(key="T").set_value(3).run()
    assert at.number_input(key="fstep").value == 3  # ... so it follows T
    # a link that sets T (here through a preset, T = 6) opens the graph at its last frame
    for path, key, last in (("pages/forward.py", "fstep", 6), ("pages/backward.py", "bstep", 7)):
        at = open_page(path, panels=False, preset="exploding")  # the first run shows it
        assert at.number_input(key=key).value == last
        assert json.loads(at.get("echarts_chart")[0].proto.spec)["baseOption"]["timeline"]["currentIndex"] == last
    # a link's 7 means the last frame, whatever T: backward has T + 2 frames (∂L/∂ŷ, then h_T .. h_0)
    at = open_page("pages/backward.py", bstep="7")
    assert at.number_input(key="bstep").value == 3 and not at.warning
    assert json.loads(at.get("echarts_chart")[0].proto.spec)["baseOption"]["timeline"]["currentIndex"] == 3


def test_a_step_page_imports_a_scenario_into_its_editor():
    from rnnviz.ui.scenario import import_into_editor

    small = tutorial_scenario(w_hh=0.25)
    assert "Trace" in import_into_editor(trace(Scenario.from_dict({**small.to_dict(), "inputs": [[1.0]] * 7})).scenario)


def test_closed_panels_draw_nothing_until_opened():
    """Tables, exports and the classroom view are drawn only while open: a closed one costs a rerun nothing."""
    at = open_page("pages/backward.py", panels=False)
    numbers = [e for e in at.expander if e.key and e.key.startswith("_numbers_")]
    assert len(numbers) == 2 and all(len(e.children) == 0 for e in numbers)
    assert not at.code and not at.get("download_button") and not at.checkbox
    at.session_state["_numbers_gradient-terms"] = True
    at.run()
    opened = next(e for e in at.expander if e.key == "_numbers_gradient-terms")
    assert len(opened.dataframe) == 1

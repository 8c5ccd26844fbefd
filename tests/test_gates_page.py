"""The LSTM & GRU page in AppTest: the numbers it writes are the engine's."""

from __future__ import annotations

import json

import numpy as np
import pytest

from apptest_helpers import metrics, open_page, printed_nans
from rnnviz.cell_flow import CellFlowSettings, cell_flow, cell_scenarios, gradient_norms
from rnnviz.flow_text import number
from rnnviz.latex import fmt
from rnnviz.tracing import trace


def test_defaults_show_the_gated_gradients_living_and_the_vanilla_dying():
    at = open_page("pages/gates.py")
    assert not at.exception and not printed_nans(at)
    flows = cell_flow(CellFlowSettings())
    shown = metrics(at)
    vanilla = gradient_norms(flows["rnn"])["‖∂L/∂h_k‖"][50]
    cell_state = gradient_norms(flows["lstm"])["‖∂L/∂c_k‖"][50]
    assert shown["vanilla RNN (tanh) ‖∂L/∂h_k‖ at lag 50"] == number(float(vanilla))
    assert shown["LSTM ‖∂L/∂c_k‖ at lag 50"] == number(float(cell_state))
    assert cell_state > 1e6 * vanilla
    (chart,) = [json.loads(c.proto.spec) for c in at.get("echarts_chart")]
    drawn = {s["name"]: s for s in chart["series"]}
    lstm_c = drawn["LSTM: ‖∂L/∂c_k‖"]  # at lag 50 (x = T − k = 50), drawn as log₁₀, the tooltip exact
    row = next(r for r in lstm_c["data"] if r[0] == 50)
    assert row[2] == f"{cell_state:.3e}" and abs(row[1] - np.log10(cell_state)) < 1e-6


@pytest.mark.parametrize("cell,step", [("lstm", 1), ("lstm", 3), ("gru", 1), ("gru", 3)])
def test_the_step_through_writes_the_cells_numbers(cell, step):
    at = open_page("pages/gates.py", cell=cell, step=str(step))
    assert not at.exception
    tr = trace(cell_scenarios(CellFlowSettings(T=3, n=2, seed=1))[cell])
    body = "\n".join(e.body for e in at.latex)
    h = r"\begin{bmatrix}" + r"\\".join(fmt(float(v)) for v in tr.h[step]) + r"\end{bmatrix}"
    assert f"h_{step} &=" in body and h in body
    if cell == "lstm":
        assert f"c_{step} &= f_{step} \\odot c_{{{step - 1}}}" in body
    else:
        assert f"n_{step} &= \\tanh" in body


@pytest.mark.parametrize("query", [{"gate_bias": "-3", "cells_T": "300", "cells_n": "64"},
                                   {"cells_T": "10", "cells_n": "1", "gate_bias": "6"}])
def test_extremes_render(query):
    at = open_page("pages/gates.py", **query)
    assert not at.exception and not printed_nans(at)


@pytest.mark.parametrize("cell,columns", [("lstm", {"i_t", "f_t", "g_t", "o_t", "c_t"}), ("gru", {"r_t", "z_t", "n_t"})])
def test_the_trace_page_shows_a_gated_scenarios_gates(cell, columns):
    import json

    import numpy as np

    from test_gated import gated

    d = gated(cell, 3, 1, 2, 1, np.random.default_rng(1))
    at = open_page("pages/trace.py", scenario=json.dumps(d))
    assert not at.exception and not printed_nans(at)
    assert any(f"cell = {cell.upper()}" in m.value for m in at.markdown)
    forward = at.dataframe[0].value
    assert columns <= set(forward.columns)
    from rnnviz import Scenario
    assert metrics(at)["loss L"] == f"{trace(Scenario.from_dict(d)).loss:.4f}"


# --- in Chinese, and as everyone can read it ------------------------------------------------

def test_the_chinese_page_shows_the_engines_numbers_under_chinese_labels():
    at = open_page("pages/gates.py", lang="zh", cell="gru")
    assert not at.exception and not printed_nans(at)
    norms = {cell: gradient_norms(tr) for cell, tr in cell_flow(CellFlowSettings()).items()}
    shown = metrics(at)
    assert shown["LSTM 滞后 50 处的 ‖∂L/∂c_k‖"] == number(float(norms["lstm"]["‖∂L/∂c_k‖"][50]))
    assert shown["普通 RNN（tanh） 滞后 50 处的 ‖∂L/∂h_k‖"] == number(float(norms["rnn"]["‖∂L/∂h_k‖"][50]))
    assert any(r"\text{经由 }" in e.body for e in at.latex)  # the GRU's backward step, its prose translated
    assert any("一个 GRU 单元，第 1 步（共 3 步）" in h.value for h in at.subheader)


@pytest.mark.parametrize("lang,table", [("en", "The numbers in this chart"), ("zh", "本图的数据")])
def test_the_chart_has_its_summary_and_its_numbers(lang, table):
    at = open_page("pages/gates.py", lang=lang, cells_T="60")
    assert not at.exception
    norms = {cell: gradient_norms(tr) for cell, tr in cell_flow(CellFlowSettings(T=60)).items()}
    vanilla, cell_state = (number(float(norms[c][label][10])) for c, label in (("rnn", "‖∂L/∂h_k‖"),
                                                                              ("lstm", "‖∂L/∂c_k‖")))
    assert any(f"= {vanilla};" in c.value and f"= {cell_state};" in c.value for c in at.caption)  # at lag 50
    assert [e.label for e in at.expander].count(table) == 1
    numbers = at.dataframe[0].value
    assert len(numbers) == 61 and list(numbers.iloc[50, 1:]) == [
        number(float(curve[10])) for per_cell in norms.values() for curve in per_cell.values()]

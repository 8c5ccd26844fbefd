"""LSTM and GRU: the real equations, one gated cell step by step with numbers, and how gates keep gradients alive."""

import streamlit as st

from rnnviz import gates_text
from rnnviz.cell_flow import CELL_NAMES, CellFlowSettings, gradient_norms
from rnnviz.charts_flow import cells_figure
from rnnviz.settings import GATES_SETTINGS
from rnnviz.flow_text import number
from rnnviz.ui import control, control_row, page_setup
from rnnviz.ui.flow import cached_cell_trace

page_setup("pages/gates.py")
SETTING = {s.key: s for s in GATES_SETTINGS}
with st.sidebar:
    st.subheader("The cell")
    control_row((SETTING["cell"], "cell"), (SETTING["step"], "step t"))
    control(SETTING["gate_bias"], "gate bias (LSTM f, GRU z)",
            help="Added to the bias of the gate that carries the state over: the LSTM's forget gate, the GRU's "
                 "update gate. σ(3) ≈ 0.95.")
    st.subheader("Three cells compared")
    control_row((SETTING["cells_T"], "steps T"), (SETTING["cells_n"], "units n"))
    control(SETTING["cells_seed"], "seed")
value = {key: st.session_state.get(key, s.default) for key, s in SETTING.items()}
cell, t, bias = value["cell"], int(value["step"]), float(value["gate_bias"])

st.title("LSTM and GRU: how gates keep gradients alive")
st.markdown("**LSTM**, gates i, f, g, o, as `torch.nn.LSTM` computes it (weights `W_ih`, `W_hh`, `b_ih`, `b_hh` "
            "stack the four gates' blocks in that order):")
st.latex(gates_text.LSTM_LATEX)
st.markdown("**GRU**, gates r, z, n, as `torch.nn.GRU` computes it:")
st.latex(gates_text.GRU_LATEX)
with st.expander("Where the tutorial is wrong (§4.4)"):
    st.latex(gates_text.TUTORIAL_LSTM)
    st.markdown(gates_text.TUTORIAL_LSTM_WRONG)
    st.latex(gates_text.TUTORIAL_GRU)
    st.markdown(gates_text.TUTORIAL_GRU_WRONG)

st.subheader(f"One {CELL_NAMES[cell]} cell, step {t} of 3, with its numbers")
example = CellFlowSettings(T=3, n=2, seed=1, gate_bias=bias)
tr = cached_cell_trace(example, cell)
st.caption("Two units, one input, three steps, weights drawn as PyTorch draws them (seed 1), the gate bias from the "
           "sidebar; the loss is (ŷ₃ − 1)². Forward:")
st.latex(r"\begin{aligned}" + r"\\[4pt]".join(gates_text.step_latex(tr, t)) + r"\end{aligned}")
st.caption("Backward, at the same step:")
st.latex(r"\begin{aligned}" + r"\\[4pt]".join(gates_text.backward_latex(tr, t)) + r"\end{aligned}")

st.subheader("The gradient from the last step, reaching back")
flow = CellFlowSettings(T=int(value["cells_T"]), n=int(value["cells_n"]), seed=int(value["cells_seed"]), gate_bias=bias)
curves = {}
for c in ("rnn", "lstm", "gru"):
    for label, norms in gradient_norms(cached_cell_trace(flow, c)).items():
        curves[(c, label, f"{CELL_NAMES[c]}: {label}")] = norms
st.plotly_chart(cells_figure(curves, flow.T), width="stretch", config={"displayModeBar": False})
lag = min(50, flow.T)
cols = st.columns(3)
for col, key in zip(cols, [("rnn", "‖∂L/∂h_k‖"), ("lstm", "‖∂L/∂c_k‖"), ("gru", "‖∂L/∂h_k‖")]):
    col.metric(f"{CELL_NAMES[key[0]]} {key[1]} at lag {lag}",
               number(float(curves[(key[0], key[1], f"{CELL_NAMES[key[0]]}: {key[1]}")][flow.T - lag])))
st.markdown(gates_text.WHY_GATES)

"""LSTM and GRU: the real equations, one gated cell step by step with numbers, and how gates keep gradients alive."""

import streamlit as st

from rnnviz import gates_text
from rnnviz.cell_flow import CELL_NAMES, gradient_norms
from rnnviz.charts_flow import cells_figure
from rnnviz.flow_text import number
from rnnviz.ui import page_setup
from rnnviz.ui.flow import cached_cell_trace, gates_controls

page_setup("pages/gates.py")
cell, t, example, compared = gates_controls()

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
tr = cached_cell_trace(example, cell)
st.caption("Two units, one input, three steps, weights drawn as PyTorch draws them (seed 1), the gate bias from the "
           "sidebar; the loss is (ŷ₃ − 1)². Forward:")
st.latex(r"\begin{aligned}" + r"\\[4pt]".join(gates_text.step_latex(tr, t)) + r"\end{aligned}")
st.caption("Backward, at the same step:")
st.latex(r"\begin{aligned}" + r"\\[4pt]".join(gates_text.backward_latex(tr, t)) + r"\end{aligned}")

st.subheader("The gradient from the last step, reaching back")
norms = {c: gradient_norms(cached_cell_trace(compared, c)) for c in CELL_NAMES}
st.plotly_chart(cells_figure(norms, compared.T), width="stretch", config={"displayModeBar": False})
lag = min(50, compared.T)
for col, (c, label) in zip(st.columns(3), [("rnn", "‖∂L/∂h_k‖"), ("lstm", "‖∂L/∂c_k‖"), ("gru", "‖∂L/∂h_k‖")]):
    col.metric(f"{CELL_NAMES[c]} {label} at lag {lag}", number(float(norms[c][label][compared.T - lag])))
st.markdown(gates_text.WHY_GATES)

"""LSTM and GRU: the real equations, one gated cell step by step with numbers, and how gates keep gradients alive."""

import streamlit as st

from rnnviz import export, gates_text
from rnnviz.cell_flow import CELL_NAMES, gradient_norms
from rnnviz.charts_flow import cells_figure
from rnnviz.flow_text import number
from rnnviz.i18n import _
from rnnviz.ui import chart, lazy_expander, live, page_setup
from rnnviz.ui.flow import cached_cell_trace, gates_controls, gates_values
from rnnviz.ui.share import export_panel

page_setup("pages/gates.py")


def one_cell() -> None:
    """The chosen cell at the chosen step, forward and backward, with its numbers."""
    cell, t, example, _compared = gates_values()
    tr = cached_cell_trace(example, cell)
    st.subheader(_("One {cell} cell, step {t} of 3, with its numbers").format(cell=_(CELL_NAMES[cell]), t=t))
    st.caption(_("Two units, one input, three steps, weights drawn as PyTorch draws them (seed 1), the gate bias from "
                 "the sidebar; the loss is (ŷ₃ − 1)². Forward:"))
    st.latex(r"\begin{aligned}" + r"\\[4pt]".join(gates_text.step_latex(tr, t)) + r"\end{aligned}")
    st.caption(_("Backward, at the same step:"))
    st.latex(r"\begin{aligned}" + r"\\[4pt]".join(gates_text.backward_latex(tr, t)) + r"\end{aligned}")


def three_cells() -> None:
    """The gradient from the last step reaching back, in the three cells."""
    compared = gates_values()[3]
    norms = {c: gradient_norms(cached_cell_trace(compared, c)) for c in CELL_NAMES}
    lag = min(50, compared.T)
    chart(cells_figure(norms, compared.T), "gated-cells", gates_text.cells_summary(norms, compared.T, lag),
          gates_text.cells_rows(norms, compared.T))
    for col, (c, label) in zip(st.columns(3), gates_text.COMPARED):
        col.metric(gates_text.metric_label(c, label, lag), number(float(norms[c][label][compared.T - lag])))


def export_box() -> None:
    cell, _t, example, compared = gates_values()
    export_panel("gates", lambda: export.cells_python(compared), trace=cached_cell_trace(example, cell),
                 in_sidebar=False)


# The controls are one live control (rnnviz.ui.live): changing one reruns the controls and the slots
# alone; the navigation, the title and the typeset LSTM and GRU equations stay as drawn
out, controls = live.sidebar_controls(export_box)

st.title(_("LSTM and GRU: how gates keep gradients alive"))
st.markdown(_("**LSTM**, gates i, f, g, o, as `torch.nn.LSTM` computes it (weights `W_ih`, `W_hh`, `b_ih`, `b_hh` "
              "stack the four gates' blocks in that order):"))
st.latex(gates_text.LSTM_LATEX)
st.markdown(_("**GRU**, gates r, z, n, as `torch.nn.GRU` computes it:"))
st.latex(gates_text.GRU_LATEX)
errata = lazy_expander(_("Where the tutorial is wrong (§4.4)"), "_errata")
if errata.open:
    errata.latex(gates_text.TUTORIAL_LSTM)
    errata.markdown(_(gates_text.TUTORIAL_LSTM_WRONG))
    errata.latex(gates_text.TUTORIAL_GRU)
    errata.markdown(_(gates_text.TUTORIAL_GRU_WRONG))

out.slot(one_cell)
st.subheader(_("The gradient from the last step, reaching back"))
out.slot(three_cells)
st.markdown(_(gates_text.WHY_GATES))
with controls:
    live.live_control(out, gates_controls)
out.draw()

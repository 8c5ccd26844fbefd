"""Forward pass, step by step: every hidden-state update with the scenario's numbers written in."""

import streamlit as st

from rnnviz import latex, tables
from rnnviz.i18n import _
from rnnviz.tutorial import TUTORIAL_READING
from rnnviz.ui import cached_figure, cached_trace, chart, page_setup
from rnnviz.ui.scenario import scenario_editor

page_setup("pages/forward.py")
scenario = scenario_editor()
tr = cached_trace(scenario.to_json())

st.title(_("Forward pass, step by step"))
st.latex(r" \qquad ".join(latex.model_equations(scenario.activation, scenario.output)))
st.caption(_("Move the step slider under the graph, or press ▶: stepping happens in your browser, "
             "with no wait. Change anything in the sidebar and every number follows."))
chart(cached_figure(scenario.to_json(), "forward"), "forward-pass", tables.forward_summary(tr), tables.forward_rows(tr))

if scenario.n == 1:  # one number per step fits a metric; vectors go in a table
    cols = st.columns(scenario.T + 2)
    for t in range(1, scenario.T + 1):
        cols[t - 1].metric(f"h{t}".translate(latex.SUBSCRIPT_DIGITS), tables.vec(tr.h[t]))
    cols[-2].metric(f"ŷ{scenario.T}".translate(latex.SUBSCRIPT_DIGITS), tables.vec(tr.y[-1]))
    cols[-1].metric("L", tables.vec(tr.loss))
else:
    st.metric("L", tables.vec(tr.loss))
    st.dataframe(tables.forward_rows(tr), hide_index=True, width="stretch")

with st.expander(_("Every step as equations"), expanded=scenario.T <= 3):
    st.latex(latex.stack([latex.forward_step(tr, t) for t in range(1, scenario.T + 1)]
                         + [latex.output_step(tr, scenario.T), latex.loss_line(tr)]))

with st.expander(_("Where the tutorial is wrong (its §4.3 example, w_hh = 1)")):
    st.markdown(_(TUTORIAL_READING))
    st.table(tables.errata_rows())

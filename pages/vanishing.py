"""Vanishing and exploding gradients: drive one network from one regime to the other, against the theory."""

import streamlit as st

from rnnviz import export, flow_text
from rnnviz.i18n import _
from rnnviz.ui import chart, page_setup
from rnnviz.ui.share import export_panel
from rnnviz.ui.flow import cached_flow, cached_flow_figure, cached_sweep_figure, lab_controls, sweep_data

page_setup("pages/vanishing.py")
settings = lab_controls()
flow = cached_flow(settings)
export_panel("vanishing", lambda: export.flow_python(settings), trace=flow.trace)

st.title(_("Vanishing and exploding gradients"))
st.markdown(_(flow_text.INTRO))
st.latex(flow_text.BOUND_LATEX)

badge = flow_text.badge(flow)
st.badge(badge.label, icon=badge.icon, color=badge.colour)
cols = st.columns(4)
for col, (label, value, help_text) in zip(cols, flow_text.rate_metrics(flow)):
    col.metric(label, value, help=help_text)
if flow_text.overflow_notice(flow):
    st.warning(flow_text.overflow_notice(flow), icon=":material/warning:")

chart(cached_flow_figure(settings), "gradient-flow", flow_text.flow_summary(flow), flow_text.flow_rows(flow))

st.subheader(_("The same gradient, without and with clipping"))
without, with_clip = st.columns(2)
for col, (title, rows) in zip((without, with_clip), flow_text.clip_columns(flow)):
    with col:
        st.markdown(f"**{title}**")
        for label, value in rows:
            st.metric(label, value)
st.info(_(flow_text.CLIPPING_LESSON), icon=":material/push_pin:")

st.subheader(_("Sweep: every λ₁ at once"))
scales, log10 = sweep_data(settings)
chart(cached_sweep_figure(settings), "sweep", flow_text.sweep_summary(flow, scales, log10),
      flow_text.sweep_rows(scales, log10, flow.gamma))

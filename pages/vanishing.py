"""Vanishing and exploding gradients: drive one network from one regime to the other, against the theory."""

import streamlit as st

from rnnviz import flow_text
from rnnviz.ui import page_setup
from rnnviz.ui.flow import cached_flow, cached_flow_figure, cached_sweep_figure, lab_controls

page_setup("pages/vanishing.py")
settings = lab_controls()
flow = cached_flow(settings)

st.title("Vanishing and exploding gradients")
st.markdown(flow_text.INTRO)
st.latex(flow_text.BOUND_LATEX)

badge = flow_text.badge(flow)
st.badge(badge.label, icon=badge.icon, color=badge.colour)
cols = st.columns(4)
for col, (label, value, help_text) in zip(cols, flow_text.rate_metrics(flow)):
    col.metric(label, value, help=help_text)
if flow_text.overflow_notice(flow):
    st.warning(flow_text.overflow_notice(flow), icon=":material/warning:")

st.plotly_chart(cached_flow_figure(settings), width="stretch", config={"displayModeBar": False})
st.caption(flow_text.flow_caption(flow))

st.subheader("The same gradient, without and with clipping")
without, with_clip = st.columns(2)
for col, (title, rows) in zip((without, with_clip), flow_text.clip_columns(flow)):
    with col:
        st.markdown(f"**{title}**")
        for label, value in rows:
            st.metric(label, value)
st.info(flow_text.CLIPPING_LESSON, icon=":material/push_pin:")

st.subheader("Sweep: every λ₁ at once")
st.plotly_chart(cached_sweep_figure(settings), width="stretch", config={"displayModeBar": False})
st.caption(flow_text.sweep_caption(flow))

with st.expander("The numbers behind the first chart"):
    st.dataframe(flow_text.flow_rows(flow), hide_index=True, width="stretch")

"""Vanishing and exploding gradients: drive one network from one regime to the other, against the theory."""

import streamlit as st

from rnnviz import export, flow_text
from rnnviz.i18n import _
from rnnviz.ui import chart, live, page_setup
from rnnviz.ui.share import export_panel
from rnnviz.ui.flow import (cached_flow, cached_flow_figure, cached_sweep_figure, lab_controls, lab_values,
                            sweep_data)

page_setup("pages/vanishing.py")


def regime() -> None:
    """The regime, the rates, the gradient at every lag: what every control changes."""
    settings = lab_values()
    flow = cached_flow(settings)
    badge = flow_text.badge(flow)
    st.badge(badge.label, icon=badge.icon, color=badge.colour)
    for col, (label, value, help_text) in zip(st.columns(4), flow_text.rate_metrics(flow)):
        col.metric(label, value, help=help_text)
    if flow_text.overflow_notice(flow):
        st.warning(flow_text.overflow_notice(flow), icon=":material/warning:")
    chart(cached_flow_figure(settings), "gradient-flow", flow_text.flow_summary(flow), flow_text.flow_rows(flow))


def clipping() -> None:
    """The same gradient without and with clipping, side by side."""
    for col, (title, rows) in zip(st.columns(2), flow_text.clip_columns(cached_flow(lab_values()))):
        with col:
            st.markdown(f"**{title}**")
            for label, value in rows:
                st.metric(label, value)


def sweep() -> None:
    """The heatmap over every λ₁, the current one marked."""
    settings = lab_values()
    flow = cached_flow(settings)
    scales, log10 = sweep_data(settings)
    chart(cached_sweep_figure(settings), "sweep", flow_text.sweep_summary(flow, scales, log10),
          flow_text.sweep_rows(scales, log10, flow.gamma))


def export_box() -> None:
    settings = lab_values()
    export_panel("vanishing", lambda: export.flow_python(settings), trace=cached_flow(settings).trace, in_sidebar=False)


# The controls are one live control (rnnviz.ui.live): moving one reruns the controls and the three
# slots alone; the navigation, the title, the introduction, the bound and the headings stay as drawn
out, controls = live.sidebar_controls(export_box)

st.title(_("Vanishing and exploding gradients"))
st.markdown(_(flow_text.INTRO))
st.latex(flow_text.BOUND_LATEX)
out.slot(regime)

st.subheader(_("The same gradient, without and with clipping"))
out.slot(clipping)
st.info(_(flow_text.CLIPPING_LESSON), icon=":material/push_pin:")

st.subheader(_("Sweep: every λ₁ at once"))
out.slot(sweep)
with controls:
    live.live_control(out, lab_controls)
out.draw()

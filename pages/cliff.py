"""The exploding-gradient cliff (Pascanu, Mikolov & Bengio 2013): gradient descent with and without clipping."""

import streamlit as st

from rnnviz import charts_training, training_text
from rnnviz.ui import page_setup
from rnnviz.ui.training import cached_bifurcation, cached_descents, cached_surface, cliff_controls

page_setup("pages/cliff.py")
w0, b0, lr, steps, theta = cliff_controls()
paths = cached_descents(w0, b0, lr, steps, theta)

st.title("The exploding-gradient cliff")
st.markdown(training_text.CLIFF_INTRO)
st.plotly_chart(charts_training.cliff_figure(*cached_surface()[:3], paths), width="stretch",
                config={"displayModeBar": False})
cols = st.columns(4)
for i, (label, path) in enumerate(paths.items()):
    cols[2 * i].metric(f"final E, {label}", f"{path.E[-1]:.3g}")
    cols[2 * i + 1].metric(f"largest ‖∇E‖ before clipping, {label}", f"{path.grad_norm.max():.3g}",
                           help=f"{int(path.clipped.sum())} of {steps} steps clipped" if path.clipped.any() else None)
st.caption(" · ".join(f"{label}: ends at w = {path.w[-1]:.3g}, b = {path.b[-1]:.3g}" for label, path in paths.items())
           + ". A path that leaves the plotted square is drawn up to where it leaves.")
st.plotly_chart(charts_training.descent_figure(paths, theta), width="stretch", config={"displayModeBar": False})

st.subheader("Where the wall comes from: two attractors")
st.plotly_chart(charts_training.bifurcation_figure(*cached_bifurcation()), width="stretch",
                config={"displayModeBar": False})
st.markdown(training_text.BIFURCATION_NOTE)

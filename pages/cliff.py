"""The exploding-gradient cliff (Pascanu, Mikolov & Bengio 2013): gradient descent with and without clipping."""

import streamlit as st

from rnnviz import charts_training, export, training_text
from rnnviz.i18n import _
from rnnviz.ui import chart, live, page_setup
from rnnviz.ui.share import export_panel
from rnnviz.ui.training import (cached_bifurcation, cached_cliff_surface, cached_descents, cached_surface,
                                cliff_controls, cliff_settings)

page_setup("pages/cliff.py")


def results() -> None:
    """Everything the controls change: drawn at the end of the page's run, and again when a control moves."""
    w0, b0, lr, steps, theta = cliff_settings()
    paths = cached_descents(w0, b0, lr, steps, theta)
    ws, bs, E = cached_surface()[:3]
    chart(charts_training.cliff_figure(ws, bs, E, paths, cached_cliff_surface()), "cliff-surface",
          training_text.cliff_summary(ws, bs, E, paths), lambda: training_text.cliff_rows(paths))
    # a column per run, so that its long label fits (four columns cut it off at 1280 pixels)
    for col, (label, path) in zip(st.columns(2), paths.items()):
        col.metric(_("final E, {run}").format(run=label), f"{path.E[-1]:.3g}")
        col.metric(_("largest ‖∇E‖ before clipping, {run}").format(run=label), f"{path.grad_norm.max():.3g}",
                   help=_("{count} of {steps} steps clipped").format(count=int(path.clipped.sum()), steps=steps)
                   if path.clipped.any() else None)
    chart(charts_training.descent_figure(paths, theta), "cliff-descent", training_text.descent_summary(paths, theta),
          lambda: training_text.descent_rows(paths))


def export_box() -> None:
    w0, b0, lr, steps, theta = cliff_settings()
    export_panel("cliff", lambda: export.cliff_python(w0, b0, lr, steps, theta), in_sidebar=False)


# The controls are one live control (rnnviz.ui.live): moving one reruns the controls and the results
# alone, not the title, the introduction and the bifurcation chart, which no control changes (the server
# no longer rebuilds and sends that figure; in Chromium a change gained a few per cent of its ~310 ms)
out, controls = live.sidebar_controls(export_box)
st.title(_("The exploding-gradient cliff"))
st.markdown(training_text.cliff_intro())
out.slot(results)
with controls:
    live.live_control(out, cliff_controls)

st.subheader(_("Where the wall comes from: two attractors"))
bifurcation = cached_bifurcation()
chart(charts_training.bifurcation_figure(*bifurcation), "cliff-bifurcation",
      training_text.bifurcation_summary(*bifurcation), training_text.bifurcation_rows(*bifurcation[:2]))
st.markdown(_(training_text.BIFURCATION_NOTE))
out.draw()

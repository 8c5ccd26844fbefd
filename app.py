"""rnnviz home page: what the app is, the model, and the tutorial's two-step example computed correctly."""

import streamlit as st

from rnnviz import export, latex, tables, tutorial_scenario
from rnnviz.i18n import N_, _
from rnnviz.tutorial import OTHER_MISTAKES, TUTORIAL_READING
from rnnviz.ui import (PAGES, cached_figure, cached_trace, chart, fragment, lazy_expander, page_setup, setting,
                       slider, table)
from rnnviz.ui.share import export_panel

page_setup("app.py")

st.title(_("rnnviz: a recurrent neural network, number by number"))
st.markdown(_(
    "Set the weights, inputs and activation of a small RNN, follow every hidden-state update "
    "and every backpropagation-through-time gradient with the numbers written into the formulas, "
    "and watch gradients vanish or explode. For learners beside their notebook and teachers in "
    "front of a class. Every number comes from one small NumPy engine, `rnnviz`, which also works "
    "on its own in Jupyter and from `python -m rnnviz`."
))

st.header(_("The model"))
st.latex(latex.stack(latex.model_equations("tanh", "sigmoid")))
st.markdown(_(
    "x_t is the input at step t, h_t the hidden state (h_0 given), ŷ_t the output. "
    "f is the hidden activation (tanh, sigmoid, ReLU or linear) and g the output function "
    "(identity, sigmoid or softmax). The loss L is taken at the last step or summed over all steps. "
    "Backpropagation through time runs the chain rule from L back to h_0:"
))
st.latex(r"\frac{\partial L}{\partial h_{t-1}} = W_{hy}^\top \frac{\partial L}{\partial o_{t-1}}"
         r" + W_{hh}^\top\left(f'(z_t) \odot \frac{\partial L}{\partial h_t}\right),\qquad z_t = W_{xh} x_t"
         r" + W_{hh} h_{t-1} + b_h")

st.header(_("The tutorial's two-step example, computed correctly"))
st.markdown(_(TUTORIAL_READING))


def derivation(tr) -> None:
    """The forward pass and BPTT of the trace `tr`, every step with its numbers written in, side by side."""
    scenario = tr.scenario
    forward, backward = st.columns(2)
    with forward:
        st.subheader(_("Forward"))
        st.latex(latex.stack([latex.forward_step(tr, t) for t in range(1, scenario.T + 1)]
                             + [latex.output_step(tr, scenario.T), latex.loss_line(tr)]))
    with backward:
        st.subheader(_("Backward (BPTT)"))
        st.latex(latex.stack([latex.output_gradient(tr)] + [latex.backward_step(tr, t) for t in range(scenario.T, 0, -1)]
                             + [latex.DELTA] + [latex.gradient_sum(tr, name) for name in ("W_hh", "W_xh", "W_hy")]))


# The tutorial's own numbers, typeset once: outside the slider's fragment, a move of the slider does not
# send them again. Typeset live, these two blocks were most of what a move cost the browser (KaTeX:
# ~60 of ~150 ms; tests/bench/bench_latency.py); the live copy waits in an expander for whoever opens it.
derivation(cached_trace(tutorial_scenario().to_json()))


# Only this part follows the slider: a fragment reruns it alone, and the browser redraws
# nothing else (the static text and formulas around it are most of the drawing cost).
@fragment
def tutorial_example() -> None:
    w_hh = slider(setting("app.py", "w_hh"), _("Try it: the recurrent weight w_hh (the tutorial's is 1)"),
                  help=_("The numbers and the chart below follow it; the equations above and the errata table "
                         "further down are for the tutorial's w_hh = 1."))
    scenario = tutorial_scenario(w_hh)
    tr = cached_trace(scenario.to_json())
    cols = st.columns(4)
    cols[0].metric("h₁", f"{tr.h[1, 0]:.4f}")
    cols[1].metric("h₂", f"{tr.h[2, 0]:.4f}")
    cols[2].metric("ŷ", f"{tr.y[-1, 0]:.4f}")
    cols[3].metric("L (BCE)", f"{tr.loss:.4f}")
    chart(cached_figure(scenario.to_json(), "states"), "tutorial-example", tables.states_summary(tr),
          tables.states_rows(tr))
    # a fixed label: an expander whose label changes is closed again on the next move of the slider
    equations = lazy_expander(_("The equations above, with the w_hh you set"), "_home_equations",
                              icon=":material/functions:")
    if equations.open:
        with equations:
            derivation(tr)
    export_panel("tutorial-example", lambda: export.scenario_python(scenario), trace=tr, in_sidebar=False)


tutorial_example()

st.header(_("Where the tutorial is wrong"))
table(tables.errata_rows())
for mistake in OTHER_MISTAKES:
    st.markdown(f"- {_(mistake)}")

st.header(_("Explore"))
# what each page is for, under its link (in the link itself, the longer ones were cut off at 1280 pixels)
EXPLORE = {
    "pages/forward.py": N_("Every hidden-state update of a scenario you set, in numbers."),
    "pages/backward.py": N_("From L back to h₀, every gradient as a sum over steps, checked by finite differences."),
    "pages/vanishing.py": N_("One control from vanishing to exploding, the theory's bound beside the measured "
                             "gradients, clipping side by side."),
    "pages/training.py": N_("The tutorial's model and data, SGD, momentum and Adam done right, with and without "
                            "clipping."),
    "pages/cliff.py": N_("Gradient descent meets a wall, with and without norm clipping."),
    "pages/gates.py": N_("The real equations, a gated cell step by step, and why the gradient survives."),
    "pages/trace.py": N_("Any sizes, every number, the gradient check, JSON in and out."),
}
for file, label, icon in PAGES:
    if file in EXPLORE:
        st.page_link(file, label=_(label), icon=icon)
        st.caption(_(EXPLORE[file]))
st.markdown(_(
    "In a notebook: `from rnnviz import trace, tutorial_scenario; trace(tutorial_scenario()).grads`. "
    "On the command line: `python -m rnnviz example > s.json && python -m rnnviz trace s.json`."
))

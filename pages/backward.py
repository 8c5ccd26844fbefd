"""Backward pass (BPTT), step by step: from L back to h_0, with the chain rule in numbers."""

import streamlit as st

from rnnviz import latex, steps, tables
from rnnviz.i18n import _
from rnnviz.ui import cached_contributions, cached_figure, cached_gradient_check, chart, page_setup
from rnnviz.ui.scenario import scenario_editor

page_setup("pages/backward.py")
scenario = scenario_editor()
tr = cached_contributions(scenario.to_json())

st.title(_("Backward pass (BPTT), step by step"))
st.latex(r"\frac{\partial L}{\partial h_{t-1}} = W_{hy}^\top \frac{\partial L}{\partial o_{t-1}}"
         r" + W_{hh}^\top\left(f'(z_t) \odot \frac{\partial L}{\partial h_t}\right)")
st.caption(_("From the loss back to h₀: move the step slider under the graph, or press ▶. Edge width and "
             "colour show how much gradient flows back along each edge (log scale)."))
flows = steps.edge_gradients(tr)
chart(cached_figure(scenario.to_json(), "backward"), "backward-pass", tables.backward_summary(tr, flows),
      tables.backward_chart_rows(tr, flows))

if scenario.n == 1:  # one number per step fits a metric; vectors go in a table
    cols = st.columns(scenario.T + 2)
    for t in range(scenario.T, -1, -1):
        cols[scenario.T - t].metric(f"∂L/∂h{t}".translate(latex.SUBSCRIPT_DIGITS), tables.vec(tr.dh[t]))
    cols[-1].metric("‖∇L‖", tables.vec(tr.grad_norm))
else:
    st.metric("‖∇L‖", tables.vec(tr.grad_norm))
    st.dataframe(tables.backward_rows(tr), hide_index=True, width="stretch")

st.subheader(_("Each gradient is a sum over time steps"))
terms = steps.contribution_rows(tr)
chart(cached_figure(scenario.to_json(), "contributions"), "gradient-terms", tables.contributions_summary(terms),
      tables.contribution_table(terms))
with st.expander(_("The per-step terms as equations")):
    st.latex(latex.stack([latex.DELTA] + [latex.gradient_sum(tr, name) for name in tr.grads]))

st.subheader(_("Check: analytic gradients against finite differences"))
check = cached_gradient_check(scenario.to_json())
st.table(tables.check_rows(check))
verdict = (_("Central differences in float64 **agree**: relative error ≤ {tol} for every gradient (or an absolute "
             "error under the rounding floor {floor} where a gradient has all but vanished).") if check.passed else
           _("Central differences in float64 **DISAGREE**: the relative error is above {tol} for a gradient (and "
             "its absolute error above the rounding floor {floor})."))
st.markdown(verdict.format(tol=f"{check.tol:g}", floor=f"{check.noise_floor:.0e}"))

st.info(_("The tutorial (§3.2) says clipping small gradients stops them vanishing. It does not: clipping only "
          "ever shrinks a gradient, so a term that has vanished stays vanished. Try the “saturated tanh” preset: "
          "∂L/∂h₀ is tiny, and no threshold brings it back."), icon=":material/push_pin:")
st.page_link("pages/vanishing.py", label=_("See it over long sequences, with and without clipping: "
                                           "Vanishing & exploding gradients"), icon=":material/show_chart:")

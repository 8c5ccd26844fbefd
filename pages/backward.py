"""Backward pass (BPTT), step by step: from L back to h_0, with the chain rule in numbers."""

import streamlit as st

from rnnviz import latex, steps, tables
from rnnviz.i18n import _
from rnnviz.ui import (cached_contributions, cached_figure, cached_gradient_check, chart, lazy_expander, metric_rows,
                       page_setup, table)
from rnnviz.ui.scenario import (current, import_into_editor, opened_step, predicting, reveal_panel, step_control,
                                step_page)
from rnnviz.ui.share import scenario_import

PATH = "pages/backward.py"
page_setup(PATH)
scenario_import("backward_import", import_into_editor)
predict = predicting()


def results() -> None:
    """Everything a weight changes: drawn at the end of the page's run, and again when a weight is typed."""
    scenario = current()
    tr = cached_contributions(scenario.to_json())
    T = scenario.T
    step = opened_step(PATH, T + 1)  # frame 0: ∂L/∂ŷ; frame s ≥ 1: ∂L/∂h_{T+1−s}
    # the oldest h_t whose gradient is on the page: every one but while predict-then-reveal hides some
    oldest = T + 1 - step if predict else 0
    flows = steps.edge_gradients(tr)
    chart(cached_figure(scenario.to_json(), "backward", start=step, upto=step if predict else None), "backward-pass",
          tables.backward_summary(tr, flows) if oldest == 0 else
          _("The unrolled network, its gradient known from L back to {node}.").format(
              node=f"h{oldest}" if oldest <= T else f"ŷ{T}").translate(latex.SUBSCRIPT_DIGITS),
          tables.backward_chart_rows(tr, flows) if oldest == 0 else None)
    if predict:
        question = ("" if step > T else latex.output_gradient(tr, hide=True) if step == 0
                    else latex.backward_step(tr, T - step + 1, hide=True))
        reveal_panel(PATH, step, T + 1, question, f"∂L/∂h{T - step}".translate(latex.SUBSCRIPT_DIGITS))

    if scenario.n == 1:  # one number per step fits a metric; vectors go in a table
        metric_rows([(f"∂L/∂h{t}".translate(latex.SUBSCRIPT_DIGITS), tables.vec(tr.dh[t]) if t >= oldest else "?")
                     for t in range(T, -1, -1)] + [("‖∇L‖", tables.vec(tr.grad_norm) if oldest == 0 else "?")])
    else:
        st.metric("‖∇L‖", tables.vec(tr.grad_norm) if oldest == 0 else "?")
        if oldest == 0:
            st.dataframe(tables.backward_rows(tr), hide_index=True, width="stretch")

    if predict and oldest > 0:
        return  # the sums over steps and the check would give the hidden numbers away
    st.subheader(_("Each gradient is a sum over time steps"))
    terms = steps.contribution_rows(tr)
    chart(cached_figure(scenario.to_json(), "contributions"), "gradient-terms", tables.contributions_summary(terms),
          tables.contribution_table(terms))
    equations = lazy_expander(_("The per-step terms as equations"), "_equations")
    if equations.open:
        equations.latex(latex.stack([latex.DELTA] + [latex.gradient_sum(tr, name) for name in tr.grads]))

    st.subheader(_("Check: analytic gradients against finite differences"))
    check = cached_gradient_check(scenario.to_json())
    table(tables.check_rows(check))
    verdict = (_("Central differences in float64 **agree**: relative error ≤ {tol} for every gradient (or an absolute "
                 "error under the rounding floor {floor} where a gradient has all but vanished).") if check.passed else
               _("Central differences in float64 **DISAGREE**: the relative error is above {tol} for a gradient (and "
                 "its absolute error above the rounding floor {floor})."))
    st.markdown(verdict.format(tol=f"{check.tol:g}", floor=f"{check.noise_floor:.0e}"))


st.title(_("Backward pass (BPTT), step by step"))
st.latex(r"\frac{\partial L}{\partial h_{t-1}} = W_{hy}^\top \frac{\partial L}{\partial o_{t-1}}"
         r" + W_{hh}^\top\left(f'(z_t) \odot \frac{\partial L}{\partial h_t}\right)")
left, right = st.columns([1, 3], vertical_alignment="bottom")
with right:
    st.caption(_("From the loss back to h₀: click a step on the timeline under the graph, or ▶ to play. Edge "
                 "width and colour show how much gradient flows back along each edge (log scale; the legend is beside the graph, above it on a phone)."))
scenario = step_page(results, "backward", cached_contributions)
with left:  # after the editor, which knows T
    step_control(PATH, scenario.T)
# Under the results, and not in them: no weight changes this note, so a typed weight does not send it
# again (re-sent, it took 10-16 ms of the ~130 ms a weight took to show; tests/bench/bench_latency.py)
st.info(_("The tutorial (§3.2) says clipping small gradients stops them vanishing. It does not: clipping only "
          "ever shrinks a gradient, so a term that has vanished stays vanished. Try the “saturated tanh” preset: "
          "∂L/∂h₀ is tiny, and no threshold brings it back."), icon=":material/push_pin:")
st.page_link("pages/vanishing.py", label=_("See it over long sequences, with and without clipping: "
                                           "Vanishing & exploding gradients"), icon=":material/show_chart:")

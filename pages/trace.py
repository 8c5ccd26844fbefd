"""Trace a scenario: paste any scenario JSON (the command line's format) and see every number."""

import streamlit as st

from rnnviz import Scenario, ScenarioError, export, tables, tutorial_scenario
from rnnviz.i18n import N_, _
from rnnviz.ui.share import export_panel, scenario_import
from rnnviz.ui import cached_figure, cached_gradient_check, cached_trace, chart, live, page_setup, setting, text_area

page_setup("pages/trace.py")
SCENARIO = setting("pages/trace.py", "scenario")


def into_editor(scenario: Scenario) -> None:
    """An imported scenario replaces the text (and so the link)."""
    st.session_state[SCENARIO.key] = scenario.to_json(indent=2)


scenario_import("trace_import", into_editor)
CHECK_BUDGET = 20_000  # T × parameters: above it the finite-difference check waits for a click
OVERFLOW = {
    "forward": N_("Values left float64's range in the forward pass at step {step} ({quantity}); the tables say "
                  "“overflow” from there on."),
    "backward": N_("Values left float64's range in the backward pass at step {step} ({quantity}); the tables say "
                   "“overflow” from there on."),
}
QUANTITY = {"h": "h_t", "o": "o_t", "loss": "ℓ_t", "dy": "∂L/∂ŷ_t", "dh": "∂L/∂h_t"}  # rnnviz.tracing's names
CLIPPED = {"norm": N_("after norm clipping (θ = {theta})"), "value": N_("after value clipping (θ = {theta})")}
LOSS_AT = {"last": N_("loss = {loss} at the last step"), "every": N_("loss = {loss} summed over every step")}


def reset():
    st.session_state[SCENARIO.key] = SCENARIO.default


LAST_VALID = "last_valid"  # Session State: the canonical JSON of the last scenario that parsed


def current() -> Scenario:
    """The scenario on show: the text's, or the last valid one while the text does not parse."""
    return Scenario.from_json(st.session_state.get(LAST_VALID, tutorial_scenario().to_json()))


def editor() -> None:
    """The scenario's text, its reset button and, above them, why the text does not parse."""
    messages = st.container()  # above the editor, where the eye is
    text = text_area(SCENARIO, _("Scenario JSON"), height=460)
    st.button(_("Reset to the tutorial's example"), on_click=reset)
    try:
        st.session_state[LAST_VALID] = Scenario.from_json(text).to_json()
    except ScenarioError as exc:
        messages.error(f"**{exc.field}**: {exc.problem}", icon=":material/error:")
        messages.info(_("Showing the last valid scenario."))


def numbers() -> None:
    """The scenario's sizes, loss and gradient norm, and every number of its trace in tabs."""
    scenario = current()
    tr = cached_trace(scenario.to_json())
    sizes = f"T = {scenario.T}, m = {scenario.m}, n = {scenario.n}, k = {scenario.k}"
    cell = f"f = {scenario.activation}" if scenario.cell == "rnn" else f"cell = {scenario.cell.upper()}"
    loss = _(LOSS_AT[scenario.loss_at]).format(loss=scenario.loss)
    st.markdown(f"**{sizes}** · {cell} · g = {scenario.output} · {loss}")
    if tr.overflow:
        o = tr.overflow
        st.warning(_(OVERFLOW[o["phase"]]).format(step=o["step"], quantity=QUANTITY.get(o["quantity"], o["quantity"])))
    cols = st.columns(3)
    cols[0].metric(_("loss L"), tables.vec(tr.loss))
    cols[1].metric(_("‖∇L‖ (all parameters)"), tables.vec(tr.grad_norm))
    if tr.clip is not None:
        clipped = tables.vec(tr.clip.clipped_norm) if tr.clip.grads is not None else _("not finite")
        cols[2].metric(_(CLIPPED[tr.clip.mode]).format(theta=f"{tr.clip.threshold:g}"), clipped)
        if tr.clip.reason:
            st.warning(_(tr.clip.reason))  # rnnviz.clipping's reasons are marked for the catalogue
    tab_forward, tab_backward, tab_grads, tab_check = st.tabs(
        [_("Forward"), _("Backward (BPTT)"), _("Gradients"), _("Gradient check")])
    with tab_forward:
        st.dataframe(tables.forward_rows(tr), hide_index=True, width="stretch")
    with tab_backward:
        st.dataframe(tables.backward_rows(tr), hide_index=True, width="stretch")
    with tab_grads:
        st.dataframe(tables.gradient_rows(tr), hide_index=True, width="stretch")
    with tab_check:
        cost = scenario.T * sum(w.size for w in scenario.weights.values())
        if cost <= CHECK_BUDGET or st.button(_("Run the finite-difference check")):
            check = cached_gradient_check(scenario.to_json())
            st.dataframe(tables.check_rows(check), hide_index=True, width="stretch")
            verdict = (_("Central differences in float64: the check **passes** (relative error ≤ {tol}, or below "
                         "the rounding floor {floor}).") if check.passed else
                       _("Central differences in float64: the check **FAILS** (relative error above {tol}, and "
                         "above the rounding floor {floor})."))
            st.markdown(verdict.format(tol=f"{check.tol:g}", floor=f"{check.noise_floor:.1e}"))
        else:
            st.caption(_("This scenario needs {count} forward passes for the check.").format(count=f"{2 * cost:,}"))


def flow_chart() -> None:
    tr = cached_trace(current().to_json())
    chart(cached_figure(tr.scenario.to_json(), "gradient_flow"), "gradient-flow", tables.gradient_flow_summary(tr),
          tables.gradient_flow_rows(tr))


def export_box() -> None:
    scenario = current()
    export_panel("trace", lambda: export.scenario_python(scenario), trace=cached_trace(scenario.to_json()),
                 in_sidebar=False)


# The editor is a live control (rnnviz.ui.live): a committed text reruns the editor and the numbers, the
# chart and the Export panel alone, not the navigation, the title or the import panel
out = live.Live()
out.slot(export_box, where=st.sidebar)
st.title(_("Trace a scenario"))
st.caption(_("The forward pass, backpropagation through time and clipping of any scenario, "
             "in the format of `python -m rnnviz example`. The link keeps what you type."))
left, right = st.columns([2, 3])
out.slot(numbers, where=right)
out.slot(flow_chart)
with left:
    live.live_control(out, editor)
out.draw()

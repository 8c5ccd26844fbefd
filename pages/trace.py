"""Trace a scenario: paste any scenario JSON (the command line's format) and see every number."""

import streamlit as st

from rnnviz import Scenario, ScenarioError, tables, tutorial_scenario
from rnnviz.jsonio import dumps
from rnnviz.ui import cached_figure, cached_gradient_check, cached_trace, page_setup, setting, text_area

page_setup("pages/trace.py")
SCENARIO = setting("pages/trace.py", "scenario")
CHECK_BUDGET = 20_000  # T × parameters: above it the finite-difference check waits for a click


def reset():
    st.session_state[SCENARIO.key] = SCENARIO.default


st.title("Trace a scenario")
st.caption("The forward pass, backpropagation through time and clipping of any scenario, "
           "in the format of `python -m rnnviz example`. The link keeps what you type.")

left, right = st.columns([2, 3])
with left:
    messages = st.container()  # above the editor, where the eye is
    text = text_area(SCENARIO, "Scenario JSON", height=460)
    st.button("Reset to the tutorial's example", on_click=reset)
    try:
        scenario = Scenario.from_json(text)
        st.session_state["last_valid"] = scenario.to_json()
    except ScenarioError as exc:
        messages.error(f"**{exc.field}**: {exc.problem}", icon=":material/error:")
        scenario = Scenario.from_json(st.session_state.get("last_valid", tutorial_scenario().to_json()))
        messages.info("Showing the last valid scenario.")

tr = cached_trace(scenario.to_json())
with right:
    sizes = f"T = {scenario.T}, m = {scenario.m}, n = {scenario.n}, k = {scenario.k}"
    cell = f"f = {scenario.activation}" if scenario.cell == "rnn" else f"cell = {scenario.cell.upper()}"
    st.markdown(f"**{sizes}** · {cell} · g = {scenario.output} · loss = {scenario.loss} at {scenario.loss_at}")
    if tr.overflow:
        o = tr.overflow
        st.warning(f"Values left float64's range in the {o['phase']} pass at step {o['step']} "
                   f"({o['quantity']}); the tables say “overflow” from there on.")
    cols = st.columns(3)
    cols[0].metric("loss L", tables.vec(tr.loss))
    cols[1].metric("‖∇L‖ (all parameters)", tables.vec(tr.grad_norm))
    if tr.clip is not None:
        clipped = tables.vec(tr.clip.clipped_norm) if tr.clip.grads is not None else "not finite"
        cols[2].metric(f"after {tr.clip.mode} clipping (θ = {tr.clip.threshold:g})", clipped)
        if tr.clip.reason:
            st.warning(tr.clip.reason)
    tab_forward, tab_backward, tab_grads, tab_check = st.tabs(
        ["Forward", "Backward (BPTT)", "Gradients", "Gradient check"])
    with tab_forward:
        st.dataframe(tables.forward_rows(tr), hide_index=True, width="stretch")
    with tab_backward:
        st.dataframe(tables.backward_rows(tr), hide_index=True, width="stretch")
    with tab_grads:
        st.dataframe(tables.gradient_rows(tr), hide_index=True, width="stretch")
    with tab_check:
        cost = scenario.T * sum(w.size for w in scenario.weights.values())
        if cost <= CHECK_BUDGET or st.button("Run the finite-difference check"):
            check = cached_gradient_check(scenario.to_json())
            st.dataframe(tables.check_rows(check), hide_index=True, width="stretch")
            verdict = "passes" if check.passed else "FAILS"
            st.markdown(f"Central differences in float64: the check **{verdict}** "
                        f"(relative error ≤ {check.tol:g}, or below the rounding floor {check.noise_floor:.1e}).")
        else:
            st.caption(f"This scenario needs {2 * cost:,} forward passes for the check.")

st.plotly_chart(cached_figure(scenario.to_json(), "gradient_flow"), width="stretch")
st.download_button("Download the scenario (JSON)", scenario.to_json(indent=2), "scenario.json", "application/json")
st.download_button("Download the trace (JSON)", dumps(tr.to_dict(), indent=1), "trace.json", "application/json")

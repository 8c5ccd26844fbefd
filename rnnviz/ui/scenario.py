"""The scenario editor shared by the step-through pages: preset, sizes, choices and matrices.

One scenario for both pages: its fields are kept in Session State under SHARED and restored
when the other page opens (Streamlit forgets a page's widgets when another page runs).
"""

from __future__ import annotations

import functools
from typing import Callable

import streamlit as st

from .. import export
from ..i18n import N_, _
from ..presets import PRESETS, reconcile, resize
from ..scenario import Scenario
from ..scenario_form import MATRIX_FIELDS, changed_fields, form_from_scenario, scenario_from_form
from ..settings import STEP_KEY, STEP_SETTINGS
from ..tracing import Trace
from . import control, live, setting
from .classroom import MATRIX_HELP, SECTION, link_flag
from .share import export_panel

SHARED = "_step_form"          # the form, as last drawn
LAST_VALID = "_step_last_valid"  # canonical JSON of the last scenario that validated
KEYS = tuple(s.key for s in STEP_SETTINGS)
SETTING = {s.key: s for s in STEP_SETTINGS}
# the matrices' labels (the words marked for the catalogue, translated where shown)
LABELS = {
    "W_xh": "W_xh  (n×m)", "W_hh": "W_hh  (n×n)", "b_h": "b_h  (n)", "W_hy": "W_hy  (k×n)",
    "b_y": "b_y  (k)", "h0": "h_0  (n)", "x": N_("inputs x_1 … x_T  (T rows of m)"), "y": N_("targets y  (rows of k)"),
}
# a field as the note on what differs from the preset names it (symbols, the same in every language)
FIELD_NAMES = {"h0": "h_0", "loss_at": "loss at"}
SIZE_LABELS = {"n": N_("hidden n"), "m": N_("input m"), "k": N_("output k"), "T": N_("steps T")}
PRESET_HELP = N_("tutorial: the tutorial's two-step example, made consistent. saturated tanh: large weights "
                 "saturate tanh, so ∂L/∂h_t dies on the way back. identity linear: f = identity and W_hh = I, the "
                 "gradient passes back unchanged. exploding: f = identity and w_hh = 2, the gradient doubles at "
                 "every step back.")
LOSS_HELP = N_("mse: mean squared error. bce: binary cross-entropy (needs output sigmoid). ce: cross-entropy "
               "(needs output softmax).")
LOSS_AT_HELP = N_("last: the loss is taken at the last step only. every: a loss at every step, summed.")


def _last_valid() -> dict:
    text = st.session_state.get(LAST_VALID)
    return Scenario.from_json(text).to_dict() if text else PRESETS["tutorial"]


def _load(form: dict, skip=()) -> None:
    for key, value in form.items():
        if key not in skip:
            st.session_state[key] = value


def _on_preset() -> None:
    _load(form_from_scenario(PRESETS[st.session_state["preset"]]))


def _on_size() -> None:
    # resize the last valid scenario: the texts on screen may be half-typed
    n, m, k, T = (int(st.session_state[key]) for key in ("n", "m", "k", "T"))
    d = resize(_last_valid(), n, m, k, T)
    _load(form_from_scenario(d), skip=("n", "m", "k", "T"))


def _on_choice(changed: str) -> None:
    d = _last_valid()
    d.update(activation=st.session_state["f"], output=st.session_state["g"],
             loss=st.session_state["loss"], loss_at=st.session_state["loss_at"])
    _load(form_from_scenario(reconcile(d, changed)))


_STATUS = "_step_form_status"  # [(field, error)] for the status under the matrices
_VALID = "_step_form_valid"    # whether the form validated (else the last valid scenario is shown)


def _check(messages: dict) -> Scenario:
    """The form in Session State as a scenario: itself if it validates, else the last valid one.

    messages: {matrix field: an st.empty under it}, every one of them (the fields are always drawn
    together); a field's error goes there. Errors of other fields go to the status under the matrices."""
    form = {key: st.session_state[key] for key in KEYS if key != "preset"}
    scenario, errors = scenario_from_form(form)
    for field, where in messages.items():
        if field in errors:
            where.error(f"**{field}**: {errors[field]}", icon=":material/error:")
    st.session_state[_STATUS] = [(field, message) for field, message in errors.items() if field not in messages]
    if scenario is None:
        scenario = current()
    else:
        st.session_state[LAST_VALID] = scenario.to_json()
    st.session_state[SHARED] = {key: st.session_state[key] for key in KEYS}
    st.session_state[_VALID] = not errors
    return scenario


def _status() -> None:
    """Under the matrices: errors not shown under a field, and a note while the last valid scenario is
    shown; else which fields differ from the preset picked (which keeps its name after an edit)."""
    for field, message in st.session_state.get(_STATUS, ()):
        st.error(f"**{field}**: {message}", icon=":material/error:")
    if not st.session_state.get(_VALID, True):
        st.info(_("Showing the last valid scenario."))
    elif st.session_state.get("preset") in PRESETS:
        preset = st.session_state["preset"]
        changed = [FIELD_NAMES.get(field, field) for field in changed_fields(current(), PRESETS[preset])]
        if changed:
            st.caption(_("Changed from the preset “{preset}”: {fields}.").format(preset=preset,
                                                                                 fields=", ".join(changed)))


def current() -> Scenario:
    """The scenario the step pages show: the form's, or the last valid one while the form has an error."""
    text = st.session_state.get(LAST_VALID)
    return Scenario.from_json(text) if text else Scenario.from_dict(PRESETS["tutorial"])


def _matrix_fields(messages: dict) -> None:
    """Every matrix field, each with a place for its error under it (messages); in a rerun of these
    fields alone, the form is checked here (a full run checks it once, at the end)."""
    for field in MATRIX_FIELDS:
        control(SETTING[field], _(LABELS[field]))
        messages[field] = st.empty()
    if live.fragment_rerun():
        _check(messages)


def scenario_editor(out: live.Live | None, where=st.sidebar) -> Scenario:
    """Draw the editor in the sidebar; return the scenario to show (the last valid one while the
    form has an error, which is then shown under its field).

    The matrix fields are one live control of `out`: typing a weight reruns the matrix fields and
    out's slots alone, and out's draw functions then read the scenario from current(). The preset,
    sizes and choices rewrite other fields, so they rerun the page. Every slot of `out` must exist
    before this is called (the fields' fragment keeps its place in them). out None: no live fields,
    every edit reruns the page. step_page wires this up for a page."""
    if SHARED in st.session_state:  # coming from the other step page: the same scenario
        for key, value in st.session_state[SHARED].items():
            st.session_state.setdefault(key, value)
    elif st.query_params.get("preset") in PRESETS:  # a link naming a preset: its numbers, unless
        _load(form_from_scenario(PRESETS[st.query_params["preset"]]))  # the link gives its own
    messages = {}
    with where:
        st.subheader(_("Scenario"))
        control(SETTING["preset"], _("Start from a preset"), on_change=_on_preset, help=_(PRESET_HELP))
        cols = st.columns(4, vertical_alignment="bottom")  # a label on two lines keeps its box in the row
        for col, key in zip(cols, ("n", "m", "k", "T")):
            with col:
                control(SETTING[key], _(SIZE_LABELS[key]), on_change=_on_size)
        cols = st.columns(2, vertical_alignment="bottom")
        with cols[0]:
            control(SETTING["f"], _("activation f"), on_change=_on_choice, args=("activation",))
            control(SETTING["loss"], _("loss"), on_change=_on_choice, args=("loss",), help=_(LOSS_HELP))
        with cols[1]:
            control(SETTING["g"], _("output g"), on_change=_on_choice, args=("output",))
            control(SETTING["loss_at"], _("loss at"), on_change=_on_choice, args=("loss_at",), help=_(LOSS_AT_HELP))
        with st.container(key=MATRIX_HELP):  # a student view that shows no matrix field hides it (classroom_style)
            st.caption(_("Matrices: rows separated by ';', numbers by spaces."))
        if out is None:
            _matrix_fields(messages)
            scenario = _check(messages)
            _status()
            return scenario
        fields = st.container()
        out.slot(_status)  # under the matrices; made before their fragment, which keeps a place in it
        with fields:  # one fragment for the eight: each fragment costs a full run ~2 ms of deep copies
            live.live_control(out, functools.partial(_matrix_fields, messages))
    return _check(messages)


def step_page(results: Callable[[], None], name: str, traced: Callable[[str], Trace]) -> Scenario:
    """A step page's scenario and results: the editor in the sidebar with the Export panel under it,
    and results() (drawn from current()) at this point of the page. A typed weight redraws the
    results, the Export panel and the form's status alone. Returns the scenario of this full run.

    name: the page's name in the export's file names; traced(scenario JSON): its cached trace.
    Predict, then reveal keeps full reruns: its button moves the step control, which only a full run
    redraws."""
    out = live.Live()
    out.slot(results)
    editor = st.sidebar.container(key=SECTION + "scenario")  # one sidebar section (classroom_style)
    out.slot(lambda: _export_box(name, traced), where=st.sidebar)  # under the editor
    scenario = scenario_editor(None if predicting() else out, where=editor)
    out.draw()
    return scenario


def _export_box(name: str, traced: Callable[[str], Trace]) -> None:
    scenario = current()
    export_panel(name, lambda: export.scenario_python(scenario), trace=traced(scenario.to_json()), in_sidebar=False)


# --- the step the unrolled graph opens at, and predict-then-reveal -----------------------------

def predicting() -> bool:
    """The classroom link asks for predict, then reveal (`predict=true`)."""
    return link_flag("predict")


def step_control(path: str, T: int) -> None:
    """The step the unrolled graph opens at, 0 to the last frame for T (kept in the link): drawn
    after the scenario editor, which knows T (also when the link sets it)."""
    s = setting(path, STEP_KEY[path])
    last = last_frame(path, T)
    st.session_state[s.key] = opened_step(path, last)
    st.session_state[_seen(s)] = last
    control(s, _("Open the graph at step") if path.endswith("forward.py") else _("Open the graph at backward step"),
            max_value=last, value=last,  # the last frame is the default: the link leaves it out
            help=_("Where the graph starts when this page, or its link, opens; at the last step it stays at the last "
                   "when T changes. The timeline under the graph then steps without waiting for the server. With "
                   "“predict, then reveal” (Classroom view), the steps up to this one are shown and the next stays "
                   "hidden."))


def last_frame(path: str, T: int) -> int:
    """The unrolled graph's last frame: forward t = 0..T; backward ∂L/∂ŷ, then ∂L/∂h_T .. ∂L/∂h_0."""
    return T if path.endswith("forward.py") else T + 1


def _seen(s) -> str:
    return f"_{s.key}_last"  # the last frame when the step control was last drawn


def opened_step(path: str, last: int) -> int:
    """The frame the graph opens at (0..last): the step control's value, or the last frame when the
    value is past it (a link's 7 means the last, whatever T) or was the last frame before T changed."""
    s = setting(path, STEP_KEY[path])
    if s.key in st.session_state:
        value = int(st.session_state[s.key])
    else:  # the first run: the control, drawn last, has not read the link yet (page_setup checked it)
        value = int(s.parse(st.query_params[s.key])) if s.key in st.query_params else int(s.default)
    return last if value > last or value == st.session_state.get(_seen(s)) else value


def _reveal(key: str, step: int) -> None:
    st.session_state[key] = step


def reveal_panel(path: str, step: int, last: int, question: str, next_name: str) -> None:
    """Predict, then reveal: the next equation with its numbers and the result as a question, and a
    button that reveals it (the step moves on, and the link with it)."""
    key = STEP_KEY[path]
    with st.container(border=True):
        if step < last:
            st.markdown("**" + _("Predict {name}, then reveal it.").format(name=next_name) + "**")
            st.latex(question)
            st.button(_("Reveal {name}").format(name=next_name), icon=":material/visibility:", type="primary",
                      on_click=_reveal, args=(key, step + 1))
        else:
            st.markdown(_("Every step is revealed."))
            st.button(_("Start again"), icon=":material/restart_alt:", on_click=_reveal, args=(key, 0))


def import_into_editor(scenario: Scenario) -> str | None:
    """Load an imported scenario into the editor (None), or say why the step pages cannot show it."""
    sizes = {"n": scenario.n, "m": scenario.m, "k": scenario.k, "T": scenario.T}
    if scenario.cell != "rnn":
        return _("the step-through pages show the vanilla cell; open an {cell} scenario on “Trace a scenario”.").format(
            cell=scenario.cell.upper())
    too_big = [f"{name} = {value} > {SETTING[name].max:g}" for name, value in sizes.items() if value > SETTING[name].max]
    if too_big:
        return _("too large for the step-through pages ({sizes}); “Trace a scenario” takes it.").format(
            sizes=", ".join(too_big))
    _load(form_from_scenario(scenario.to_dict()))
    st.session_state[LAST_VALID] = scenario.to_json()
    return None

"""The one place, besides the pages, that touches Streamlit: page setup, widgets built from the
settings table, and cached engine calls. Its modules: this one (every page), language (which
language a run speaks), classroom (the classroom view and presets), share (export and import),
scenario (the step pages' shared editor), live (controls that rerun alone with the results they
feed), flow (the vanishing/exploding lab, LSTM & GRU), training (training, cliff).

Caching sits at the engine boundary: the key is the scenario's canonical JSON (a str, cheap
to hash), the value the Trace. max_entries bounds memory on a shared classroom server.
"""

from __future__ import annotations

import gc

import pandas  # imported here, once, with the app: sessions starting together on a fresh server
# could otherwise see it half-imported (AttributeError)
import streamlit as st
from streamlit.errors import StreamlitAPIException

from .. import charts, charts_echarts, charts_unrolled, i18n, steps, tables
from ..gradcheck import GradCheck, gradient_check
from ..scenario import Scenario
from ..i18n import N_, _
from ..settings import LINK_SETTINGS, PAGE_SETTINGS, Setting
from ..settings import check_link as settings_check_link
from ..tracing import Trace, trace
from .classroom import _remember_label, classroom_panel, classroom_style, link_flag, preset_picker
from .language import choose_language, fragment, language_switch  # noqa: F401  (fragment: for the pages)

# Streamlit collects garbage after every script run (runner.postScriptGC), and a full collection
# walks every object the imports above made: ~120 ms per rerun here. Those live as long as the
# server, so freeze them out of the collector's reach: measured, the collection then costs ~0 ms.
gc.freeze()

# Every page, in the order of the navigation. Streamlit discovers pages/ by itself (a deep link
# to any page works on a fresh server); this table only gives the sidebar its titles and icons.
PAGES = (
    ("app.py", N_("Home"), ":material/home:"),
    ("pages/forward.py", N_("Forward, step by step"), ":material/arrow_forward:"),
    ("pages/backward.py", N_("Backward (BPTT), step by step"), ":material/arrow_back:"),
    ("pages/vanishing.py", N_("Vanishing & exploding gradients"), ":material/show_chart:"),
    ("pages/training.py", N_("Training and optimizers"), ":material/model_training:"),
    ("pages/cliff.py", N_("The exploding-gradient cliff"), ":material/landslide:"),
    ("pages/gates.py", N_("LSTM & GRU"), ":material/memory:"),
    ("pages/trace.py", N_("Trace a scenario"), ":material/calculate:"),
)


def page_title(path: str) -> str:
    """The page's title in the navigation, in the language in use."""
    return _(next(label for file, label, _icon in PAGES if file == path))


def page_setup(path: str) -> None:
    """Browser-tab title, wide layout, the sidebar navigation and the link check, the same on every page.

    path: the page's file as in PAGES ("app.py", "pages/trace.py")."""
    language = choose_language()
    # no page_icon: a material-icon favicon is fetched from a CDN, which a closed network refuses
    st.set_page_config(page_title=f"{page_title(path)} · rnnviz", layout="wide")
    with st.sidebar:
        language_switch(language)
        for file, label, icon in PAGES:
            st.page_link(file, label=_(label), icon=icon)
    check_link(PAGE_SETTINGS.get(path, ()) + LINK_SETTINGS)
    with st.sidebar:
        classroom_panel(path)
        preset_picker(path)
    classroom_style(path)


def check_link(settings: tuple) -> None:
    """Drop the link parameters that do not fit this page's settings, before any widget reads them,
    and say what was ignored. Runs on every rerun; only a link can bring a bad value."""
    params = {name: st.query_params.get_all(name) for name in st.query_params}
    params = {name: values[0] if len(values) == 1 else values for name, values in params.items()}
    good, notices = settings_check_link(params, settings)
    defaults = {s.key: s.default for s in settings}
    dropped = [name for name in params if name not in good]
    for name in dropped:
        try:
            del st.query_params[name]
        except StreamlitAPIException:  # bound to a widget already drawn in this session:
            st.session_state[name] = defaults[name]  # reset it, which rewrites the link too
    if "show" in good and good["show"] != params["show"]:  # cut down to this page's controls
        st.query_params["show"] = good["show"]
    if dropped:
        _forget_dropped_link_values()
    if notices:
        st.warning(_("Part of this link was ignored:") + "\n" + "\n".join(f"- {n}" for n in notices), icon=":material/link:")


def _forget_dropped_link_values() -> None:
    """Make widgets bound to the link see it without the dropped parameters.

    Streamlit 1.67 seeds a bound widget from the query string as it was when the run began,
    not from st.query_params, so deleting a parameter alone does not keep its value out (and
    some values crash the widget: a number input given "inf" raises OverflowError). This uses
    the call Streamlit itself makes after a page change; tests/test_fuzz_pages.py fails if a
    Streamlit upgrade takes it away."""
    from streamlit.runtime.state.session_state_proxy import get_session_state

    with get_session_state().query_params() as qp:
        qp.set_initial_query_params_from_current()


def setting(path: str, key: str) -> Setting:
    """The entry of PAGE_SETTINGS[path] whose key is `key`."""
    return next(s for s in PAGE_SETTINGS[path] if s.key == key)


def _initial(s: Setting, kwargs: dict) -> dict:
    """The widget's default from its setting, unless Session State already holds its value
    (giving both makes Streamlit warn on the page)."""
    return kwargs if s.key in st.session_state else {**kwargs, "value": s.default}


def slider(s: Setting, label: str, **kwargs):
    """A slider built from its setting: bounds, step, default, key, and kept in the link."""
    _remember_label(s, label)
    return st.slider(label, min_value=s.min, max_value=s.max, step=s.step, key=s.key,
                     bind="query-params", **_initial(s, kwargs))


def text_area(s: Setting, label: str, **kwargs):
    """A text area built from its setting, kept in the link."""
    _remember_label(s, label)
    return st.text_area(label, key=s.key, bind="query-params", **_initial(s, kwargs))


def control(s: Setting, label: str, **kwargs):
    """The widget a setting calls for: number input (int), slider (float), select box (choice),
    text input (text); built from the setting and kept in the link."""
    _remember_label(s, label)
    if s.kind == "int":  # max_value: a tighter bound than the setting's, for this run
        top = kwargs.pop("max_value", int(s.max))
        return st.number_input(label, min_value=int(s.min), max_value=top, step=1, key=s.key,
                               bind="query-params", **_initial(s, kwargs))
    if s.kind == "float":
        return slider(s, label, **kwargs)
    if s.kind == "choice":
        if s.key not in st.session_state:
            kwargs = {**kwargs, "index": s.options.index(s.default)}
        return st.selectbox(label, s.options, key=s.key, bind="query-params", **kwargs)
    if s.kind == "text":
        limit = int(s.max) if s.max is not None else None
        return st.text_input(label, key=s.key, bind="query-params", max_chars=limit, **_initial(s, kwargs))
    raise ValueError(f"no widget for a {s.kind} setting")


def values(settings: tuple) -> dict:
    """Every setting's current value, by key: its widget's, or its default before the widget is drawn."""
    return {s.key: st.session_state.get(s.key, s.default) for s in settings}


def control_row(*specs) -> None:
    """Controls side by side in columns: each spec (Setting, label) or (Setting, label, {widget kwargs})."""
    for col, spec in zip(st.columns(len(specs), vertical_alignment="bottom"), specs):  # labels of one or two lines
        with col:
            control(spec[0], spec[1], **(spec[2] if len(spec) > 2 else {}))


@st.cache_data(max_entries=256, show_spinner=False)
def cached_trace(scenario_json: str, contributions: bool = False) -> Trace:
    """trace() of the scenario whose canonical JSON (Scenario.to_json) is given."""
    return trace(Scenario.from_json(scenario_json), contributions=contributions)


@st.cache_data(max_entries=128, show_spinner=False)
def cached_contributions(scenario_json: str) -> Trace:
    """trace(contributions=True): every per-step gradient term, for step-through sizes."""
    return trace(Scenario.from_json(scenario_json), contributions=True)


def _unrolled(graph_and_frames, start: int, upto: int | None, big: bool, **kwargs):
    graph, frames = graph_and_frames
    return charts_unrolled.unrolled_option(graph, frames if upto is None else frames[:upto + 1], start=start,
                                           text_scale=charts_unrolled.BIG_TEXT if big else 1.0, **kwargs)


# Each figure a page draws, from the scenario's trace. start: the unrolled graph's first frame;
# upto: the last frame it may show (predict, then reveal: no peeking ahead, and no gradient widths);
# big: the classroom view's larger type.
FIGURES = {
    "forward": lambda tr, start, upto, big: _unrolled(steps.forward_frames(tr), start, upto, big),
    "backward": lambda tr, start, upto, big: _unrolled(steps.backward_frames(tr), start, upto, big,
                                                       edge_flow=None if upto is not None else steps.edge_gradients(tr),
                                                       gradients=True),
    "contributions": lambda tr, start, upto, big: charts.contributions_option(steps.contribution_rows(tr), tr.scenario.T),
    "states": lambda tr, start, upto, big: charts.states_and_gradients_option(tr.h, tr.dh),
    "gradient_flow": lambda tr, start, upto, big: charts.gradient_flow_figure(tables.dh_norms(tr), tr.contribution_norms),
}


# Charts carry text, so the language is part of every figure cache's key.
def cached_figure(scenario_json: str, kind: str, start: int = -1, upto: int | None = None):
    """The figure called `kind` in FIGURES for the scenario whose canonical JSON is given, in the
    language in use and the link's type size."""
    return _cached_figure(scenario_json, kind, i18n.current(), start, upto, link_flag("big"))


# Figures are cached as resources, shared and never copied (cache_data would unpickle one on every rerun)
@st.cache_resource(max_entries=256, show_spinner=False)
def _cached_figure(scenario_json: str, kind: str, language: str, start: int, upto: int | None, big: bool):
    tr = cached_contributions(scenario_json) if kind == "contributions" else cached_trace(scenario_json)
    return FIGURES[kind](tr, start, upto, big)


def chart(figure: dict, name: str, summary: str, table=None, key: str | None = None) -> None:
    """One chart as everyone can read it: the figure (an ECharts option; its toolbar downloads it),
    a one-line text summary under it, and (table: a pandas DataFrame or rows, or a function giving
    them, called only while the expander is open) its numbers in an expander."""
    draw_chart(figure, key or f"{'timeline' if 'baseOption' in figure else 'echarts'}-{name}", summary)
    st.caption(summary)
    if table is not None:
        numbers = lazy_expander(_("The numbers in this chart"), f"_numbers_{name}", icon=":material/table:")
        if numbers.open:
            numbers.dataframe(table() if callable(table) else table, hide_index=True, width="stretch")


def draw_chart(figure: dict, key: str, summary: str, where=st) -> None:
    """An ECharts option drawn with a key of its own, so that ECharts updates the same chart in place
    from one run to the next; summary: its description for screen readers.

    The unrolled graph (a timeline) as SVG, as tall as its longest step's text needs: crisp at any
    zoom, and its shapes and text are in the page for the browser tests and the bench, which step it
    (they find it by its key, "timeline-…"). Every other chart on a canvas: ECharts then draws a
    redraw's hundreds of points and labels into it, where SVG made each a DOM element (the cliff
    page's two charts: 164 -> 112 ms a change in Chromium, bare page 47). A charts_echarts option
    carries its height; a classroom link's larger type (big=true) reaches its text here."""
    timeline = "baseOption" in figure
    if timeline:
        height = charts_unrolled.height(figure)  # its larger type is built in (cached_figure's key)
    else:
        height = figure.get("_height", "content")
        figure = {k: v for k, v in figure.items() if k != "_height"}
        if link_flag("big"):
            figure = charts_echarts.larger_text(figure)
    where.echarts_chart(figure, key=key, alt=summary, renderer="svg" if timeline else "canvas", height=height)


def metric_rows(items: list[tuple[str, str]]) -> None:
    """Metrics (label, value as text) side by side, in rows of as many as fit where the main area is
    narrowest (~560 px beside the sidebar, at 1024 px: a classroom projector): four values of up to 7
    characters, three up to 10, else two. Eight in one row cut "4096.0000" to "4…" there."""
    longest = max((len(value) for _label, value in items), default=0)
    per_row = 4 if longest <= 7 else 3 if longest <= 10 else 2
    for start in range(0, len(items), per_row):
        for col, (label, value) in zip(st.columns(per_row), items[start:start + per_row]):
            col.metric(label, value)


def table(rows: list[dict], where=st) -> None:
    """A static table of rows (dicts of column -> text), drawn where given (a container). Made a
    DataFrame first: st.table converts a list of dicts itself about three times slower (measured
    for the gradient check's table: 3.9 ms against 1.4 ms a rerun)."""
    where.table(pandas.DataFrame(rows), hide_index=True)


def lazy_expander(label: str, key: str, expanded: bool = False, icon: str | None = None, where=st):
    """An expander whose contents a page draws only while it is open (`if box.open:`): opening it
    reruns the page, and a closed one costs the browser nothing on every other rerun (a table or
    LaTeX inside a closed expander is otherwise sent and drawn each time)."""
    return where.expander(label, expanded=expanded, icon=icon, key=key, on_change="rerun")


@st.cache_data(max_entries=64, show_spinner=False)
def cached_gradient_check(scenario_json: str) -> GradCheck:
    """gradient_check() of the scenario whose canonical JSON is given."""
    return gradient_check(Scenario.from_json(scenario_json))

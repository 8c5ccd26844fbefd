"""The one small module, besides the pages, that touches Streamlit: page setup and cached engine calls.

Caching sits at the engine boundary: the key is the scenario's canonical JSON (a str, cheap
to hash), the value the Trace. max_entries bounds memory on a shared classroom server.
"""

from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitAPIException

from .gradcheck import GradCheck, gradient_check
from .scenario import Scenario
from .settings import PAGE_SETTINGS, Setting
from .settings import check_link as settings_check_link
from .tracing import Trace, trace

# Every page, in the order of the navigation. Streamlit discovers pages/ by itself (a deep link
# to any page works on a fresh server); this table only gives the sidebar its titles and icons.
PAGES = (
    ("app.py", "Home", ":material/home:"),
    ("pages/trace.py", "Trace a scenario", ":material/calculate:"),
)


def page_setup(path: str) -> None:
    """Browser-tab title, wide layout, the sidebar navigation and the link check, the same on every page.

    path: the page's file as in PAGES ("app.py", "pages/trace.py")."""
    title = next(label for file, label, _ in PAGES if file == path)
    # no page_icon: a material-icon favicon is fetched from a CDN, which a closed network refuses
    st.set_page_config(page_title=f"{title} · rnnviz", layout="wide")
    with st.sidebar:
        for file, label, icon in PAGES:
            st.page_link(file, label=label, icon=icon)
    check_link(PAGE_SETTINGS.get(path, ()))


def check_link(settings: tuple) -> None:
    """Drop the link parameters that do not fit this page's settings, before any widget reads them,
    and say what was ignored. Runs on every rerun; only a link can bring a bad value."""
    params = {name: st.query_params.get_all(name) for name in st.query_params}
    params = {name: values[0] if len(values) == 1 else values for name, values in params.items()}
    good, notices = settings_check_link(params, settings)
    defaults = {s.key: s.default for s in settings}
    for name in params:
        if name not in good:
            try:
                del st.query_params[name]
            except StreamlitAPIException:  # bound to a widget already drawn in this session:
                st.session_state[name] = defaults[name]  # reset it, which rewrites the link too
    if notices:
        st.warning("Part of this link was ignored:\n" + "\n".join(f"- {n}" for n in notices), icon="🔗")


def setting(path: str, key: str) -> Setting:
    """The entry of PAGE_SETTINGS[path] whose key is `key`."""
    return next(s for s in PAGE_SETTINGS[path] if s.key == key)


def slider(s: Setting, label: str, **kwargs):
    """A slider built from its setting: bounds, step, default, key, and kept in the link."""
    return st.slider(label, min_value=s.min, max_value=s.max, value=s.default, step=s.step, key=s.key,
                     bind="query-params", **kwargs)


def text_area(s: Setting, label: str, **kwargs):
    """A text area built from its setting, kept in the link."""
    return st.text_area(label, value=s.default, key=s.key, bind="query-params", **kwargs)


@st.cache_data(max_entries=256, show_spinner=False)
def cached_trace(scenario_json: str, contributions: bool = False) -> Trace:
    """trace() of the scenario whose canonical JSON (Scenario.to_json) is given."""
    return trace(Scenario.from_json(scenario_json), contributions=contributions)


@st.cache_data(max_entries=64, show_spinner=False)
def cached_gradient_check(scenario_json: str) -> GradCheck:
    """gradient_check() of the scenario whose canonical JSON is given."""
    return gradient_check(Scenario.from_json(scenario_json))

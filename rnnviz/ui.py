"""The one small module, besides the pages, that touches Streamlit: page setup and cached engine calls.

Caching sits at the engine boundary: the key is the scenario's canonical JSON (a str, cheap
to hash), the value the Trace. max_entries bounds memory on a shared classroom server.
"""

from __future__ import annotations

import streamlit as st

from .gradcheck import GradCheck, gradient_check
from .scenario import Scenario
from .tracing import Trace, trace

# Every page, in the order of the navigation. Streamlit discovers pages/ by itself (a deep link
# to any page works on a fresh server); this table only gives the sidebar its titles and icons.
PAGES = (
    ("app.py", "Home", ":material/home:"),
    ("pages/trace.py", "Trace a scenario", ":material/calculate:"),
)


def page_setup(title: str) -> None:
    """Browser-tab title, wide layout and the sidebar navigation, the same on every page."""
    st.set_page_config(page_title=f"{title} · rnnviz", layout="wide")  # no page_icon: a material icon favicon is fetched from a CDN
    with st.sidebar:
        for path, label, icon in PAGES:
            st.page_link(path, label=label, icon=icon)


@st.cache_data(max_entries=256, show_spinner=False)
def cached_trace(scenario_json: str, contributions: bool = False) -> Trace:
    """trace() of the scenario whose canonical JSON (Scenario.to_json) is given."""
    return trace(Scenario.from_json(scenario_json), contributions=contributions)


@st.cache_data(max_entries=64, show_spinner=False)
def cached_gradient_check(scenario_json: str) -> GradCheck:
    """gradient_check() of the scenario whose canonical JSON is given."""
    return gradient_check(Scenario.from_json(scenario_json))

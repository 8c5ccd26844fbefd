"""Opening pages in Streamlit's AppTest, and reading what they show."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
WIDGET_KINDS = ("slider", "select_slider", "number_input", "selectbox", "radio", "checkbox", "toggle",
                "text_area", "text_input", "multiselect")


def open_page(path: str, panels: bool = True, **query) -> AppTest:
    """The page at path, as a deep link with this query string opens it; panels: with every lazy
    panel open (rnnviz.ui.lazy_expander, the classroom popover), as if a person had opened them,
    so that their contents can be read."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if path != "app.py":
        at.run().switch_page(path)  # AppTest reaches other pages from the main script
        at.query_params.clear()
    at.query_params.update(query)
    at.run()
    return open_panels(at) if panels else at


def lazy_panels(at: AppTest) -> list[str]:
    """The keys of the page's expanders and popovers that draw their contents only while open."""
    keys = [e.key for e in at.expander if e.key]
    keys += [p.proto.id.rsplit("-", 1)[-1] for p in at.get("popover") if "-_" in p.proto.id]
    return keys


def open_panels(at: AppTest) -> AppTest:
    """Open every lazy panel (and any that opening reveals), rerunning as a person's clicks would."""
    for _round in range(3):
        closed = [key for key in lazy_panels(at) if not at.session_state[key]]
        if not closed:
            break
        for key in closed:
            at.session_state[key] = True
        at.run()
    return at


def metrics(at: AppTest) -> dict:
    return {m.label: m.value for m in at.metric}


def widgets(at: AppTest) -> list:
    """Every input widget on the page, in a stable order."""
    found = []
    for kind in WIDGET_KINDS:
        found.extend(getattr(at, kind))
    return found


def shown_text(at: AppTest, alerts: bool = True) -> str:
    """Everything the page writes as text: markdown, LaTeX, metrics, tables, and (alerts=True) alerts."""
    parts = [e.value for e in at.markdown] + [e.body for e in at.latex]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    if alerts:
        parts += [e.value for kind in ("error", "warning", "info", "success", "caption") for e in getattr(at, kind)]
    for frame in list(at.dataframe) + list(at.table):
        parts.append(frame.value.to_string())
    return "\n".join(str(p) for p in parts)


NAN_TOKEN = re.compile(r"(?<![A-Za-z])nan(?![A-Za-z])", re.IGNORECASE)


def printed_nans(at: AppTest) -> list[str]:
    """Lines of the page that print NaN where a number should be (alerts may quote a bad link's 'nan')."""
    return [line for line in shown_text(at, alerts=False).splitlines() if NAN_TOKEN.search(line)]

"""Handing out what a page shows: downloads (JSON, CSV), a "copy as Python" cell, and importing a
scenario file. The contents come from rnnviz.export; this module only draws them."""

from __future__ import annotations

from typing import Callable

import streamlit as st

from ..export import MAX_IMPORT_BYTES, import_scenario, trace_csv, trace_json
from ..i18n import _
from ..scenario import Scenario, ScenarioError
from ..tracing import Trace
from . import lazy_expander


def export_panel(name: str, python: Callable[[], str], trace: Trace | None = None, in_sidebar: bool = True) -> None:
    """An "Export" expander (in the sidebar, or where the page is drawing), drawn only while open:
    the trace as JSON and CSV (made only when clicked, with no rerun), and the Python cell that
    reproduces the page's numbers (python() makes it; its copy button copies it)."""
    panel = lazy_expander(_("Export"), f"_export_{name}", icon=":material/download:", where=st.sidebar if in_sidebar else st)
    if not panel.open:
        return
    with panel:
        if trace is not None:
            cols = st.columns(2)
            cols[0].download_button("JSON", lambda: trace_json(trace), file_name=f"rnnviz-{name}.json",
                                    mime="application/json", on_click="ignore", icon=":material/data_object:",
                                    width="stretch", help=_("The scenario and every number of its trace, as "
                                                            "`python -m rnnviz trace` prints them."))
            cols[1].download_button("CSV", lambda: trace_csv(trace), file_name=f"rnnviz-{name}.csv", mime="text/csv",
                                    on_click="ignore", icon=":material/table:", width="stretch",
                                    help=_("One row per time step: inputs, hidden states, outputs, ∂L/∂h_t."))
        st.caption(_("Copy as Python: the same numbers in a notebook started in this repository's folder (rnnviz needs only NumPy)."))
        st.code(python(), language="python")
        st.caption(_("Every chart downloads from the toolbar at its top right: the unrolled graph as SVG, every other chart as PNG."))


def scenario_import(key: str, on_import: Callable[[Scenario], str | None]) -> None:
    """An uploader for a scenario JSON (or a page's JSON export), in the sidebar. A valid file is
    handed to on_import (in the uploader's callback, before the page's widgets are drawn, so it may
    set them), which may refuse it with a message; errors name the field."""
    message = f"{key}_message"

    def on_upload() -> None:
        upload = st.session_state.get(key)
        if upload is None:
            st.session_state.pop(message, None)
            return
        try:
            scenario = import_scenario(upload.getvalue())
        except ScenarioError as exc:
            st.session_state[message] = ("error", f"{upload.name}: {exc}")
            return
        refusal = on_import(scenario)
        st.session_state[message] = ("error", f"{upload.name}: {refusal}") if refusal else \
            ("success", _("Imported {name}.").format(name=upload.name))

    panel = lazy_expander(_("Import a scenario"), f"_{key}_panel", icon=":material/upload:", where=st.sidebar)
    if not panel.open:
        return
    with panel:
        st.file_uploader(_("Scenario JSON (at most {size} kB)").format(size=MAX_IMPORT_BYTES // 1000),
                         type=["json"], key=key, on_change=on_upload)
        kind, text = st.session_state.get(message, (None, None))
        if kind == "error":
            st.error(text, icon=":material/error:")
        elif kind == "success":
            st.success(text, icon=":material/check:")

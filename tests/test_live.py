"""rnnviz/ui/live.py leans on one thing Streamlit does not document: how a run tells a fragment's own
rerun from a full run. This fails first if an upgrade takes it away."""

from __future__ import annotations

import dataclasses

from streamlit.runtime.scriptrunner_utils.script_run_context import ScriptRunContext

from rnnviz.ui.live import fragment_rerun


def test_a_run_context_still_names_the_fragments_it_reruns():
    fields = {f.name: f for f in dataclasses.fields(ScriptRunContext)}
    assert "fragment_ids_this_run" in fields


def test_outside_a_run_nothing_is_a_fragment_rerun():
    assert fragment_rerun() is False

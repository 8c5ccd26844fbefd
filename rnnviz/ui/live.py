"""Outputs that a control redraws on its own: the control reruns alone (a fragment) with the outputs
it feeds, and the rest of the page (navigation, language switch, the other controls) is not sent again.

Why: in the browser every element a rerun sends costs about 1 ms to draw, even unchanged (measured,
tests/bench/bench_latency.py); a weight typed on a step page re-sent the 48 elements of the navigation
and the scenario editor before its chart and formulas.

How: Streamlit (1.67) lets a fragment write into a container made outside it, provided the fragment
writes there in every full run (it then keeps a place there for the fragment). So each slot is an
st.empty made by the page; in a full run the page draws the outputs once, after every control's
fragment has reserved its place; in a control's own rerun, its fragment draws them.

    out = Live()
    out.slot(show_results)               # where the outputs go, and what draws them
    live_control(out, draw_one_widget)   # after every slot is made
    out.draw()                           # once, at the end of the full run
"""

from __future__ import annotations

from typing import Callable

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.runtime.scriptrunner import get_script_run_ctx

from .language import fragment


def fragment_rerun() -> bool:
    """True while a fragment reruns on its own (not within a full run of the page).

    Streamlit has no public call for this; ScriptRunContext.fragment_ids_this_run is what it uses
    itself. tests/test_live.py fails if an upgrade takes it away."""
    ctx = get_script_run_ctx()
    return bool(ctx is not None and ctx.fragment_ids_this_run)


class Live:
    """Slots on the page, each with the function that fills it from Session State."""

    def __init__(self) -> None:
        self._slots: list = []  # [(st.empty, draw)]

    def slot(self, draw: Callable[[], None], where=st) -> None:
        """A slot at this point of `where` (the main area, st.sidebar, a container), which draw()
        fills (it draws as on the page: st.<element>; several elements are fine)."""
        self._slots.append((where.empty(), draw))

    def draw(self) -> None:
        """Fill every slot: once at the end of a full run, and in a live control's own rerun."""
        for placeholder, draw in self._slots:
            with placeholder.container():
                draw()

    def reserve(self) -> None:
        """A live control's fragment, in a full run: keep its place in every slot (draw() fills them).

        With a block, not an element: Streamlit's message queue folds an element into an earlier
        element queued for the same place, even when a block was put there in between; the page's
        first element would then arrive before the page's container that holds it, and the browser
        stops drawing ("Bad delta path index"), on about half the page loads."""
        for placeholder, _draw in self._slots:
            placeholder.container()


def sidebar_controls(export_box: Callable[[], None]) -> tuple[Live, DeltaGenerator]:
    """For a page whose controls are one live control in the sidebar with its Export panel under them:
    the Live (the page adds its slots to it) and the sidebar container the controls go in (draw them
    there with live_control, after every slot is made). export_box draws the panel (a slot)."""
    out = Live()
    controls = st.sidebar.container()
    out.slot(export_box, where=st.sidebar)  # under the controls
    return out, controls


@fragment
def live_control(out: Live, draw_control: Callable[[], None]) -> None:
    """draw_control() draws one control (and anything that goes with it, such as its error); changing
    it reruns only that and out's slots. Its callbacks must not change other widgets: those changes
    would not show until the next full run (give such controls no fragment)."""
    draw_control()
    if fragment_rerun():
        out.draw()
    else:
        out.reserve()

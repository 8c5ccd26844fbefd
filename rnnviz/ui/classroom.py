"""The classroom view and the presets: what a teacher sets up and hands out as a link.

A teacher hands out a link with `show` (the controls students see), `big` (larger type) and, on
the step pages, `predict` (the next number stays hidden until a click). Hidden controls are still
drawn, so that their values keep coming from the link; CSS takes them off the screen. Presets
(rnnviz.settings.PAGE_PRESETS) set a page's whole state at once.
"""

from __future__ import annotations

from contextlib import contextmanager

import streamlit as st

from .. import i18n
from ..i18n import _
from ..scenario_form import MATRIX_FIELDS
from ..settings import PAGE_PRESETS, PAGE_SETTINGS, STEP_KEY, Setting, preset_values

# --- presets --------------------------------------------------------------------------------

PRESET_PICKER = "_page_preset"


def _on_page_preset(path: str) -> None:
    name = st.session_state.get(PRESET_PICKER)
    if name in PAGE_PRESETS.get(path, {}):
        for key, value in preset_values(path, name).items():
            st.session_state[key] = value  # bound widgets write it into the link
    st.session_state[PRESET_PICKER] = None  # a preset is a starting point, not a state to keep


def preset_picker(path: str) -> None:
    """The page's named presets (rnnviz.settings.PAGE_PRESETS), if it has any: choosing one sets
    every setting of the page."""
    presets = PAGE_PRESETS.get(path)
    if presets:
        st.selectbox(_("Start from a preset"), tuple(presets), index=None, format_func=_, key=PRESET_PICKER,
                     placeholder=_("Choose a preset…"), on_change=_on_page_preset, args=(path,))


# --- classroom view ---------------------------------------------------------------------------

_LABELS: dict = {}  # (setting key, language) -> the label its widget was last drawn with (every session)


def _remember_label(s: Setting, label: str) -> None:
    _LABELS[(s.key, i18n.current())] = label


def shown_controls() -> list[str]:
    """The setting keys the link's `show` names (empty: every control is shown)."""
    return [key.strip() for key in str(st.query_params.get("show", "")).split(",") if key.strip()]


SECTION = "_section_"  # the key prefix of a sidebar section's block
MATRIX_HELP = "_matrix_help"  # the step pages' block saying how to type a matrix: hidden with every matrix field


@contextmanager
def sidebar_section(name: str, title: str):
    """A heading and the controls drawn under it (in the with-block), as one block keyed by name.
    A classroom link that shows none of these controls hides the block, heading and all
    (classroom_style): a student would otherwise see a heading with nothing under it."""
    with st.container(key=SECTION + name):
        st.subheader(title)
        yield


# A typeset block lays itself out alone: a change elsewhere on the page (a live control's results) then
# does not lay out KaTeX's thousands of boxes again. Measured in Chromium, ms a change (30 rounds, two
# servers each): LSTM & GRU, whose equation blocks stay while the controls move, 106-108 -> 97-98; home,
# beside its typeset derivation, 82 -> 72 in one run and no change in another (an empty style block: 84).
# Layout, not paint, containment: a wide equation still overflows as before, nothing is clipped.
EQUATIONS_CONTAINED = ".katex-display { contain: layout style; }"
# Badges (the vanishing page's verdict) and the main area's page links wrap onto more lines where the
# page is narrow: Streamlit keeps them on one line and cuts them with "…", which on a phone took half
# of a verdict and of the backward page's link to the vanishing page away.
def links_wrap(area: str) -> str:
    """The rule that lets the page links in `area` ("stMain", "stSidebar") wrap onto more lines
    rather than end in "…" (Streamlit keeps a link's text on one line and cuts it)."""
    text = f'[data-testid="{area}"] [data-testid="stPageLink-NavLink"] > span:last-child'
    return f"{text}, {text} p {{ white-space: normal; overflow: visible; text-overflow: clip; }}"


WRAP_NOT_CUT = '[data-testid="stMarkdownContainer"] span.stMarkdownBadge { white-space: normal; } ' + links_wrap("stMain")


def classroom_style(path: str) -> None:
    """The page's one style block: typeset equations laid out on their own, badges and links that wrap
    (always), and, from a classroom link, the controls it does not show hidden and the type enlarged."""
    show = shown_controls()
    rules = [EQUATIONS_CONTAINED, WRAP_NOT_CUT]
    if show:
        hidden = [s.key for s in PAGE_SETTINGS.get(path, ()) if s.key not in show]
        if "preset" not in show:
            hidden.append(PRESET_PICKER)
        # students see the controls named, and no Import panel (share.scenario_import's keys end in
        # "_import_panel"): loading another scenario would take them off the teacher's
        selectors = [f".st-key-{key}" for key in hidden] + ['[class*="_import_panel"]']
        if not any(field in show for field in MATRIX_FIELDS):  # no matrix to type: no word on how to
            selectors.append(f".st-key-{MATRIX_HELP}")
        # a sidebar row of controls (st.columns) none of which is shown would leave an empty gap
        shown_keys = ", ".join(f".st-key-{key}" for key in show)
        selectors.append(f'[data-testid="stSidebar"] [data-testid="stLayoutWrapper"]:has(> [data-testid="stHorizontalBlock"])'
                         f':not(:has({shown_keys}))')
        # and so does a sidebar section (sidebar_section) none of whose controls is shown
        selectors.append(f'[data-testid="stSidebar"] [class*="st-key-{SECTION}"]:not(:has({shown_keys}))')
        # a live control's fragment (rnnviz/ui/live.py) is a block of its own, its controls and their
        # messages: with none of its controls shown, the empty block would still take a gap
        selectors += [f'[data-testid="stSidebar"] [data-testid="stLayoutWrapper"]:has(> [data-testid="stVerticalBlock"]'
                      f' > .st-key-{key}:first-child):not(:has({shown_keys}))' for key in hidden]
        rules.append(", ".join(selectors) + " { display: none !important; }")
    if link_flag("big"):
        # equations grow less than the text (KaTeX's 1.21em of 21 px cut the widest off at 1280 pixels)
        # and scroll rather than run off the page; the charts' text grows in rnnviz.ui.draw_chart
        rules.append("html { font-size: 21px; }"
                     " .katex-display > .katex { font-size: 1em; } .katex-display { overflow-x: auto; }")
        # the sidebar's page links, in larger type, wrap onto a second line too
        rules.append(links_wrap("stSidebar"))
    st.html("<style>" + "\n".join(rules) + "</style>")


def link_flag(param: str) -> bool:
    """A true/false parameter of the classroom link (`big`, `predict`)."""
    return st.query_params.get(param) == "true"


def _set_link(param: str, text: str) -> None:
    """Write a classroom parameter into the link, or take it out when empty."""
    if text:
        st.query_params[param] = text
    elif param in st.query_params:
        del st.query_params[param]


def _on_flag(param: str, key: str) -> None:
    _set_link(param, "true" if st.session_state.get(key) else "")


def _on_show(keys: list) -> None:
    _set_link("show", ",".join(key for key in keys if st.session_state.get(f"_show_{key}")))


def classroom_panel(path: str) -> None:
    """A popover for the teacher: which controls students see, larger type, predict-then-reveal,
    and the link that carries it. (Checkboxes, not a multiselect: their labels, the controls' own,
    are learnt as the page draws them, and a checkbox's value does not depend on its label.)"""
    keys = [s.key for s in PAGE_SETTINGS.get(path, ())]
    if path in PAGE_PRESETS:
        keys.insert(0, "preset")
    shown = shown_controls()
    panel = st.popover(_("Classroom view"), icon=":material/co_present:", width="stretch", key="_classroom",
                       on_change="rerun")
    if not panel.open:  # drawn only while open: most runs are not the teacher's
        return
    with panel:
        st.markdown("**" + _("Controls students see (none ticked: all of them)") + "**")
        for key in keys:
            st.session_state[f"_show_{key}"] = key in shown
            label = _("preset") if key == "preset" else _LABELS.get((key, i18n.current()), key)
            st.checkbox(label, key=f"_show_{key}", on_change=_on_show, args=(keys,))
        st.divider()
        st.session_state["_big"] = link_flag("big")
        st.toggle(_("Larger type, for a projector"), key="_big", on_change=_on_flag, args=("big", "_big"))
        if path in STEP_KEY:
            st.session_state["_predict"] = link_flag("predict")
            st.toggle(_("Predict, then reveal: the next number stays hidden until a click"), key="_predict",
                      on_change=_on_flag, args=("predict", "_predict"))
        st.caption(_("Everything on this page, this view included, is in the link: copy it for your students."))
        st.code(share_link(), language=None, wrap_lines=True)


def share_link() -> str:
    """This page's address with its whole state (st.query_params) as the query string."""
    from urllib.parse import urlencode

    base = (st.context.url or "").split("?")[0]
    query = urlencode([(k, v) for k in st.query_params for v in st.query_params.get_all(k)])
    return f"{base}?{query}" if query else base

"""The language of a run: from the link, else the browser; the switch; fragments that keep it."""

from __future__ import annotations

import functools

import streamlit as st

from .. import i18n
from ..i18n import LANGUAGES

LANGUAGE = "_language"  # Session State: the language of this session's last run


def choose_language() -> str:
    """The language of this run: the link's `lang`, else the browser's (st.context.locale), else
    English. It is always written back into the link, so that a shared link shows the same language."""
    language = st.query_params.get("lang")
    if language not in LANGUAGES:
        language = st.session_state.get(LANGUAGE) or i18n.language_from_locale(st.context.locale)
    if st.query_params.get("lang") != language:
        st.query_params["lang"] = language
    st.session_state[LANGUAGE] = language
    i18n.use(language)
    return language


def _on_language_switch() -> None:
    chosen = st.session_state.get("_language_switch")
    if chosen in LANGUAGES:  # None: the selected option was clicked again, keep the language
        st.query_params["lang"] = chosen


def language_switch(language: str) -> None:
    """English / 简体中文, at the top of the sidebar; the choice goes into the link."""
    st.session_state["_language_switch"] = language
    st.segmented_control("Language / 语言", options=tuple(LANGUAGES), format_func=LANGUAGES.get,
                         key="_language_switch", on_change=_on_language_switch, label_visibility="collapsed")


def fragment(body):
    """st.fragment that keeps the session's language: a fragment rerun skips page_setup."""
    @st.fragment
    @functools.wraps(body)
    def run(*args, **kwargs):
        i18n.use(st.session_state.get(LANGUAGE, "en"))
        return body(*args, **kwargs)

    return run

"""English and 简体中文, gettext-style: the English text is the key, rnnviz/zh/ holds its Chinese.

    from .i18n import _, N_
    st.title(_("Vanishing and exploding gradients"))
    _("h{t} at step {t}").format(t=3)     # placeholders, never an f-string inside _()
    INTRO = N_("A paragraph defined at import time")   # marked for the catalogue ...
    st.markdown(_(INTRO))                              # ... translated where it is shown

The language in use is per thread of execution (a ContextVar): Streamlit runs each session's
script in its own thread, and rnnviz.ui sets it at the top of every run (and of every fragment
run). Outside Streamlit (Jupyter, the command line, tests) it is English until use("zh").
tests/test_i18n.py fails when a marked string has no translation or its placeholders differ.
"""

from __future__ import annotations

from contextvars import ContextVar

LANGUAGES = {"en": "English", "zh": "简体中文"}

_language: ContextVar[str] = ContextVar("rnnviz_language", default="en")


def use(language: str) -> None:
    """Make `language` ("en" or "zh"; anything else means English) the one _() translates into."""
    _language.set(language if language in LANGUAGES else "en")


def current() -> str:
    """The language in use: "en" or "zh"."""
    return _language.get()


def _(text: str) -> str:
    """`text` (English) in the language in use; the English itself where no translation exists."""
    if _language.get() == "zh":
        from .zh import ZH  # loaded on first use: the engine alone never needs it

        return ZH.get(text, text)
    return text


def N_(text: str) -> str:
    """Mark a string for the catalogue without translating it (module-level constants): pass it
    through _() where it is shown."""
    return text


def language_from_locale(locale: str | None) -> str:
    """The language for a browser locale ("zh-CN", "zh-TW", "en-US", None): Chinese for any zh-*."""
    return "zh" if (locale or "").lower().startswith("zh") else "en"

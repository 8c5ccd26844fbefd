"""English and 简体中文: every marked string has a translation with the same placeholders, and a
Chinese page shows no English prose that escaped marking (rnnviz/i18n.py, rnnviz/zh/)."""

from __future__ import annotations

import ast
import json
import re
import string
from pathlib import Path

import pandas as pd
import pytest

from apptest_helpers import open_page
from rnnviz import i18n
from rnnviz.settings import LINK_SETTINGS, PAGE_SETTINGS
from rnnviz.zh import ZH

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")),
           *sorted(p for p in (ROOT / "rnnviz").rglob("*.py") if "zh" not in p.relative_to(ROOT / "rnnviz").parts)]


def _marked_calls():
    """(path, line, text or None) for every _("…") / N_("…") call; None: not a plain string literal."""
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_") \
                    and node.args:
                arg = node.args[0]
                literal = isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                if node.func.id == "N_" or literal or isinstance(arg, ast.JoinedStr):
                    yield path.relative_to(ROOT), node.lineno, arg.value if literal else None


def marked_strings() -> set[str]:
    return {text for _path, _line, text in _marked_calls() if text is not None}


def _fields(text: str) -> list[str]:
    return sorted(name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None)


def test_marked_strings_are_literals():
    bad = [f"{path}:{line}" for path, line, text in _marked_calls() if text is None]
    assert not bad, "_() and N_() take a plain string literal (format it afterwards), not an f-string: " + ", ".join(bad)


def test_every_marked_string_has_a_translation():
    marked = marked_strings()
    assert len(marked) > 50  # the extraction works
    missing = sorted(marked - ZH.keys())
    assert not missing, f"{len(missing)} strings lack a Chinese translation, e.g.:\n" + "\n".join(map(repr, missing[:40]))


def test_no_translation_is_left_over():
    stale = sorted(ZH.keys() - marked_strings())
    assert not stale, f"{len(stale)} translations whose English no longer appears, e.g.:\n" + "\n".join(map(repr, stale[:20]))


def test_translations_keep_their_placeholders():
    bad = []
    for en, zh in ZH.items():
        try:
            if _fields(en) != _fields(zh):
                bad.append((en, zh))
        except ValueError:  # a lone brace: no placeholders, so the braces must match as they are
            if en.count("{") != zh.count("{") or en.count("}") != zh.count("}"):
                bad.append((en, zh))
    assert not bad, "placeholders differ:\n" + "\n".join(f"{en!r}\n  -> {zh!r}" for en, zh in bad[:20])


def test_translations_are_chinese():
    untranslated = [en for en, zh in ZH.items() if not re.search(r"[\u4e00-\u9fff]", zh)]
    assert not untranslated, "not translated: " + ", ".join(map(repr, untranslated[:20]))


def test_the_name_underscore_is_never_reassigned():
    """`for _ in …` in a function that also calls _() makes _ local there: UnboundLocalError."""
    bad = []
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if not any(isinstance(n, ast.ImportFrom) and any(a.name == "_" for a in n.names) for n in ast.walk(tree)):
            continue  # a module that does not translate may use _ as it likes
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store):
                bad.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not bad, "use another name than _ for a throwaway variable: " + ", ".join(bad)


def test_language_in_use_is_per_context_and_english_by_default():
    import contextvars

    assert i18n.current() == "en"
    ctx = contextvars.copy_context()
    ctx.run(i18n.use, "zh")
    assert ctx.run(i18n.current) == "zh" and i18n.current() == "en"
    assert ctx.run(i18n._, "Home") == ZH["Home"] and i18n._("Home") == "Home"
    assert i18n.language_from_locale("zh-CN") == "zh" and i18n.language_from_locale("zh-TW") == "zh"
    assert i18n.language_from_locale("en-GB") == "en" and i18n.language_from_locale(None) == "en"


# --- what a Chinese page shows --------------------------------------------------------------

# Words a Chinese page may show in Latin letters: names, acronyms, functions, and the settings'
# option values (language-neutral identifiers, so that a link means the same in both languages).
ALLOWED = {w.lower() for w in """
    rnnviz rnn rnns lstm gru bptt mse bce sgd adam keras pytorch numpy jupyter python json csv png svg url
    tanh sigmoid relu softmax linear identity exp log max min sign diag argmax float float64 nan inf
    pascanu mikolov bengio kingma hochreiter schmidhuber cho okabe ito haar glorot streamlit plotly
    lambda sigma gamma theta alpha beta epsilon delta frac partial odot top text mathrm left right qquad
    quad cdot sum prod approx begin end aligned array matrix bmatrix pmatrix times leq geq neq infty mathbf
    boldsymbol operatorname hat tilde bar vec sqrt ldots cdots vdots ddots color textcolor boxed underbrace
    overbrace limits mid lvert rvert lVert rVert quad hphantom phantom displaystyle tfrac dfrac tag
    sub sup span div
""".split()}
for _settings in [*PAGE_SETTINGS.values(), LINK_SETTINGS]:
    for _s in _settings:
        ALLOWED |= {w.lower() for o in _s.options for w in re.findall(r"[A-Za-z]+", str(o))}
        ALLOWED.add(_s.key.lower())
        ALLOWED |= {w.lower() for w in re.findall(r"[A-Za-z]+", _s.key)}

WORD = re.compile(r"[A-Za-z]{3,}")
STRIP = [re.compile(p, re.S) for p in (r"`[^`]*`", r"\$\$.*?\$\$", r"\$[^$]*\$", r"https?://\S+", r"<[^>]+>",
                                       r"%\{[^}]*\}", r":material/[a-z_]+:", r":[a-z]+(?:-badge|-background)?\[")]


def _english_words(text: str) -> list[str]:
    for pattern in STRIP:
        text = pattern.sub(" ", text)
    return [w for w in WORD.findall(text) if w.lower() not in ALLOWED]


def _echarts_texts(option: dict) -> list[str]:
    """Axis names (a colour bar's title too) and tooltip headers, series names, titles, legend entries,
    timeline labels, toolbox titles, mark lines' labels and the texts a point's tooltip shows of an
    ECharts option, and of each of a timeline's options (the unrolled graph's step texts), rich text
    as plain text."""
    out = []
    for part in [option.get("baseOption", option)] + option.get("options", []):
        out += [axis.get("name", "") for key in ("xAxis", "yAxis") for axis in _as_list(part.get(key))]
        out += [((axis.get("axisPointer") or {}).get("label") or {}).get("formatter", "")
                for key in ("xAxis", "yAxis") for axis in _as_list(part.get(key))]
        out += [series.get("name", "") for series in part.get("series", [])]
        out += [title.get("text", "") for title in _as_list(part.get("title"))]
        out += [entry.get("name", "") if isinstance(entry, dict) else entry
                for entry in (part.get("legend") or {}).get("data", [])]
        out += [str(label) for label in (part.get("timeline") or {}).get("data", [])]
        out += [tool.get("title", "") for tool in part.get("toolbox", {}).get("feature", {}).values()]
        for series in part.get("series", []):
            out += [(item.get("label") or {}).get("formatter", "") for item in series.get("data", [])
                    if isinstance(item, dict)]
            out += [(link.get("tooltip") or {}).get("formatter", "") for link in series.get("links", [])]
            out.append(((series.get("markLine") or {}).get("label") or {}).get("formatter", ""))
            out += [value for row in series.get("data", []) if isinstance(row, list)
                    for value in row if isinstance(value, str)]
    return [RICH_RUN.sub(r" \1 ", text) for text in out]  # runs apart, as a tag is: W{sub|xh} is not one word


RICH_RUN = re.compile(r"\{[a-z]+\|([^}]*)\}")  # a run of ECharts rich text: {style|text}


def _as_list(value) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


def chinese_page_texts(at) -> list[str]:
    """Every text a person sees on the page, as AppTest exposes it."""
    texts = [e.value for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning",
                                  "error", "success") for e in getattr(at, kind)]
    texts += [m.label for m in at.metric]
    texts += [" ".join(re.findall(r"\\text\{([^}]*)\}", e.body)) for e in at.latex]
    for kind in ("slider", "number_input", "selectbox", "text_area", "text_input", "checkbox", "toggle",
                 "radio", "multiselect", "button", "select_slider"):
        for w in getattr(at, kind):
            texts += [w.label, getattr(w, "help", "") or "", getattr(w, "placeholder", "") or ""]
    texts += [e.label for e in at.expander] + [t.label for t in at.tabs]
    for frame in list(at.dataframe) + list(at.table):
        texts += [str(c) for c in frame.value.columns]
        df = frame.value
        texts += [str(v) for c in df.columns if not pd.api.types.is_numeric_dtype(df[c]) for v in df[c]]
    for chart in at.get("echarts_chart"):
        texts += _echarts_texts(json.loads(chart.proto.spec))
    for link in at.get("page_link"):
        texts.append(link.proto.label)
    for button in at.get("download_button"):
        texts.append(button.proto.label)
    return [t for t in texts if t]


@pytest.mark.parametrize("path", list(PAGE_SETTINGS))
def test_a_chinese_page_shows_no_untranslated_english(path):
    at = open_page(path, lang="zh")
    assert not at.exception
    leaks = sorted({f"{w}  ←  {t[:90]!r}" for t in chinese_page_texts(at) for w in _english_words(t)})
    assert not leaks, f"{path} in Chinese still shows English ({len(leaks)}):\n" + "\n".join(leaks[:60])

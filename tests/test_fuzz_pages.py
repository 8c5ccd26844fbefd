"""Fuzzing every page: random and edge values in every widget, and hostile links.

Pages are found from the app's navigation (rnnviz.ui.PAGES), so a new page is fuzzed without
anyone adding it here. Seeds are fixed: a failure reproduces.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from apptest_helpers import metrics, open_page, printed_nans, widgets
from rnnviz import Scenario, ScenarioError
from rnnviz.scenario import LIMITS
from rnnviz.settings import MAX_TEXT, PAGE_SETTINGS
from rnnviz.ui import PAGES
from scenarios import OUTPUT_FOR_LOSS, random_scenario

ROUNDS = 12


def hostile_texts(rng: np.random.Generator) -> list[str]:
    """Texts for a scenario editor: valid scenarios (small, edge-sized, overflowing) and junk."""
    def scenario(**kw):
        loss = str(rng.choice(list(OUTPUT_FOR_LOSS)))
        base = dict(T=int(rng.integers(1, 8)), m=int(rng.integers(1, 4)), n=int(rng.integers(1, 5)),
                    k=int(rng.integers(1, 4)), activation=str(rng.choice(["tanh", "sigmoid", "relu", "linear"])),
                    output=str(rng.choice(OUTPUT_FOR_LOSS[loss])), loss=loss,
                    loss_at=str(rng.choice(["last", "every"])), scale=float(rng.choice([0.1, 1, 5])))
        base.update(kw)
        return random_scenario(rng, **base).to_json()
    overflow = json.loads(scenario(activation="linear", scale=1.0))
    overflow["weights"]["W_hh"] = (60 * np.eye(len(overflow["weights"]["W_hh"]))).tolist()
    overflow["inputs"] = [[1.0] * len(overflow["inputs"][0])] * 300
    if overflow["loss_at"] == "every":
        overflow["targets"] = [overflow["targets"][0]] * 300
    return [
        scenario(), scenario(), scenario(clip={"mode": "value", "threshold": 0.01}),
        scenario(T=LIMITS["T"], n=3, m=1, k=1),            # the longest sequence
        scenario(T=3, n=LIMITS["n"], m=2, k=2),            # the widest hidden state
        json.dumps(overflow),
        "", "{", "[]", "null", '{"activation": "tanh"}', "x" * 10_000, "1e999", '{"inputs": [[NaN]]}',
    ]


def random_value(widget, rng: np.random.Generator, texts: list[str]):
    """A random valid value for a widget, or one of its edges."""
    kind = type(widget).__name__
    if kind in ("Slider", "NumberInput"):
        lo, hi = widget.min, widget.max
        if isinstance(widget.value, (tuple, list)):
            raise NotImplementedError("range sliders: add them here when a page uses one")
        edges = [lo, hi, min(max(0, lo), hi), min(max(-abs(hi), lo), hi)]
        step = widget.step or 1
        value = edges[rng.integers(len(edges))] if rng.random() < 0.5 else lo + step * rng.integers(0, int(round((hi - lo) / step)) + 1)
        value = min(max(value, lo), hi)
        return int(value) if isinstance(widget.value, int) else round(float(value), 10)
    if kind in ("Selectbox", "Radio", "SelectSlider"):
        return widget.options[rng.integers(len(widget.options))]
    if kind in ("Checkbox", "Toggle"):
        return bool(rng.integers(2))
    if kind in ("TextArea", "TextInput"):
        return texts[rng.integers(len(texts))]
    if kind == "Multiselect":
        return [o for o in widget.options if rng.random() < 0.5]
    raise NotImplementedError(f"no fuzzer for {kind}: add one here")


@pytest.mark.parametrize("path", [p for p, _, _ in PAGES])
def test_every_widget_at_random_and_edge_values(path):
    rng = np.random.default_rng(20261126)
    texts = hostile_texts(rng)
    at = open_page(path)
    assert widgets(at), f"{path} has no widget to fuzz"
    for round_ in range(ROUNDS):
        for widget in widgets(at):
            widget.set_value(random_value(widget, rng, texts))
        at.run()
        assert not at.exception, (path, round_, at.exception)
        assert not printed_nans(at), (path, round_, printed_nans(at)[:3])
        assert at.metric, f"{path} stopped showing its numbers"


def hostile_links(path: str) -> list[dict]:
    links = [{"zz_unknown": "1"}, {"": ""}, {"a" * 300: "b"}]
    for setting in PAGE_SETTINGS.get(path, ()):
        if setting.kind == "text":
            values = ["", "{", "nan", "x" * (MAX_TEXT + 1), "\x00\x01", '{"activation": "tanh"}', "1e309"]
        else:
            values = ["", "abc", "nan", "inf", "-inf", "1e309", "9" * 400, "0x10", "1,5", "[1]", "x" * 10_000]
            if setting.max is not None:
                span = abs(setting.max) + abs(setting.min or 0) + 1  # past either bound, whatever their signs
                values += [str(setting.max + 10 * span), str((setting.min or 0) - 10 * span)]
        links += [{setting.key: v} for v in values]
        links.append({setting.key: [str(setting.default), str(setting.default)]})  # given twice
    return links


@pytest.mark.parametrize("path", [p for p, _, _ in PAGES])
def test_hostile_links_render_with_a_notice(path):
    settings = {s.key: s for s in PAGE_SETTINGS.get(path, ())}
    for query in hostile_links(path):
        at = open_page(path, panels=False, **query)
        assert not at.exception, (path, query)
        assert at.metric, (path, query)
        assert not printed_nans(at), (path, query)
        (name, raw), = query.items()
        notices = " ".join(w.value for w in at.warning) + " ".join(e.value for e in at.error)
        if name not in settings:
            assert "not a setting of this page" in notices, (path, name)
        else:
            try:
                value = settings[name].parse(raw)
            except ValueError:
                assert f"`{name}`" in notices, (path, query)  # dropped, and said so
            else:
                # a text that fits its setting reaches the page: used as it is, or the page says
                # what is wrong with it and keeps showing the last valid scenario
                assert settings[name].kind == "text" and value == raw
                if at.error:
                    assert "last valid" in " ".join(i.value for i in at.info), (path, query)
                if name == "scenario":
                    try:
                        Scenario.from_json(raw)
                    except ScenarioError as exc:
                        assert exc.field in notices
                    else:
                        assert not at.error


def test_a_good_link_is_kept_and_followed():
    at = open_page("app.py", w_hh="2.5")
    assert not at.warning
    assert at.slider(key="w_hh").value == 2.5
    assert metrics(at)["h₂"] == f"{np.tanh(2.5 * np.tanh(1.0)):.4f}"


@pytest.mark.parametrize("value", ["inf", "9", "0", "2.5", "-1"])
def test_a_dropped_link_value_never_reaches_its_widget(value):
    at = open_page("pages/forward.py", panels=False, n=value)
    assert not at.exception
    assert at.number_input(key="n").value == 1  # the default, as the notice says
    assert "`n`" in at.warning[0].value

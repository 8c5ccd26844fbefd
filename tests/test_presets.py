"""Presets load, and resizing keeps what it can."""

import numpy as np
import pytest

from rnnviz import Scenario, hidden_jacobian_norms, trace
from rnnviz.presets import PRESETS, reconcile, resize, sizes


@pytest.mark.parametrize("name", list(PRESETS))
def test_every_preset_is_a_valid_scenario(name):
    tr = trace(Scenario.from_dict(PRESETS[name]))
    assert tr.overflow is None


def test_presets_show_what_their_names_promise():
    dh0 = {name: np.linalg.norm(trace(Scenario.from_dict(d)).dh[0]) for name, d in PRESETS.items()}
    dhT = {name: np.linalg.norm(trace(Scenario.from_dict(d)).dh[-1]) for name, d in PRESETS.items()}
    assert dh0["saturated tanh"] < 1e-6 * dhT["saturated tanh"]           # gradients die
    assert dh0["identity linear"] == pytest.approx(dhT["identity linear"])  # pass unchanged
    assert dh0["exploding"] == pytest.approx(2 ** 6 * dhT["exploding"])    # double every step back
    s = Scenario.from_dict(PRESETS["identity linear"])
    spectral, _ = hidden_jacobian_norms(trace(s).fprime, s.weights["W_hh"])
    assert spectral == pytest.approx(np.ones(s.T + 1))


def test_resize_keeps_the_top_left_and_fills_new_units():
    d = PRESETS["tutorial"]
    big = resize(d, n=3, m=2, k=2, T=4)
    assert sizes(big) == (3, 2, 2, 4)
    w = big["weights"]
    assert w["W_hh"] == [[1.0, 0.0, 0.0], [0.0, 0.5, 0.0], [0.0, 0.0, 0.5]]
    assert w["W_xh"] == [[1.0, 0.0], [0.5, 0.0], [0.5, 0.0]]
    assert w["W_hy"][0][0] == 1.0 and w["W_hy"][1] == [0.5, 0.5, 0.5]
    assert big["inputs"] == [[1.0, 0.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0]]
    Scenario.from_dict(big)
    back = resize(big, 1, 1, 1, 2)
    assert Scenario.from_dict(back) == Scenario.from_dict(d)  # shrinking back restores the original


@pytest.mark.parametrize("n,m,k,T", [(1, 1, 1, 1), (4, 3, 3, 6), (2, 3, 1, 5)])
@pytest.mark.parametrize("name", list(PRESETS))
def test_every_resize_of_every_preset_is_valid(name, n, m, k, T):
    for loss_at in ("last", "every"):
        d = resize(dict(PRESETS[name], loss_at=loss_at), n, m, k, T)
        assert sizes(Scenario.from_dict(d).to_dict()) == (n, m, k, T)


def test_reconcile_loss_and_output():
    d = dict(PRESETS["identity linear"], loss="ce")
    r = reconcile(d, "loss")
    assert r["output"] == "softmax" and Scenario.from_dict(r)
    r = reconcile(dict(PRESETS["tutorial"], output="identity"), "output")
    assert r["loss"] == "mse" and Scenario.from_dict(r)
    r = reconcile(dict(PRESETS["exploding"], loss="bce", targets=[[3.0]]), "loss")
    assert r["output"] == "sigmoid" and r["targets"] == [[1.0]]
    r = reconcile(dict(PRESETS["tutorial"], loss_at="every"), "loss_at")
    assert len(r["targets"]) == 2 and Scenario.from_dict(r)


from rnnviz.scenario_form import form_from_scenario, scenario_from_form  # noqa: E402


@pytest.mark.parametrize("name", list(PRESETS))
def test_form_round_trip(name):
    s, errors = scenario_from_form(form_from_scenario(PRESETS[name]))
    assert not errors and s == Scenario.from_dict(PRESETS[name])


@pytest.mark.parametrize("field,text,message", [
    ("W_hh", "1 abc", "row 1, column 2: 'abc' is not a number"),
    ("W_hh", "", "empty"),
    ("W_hh", "1e308", "outside ±1e+06"),
    ("x", "1; 0; 3", "expected 2×1, got 3×1"),
    ("y", "2", "bce needs targets in [0, 1]"),
    ("h0", "0 0", "expected 1×1, got 1×2"),
])
def test_form_errors_land_on_their_field(field, text, message):
    form = form_from_scenario(PRESETS["tutorial"])
    form[field] = text
    s, errors = scenario_from_form(form)
    assert s is None and list(errors) == [field] and message in errors[field]

"""The default scenario: the tutorial's two-step example, hand-computed."""

import math

import pytest

from rnnviz import ERRATA, trace, tutorial_scenario

TOL = 1e-12


def sigmoid(v):
    return 1 / (1 + math.exp(-v))


def test_forward_values_match_hand_computation():
    tr = trace(tutorial_scenario())
    h1, h2 = math.tanh(1.0), math.tanh(math.tanh(1.0))
    assert tr.h[:, 0].tolist() == pytest.approx([0.0, h1, h2], abs=TOL)
    assert tr.h[1, 0] == pytest.approx(0.761594, abs=1e-6)
    assert tr.h[2, 0] == pytest.approx(0.642015, abs=1e-6)
    assert tr.y[-1, 0] == pytest.approx(sigmoid(h2), abs=TOL)
    assert tr.y[-1, 0] == pytest.approx(0.655209, abs=1e-6)
    assert tr.loss == pytest.approx(-math.log(1 - sigmoid(h2)), abs=TOL)
    assert tr.loss == pytest.approx(1.064816, abs=1e-6)


def test_backward_values_match_hand_computation():
    # label 0: dL/do = yhat; dL/dh_2 = w_hy·yhat; dz_2 = dh_2 (1 - h_2²); dh_1 = w_hh dz_2; dz_1 = dh_1 (1 - h_1²)
    tr = trace(tutorial_scenario())
    h1, h2 = math.tanh(1.0), math.tanh(math.tanh(1.0))
    yhat = sigmoid(h2)
    dz2 = yhat * (1 - h2 ** 2)
    dz1 = dz2 * (1 - h1 ** 2)
    assert tr.dh[:, 0].tolist() == pytest.approx([dz1, dz2, yhat], abs=TOL)
    g = tr.grads
    assert g["W_hy"][0, 0] == pytest.approx(yhat * h2, abs=TOL)
    assert g["b_y"][0] == pytest.approx(yhat, abs=TOL)
    assert g["W_hh"][0, 0] == pytest.approx(dz2 * h1 + dz1 * 0.0, abs=TOL)
    assert g["W_xh"][0, 0] == pytest.approx(dz1 * 1.0 + dz2 * 0.0, abs=TOL)
    assert g["b_h"][0] == pytest.approx(dz1 + dz2, abs=TOL)
    # each total is the sum of its per-step terms
    terms = trace(tutorial_scenario(), contributions=True).contributions
    for name, total in g.items():
        assert terms[name].sum(axis=0) == pytest.approx(total, abs=TOL)


def test_errata_pair_the_tutorials_numbers_with_correct_ones():
    by_quantity = {e["quantity"]: e for e in ERRATA}
    assert by_quantity["h_1"]["tutorial_value"] == pytest.approx(0.238406, abs=1e-6)
    assert by_quantity["h_1"]["correct_value"] == pytest.approx(0.761594, abs=1e-6)
    assert by_quantity["h_2"]["tutorial_value"] == pytest.approx(0.761594, abs=1e-6)
    assert by_quantity["h_2"]["correct_value"] == pytest.approx(0.642015, abs=1e-6)
    assert by_quantity[r"\hat y"]["tutorial_value"] == pytest.approx(0.681700, abs=1e-6)
    assert by_quantity[r"\hat y"]["correct_value"] == pytest.approx(0.655209, abs=1e-6)
    # the correct values are what the engine computes
    tr = trace(tutorial_scenario())
    assert by_quantity["h_2"]["correct_value"] == pytest.approx(tr.h[2, 0], abs=TOL)
    assert by_quantity[r"\hat y"]["correct_value"] == pytest.approx(tr.y[-1, 0], abs=TOL)


def test_dl_dyhat_matches_its_closed_form_and_stays_finite_when_yhat_rounds_to_one():
    tr = trace(tutorial_scenario())
    yhat = tr.y[-1, 0]
    assert tr.dy[-1, 0] == pytest.approx(1 / (1 - yhat), rel=1e-12)  # label 0: d/dyhat -log(1 - yhat)
    big = tutorial_scenario().replace(weights={"W_xh": [[1.0]], "W_hh": [[1.0]], "b_h": [0.0],
                                               "W_hy": [[100.0]], "b_y": [0.0]})
    tr = trace(big)
    assert tr.y[-1, 0] == 1.0  # sigmoid(64.2) rounds to 1 in float64 ...
    assert math.isfinite(tr.dy[-1, 0]) and tr.dy[-1, 0] > 1e27  # ... but dL/dyhat = e^64.2 + 2 + e^-64.2 does not
    assert tr.overflow is None


def test_the_errata_table_in_chinese_has_the_same_numbers():
    import contextvars

    from rnnviz import i18n
    from rnnviz.tables import errata_rows

    ctx = contextvars.copy_context()
    ctx.run(i18n.use, "zh")
    rows = ctx.run(errata_rows)
    assert [r["正确值"] for r in rows] == [r["correct"] for r in errata_rows()] == ["0.7616", "0.6420", "0.6552"]
    assert [r["原教程的值"] for r in rows] == ["0.2384", "0.7616", "0.6817"]
    assert rows[0]["原因"].startswith("tanh(1) = (e − e⁻¹)/(e + e⁻¹)") and "原教程写的是 2/(e² + 1)" in rows[0]["原因"]

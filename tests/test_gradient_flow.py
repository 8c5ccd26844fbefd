"""The vanishing/exploding lab's engine (rnnviz.gradient_flow, rnnviz.jacobian) against independent references."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rnnviz import trace
from rnnviz.activations import ACTIVATIONS
from rnnviz.gradient_flow import (JACOBIAN_POINTS, MATRICES, FlowSettings, flow_scenario, gradient_flow,
                                  jacobian_norms, sweep, unit_matrix)
from rnnviz.jacobian import from_log10, log10_jacobian_norms


def fd_jacobian(scenario, k: int, eps: float = 1e-6) -> np.ndarray:
    """dh_T/dh_k by central differences: rerun the recurrence from a nudged h_k (float64)."""
    tr = trace(scenario)
    f = ACTIVATIONS[scenario.activation]["f"]
    W = scenario.weights

    def h_T(h):
        for t in range(k + 1, scenario.T + 1):
            h = f(W["W_xh"] @ scenario.inputs[t - 1] + W["W_hh"] @ h + W["b_h"])
        return h

    J = np.empty((scenario.n, scenario.n))
    for j in range(scenario.n):
        e = np.zeros(scenario.n)
        e[j] = eps
        J[:, j] = (h_T(tr.h[k] + e) - h_T(tr.h[k] - e)) / (2 * eps)
    return J


# --- the theory's exact case: f linear, W_hh = s·I ------------------------------------------------

@pytest.mark.parametrize("s,T", [(0.5, 50), (0.9, 200), (1.0, 30), (1.1, 100), (2.0, 1000), (3.0, 1000)])
def test_linear_identity_jacobian_is_s_to_the_lag(s, T):
    flow = gradient_flow(FlowSettings(T=T, n=8, f="linear", matrix="identity", scale=s))
    lags = T - flow.jacobian_k
    np.testing.assert_allclose(flow.jacobian_log10, lags * math.log10(s), rtol=1e-9, atol=1e-12)
    finite = lags * math.log10(s) < 308  # where s^lag is a float64 (3^999 is not), the value itself too
    np.testing.assert_allclose(flow.jacobian[finite], s ** lags[finite].astype(float), rtol=1e-9)
    assert np.all(np.isinf(flow.jacobian[~finite]))
    # and the bound is attained: lambda_1 = s, gamma = 1
    np.testing.assert_allclose(flow.bound[flow.jacobian_k][finite], flow.jacobian[finite], rtol=1e-9)


def test_linear_identity_gradient_ratio_is_s_to_the_lag_past_float64():
    """dL/dh_k = s^(T-k) dL/dh_T: 2^1000 ≈ 1.07e301 is a float64, but the trace's dL/dh overflows
    further back (dL/dh_T is already ~1e301); the log kept by the lab stays exact."""
    flow = gradient_flow(FlowSettings(T=1000, n=4, f="linear", matrix="identity", scale=2.0))
    np.testing.assert_allclose(flow.log10_ratio, (1000 - np.arange(1001)) * math.log10(2.0), rtol=1e-9, atol=1e-9)
    assert flow.trace.overflow is not None and flow.trace.overflow["step"] == 1000
    assert flow.clip is not None and flow.clip.grads is None  # an infinite gradient is refused, not clipped


# --- against finite differences and the bound ----------------------------------------------------

@pytest.mark.parametrize("f", ["tanh", "sigmoid", "linear"])
@pytest.mark.parametrize("matrix", MATRICES)
def test_jacobian_norms_match_finite_differences(f, matrix):
    # lambda_1 gamma ≈ 1.1: Jacobians of order 1, well above the differences' rounding floor
    # (float64 eps · |h_T| / eps ≈ 1e-11), so 1e-6 relative is a real check
    s = FlowSettings(T=12, n=5, f=f, matrix=matrix, scale=1.1 / ACTIVATIONS[f]["gamma"], seed=7)
    scenario = flow_scenario(s)
    flow = gradient_flow(s)
    for k in (0, 5, 11, 12):
        want = np.linalg.norm(fd_jacobian(scenario, k, eps=1e-5), 2) if k < s.T else 1.0
        got = flow.jacobian[list(flow.jacobian_k).index(k)]
        assert abs(got - want) <= 1e-6 * want + 1e-9, (k, got, want)


@settings(max_examples=60, deadline=None)
@given(f=st.sampled_from(["tanh", "sigmoid"]), matrix=st.sampled_from(MATRICES),
       scale=st.floats(0.05, 8.0), n=st.integers(1, 24), T=st.integers(1, 120),
       seed=st.integers(0, 2**31 - 1), inputs=st.sampled_from(["random", "constant", "zeros"]),
       input_scale=st.floats(0.0, 3.0))
def test_measured_norms_never_exceed_the_bound(f, matrix, scale, n, T, seed, inputs, input_scale):
    flow = gradient_flow(FlowSettings(T=T, n=n, f=f, matrix=matrix, scale=scale, seed=seed, inputs=inputs,
                                      input_scale=input_scale, clip="none"))
    assert flow.lambda_1 == pytest.approx(scale, rel=1e-9)
    bound_log10 = (T - flow.jacobian_k) * math.log10(scale * ACTIVATIONS[f]["gamma"])
    assert np.all(flow.jacobian_log10 <= bound_log10 + 1e-9)
    with np.errstate(divide="ignore"):  # a saturated tanh can make f' and so a gradient exactly 0
        dh_log10 = np.log10(flow.dh_norms)
        dh_bound_log10 = dh_log10[-1] + (T - np.arange(T + 1)) * math.log10(scale * ACTIVATIONS[f]["gamma"])
    assert np.all((dh_log10 <= dh_bound_log10 + 1e-9) | np.isneginf(dh_log10))


def test_the_jacobian_is_sampled_evenly_past_200_steps():
    ks, log10, _ = log10_jacobian_norms(np.ones((1000, 3)), 0.5 * np.eye(3), every=5)
    assert ks[0] == 1000 and ks[-1] == 0 and len(ks) == 201 and set(np.diff(ks)) == {-5}
    np.testing.assert_allclose(log10, (1000 - ks) * math.log10(0.5), rtol=1e-12)
    k, _ = jacobian_norms(FlowSettings(T=1000, n=4))
    assert len(k) == JACOBIAN_POINTS and k[0] == 0 and k[-1] == 1000
    k, _ = jacobian_norms(FlowSettings(T=150, n=4))
    assert list(k) == list(range(151))


def test_a_zero_jacobian_is_minus_infinity_in_log10_not_an_error():
    ks, log10, _ = log10_jacobian_norms(np.ones((20, 2)), np.zeros((2, 2)))
    assert log10[0] == 0.0 and np.all(np.isneginf(log10[1:]))
    assert np.all(from_log10(log10[1:]) == 0.0)


# --- the sweep -------------------------------------------------------------------------------------

@pytest.mark.parametrize("f,matrix", [("tanh", "orthogonal"), ("sigmoid", "gaussian"), ("relu", "identity"),
                                      ("linear", "gaussian")])
def test_each_sweep_row_is_the_trace_of_that_network(f, matrix):
    s = FlowSettings(T=60, n=6, f=f, matrix=matrix, seed=3)
    scales = np.array([0.3, 0.9, 1.0, 1.4])
    rows = sweep(s, scales)
    for scale, row in zip(scales, rows):
        tr = trace(flow_scenario(dataclasses.replace(s, scale=scale)))
        norms = np.linalg.norm(tr.dh, axis=1)[::-1]  # by lag
        ok = norms > 1e-290
        np.testing.assert_allclose(row[ok], np.log10(norms[ok] / norms[0]), rtol=1e-9, atol=1e-9)


def test_sweep_crosses_from_vanishing_to_growing_at_one_over_gamma():
    s = FlowSettings(T=200, n=16, f="linear", matrix="orthogonal")
    rows = sweep(s, np.array([0.9, 1.0, 1.1]))
    np.testing.assert_allclose(rows[:, -1], 200 * np.log10([0.9, 1.0, 1.1]), rtol=1e-9, atol=1e-9)


# --- clipping --------------------------------------------------------------------------------------

def test_norm_clipping_keeps_the_direction_and_the_long_range_share():
    s = FlowSettings(T=40, n=16, scale=1.6, clip="norm", theta=0.5)
    clipped, unclipped = gradient_flow(s), gradient_flow(dataclasses.replace(s, clip="none"))
    c = clipped.clip
    assert c.active and c.clipped_norm == pytest.approx(0.5, rel=1e-12)
    assert c.cosine == pytest.approx(1.0, abs=1e-12)
    assert c.scale == pytest.approx(0.5 / unclipped.trace.grad_norm, rel=1e-12)
    assert clipped.early_share == unclipped.early_share  # clipping brings back nothing that vanished


def test_value_clipping_may_turn_the_direction():
    flow = gradient_flow(FlowSettings(T=40, n=16, scale=1.6, clip="value", theta=0.01))
    assert flow.clip.active and flow.clip.cosine < 1.0 - 1e-6
    assert flow.clip.clipped_norm < flow.trace.grad_norm


# --- the network ----------------------------------------------------------------------------------

def test_the_matrix_kinds_have_largest_singular_value_one():
    G = np.random.default_rng(0).standard_normal((20, 20))
    for kind in MATRICES:
        assert np.linalg.norm(unit_matrix(kind, G), 2) == pytest.approx(1.0, rel=1e-12)
    Q = unit_matrix("orthogonal", G)
    np.testing.assert_allclose(Q.T @ Q, np.eye(20), atol=1e-12)


def test_the_seed_decides_and_other_settings_keep_the_draws():
    a = flow_scenario(FlowSettings(seed=5))
    assert a.to_json() == flow_scenario(FlowSettings(seed=5)).to_json()
    assert a.to_json() != flow_scenario(FlowSettings(seed=6)).to_json()
    b = flow_scenario(FlowSettings(seed=5, matrix="gaussian", scale=2.0))
    np.testing.assert_array_equal(a.inputs, b.inputs)
    np.testing.assert_array_equal(a.weights["W_hy"], b.weights["W_hy"])


@pytest.mark.parametrize("f,scale,regime", [("tanh", 0.5, "vanishing"), ("tanh", 1.0, "boundary"),
                                            ("tanh", 1.5, "exploding"), ("sigmoid", 4.0, "boundary"),
                                            ("sigmoid", 3.9, "vanishing"), ("relu", 1.01, "exploding")])
def test_regime_follows_lambda_gamma(f, scale, regime):
    assert gradient_flow(FlowSettings(T=5, n=3, f=f, scale=scale)).regime == regime


# --- what the page writes (rnnviz.flow_text): summaries and tables ---------------------------------

def test_the_tables_keep_to_what_is_drawn_and_the_summaries_follow_the_language():
    import contextvars

    from rnnviz import i18n
    from rnnviz.flow_text import decades, flow_rows, flow_summary, sweep_rows, sweep_summary

    flow = gradient_flow(FlowSettings(T=1000, n=4, f="linear", matrix="identity", scale=1.001))
    rows = flow_rows(flow)
    assert len(rows) == len(flow.jacobian_k) <= JACOBIAN_POINTS  # sampled where the Jacobian is measured
    assert [r["k"] for r in rows] == flow.jacobian_k.tolist()
    scales = np.linspace(0.0, 2.0, 41)
    log10 = sweep(flow.settings, scales)
    table = sweep_rows(scales, log10, flow.gamma)
    assert len(table) == 41 and len(table[0]) == 2 + 6  # λ₁, λ₁γ and six lags, up to T
    assert table[-1]["log₁₀ ratio at lag 1000"] == f"{log10[-1, 1000]:.2f}"
    ratio = decades(float(flow.log10_ratio[0]))
    assert ratio in flow_summary(flow) and ratio in sweep_summary(flow, scales, log10)
    chinese = contextvars.copy_context()
    chinese.run(i18n.use, "zh")
    assert chinese.run(flow_summary, flow).startswith(f"反向传回 1000 步后，‖∂h_T/∂h_0‖ 为 {ratio}")
    assert "滞后 1000 处比值的 log₁₀" in chinese.run(sweep_rows, scales, log10, flow.gamma)[0]

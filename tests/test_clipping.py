"""Clipping over all parameters together, by global norm and by value."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rnnviz import clip_gradients, global_norm, trace
from scenarios import random_scenario


def random_grads(seed, scale):
    rng = np.random.default_rng(seed)
    return {"W_xh": rng.normal(0, scale, (3, 2)), "W_hh": rng.normal(0, scale, (3, 3)),
            "b_h": rng.normal(0, scale, 3), "W_hy": rng.normal(0, scale, (2, 3)), "b_y": rng.normal(0, scale, 2)}


def flat(grads):
    return np.concatenate([g.ravel() for g in grads.values()])


@settings(max_examples=200, deadline=None, derandomize=True)
@given(seed=st.integers(0, 10**6), scale=st.floats(1e-3, 1e3), threshold=st.floats(1e-2, 1e2))
def test_norm_clipping_bounds_the_norm_and_keeps_the_direction(seed, scale, threshold):
    grads = random_grads(seed, scale)
    before = flat(grads).copy()
    r = clip_gradients(grads, "norm", threshold)
    after = flat(r.grads)
    assert np.array_equal(flat(grads), before)  # input untouched
    assert r.norm == pytest.approx(np.linalg.norm(before), rel=1e-12)
    assert np.linalg.norm(after) <= threshold * (1 + 1e-12)
    if r.norm > threshold:
        assert r.active and r.scale == pytest.approx(threshold / r.norm, rel=1e-12)
        assert r.clipped_norm == pytest.approx(threshold, rel=1e-12)
    else:
        assert not r.active and r.scale == 1.0 and np.array_equal(after, before)
    # same direction: after = c·before with c > 0
    assert after @ before / (np.linalg.norm(after) * np.linalg.norm(before)) == pytest.approx(1.0, abs=1e-12)
    assert r.cosine == pytest.approx(1.0, abs=1e-12)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(seed=st.integers(0, 10**6), scale=st.floats(1e-3, 1e3), threshold=st.floats(1e-2, 1e2))
def test_value_clipping_bounds_every_element(seed, scale, threshold):
    grads = random_grads(seed, scale)
    r = clip_gradients(grads, "value", threshold)
    after, before = flat(r.grads), flat(grads)
    assert np.all(np.abs(after) <= threshold)
    inside = np.abs(before) <= threshold
    assert np.array_equal(after[inside], before[inside])  # elements within ±θ are untouched
    assert np.array_equal(np.sign(after), np.sign(before))
    assert r.active == bool((~inside).any())
    assert r.clipped_norm == pytest.approx(np.linalg.norm(after), rel=1e-12)


def test_value_clipping_turns_the_direction():
    grads = {"a": np.array([10.0, 1.0])}
    r = clip_gradients(grads, "value", 2.0)
    assert flat(r.grads).tolist() == [2.0, 1.0]
    assert r.cosine == pytest.approx((20 + 1) / (math.sqrt(101) * math.sqrt(5)), rel=1e-12)
    assert r.cosine < 0.95


def test_global_norm_does_not_overflow_for_large_finite_gradients():
    grads = {"a": np.array([3e200, 4e200])}
    assert global_norm(grads) == pytest.approx(5e200, rel=1e-12)
    r = clip_gradients(grads, "norm", 1.0)
    assert flat(r.grads) == pytest.approx([0.6, 0.8], rel=1e-12)


@pytest.mark.parametrize("mode", ["norm", "value"])
def test_a_non_finite_gradient_is_reported_not_clipped(mode):
    grads = {"a": np.array([np.inf, 1.0]), "b": np.array([np.nan])}
    r = clip_gradients(grads, mode, 1.0)
    assert r.grads is None and r.clipped_norm is None
    assert "not finite" in r.reason
    assert not math.isfinite(r.norm)


def test_trace_applies_the_scenarios_clip():
    s = random_scenario(np.random.default_rng(1), T=5, m=2, n=3, k=2, activation="linear",
                        output="identity", loss="mse", loss_at="every", scale=3.0,
                        clip={"mode": "norm", "threshold": 0.5})
    tr = trace(s)
    assert tr.grad_norm > 0.5
    assert tr.clip.clipped_norm == pytest.approx(0.5, rel=1e-12)
    d = tr.to_dict()
    assert d["clipped_norm"] == pytest.approx(0.5, rel=1e-12)
    assert np.linalg.norm(flat({k: np.array(v) for k, v in d["clipped"].items()})) == pytest.approx(0.5, rel=1e-12)

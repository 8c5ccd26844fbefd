"""Where values leave float64's range, and ||dh_T/dh_k|| against closed forms."""

import numpy as np
import pytest

from rnnviz import Scenario, hidden_jacobian_norms, trace
from scenarios import random_scenario


def linear_identity(scale, T, n=3, h0=1.0):
    return Scenario.from_dict({
        "activation": "linear", "output": "identity", "loss": "mse", "loss_at": "last",
        "inputs": [[0.0]] * T, "targets": [[0.0]], "h0": [h0] * n,
        "weights": {"W_xh": [[0.0]] * n, "W_hh": (scale * np.eye(n)).tolist(), "W_hy": [[1.0] * n]},
    })


@pytest.mark.parametrize("scale", [0.5, 0.9, 1.0, 1.1, 2.0])
def test_linear_scaled_identity_gives_powers_of_the_scale(scale):
    T = 40
    tr = trace(linear_identity(scale, T))
    spectral, frobenius = hidden_jacobian_norms(tr.fprime, tr.scenario.weights["W_hh"])
    lags = T - np.arange(T + 1)
    assert spectral == pytest.approx(scale ** lags, rel=1e-9)
    assert frobenius == pytest.approx(np.sqrt(3) * scale ** lags, rel=1e-9)


def test_jacobian_norms_match_the_explicit_product():
    s = random_scenario(np.random.default_rng(5), T=70, m=2, n=4, k=1, activation="tanh",
                        output="identity", loss="mse", loss_at="last", scale=1.5)
    tr = trace(s)
    W = s.weights["W_hh"]
    spectral, frobenius = hidden_jacobian_norms(tr.fprime, W)
    for k in (0, 1, 33, 64, 69, 70):  # across the 64-matrix chunks
        J = np.eye(4)
        for t in range(70, k, -1):
            J = J @ (np.diag(tr.fprime[t - 1]) @ W)
        assert spectral[k] == pytest.approx(np.linalg.norm(J, 2), rel=1e-10)
        assert frobenius[k] == pytest.approx(np.linalg.norm(J), rel=1e-10)


@pytest.mark.parametrize("activation,gamma", [("tanh", 1.0), ("sigmoid", 0.25), ("relu", 1.0)])
def test_measured_norms_never_exceed_the_pascanu_bound(activation, gamma):
    for seed in range(5):
        s = random_scenario(np.random.default_rng(seed), T=30, m=2, n=6, k=1, activation=activation,
                            output="identity", loss="mse", loss_at="last", scale=1.2)
        tr = trace(s)
        lam = np.linalg.norm(s.weights["W_hh"], 2)
        spectral, _ = hidden_jacobian_norms(tr.fprime, s.weights["W_hh"])
        bound = (lam * gamma) ** (s.T - np.arange(s.T + 1))
        assert np.all(spectral <= bound * (1 + 1e-12))


def test_overflow_in_the_jacobian_is_inf_not_an_error():
    tr = trace(linear_identity(1e3, 120, h0=0.0))
    spectral, frobenius = hidden_jacobian_norms(tr.fprime, tr.scenario.weights["W_hh"])
    assert np.isfinite(spectral[-3:]).all()
    assert np.isinf(spectral[0]) and np.isinf(frobenius[0])


def test_a_finite_scenario_reports_no_overflow():
    tr = trace(linear_identity(1.0, 1000))
    assert tr.overflow is None and np.isfinite(tr.loss)


def test_backward_overflow_is_reported_at_its_step():
    # tiny states (h0 = 0, inputs 0) keep the forward finite; the loss gradient on h_T is finite,
    # but W_hh = 1e3·I multiplies dL/dh_t by 1e3 per step back
    s = Scenario.from_dict({
        "activation": "linear", "output": "identity", "loss": "mse", "loss_at": "last",
        "inputs": [[0.0]] * 200, "targets": [[1.0]], "h0": [0.0],
        "weights": {"W_xh": [[0.0]], "W_hh": [[1000.0]], "W_hy": [[1.0]]},
    })
    tr = trace(s)
    assert tr.overflow["phase"] == "backward"
    step = tr.overflow["step"]
    assert np.isfinite(tr.dh[step + 1:]).all() and not np.isfinite(tr.dh[step]).all()
    assert 200 - 105 < step < 200 - 100  # 2·1e3^j passes 1.8e308 at j = 103
    assert tr.to_dict()["dh"][step] == [None]

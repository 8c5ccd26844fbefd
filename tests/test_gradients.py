"""BPTT against central finite differences (float64) on many random scenarios."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rnnviz import gradient_check, trace
from rnnviz.gradcheck import numeric_gradient
from scenarios import OUTPUT_FOR_LOSS, random_scenario

LOSS_OUTPUT = [(loss, out) for loss, outs in OUTPUT_FOR_LOSS.items() for out in outs]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    seed=st.integers(0, 2**32 - 1),
    T=st.integers(1, 12), m=st.integers(1, 5), n=st.integers(1, 5), k=st.integers(1, 5),
    activation=st.sampled_from(["tanh", "sigmoid", "relu", "linear"]),
    loss_output=st.sampled_from(LOSS_OUTPUT),
    loss_at=st.sampled_from(["last", "every"]),
    scale=st.sampled_from([0.5, 1.0, 2.0]),
)
def test_bptt_matches_finite_differences(seed, T, m, n, k, activation, loss_output, loss_at, scale):
    loss, output = loss_output
    s = random_scenario(np.random.default_rng(seed), T=T, m=m, n=n, k=k, activation=activation,
                        output=output, loss=loss, loss_at=loss_at, scale=scale)
    check = gradient_check(s)
    for name, ok in check.ok.items():
        assert ok, (name, check.rel_error[name], check.abs_error[name], check.noise_floor)
    # the gradients that have not vanished below the noise floor agree to relative 1e-6
    for name in check.analytic:
        if np.linalg.norm(check.analytic[name]) > 1e-4 * max(1.0, abs(trace(s).loss)):
            assert check.rel_error[name] <= 1e-6, name


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu", "linear"])
def test_every_step_of_dh_matches_finite_differences(activation):
    # dL/dh_t for t > 0 by perturbing h_t inside the recurrence: run the tail from h_t on
    from rnnviz.rnn import output_forward, rnn_forward
    from rnnviz.losses import step_losses

    s = random_scenario(np.random.default_rng(7), T=6, m=2, n=3, k=2, activation=activation,
                        output="identity", loss="mse", loss_at="every")
    tr = trace(s)
    w = s.weights

    def loss_from(t, h_t):
        # steps 1..t as traced, h_t replaced, steps t+1..T recomputed
        h_tail, _, _ = rnn_forward(s.inputs[t:], h_t, w["W_xh"], w["W_hh"], w["b_h"], activation)
        h = np.vstack([tr.h[:t], h_tail])
        o, _ = output_forward(h, w["W_hy"], w["b_y"], s.output)
        return float(np.sum(step_losses(s.loss, s.output, o, s.targets)))

    for t in range(s.T + 1):
        numeric = numeric_gradient(lambda v: loss_from(t, v), tr.h[t], 1e-5)
        assert np.allclose(tr.dh[t], numeric, rtol=1e-6, atol=1e-9), t


def test_gradient_check_catches_a_wrong_gradient(monkeypatch):
    # a BPTT that forgets the activation's derivative must fail the check
    import rnnviz.tracing as trace_module
    from rnnviz.rnn import rnn_backward

    s = random_scenario(np.random.default_rng(3), T=4, m=2, n=3, k=2, activation="tanh",
                        output="identity", loss="mse", loss_at="every")
    assert gradient_check(s).passed
    monkeypatch.setattr(trace_module, "rnn_backward",
                        lambda dh_out, fprime, W_hh: rnn_backward(dh_out, np.ones_like(fprime), W_hh))
    bad = gradient_check(s)
    assert not bad.passed
    assert bad.rel_error["W_hh"] > 1e-2 and bad.ok["W_hy"]

"""LSTM and GRU (rnnviz.gated) in the scenario format: finite differences, hand-computed values,
validation, the command line, and the gradient-flow claim the page makes."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rnnviz import Scenario, ScenarioError, gradient_check, trace
from rnnviz.cell_flow import CellFlowSettings, cell_flow, gradient_norms

ROOT = Path(__file__).resolve().parent.parent


def gated(cell: str, T: int, m: int, n: int, k: int, rng, loss_at="every", scale=1.0) -> dict:
    G = 4 if cell == "lstm" else 3
    d = {"cell": cell, "output": "identity", "loss": "mse", "loss_at": loss_at,
         "inputs": rng.standard_normal((T, m)).tolist(),
         "targets": rng.standard_normal((T if loss_at == "every" else 1, k)).tolist(),
         "h0": (0.5 * rng.standard_normal(n)).tolist(),
         "weights": {"W_ih": (scale * rng.standard_normal((G * n, m))).tolist(),
                     "W_hh": (scale * rng.standard_normal((G * n, n))).tolist(),
                     "b_ih": rng.standard_normal(G * n).tolist(), "b_hh": rng.standard_normal(G * n).tolist(),
                     "W_hy": rng.standard_normal((k, n)).tolist(), "b_y": rng.standard_normal(k).tolist()}}
    if cell == "lstm":
        d["c0"] = (0.5 * rng.standard_normal(n)).tolist()
    return d


@settings(max_examples=60, deadline=None)
@given(cell=st.sampled_from(["lstm", "gru"]), T=st.integers(1, 10), m=st.integers(1, 3), n=st.integers(1, 5),
       k=st.integers(1, 3), loss_at=st.sampled_from(["last", "every"]), seed=st.integers(0, 2**31 - 1))
def test_gated_gradients_match_central_differences(cell, T, m, n, k, loss_at, seed):
    s = Scenario.from_dict(gated(cell, T, m, n, k, np.random.default_rng(seed), loss_at))
    check = gradient_check(s)
    assert check.passed, {name: check.rel_error[name] for name in check.rel_error if not check.ok[name]}
    assert set(check.analytic) == {"W_ih", "W_hh", "b_ih", "b_hh", "W_hy", "b_y", "h0"} | ({"c0"} if cell == "lstm" else set())


def sig(v):
    return 1 / (1 + math.exp(-v))


def test_lstm_one_step_by_hand():
    # n = m = 1, W_ih = (1, 2, 3, 4), W_hh = 0, biases 0, x = 1, h0 = 0, c0 = 0.5
    s = Scenario.from_dict({"cell": "lstm", "output": "identity", "loss": "mse", "inputs": [[1.0]], "targets": [[0.0]],
                            "h0": [0.0], "c0": [0.5], "weights": {"W_ih": [[1], [2], [3], [4]], "W_hh": [[0]] * 4,
                                                                "W_hy": [[1.0]]}})
    tr = trace(s)
    i, f, g, o = sig(1), sig(2), math.tanh(3), sig(4)
    c = f * 0.5 + i * g
    assert tr.c[1, 0] == pytest.approx(c, rel=1e-15) and tr.h[1, 0] == pytest.approx(o * math.tanh(c), rel=1e-15)
    assert [tr.gates[name][0, 0] for name in "ifgo"] == pytest.approx([i, f, g, o], rel=1e-15)


def test_gru_one_step_by_hand():
    # n = m = 1, W_ih = (1, 2, 3), W_hh = (0.5, 0.5, 0.5), b_hh = (0, 0, 1), x = 1, h0 = 0.2
    s = Scenario.from_dict({"cell": "gru", "output": "identity", "loss": "mse", "inputs": [[1.0]], "targets": [[0.0]],
                            "h0": [0.2], "weights": {"W_ih": [[1], [2], [3]], "W_hh": [[0.5]] * 3,
                                                     "b_hh": [0, 0, 1], "W_hy": [[1.0]]}})
    tr = trace(s)
    r, z = sig(1 + 0.1), sig(2 + 0.1)
    n = math.tanh(3 + r * (0.1 + 1))  # r multiplies W_hn h + b_hn, as PyTorch's GRU does
    assert tr.h[1, 0] == pytest.approx((1 - z) * n + z * 0.2, rel=1e-15)
    assert [tr.gates[name][0, 0] for name in "rzn"] == pytest.approx([r, z, n], rel=1e-15)


@pytest.mark.parametrize("change,field,problem", [
    (lambda d: d["weights"].update(W_hh=[[0.0]] * 7), "weights.W_hh", "7 rows is not 4·n"),
    (lambda d: d.update(c0=None, cell="gru"), "weights.W_hh", "8 rows is not 3·n"),
    (lambda d: d["weights"].update(W_xh=[[1.0]]), "weights.W_xh", "unknown weight for cell lstm"),
    (lambda d: d.update(activation="relu"), "activation", "unknown 'relu'"),
    (lambda d: d["weights"].update(b_ih=[0.0] * 3), "weights.b_ih", "expected 8 numbers"),
])
def test_gated_validation_names_the_field(change, field, problem):
    d = gated("lstm", 3, 1, 2, 1, np.random.default_rng(0))
    change(d)
    with pytest.raises(ScenarioError) as err:
        Scenario.from_dict(d)
    assert err.value.field == field and problem in err.value.problem


def test_c0_belongs_to_the_lstm_only():
    d = gated("gru", 3, 1, 2, 1, np.random.default_rng(0))
    d["c0"] = [0.0, 0.0]
    with pytest.raises(ScenarioError, match="only the LSTM has a cell state"):
        Scenario.from_dict(d)


@pytest.mark.parametrize("cell", ["lstm", "gru"])
def test_the_command_line_traces_gated_cells_with_the_same_keys(cell):
    text = json.dumps(gated(cell, 4, 2, 3, 1, np.random.default_rng(1)))
    r = subprocess.run([sys.executable, "-m", "rnnviz", "trace", "-"], input=text, capture_output=True, text=True,
                       cwd=ROOT, timeout=60)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert {"sizes", "h", "y", "loss", "dh", "grads", "contribution_norms", "gates"} <= set(out)
    assert ("c" in out and len(out["c"]) == 5) == (cell == "lstm")
    assert set(out["gates"]) == (set("ifgo") if cell == "lstm" else set("rzn"))
    assert set(out["grads"]) == {"W_ih", "W_hh", "b_ih", "b_hh", "W_hy", "b_y"}


def test_round_trip_keeps_c0_and_gated_weights():
    s = Scenario.from_dict(gated("lstm", 3, 2, 2, 1, np.random.default_rng(2)))
    assert Scenario.from_json(s.to_json()) == s and s.to_dict()["c0"] == s.c0.tolist()


def test_the_pages_claim_the_lstm_cell_state_outlives_the_vanilla_gradient():
    """On the page's default: forget bias 3 keeps ||dL/dc_k|| at lag 50 far above the vanilla tanh
    RNN's ||dL/dh_k||; without the bias the LSTM loses it too."""
    s = CellFlowSettings()
    flows = cell_flow(s)
    k = s.T - 50
    vanilla = gradient_norms(flows["rnn"])["‖∂L/∂h_k‖"][k]
    cell_state = gradient_norms(flows["lstm"])["‖∂L/∂c_k‖"][k]
    gru = gradient_norms(flows["gru"])["‖∂L/∂h_k‖"][k]
    assert cell_state > 1e6 * vanilla and gru > 1e6 * vanilla
    unbiased = gradient_norms(cell_flow(CellFlowSettings(gate_bias=0.0))["lstm"])["‖∂L/∂c_k‖"][k]
    assert unbiased < 1e-3 * cell_state


@pytest.mark.parametrize("cell", ["lstm", "gru"])
def test_agrees_with_pytorch_where_it_is_installed(cell):
    """An independent implementation: torch.nn.LSTM / GRU in float64 (torch is not a dependency;
    `pip install torch==2.13.0` runs this)."""
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(3)
    T, m, n = 6, 3, 4
    mod = (torch.nn.LSTM if cell == "lstm" else torch.nn.GRU)(m, n).double()
    params = {"W_ih": mod.weight_ih_l0, "W_hh": mod.weight_hh_l0, "b_ih": mod.bias_ih_l0, "b_hh": mod.bias_hh_l0}
    x, h0, c0 = rng.standard_normal((T, m)), rng.standard_normal(n), rng.standard_normal(n)
    s = Scenario.from_dict({"cell": cell, "output": "identity", "loss": "mse", "loss_at": "every",
                            "inputs": x.tolist(), "targets": np.zeros((T, n)).tolist(), "h0": h0.tolist(),
                            **({"c0": c0.tolist()} if cell == "lstm" else {}),
                            "weights": {**{k: v.detach().numpy().tolist() for k, v in params.items()},
                                        "W_hy": np.eye(n).tolist(), "b_y": [0.0] * n}})
    tr = trace(s)
    state = (torch.tensor(h0)[None, None], torch.tensor(c0)[None, None]) if cell == "lstm" else torch.tensor(h0)[None, None]
    out, _ = mod(torch.tensor(x)[:, None, :], state)
    ((out[:, 0] ** 2).mean(dim=1).sum()).backward()  # mse against 0 at every step, as the scenario
    np.testing.assert_allclose(tr.h[1:], out[:, 0].detach().numpy(), rtol=1e-12, atol=1e-14)
    for name, p in params.items():
        np.testing.assert_allclose(tr.grads[name], p.grad.numpy(), rtol=1e-10, atol=1e-13)


def test_the_pages_chart_in_words_and_numbers():
    """rnnviz.gates_text: the three cells' chart summarised at lag 50, and its numbers, one row per lag."""
    from rnnviz.flow_text import number
    from rnnviz.gates_text import cells_rows, cells_summary

    s = CellFlowSettings(T=60, n=4)
    norms = {cell: gradient_norms(tr) for cell, tr in cell_flow(s).items()}
    rows = cells_rows(norms, s.T)
    assert len(rows) == s.T + 1 and [r["lag T − k"] for r in rows] == list(range(s.T + 1))
    assert rows[50]["LSTM: ‖∂L/∂c_k‖"] == number(float(norms["lstm"]["‖∂L/∂c_k‖"][10]))
    summary = cells_summary(norms, s.T, 50)
    assert f"vanilla RNN (tanh): ‖∂L/∂h_k‖ = {number(float(norms['rnn']['‖∂L/∂h_k‖'][10]))}" in summary
    ratio = float(norms["lstm"]["‖∂L/∂c_k‖"][10] / norms["rnn"]["‖∂L/∂h_k‖"][10])
    assert f"keeps {number(ratio)} times" in summary

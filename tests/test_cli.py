"""`python -m rnnviz`: example, trace, check; strict JSON and exit codes."""

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from rnnviz import Scenario, trace, tutorial_scenario

ROOT = Path(__file__).resolve().parent.parent


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "rnnviz", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, timeout=60)


def strict_loads(text):
    """json.loads that refuses NaN/Infinity tokens, as an RFC 8259 parser does."""
    def refuse(token):
        raise AssertionError(f"non-standard JSON token {token}")
    return json.loads(text, parse_constant=refuse)


def test_example_prints_the_default_scenario():
    r = run("example")
    assert r.returncode == 0, r.stderr
    assert Scenario.from_json(r.stdout) == tutorial_scenario()


def test_trace_round_trip_through_stdin_and_file(tmp_path):
    example = run("example").stdout
    r = run("trace", "-", stdin=example)
    assert r.returncode == 0, r.stderr
    out = strict_loads(r.stdout)
    assert out == trace(tutorial_scenario()).to_dict()
    assert out["h"][1][0] == pytest.approx(0.761594, abs=1e-6)
    assert out["y"][-1][0] == pytest.approx(0.655209, abs=1e-6)
    assert out["loss"] == pytest.approx(1.064816, abs=1e-6)
    path = tmp_path / "s.json"
    path.write_text(example)
    assert strict_loads(run("trace", str(path), "--indent", "2").stdout) == out
    for key in ("h", "z", "y", "loss", "dh", "grads", "grad_norm"):
        assert key in out


def test_trace_with_clip_prints_clipped_gradients():
    s = tutorial_scenario().replace(clip={"mode": "norm", "threshold": 0.1})
    out = strict_loads(run("trace", "-", stdin=s.to_json()).stdout)
    assert out["clipped_norm"] == pytest.approx(0.1, rel=1e-12)
    assert set(out["clipped"]) == set(out["grads"])


def test_check_passes_on_the_example():
    r = run("check", "-", stdin=run("example").stdout)
    assert r.returncode == 0
    assert strict_loads(r.stdout)["passed"] is True


@pytest.mark.parametrize(
    "stdin,message",
    [
        ('{"activation": "tanh"', "error: scenario: not valid JSON"),
        ("[1]", "error: scenario: expected a JSON object, got list"),
        (json.dumps({**json.loads(Scenario.to_json(tutorial_scenario())), "activation": "swish"}),
         "error: activation: unknown 'swish'"),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_exit_2(stdin, message):
    r = run("trace", "-", stdin=stdin)
    assert r.returncode == 2
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(message), r.stderr


def test_missing_file_is_exit_2(tmp_path):
    r = run("trace", str(tmp_path / "nope.json"))
    assert r.returncode == 2
    assert r.stderr.startswith("error: ") and "nope.json" in r.stderr and "Traceback" not in r.stderr


def test_overflowing_scenario_prints_strict_json_with_nulls():
    # linear f, W_hh = 50·I, T = 400: h_t = 50^t·(...) leaves float64 near t = 180
    n = 2
    s = {
        "activation": "linear", "output": "identity", "loss": "mse", "loss_at": "last",
        "inputs": [[1.0]] * 400, "targets": [[0.0]], "h0": [0.0] * n,
        "weights": {"W_xh": [[1.0]] * n, "W_hh": [[50.0, 0.0], [0.0, 50.0]], "b_h": [0.0] * n,
                    "W_hy": [[1.0, 1.0]], "b_y": [0.0]},
        "clip": {"mode": "norm", "threshold": 1.0},
    }
    r = run("trace", "-", stdin=json.dumps(s))
    assert r.returncode == 0, r.stderr
    assert "NaN" not in r.stdout and "Infinity" not in r.stdout
    out = strict_loads(r.stdout)
    step = out["overflow"]["step"]
    assert out["overflow"]["phase"] == "forward" and out["overflow"]["quantity"] == "h"
    # 50^t·t/49-ish passes 1.8e308 between t = 181 and 183
    assert 175 <= step <= 185
    assert all(v is not None and math.isfinite(v) for row in out["h"][:step] for v in row)
    assert out["h"][step][0] is None and out["loss"] is None and out["grad_norm"] is None
    assert out["clipped"] is None and "not finite" in out["clip"]["reason"]


def test_flow_prints_the_lab_numbers_as_strict_json():
    r = run("flow", "--T", "1000", "--n", "4", "--f", "linear", "--matrix", "identity", "--scale", "2")
    assert r.returncode == 0, r.stderr
    d = strict_loads(r.stdout)
    assert d["regime"] == "exploding" and d["rate"] == 2.0
    assert d["overflow"] == {"phase": "forward", "step": 1000, "quantity": "loss"}
    assert math.isclose(d["log10_ratio"][0], 1000 * math.log10(2), rel_tol=1e-9)  # past float64 in the trace
    assert d["clip"]["clipped_norm"] is None and "cannot be rescaled" in d["clip"]["reason"]
    assert d["jacobian"]["k"][0] == 0 and len(d["jacobian"]["k"]) == 201


@pytest.mark.parametrize("args,message", [(("--T", "5000"), "--T: 5000 is outside [1, 1000]"),
                                          (("--f", "softplus"), "--f: 'softplus' is not one of"),
                                          (("--scale", "nan"), "--scale: 'nan' is not a finite number")])
def test_flow_refuses_bad_options_naming_them(args, message):
    r = run("flow", *args)
    assert r.returncode == 2 and message in r.stderr and r.stdout == ""

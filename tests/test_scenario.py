"""The scenario contract: round trips, defaults, and every validation error naming its field."""

import copy
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rnnviz import LIMITS, TUTORIAL_EXAMPLE, Scenario, ScenarioError, trace


def example(**changes):
    d = copy.deepcopy(TUTORIAL_EXAMPLE)
    d.update(changes)
    return d


def two_by_two(**changes):
    d = example(inputs=[[1.0, 0.5], [0.0, -1.0], [0.3, 0.2]], h0=[0.0, 0.0], loss="mse", output="identity",
                targets=[[0.5]],
                weights={"W_xh": [[1.0, 0.0], [0.5, 0.2]], "W_hh": [[0.5, 0.1], [0.0, 0.5]], "b_h": [0.0, 0.1],
                         "W_hy": [[1.0, -1.0]], "b_y": [0.0]})
    d.update(changes)
    return d


def test_round_trip_through_dict_and_json():
    s = Scenario.from_dict(two_by_two(clip={"mode": "value", "threshold": 5}))
    assert Scenario.from_dict(s.to_dict()) == s
    assert Scenario.from_json(s.to_json()) == s
    assert Scenario.from_json(s.to_json(indent=2)).to_json() == s.to_json()
    assert (s.T, s.m, s.n, s.k) == (3, 2, 2, 1)
    assert s.to_dict()["clip"] == {"mode": "value", "threshold": 5.0}


def test_defaults_h0_biases_cell_loss_at_and_clip():
    d = two_by_two()
    for key in ("h0", "cell", "loss_at", "clip"):
        del d[key]
    del d["weights"]["b_h"], d["weights"]["b_y"]
    s = Scenario.from_dict(d)
    assert s.h0.tolist() == [0.0, 0.0] and s.weights["b_h"].tolist() == [0.0, 0.0]
    assert s.weights["b_y"].tolist() == [0.0]
    assert (s.cell, s.loss_at, s.clip) == ("rnn", "last", None)


def test_arrays_are_read_only():
    s = Scenario.from_dict(example())
    with pytest.raises(ValueError):
        s.weights["W_hh"][0, 0] = 2.0


def with_weight(name, value, base=None):
    d = base or two_by_two()
    d["weights"][name] = value
    return d


BIG = LIMITS["T"] + 1
CASES = [
    ("weights.W_hh", "expected 2×2, got 2×3", with_weight("W_hh", [[1, 2, 3], [4, 5, 6]])),
    ("weights.W_xh", "expected 2×2, got 2×1", with_weight("W_xh", [[1], [2]])),
    ("weights.W_hy", "expected 1×2, got 1×3", with_weight("W_hy", [[1, 2, 3]])),
    ("weights.b_h", "expected 2 numbers, got 3", with_weight("b_h", [0, 0, 0])),
    ("weights.b_y", "expected 1 numbers, got 2", with_weight("b_y", [0, 0])),
    ("h0", "expected 2 numbers, got 1", two_by_two(h0=[0.0])),
    ("targets", "expected 1×1, got 1×2", two_by_two(targets=[[1, 2]])),
    ("targets", "expected 3×1, got 1×1", two_by_two(loss_at="every")),
    ("inputs", "ragged rows", two_by_two(inputs=[[1, 2], [3]])),
    ("weights.W_hh", "ragged rows", with_weight("W_hh", [[1, 2], [3]])),
    ("inputs", "empty", two_by_two(inputs=[])),
    ("inputs", "expected a list of rows", two_by_two(inputs=[1, 2])),
    ("inputs[1][0]", "not a number ('a')", two_by_two(inputs=[[1, 2], ["a", 1], [0, 0]])),
    ("inputs[0][1]", "not a number (None)", two_by_two(inputs=[[1, None], [1, 1], [0, 0]])),
    ("inputs[0][0]", "not a number (True)", two_by_two(inputs=[[True, 1], [1, 1], [0, 0]])),
    ("weights.W_hh[1][1]", "NaN is not allowed", with_weight("W_hh", [[1, 2], [3, float("nan")]])),
    ("weights.b_h[0]", "infinity is not allowed", with_weight("b_h", [float("inf"), 0])),
    ("h0[1]", "infinity is not allowed", two_by_two(h0=[0, float("-inf")])),
    ("weights.W_hh[0][0]", "outside ±1e+06", with_weight("W_hh", [[1e308, 0], [0, 0]])),
    ("weights.W_hh[0][0]", "outside ±1e+06", with_weight("W_hh", [[10**400, 0], [0, 0]])),
    ("activation", "unknown 'softplus'", two_by_two(activation="softplus")),
    ("output", "unknown 'tanh'", two_by_two(output="tanh")),
    ("loss", "unknown 'hinge'", two_by_two(loss="hinge")),
    ("loss_at", "unknown 'first'", two_by_two(loss_at="first")),
    ("cell", "unknown 'transformer'", two_by_two(cell="transformer")),
    ("weights.W_xh", "unknown weight for cell lstm", two_by_two(cell="lstm")),
    ("colour", "unknown field", two_by_two(colour="red")),
    ("weights.W_in", "unknown weight", with_weight("W_in", [[1]])),
    ("weights.W_xh", "missing", {**two_by_two(), "weights": {"W_hh": [[1]], "W_hy": [[1]]}}),
    ("weights", "missing", {k: v for k, v in two_by_two().items() if k != "weights"}),
    ("inputs", "missing", {k: v for k, v in two_by_two().items() if k != "inputs"}),
    ("targets", "missing", {k: v for k, v in two_by_two().items() if k != "targets"}),
    ("activation", "missing", {k: v for k, v in two_by_two().items() if k != "activation"}),
    ("loss", "bce needs output sigmoid, got identity", example(output="identity")),
    ("loss", "ce needs output softmax, got sigmoid", example(loss="ce")),
    ("targets", "bce needs targets in [0, 1]", example(targets=[[2.0]])),
    ("targets", "sum to 1", example(loss="ce", output="softmax", targets=[[0.5]])),
    ("inputs", f"T = {BIG} exceeds the limit {LIMITS['T']}", two_by_two(inputs=[[0.0, 0.0]] * BIG)),
    ("inputs", f"m = {LIMITS['m'] + 1} exceeds", example(inputs=[[0.0] * (LIMITS["m"] + 1)])),
    ("weights.W_hh", f"n = {LIMITS['n'] + 1} exceeds", with_weight("W_hh", [[0.0]] * (LIMITS["n"] + 1))),
    ("clip", "expected null or an object", two_by_two(clip="norm")),
    ("clip.mode", "unknown 'l1'", two_by_two(clip={"mode": "l1", "threshold": 1})),
    ("clip.threshold", "must be > 0", two_by_two(clip={"mode": "norm", "threshold": 0})),
    ("clip.threshold", "missing", two_by_two(clip={"mode": "norm"})),
    ("clip.max", "unknown field", two_by_two(clip={"mode": "norm", "threshold": 1, "max": 2})),
    ("scenario", "expected a JSON object, got list", [1, 2]),
]


@pytest.mark.parametrize("field,problem,data", CASES, ids=[f"{c[0]}:{c[1][:20]}" for c in CASES])
def test_validation_error_names_the_field(field, problem, data):
    with pytest.raises(ScenarioError) as info:
        Scenario.from_dict(data)
    assert info.value.field == field
    assert problem in info.value.problem
    assert str(info.value).startswith(f"{field}: ")


@pytest.mark.parametrize("text", ["", "{", "[1, 2]", "3", '"x"', "null", "NaN", '{"a": NaN}'])
def test_from_json_rejects_what_is_not_a_scenario(text):
    with pytest.raises(ScenarioError):
        Scenario.from_json(text)


def test_from_json_reports_nan_tokens_by_field():
    d = two_by_two()
    text = json.dumps(d).replace('"b_h": [0.0, 0.1]', '"b_h": [NaN, 0.1]')
    with pytest.raises(ScenarioError, match=r"^weights\.b_h\[0\]: NaN is not allowed"):
        Scenario.from_json(text)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    data=st.one_of(
        json_values,
        # near-valid: the tutorial example with one field replaced by arbitrary JSON
        st.tuples(st.sampled_from(sorted(TUTORIAL_EXAMPLE)), json_values).map(lambda kv: example(**{kv[0]: kv[1]})),
    )
)
def test_arbitrary_json_gives_a_scenario_or_a_scenario_error(data):
    try:
        s = Scenario.from_dict(data)
    except ScenarioError:
        return
    tr = trace(s)
    if tr.overflow is None:  # then every number of the trace is finite: none became null
        d = tr.to_dict()
        for key in ("h", "z", "fprime", "o", "y", "loss_steps", "loss", "dy", "do", "dh", "dz", "grads", "grad_norm"):
            assert "null" not in json.dumps(d[key]), key


def in_chinese(fn, *args):
    """fn(*args) with 简体中文 in use, in a context of its own (the tests' language stays English)."""
    import contextvars

    from rnnviz import i18n

    ctx = contextvars.copy_context()
    ctx.run(i18n.use, "zh")
    return ctx.run(fn, *args)


def _problem(data):
    try:
        Scenario.from_dict(data) if isinstance(data, dict) else Scenario.from_json(data)
    except ScenarioError as exc:
        return exc.field, exc.problem
    raise AssertionError("no ScenarioError")


def test_validation_messages_are_translated_and_english_by_default():
    bad_rows = example(weights={"W_xh": [[1.0]], "W_hh": [[1.0], [2.0]], "W_hy": [[1.0]]})
    assert _problem(bad_rows) == ("weights.W_xh", "expected 2×1, got 1×1")
    assert in_chinese(_problem, bad_rows) == ("weights.W_xh", "应为 2×1，实际为 1×1")
    big = example(weights={"W_xh": [[1.0]], "W_hh": [[1e308]], "W_hy": [[1.0]]})
    assert in_chinese(_problem, big) == ("weights.W_hh[0][0]", "1e+308 超出 ±1e+06")
    field, problem = in_chinese(_problem, "{ nope")
    assert field == "scenario" and problem == "不是有效的 JSON（此处应为用双引号括起的属性名：第 1 行第 3 列（字符 2））"
    assert _problem("{ nope")[1] == "not valid JSON (Expecting property name enclosed in double quotes: line 1 column 3 (char 2))"

"""Stacked layers, optimizers, training and the cliff, against hand-computed values and finite differences."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rnnviz import cliff
from rnnviz.clipping import clip_gradients, global_norm
from rnnviz.optimizers import Optimizer
from rnnviz.stacked import backward, flatten, forward, init_params
from rnnviz.tasks import TUTORIAL_LOSS_FLOOR, make_task
from rnnviz.training import TrainSettings, clipping_never_acts, train


# --- stacked layers: BPTT through every layer, by central differences -----------------------------

@settings(max_examples=40, deadline=None)
@given(sizes=st.lists(st.integers(1, 4), min_size=1, max_size=3), m=st.integers(1, 3), k=st.integers(1, 2),
       T=st.integers(1, 6), B=st.integers(1, 4), f=st.sampled_from(["tanh", "sigmoid", "linear"]),
       loss=st.sampled_from(["bce", "mse"]), seed=st.integers(0, 2**31 - 1))
def test_stacked_gradients_match_central_differences(sizes, m, k, T, B, f, loss, seed):
    rng = np.random.default_rng(seed)
    params = init_params(sizes, m, k, rng, "small")
    for _, a in flatten(params):
        a += 0.5 * rng.standard_normal(a.shape)
    x = rng.standard_normal((T, B, m))
    y = rng.integers(0, 2, size=(B, k)).astype(float) if loss == "bce" else rng.standard_normal((B, k))
    value, _, cache = forward(params, x, f, loss, y)
    analytic = dict(flatten(backward(params, cache)))
    eps = 1e-6
    for name, a in flatten(params):
        for idx in np.ndindex(a.shape):
            old = a[idx]
            a[idx] = old + eps
            up = forward(params, x, f, loss, y)[0]
            a[idx] = old - eps
            down = forward(params, x, f, loss, y)[0]
            a[idx] = old
            numeric = (up - down) / (2 * eps)
            # float64 differences resolve about 1e-16 · |L| / eps: an absolute floor beside 1e-6 relative
            assert abs(numeric - analytic[name][idx]) <= 1e-6 * abs(numeric) + 1e-9 * max(1.0, abs(value)), name


# --- optimizers against hand-computed updates ------------------------------------------------------

def test_momentum_two_steps_by_hand():
    p = np.array([1.0, -2.0])
    opt = Optimizer("momentum", [p], lr=0.1, momentum=0.9)
    opt.step([np.array([0.5, 1.0])])     # v = g = (0.5, 1);            p = (1 - 0.05, -2 - 0.1)
    np.testing.assert_allclose(p, [0.95, -2.1], rtol=1e-15)
    opt.step([np.array([0.5, -1.0])])    # v = 0.9 v + g = (0.95, -0.1); p -= 0.1 v
    np.testing.assert_allclose(p, [0.95 - 0.095, -2.1 + 0.01], rtol=1e-14)


def test_adam_two_steps_by_hand():
    p = np.array([1.0])
    opt = Optimizer("adam", [p], lr=0.01, beta1=0.9, beta2=0.999, eps=1e-7)
    g1, g2 = 2.0, -1.0
    opt.step([np.array([g1])])
    # step 1: m = 0.1·2 = 0.2, v = 0.001·4 = 0.004; m_hat = 2, v_hat = 4: step lr·2/(2 + eps)
    want = 1.0 - 0.01 * 2.0 / (2.0 + 1e-7)
    np.testing.assert_allclose(p, [want], rtol=1e-15)
    opt.step([np.array([g2])])
    m = 0.9 * 0.2 + 0.1 * g2                   # 0.08
    v = 0.999 * 0.004 + 0.001 * g2 ** 2        # 0.004996
    m_hat, v_hat = m / (1 - 0.9 ** 2), v / (1 - 0.999 ** 2)
    want -= 0.01 * m_hat / (math.sqrt(v_hat) + 1e-7)
    np.testing.assert_allclose(p, [want], rtol=1e-14)


def test_sgd_step():
    p = np.array([[1.0, 2.0]])
    Optimizer("sgd", [p], lr=0.5).step([np.array([[2.0, -2.0]])])
    np.testing.assert_array_equal(p, [[0.0, 3.0]])


# --- the tutorial's data ---------------------------------------------------------------------------

def test_the_tutorial_data_and_its_floor():
    task = make_task("tutorial", 2, 0, np.random.default_rng(0))
    assert task.x.shape == (2, 5, 1) and task.y[:, 0].tolist() == [0, 0, 1, 1, 0]
    assert task.x[:, 0, 0].tolist() == [1, 0] and task.x[:, 3, 0].tolist() == [1, 0]  # [1,0] twice, labels 0 and 1
    assert TUTORIAL_LOSS_FLOOR == pytest.approx(0.277259, abs=1e-6)


def test_adam_reaches_the_floor_and_never_goes_below():
    run = train(TrainSettings(hidden=2, lr=0.05, epochs=600, seed=42))
    assert run.losses[-1] <= 1.02 * TUTORIAL_LOSS_FLOOR
    assert np.all(run.losses >= TUTORIAL_LOSS_FLOOR - 1e-12)
    assert np.nanmax(run.accuracies) <= 0.8


def test_the_tutorials_one_unit_model_stalls_reading_only_the_first_input():
    """One unit per layer: Adam settles where the three sequences starting with 1 share one
    prediction, 2/3: loss (3/5)·H(1/3) ≈ 0.3819, 1.38 × the floor, still 80 % accurate."""
    run = train(TrainSettings(lr=0.05, epochs=1500, seed=42))
    stall = 0.6 * -(2 / 3 * math.log(2 / 3) + 1 / 3 * math.log(1 / 3))
    assert run.losses[-1] == pytest.approx(stall, rel=2e-3)
    assert run.accuracies[-1] == 0.8


def test_a_run_is_reproduced_by_its_settings():
    a, b = train(TrainSettings(epochs=5)), train(TrainSettings(epochs=5))
    np.testing.assert_array_equal(a.losses, b.losses)
    assert train(TrainSettings(epochs=5, seed=1)).losses[-1] != a.losses[-1]


def plain_training_losses(s: TrainSettings) -> tuple[list, list]:
    """The training loop written out the plain way, as a reference for train()'s packed one: every
    parameter its own array and optimizer slot, a forward pass for every batch (shuffled), clipping
    on the named gradients. Returns (loss after every epoch, every update's gradient norm)."""
    rng = np.random.default_rng(s.seed)
    task = make_task(s.task, s.T, s.examples, rng)
    params = init_params([s.hidden] * s.layers, task.x.shape[2], task.y.shape[1], rng, s.init)
    opt = Optimizer(s.optimizer, [a for _name, a in flatten(params)], s.lr)
    losses, norms = [forward(params, task.x, s.f, task.loss, task.y)[0]], []
    for _epoch in range(s.epochs):
        order = rng.permutation(task.x.shape[1])
        for start in range(0, len(order), s.batch_size):
            batch = order[start:start + s.batch_size]
            cache = forward(params, task.x[:, batch], s.f, task.loss, task.y[batch])[2]
            grads = dict(flatten(backward(params, cache)))
            if s.clip != "none":
                grads = clip_gradients(grads, s.clip, s.theta).grads
            norms.append(global_norm(dict(flatten(backward(params, cache)))))
            opt.step(list(grads.values()))
        losses.append(forward(params, task.x, s.f, task.loss, task.y)[0])
    return losses, norms


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
@pytest.mark.parametrize("clip", ["none", "norm", "value"])
@pytest.mark.parametrize("task, batch_size", [("tutorial", 32), ("tutorial", 2), ("adding", 16)])
def test_training_matches_the_plain_loop(optimizer, clip, task, batch_size):
    """train() packs the parameters into one vector and reuses the evaluation's forward pass when
    one batch is the whole data set; neither may change a run beyond the order of float sums."""
    s = TrainSettings(task=task, T=6, examples=48, hidden=3, optimizer=optimizer, lr=0.05, epochs=30,
                      batch_size=batch_size, clip=clip, theta=0.02)
    run = train(s)
    losses, norms = plain_training_losses(s)
    # rounding (~1e-16) grows over the updates, Adam's most: ~1e-11 after 90 updates here
    np.testing.assert_allclose(run.losses, losses, rtol=1e-9, atol=0)
    np.testing.assert_allclose(run.grad_norms, norms, rtol=1e-9, atol=0)
    assert clip == "none" or run.clipped.any()  # θ = 0.02 acts, so clipping is tested too


def test_norm_clipping_bounds_every_update():
    run = train(TrainSettings(task="adding", T=30, hidden=8, layers=1, f="tanh", lr=0.05, epochs=3,
                              clip="norm", theta=0.01))
    assert run.clipped.any() and len(run.grad_norms) == 3 * math.ceil(256 / 32)


@pytest.mark.parametrize("clip", ["norm", "value"])
@pytest.mark.parametrize("task, batch_size", [("tutorial", 32), ("first_bit", 8)])
def test_a_clipped_run_whose_threshold_no_gradient_reaches_is_the_unclipped_run(clip, task, batch_size):
    plain = train(TrainSettings(task=task, T=4, examples=32, batch_size=batch_size, epochs=40, lr=0.05))
    top = float(plain.grad_norms.max())
    above = TrainSettings(task=task, T=4, examples=32, batch_size=batch_size, epochs=40, lr=0.05, clip=clip,
                          theta=top * 1.001)
    read_off = clipping_never_acts(plain, above)
    trained = train(above)
    assert not trained.clipped.any()
    assert read_off.settings == above and read_off.records == trained.records  # every float, bit for bit
    for name in trained.params:
        np.testing.assert_array_equal(read_off.params[name], trained.params[name])
    # below the longest gradient clipping may act (norm clipping does), or the runs differ otherwise: train those
    below = TrainSettings(task=task, T=4, examples=32, batch_size=batch_size, epochs=40, lr=0.05, clip=clip,
                          theta=top * 0.9)
    assert clipping_never_acts(plain, below) is None
    assert train(below).clipped.any() or clip == "value"  # a component may be shorter than the vector
    assert clipping_never_acts(plain, TrainSettings(task=task, T=4, examples=32, batch_size=batch_size, epochs=40,
                                                    lr=0.1, clip=clip, theta=top * 2)) is None
    assert clipping_never_acts(None, above) is None
    assert clipping_never_acts(plain, plain.settings) is None  # no clipping asked


def test_memory_tasks_need_memory():
    short = train(TrainSettings(task="first_bit", T=5, hidden=8, layers=1, f="tanh", lr=0.01, epochs=20))
    assert short.accuracies[-1] >= 0.95


# --- the cliff -------------------------------------------------------------------------------------

def test_the_cliff_along_b_minus_2_5():
    E, dw, _ = cliff.loss_and_grad(np.array([4.80, 4.84]), -2.5)
    assert E[0] == pytest.approx(0.3176, abs=5e-4) and E[1] == pytest.approx(0.0079, abs=5e-4)
    ws = np.linspace(4.7, 4.95, 2501)
    E = cliff.loss_and_grad(ws, -2.5)[0]
    wall = ws[np.argmax(np.abs(np.diff(E)))]
    assert wall == pytest.approx(4.8193, abs=2e-4)
    _, dw, _ = cliff.loss_and_grad(wall, -2.5)
    assert abs(dw) > 100


def test_the_cliff_surface_median_gradient_and_scalar_path():
    ws, bs, E, grad = cliff.surface(points=200)
    assert E.shape == (200, 200) and np.median(grad) == pytest.approx(0.02, abs=0.005)
    for w, b in [(4.819, -2.5), (1.0, -1.0), (9.0, -4.5)]:
        np.testing.assert_allclose(cliff.loss_and_grad_at(w, b), [float(v) for v in cliff.loss_and_grad(w, b)],
                                   rtol=1e-12)


def test_cliff_gradient_by_central_differences():
    for w, b in [(3.0, -1.0), (4.81, -2.5), (7.0, -4.0)]:
        _, dw, db = cliff.loss_and_grad_at(w, b)
        eps = 1e-7
        nw = (cliff.loss_and_grad_at(w + eps, b)[0] - cliff.loss_and_grad_at(w - eps, b)[0]) / (2 * eps)
        nb = (cliff.loss_and_grad_at(w, b + eps)[0] - cliff.loss_and_grad_at(w, b - eps)[0]) / (2 * eps)
        assert dw == pytest.approx(nw, rel=1e-5, abs=1e-9) and db == pytest.approx(nb, rel=1e-5, abs=1e-9)


def test_clipping_keeps_gradient_descent_off_the_cliff():
    wild = cliff.descend(4.5, -2.5, lr=0.1, steps=200)
    tame = cliff.descend(4.5, -2.5, lr=0.1, steps=200, clip=1.0)
    assert wild.grad_norm.max() > 10 and tame.clipped.any()
    assert tame.E[-1] < 1e-3 < wild.E[-1]


def test_bifurcation_at_w_5():
    lo, hi = cliff.bistable_interval(5.0)
    assert lo == pytest.approx(-2.6556, abs=1e-4) and hi == pytest.approx(-2.3444, abs=1e-4)
    assert [stable for _, stable in cliff.fixed_points(-2.5)] == [True, False, True]
    assert len(cliff.fixed_points(-3.0)) == 1 and len(cliff.fixed_points(-2.0)) == 1


def test_the_folds_are_fixed_points_where_w_sigma_prime_is_1():
    for b, x in cliff.fold_points(5.0):
        s = 1 / (1 + math.exp(-x))
        assert x == pytest.approx(5.0 * s + b, abs=1e-12)         # a fixed point
        assert 5.0 * s * (1 - s) == pytest.approx(1.0, abs=1e-12)  # where the attractor and the repeller meet


def test_the_bifurcation_is_drawn_as_three_curves_joined_at_the_folds():
    from rnnviz.charts_training import bifurcation_branches

    bs = np.linspace(-4.0, -1.0, 301)
    points = [(float(b), x, stable) for b in bs for x, stable in cliff.fixed_points(float(b))]
    curves = bifurcation_branches(points)
    (b_left, x_left), (b_right, x_right) = cliff.fold_points()
    lower, middle, upper = (curves[name] for name in ("lower", "middle", "upper"))
    assert (upper[0][0], upper[1][0]) == (middle[0][0], middle[1][0]) == (b_left, x_left)
    assert (lower[0][-1], lower[1][-1]) == (middle[0][-1], middle[1][-1]) == (b_right, x_right)
    # every fixed point is on exactly one curve, attractors on the solid ones, repellers on the dotted one
    on = {name: set(zip(*curves[name])) for name in curves}
    for b, x, stable in points:
        homes = [name for name in on if (b, x) in on[name]]
        assert len(homes) == 1 and (homes[0] in ("lower", "upper") if stable else homes[0] == "middle")
    assert all(np.diff(c[0]).min() > 0 for c in (lower, middle, upper))  # each a curve over b
    assert sum(len(c[0]) for c in (lower, middle, upper)) == len(points) + 4  # the points and the folds, twice


def test_the_work_budget_lowers_epochs_only_when_needed():
    from rnnviz.training import WORK_BUDGET, epoch_work, within_budget

    assert within_budget(TrainSettings(epochs=2000)).epochs == 2000  # the tutorial: 4 steps × layers per epoch
    big = TrainSettings(task="adding", T=200, layers=3, batch_size=1, epochs=2000)
    cut = within_budget(big)
    assert 1 <= cut.epochs < 2000 and cut.epochs * epoch_work(big) <= max(WORK_BUDGET, epoch_work(big))


# --- what the pages write about it: summaries, tables and the runs' names, in both languages -------

def _in_chinese(fn, *args):
    """fn(*args) with Chinese in use, in a copy of the context (the rest of the tests stay English)."""
    import contextvars

    from rnnviz import i18n

    ctx = contextvars.copy_context()
    ctx.run(i18n.use, "zh")
    return ctx.run(fn, *args)


def test_run_names_are_the_labels_the_english_tests_read():
    from rnnviz.training_text import run_label

    assert run_label("none", 1.0) == "without clipping"
    assert run_label("norm", 1.0) == "with norm clipping, θ = 1"
    assert run_label("value", 0.05) == "with value clipping, θ = 0.05"
    assert _in_chinese(run_label, "norm", 0.5) == "按范数裁剪，θ = 0.5"


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # the linear run overflows: that is the point
def test_a_stopped_run_says_why_in_the_language_in_use():
    run = train(TrainSettings(task="adding", T=50, f="linear", optimizer="sgd", lr=0.5, hidden=16, layers=1,
                              epochs=5))
    last = run.records[-1]
    assert last.stopped == f"the gradient was not finite at epoch {last.epoch}: the weights left float64's range"
    assert last.why_stopped() == last.stopped
    assert _in_chinese(last.why_stopped) == f"第 {last.epoch} 轮的梯度不是有限值：权重超出了 float64 的范围"


def test_the_training_chart_summary_and_table_hold_its_numbers():
    from rnnviz.training_text import CHART_ROWS, training_rows, training_summary

    runs = {"without clipping": train(TrainSettings(lr=0.05, epochs=400)),
            "with norm clipping, θ = 1": train(TrainSettings(lr=0.05, epochs=400, clip="norm"))}
    rows = training_rows(runs)
    assert len(rows) <= CHART_ROWS + 1 and rows[0]["epoch"] == 0 and rows[-1]["epoch"] == 400
    plain = runs["without clipping"]
    assert rows[-1]["loss, without clipping"] == f"{plain.losses[-1]:.5g}"
    assert rows[-1]["accuracy, without clipping"] == "80%"
    summary = training_summary(runs, TUTORIAL_LOSS_FLOOR, None, 1.0)
    assert f"{plain.losses[-1]:.4f} at epoch 400" in summary and f"{TUTORIAL_LOSS_FLOOR:.4f}" in summary
    zh_rows = _in_chinese(training_rows, runs)
    assert zh_rows[-1]["损失（without clipping）"] == rows[-1]["loss, without clipping"]


def test_the_cliff_tables_hold_the_descents_not_the_surface():
    from rnnviz.training_text import (CHART_ROWS, bifurcation_rows, bifurcation_summary, cliff_rows, cliff_summary,
                                      descent_rows, descent_summary)

    paths = {"without clipping": cliff.descend(4.5, -2.5, 0.1, 1000),
             "with norm clipping, θ = 1": cliff.descend(4.5, -2.5, 0.1, 1000, clip=1.0)}
    rows = cliff_rows(paths)
    assert len(rows) <= CHART_ROWS + 1 and rows[0]["step"] == 0 and rows[-1]["step"] == 1000
    assert rows[-1]["w, with norm clipping, θ = 1"] == f"{paths['with norm clipping, θ = 1'].w[-1]:.5g}"
    ws, bs, E, _grad = cliff.surface(points=50)
    assert "ends at w =" in cliff_summary(ws, bs, E, paths)
    steps = descent_rows(paths)
    assert steps[-1]["‖∇E‖ before clipping, without clipping"] == ""  # E has one more entry than the steps
    tame = paths["with norm clipping, θ = 1"]
    assert f"shortened {int(tame.clipped.sum())} of 1000 steps" in descent_summary(paths, 1.0)
    bs = np.linspace(-4.0, -1.0, 301)
    branches = [(b, x, stable) for b in bs for x, stable in cliff.fixed_points(float(b))]
    table = bifurcation_rows(bs, branches)
    assert 100 <= len(table) <= 2 * CHART_ROWS and {r["kind"] for r in table} == {"attracting", "repelling"}
    assert "(-2.656, -2.344)" in bifurcation_summary(bs, branches, cliff.bistable_interval())

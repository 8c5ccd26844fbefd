"""The training and cliff pages in AppTest: the numbers they show are the engine's, for their defaults and extremes."""

from __future__ import annotations

import pytest

from apptest_helpers import metrics, open_page, printed_nans
from rnnviz.cliff import descend
from rnnviz.tasks import TUTORIAL_LOSS_FLOOR
from rnnviz.training import TrainSettings, train


def test_training_defaults_show_the_stall_and_the_floor():
    at = open_page("pages/training.py")
    assert not at.exception
    run = train(TrainSettings(lr=0.05, epochs=300))
    shown = metrics(at)
    assert shown["final loss, without clipping"] == f"{run.losses[-1]:.4f}"
    assert shown["accuracy, without clipping"] == "80%"
    text = " ".join(m.value for m in at.markdown)
    assert f"{TUTORIAL_LOSS_FLOOR:.4f}" in text and "stalls" in text
    assert "coincide" in " ".join(c.value for c in at.caption)  # θ = 1 never acts on this run
    assert not printed_nans(at)


def test_two_units_reach_the_floor_on_the_page():
    at = open_page("pages/training.py", units="2", epochs="600")
    assert not at.exception
    assert float(metrics(at)["final loss, without clipping"]) <= 1.02 * TUTORIAL_LOSS_FLOOR
    assert "stalls" not in " ".join(m.value for m in at.markdown)


@pytest.mark.parametrize("query", [
    {"task": "adding", "seq_len": "50", "units": "8", "layers": "1", "act": "tanh", "epochs": "5", "train_theta": "0.05"},
    {"task": "first_bit", "seq_len": "200", "units": "16", "layers": "3", "epochs": "2", "batch": "256"},
    {"optimizer": "sgd", "rate": "0.5", "epochs": "50", "train_clip": "value", "train_theta": "0.05"},
    {"optimizer": "momentum", "act": "relu", "init": "small", "epochs": "50"},
])
def test_training_extremes_render(query):
    at = open_page("pages/training.py", **query)
    assert not at.exception
    assert not printed_nans(at)
    assert len(at.get("echarts_chart")) == 1


def test_the_cliff_defaults_clipping_lands_the_plain_run_does_not():
    at = open_page("pages/cliff.py")
    assert not at.exception
    shown = metrics(at)
    assert shown["final E, without clipping"] == f"{descend(4.5, -2.5, 0.1, 200).E[-1]:.3g}"
    assert shown["final E, with norm clipping, θ = 1"] == f"{descend(4.5, -2.5, 0.1, 200, clip=1.0).E[-1]:.3g}"
    assert float(shown["final E, with norm clipping, θ = 1"]) < 1e-3 < float(shown["final E, without clipping"])
    assert len(at.get("echarts_chart")) == 3


@pytest.mark.parametrize("query", [{"w0": "0", "b0": "-5", "step_size": "2", "descent_steps": "1000"},
                                   {"w0": "10", "b0": "0", "clip_theta": "0.05"}])
def test_the_cliff_extremes_render(query):
    at = open_page("pages/cliff.py", **query)
    assert not at.exception and not printed_nans(at)


def test_stop_shows_what_was_trained_and_does_not_start_again():
    from rnnviz.training import TrainSettings
    from rnnviz.ui.training import PARTIAL, STOPPED

    at = open_page("pages/training.py", epochs="7")
    plain, clipped = TrainSettings(lr=0.05, epochs=7, clip="none"), TrainSettings(lr=0.05, epochs=7, clip="norm")
    partial = train(TrainSettings(lr=0.05, epochs=3, clip="none"))  # as if stopped at epoch 3 of the first run
    partial.settings = plain
    empty = train(TrainSettings(lr=0.05, epochs=0))
    at.session_state[PARTIAL] = ((plain, clipped), [partial, empty])
    at.session_state[STOPPED] = (plain, clipped)
    at.run()
    assert not at.exception
    assert "Stopped: the vermillion run after epoch 3, the blue one after epoch 0 of 7" in " ".join(i.value for i in at.info)
    assert metrics(at)["final loss, without clipping"] == f"{partial.losses[-1]:.4f}"


# --- in Chinese, and every chart readable without seeing it -------------------------------------

NUMBERS = "本图的数据"  # the expander under every chart ("The numbers in this chart")


def _captions(at) -> str:
    return "\n".join(c.value for c in at.caption)


def test_the_training_page_in_chinese_shows_the_engines_loss():
    at = open_page("pages/training.py", lang="zh")
    assert not at.exception
    run = train(TrainSettings(lr=0.05, epochs=300))
    clipped = train(TrainSettings(lr=0.05, epochs=300, clip="norm"))
    shown = metrics(at)
    assert shown["最终损失（不裁剪）"] == f"{run.losses[-1]:.4f}"
    assert shown["最终损失（按范数裁剪，θ = 1）"] == f"{clipped.losses[-1]:.4f}"
    assert shown["准确率（不裁剪）"] == "80%"
    assert "训练：优化器、梯度裁剪与数据的损失下限" in [t.value for t in at.title]
    assert f"{TUTORIAL_LOSS_FLOOR:.4f}" in " ".join(m.value for m in at.markdown)


def test_the_training_chart_has_its_summary_and_table():
    at = open_page("pages/training.py")
    run = train(TrainSettings(lr=0.05, epochs=300))
    assert len(at.get("echarts_chart")) == 1
    assert [e.label for e in at.expander].count("The numbers in this chart") == 1
    assert f"without clipping: loss {run.losses[0]:.4f} at epoch 0, {run.losses[-1]:.4f} at epoch 300" in _captions(at)
    table = at.dataframe[0].value
    assert table["loss, without clipping"].iloc[-1] == f"{run.losses[-1]:.5g}" and len(table) <= 201
    zh = open_page("pages/training.py", lang="zh")
    assert [e.label for e in zh.expander].count(NUMBERS) == 1
    assert f"不裁剪：损失在第 0 轮为 {run.losses[0]:.4f}" in _captions(zh)


def test_the_cliff_page_in_chinese_shows_the_engines_descent():
    at = open_page("pages/cliff.py", lang="zh")
    assert not at.exception
    shown = metrics(at)
    assert shown["最终 E（不裁剪）"] == f"{descend(4.5, -2.5, 0.1, 200).E[-1]:.3g}"
    assert shown["最终 E（按范数裁剪，θ = 1）"] == f"{descend(4.5, -2.5, 0.1, 200, clip=1.0).E[-1]:.3g}"
    assert shown["裁剪前最大的 ‖∇E‖（不裁剪）"] == f"{descend(4.5, -2.5, 0.1, 200).grad_norm.max():.3g}"


def test_every_cliff_chart_has_its_summary_and_table():
    plain, tame = descend(4.5, -2.5, 0.1, 200), descend(4.5, -2.5, 0.1, 200, clip=1.0)
    for lang, label in (("en", "The numbers in this chart"), ("zh", NUMBERS)):
        at = open_page("pages/cliff.py", lang=lang)
        assert len(at.get("echarts_chart")) == 3
        assert [e.label for e in at.expander].count(label) == 3 and len(at.dataframe) == 3
        captions = _captions(at)
        assert f"w = {plain.w[-1]:.3g}" in captions and f"b = {plain.b[-1]:.3g}" in captions  # the paths' ends
        assert f"{int(tame.clipped.sum())}" in captions and f"{plain.E[0]:.3g}" in captions  # loss and norm per step
        assert "(-2.656, -2.344)" in captions                                    # the bifurcation
        surface, descent, _fixed = (frame.value for frame in at.dataframe)
        assert len(surface) == 201 and len(descent) == 201   # the descents' 201 points, not the 200 × 200 surface


def test_only_a_long_run_offers_a_stop_button():
    """The default run trains in about 0.1 s: a Stop button would flash on and off at every change."""
    from rnnviz.training import within_budget
    from rnnviz.ui.training import worth_stopping

    default = TrainSettings(lr=0.05, epochs=300)
    assert not worth_stopping([default, TrainSettings(lr=0.05, epochs=300, clip="norm")])
    assert worth_stopping([within_budget(TrainSettings(task="adding", T=200, layers=3, hidden=16, batch_size=1,
                                                       epochs=2000))])

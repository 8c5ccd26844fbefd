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
    assert len(at.get("plotly_chart")) == 1


def test_the_cliff_defaults_clipping_lands_the_plain_run_does_not():
    at = open_page("pages/cliff.py")
    assert not at.exception
    shown = metrics(at)
    assert shown["final E, without clipping"] == f"{descend(4.5, -2.5, 0.1, 200).E[-1]:.3g}"
    assert shown["final E, with norm clipping, θ = 1"] == f"{descend(4.5, -2.5, 0.1, 200, clip=1.0).E[-1]:.3g}"
    assert float(shown["final E, with norm clipping, θ = 1"]) < 1e-3 < float(shown["final E, without clipping"])
    assert len(at.get("plotly_chart")) == 3


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

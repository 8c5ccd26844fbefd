"""Training a stacked RNN (rnnviz.stacked) on a task (rnnviz.tasks) with an optimizer and clipping.

train_epochs(settings) yields one EpochRecord per epoch, so a page can draw while it trains and
stop between epochs; train(settings) runs to the end. Every random number (initial weights, data,
shuffling) comes from np.random.default_rng(settings.seed), so a run is reproduced by its settings.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np

from .clipping import clip_gradients, global_norm
from .i18n import N_, _
from .optimizers import Optimizer
from .stacked import backward, flat_gradient, forward, init_params, packed
from .tasks import Task, make_task


@dataclass(frozen=True)
class TrainSettings:
    """Hashable: a page caches finished runs on it. T and examples apply to the memory tasks only
    (the tutorial's data is fixed). batch_size as Keras: the 5 tutorial sequences in one batch."""

    task: str = "tutorial"
    T: int = 2
    examples: int = 256
    layers: int = 2
    hidden: int = 1
    f: str = "sigmoid"
    optimizer: str = "adam"
    lr: float = 0.001
    epochs: int = 100
    batch_size: int = 32
    seed: int = 42
    init: str = "keras"
    clip: str = "none"
    theta: float = 1.0


# Work one run may take on a shared server, in recurrent steps × layers × updates, where every
# 14 sequences in a batch count as one more update (measured here: ~35 µs per update-step of
# overhead, ~2.5 µs per sequence-step). 140 000 is about 5 s at any size.
WORK_BUDGET = 140_000
SEQUENCES_PER_UPDATE = 14


def epoch_work(s: TrainSettings) -> float:
    """The work of one epoch (see WORK_BUDGET); the tutorial's data is 5 sequences of 2 steps."""
    B, T = (5, 2) if s.task == "tutorial" else (s.examples, s.T)
    return T * s.layers * (math.ceil(B / s.batch_size) + B / SEQUENCES_PER_UPDATE)


def within_budget(s: TrainSettings) -> TrainSettings:
    """s, with epochs lowered (never below 1) so the run's work stays within WORK_BUDGET."""
    return replace(s, epochs=max(1, min(s.epochs, int(WORK_BUDGET // epoch_work(s)))))


@dataclass(frozen=True)
class EpochRecord:
    """After epoch `epoch` (0: before training): the loss and accuracy over the whole training set,
    and the global gradient norm of every update of this epoch, before clipping (grad_norms), with
    whether clipping changed it (clipped). stopped: why training stops here, else None."""

    epoch: int
    loss: float
    accuracy: float | None
    grad_norms: tuple = ()
    clipped: tuple = ()
    stopped: str | None = None

    def why_stopped(self) -> str | None:
        """`stopped` in the language in use (rnnviz.i18n): records are shared by every session, so
        they keep the English and each page translates it."""
        for reason in STOP_REASONS:
            if self.stopped == reason.format(epoch=self.epoch):
                return _(reason).format(epoch=self.epoch)
        return self.stopped


GRADIENT_NOT_FINITE = N_("the gradient was not finite at epoch {epoch}: the weights left float64's range")
LOSS_NOT_FINITE = N_("the loss was not finite after epoch {epoch}")
STOP_REASONS = (GRADIENT_NOT_FINITE, LOSS_NOT_FINITE)


@dataclass
class Run:
    """A whole run: settings, one record per epoch (epoch 0 first), the final parameters."""

    settings: TrainSettings
    task: Task
    records: list = field(default_factory=list)
    params: dict | None = None

    @property
    def losses(self) -> np.ndarray:
        return np.array([r.loss for r in self.records])

    @property
    def accuracies(self) -> np.ndarray:
        return np.array([np.nan if r.accuracy is None else r.accuracy for r in self.records])

    @property
    def grad_norms(self) -> np.ndarray:
        """Every update's gradient norm before clipping, in order (epochs × batches)."""
        return np.array([g for r in self.records for g in r.grad_norms])

    @property
    def clipped(self) -> np.ndarray:
        return np.array([c for r in self.records for c in r.clipped], dtype=bool)


def evaluate(params: dict, task: Task, f: str) -> tuple[float, float | None, dict]:
    """(loss, accuracy, cache) over the whole data set; accuracy (threshold 1/2) for BCE tasks only;
    cache: forward's, for backward."""
    loss, yhat, cache = forward(params, task.x, f, task.loss, task.y)
    if task.loss != "bce":
        return loss, None, cache
    return loss, float(np.mean((yhat >= 0.5) == (task.y >= 0.5))), cache


def train_epochs(s: TrainSettings):
    """Yield the Run (once, first, with its task and initial params), then one EpochRecord per epoch."""
    rng = np.random.default_rng(s.seed)
    task = make_task(s.task, s.T, s.examples, rng)
    params = init_params([s.hidden] * s.layers, task.x.shape[2], task.y.shape[1], rng, s.init)
    flat, params = packed(params)  # params are views of flat: the optimizer updates flat in place
    run = Run(s, task, params=params)
    yield run
    opt = Optimizer(s.optimizer, [flat], s.lr)
    loss, acc, whole = evaluate(params, task, s.f)
    record = EpochRecord(0, loss, acc)
    run.records.append(record)
    yield record
    B = task.x.shape[1]
    for epoch in range(1, s.epochs + 1):
        order = rng.permutation(B)  # shuffled every epoch, as Keras's fit does
        norms, clipped, stopped = [], [], None
        for start in range(0, B, s.batch_size):
            if s.batch_size >= B:  # one batch, the whole data set: the last evaluation's forward is
                cache = whole      # this batch's (shuffling changes only the order of the sums)
            else:
                batch = order[start:start + s.batch_size]
                _loss, _yhat, cache = forward(params, task.x[:, batch], s.f, task.loss, task.y[batch])
            grad = {"all": flat_gradient(backward(params, cache))}  # clipping sees all parameters as one vector
            if s.clip == "none":
                norm, active = global_norm(grad), False
            else:
                result = clip_gradients(grad, s.clip, s.theta)
                norm, active = result.norm, result.active
                grad = result.grads
            norms.append(norm)
            clipped.append(active)
            if grad is None or not math.isfinite(norm):
                stopped = GRADIENT_NOT_FINITE.format(epoch=epoch)
                break
            opt.step([grad["all"]])
        loss, acc, whole = evaluate(params, task, s.f)
        if stopped is None and not math.isfinite(loss):
            stopped = LOSS_NOT_FINITE.format(epoch=epoch)
        record = EpochRecord(epoch, loss, acc, tuple(norms), tuple(clipped), stopped)
        run.records.append(record)
        yield record
        if stopped:
            return


def clipping_never_acts(plain: Run | None, s: TrainSettings) -> Run | None:
    """s's run read off `plain` (s without clipping, trained to the end) when clipping could not have
    acted: every update's gradient norm in `plain` is finite and at most s.theta. Norm clipping then
    scales by 1 and value clipping cuts nothing (no component is longer than the whole vector), so every
    update, and every number after it, is plain's. None: s has to be trained.

    (A hair of margin under θ: the norm, a rounded square root, may come out an ulp under the longest
    component.)"""
    if plain is None or s.clip == "none" or replace(plain.settings, clip=s.clip, theta=s.theta) != s:
        return None
    if len(plain.records) != s.epochs + 1 or plain.records[-1].stopped:
        return None
    norms = plain.grad_norms
    if not (np.all(np.isfinite(norms)) and norms.max(initial=0.0) * (1 + 1e-9) <= s.theta):
        return None
    return Run(s, plain.task, list(plain.records), plain.params)


def train(s: TrainSettings) -> Run:
    """Run train_epochs to the end and return the Run."""
    steps = train_epochs(s)
    run = next(steps)
    for _record in steps:
        pass
    return run

"""Training: the tutorial's model and data, optimizers done right, with and without clipping."""

import streamlit as st

from rnnviz import charts_training, export, training_text
from rnnviz.i18n import _
from rnnviz.ui import chart, draw_chart, lazy_expander, live, page_setup
from rnnviz.training import WORK_BUDGET, within_budget
from rnnviz.ui.share import export_panel
from rnnviz.ui.training import (run_with_progress, stop_button, stopped_runs, training_controls,
                                training_settings, unclipped)

page_setup("pages/training.py")


def results() -> None:
    """Both runs trained (or found trained), drawn as they train, and everything their settings change."""
    asked = training_settings()
    clipped = within_budget(asked)
    plain = unclipped(clipped)
    label_plain = training_text.run_label("none", clipped.theta)
    label_clip = training_text.run_label(clipped.clip, clipped.theta)
    if clipped.epochs < asked.epochs:
        st.info(_("These sizes allow {epochs} of the {asked} epochs on this shared server (at most {budget} recurrent "
                  "steps × layers × updates a run, about 5 s): shorten T, use fewer layers or larger batches for "
                  "more.").format(epochs=clipped.epochs, asked=asked.epochs, budget=f"{WORK_BUDGET:,}"),
                icon=":material/timer:")
    status, stop, placeholder = st.empty(), st.empty(), st.empty()
    drawn = iter(range(10**9))  # a new key per drawing: the same figure twice in one run would clash

    def draw(runs, epoch, total):
        """The chart while it trains (epoch of total), and (epoch None) once finished, with its summary and numbers."""
        task = runs[0].task
        floor = task.floor if task.name == "tutorial" else None
        theta = clipped.theta if clipped.clip == "norm" else None
        named = dict(zip((label_plain, label_clip), runs))
        fig = charts_training.training_figure(named, floor, task.baseline, theta)
        key = f"training_{next(drawn)}"
        if epoch is not None:
            progress = _("Training… epoch {epoch} of {total}").format(epoch=epoch, total=total)
            draw_chart(fig, key, progress, where=placeholder)
            status.progress(epoch / total, text=progress)
        else:
            with placeholder.container():
                chart(fig, "training", training_text.training_summary(named, floor, task.baseline, theta),
                      training_text.training_rows(named), key=key)
            status.empty()

    runs = stopped_runs([plain, clipped])
    if runs is not None:
        draw(runs, None, None)
        reached = [run.records[-1].epoch if run.records else 0 for run in runs]
        st.info(_("Stopped: the vermillion run after epoch {plain}, the blue one after epoch {clipped} of {epochs}. "
                  "Change any setting to train again.").format(plain=reached[0], clipped=reached[1],
                                                               epochs=clipped.epochs), icon=":material/stop:")
    else:
        with stop.container():
            runs = run_with_progress([plain, clipped], draw, on_progress=lambda: stop_button([plain, clipped]))
        stop.empty()
    # a column per run, so that its long label fits (four columns cut it off at 1280 pixels)
    for col, (label, run) in zip(st.columns(2), ((label_plain, runs[0]), (label_clip, runs[1]))):
        if not run.records:  # stopped before this run began
            continue
        last = run.records[-1]
        col.metric(_("final loss, {run}").format(run=label), training_text.number(last.loss, ".4f"))
        if last.accuracy is not None:
            col.metric(_("accuracy, {run}").format(run=label), f"{last.accuracy:.0%}")
    if not runs[1].clipped.any():
        st.caption(_("The two runs coincide: no update's gradient norm exceeded θ = {theta}, so clipping never acted. "
                     "Lower θ, raise the learning rate, or lengthen T to see them part.").format(
            theta=f"{clipped.theta:g}"))
    for run in runs:
        if run.records and run.records[-1].stopped:
            st.warning(run.records[-1].why_stopped(), icon=":material/warning:")

    if clipped.task == "tutorial":
        st.markdown(training_text.floor_note())
        if clipped.hidden == 1:
            st.markdown(training_text.stall_note())
    else:
        st.markdown(_(training_text.MEMORY_NOTE))

    st.subheader(_("The update: {optimizer}").format(optimizer=clipped.optimizer))
    st.latex(training_text.UPDATE_LATEX[clipped.optimizer])


def export_box() -> None:
    clipped = within_budget(training_settings())
    export_panel("training", lambda: export.training_python(clipped), in_sidebar=False)


# The controls are one live control (rnnviz.ui.live): changing one reruns the controls and the results
# alone; the navigation, the title and the introduction stay as drawn
out, controls = live.sidebar_controls(export_box)

st.title(_("Training: optimizers, clipping and the data's floor"))
st.markdown(_("Two runs from the same seed, the same data and the same initial weights: without clipping "
              "(vermillion) and with it (blue). Every setting is in the sidebar and in the link."))
out.slot(results)
errata = lazy_expander(_("What is wrong in the tutorial's optimizer (§3.2)"), "_errata")
if errata.open:
    errata.latex(training_text.tutorial_update_latex())
    errata.markdown(_(training_text.TUTORIAL_UPDATE_WRONG))
with controls:
    live.live_control(out, training_controls)
out.draw()

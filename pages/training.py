"""Training: the tutorial's model and data, optimizers done right, with and without clipping."""

import streamlit as st

from rnnviz import charts_training, training_text
from rnnviz.ui import page_setup
from rnnviz.training import WORK_BUDGET, within_budget
from rnnviz.ui.training import run_with_progress, stop_button, stopped_runs, training_controls, unclipped

page_setup("pages/training.py")
asked = training_controls()
clipped = within_budget(asked)
plain = unclipped(clipped)
label_plain = "without clipping"
label_clip = f"with {clipped.clip} clipping, θ = {clipped.theta:g}"

st.title("Training: optimizers, clipping and the data's floor")
st.markdown("Two runs from the same seed, the same data and the same initial weights: without clipping "
            "(vermillion) and with it (blue). Every setting is in the sidebar and in the link.")

if clipped.epochs < asked.epochs:
    st.info(f"These sizes allow {clipped.epochs} of the {asked.epochs} epochs on this shared server (at most "
            f"{WORK_BUDGET:,} recurrent steps × layers × updates a run, about 5 s): shorten T, use fewer layers or larger "
            "batches for more.", icon=":material/timer:")
status, stop, chart = st.empty(), st.empty(), st.empty()
drawn = iter(range(10**9))  # a new key per drawing: the same figure twice in one run would clash


def draw(runs, epoch, total):
    task = runs[0].task
    fig = charts_training.training_figure(dict(zip((label_plain, label_clip), runs)), task.floor if task.name ==
                                          "tutorial" else None, task.baseline, clipped.theta if clipped.clip == "norm" else None)
    chart.plotly_chart(fig, width="stretch", config={"displayModeBar": False}, key=f"training_{next(drawn)}")
    if epoch is not None:
        status.progress(epoch / total, text=f"Training… epoch {epoch} of {total}")
    else:
        status.empty()


runs = stopped_runs([plain, clipped])
if runs is not None:
    draw(runs, None, None)
    reached = [run.records[-1].epoch if run.records else 0 for run in runs]
    st.info(f"Stopped: the vermillion run after epoch {reached[0]}, the blue one after epoch {reached[1]} of "
            f"{clipped.epochs}. Change any setting to train again.", icon=":material/stop:")
else:
    with stop.container():
        runs = run_with_progress([plain, clipped], draw, on_progress=lambda: stop_button([plain, clipped]))
    stop.empty()
cols = st.columns(4)
for col, (label, run) in zip(cols[::2], ((label_plain, runs[0]), (label_clip, runs[1]))):
    if not run.records:  # stopped before this run began
        continue
    last = run.records[-1]
    col.metric(f"final loss, {label}", f"{last.loss:.4f}")
    if last.accuracy is not None:
        cols[cols.index(col) + 1].metric(f"accuracy, {label}", f"{last.accuracy:.0%}")
if not runs[1].clipped.any():
    st.caption(f"The two runs coincide: no update's gradient norm exceeded θ = {clipped.theta:g}, so clipping "
               "never acted. Lower θ, raise the learning rate, or lengthen T to see them part.")
for run in runs:
    if run.records and run.records[-1].stopped:
        st.warning(run.records[-1].stopped, icon=":material/warning:")

if clipped.task == "tutorial":
    st.markdown(training_text.FLOOR_NOTE)
    if clipped.hidden == 1:
        st.markdown(training_text.STALL_NOTE)
else:
    st.markdown(training_text.MEMORY_NOTE)

st.subheader(f"The update: {clipped.optimizer}")
st.latex(training_text.UPDATE_LATEX[clipped.optimizer])
with st.expander("What is wrong in the tutorial's optimizer (§3.2)"):
    st.latex(training_text.TUTORIAL_UPDATE_LATEX)
    st.markdown(training_text.TUTORIAL_UPDATE_WRONG)

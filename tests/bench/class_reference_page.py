"""The classroom benchmark's reference page (bench_classroom.py): one slider and its value as one metric.

The same class (30 sessions, 10 changes each, at once, on one machine) on a page with next to nothing
to compute or draw: what is left of its latency is Streamlit's round trip and the 30 browser pages
themselves, which share the machine's cores with the server. Its value is a metric because the
benchmark checks every session's number where the app's pages show theirs (interactions.metric_value).
Not a page of the app: it lives outside pages/, so Streamlit never lists it.
"""

import streamlit as st

value = st.slider("value", min_value=0, max_value=1000, value=0, step=1)
st.metric("value", value)

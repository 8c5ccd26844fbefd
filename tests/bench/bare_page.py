"""The bare page of the latency benchmark (bench_latency.py): one slider and one line of text.

Served by the same Streamlit install with the same flags as the app, it is the floor any page's
latency is compared against: Streamlit's own round trip with next to nothing to compute or draw.
Not a page of the app (it lives outside pages/, so Streamlit never lists it).
"""

import streamlit as st

value = st.slider("value", min_value=0, max_value=1000, value=0, step=1)
st.write(value)

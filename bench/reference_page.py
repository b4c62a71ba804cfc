"""The first-view reference: one plotly chart and nothing else (bench/first_view.py).

Pages are timed against this in the same run, so the browser's fixed costs (the app
shell, the websocket, plotly's own bundle) count once in the ratio, not per page.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import streamlit as st
from reference_page_figure import FIGURE

st.plotly_chart(FIGURE, key="reference")

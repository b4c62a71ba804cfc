"""The first-view reference: one plotly chart and nothing else (bench/first_view.py).

Pages are timed against this in the same run, so the browser's fixed costs (the app
shell, the websocket, plotly's own bundle) count once in the ratio, not per page.
"""

import plotly.graph_objects as go
import streamlit as st

YEARS = [2007, 2008, 2009, 2010, 2011, 2012, 2014, 2015, 2016, 2017, 2018]
COUNTS = [1, 0, 1, 1, 1, 2, 2, 1, 1, 0, 0]

FIGURE = go.Figure(go.Bar(x=YEARS, y=COUNTS, name="Co-chair"))
FIGURE.update_layout(height=380, margin={"l": 10, "r": 10, "t": 30, "b": 10})
st.plotly_chart(FIGURE, key="reference")

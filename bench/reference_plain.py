"""The plain reference (issue 31): one plotly chart and one sidebar Role filter, nothing
else (bench/first_view.py).

No frame (no banner, no other filters, no language switch, no data loading): a page is
timed against what Streamlit itself costs for one chart and one filter, so the frame's own
cost counts in the page's ratio, as a reader feels it. The role filter is the same
multiselect the app's sidebar offers first, and a change redraws the chart with the
chosen roles' counts (made-up counts: no data is read).
"""

import plotly.graph_objects as go
import streamlit as st

YEARS = [2007, 2008, 2009, 2010, 2011, 2012, 2014, 2015, 2016, 2017, 2018]
COUNTS = {
    "Co-chair": [1, 0, 1, 1, 1, 2, 2, 1, 1, 0, 0],
    "Team member": [0, 1, 1, 0, 1, 1, 0, 1, 2, 1, 0],
    "Coordinator": [0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0],
}

with st.sidebar:
    roles = st.multiselect("Role", list(COUNTS), placeholder="All roles")
chosen = roles or list(COUNTS)
FIGURE = go.Figure(go.Bar(x=YEARS, y=[sum(COUNTS[r][i] for r in chosen)
                                      for i in range(len(YEARS))], name="Roles"))
FIGURE.update_layout(height=380, margin={"l": 10, "r": 10, "t": 30, "b": 10})
st.plotly_chart(FIGURE, key="reference")

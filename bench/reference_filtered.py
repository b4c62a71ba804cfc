"""The filter-change reference: the app's frame (sidebar filters, banner) around one page
holding one plotly chart of the filtered roundtable roles (bench/first_view.py).

A filter change here costs what any page pays for the frame, one filtered table and one
plotly redraw, so "page / reference" is what the page itself adds to a filter change.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import plotly.graph_objects as go
import streamlit as st

from components import frame
from components.context import current


def one_chart() -> None:
    """The filtered roundtable roles per year, as one plotly bar chart."""
    roles = current().table("roundtables", kind="roundtable")
    counts = roles.groupby("year").size()
    fig = go.Figure(go.Bar(x=counts.index.astype(int).tolist(), y=counts.tolist()))
    fig.update_layout(height=380, margin={"l": 10, "r": 10, "t": 30, "b": 10})
    st.plotly_chart(fig, key="reference")


frame.run(lambda: [st.Page(one_chart, title="Reference", url_path="reference", default=True)])

"""The one chart of the framed references (bench/reference_filtered.py,
bench/frame_variant.py): the filtered roundtable roles per year, as one plotly bar chart,
so every framed reference draws the same chart from the same filtered table."""

import plotly.graph_objects as go
import streamlit as st

from components.context import current


def one_chart() -> None:
    roles = current().table("roundtables", kind="roundtable")
    counts = roles.groupby("year").size()
    fig = go.Figure(go.Bar(x=counts.index.astype(int).tolist(), y=counts.tolist()))
    fig.update_layout(height=380, margin={"l": 10, "r": 10, "t": 30, "b": 10})
    st.plotly_chart(fig, key="reference")

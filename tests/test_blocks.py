"""Components that say what the reader sees: a heading that follows the filters, a chart
legend as text, and the table block's headers in words."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from streamlit.testing.v1 import AppTest

from components.blocks import legend_markdown, screen_table


def _heading_app() -> None:
    import streamlit as st

    from components import blocks, frame
    from components.context import current

    def page() -> None:
        ctx = current()
        roles = ctx.table("roundtables", kind="roundtable")
        blocks.shown_heading(ctx, roles, "roundtables.table", "roundtables.table.filtered",
                             kind="roundtable")

    frame.run(lambda: [st.Page(page, title="Test", url_path="test", default=True)])


def _run(params: dict[str, list[str]]) -> AppTest:
    at = AppTest.from_function(_heading_app, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    return at


def test_heading_says_all_when_nothing_narrows_the_table() -> None:
    at = _run({})
    assert [h.value for h in at.main.header] == ["All roundtable roles"]


def test_heading_names_the_filters_that_apply() -> None:
    at = _run({"role": ["Co-chair"], "years": ["2010", "2012"]})
    assert [h.value for h in at.main.header] == ["Roles shown under the filters"]
    assert "Years: 2010–2012; Role: Co-chair." in [c.value for c in at.main.caption]


def test_legend_is_text_with_shapes_and_names() -> None:
    fig = go.Figure([
        go.Scatter(x=[1], y=[1], name="Co-chair", marker={"symbol": "star", "color": "#D55E00"}),
        go.Bar(x=[1], y=[1], name="Thematic meetings",
               marker={"color": "#009E73", "pattern": {"shape": "/"}}),
        go.Scatter(x=[1], y=[1], name="hidden", showlegend=False),
    ])
    legend = legend_markdown(fig)
    assert ':color[★]{foreground="#D55E00"} Co-chair' in legend
    assert ':color[▨]{foreground="#009E73"} Thematic meetings' in legend
    assert "hidden" not in legend


def test_every_column_gets_a_header_in_words() -> None:
    columns = ["year", "rt_code", "title", "roundtable_roles", "url", "publisher",
               "gcm_objectives"]
    shown = screen_table(pd.DataFrame([[2010, "1.1", "t", 2, None, "p", "1, 2"]],
                                      columns=columns))
    assert list(shown.columns) == ["Year", "Roundtable", "Title", "Roundtable roles",
                                   "Address (URL)", "Publisher", "Global Compact objectives"]


def test_table_cells_read_as_written() -> None:
    """st.table renders Markdown in cells: data text is escaped, an address is a link,
    counts are whole numbers, and an empty cell stays empty."""
    shown = screen_table(pd.DataFrame({
        "title": ["*Bold* <b>x</b> | y", None],
        "url": ["https://example.org/a_(b)", None],
        "meetings": [3, 0],
    }))
    assert shown["Title"].tolist() == [r"\*Bold\* \<b\>x\</b\> \| y", ""]
    assert shown["Address (URL)"].tolist() == [
        r"[https\://example.org/a\_(b)](https://example.org/a_%28b%29)", ""]
    assert shown["Meetings"].tolist() == ["3", "0"]

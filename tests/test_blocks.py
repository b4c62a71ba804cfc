"""Components that say what the reader sees: a heading that follows the filters, a chart
legend as text, and the table block's headers in words."""

from __future__ import annotations

import plotly.graph_objects as go
from streamlit.testing.v1 import AppTest

from components.blocks import column_config, legend_markdown


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
    config = column_config(["year", "rt_code", "title", "roundtable_roles", "url",
                            "publisher", "gcm_objectives"])
    labels = {col: cfg["label"] for col, cfg in config.items()}
    assert labels == {"year": "Year", "rt_code": "Roundtable", "title": "Title",
                      "roundtable_roles": "Roundtable roles", "url": "Address (URL)",
                      "publisher": "Publisher", "gcm_objectives": "Global Compact objectives"}

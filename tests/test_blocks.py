"""Components that say what the reader sees: a heading that follows the filters, a chart
legend as text, and the table block's HTML table."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
from streamlit.testing.v1 import AppTest

from components.blocks import TABLE_STYLE, html_table, legend_markdown
from components.sidebar import PAGE_STYLE
from gfmd.text.messages import use_language


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
    assert "Summit years: 2010–2012; Role: Co-chair." in [c.value for c in at.main.caption]


def test_legend_is_text_with_shapes_and_names() -> None:
    fig = go.Figure([
        go.Scatter(x=[1], y=[1], name="Co-chair", marker={"symbol": "star", "color": "#D55E00"}),
        go.Bar(x=[1], y=[1], name="Thematic meetings",
               marker={"color": "#009E73", "pattern": {"shape": "/"}}),
        go.Scatter(x=[1], y=[1], name="hidden", showlegend=False),
    ])
    legend = legend_markdown(fig)
    # No-break spaces within an entry: a line breaks only between entries.
    assert ':color[★]{foreground="#D55E00"}\u00a0Co-chair' in legend
    assert ':color[▨]{foreground="#009E73"}\u00a0Thematic\u00a0meetings' in legend
    assert "hidden" not in legend


def _cells(frame: pd.DataFrame) -> tuple[list[str], list[list[str]]]:
    """The headers and cells of `html_table(frame)`, each as its markup."""
    shown = html_table(frame, name="Roles")
    heads = re.findall(r'<th role="columnheader" scope="col"[^>]*>(.*?)</th>', shown)
    rows = [re.findall(r"<td [^>]*>(.*?)</td>", row)
            for row in re.findall(r'<tbody role="rowgroup">.*?</tbody>', shown)[0].split("</tr>")
            if "<td" in row]
    return heads, rows


def test_every_column_gets_a_header_in_words() -> None:
    columns = ["year", "rt_code", "title", "roundtable_roles", "url", "publisher",
               "gcm_objectives"]
    heads, _ = _cells(pd.DataFrame([[2010, "1.1", "t", 2, None, "p", "1, 2"]],
                                   columns=columns))
    assert heads == ["Summit year", "Roundtable", "Title", "Roundtable roles",
                     "Address (URL)", "Publisher", "Global Compact objectives"]


def test_table_cells_read_as_written() -> None:
    """Data text is escaped (it reads as written, never as markup), a source's title links
    to its address, counts are whole numbers, an empty cell stays empty, and a hyphenated
    word is kept on one line."""
    _, rows = _cells(pd.DataFrame({
        "source_title": ["<b>x</b> & y", "Co-chair"],
        "url": ["https://example.org/a?b=1&c=2", None],
        "meetings": [3, 0],
    }))
    assert rows == [
        ['<a href="https://example.org/a?b=1&amp;c=2"><span class="gfmd-nb">'
         '&lt;b&gt;x&lt;/b&gt;</span> &amp; y</a>', "3"],
        ['<span class="gfmd-nb">Co-chair</span>', "0"],
    ]


def test_a_table_is_a_named_scroll_region_with_its_labels_for_a_phone() -> None:
    """The region takes focus and has a name (it scrolls sideways on a desktop); each cell
    carries its header, the label of its line in a phone's card; long text columns get a
    reading width; the table keeps its roles when a phone lays it out as cards."""
    shown = html_table(pd.DataFrame({"year": [2007], "title": ["word " * 10]}), name="Roles")
    assert shown.startswith('<div class="gfmd-table" role="region" tabindex="0" '
                            'aria-label="Table: Roles"><table role="table">')
    assert '<td role="cell" data-label="Summit year:">2007</td>' in shown
    assert '<td role="cell" class="gfmd-long" data-label="Title:">' in shown
    assert '<th role="columnheader" scope="col" class="gfmd-long">Title</th>' in shown


def test_no_table_style_breaks_a_word() -> None:
    """Words stay whole in every language: a table too wide scrolls in its region."""
    for rule in ("overflow-wrap: anywhere", "break-all", "break-word"):
        assert rule not in TABLE_STYLE
    assert TABLE_STYLE in PAGE_STYLE


def test_english_in_an_arabic_table_keeps_its_punctuation_in_place() -> None:
    """An English title in a right-to-left table is isolated: its "?" stays at its end
    instead of jumping to the start of the line (Partners page, Arabic)."""
    frame = pd.DataFrame({"year": [2010], "title": ["How can RCPs better include the nexus?"]})
    with use_language("ar"):
        shown = html_table(frame, name="الشركاء")
    assert ">2010</td>" in shown
    assert "<bdi>How can RCPs better include the nexus?</bdi>" in shown
    assert "<bdi>" not in html_table(frame, name="Partners")

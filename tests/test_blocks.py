"""Components that say what the reader sees: a heading that follows the filters, a chart
legend as text, and the table block's headers in words."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from components.blocks import (
    FIT_STEP_PX,
    FIT_STEPS,
    legend_markdown,
    screen_table,
    short_columns,
    table_class,
    whole_words_width,
)
from components.sidebar import _TABLE, PAGE_STYLE


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


def test_every_column_gets_a_header_in_words() -> None:
    columns = ["year", "rt_code", "title", "roundtable_roles", "url", "publisher",
               "gcm_objectives"]
    shown = screen_table(pd.DataFrame([[2010, "1.1", "t", 2, None, "p", "1, 2"]],
                                      columns=columns))
    assert list(shown.columns) == ["Summit year", "Roundtable", "Title", "Roundtable roles",
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


# The longest word of each column counts, or its header's when longer: a column of one
# word "2007" under "Year" needs 4 × 7.4 + 13 ≈ 43 px; a long title only its longest word.
@pytest.mark.parametrize(("frame", "steps"), [
    (pd.DataFrame({"year": ["2007"]}), 2),  # 42.6 px → 2 steps of 40
    (pd.DataFrame({"title": ["a b c " * 200]}), 2),  # short words: "Title", 50 px
    (pd.DataFrame({"title": ["complementarities of migration"]}), 4),  # 17 × 6.9 + 13
    (pd.DataFrame({"year": ["2007"], "title": ["complementarities"]}), 5),  # side by side
    (pd.DataFrame({"title": ["", "word"]}), 2),
])
def test_a_table_asks_for_the_room_of_its_longest_words(frame: pd.DataFrame,
                                                         steps: int) -> None:
    assert whole_words_width(frame) == steps
    assert FIT_STEP_PX * steps < FIT_STEP_PX * FIT_STEPS


def test_page_style_keeps_words_whole_only_in_a_table_given_its_room() -> None:
    """One container rule per step, each more specific than the rule that breaks words."""
    breaking = f'{_TABLE} [data-testid="stMarkdownContainer"] table {{'
    assert breaking in PAGE_STYLE and "overflow-wrap: anywhere" in PAGE_STYLE
    for n in (1, 23, FIT_STEPS):
        assert (f"@container (min-width: {n * FIT_STEP_PX}px) {{ {_TABLE}"
                f'[class*="-fit{n}-table"]') in PAGE_STYLE
    assert "container-type: inline-size" in PAGE_STYLE


@pytest.mark.parametrize(("frame", "short"), [
    # A year and a role keep whole words beside a long title, which takes the breaks.
    (pd.DataFrame({"year": ["2007"], "role": ["Co-chair"], "title": ["word " * 20]}), [1, 2]),
    # A place of 30 letters is short; a source of 60 is not.
    (pd.DataFrame({"place": ["Taliouine (Taroudant), Morocco"],
                   "source": ["GFMD country profile: Kingdom of Morocco (participation)"]}),
     [1]),
    # Twenty columns of widening words (28, 41, 61, 82, 103 px…), the others a letter a
    # line (20 px each): the narrowest keep theirs while the table fits 560 px.
    (pd.DataFrame({f"c{i}": ["x" * (3 * i + 1)] for i in range(20)}), [1, 2, 3, 4]),
])
def test_short_columns_keep_whole_words_within_the_narrowest_desktop(
        frame: pd.DataFrame, short: list[int]) -> None:
    assert short_columns(frame) == short
    assert table_class(frame).endswith(f"-fit{whole_words_width(frame)}")
    assert all(f"-short{i}-" in table_class(frame) + "-" for i in short)

"""Roundtables page: roles by year and theme, the table, filters and the stated none."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from gfmd.record.reference import theme_label
from gfmd.store.loader import DEFAULT_DATA_DIR
from gfmd.store.scope import load_scoped
from gfmd.text.messages import use_language
from tests.apptest_helpers import plotly_spec, run_page, table_frame, tables, texts

PAGE = "app_pages/roundtables.py"


@pytest.fixture(scope="module")
def first_view() -> AppTest:
    """The page as it first opens, run once for the tests that only read it."""
    return run_page(PAGE)


def test_matrix_marks_co_chair_team_member_and_coordinator_apart(first_view: AppTest) -> None:
    spec = plotly_spec(first_view)
    traces = {tr["name"]: tr for tr in spec["data"]}
    assert sorted(traces) == ["Co-chair", "Coordinator", "Team member"]
    assert traces["Co-chair"]["marker"]["symbol"] == "star"
    assert traces["Team member"]["marker"]["symbol"] == "circle"
    assert traces["Co-chair"]["marker"]["color"] != traces["Team member"]["marker"]["color"]
    co_chair = sorted((x, y.replace("<br>", " "))
                      for x, y in zip(traces["Co-chair"]["x"], traces["Co-chair"]["y"],
                                      strict=True))
    # nine: the 2014 Platform for Partnerships meeting is not a roundtable
    assert co_chair == [
        (2007, "Labour mobility and skills"), (2009, "Policy coherence and mainstreaming"),
        (2010, "Partnerships and regional processes"),
        (2011, "Data, research and impact assessment"), (2012, "Diaspora and development"),
        (2012, "Policy coherence and mainstreaming"), (2014, "Labour mobility and skills"),
        (2015, "Policy coherence and mainstreaming"), (2016, "Diversity and social inclusion")]


CODE = re.compile(r"^\d+(\.\d+)*$")


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_rows_are_named_by_theme_in_words_never_by_code(lang: str) -> None:
    """Walk review F7: rows were bare codes ("1.2", "No RT code") a reader had to hover."""
    rows = plotly_spec(run_page(PAGE, params={"lang": lang}))["layout"]["yaxis"]["categoryarray"]
    with use_language(lang):
        themes = [theme_label(th) for th in load_scoped(DEFAULT_DATA_DIR).themes.values()]
    assert len(rows) >= 5
    for row in rows:
        words = row.replace("<br>", " ").removesuffix("…")
        assert not CODE.match(words) and "RT" not in words, row
        assert any(theme.startswith(words) for theme in themes), row  # a theme, shortened
        assert all(len(line) <= 18 for line in row.split("<br>")), row


def test_full_titles_are_a_hover_away(first_view: AppTest) -> None:
    spec = plotly_spec(first_view)
    coordinator = next(tr for tr in spec["data"] if tr["name"] == "Coordinator")
    assert coordinator["customdata"] == [["2017", "Roundtable Team Consultations",
                                          "Leading the GFMD process"]]
    co_chair = next(tr for tr in spec["data"] if tr["name"] == "Co-chair")
    assert co_chair["customdata"][0][0] == "2007, RT 1.2"  # the code, in the hover only
    assert "%{customdata[1]}" in coordinator["hovertemplate"]


def test_table_of_roles_and_the_stated_none(first_view: AppTest) -> None:
    at = first_view
    table = table_frame(at, 0)
    assert len(table) == 19
    assert table.iloc[0][["year", "role", "rt_code"]].tolist() == ["2007", "Co-chair", "1.2"]
    assert "No roundtable participation, as the profile states, in: 2018." in texts(at)


def test_url_filters_narrow_chart_and_table() -> None:
    at = run_page(PAGE, params={"years": ["2010", "2012"], "role": ["Co-chair"]})
    table = table_frame(at, 0)
    assert table[["year", "rt_code"]].values.tolist() == [
        ["2010", "3.3"], ["2011", "3.2"], ["2012", "1.2"], ["2012", "2.1"]]
    spec = plotly_spec(at)
    assert [tr["name"] for tr in spec["data"]] == ["Co-chair"]


def test_theme_and_search_filters() -> None:
    at = run_page(PAGE, params={"theme": ["Diaspora and development"], "q": "diaspora"})
    titles = table_frame(at, 0)["title"].tolist()
    assert titles == ["Empowering Migrants and Diaspora to Contribute to Development",
                      "Supporting migrants and diaspora as agents of socioeconomic change"]


def test_excluding_roundtables_by_meeting_kind_empties_the_page_with_a_message() -> None:
    at = run_page(PAGE, params={"kind": ["Summit"]})
    assert len(tables(at)) == 0 and "0 rows shown." in texts(at)
    assert not at.get("plotly_chart")
    assert "No records match the current filters." in texts(at)


def test_a_row_chosen_under_the_table_is_shown_in_full() -> None:
    at = run_page(PAGE, params={"years": ["2010", "2010"], "role": ["Co-chair"]})
    picker = at.selectbox(key="rt-pick")
    assert picker.value is None and len(picker.options) == 1
    assert picker.options[0].startswith("1. 2010 · Co-chair · 3.3")
    assert not any(m.value.startswith("**Summit year:**") for m in at.markdown)
    picker.set_value(picker.options[0]).run()
    record = [m.value for m in at.markdown if m.value.startswith("**Summit year:** 2010")]
    assert record and "**Role:** Co-chair" in record[0] and "**Title:** " in record[0]


def test_no_partner_named_reads_alike_for_every_role() -> None:
    """A team member's or co-chair's partners nobody names read "Not recorded" alike, and
    an unknown says what the search found, not the method note's title (walk review
    F6, F10): in the table, and in the row reader, which holds the partners' source."""
    at = run_page(PAGE)
    table = table_frame(at, 0)
    assert "" not in set(table["partners"])
    empty = table[table["partners"] == "Not recorded"]
    assert {"Team member", "Co-chair"} <= set(empty["role"])
    picker = at.selectbox(key="rt-pick")
    sources = []
    for i in empty.index[empty["role"] == "Co-chair"]:
        picker.set_value(picker.options[i]).run()
        (record,) = [m.value for m in at.markdown if m.value.startswith("**Summit year:**")]
        sources += re.findall(r"\*\*Source of the partners:\*\* ([^\n]*)", record)
    assert sources and set(sources) == {"Searched: no source found names them"}

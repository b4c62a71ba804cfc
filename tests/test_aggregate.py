"""Aggregates, tables and filters on the made-for-test data directory: the logic, pinned
to numbers that never change with the real record (those live in test_transcription.py
and test_totals.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from gfmd.record.dataset import Dataset
from gfmd.store.scope import load_scoped
from gfmd.tables import aggregate
from gfmd.tables import build as tables
from gfmd.tables.filters import Filters
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return load_scoped(FIXTURES / "data")


def test_new_money_excludes_the_carry_over(ds: Dataset) -> None:
    totals = aggregate.money_totals(tables.contributions(ds))
    assert (totals.new_money_usd, totals.carry_over_usd) == (10_000, 2_500)
    assert totals.with_carry_over_usd == 12_500


def test_stated_none_unknown_and_amounts_stay_apart(ds: Dataset) -> None:
    totals = aggregate.money_totals(tables.contributions(ds))
    assert totals.years_none == (2010,)
    assert totals.years_unknown == (2011, 2013)  # an amount omitted; a year not recorded
    assert totals.years_with_amounts == (2009, 2011)


def test_participation_money_columns(ds: Dataset) -> None:
    df = tables.participation(ds).set_index("year")
    # a stated none is zero money; a year not recorded is unknown, never zero
    assert df["new_money_usd"].tolist()[:3] == [10_000, 0, 0]
    assert pd.isna(df.loc[2013, "new_money_usd"])
    assert df["carry_over_usd"].tolist()[:3] == [0, 0, 2_500]
    assert df["contribution_status"].tolist() == ["amount", "none", "amount", "unknown"]
    assert df["record_status"].tolist() == ["recorded"] * 3 + ["unknown"]


@pytest.mark.parametrize(("years", "expected"), [
    (None, (10_000, 2_500)), ((2009, 2009), (10_000, 0)), ((2010, 2011), (0, 2_500)),
])
def test_totals_follow_the_year_filter(ds: Dataset, years: tuple[int, int] | None,
                                       expected: tuple[int, int]) -> None:
    totals = aggregate.money_totals(Filters(years=years).apply(tables.contributions(ds)))
    assert (totals.new_money_usd, totals.carry_over_usd) == expected


def test_headline(ds: Dataset) -> None:
    h = aggregate.headline(tables.participation(ds), tables.roundtables(ds),
                           tables.thematic_meetings(ds), tables.contributions(ds),
                           tables.summits(ds), (2009, 2013))
    assert (h.summits_attended, h.summits_held) == (2, 4)
    assert (h.co_chair_roles, h.team_memberships, h.other_roundtable_roles) == (1, 2, 1)
    assert (h.thematic_meetings, h.first_year, h.last_year) == (2, 2009, 2013)


def test_timeline_one_row_per_year(ds: Dataset) -> None:
    df = aggregate.timeline(tables.participation(ds), tables.roundtables(ds),
                            tables.thematic_meetings(ds))
    assert df[["year", "co-chair", "team-member", "coordinator",
               "thematic_meetings"]].values.tolist() == [
        [2009, 1, 0, 0, 1], [2010, 0, 2, 0, 0], [2011, 0, 0, 1, 1], [2013, 0, 0, 0, 0]]


FILTERS = [
    # (filters, table, kind, expected titles)
    (Filters(roles=("co-chair",)), "roundtables", None, ["Labour mobility roundtable"]),
    (Filters(themes=("labour-mobility",)), "roundtables", None,
     ["Labour mobility roundtable", "Second diaspora roundtable"]),
    (Filters(text="DIASPORA"), "roundtables", None,
     ["Diaspora roundtable", "Second diaspora roundtable"]),
    (Filters(kinds=("thematic-meeting",)), "roundtables", "roundtable", []),
    (Filters(kinds=("roundtable",)), "roundtables", "roundtable",
     ["Labour mobility roundtable", "Diaspora roundtable", "Second diaspora roundtable",
      "Coordination without a code"]),
    (Filters(years=(2011, 2011)), "thematic_meetings", None, ["Meeting with no known venue"]),
]


@pytest.mark.parametrize(("filters", "table", "kind", "titles"), FILTERS)
def test_filters(ds: Dataset, filters: Filters, table: str, kind: str | None,
                 titles: list[str]) -> None:
    df = filters.apply(tables.TABLES[table].build(ds), kind=kind)
    assert df["title"].tolist() == titles


def test_filters_name_what_a_table_cannot_apply() -> None:
    f = Filters(roles=("co-chair",), text="x")
    assert f.ignored_by(["year", "status"]) == ["filters.ignored.role", "filters.ignored.search"]
    assert f.describe() == ["co-chair", "search-x"]


def test_unknown_stays_unknown_in_tables(ds: Dataset) -> None:
    meetings = tables.thematic_meetings(ds).set_index("title")
    assert pd.isna(meetings.loc["Meeting with no known venue", "start_date"])
    assert pd.isna(meetings.loc["Meeting with no known venue", "latitude"])
    assert meetings.loc["Meeting on skills", "latitude"] == pytest.approx(34.0209)

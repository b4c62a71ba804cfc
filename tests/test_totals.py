"""The record's totals, as the transcription gives them: new money excludes the carry-over;
a stated none and an unknown stay distinct. The logic itself is test_aggregate.py."""

from __future__ import annotations

from gfmd import aggregate, tables
from gfmd.dataset import Dataset


def test_new_money_excludes_the_carry_over(dataset: Dataset) -> None:
    totals = aggregate.money_totals(tables.contributions(dataset))
    assert totals.new_money_usd == 50_000 + 207_622 == 257_622
    assert totals.carry_over_usd == 48_342
    assert totals.with_carry_over_usd == 305_964


def test_stated_none_and_unknown_years_are_kept_apart(dataset: Dataset) -> None:
    totals = aggregate.money_totals(tables.contributions(dataset))
    assert totals.years_none == (2008, 2009, 2010, 2011, 2012, 2014, 2015)
    assert totals.years_unknown == (2007, 2017)
    assert totals.years_with_amounts == (2016, 2018)


def test_participation_table_money_columns(dataset: Dataset) -> None:
    df = tables.participation(dataset).set_index("year")
    assert df.loc[2016, "new_money_usd"] == 50_000
    assert df.loc[2018, "new_money_usd"] == 207_622
    assert df.loc[2018, "carry_over_usd"] == 48_342
    assert df.loc[2009, "new_money_usd"] == 0  # a stated none is zero money
    assert df["new_money_usd"].isna().tolist().count(True) == 2  # 2007 and 2017 unknown
    assert df.loc[2017, "contribution_status"] == "unknown"


def test_headline_figures_for_the_whole_record(dataset: Dataset) -> None:
    h = aggregate.headline(
        tables.participation(dataset), tables.roundtables(dataset),
        tables.thematic_meetings(dataset), tables.contributions(dataset),
        tables.summits(dataset), (2007, 2018),
    )
    assert (h.summits_attended, h.summits_held) == (11, 11)
    assert (h.co_chair_roles, h.team_memberships, h.other_roundtable_roles) == (10, 9, 1)
    assert h.thematic_meetings == 12
    assert h.money.new_money_usd == 257_622

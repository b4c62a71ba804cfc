"""The record's totals, as the transcription gives them: new money excludes the carry-over;
a stated none and an unknown stay distinct. The logic itself is test_aggregate.py."""

from __future__ import annotations

from gfmd.record.dataset import Dataset
from gfmd.tables import aggregate
from gfmd.tables import build as tables
from gfmd.tables.filters import Filters


def test_new_money_excludes_the_carry_over(dataset: Dataset) -> None:
    totals = aggregate.money_totals(tables.contributions(dataset))
    assert totals.new_money_usd == 50_000 + 207_622 == 257_622
    assert totals.carry_over_usd == 48_342
    assert totals.with_carry_over_usd == 305_964


def test_stated_none_and_unknown_years_are_kept_apart(dataset: Dataset) -> None:
    totals = aggregate.money_totals(tables.contributions(dataset))
    assert totals.years_none == (2008, 2009, 2010, 2011, 2012, 2014, 2015)
    assert totals.years_unknown == (2007, 2017, 2020, 2021, 2024, 2025)
    assert totals.years_with_amounts == (2016, 2018)


def test_participation_table_money_columns(dataset: Dataset) -> None:
    df = tables.participation(dataset).set_index("year")
    assert df.loc[2016, "new_money_usd"] == 50_000
    assert df.loc[2018, "new_money_usd"] == 207_622
    assert df.loc[2018, "carry_over_usd"] == 48_342
    assert df.loc[2009, "new_money_usd"] == 0  # a stated none is zero money
    # 2007, 2017 and every year after 2018 are unknown: no source gives an amount
    assert df.index[df["new_money_usd"].isna()].tolist() == [2007, 2017, 2020, 2021, 2024, 2025]
    assert df.loc[2017, "contribution_status"] == "unknown"
    assert df.loc[2025, "contribution_status"] == "unknown"


def _headline(dataset: Dataset, years: tuple[int, int]) -> aggregate.Headline:
    f = Filters(years=years)
    return aggregate.headline(
        f.apply(tables.participation(dataset)), f.apply(tables.roundtables(dataset)),
        f.apply(tables.thematic_meetings(dataset)), f.apply(tables.contributions(dataset)),
        tables.summits(dataset), years,
    )


def test_headline_figures_up_to_marrakesh(dataset: Dataset) -> None:
    h = _headline(dataset, (2007, 2018))
    assert (h.summits_attended, h.summits_held) == (11, 11)
    # 9 co-chaired roundtables: the 2014 Platform for Partnerships meeting is not one
    assert (h.co_chair_roles, h.team_memberships, h.other_roundtable_roles) == (9, 9, 1)
    assert h.thematic_meetings == 12
    assert h.money.new_money_usd == 257_622


def test_headline_figures_for_the_whole_record(dataset: Dataset) -> None:
    h = _headline(dataset, (2007, 2025))
    assert (h.summits_attended, h.summits_held) == (13, 15)  # 2021 and 2024 not recorded
    assert h.co_chair_roles == 9
    assert h.money.new_money_usd == 257_622  # nothing after 2018 is known to be new money
    assert (h.first_year, h.last_year) == (2007, 2025)


def test_the_pfp_meeting_is_counted_apart_from_roundtables(dataset: Dataset) -> None:
    roles = tables.roundtables(dataset)
    assert (roles["role"] == "co-chair").sum() == 9
    assert not roles["title"].str.contains("Platform|Plaform").any()
    engagements = tables.engagements(dataset)
    pfp = engagements[engagements["kind"] == "pfp-meeting"]
    assert pfp[["year", "role", "title"]].values.tolist() == [
        [2014, "co-chair", "Platform for Partnerships meeting"]]
    assert tables.participation(dataset).set_index("year").loc[2014, "other_meetings"] == 1

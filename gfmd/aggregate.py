"""Figures computed from filtered tables: headline numbers, money totals, the timeline.

Every figure is a function of the DataFrames a page shows, so a number on screen can
always be traced to the rows in the table beneath it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class MoneyTotals:
    """New money excludes carry-over; stated none and unknown are kept apart."""

    new_money_usd: int
    carry_over_usd: int
    years_with_amounts: tuple[int, ...]
    years_none: tuple[int, ...]
    years_unknown: tuple[int, ...]

    @property
    def with_carry_over_usd(self) -> int:
        return self.new_money_usd + self.carry_over_usd


def money_totals(contributions: pd.DataFrame) -> MoneyTotals:
    c = contributions
    amounts = c[c["status"] == "amount"]
    new = amounts[amounts["counts_as_new_money"].fillna(False).astype(bool)]
    carry = amounts[~amounts["counts_as_new_money"].fillna(True).astype(bool)]
    return MoneyTotals(
        new_money_usd=int(new["amount_usd"].sum()),
        carry_over_usd=int(carry["amount_usd"].sum()),
        years_with_amounts=_years(amounts),
        years_none=_years(c[c["status"] == "none"]),
        years_unknown=_years(c[c["status"] == "unknown"]),
    )


def _years(df: pd.DataFrame) -> tuple[int, ...]:
    return tuple(sorted({int(y) for y in df["year"].dropna()}))


@dataclass(frozen=True)
class Headline:
    summits_attended: int
    summits_held: int
    co_chair_roles: int
    team_memberships: int
    other_roundtable_roles: int
    thematic_meetings: int
    money: MoneyTotals
    first_year: int | None
    last_year: int | None


def headline(participation: pd.DataFrame, roundtables: pd.DataFrame,
             meetings: pd.DataFrame, contributions: pd.DataFrame,
             summits: pd.DataFrame, years: tuple[int, int] | None) -> Headline:
    """Headline figures of a filtered view; summits held are counted over the year range."""
    held = summits[summits["year"].notna()]
    if years:
        held = held[held["year"].between(*years)]
    roles = roundtables["role"]
    return Headline(
        summits_attended=int((participation["summit_attended"] == "yes").sum()),
        summits_held=len(held),
        co_chair_roles=int((roles == "co-chair").sum()),
        team_memberships=int((roles == "team-member").sum()),
        other_roundtable_roles=int((~roles.isin(["co-chair", "team-member"])).sum()),
        thematic_meetings=len(meetings),
        money=money_totals(contributions),
        first_year=int(participation["year"].min()) if len(participation) else None,
        last_year=int(participation["year"].max()) if len(participation) else None,
    )


TIMELINE_ROLES = ("co-chair", "team-member", "coordinator")


def timeline(participation: pd.DataFrame, roundtables: pd.DataFrame,
             meetings: pd.DataFrame) -> pd.DataFrame:
    """One row per year: roundtable roles by kind, thematic meetings, new money and status."""
    years = participation[["year", "new_money_usd", "contribution_status"]].copy()
    counts = (
        roundtables.groupby(["year", "role"]).size().unstack(fill_value=0)
        .reindex(columns=list(TIMELINE_ROLES), fill_value=0)
    )
    met = meetings.groupby("year").size().rename("thematic_meetings")
    out = years.merge(counts, left_on="year", right_index=True, how="left")
    out = out.merge(met, left_on="year", right_index=True, how="left")
    for col in (*TIMELINE_ROLES, "thematic_meetings"):
        out[col] = out[col].fillna(0).astype(int)
    return out.sort_values("year").reset_index(drop=True)

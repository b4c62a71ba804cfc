"""Figures computed from filtered tables: headline numbers, money totals, the timeline.

Every figure is a function of the DataFrames a page shows, so a number on screen can
always be traced to the rows in the table beneath it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pandas as pd

from gfmd.vocab import Attendance, ContributionStatus, Role


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
    new = carry = 0
    years: dict[str, set[int]] = {status: set() for status in ContributionStatus}
    for year, status, amount, is_new in zip(
        contributions["year"].tolist(), contributions["status"].tolist(),
        contributions["amount_usd"].tolist(), contributions["counts_as_new_money"].tolist(),
        strict=True,
    ):
        years[status].add(int(year))
        if status == ContributionStatus.AMOUNT:
            if is_new is True:
                new += int(amount)
            elif is_new is False:
                carry += int(amount)
    return MoneyTotals(
        new_money_usd=new,
        carry_over_usd=carry,
        years_with_amounts=tuple(sorted(years[ContributionStatus.AMOUNT])),
        years_none=tuple(sorted(years[ContributionStatus.NONE])),
        years_unknown=tuple(sorted(years[ContributionStatus.UNKNOWN])),
    )


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
    held = [y for y in summits["year"].tolist() if y is not pd.NA and y is not None]
    if years:
        held = [y for y in held if years[0] <= y <= years[1]]
    roles = Counter(roundtables["role"].tolist())
    covered = participation["year"].tolist()
    return Headline(
        summits_attended=participation["summit_attended"].tolist().count(Attendance.YES),
        summits_held=len(held),
        co_chair_roles=roles[Role.CO_CHAIR],
        team_memberships=roles[Role.TEAM_MEMBER],
        other_roundtable_roles=(sum(roles.values()) - roles[Role.CO_CHAIR]
                                - roles[Role.TEAM_MEMBER]),
        thematic_meetings=len(meetings),
        money=money_totals(contributions),
        first_year=int(min(covered)) if covered else None,
        last_year=int(max(covered)) if covered else None,
    )


TIMELINE_ROLES: tuple[str, ...] = (Role.CO_CHAIR, Role.TEAM_MEMBER, Role.COORDINATOR)


def timeline(participation: pd.DataFrame, roundtables: pd.DataFrame,
             meetings: pd.DataFrame) -> pd.DataFrame:
    """One row per year: roundtable roles by kind, thematic meetings, new money and status.

    Counted in plain Python: these frames hold a few dozen rows, where pandas' groupby
    and merge machinery costs far more than the counting itself.
    """
    roles = Counter(zip(roundtables["year"].tolist(), roundtables["role"].tolist(), strict=True))
    met = Counter(meetings["year"].tolist())
    rows = [
        {"year": year, "new_money_usd": money, "contribution_status": status,
         **{role: roles[(year, role)] for role in TIMELINE_ROLES},
         "thematic_meetings": met[year]}
        for year, money, status in sorted(zip(
            participation["year"].tolist(), participation["new_money_usd"].tolist(),
            participation["contribution_status"].tolist(), strict=True))
    ]
    columns = ["year", "new_money_usd", "contribution_status", *TIMELINE_ROLES,
               "thematic_meetings"]
    out = pd.DataFrame(rows, columns=columns)
    out["new_money_usd"] = out["new_money_usd"].astype("Int64")
    return out

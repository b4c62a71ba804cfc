"""Figures computed from filtered tables: headline numbers, money totals, the timeline.

Every figure is a function of the DataFrames a page shows, so a number on screen can
always be traced to the rows in the table beneath it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pandas as pd

from gfmd.record.vocab import (
    Attendance,
    ContributionStatus,
    MeetingKind,
    PartnersStatus,
    RecordStatus,
    Role,
)
from gfmd.text import formatting as fmt


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
    other_meetings: int  # co-chaired GFMD meetings that are not roundtables (the PfP meeting)
    money: MoneyTotals
    first_year: int | None
    last_year: int | None
    years_not_recorded: tuple[int, ...]  # summit years no source records participation for


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
        other_meetings=int(participation["other_meetings"].sum()),
        money=money_totals(contributions),
        first_year=int(min(covered)) if covered else None,
        last_year=int(max(covered)) if covered else None,
        years_not_recorded=tuple(sorted(
            int(y) for y, s in zip(covered, participation["record_status"].tolist(),
                                   strict=True) if s == RecordStatus.UNKNOWN)),
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
        {"year": year, "record_status": recorded, "new_money_usd": money,
         "contribution_status": status,
         **{role: roles[(year, role)] for role in TIMELINE_ROLES},
         "thematic_meetings": met[year]}
        for year, recorded, money, status in sorted(zip(
            participation["year"].tolist(), participation["record_status"].tolist(),
            participation["new_money_usd"].tolist(),
            participation["contribution_status"].tolist(), strict=True))
    ]
    columns = ["year", "record_status", "new_money_usd", "contribution_status",
               *TIMELINE_ROLES, "thematic_meetings"]
    out = pd.DataFrame(rows, columns=columns)
    out["new_money_usd"] = out["new_money_usd"].astype("Int64")
    return out


@dataclass(frozen=True)
class PartnerCount:
    """One government the country led something with: how often, when, on what."""

    partner: str
    roles: int  # distinct roles (roundtables, meetings, the co-chairmanship) shared
    years: tuple[int, ...]
    kinds: tuple[str, ...]
    themes: tuple[str, ...]


@dataclass(frozen=True)
class Partnerships:
    partners: tuple[PartnerCount, ...]  # most shared roles first
    roles_with_partners: int  # lead roles for which a source names the partners
    roles_unknown: int  # lead roles for which no source names them: unknown, not none


def partnerships(partners: pd.DataFrame) -> Partnerships:
    """Count the partners table (one row per named partner, one row with no partner for a
    role whose partners no source names). A role is a (year, kind, title); the Forum's
    co-chairmanship has a row per year but is one role."""
    roles: dict[str, set[tuple]] = {}
    years: dict[str, set[int]] = {}
    kinds: dict[str, list[str]] = {}
    themes: dict[str, list[str]] = {}
    named_roles: set[tuple] = set()
    unknown_roles: set[tuple] = set()
    for partner, year, kind, title, theme_cell, status in zip(
        partners["partner"].tolist(), partners["year"].tolist(), partners["kind"].tolist(),
        partners["title"].tolist(), partners["themes"].tolist(), partners["status"].tolist(),
        strict=True,
    ):
        role = (kind, title) if kind == MeetingKind.CO_CHAIRMANSHIP else (year, kind, title)
        if status == PartnersStatus.UNKNOWN:
            unknown_roles.add(role)
        if not isinstance(partner, str) or not partner:
            continue
        named_roles.add(role)
        roles.setdefault(partner, set()).add(role)
        if isinstance(year, int):
            years.setdefault(partner, set()).add(year)
        kinds.setdefault(partner, []).append(kind)
        if isinstance(theme_cell, str):
            themes.setdefault(partner, []).extend(theme_cell.split("; "))
    counts = [
        PartnerCount(p, len(r), tuple(sorted(years.get(p, ()))),
                     tuple(dict.fromkeys(kinds[p])), tuple(dict.fromkeys(themes.get(p, ()))))
        for p, r in roles.items()
    ]
    # Most shared roles first; then by name as the reader's language writes and orders it.
    counts.sort(key=lambda c: (-c.roles, fmt.sort_key(fmt.country_name(c.partner))))
    return Partnerships(tuple(counts), len(named_roles), len(unknown_roles))

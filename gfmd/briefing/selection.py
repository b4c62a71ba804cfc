"""Which records a briefing is made of: every role, meeting, figure and practice tagged
with a chosen theme, in the chosen years, of the scoped country."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from gfmd.briefing.model import (
    BriefingError,
    MeetingRecord,
    OtherRecord,
    RoleRecord,
    Selection,
)
from gfmd.briefing.text import fill, plain
from gfmd.briefing.themes import tagged
from gfmd.record.dataset import Dataset
from gfmd.tables.aggregate import money_totals
from gfmd.tables.build import contributions
from gfmd.tables.filters import Filters
from gfmd.text import formatting as fmt
from gfmd.text.messages import t


def clamp_years(ds: Dataset, years: tuple[int, int] | None) -> tuple[int, int]:
    """The asked-for years within the record's years; an error when they do not meet."""
    have = _record_years(ds)
    if not have:
        raise BriefingError(t("briefing.error.no_data"))
    lo, hi = have[0], have[-1]
    if years is None:
        return lo, hi
    a, b = sorted(years)
    if b < lo or a > hi:
        raise BriefingError(plain(fill("briefing.error.outside", years=fmt.year_range(a, b),
                                       first=lo, last=hi)))
    return max(a, lo), min(b, hi)


def select(ds: Dataset, themes: Sequence[str], years: tuple[int, int]) -> Selection:
    """Every role, meeting, figure and practice tagged with one of `themes`, in `years`."""
    wanted = set(themes)
    records = tuple(sorted(
        (r for r in ds.years if years[0] <= r.year <= years[1]),
        key=lambda r: r.year,
    ))
    roles = tuple(RoleRecord(r, role) for r in records for role in r.roundtable_roles
                  if tagged(role.themes, wanted))
    meetings = tuple(sorted(
        (MeetingRecord(r, m) for r in records for m in r.thematic_meetings
         if tagged(m.themes, wanted)),
        key=lambda mr: (mr.meeting.start_date or dt.date(mr.record.year, 12, 31)),
    ))
    others = tuple(OtherRecord(r, m) for r in records for m in r.other_meetings
                   if tagged(m.themes, wanted))
    country = ds.country
    figures = tuple(f for f in country.national_figures if tagged(f.themes, wanted)) \
        if country else ()
    practices = tuple(p for p in country.pfp_practices if tagged(p.themes, wanted)) \
        if country else ()
    money = money_totals(Filters(years=years).apply(contributions(ds)))
    return Selection(tuple(themes), years, records, roles, meetings, others, figures, practices,
                     money)


def _record_years(ds: Dataset) -> list[int]:
    return sorted(r.year for r in ds.years)

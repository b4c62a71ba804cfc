"""The dataset as pandas tables: one builder per table, shared by the CLI, the app and briefings.

Column names are a contract (`gfmd.tables.columns.COLUMNS`); `tests/test_exports.py` pins
them. Unknown stays unknown: missing dates, venues and amounts are `NA`, never zero or
an empty string.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd

from gfmd.record.dataset import Dataset
from gfmd.record.models import ParticipationYear, SourcedRole
from gfmd.record.vocab import (
    Attendance,
    ContributionStatus,
    MeetingKind,
    Role,
    RoundtableParticipation,
)
from gfmd.tables.columns import (
    THEME_SEP,
    frame,
    notes_cell,
    partner_cells,
    summit_place,
    summits_by_year,
)
from gfmd.tables.people import delegations, partners
from gfmd.text import formatting as fmt
from gfmd.text.messages import language, t


def _new_money(rec: ParticipationYear) -> int | None:
    """New money in a year: None when unknown, 0 when a none is stated."""
    c = rec.contributions
    if c.status is ContributionStatus.NONE:
        return 0
    if c.status is ContributionStatus.UNKNOWN:
        return None
    return sum(i.amount_usd or 0 for i in c.items if i.counts_as_new_money)


def _carry_over(rec: ParticipationYear) -> int | None:
    c = rec.contributions
    if c.status is ContributionStatus.NONE:
        return 0
    if c.status is ContributionStatus.UNKNOWN and not c.items:
        return None
    amounts = [i.amount_usd for i in c.items if not i.counts_as_new_money]
    if any(a is None for a in amounts):
        return None
    return sum(a for a in amounts if a is not None)


def participation(ds: Dataset) -> pd.DataFrame:
    """One row per summit year, recorded or not: an unknown year is a row that says so."""
    summit_by_year = summits_by_year(ds)
    rows = []
    for rec in ds.years:
        roles = rec.roundtable_roles
        summit = summit_by_year.get(rec.year)
        head = rec.delegation.head if rec.delegation else None
        rows.append({
            "country_iso3": rec.country_iso3,
            "year": rec.year,
            "chairmanship": rec.chairmanship,
            "summit_attended": rec.attendance.summit.value,
            "prep_meetings_attended": rec.attendance.prep_meetings.value,
            "other_attendance": THEME_SEP.join(rec.attendance.other) or None,
            "roundtable_roles": len(roles),
            "co_chair_roles": sum(r.role == Role.CO_CHAIR for r in roles),
            "team_member_roles": sum(r.role == Role.TEAM_MEMBER for r in roles),
            "roundtable_participation": (
                RoundtableParticipation.NONE_STATED if rec.no_roundtable_participation
                else (RoundtableParticipation.ROLES if roles
                      else RoundtableParticipation.UNKNOWN)
            ).value,
            "thematic_meetings": len(rec.thematic_meetings),
            "contribution_status": rec.contributions.status.value,
            "new_money_usd": _new_money(rec),
            "carry_over_usd": _carry_over(rec),
            "year_confidence": rec.year_evidence.confidence if rec.year_evidence else None,
            "note": notes_cell([*rec.notes, *rec.attendance.notes]),
            "source": rec.source,
            "summit_number": summit.number if summit else None,
            "summit_place": summit_place(summit),
            "head_of_delegation": head.name if head else None,
            "record_status": rec.record_status.value,
            "other_meetings": len(rec.other_meetings),
        })
    return frame("participation", rows)


def roundtables(ds: Dataset) -> pd.DataFrame:
    rows = [
        {
            "country_iso3": rec.country_iso3,
            "year": rec.year,
            "chairmanship": rec.chairmanship,
            "role": role.role.value,
            "rt_code": role.rt_code,
            "cluster": role.rt_code.split(".")[0] if role.rt_code else None,
            "title": role.title,
            "themes": THEME_SEP.join(role.themes),
            "note": notes_cell(role.notes),
            "as_written": role.as_written,
            "source": rec.source,
            **partner_cells(role.partners),
        }
        for rec in ds.years
        for role in rec.roundtable_roles
    ]
    return frame("roundtables", rows)


def _coordinates(ds: Dataset, city: str | None, locality: str | None,
                 country: str | None) -> tuple[float | None, float | None]:
    venue = ds.venue(locality, country) or ds.venue(city, country)
    return (venue.latitude, venue.longitude) if venue else (None, None)


def thematic_meetings(ds: Dataset) -> pd.DataFrame:
    rows = []
    for rec in ds.years:
        for m in rec.thematic_meetings:
            lat, lon = _coordinates(ds, m.city, m.locality, m.country)
            rows.append({
                "country_iso3": rec.country_iso3,
                "year": rec.year,
                "role": m.role.value,
                "title": m.title,
                "start_date": m.start_date,
                "end_date": m.end_date,
                "city": m.city,
                "locality": m.locality,
                "host_country": m.country,
                "latitude": lat,
                "longitude": lon,
                "themes": THEME_SEP.join(m.themes),
                "in_profile": m.in_profile,
                "note": notes_cell(m.notes),
                "as_written": m.as_written,
                "source": m.source,
                "date_source": m.date_source or (m.source if m.start_date else None),
                "venue_source": m.venue_source or (m.source if m.city else None),
                "other_roles": _other_roles(m.other_roles),
                **partner_cells(m.partners),
            })
    return frame("thematic_meetings", rows)


def _other_roles(roles: Iterable[SourcedRole]) -> str | None:
    """Roles other sources state, as 'co-convener [source]' joined by ' | '."""
    return " | ".join(f"{r.role.value} [{r.source}]" for r in roles) or None


def contributions(ds: Dataset) -> pd.DataFrame:
    rows = []
    for rec in ds.years:
        c = rec.contributions
        base = {"country_iso3": rec.country_iso3, "year": rec.year}
        if not c.items:
            rows.append({
                **base, "status": c.status.value, "amount_usd": None, "kind": None,
                "counts_as_new_money": None, "as_written": c.as_written, "reason": None,
                "note": notes_cell(c.notes), "source": c.source,
            })
        for item in c.items:
            rows.append({
                **base,
                "status": (ContributionStatus.AMOUNT if item.amount_usd is not None
                           else ContributionStatus.UNKNOWN).value,
                "amount_usd": item.amount_usd,
                "kind": item.kind.value,
                "counts_as_new_money": item.counts_as_new_money,
                "as_written": item.as_written,
                "reason": item.tr("reason", language()),
                "note": notes_cell([*item.notes, *c.notes]),
                "source": item.source,
            })
    return frame("contributions", rows)


def summits(ds: Dataset) -> pd.DataFrame:
    rows = []
    for s in ds.summits:
        lat, lon = _coordinates(ds, s.city, None, s.host_country)
        rows.append({
            "number": s.number,
            "year": s.year,
            "chairmanship": s.chairmanship,
            "chairs": THEME_SEP.join(s.chairs),
            "city": s.city,
            "host_country": s.host_country,
            "start_date": s.start_date,
            "end_date": s.end_date,
            "theme": s.theme,
            "latitude": lat,
            "longitude": lon,
            "virtual": s.virtual,
            "note": notes_cell(s.notes),
            "source": s.source,
        })
    return frame("summits", rows)


def engagements(ds: Dataset) -> pd.DataFrame:
    """Every engagement on one time axis: roundtable roles, meetings and summits attended.

    Summits appear only where attendance is recorded; preparatory and other meetings have
    no known venue and stay in the table with empty coordinates.
    """
    summit_by_year = summits_by_year(ds)
    rows: list[dict] = []
    for rec in ds.years:
        base = {"country_iso3": rec.country_iso3, "year": rec.year}
        for role in rec.roundtable_roles:
            code = f"RT {role.rt_code}: " if role.rt_code else ""
            rows.append({**base, "kind": MeetingKind.ROUNDTABLE.value, "role": role.role.value,
                         "title": f"{code}{role.title}", "themes": THEME_SEP.join(role.themes),
                         "source": rec.source})
        for om in rec.other_meetings:
            rows.append({**base, "kind": om.kind.value, "role": om.role.value,
                         "title": om.tr("title", language()),
                         "themes": THEME_SEP.join(om.themes),
                         "source": om.source})
        for m in rec.thematic_meetings:
            lat, lon = _coordinates(ds, m.city, m.locality, m.country)
            rows.append({**base, "kind": MeetingKind.THEMATIC_MEETING.value,
                         "role": m.role.value,
                         "title": m.title, "themes": THEME_SEP.join(m.themes),
                         "start_date": m.start_date, "end_date": m.end_date, "city": m.city,
                         "locality": m.locality, "host_country": m.country,
                         "latitude": lat, "longitude": lon, "source": m.source,
                         "other_roles": _other_roles(m.other_roles)})
        summit = summit_by_year.get(rec.year)
        if rec.attendance.summit is Attendance.YES and summit is not None:
            lat, lon = _coordinates(ds, summit.city, None, summit.host_country)
            rows.append({**base, "kind": MeetingKind.SUMMIT.value, "role": Role.ATTENDED.value,
                         "title": t("tables.summit_title",
                                    summit=fmt.summit_name(summit.number, summit.city,
                                                           summit.year, summit.virtual),
                                    theme=summit.theme or t("tables.theme_unknown")),
                         "themes": None, "start_date": summit.start_date,
                         "end_date": summit.end_date, "city": summit.city,
                         "host_country": summit.host_country, "latitude": lat,
                         "longitude": lon, "source": rec.source})
        if rec.attendance.prep_meetings is Attendance.YES:
            rows.append({**base, "kind": MeetingKind.PREPARATORY_MEETING.value,
                         "role": Role.ATTENDED.value,
                         "title": t("tables.prep_title", chairmanship=rec.chairmanship),
                         "themes": None, "source": rec.source})
        for other in rec.attendance.other:
            # The profile's own words, which name no meeting ("Attended Meeting"): quoted
            # as its words, so a reader does not take them for a title or a slip.
            rows.append({**base, "kind": MeetingKind.OTHER_MEETING.value,
                         "role": Role.ATTENDED.value,
                         "title": t("tables.other_title", words=other), "themes": None,
                         "source": rec.source})
    return frame("engagements", rows)


@dataclass(frozen=True)
class Table:
    name: str
    build: Callable[[Dataset], pd.DataFrame]
    description: str


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table("participation", participation, "One row per year: attendance, roles, money."),
        Table("roundtables", roundtables, "One row per roundtable role."),
        Table("thematic_meetings", thematic_meetings, "One row per thematic meeting."),
        Table("contributions", contributions, "One row per contribution or stated none."),
        Table("summits", summits, "All GFMD summits, 1 to 15."),
        Table("engagements", engagements, "Every role, meeting and summit on one time axis."),
        Table("partners", partners, "Who each co-chaired role was shared with, or unknown."),
        Table("delegations", delegations, "Who represented the country at each summit."),
    )
}


def build_all(ds: Dataset) -> dict[str, pd.DataFrame]:
    """Every table of a (country-scoped) dataset, built once per data load."""
    return {name: table.build(ds) for name, table in TABLES.items()}

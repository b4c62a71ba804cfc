"""Tables of people and governments: the partners Morocco shared lead roles with, and
its delegations to summits. Built from the same scoped dataset as every other table."""

from __future__ import annotations

import pandas as pd

from gfmd.record.dataset import Dataset
from gfmd.record.types import Partners
from gfmd.record.vocab import LEAD_ROLES, MeetingKind
from gfmd.tables.columns import THEME_SEP, frame, summits_by_year
from gfmd.text import formatting as fmt
from gfmd.text.messages import t


def _partner_rows(base: dict, partners: Partners | None) -> list[dict]:
    """One row per named partner; one row with no partner when none is named."""
    if partners is None:
        return []
    cells = {**base, "status": partners.status.value, "source": partners.source}
    if not partners.names:
        return [{**cells, "partner": None}]
    return [{**cells, "partner": name} for name in partners.names]


def partners(ds: Dataset) -> pd.DataFrame:
    """Who Morocco shared each lead role with: roundtables, other meetings, thematic
    meetings it co-chaired, co-convened or organised, and the Forum's co-chairmanship.

    A role whose partners no source names is one row with status 'unknown' and no
    partner, so a view can say "not recorded" rather than drop it.
    """
    rows: list[dict] = []
    for country in ds.countries.values():
        for sr in country.structural_roles:
            years = sr.years or [None]
            title = (t("tables.co_chairmanship_title", years=fmt.year_range(sr.start.year,
                                                                             sr.end.year))
                     if sr.start and sr.end else t("tables.co_chairmanship_title.no_years"))
            for year in years:
                base = {"country_iso3": country.iso3, "year": year,
                        "kind": MeetingKind.CO_CHAIRMANSHIP.value, "role": sr.role,
                        "title": title, "themes": None}
                rows.extend(_partner_rows(base, sr.partners))
    for rec in ds.years:
        base = {"country_iso3": rec.country_iso3, "year": rec.year}
        for role in rec.roundtable_roles:
            code = f"RT {role.rt_code}: " if role.rt_code else ""
            rows.extend(_partner_rows(
                {**base, "kind": MeetingKind.ROUNDTABLE.value, "role": role.role.value,
                 "title": f"{code}{role.title}", "themes": THEME_SEP.join(role.themes)},
                role.partners))
        for om in rec.other_meetings:
            rows.extend(_partner_rows(
                {**base, "kind": om.kind.value, "role": om.role.value, "title": om.title,
                 "themes": THEME_SEP.join(om.themes)}, om.partners))
        for m in rec.thematic_meetings:
            lead = next((r for r in (m.role, *(o.role for o in m.other_roles))
                         if r.value in LEAD_ROLES), m.role)
            rows.extend(_partner_rows(
                {**base, "kind": MeetingKind.THEMATIC_MEETING.value, "role": lead.value,
                 "title": m.title,
                 "themes": THEME_SEP.join(m.themes)}, m.partners))
    rows.sort(key=lambda r: (r["country_iso3"], r["year"] or 0))
    return frame("partners", rows)


def delegations(ds: Dataset) -> pd.DataFrame:
    """One row per delegation member a source names, head first."""
    summit_by_year = summits_by_year(ds)
    rows = []
    for rec in ds.years:
        if rec.delegation is None:
            continue
        summit = summit_by_year.get(rec.year)
        base = {"country_iso3": rec.country_iso3, "year": rec.year,
                "summit_number": summit.number if summit else None}
        people = [("head", rec.delegation.head)] if rec.delegation.head else []
        people += [("member", m) for m in rec.delegation.members]
        for role, person in people:
            rows.append({**base, "name": person.name, "title": person.title, "role": role,
                         "source": person.source})
    return frame("delegations", rows)


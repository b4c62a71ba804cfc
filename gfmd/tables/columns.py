"""The tables' contract: column names per table (`COLUMNS`, pinned by
tests/test_exports.py) and the few cell writers every table shares, so a note, a partner
list or a summit's place is written the same way in each."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from gfmd.record.dataset import Dataset
from gfmd.record.reference import Summit
from gfmd.record.types import Note, Partners
from gfmd.text import formatting as fmt
from gfmd.text.messages import language

THEME_SEP = "; "
# A download's header where the code alone would say less than the column holds: a
# table's "year" is the GFMD summit year its record is filed under, not the year a
# meeting met (the meeting of 11 September 2013 belongs to summit year 2014), so the
# CSV and JSON say so, as the screen and the spreadsheet do ("Summit year").
DOWNLOAD_NAMES = {"year": "summit_year", "years": "summit_years"}

COLUMNS: dict[str, list[str]] = {
    "participation": [
        "country_iso3", "year", "chairmanship", "summit_attended", "prep_meetings_attended",
        "other_attendance", "roundtable_roles", "co_chair_roles", "team_member_roles",
        "roundtable_participation", "thematic_meetings", "contribution_status",
        "new_money_usd", "carry_over_usd", "year_confidence", "note", "source",
        "summit_number", "summit_place", "head_of_delegation", "record_status",
        "other_meetings",
    ],
    "roundtables": [
        "country_iso3", "year", "chairmanship", "role", "rt_code", "cluster", "title",
        "themes", "note", "as_written", "source",
        "partners", "partners_status", "partners_source",
    ],
    "thematic_meetings": [
        "country_iso3", "year", "role", "title", "start_date", "end_date", "city", "locality",
        "host_country", "latitude", "longitude", "themes", "in_profile", "note", "as_written",
        "source", "date_source", "venue_source",
        "other_roles", "partners", "partners_status", "partners_source",
    ],
    "contributions": [
        "country_iso3", "year", "status", "amount_usd", "kind", "counts_as_new_money",
        "as_written", "reason", "note", "source",
    ],
    "summits": [
        "number", "year", "chairmanship", "chairs", "city", "host_country", "start_date",
        "end_date", "theme", "latitude", "longitude", "virtual", "note", "source",
    ],
    "engagements": [
        "country_iso3", "year", "kind", "role", "title", "themes", "start_date", "end_date",
        "city", "locality", "host_country", "latitude", "longitude", "source", "other_roles",
    ],
    "partners": [
        "country_iso3", "partner", "year", "kind", "role", "title", "themes", "status",
        "source",
    ],
    "delegations": [
        "country_iso3", "year", "summit_number", "name", "title", "role", "source",
    ],
}


def notes_cell(notes: Iterable[Note]) -> str | None:
    """Notes as one cell, in the reader's language: 'text [source]' joined by ' | '."""
    joined = " | ".join(f"{n.shown(language())} [{n.source}]" for n in notes)
    return joined or None


def frame(name: str, rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=COLUMNS[name])
    for col in ("year", "number", "amount_usd", "new_money_usd", "carry_over_usd",
                "roundtable_roles", "co_chair_roles", "team_member_roles", "thematic_meetings",
                "summit_number", "other_meetings"):
        if col in df.columns:
            df[col] = df[col].astype("Int64")
    for col in ("latitude", "longitude"):
        if col in df.columns:
            df[col] = df[col].astype("Float64")
    for col in ("counts_as_new_money", "in_profile", "virtual"):
        if col in df.columns:
            df[col] = df[col].astype("boolean")
    return df


def partner_cells(partners: Partners | None) -> dict[str, str | None]:
    """Partners as three cells; names stay empty unless a source names them."""
    if partners is None:
        return {"partners": None, "partners_status": None, "partners_source": None}
    return {
        "partners": THEME_SEP.join(partners.names) or None,
        "partners_status": partners.status.value,
        "partners_source": partners.source,
    }


def summits_by_year(ds: Dataset) -> dict[int, Summit]:
    return {s.year: s for s in ds.summits if s.year is not None}


def summit_place(summit: Summit | None) -> str | None:
    """'Riohacha, La Guajira, Colombia', 'online', or None when the place is unknown."""
    if summit is None:
        return None
    return fmt.summit_place(summit.city, summit.locality, summit.host_country,
                            summit.virtual) or None


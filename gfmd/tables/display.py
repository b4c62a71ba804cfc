"""Tables as people read them: a header in words for every column, and coded values
(roles, kinds, statuses, themes, source ids) as their labels.

The tables of `gfmd.tables.build` keep codes: they are the machine contract, and the CSV and
JSON downloads write them unchanged. The on-screen table and the Excel file go through
here, so both say "Co-chair" and "Labour mobility and skills" where the data says
`co-chair` and `labour-mobility`. Types are kept (numbers, dates, flags): how they are
written is for the screen or the spreadsheet to decide.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum

import pandas as pd

from gfmd.record.dataset import Dataset
from gfmd.record.reference import theme_label
from gfmd.record.vocab import (
    Attendance,
    ContributionKind,
    ContributionStatus,
    MeetingKind,
    PartnersStatus,
    RecordStatus,
    Role,
    RoundtableParticipation,
)
from gfmd.tables.columns import COLUMNS, THEME_SEP
from gfmd.text import formatting as fmt
from gfmd.text.messages import EN, language, t

# Columns of derived tables (the overview's timeline, the meetings page's places).
DERIVED_COLUMNS = (
    "new_money_usd", "contribution_status", "co-chair", "team-member", "coordinator",
    "thematic_meetings", "place", "meetings", "summits", "kinds", "years",
    "id", "source_title", "publisher", "url",  # the sources sheet of the spreadsheet
    "date", "seed", "label", "description", "gcm_objectives",  # sources and themes lists
)
# Every column a header is written for: `col.<name>` in the message catalogue.
KNOWN_COLUMNS: tuple[str, ...] = tuple(dict.fromkeys(
    [c for cols in COLUMNS.values() for c in cols] + list(DERIVED_COLUMNS)))

# Codes a reader does not need on screen; the downloads keep them.
SCREEN_HIDDEN = frozenset({"country_iso3", "cluster", "partners_status", "latitude",
                           "longitude", "tooltip"})
# What a table's "place" says in words (gfmd.tables.venues.place_name): on screen, beside it, they
# would only say it again, in three columns a desktop table has no room for.
PLACE_PARTS = frozenset({"city", "locality", "host_country"})
SOURCE_COLUMNS = ("source", "date_source", "venue_source", "partners_source")
PARTNER_NAMES = ("partner", "partners")  # governments, by their English names in the data
# What each table shows on screen, by the name of its table (`gfmd.tables.build.TABLES`
# and the meetings page's own): the columns a reader scans a row by. Everything else (a
# note, the profile's words, a source, a confidence, a second date) is one choice away in
# the row reader, and every column stays in the downloads. A table not named here shows
# all its columns but the hidden ones.
ON_SCREEN: dict[str, tuple[str, ...]] = {
    "participation": ("year", "summit_place", "summit_attended", "roundtable_roles",
                      "co_chair_roles", "team_member_roles", "thematic_meetings",
                      "contribution_status", "new_money_usd", "head_of_delegation"),
    "roundtables": ("year", "role", "rt_code", "title", "themes", "partners"),
    "thematic_meetings": ("year", "role", "title", "start_date", "end_date", "city",
                          "host_country", "partners"),
    "contributions": ("year", "status", "amount_usd", "kind", "counts_as_new_money"),
    "summits": ("number", "year", "chairs", "city", "host_country", "start_date",
                "end_date", "theme"),
    "engagements": ("year", "kind", "role", "title", "start_date", "city", "host_country"),
    "partners": ("year", "partner", "kind", "role", "title", "themes", "status"),
    "delegations": ("year", "summit_number", "name", "role", "title"),
    "meetings": ("year", "place", "kind", "role", "title", "start_date", "end_date"),
    "meetings_no_venue": ("year", "kind", "role", "title", "start_date", "city",
                          "host_country"),
}
# "text [source-id]", the form notes and other roles cite their sources in.
CITED = re.compile(r"\[([A-Za-z0-9][A-Za-z0-9_.:-]*)\]")


def screen_hidden(columns: Iterable[str]) -> frozenset[str]:
    """The columns of a table with `columns` that stay in the downloads only."""
    return SCREEN_HIDDEN | PLACE_PARTS if "place" in columns else SCREEN_HIDDEN


def header(column: str) -> str:
    """The column's name in words; a column the catalogue does not know keeps its name."""
    key = f"col.{column}"
    return t(key) if key in EN else column


def _labels(*families: tuple[type[StrEnum], str]) -> dict[str, str]:
    """code -> message id, e.g. {"co-chair": "role.co-chair"}."""
    return {member.value: f"{prefix}.{member.value}"
            for enum, prefix in families for member in enum}


# Message ids of the coded values, per column. "status" depends on the table (below).
_VALUE_IDS: dict[str, dict[str, str]] = {
    "role": {**_labels((Role, "role")), "head": "delegation.head",
             "member": "delegation.member"},
    "kind": _labels((MeetingKind, "kind"), (ContributionKind, "money.kind")),
    "kinds": _labels((MeetingKind, "kind")),
    "summit_attended": _labels((Attendance, "attendance")),
    "prep_meetings_attended": _labels((Attendance, "attendance")),
    "contribution_status": _labels((ContributionStatus, "money")),
    "roundtable_participation": _labels((RoundtableParticipation, "rt_participation")),
    "record_status": _labels((RecordStatus, "record")),
    "partners_status": _labels((PartnersStatus, "partners")),
    "year_confidence": {c: f"confidence.{c}" for c in ("low", "medium", "medium-high", "high")},
}
_STATUS_IDS = {"amount_usd": _labels((ContributionStatus, "money")),
               "partner": _labels((PartnersStatus, "partners"))}


def _value_ids(df: pd.DataFrame) -> dict[str, dict[str, str]]:
    ids = dict(_VALUE_IDS)
    for marker, status in _STATUS_IDS.items():
        if marker in df:
            ids["status"] = status
    return ids


def _map_codes(series: pd.Series, labels: Mapping[str, str]) -> pd.Series:
    """Each code (or '; '-joined codes) as its label; unknown codes stay as written."""
    def one(cell: object) -> object:
        if not isinstance(cell, str):
            return cell
        return THEME_SEP.join(labels.get(c, c) for c in cell.split(THEME_SEP))
    return series.map(one, na_action="ignore")


def source_title(dataset: Dataset) -> Callable[[str], str]:
    """source id -> its title (the id itself if the data lacks it)."""
    def title(sid: str) -> str:
        src = dataset.sources.get(sid)
        return src.shown_title(language()) if src else sid
    return title


def readable(df: pd.DataFrame, dataset: Dataset) -> pd.DataFrame:
    """`df` with labels for coded values and sources by title, as the screen and the
    spreadsheet show them. Column names stay the codes (headers are the caller's:
    `header`); numbers, dates and flags keep their types."""
    out = df.copy()
    for col, ids in _value_ids(df).items():
        if col in out:
            out[col] = _map_codes(out[col], {code: t(key) for code, key in ids.items()})
    if "themes" in out:
        out["themes"] = _map_codes(out["themes"], {tid: theme_label(theme)
                                                   for tid, theme in dataset.themes.items()})
    title = source_title(dataset)
    for col in SOURCE_COLUMNS:
        if col in out:
            out[col] = out[col].map(title, na_action="ignore")
    for col in PARTNER_NAMES:  # as the chart and the sentences name them (walk review F22)
        if col in out:
            out[col] = out[col].map(lambda cell: THEME_SEP.join(
                fmt.country_name(name) for name in str(cell).split(THEME_SEP)),
                na_action="ignore")
    _no_partner_named(df, out, dataset)
    roles = _VALUE_IDS["role"]
    for col in ("note", "other_roles", "reason"):
        if col in out:
            out[col] = out[col].map(lambda cell: _cite(cell, title, roles), na_action="ignore")
    return out


# (names, status, source) of a role's partners: the role tables', the Partners table's.
_PARTNER_COLUMNS = (("partners", "partners_status", "partners_source"),
                    ("partner", "status", "source"))


def _no_partner_named(df: pd.DataFrame, out: pd.DataFrame, dataset: Dataset) -> None:
    """One wording in every table where no partner is named: "None" when a source says
    the role was held alone, else "Not recorded", whether the record marks the partners
    unknown or says nothing of them. An unknown cites the method note, which says only
    that no source found names them: the cell says that in place of the note's title."""
    method = dataset.method.source if dataset.method else None
    for names, status, source in _PARTNER_COLUMNS:
        if not {names, status, source} <= set(df.columns):
            continue
        unknown = df[status].eq(PartnersStatus.UNKNOWN.value)
        out[source] = out[source].where(~(unknown & df[source].eq(method)),
                                        t("partners.source.searched"))
        if names == "partners":  # the role tables hide the status: the cell says it
            said = out[names].where(df[names].notna(), out[status])
            out[names] = said.where(df[names].notna() | ~(df[status].isna() | unknown),
                                    t("partners.unknown"))


def _cite(cell: object, title: Callable[[str], str], roles: Mapping[str, str]) -> object:
    """'co-convener [gfmd-news]' -> 'Co-convener [GFMD news title]'."""
    if not isinstance(cell, str):
        return cell
    parts = []
    for part in cell.split(" | "):
        head, _, rest = part.partition(" ")
        if head in roles and rest.startswith("["):
            part = f"{t(roles[head])} {rest}"
        parts.append(CITED.sub(lambda m: f"[{title(m.group(1))}]", part))
    return " | ".join(parts)

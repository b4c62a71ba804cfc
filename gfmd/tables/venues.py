"""Where Morocco met: summits and thematic meetings grouped by the place they were held.

The map shows one marker per place, so meetings are grouped by venue (city or locality,
country, coordinates) and each place carries a plain-text description of its meetings for
the map's tooltip. Meetings without a known venue are returned by `without_venue`, so the
page lists them instead of silently leaving them off the map.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from gfmd.record.vocab import MeetingKind, kind_label, role_label
from gfmd.tables.columns import THEME_SEP
from gfmd.text import formatting as fmt
from gfmd.text.messages import t, tn

MAPPED_KINDS: tuple[str, ...] = (MeetingKind.SUMMIT, MeetingKind.THEMATIC_MEETING)
PLACE_COLUMNS = ["place", "city", "locality", "host_country", "latitude", "longitude",
                 "meetings", "summits", "thematic_meetings", "kinds", "years", "tooltip"]
MEETING_COLUMNS = ["year", "place", "title", "kind", "role", "start_date", "end_date", "city",
                   "locality", "host_country", "latitude", "longitude", "themes", "source",
                   "country_iso3", "other_roles"]
TOOLTIP_TITLE_CHARS = 70
TOOLTIP_MEETINGS = 3  # more would overflow the map; the table lists them all
NO_VENUE_COLUMNS = ["year", "kind", "role", "title", "start_date", "end_date", "city",
                    "host_country", "source"]
_PLACE_KEY = ["place", "host_country", "latitude", "longitude"]


def _date(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def date_range(start: object, end: object) -> str:
    """The dates of a table row (NA when unknown), written out; "unknown" when unknown."""
    return fmt.date_range(_date(start), _date(end)) or t("common.unknown")


def place_name(city: object, locality: object, country: object) -> str:
    """The place of a table row (NA when unknown); "unknown" when nothing is known."""
    return fmt.place(_text(city), _text(locality), _text(country)) or t("common.unknown")


def located(engagements: pd.DataFrame) -> pd.DataFrame:
    """Summits and thematic meetings with coordinates, named by place, oldest first.

    The one table behind the map, the meetings table and its download.
    """
    mask = (engagements["kind"].isin(MAPPED_KINDS)
            & engagements["latitude"].notna() & engagements["longitude"].notna())
    rows = engagements[mask].copy()
    names = [place_name(c, loc, k) for c, loc, k
             in zip(rows["city"], rows["locality"], rows["host_country"], strict=True)]
    rows = rows.assign(place=names)[MEETING_COLUMNS]
    order = rows.assign(_start=pd.to_datetime(rows["start_date"]))
    order = order.sort_values(["_start", "year", "place"], na_position="last", kind="stable")
    return rows.loc[order.index].reset_index(drop=True)


def short_title(title: object, limit: int = TOOLTIP_TITLE_CHARS) -> str:
    """A title cut at a word before `limit` characters, so a tooltip stays inside the map."""
    text = str(title)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] or text[: limit - 1]
    return cut.rstrip(" ,:;–-") + "…"


def _role_text(role: str, other_roles: object) -> str:
    """'participated', or 'participated; co-convener, says another source' when another
    source states a role of its own: never understate what a source says."""
    text = role_label(role).lower()
    others = re.findall(r"([a-z-]+) \[", other_roles) if isinstance(other_roles, str) else []
    if others:
        text = t("venues.tooltip.other_roles", role=text,
                 others=fmt.join([role_label(o).lower() for o in others]))
    return text


def _meeting_line(row: pd.Series) -> str:
    return t("venues.tooltip.meeting", title=short_title(row["title"]),
             kind=kind_label(row["kind"]),
             dates=date_range(row["start_date"], row["end_date"]),
             role=_role_text(row["role"], row["other_roles"]))


def places(engagements: pd.DataFrame) -> pd.DataFrame:
    """One row per place: how many meetings of each kind, their years, a tooltip text.

    Most meetings first. The tooltip is plain text (the map shows it as text, not HTML).
    """
    rows = located(engagements)
    result = []
    for key, group in rows.groupby(_PLACE_KEY, sort=False, dropna=False):
        place, country, lat, lon = key
        first = group.iloc[0]
        kinds = [k for k in MAPPED_KINDS if (group["kind"] == k).any()]
        header = tn("venues.tooltip.header", len(group), place=place)
        lines = [_meeting_line(row) for _, row in group.head(TOOLTIP_MEETINGS).iterrows()]
        if len(group) > TOOLTIP_MEETINGS:
            lines.append(t("venues.tooltip.more", count=len(group) - TOOLTIP_MEETINGS))
        result.append({
            "place": place, "city": first["city"], "locality": first["locality"],
            "host_country": country, "latitude": lat, "longitude": lon,
            "meetings": len(group),
            "summits": int((group["kind"] == MeetingKind.SUMMIT).sum()),
            "thematic_meetings": int((group["kind"] == MeetingKind.THEMATIC_MEETING).sum()),
            "kinds": THEME_SEP.join(kinds),
            "years": fmt.year_span([int(y) for y in group["year"].dropna()]),
            "tooltip": "\n".join([header, "", *lines]),
        })
    df = pd.DataFrame(result, columns=PLACE_COLUMNS)
    df = df.sort_values(["meetings", "place"], ascending=[False, True], kind="stable")
    for col in ("meetings", "summits", "thematic_meetings"):
        df[col] = df[col].astype("Int64")
    for col in ("latitude", "longitude"):
        df[col] = df[col].astype("Float64")
    return df.reset_index(drop=True)


def without_venue(engagements: pd.DataFrame) -> pd.DataFrame:
    """Meetings, summits and other attendance with no known place: listed, never dropped.

    Roundtable roles are sessions of a summit, not meetings of their own, so they are left
    to the Roundtables page.
    """
    mask = (engagements["kind"] != MeetingKind.ROUNDTABLE) & (
        engagements["latitude"].isna() | engagements["longitude"].isna())
    return engagements.loc[mask, NO_VENUE_COLUMNS].reset_index(drop=True)

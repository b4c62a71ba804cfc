"""The shared filters: one object that every page applies to its table.

Like a Datasette query, one `Filters` value stands behind the chart, the table and the
download, so they always show the same rows. Filters a table has no column for are
reported by `ignored_by`, so a page can say so rather than silently ignore them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from gfmd.tables import THEME_SEP

ROLES: dict[str, str] = {
    "co-chair": "Co-chair",
    "team-member": "Team member",
    "coordinator": "Coordinator",
    "organiser": "Organiser",
    "participated": "Participated",
    "attended": "Attended",
}
KINDS: dict[str, str] = {
    "roundtable": "Roundtable",
    "thematic-meeting": "Thematic meeting",
    "summit": "Summit",
    "preparatory-meeting": "Preparatory meeting",
    "other-meeting": "Other meeting",
}
MAX_SEARCH = 200

# URL parameter names, shared by the app's bound widgets and the notice check.
URL_KEYS = {"years": "years", "roles": "role", "themes": "theme", "kinds": "kind", "text": "q"}


@dataclass(frozen=True)
class Filters:
    """What the reader asked to see. Empty selections mean "all"."""

    years: tuple[int, int] | None = None
    roles: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    text: str = ""

    def apply(self, df: pd.DataFrame, kind: str | None = None) -> pd.DataFrame:
        """Rows of `df` that pass every filter it has a column for.

        `kind` names the meeting kind of a table without a `kind` column (e.g. the
        roundtables table), so the meeting-kind filter can include or exclude it whole.
        """
        mask = pd.Series(True, index=df.index)
        if self.years and "year" in df:
            mask &= df["year"].between(*self.years).fillna(False).astype(bool)
        if self.roles and "role" in df:
            mask &= df["role"].isin(self.roles)
        if self.themes and "themes" in df:
            wanted = set(self.themes)
            mask &= df["themes"].map(
                lambda cell: isinstance(cell, str) and bool(wanted & set(cell.split(THEME_SEP)))
            ).astype(bool)
        if self.kinds:
            if "kind" in df:
                mask &= df["kind"].isin(self.kinds)
            elif kind is not None and kind not in self.kinds:
                mask &= False
        if self.text and "title" in df:
            mask &= df["title"].fillna("").str.contains(self.text, case=False, regex=False)
        return df[mask].reset_index(drop=True)

    def ignored_by(self, columns: Sequence[str], kind: str | None = None) -> list[str]:
        """Names of active filters that a table with `columns` cannot apply."""
        checks = [
            ("role", bool(self.roles), "role" in columns),
            ("theme", bool(self.themes), "themes" in columns),
            ("meeting kind", bool(self.kinds), "kind" in columns or kind is not None),
            ("search", bool(self.text), "title" in columns),
        ]
        return [name for name, active, applies in checks if active and not applies]

    def slug(self, view: str, ext: str) -> str:
        """A file name that says what is in it.

        E.g. morocco-gfmd-roundtables-2010-2016-co-chair.csv.
        """
        parts = ["morocco-gfmd", view]
        if self.years:
            a, b = self.years
            parts.append(str(a) if a == b else f"{a}-{b}")
        parts.extend(self.roles)
        parts.extend(self.themes)
        parts.extend(self.kinds)
        if self.text:
            parts.append("search-" + self.text)
        name = "-".join(_slugify(p) for p in parts if _slugify(p))
        return f"{name[:150].rstrip('-')}.{ext}"


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def url_notices(
    params: Mapping[str, Sequence[str]],
    year_bounds: tuple[int, int],
    theme_labels: Sequence[str],
) -> list[tuple[str, dict[str, object]]]:
    """Which URL filter values are unusable, as (message id, values) for `messages.t`.

    `params` maps each URL key to its repeated values, as in a query string. Values are
    the labels the filter widgets show, since that is what their URL binding carries.
    The app falls back to defaults for these (a reversed range is swapped).
    """
    notices: list[tuple[str, dict[str, object]]] = []
    years = params.get(URL_KEYS["years"])
    if years:
        lo, hi = year_bounds
        ints = [int(v) for v in years if re.fullmatch(r"\d{4}", v.strip())]
        if len(ints) != len(years) or len(ints) not in (1, 2):
            notices.append(("url.bad_years", {"value": _clip(" & ".join(years))}))
        elif not all(lo <= y <= hi for y in ints):
            notices.append(("url.years_outside", {"value": "–".join(map(str, ints)),
                                                  "start": lo, "end": hi}))
        elif len(ints) == 2 and ints[0] > ints[1]:
            notices.append(("url.years_reversed", {"start": ints[0], "end": ints[1]}))
    for key, allowed, what in (
        (URL_KEYS["roles"], ROLES.values(), "role"),
        (URL_KEYS["themes"], theme_labels, "theme"),
        (URL_KEYS["kinds"], KINDS.values(), "kind"),
    ):
        bad = [v for v in params.get(key, ()) if v and v not in set(allowed)]
        if bad:
            notices.append((f"url.unknown_{what}", {"value": _clip(bad[0])}))
    text = params.get(URL_KEYS["text"])
    if text and any(len(v) > MAX_SEARCH for v in text):
        notices.append(("url.search_too_long", {"limit": MAX_SEARCH}))
    return notices


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"

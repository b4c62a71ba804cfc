"""The shared filters: one object that every page applies to its table.

Like a Datasette query, one `Filters` value stands behind the chart, the table and the
download, so they always show the same rows. Filters a table has no column for are
reported by `ignored_by`, so a page can say so rather than silently ignore them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from gfmd.tables.columns import THEME_SEP

MAX_SEARCH = 200


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
        """Message ids naming the active filters that a table with `columns` cannot apply."""
        checks = [
            ("filters.ignored.role", bool(self.roles), "role" in columns),
            ("filters.ignored.theme", bool(self.themes), "themes" in columns),
            ("filters.ignored.kind", bool(self.kinds), "kind" in columns or kind is not None),
            ("filters.ignored.search", bool(self.text), "title" in columns),
        ]
        return [name for name, active, applies in checks if active and not applies]

    def describe(self) -> list[str]:
        """The active filters as words for a file name: years, roles, themes, kinds, search.

        E.g. ['2010-2016', 'co-chair'] becomes part of
        morocco-gfmd-roundtables-2010-2016-co-chair.csv.
        """
        parts: list[str] = []
        if self.years:
            a, b = self.years
            parts.append(str(a) if a == b else f"{a}-{b}")
        parts.extend(self.roles)
        parts.extend(self.themes)
        parts.extend(self.kinds)
        if self.text:
            parts.append("search-" + self.text)
        return parts

"""`Dataset`: everything valid in one data directory, and what was wrong with the rest.

A dataset may hold many countries; `gfmd.store.scope.scoped` narrows it to the one the
dashboard is about, and everything downstream (tables, pages, briefings) reads that view.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from gfmd.record.models import ParticipationYear
from gfmd.record.reference import (
    CountryProfile,
    GcmObjective,
    MethodNote,
    Source,
    StructureBody,
    Summit,
    Theme,
    Venue,
)


@dataclass(frozen=True)
class Problem:
    """One thing wrong: `path:line: field: message`."""

    path: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        line = f":{self.line}" if self.line else ""
        return f"{self.path}{line}: {self.field}: {self.message}"


@dataclass(frozen=True)
class Dataset:
    """Everything valid in one data directory, and what was wrong with the rest."""

    data_dir: Path
    years: tuple[ParticipationYear, ...]
    summits: tuple[Summit, ...]
    venues: tuple[Venue, ...]
    sources: dict[str, Source]
    themes: dict[str, Theme]
    gcm_objectives: dict[int, GcmObjective]
    structure: tuple[StructureBody, ...]
    countries: dict[str, CountryProfile]
    problems: tuple[Problem, ...]
    files: tuple[Path, ...] = field(default=())
    # "How this record was built" (reference/method.yaml), for the app to show in full.
    method: MethodNote | None = None
    # Who tagged the themes and who numbered the Global Compact objectives (themes.yaml).
    theme_sources: tuple[str, ...] = ()
    country_iso3: str | None = None  # set by `gfmd.store.scope.scoped`

    @property
    def summit_years(self) -> list[int]:
        return sorted({s.year for s in self.summits if s.year is not None})

    def venue(self, city: str | None, country: str | None) -> Venue | None:
        for v in self.venues:
            if v.city == city and v.country == country:
                return v
        return None

    @property
    def country(self) -> CountryProfile | None:
        """The profile of the country this view is scoped to (None when unscoped)."""
        return self.countries.get(self.country_iso3) if self.country_iso3 else None

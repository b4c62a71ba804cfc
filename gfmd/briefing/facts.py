"""The facts one note is written from, gathered once: the selection, its events, the
summits and co-chairmanship in the note's years, the counterparts. Every section reads
them, so no section works out a fact another one states too."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from gfmd.briefing.events import Event, events
from gfmd.briefing.model import Selection, Spans, unique
from gfmd.briefing.text import fill, quoted_list
from gfmd.record.dataset import Dataset
from gfmd.record.forum import CoChairmanship, co_chairmanship
from gfmd.record.models import ParticipationYear
from gfmd.record.reference import StructuralRole, Summit, theme_label
from gfmd.record.vocab import Attendance, PartnersStatus, StructuralRoleKind


@dataclass(frozen=True)
class Counterpart:
    """A government the country shared a role with, the years, and who says so."""

    name: str
    years: tuple[int, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Facts:
    """What one note states, worked out before any section is written."""

    ds: Dataset
    sel: Selection
    short: bool  # the one-page note
    themes_phrase: Spans  # 'the theme “…”', 'the themes “…” and “…”'
    structural: tuple[StructuralRole, ...]  # the country's roles in the Forum's structure
    events: tuple[Event, ...]  # every role and meeting of the selection, in date order
    summits: tuple[Summit, ...]  # the summits held in the note's years, in order
    co_chair: CoChairmanship | None  # the Forum's co-chairmanship, if in the years
    hosted: Summit | None  # the summit the country hosted in the years (the latest)
    counterparts: tuple[Counterpart, ...]  # by the first year they worked together
    money_sources: tuple[str, ...]

    def in_years(self, year: int) -> bool:
        return self.sel.years[0] <= year <= self.sel.years[1]

    def year_record(self, year: int) -> ParticipationYear | None:
        return next((r for r in self.ds.years if r.year == year), None)

    def attendance(self, year: int) -> Attendance:
        rec = self.year_record(year)
        return rec.attendance.summit if rec else Attendance.UNKNOWN

    def method_source(self) -> tuple[str, ...]:
        return (self.ds.method.source,) if self.ds.method else ()


def gather(ds: Dataset, sel: Selection, short: bool = False) -> Facts:
    """The facts of the note on `sel`."""
    labels = [theme_label(ds.themes[tid]) for tid in sel.themes]
    phrase = fill("briefing.themes.one" if len(labels) == 1 else "briefing.themes.other",
                  themes=quoted_list(labels))
    structural = tuple(ds.country.structural_roles) if ds.country else ()
    evs = tuple(events(ds, sel.roles, sel.meetings, sel.others))

    def in_years(year: int) -> bool:
        return sel.years[0] <= year <= sel.years[1]

    summits = tuple(sorted((s for s in ds.summits if s.year and in_years(s.year)),
                           key=lambda s: s.number))
    held = co_chairmanship(ds)
    if held is None or not held.partners or not any(map(in_years, held.years)):
        held = None
    name = ds.country.name if ds.country else None
    hosted = [s for s in summits if name and s.host_country == name]
    money_sources = unique(s for r in sel.records
                           for s in [r.contributions.source,
                                     *(i.source for i in r.contributions.items)])
    return Facts(ds, sel, short, phrase, structural, evs, summits, held,
                 hosted[-1] if hosted else None,
                 _counterparts(evs, structural, in_years), money_sources)


def _counterparts(evs: tuple[Event, ...], structural: tuple[StructuralRole, ...],
                  in_years: Callable[[int], bool]) -> tuple[Counterpart, ...]:
    """Governments the country shared a role with on these themes, and as the Forum's
    co-chair."""
    pairs = [(n, e.year, e.partners.source) for e in evs if e.partners
             for n in e.named_partners]
    for role in structural:
        p = role.partners
        if role.role == StructuralRoleKind.CO_CHAIR and p and \
                p.status is PartnersStatus.NAMED:
            pairs += [(n, y, p.source) for n in p.names for y in role.years
                      if in_years(y)]
    years: dict[str, set[int]] = {}
    sources: dict[str, list[str]] = {}
    for name, year, source in pairs:
        years.setdefault(name, set()).add(year)
        sources.setdefault(name, []).append(source)
    found = (Counterpart(n, tuple(sorted(ys)), unique(sources[n])) for n, ys in years.items())
    return tuple(sorted(found, key=lambda c: c.years[0]))

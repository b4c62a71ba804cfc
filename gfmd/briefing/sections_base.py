"""What every section of a briefing shares: the data, the selection, its events, and the
facts several sections state the same way (the co-chairmanship, the hosted summit,
attendance, counterparts, the one line on money)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

from gfmd.briefing.events import Event, events
from gfmd.briefing.model import Selection, Sentence, Span, Spans, unique
from gfmd.briefing.text import counted, fill, join_spans, make_sentence, quoted_list
from gfmd.record.dataset import Dataset
from gfmd.record.forum import CoChairmanship, co_chairmanship
from gfmd.record.models import ContextEvent, ParticipationYear
from gfmd.record.reference import Summit, theme_label
from gfmd.record.vocab import Attendance, PartnersStatus, StructuralRoleKind
from gfmd.text import formatting as fmt
from gfmd.text.messages import t


class SectionWriter:
    """Writes sections from one selection; subclasses add one group of sections each."""

    def __init__(self, ds: Dataset, sel: Selection, short: bool = False) -> None:
        self.ds = ds
        self.sel = sel
        self.short = short
        labels = [theme_label(ds.themes[tid]) for tid in sel.themes]
        self.themes_phrase = fill(
            "briefing.themes.one" if len(labels) == 1 else "briefing.themes.other",
            themes=quoted_list(labels),
        )
        country = ds.country
        self.structural = country.structural_roles if country else []
        self.profile_sources = unique(r.source for r in sel.records)

    # -- pieces shared by several sections

    @cached_property
    def events(self) -> list[Event]:
        """Every role and meeting of the selection, once, in date order."""
        return events(self.ds, self.sel.roles, self.sel.meetings, self.sel.others)

    def in_years(self, year: int) -> bool:
        return self.sel.years[0] <= year <= self.sel.years[1]

    def co_chair_years(self) -> CoChairmanship | None:
        """The Forum's co-chairmanship, if any of its years is in the note's years."""
        held = co_chairmanship(self.ds)
        if held is None or not held.partners or not any(map(self.in_years, held.years)):
            return None
        return held

    def hosted_summit(self) -> Summit | None:
        """The summit the country hosted in the note's years (the latest, if several)."""
        name = self.ds.country.name if self.ds.country else None
        hosted = [s for s in self.summits_in_years() if name and s.host_country == name]
        return hosted[-1] if hosted else None

    def summits_in_years(self) -> list[Summit]:
        return sorted((s for s in self.ds.summits if s.year and self.in_years(s.year)),
                      key=lambda s: s.number)

    def summit_dates(self, summit: Summit) -> str:
        return fmt.date_range(summit.start_date, summit.end_date) or str(summit.year)

    def context_after(self, summit: Summit) -> list[ContextEvent]:
        """Non-GFMD events recorded for the summit's year in the summit's city."""
        rec = self.year_record(summit.year or 0)
        return [e for e in (rec.context_events if rec else []) if e.city == summit.city]

    def year_record(self, year: int) -> ParticipationYear | None:
        return next((r for r in self.ds.years if r.year == year), None)

    def attendance(self, year: int) -> Attendance:
        rec = self.year_record(year)
        return rec.attendance.summit if rec else Attendance.UNKNOWN

    def method_source(self) -> tuple[str, ...]:
        return (self.ds.method.source,) if self.ds.method else ()

    def word(self, count: int) -> str:
        """A count in words up to ten, as `counted` writes it."""
        words = t("briefing.numbers").split(",")
        return words[count] if count < len(words) else fmt.number(count)

    def government(self, name: str) -> Spans:
        """A country as a sentence names it (« avec l'Allemagne »)."""
        return (Span(fmt.government(name), data=True),)

    def country(self, name: str) -> Spans:
        """A country as a table cell or a label names it (« Pays-Bas », "the Netherlands")."""
        return (Span(fmt.government(name, label=True), data=True),)

    def partner_names(self, names: Iterable[str], in_sentence: bool = True) -> Spans:
        name = self.government if in_sentence else self.country
        return join_spans([name(n) for n in names])

    def counterparts_found(self) -> list[tuple[str, list[int], tuple[str, ...]]]:
        """Governments the country shared a role with on these themes, and as the Forum's
        co-chair: (name, years, sources), by the first year they worked together."""
        years: dict[str, set[int]] = {}
        sources: dict[str, list[str]] = {}
        pairs = [(n, e.year, e.partners.source) for e in self.events if e.partners
                 for n in e.named_partners]
        country = self.ds.country
        for role in country.structural_roles if country else []:
            p = role.partners
            if role.role == StructuralRoleKind.CO_CHAIR and p and \
                    p.status is PartnersStatus.NAMED:
                pairs += [(n, y, p.source) for n in p.names for y in role.years
                          if self.in_years(y)]
        for name, year, source in pairs:
            years.setdefault(name, set()).add(year)
            sources.setdefault(name, []).append(source)
        return sorted(((n, sorted(ys), unique(sources[n])) for n, ys in years.items()),
                      key=lambda item: item[1][0])

    def short_what(self, e: Event) -> Spans:
        """'roundtable 2.1 (2014)', 'the thematic meeting in Geneva, Switzerland (…)'."""
        if e.kind == "rt" and e.code:
            return fill("briefing.km.what.rt", code=e.code, year=e.year)
        if e.kind == "meeting" and e.place and e.dates:
            return fill("briefing.km.what.meeting", place=e.place, dates=e.dates)
        return (*e.what, Span(f" ({e.year})"))

    def money_line(self) -> Sentence:
        """One line on money: new money over the years, carry-over excluded, and what is
        unknown; the profile records money by year, not by theme."""
        money = self.sel.money
        years = fmt.year_range(*self.sel.years)
        if money.new_money_usd:
            spans = fill("briefing.money.line", years=years,
                         amount=fmt.number(money.new_money_usd))
        elif money.years_none and not money.years_unknown:
            spans = fill("briefing.money.line_none", years=fmt.year_span(money.years_none))
        else:
            spans = fill("briefing.money.line_zero", years=years)
        if money.years_unknown:
            spans = (*spans, Span(" "), *counted("briefing.summary.money_unknown",
                                                  len(money.years_unknown),
                                                  years=fmt.year_span(money.years_unknown)))
        return make_sentence(spans, self._money_sources())

    # -- sections

    def _money_sources(self) -> tuple[str, ...]:
        return unique(s for r in self.sel.records
                       for s in [r.contributions.source,
                                 *(i.source for i in r.contributions.items)])

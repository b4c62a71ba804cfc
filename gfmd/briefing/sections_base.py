"""What every section of a briefing shares: the data, the selection, and the pieces
several sections write the same way (the co-chair sentence, a venue and date, a title)."""

from __future__ import annotations

from collections.abc import Iterable

from gfmd import formatting as fmt
from gfmd.briefing.model import Sentence, Span, Spans
from gfmd.briefing.selection import MeetingRecord, Selection
from gfmd.briefing.text import fill, join_spans, make_sentence, quoted_list, unique, venue
from gfmd.dataset import Dataset
from gfmd.forum import co_chairmanship
from gfmd.messages import t
from gfmd.models import RoundtableEntry


class SectionWriter:
    """Writes sections from one selection; subclasses add one group of sections each."""

    def __init__(self, ds: Dataset, sel: Selection) -> None:
        self.ds = ds
        self.sel = sel
        labels = [ds.themes[tid].label for tid in sel.themes]
        self.themes_phrase = fill(
            "briefing.themes.one" if len(labels) == 1 else "briefing.themes.other",
            themes=quoted_list(labels),
        )
        country = ds.country
        self.structural = country.structural_roles if country else []
        self.profile_sources = unique(r.source for r in sel.records)

    # -- pieces shared by several sections

    def _co_chair(self) -> Sentence | None:
        """'Morocco co-chaired the GFMD with Germany in 2017–2018.' if those years are in."""
        lo, hi = self.sel.years
        held = co_chairmanship(self.ds)
        if held is None or not held.partners or not any(lo <= y <= hi for y in held.years):
            return None
        partners = join_spans([(Span(p, data=True),) for p in held.partners])
        return make_sentence(fill("summary.co_chair", partners=partners,
                                  years=fmt.year_span(held.years)), held.sources)

    def _role_kind(self, role: RoundtableEntry) -> Spans:
        if role.rt_code:
            return fill("briefing.kind.rt", code=role.rt_code)
        return fill("briefing.kind.rt_nocode")

    def _where(self, mr: MeetingRecord) -> Spans:
        m = mr.meeting
        place = venue(m) or fill("briefing.venue.unknown")
        dates = fmt.date_range(m.start_date, m.end_date)
        when = (Span(dates),) if dates else fill("briefing.date.unknown", year=mr.record.year)
        return fill("briefing.where", venue=place, dates=when)

    def _title_cell(self, title: str, in_profile: bool = True) -> Spans:
        cell = (Span(title, data=True),)
        return cell if in_profile else (*cell, Span(t("briefing.outside_profile")))

    # -- sections

    def _money_sources(self) -> tuple[str, ...]:
        return unique(s for r in self.sel.records
                       for s in [r.contributions.source,
                                 *(i.source for i in r.contributions.items)])

    def _themes_cell(self, themes: Iterable[str]) -> Spans:
        labels = [self.ds.themes[tid].label for tid in themes if tid in self.sel.themes]
        return (Span("; ".join(labels), data=True),)


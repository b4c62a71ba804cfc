"""Key messages: three to six sentences a minister can say, each sourced, composed from the
data by fixed rules and ranked by weight.

1. Leadership: the Forum's co-chairmanship and the summit the country hosted (with what
   followed in the same city, said to be no GFMD meeting).
2. Continuity: summits attended of those held, with the years no source records.
3. Leadership on the chosen themes: the roles led (co-chair, co-convener, organiser),
   and how many met in the country; else what it took part in.
4. Counterparts: the governments it worked with, with years.
5. The latest summit: who led the delegation.
6. Money, when there is new money in the years: the total, carry-over excluded.
"""

from __future__ import annotations

from gfmd.briefing.events import is_lead, who
from gfmd.briefing.model import Block, Bullets, Paragraph, Sentence, Span, Spans, unique
from gfmd.briefing.sections_base import SectionWriter
from gfmd.briefing.text import counted, fill, join_spans, make_sentence
from gfmd.record.vocab import Attendance, RecordStatus, Role, label
from gfmd.text import formatting as fmt
from gfmd.text.messages import language

MAX_MESSAGES = 6


class MessageSections(SectionWriter):
    def key_messages(self, short: bool = False) -> tuple[Block, ...]:
        """The messages in rank order; the short note leaves the counterparts to their own
        section just below and the latest summit to the full note, to keep to one page."""
        rules = (self._km_leadership, self._km_continuity, self._km_themes,
                 self._km_counterparts, self._km_latest, self._km_money)
        if short:
            rules = (self._km_leadership, self._km_continuity, self._km_themes, self._km_money)
        items = [Paragraph(tuple(found)) for rule in rules if (found := rule())]
        return (Bullets(tuple(items[:MAX_MESSAGES])),)

    def _km_leadership(self) -> list[Sentence]:
        held = self.co_chair_years()
        hosted = self.hosted_summit()
        out: list[Sentence] = []
        if held is None and hosted is None:
            return out
        if held is not None and hosted is not None:
            spans = fill("briefing.km.lead.both", partners=self.partner_names(held.partners),
                         years=fmt.year_span(held.years), number=fmt.ordinal(hosted.number),
                         city=fmt.place_name(hosted.city or ""), dates=self.summit_dates(hosted))
            out.append(make_sentence(spans, [*held.sources, hosted.source]))
        elif held is not None:
            out.append(make_sentence(fill("briefing.km.lead.co_chair",
                                          partners=self.partner_names(held.partners),
                                          years=fmt.year_span(held.years)), held.sources))
        elif hosted is not None:
            out.append(make_sentence(fill("briefing.km.lead.host",
                                          number=fmt.ordinal(hosted.number),
                                          city=fmt.place_name(hosted.city or ""),
                                          dates=self.summit_dates(hosted)), [hosted.source]))
        if hosted is not None:
            for event in self.context_after(hosted):
                out.append(make_sentence(fill(
                    "briefing.km.lead.after", title=str(event.tr("title", language())),
                    dates=fmt.date_range(event.start_date, event.end_date)), [event.source]))
        return out

    def _km_continuity(self) -> list[Sentence]:
        held = self.summits_in_years()
        if not held:
            return []
        attended = [s.year for s in held if self.attendance(s.year) is Attendance.YES]
        unknown = [s.year for s in held if self.attendance(s.year) is Attendance.UNKNOWN]
        sources = unique(r.source for r in self.sel.records
                         if r.year in attended and r.record_status is RecordStatus.RECORDED)
        key = "briefing.km.continuity.all" if len(attended) == len(held) > 1 \
            else "briefing.km.continuity"
        spans = counted(key, len(held), attended=self.word(len(attended)),
                        years=fmt.year_range(*self.sel.years))
        out = [make_sentence(spans, sources)]
        if unknown:
            out.append(make_sentence(counted("briefing.km.continuity.unknown", len(unknown),
                                             years=fmt.year_span(unknown)),
                                     self.method_source()))
        return out

    def _km_themes(self) -> list[Sentence]:
        evs = self.events
        leads = [e for e in evs if is_lead(e)]
        if not leads:
            kinds = {e.kind for e in evs}
            key = {frozenset({"rt"}): "teams", frozenset({"meeting"}): "meetings"}.get(
                frozenset(kinds), "took_part")
            spans = counted(f"briefing.km.themes.{key}", len(evs), themes=self.themes_phrase,
                            years=fmt.year_span(e.year for e in evs))
            return [make_sentence(spans, unique(s for e in evs for s in e.sources))]
        clauses: list[Spans] = []
        for verb, roles in (("co-chair", {Role.CO_CHAIR}), ("co-convener", {Role.CO_CONVENER}),
                            ("organiser", {Role.ORGANISER})):
            group = [e for e in leads if e.lead in roles]
            if group:
                clauses.append(fill(f"briefing.km.verb.{verb}",
                                    items=join_spans([self.short_what(e) for e in group])))
        spans = fill("briefing.km.themes.lead", themes=self.themes_phrase,
                     clauses=join_spans(clauses))
        out = [make_sentence(spans, unique(s for e in leads for s in e.sources))]
        hosted = [e for e in leads if e.hosted]
        if hosted:
            out.append(make_sentence(counted("briefing.km.themes.hosted", len(hosted),
                                             years=fmt.year_span(e.year for e in hosted)),
                                     unique(s for e in hosted for s in e.sources)))
        for e in leads if not self.short else ():
            if e.kind == "meeting" and e.others:
                says = join_spans([fill("briefing.km.says", who=who(self.ds, o.source),
                                        role=label(o.role).lower()) for o in e.others])
                main = label(e.main).lower() if e.main else ""
                out.append(make_sentence(fill("briefing.km.themes.differ", dates=e.dates,
                                              says=says, who=who(self.ds, e.main_source),
                                              role=main), e.sources))
        return out

    def _km_counterparts(self) -> list[Sentence]:
        """The governments, with years; it says whether they shared roles on the themes,
        the Forum's co-chairmanship, or both."""
        found = self.counterparts_found()
        if not found:
            return []
        on_themes = {n for e in self.events for n in e.named_partners}
        in_forum = {n for n, *_ in found} - on_themes
        parts = join_spans([fill("briefing.km.partner", name=self.government(name),
                                 years=fmt.year_span(years)) for name, years, _ in found])
        if on_themes:
            key = "briefing.km.counterparts" if in_forum else "briefing.km.counterparts.themes"
            spans = fill(key, partners=parts)
        else:
            spans = counted("briefing.km.counterparts.forum", len(in_forum), partners=parts)
        return [make_sentence(spans, unique(s for _, _, srcs in found for s in srcs))]

    def _km_latest(self) -> list[Sentence]:
        """Who led the delegation to the latest summit in the years, when a source names
        them and the summit is not the one the country hosted (said already)."""
        held = self.summits_in_years()
        if not held or held[-1] == self.hosted_summit():
            return []
        summit = held[-1]
        rec = self.year_record(summit.year or 0)
        head = rec.delegation.head if rec and rec.delegation else None
        if rec is None or rec.attendance.summit is not Attendance.YES or head is None:
            return []
        where = fmt.place(summit.city, None, summit.host_country) if summit.city else ""
        person = (fill("briefing.person", name=head.name, title=head.tr("title", language()))
                  if head.title else (Span(head.name, data=True),))
        return [make_sentence(fill("briefing.km.latest.head", number=fmt.ordinal(summit.number),
                                   where=where, dates=self.summit_dates(summit), head=person),
                              [head.source])]

    def _km_money(self) -> list[Sentence]:
        money = self.sel.money
        if not money.new_money_usd:
            return []
        return [self.money_line()]

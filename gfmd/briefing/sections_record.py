"""The sections about the record itself: counterparts, the latest summits, and one table
of roles and meetings in which each event appears once."""

from __future__ import annotations

from gfmd.briefing.events import Event, top
from gfmd.briefing.model import Block, Bullets, Paragraph, Row, Sentence, Span, Spans, Table, unique
from gfmd.briefing.sections_base import SectionWriter
from gfmd.briefing.text import counted, fill, join_spans, make_sentence
from gfmd.record.reference import Summit
from gfmd.record.vocab import (
    LEAD_ROLES,
    Attendance,
    ContributionStatus,
    PartnersStatus,
    RecordStatus,
    label,
)
from gfmd.text import formatting as fmt
from gfmd.text.messages import language, t

SHORT_ROLES = 5  # the short note keeps the five weightiest roles and meetings
SINCE_SUMMITS = 4  # "since the last forum": the latest summits in the note's years


class RecordSections(SectionWriter):
    def record(self, short: bool = False) -> tuple[Block, ...]:
        chosen = top(self.events, SHORT_ROLES) if short else self.events
        columns = (t("briefing.col.when"), t("briefing.col.role"), t("briefing.col.what"))
        if short:  # the counterparts stand just above
            rows = tuple(Row((e.when, e.role, e.what), e.sources) for e in chosen)
        else:
            columns = (*columns, t("briefing.col.partners"))
            rows = tuple(Row((e.when, e.role, e.what, self._partners_cell(e)), e.sources)
                         for e in chosen)
        blocks: list[Block] = [Table(columns, rows)]
        if short and len(self.events) > len(chosen):
            blocks.append(Paragraph((make_sentence(counted(
                "briefing.record.more", len(self.events) - len(chosen))),)))
        return tuple(blocks)

    def _partners_cell(self, e: Event) -> Spans:
        p = e.partners
        if p is None:
            return (Span(t("briefing.partners.not_applicable")),)
        if p.status is PartnersStatus.NAMED:
            return self.partner_names(p.names, in_sentence=False)
        return (Span(t(f"briefing.partners.{p.status.value}")),)

    def counterparts(self, short: bool = False) -> tuple[Block, ...]:
        found = self.counterparts_found()
        blocks: list[Block] = []
        if found and not short:
            rows = []
            for name, years, sources in found:
                together = [self._together(e) for e in self.events if name in e.named_partners]
                if any(y in years for y in self.forum_years()):
                    together.append(fill("briefing.counterparts.forum"))
                rows.append(Row((self.country(name), (Span(fmt.year_span(years)),),
                                 join_spans(together)), sources))
            blocks.append(Table((t("briefing.col.government"), t("briefing.col.years"),
                                 t("briefing.col.together")), tuple(rows)))
        elif found:
            parts = [fill("briefing.km.partner", name=self.government(n),
                          years=fmt.year_span(ys)) for n, ys, _ in found]
            blocks.append(Paragraph((make_sentence(join_spans(parts),
                                                   unique(s for *_, ss in found for s in ss)),)))
        unnamed = [e for e in self.events if e.lead in LEAD_ROLES and e.partners
                   and e.partners.status is PartnersStatus.UNKNOWN]
        if unnamed:
            blocks.append(Paragraph((make_sentence(counted(
                "briefing.counterparts.unknown", len(unnamed),
                years=fmt.year_span(e.year for e in unnamed)),
                unique(e.partners.source for e in unnamed if e.partners)),)))
        if not blocks:
            blocks.append(Paragraph((make_sentence(fill("briefing.counterparts.none",
                                                        themes=self.themes_phrase)),)))
        return tuple(blocks)

    def forum_years(self) -> tuple[int, ...]:
        held = self.co_chair_years()
        return held.years if held else ()

    def _together(self, e: Event) -> Spans:
        return fill("briefing.counterparts.on", role=label(e.lead).lower(),
                    what=self.short_what(e))

    def since(self) -> tuple[Block, ...]:
        items = [Paragraph(tuple(self._summit_lines(s)))
                 for s in self.summits_in_years()[-SINCE_SUMMITS:]]
        return (Bullets(tuple(items)),)

    def _summit_lines(self, summit: Summit) -> list[Sentence]:
        where = fmt.place(summit.city, None, summit.host_country) if summit.city \
            else t("briefing.since.online")
        head = counted("briefing.since.summit", len(summit.chairs),
                       number=fmt.ordinal(summit.number), where=where,
                       dates=self.summit_dates(summit),
                       chairs=self.partner_names(summit.chairs, in_sentence=False))
        rec = self.year_record(summit.year or 0)
        if rec is None or rec.record_status is RecordStatus.UNKNOWN:
            source = rec.source if rec else None
            return [make_sentence((*head, *fill("briefing.since.unknown")), [source])]
        if rec.attendance.summit is not Attendance.YES:
            return [make_sentence((*head, *fill("briefing.since.attendance_unknown")),
                                  [rec.source])]
        hosted = summit == self.hosted_summit()
        out = [make_sentence((*head, *fill("briefing.since.hosted" if hosted
                                           else "briefing.since.attended")),
                             [summit.source if hosted else rec.source])]
        d = rec.delegation
        if d and d.head:
            person = fill("briefing.person", name=d.head.name,
                          title=d.head.tr("title", language())) \
                if d.head.title else (Span(d.head.name, data=True),)
            out.append(make_sentence(counted("briefing.since.delegation", len(d.members),
                                             head=person), [d.source]))
        if rec.side_events:
            out.append(make_sentence(counted(
                f"briefing.since.side.{rec.side_events[0].role.value}", len(rec.side_events)),
                unique(e.source for e in rec.side_events)))
        for st in rec.statements:
            who = (Span(str(st.tr("speaker", language())), data=True),) if st.speaker \
                else fill("briefing.since.someone")
            out.append(make_sentence(fill("briefing.since.statement", speaker=who,
                                          point=st.tr("points", language())[0]), [st.source]))
        if rec.contributions.status is ContributionStatus.UNKNOWN and \
                not rec.contributions.items:
            out.append(make_sentence(fill("briefing.since.money_unknown"),
                                     [rec.contributions.source]))
        return out

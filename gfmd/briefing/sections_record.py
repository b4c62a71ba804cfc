"""The sections about the record itself: summary, talking points, roles, meetings."""

from __future__ import annotations

from gfmd import formatting as fmt
from gfmd.briefing.model import Block, Bullets, Paragraph, Row, Sentence, Span, Table
from gfmd.briefing.sections_base import SectionWriter
from gfmd.briefing.text import counted, fill, join_spans, make_sentence, unique, venue
from gfmd.messages import t
from gfmd.vocab import MeetingRole, RoundtableRole, label


class RecordSections(SectionWriter):
    def summary(self) -> tuple[Block, ...]:
        sel = self.sel
        lo, hi = sel.years
        opening = fill("briefing.summary.range", first=lo, last=hi, themes=self.themes_phrase) \
            if lo != hi else fill("briefing.summary.single", year=lo, themes=self.themes_phrase)
        role_clauses = []
        for role in RoundtableRole:
            years = [r.record.year for r in sel.roles if r.role.role == role]
            if years:
                role_clauses.append(counted(f"briefing.summary.rt.{role}", len(years),
                                             years=fmt.year_span(years)))
        meeting_clauses = []
        for key, roles in (("co-chair", {MeetingRole.CO_CHAIR}),
                           ("organiser", {MeetingRole.ORGANISER}),
                           ("took-part", {MeetingRole.PARTICIPATED, MeetingRole.ATTENDED})):
            years = [mr.year for mr in sel.meetings if mr.meeting.role in roles]
            if years:
                meeting_clauses.append(counted(f"briefing.summary.m.{key}", len(years),
                                                years=fmt.year_span(years)))
        role_sources = unique(r.record.source for r in sel.roles)
        meeting_sources = unique(mr.meeting.source for mr in sel.meetings)
        sentences: list[Sentence] = []
        if role_clauses:
            sentences.append(make_sentence((*opening, *join_spans(role_clauses)), role_sources))
            if meeting_clauses:
                sentences.append(make_sentence((*fill("briefing.summary.it"),
                                            *join_spans(meeting_clauses)), meeting_sources))
        else:
            sentences.append(make_sentence((*opening, *join_spans(meeting_clauses)),
                                           meeting_sources))
            sentences.append(make_sentence(counted("briefing.summary.no_roles", len(sel.themes)),
                                       self.profile_sources))
        co_chair = self._co_chair()
        if co_chair:
            sentences.append(co_chair)
        sentences.extend(self._money_summary())
        return (Paragraph(tuple(sentences)),)

    def _money_summary(self) -> list[Sentence]:
        money = self.sel.money
        sources = self._money_sources()
        out = []
        if money.new_money_usd:
            out.append(make_sentence(fill("briefing.summary.money",
                                          years=fmt.year_range(*self.sel.years),
                                          amount=fmt.number(money.new_money_usd)), sources))
        elif money.years_none:
            out.append(make_sentence(fill("briefing.summary.money_none",
                                      years=fmt.year_span(money.years_none)), sources))
        if money.years_unknown:
            out.append(make_sentence(counted("briefing.summary.money_unknown",
                                          len(money.years_unknown),
                                          years=fmt.year_span(money.years_unknown)), sources))
        return out

    def talking_points(self) -> tuple[Block, ...]:
        items: list[tuple[int, int, Sentence]] = []
        for rr in self.sel.roles:
            role = rr.role
            key = f"briefing.tp.rt.{role.role.value}" + ("" if role.rt_code else ".nocode")
            items.append((rr.record.year, 0, make_sentence(
                fill(key, year=rr.record.year, code=role.rt_code or "", title=role.title),
                [rr.record.source])))
        for mr in self.sel.meetings:
            m = mr.meeting
            items.append((mr.year, 1, make_sentence(
                fill(f"briefing.tp.m.{m.role.value}", title=m.title, where=self._where(mr)),
                mr.sources)))
        items.sort(key=lambda item: (item[0], item[1]))
        points = [Paragraph((sentence,)) for _, _, sentence in items]
        co_chair = self._co_chair()
        if co_chair:
            points.append(Paragraph((co_chair,)))
        return (Bullets(tuple(points)),)

    def _role_rows(self) -> list[tuple[int, int, Row]]:
        many = len(self.sel.themes) > 1
        rows: list[tuple[int, int, Row]] = []
        for rr in self.sel.roles:
            cells = [(Span(str(rr.record.year)),), (Span(label(rr.role.role)),),
                     self._role_kind(rr.role), self._title_cell(rr.role.title)]
            if many:
                cells.append(self._themes_cell(rr.role.themes))
            rows.append((rr.record.year, 0, Row(tuple(cells), (rr.record.source,))))
        for mr in self.sel.meetings:
            m = mr.meeting
            cells = [(Span(str(mr.year)),), (Span(label(m.role)),),
                     fill("briefing.kind.meeting"), self._title_cell(m.title, m.in_profile)]
            if many:
                cells.append(self._themes_cell(m.themes))
            rows.append((mr.year, 1, Row(tuple(cells), mr.sources)))
        rows.sort(key=lambda r: (r[0], r[1]))
        return rows

    def roles(self) -> tuple[Block, ...]:
        columns = [t("briefing.col.year"), t("briefing.col.role"), t("briefing.col.kind"),
                   t("briefing.col.title")]
        if len(self.sel.themes) > 1:
            columns.append(t("briefing.col.themes"))
        return (Table(tuple(columns), tuple(row for _, _, row in self._role_rows())),)

    def meetings(self) -> tuple[Block, ...]:
        if not self.sel.meetings:
            return (Paragraph((make_sentence(counted("briefing.meetings.none",
                                                  len(self.sel.themes)),
                                         self.profile_sources),)),)
        rows = []
        for mr in self.sel.meetings:
            m = mr.meeting
            dates = fmt.date_range(m.start_date, m.end_date)
            rows.append(Row((
                (Span(dates),) if dates else fill("briefing.unknown"),
                venue(m) or fill("briefing.unknown"),
                (Span(label(m.role)),),
                self._title_cell(m.title, m.in_profile),
            ), mr.sources))
        columns = (t("briefing.col.dates"), t("briefing.col.venue"), t("briefing.col.role"),
                   t("briefing.col.title"))
        return (Table(columns, tuple(rows)),)

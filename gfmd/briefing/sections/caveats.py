"""The caveats: how the record is read, where sources differ, what is unknown."""

from __future__ import annotations

from gfmd.briefing.facts import Facts
from gfmd.briefing.model import (
    Block,
    Bullets,
    MeetingRecord,
    Paragraph,
    RoleRecord,
    Sentence,
    Span,
    Spans,
    Subheading,
    unique,
)
from gfmd.briefing.text import counted, fill, join_spans, make_sentence
from gfmd.record.types import Note
from gfmd.record.vocab import Attendance, HeldStatus, label
from gfmd.text import formatting as fmt
from gfmd.text.messages import language, t


def caveats(f: Facts) -> tuple[Block, ...]:
    groups = [
        ("briefing.caveats.reading", _reading(f)),
        ("briefing.caveats.notes", _notes(f)),
        ("briefing.caveats.outside", _outside(f)),
        ("briefing.caveats.unknown", _unknown(f)),
    ]
    blocks: list[Block] = []
    for key, sentences in groups:
        if sentences:
            blocks.append(Subheading(t(key)))
            blocks.append(Bullets(tuple(Paragraph((s,)) for s in sentences)))
    return tuple(blocks)


def _reading(f: Facts) -> list[Sentence]:
    out = []
    if f.ds.theme_sources:
        out.append(make_sentence(fill("briefing.caveat.tags"), f.ds.theme_sources[:1]))
    by_level: dict[str, list[int]] = {}
    for rec in f.sel.records:
        by_level.setdefault(rec.year_evidence.confidence, []).append(rec.year)
    if len(by_level) == 1:
        (level,) = by_level
        confidence = fill("briefing.confidence.all", level=t(f"confidence.{level}").lower())
    else:
        confidence = join_spans([
            fill("briefing.confidence.part", level=t(f"confidence.{level}").lower(),
                 years=fmt.year_span(ys))
            for level, ys in by_level.items()])
    inference = [s for r in f.sel.records for s in r.year_evidence.sources
                 if getattr(f.ds.sources.get(s), "kind", None) == "inference"]
    out.append(make_sentence(fill("briefing.caveat.years", confidence=confidence), inference))
    moved: dict[int, list[MeetingRecord]] = {}
    for mr in f.sel.meetings:
        if mr.meeting.start_date and mr.year != mr.record.year:
            moved.setdefault(mr.record.year, []).append(mr)
    for year, mrs in moved.items():
        rec = mrs[0].record
        dates = join_spans([(Span(fmt.date_range(mr.meeting.start_date, mr.meeting.end_date)),)
                       for mr in mrs])
        out.append(make_sentence(counted("briefing.caveat.chair_year", len(mrs), dates=dates,
                                      chairmanship=rec.chairmanship.replace("-", "–"),
                                      year=year),
                             rec.year_evidence.sources))
    return out


def _note_label(item: RoleRecord | MeetingRecord) -> Spans:
    if isinstance(item, RoleRecord):
        if item.role.rt_code:
            return fill("briefing.note.rt", code=item.role.rt_code, year=item.record.year)
        return fill("briefing.note.rt_nocode", title=item.role.title, year=item.record.year)
    m = item.meeting
    dates = fmt.date_span(m.start_date, m.end_date)
    if m.city and dates:  # the city, as the body names it (see `events`)
        return fill("briefing.note.meeting", place=fmt.place_name(m.city), dates=dates)
    return fill("briefing.note.meeting_title", title=m.title)


def _notes(f: Facts) -> list[Sentence]:
    out: list[Sentence] = []
    items: list[tuple[int, int, RoleRecord | MeetingRecord, list[Note]]] = [
        (rr.record.year, 0, rr, rr.role.notes) for rr in f.sel.roles
    ] + [(mr.year, 1, mr, mr.meeting.notes) for mr in f.sel.meetings]
    items.sort(key=lambda i: (i[0], i[1]))
    for _, _, item, notes in items:
        label = _note_label(item)
        out.extend(make_sentence(fill("briefing.note", label=label,
                                      text=n.shown(language())), [n.source])
                   for n in notes)
    for rec in f.sel.records:
        c = rec.contributions
        label = fill("briefing.note.money", year=rec.year)
        for n in [*(n for i in c.items for n in i.notes), *c.notes]:
            out.append(make_sentence(fill("briefing.note", label=label,
                                          text=n.shown(language())),
                                 [n.source]))
    return out


def _outside(f: Facts) -> list[Sentence]:
    out = []
    for mr in f.sel.meetings:
        if mr.meeting.in_profile:
            continue
        out.append(make_sentence(fill("briefing.caveat.outside", label=_note_label(mr)),
                             [mr.meeting.source]))
    return out


def _unknown(f: Facts) -> list[Sentence]:
    sel = f.sel
    out = []
    if sel.money.years_unknown:
        out.append(make_sentence(counted("briefing.unknown.money", len(sel.money.years_unknown),
                                      years=fmt.year_span(sel.money.years_unknown)),
                             f.money_sources))
    for what, attr in (("summit", "summit"), ("prep", "prep_meetings")):
        years = [r.year for r in sel.records
                 if getattr(r.attendance, attr) is Attendance.UNKNOWN]
        if years:
            out.append(make_sentence(
                fill(f"briefing.unknown.{what}", years=fmt.year_span(years)),
                unique(r.source for r in sel.records if r.year in years)))
    for mr in sel.meetings:
        m = mr.meeting
        if not m.start_date:
            out.append(make_sentence(fill("briefing.unknown.meeting_date", title=m.title),
                                 [m.source]))
        if not m.city:
            out.append(make_sentence(fill("briefing.unknown.meeting_venue", title=m.title),
                                 [m.source]))
    for role in f.structural:
        if role.status == HeldStatus.UNKNOWN:
            out.append(make_sentence(fill("briefing.context.role_no_years",
                                      label=label(role.role),
                                      description=role.tr("description", language())),
                                 [role.source]))
    return out

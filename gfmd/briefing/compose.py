"""Composing a briefing: from a request to the finished document, sections in order and
sources numbered by first citation."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from gfmd import formatting as fmt
from gfmd.briefing.model import (
    SECTIONS,
    Briefing,
    BriefingError,
    BriefingRequest,
    Bullets,
    Paragraph,
    Section,
    SourceEntry,
    Span,
    Spans,
    Table,
)
from gfmd.briefing.selection import Selection, clamp_years, select
from gfmd.briefing.text import counted, fill, plain, quoted_list
from gfmd.briefing.themes import nearest_themes, resolve_themes, tagged, theme_list
from gfmd.briefing.writer import Writer
from gfmd.dataset import Dataset
from gfmd.messages import t
from gfmd.scope import file_prefix


def compose(ds: Dataset, request: BriefingRequest) -> Briefing:
    """The briefing for `request`, or a `BriefingError` saying why there is none."""
    themes = resolve_themes(ds, request.themes)
    years = clamp_years(ds, request.years)
    if not themes:
        raise BriefingError(t("briefing.error.no_theme"), nearest_themes(ds, (), years))
    sel = select(ds, themes, years)
    if not sel.roles and not sel.meetings:
        raise _nothing_to_brief(ds, themes, years)
    writer = Writer(ds, sel)
    sections = [Section("summary", t("briefing.section.summary"), writer.summary())]
    builders = {
        "talking-points": writer.talking_points, "roles": writer.roles,
        "meetings": writer.meetings, "context": writer.context,
        "national": writer.national, "caveats": writer.caveats,
    }
    for sid in SECTIONS:
        if sid in request.sections:
            sections.append(Section(sid, t(f"briefing.section.{sid}"), builders[sid]()))
    numbers = {sid: n for n, sid in enumerate(_cited(sections), start=1)}
    entries = tuple(_entry(ds, sid, n) for sid, n in numbers.items())
    name_parts = (*file_prefix(ds), "briefing", *themes, fmt.year_range(*years))
    return Briefing(t("briefing.doc.title"), _details(ds, request, sel), tuple(sections),
                    entries, sel, numbers, name_parts)


def _entry(ds: Dataset, sid: str, number: int) -> SourceEntry:
    src = ds.sources.get(sid)
    if src is None:  # only when sources.yaml itself failed to load
        return SourceEntry(number, sid, sid, t("briefing.source.missing"), None, "missing")
    return SourceEntry(number, sid, src.title, src.publisher, src.url, src.kind)


def _nothing_to_brief(ds: Dataset, themes: Sequence[str],
                      years: tuple[int, int]) -> BriefingError:
    labels = [ds.themes[tid].label for tid in themes]
    parts = [fill("briefing.error.no_records", themes=quoted_list(labels),
                  years=fmt.year_range(*years))]
    elsewhere = sorted({r.year for r in ds.years
                        for item in (*r.roundtable_roles, *r.thematic_meetings)
                        if tagged(item.themes, set(themes))})
    if elsewhere:
        parts.append(counted("briefing.error.elsewhere", len(themes),
                             years=fmt.year_span(elsewhere)))
    near = nearest_themes(ds, themes, years)
    if near:
        parts.append(fill("briefing.error.nearest", themes=theme_list(ds, near)))
    return BriefingError(" ".join(plain(p) for p in parts), near)


def _cited(sections: Iterable[Section]) -> list[str]:
    """Source ids in order of first citation through the document."""
    ids: list[str] = []
    for section in sections:
        for block in section.blocks:
            if isinstance(block, Paragraph):
                ids.extend(s for sentence in block.sentences for s in sentence.sources)
            elif isinstance(block, Bullets):
                ids.extend(s for item in block.items for sentence in item.sentences
                           for s in sentence.sources)
            elif isinstance(block, Table):
                ids.extend(s for row in block.rows for s in row.sources)
    return list(dict.fromkeys(ids))


def _details(ds: Dataset, request: BriefingRequest,
             sel: Selection) -> tuple[tuple[str, Spans], ...]:
    labels = [ds.themes[tid].label for tid in sel.themes]
    key = "briefing.doc.themes" if len(labels) > 1 else "briefing.doc.theme"
    details: list[tuple[str, Spans]] = [
        (t(key), (Span(", ".join(labels), data=True),)),
        (t("briefing.doc.years"), (Span(fmt.year_range(*sel.years)),)),
    ]
    if request.meeting.strip():
        details.append((t("briefing.doc.meeting"), (Span(request.meeting.strip(), data=True),)))
    if request.meeting_date:
        details.append((t("briefing.doc.meeting_date"),
                        (Span(fmt.date(request.meeting_date)),)))
    if request.version:
        details.append((t("briefing.doc.version"), (Span(request.version, data=True),)))
    details.append((t("briefing.doc.reading"), (Span(t("briefing.doc.reading.text")),)))
    return tuple(details)


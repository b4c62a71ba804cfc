"""Composing a briefing: from a request to the finished document, sections in order and
sources numbered by first citation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from gfmd.briefing.facts import Facts, gather
from gfmd.briefing.model import (
    SECTIONS,
    Block,
    Briefing,
    BriefingError,
    BriefingRequest,
    Section,
    Selection,
    SourceEntry,
    Span,
    Spans,
    cited,
)
from gfmd.briefing.sections.caveats import caveats
from gfmd.briefing.sections.context import context, contributions, national
from gfmd.briefing.sections.messages import key_messages
from gfmd.briefing.sections.record import counterparts, record
from gfmd.briefing.sections.since import since
from gfmd.briefing.selection import clamp_years, select
from gfmd.briefing.text import counted, fill, plain, quoted_list
from gfmd.briefing.themes import nearest_themes, resolve_themes, tagged, theme_list
from gfmd.record.dataset import Dataset
from gfmd.record.reference import theme_label
from gfmd.store.scope import file_prefix
from gfmd.text import formatting as fmt
from gfmd.text.messages import language, t

# Every section, by id: the key messages first, then the optional ones (SECTIONS).
WRITERS: dict[str, Callable[[Facts], tuple[Block, ...]]] = {
    "key-messages": key_messages, "counterparts": counterparts, "since": since,
    "record": record, "context": context, "contributions": contributions,
    "national": national, "caveats": caveats,
}
# One page: key messages, counterparts, the weightiest roles; then the sources.
SHORT_SECTIONS = ("key-messages", "counterparts", "record")


def compose(ds: Dataset, request: BriefingRequest) -> Briefing:
    """The briefing for `request`, or a `BriefingError` saying why there is none."""
    themes = resolve_themes(ds, request.themes)
    years = clamp_years(ds, request.years)
    if not themes:
        raise BriefingError(t("briefing.error.no_theme"), nearest_themes(ds, (), years))
    sel = select(ds, themes, years)
    if not sel.roles and not sel.meetings:
        raise _nothing_to_brief(ds, themes, years)
    facts = gather(ds, sel, short=request.short)
    ids = SHORT_SECTIONS if request.short else \
        ("key-messages", *(sid for sid in SECTIONS if sid in request.sections))
    sections = [Section(sid, _heading(sid, request.short), WRITERS[sid](facts)) for sid in ids]
    cited_ids = cited(block for section in sections for block in section.blocks)
    numbers = {sid: n for n, sid in enumerate(cited_ids, start=1)}
    entries = tuple(_entry(ds, sid, n) for sid, n in numbers.items())
    name_parts = (*file_prefix(ds), "briefing", *themes, fmt.year_range(*years),
                  *(["short"] if request.short else []))
    title = t("briefing.doc.title.short") if request.short else t("briefing.doc.title")
    return Briefing(title, _details(ds, request, sel), tuple(sections),
                    entries, sel, numbers, name_parts, version=request.version,
                    classification=request.classification.strip(), short=request.short,
                    language=language())


def _entry(ds: Dataset, sid: str, number: int) -> SourceEntry:
    """A numbered source as a reader finds it: the method note by its title in the app."""
    src = ds.sources.get(sid)
    if src is None:  # only when sources.yaml itself failed to load
        return SourceEntry(number, sid, sid, t("briefing.source.missing"), None, "missing")
    if ds.method and sid == ds.method.source:
        return SourceEntry(number, sid, plain(fill("briefing.source.method",
                                                   title=ds.method.text(language()).title)),
                           t("briefing.source.method.where"), None, src.kind)
    lang = language()
    return SourceEntry(number, sid, src.shown_title(lang), src.shown_publisher(lang), src.url,
                       src.kind)


def _nothing_to_brief(ds: Dataset, themes: Sequence[str],
                      years: tuple[int, int]) -> BriefingError:
    labels = [theme_label(ds.themes[tid]) for tid in themes]
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


def _heading(sid: str, short: bool) -> str:
    """The roles table is headed as the weightiest roles in the short note."""
    return t("briefing.section.record.short") if short and sid == "record" \
        else t(f"briefing.section.{sid}")


def _details(ds: Dataset, request: BriefingRequest,
             sel: Selection) -> tuple[tuple[str, Spans], ...]:
    """The heading block a ministry uses: meeting, its date, date prepared, drafter,
    classification, then what the note covers and what it is for."""
    labels = [theme_label(ds.themes[tid]) for tid in sel.themes]
    details: list[tuple[str, Spans]] = []
    for key, text in (("meeting", request.meeting), ("meeting_date", request.meeting_date
                                                     and fmt.date(request.meeting_date))):
        if text and text.strip():
            details.append((t(f"briefing.doc.{key}"), (Span(text.strip(), data=True),)))
    details.append((t("briefing.doc.prepared_on"),
                    (Span(fmt.date(request.prepared_on or dt.date.today())),)))
    for key, text in (("prepared_by", request.prepared_by),
                      ("classification", request.classification)):
        if text.strip():
            details.append((t(f"briefing.doc.{key}"), (Span(text.strip(), data=True),)))
    key = "briefing.doc.themes" if len(labels) > 1 else "briefing.doc.theme"
    details.append((t(key), (Span(", ".join(labels), data=True),)))
    details.append((t("briefing.doc.years"), (Span(fmt.year_range(*sel.years)),)))
    purpose = "briefing.doc.purpose.meeting" if request.meeting.strip() else \
        "briefing.doc.purpose.text"
    if request.short:
        purpose = "briefing.doc.purpose.short"
    details.append((t("briefing.doc.purpose"), fill(purpose, themes=quoted_list(labels))))
    if not request.short:  # the short note's numbers need no reading guide
        details.append((t("briefing.doc.reading"), (Span(t("briefing.doc.reading.text")),)))
    return tuple(details)


"""The sections about the record itself: the counterparts, and one table of roles and
meetings in which each event appears once."""

from __future__ import annotations

from gfmd.briefing.events import Event, top
from gfmd.briefing.facts import Facts
from gfmd.briefing.model import Block, Paragraph, Row, Span, Spans, Table, unique
from gfmd.briefing.sections.phrases import country, government, partner_names, short_what
from gfmd.briefing.text import capitalised, counted, fill, join_spans, make_sentence
from gfmd.record.vocab import LEAD_ROLES, PartnersStatus, label
from gfmd.text import formatting as fmt
from gfmd.text.messages import t

SHORT_ROLES = 5  # the short note keeps the five weightiest roles and meetings


def record(f: Facts) -> tuple[Block, ...]:
    """Every role and meeting; the short note keeps the weightiest and leaves out the
    partners column (the counterparts stand just above)."""
    chosen = top(f.events, SHORT_ROLES) if f.short else f.events
    columns = (t("briefing.col.when"), t("briefing.col.role"), t("briefing.col.what"))
    if f.short:
        rows = tuple(Row((e.when, e.role, e.what), e.sources) for e in chosen)
    else:
        columns = (*columns, t("briefing.col.partners"))
        rows = tuple(Row((e.when, e.role, e.what, _partners_cell(e)), e.sources)
                     for e in chosen)
    blocks: list[Block] = [Table(columns, rows)]
    if f.short and len(f.events) > len(chosen):
        blocks.append(Paragraph((make_sentence(counted(
            "briefing.record.more", len(f.events) - len(chosen))),)))
    return tuple(blocks)


def _partners_cell(e: Event) -> Spans:
    p = e.partners
    if p is None:
        return (Span(t("briefing.partners.not_applicable")),)
    if p.status is PartnersStatus.NAMED:
        return partner_names(p.names, in_sentence=False)
    return (Span(t(f"briefing.partners.{p.status.value}")),)


def counterparts(f: Facts) -> tuple[Block, ...]:
    """A table of the governments and what they did together (one sentence in the short
    note), the lead roles whose partners no source names, or a line saying there are none."""
    found = f.counterparts
    blocks: list[Block] = []
    if found and not f.short:
        forum_years = f.co_chair.years if f.co_chair else ()
        rows = []
        for c in found:
            together = [_together(e) for e in f.events if c.name in e.named_partners]
            if any(y in c.years for y in forum_years):
                together.append(fill("briefing.counterparts.forum"))
            rows.append(Row((country(c.name), (Span(fmt.year_span(c.years)),),
                             join_spans(together)), c.sources))
        blocks.append(Table((t("briefing.col.government"), t("briefing.col.years"),
                             t("briefing.col.together")), tuple(rows)))
    elif found:
        parts = [fill("briefing.km.partner", name=government(c.name),
                      years=fmt.year_span(c.years)) for c in found]
        blocks.append(Paragraph((make_sentence(capitalised(join_spans(parts)),
                                               unique(s for c in found for s in c.sources)),)))
    unnamed = [e for e in f.events if e.lead in LEAD_ROLES and e.partners
               and e.partners.status is PartnersStatus.UNKNOWN]
    if unnamed:
        blocks.append(Paragraph((make_sentence(counted(
            "briefing.counterparts.unknown", len(unnamed),
            years=fmt.year_span(e.year for e in unnamed)),
            unique(e.partners.source for e in unnamed if e.partners)),)))
    if not blocks:
        blocks.append(Paragraph((make_sentence(fill("briefing.counterparts.none",
                                                    themes=f.themes_phrase)),)))
    return tuple(blocks)


def _together(e: Event) -> Spans:
    return fill("briefing.counterparts.on", role=label(e.lead).lower(), what=short_what(e))

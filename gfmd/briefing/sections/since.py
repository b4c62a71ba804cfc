"""Since the last forum, in one set of words: what the country did at a summit (there or
not recorded, hosted, the delegation, side events, statements), written for the note's
"since" section (the latest summits in its years) and for the Overview page (the latest
summit, then each summit since the country's last role, then the next summit)."""

from __future__ import annotations

from collections.abc import Iterable

from gfmd.briefing.facts import Facts
from gfmd.briefing.model import Block, Bullets, Paragraph, Sentence, Span, unique
from gfmd.briefing.sections.phrases import (
    partner_names,
    person,
    summit_dates_text,
    summit_place,
)
from gfmd.briefing.text import counted, fill, gendered, make_sentence
from gfmd.record.dataset import Dataset
from gfmd.record.models import SideEvent
from gfmd.record.vocab import ContributionStatus, SideEventRole
from gfmd.tables.recent import SummitRecord, since_last_forum
from gfmd.text import formatting as fmt
from gfmd.text.messages import language

SINCE_SUMMITS = 4  # the note: the latest summits in its years


def since(f: Facts) -> tuple[Block, ...]:
    """The note's section: the latest summits in its years, one bullet each."""
    items = [Paragraph(summit_sentences(f.ds, SummitRecord(s, f.year_record(s.year or 0))))
             for s in f.summits[-SINCE_SUMMITS:]]
    return (Bullets(tuple(items)),)


def last_forum(ds: Dataset) -> tuple[Block, ...]:
    """The Overview's section: the latest summit in full, each summit since the country's
    last role in the Forum, and the next summit; () when no summit has met."""
    state = since_last_forum(ds)
    if state.latest is None:
        return ()
    latest = state.latest.summit
    blocks: list[Block] = [Paragraph(summit_sentences(ds, state.latest))]
    if latest.theme:
        blocks.append(Paragraph((make_sentence(fill("since.theme", theme=latest.theme),
                                               [latest.source]),)))
    if state.since:
        key = "since.since_role" if state.last_role_year else "since.since_start"
        lead = Sentence(fill(key, year=state.last_role_year or ""),
                        unique(item.summit.source for item in state.since))
        blocks += [Paragraph((lead,)),
                   Bullets(tuple(Paragraph((summit_status(ds, item),))
                                 for item in state.since))]
    n = state.next_summit
    after = fill("since.next.unknown") if n is None else \
        fill("since.next", summit=fmt.summit_name(n.number, n.city, n.year, n.virtual))
    blocks.append(Paragraph((Sentence(after, (n.source,) if n else ()),)))
    return tuple(blocks)


def summit_status(ds: Dataset, item: SummitRecord) -> Sentence:
    """The summit (number, place, dates, chairs) and whether the country was there: it
    attended, it hosted, the record does not say, or nothing is recorded for the year."""
    s, rec = item.summit, item.record
    home = ds.country.name if ds.country else None
    head = counted("briefing.since.summit", len(s.chairs), number=fmt.ordinal(s.number),
                   where=summit_place(s, home), dates=summit_dates_text(s),
                   chairs=partner_names(s.chairs, in_sentence=False))
    if rec is None or not item.recorded:
        return make_sentence((*head, *fill("briefing.since.unknown")),
                             [rec.source if rec else None])
    if not item.attended:
        return make_sentence((*head, *fill("briefing.since.attendance_unknown")),
                             [rec.source])
    if ds.country and s.host_country == ds.country.name:
        return make_sentence((*head, *fill("briefing.since.hosted")), [s.source])
    return make_sentence((*head, *fill("briefing.since.attended")), [rec.source])


def summit_sentences(ds: Dataset, item: SummitRecord) -> tuple[Sentence, ...]:
    """The summit's status, then, when the country attended, who led its delegation,
    its side events, what it said, and whether its money that year is known."""
    out = [summit_status(ds, item)]
    rec = item.record
    if rec is None or not item.attended:
        return tuple(out)
    d = rec.delegation
    if d and d.head:
        out.append(make_sentence(counted(gendered("briefing.since.delegation", d.head.gender),
                                         len(d.members), head=person(d.head)), [d.source]))
    out += _side_events(rec.side_events)
    for st in rec.statements:
        who = (Span(str(st.tr("speaker", language())), data=True),) if st.speaker \
            else fill("briefing.since.someone")
        out.append(make_sentence(fill("briefing.since.statement", speaker=who,
                                      point=st.tr("points", language())[0]), [st.source]))
    if rec.contributions.status is ContributionStatus.UNKNOWN and not rec.contributions.items:
        out.append(make_sentence(fill("briefing.since.money_unknown"),
                                 [rec.contributions.source]))
    return tuple(out)


def _side_events(events: Iterable[SideEvent]) -> list[Sentence]:
    """One sentence per role the country had in side events, in the order first met."""
    by_role: dict[SideEventRole, list[SideEvent]] = {}
    for e in events:
        by_role.setdefault(e.role, []).append(e)
    return [make_sentence(counted(f"briefing.since.side.{role.value}", len(group)),
                          unique(e.source for e in group))
            for role, group in by_role.items()]

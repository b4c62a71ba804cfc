"""Key messages: three to six sentences a minister can say, each sourced, composed from the
data by fixed rules, what the country did on the note's themes first and the background
after. What is not known is not a message: it is said under the caveats.

1. The chosen themes: the roles led (co-chair, co-convener, organiser), how many met in
   the country, and where sources differ on a role; else what it took part in.
2. Counterparts: the governments it worked with, with years.
3. Leadership: the Forum's co-chairmanship and the summit the country hosted (with what
   followed in the same city, said to be no GFMD meeting).
4. The latest summit: who led the delegation.
5. Continuity: summits attended of those held.
6. Money, when there is new money in the years: the total, carry-over excluded.
"""

from __future__ import annotations

from collections.abc import Callable

from gfmd.briefing.events import Event, is_lead, who
from gfmd.briefing.facts import Facts
from gfmd.briefing.model import Block, Bullets, Paragraph, Sentence, Spans, unique
from gfmd.briefing.sections.phrases import (
    government,
    money_line,
    partner_names,
    person,
    short_what,
    summit_dates_text,
    summit_place,
)
from gfmd.briefing.text import counted, fill, gendered, join_spans, make_sentence
from gfmd.record.models import ContextEvent
from gfmd.record.reference import Summit
from gfmd.record.vocab import Attendance, RecordStatus, Role, label
from gfmd.text import formatting as fmt
from gfmd.text.messages import language, t

MAX_MESSAGES = 6

Rule = Callable[[Facts], list[Sentence]]


def key_messages(f: Facts) -> tuple[Block, ...]:
    """The messages in rank order; the short note leaves the counterparts to their own
    section just below and the latest summit to the full note, to keep to one page."""
    rules: tuple[Rule, ...] = (_themes, _counterparts, _leadership, _latest, _continuity,
                               _money)
    if f.short:
        rules = (_themes, _leadership, _continuity, _money)
    items = [Paragraph(tuple(found)) for rule in rules if (found := rule(f))]
    return (Bullets(tuple(items[:MAX_MESSAGES])),)


def _leadership(f: Facts) -> list[Sentence]:
    held, hosted = f.co_chair, f.hosted
    out: list[Sentence] = []
    if held is not None and hosted is not None:
        spans = fill("briefing.km.lead.both", partners=partner_names(held.partners),
                     years=fmt.year_span(held.years), number=fmt.ordinal(hosted.number),
                     city=fmt.place_name(hosted.city or ""), dates=summit_dates_text(hosted))
        out.append(make_sentence(spans, [*held.sources, hosted.source]))
    elif held is not None:
        out.append(make_sentence(fill("briefing.km.lead.co_chair",
                                      partners=partner_names(held.partners),
                                      years=fmt.year_span(held.years)), held.sources))
    elif hosted is not None:
        out.append(make_sentence(fill("briefing.km.lead.host",
                                      number=fmt.ordinal(hosted.number),
                                      city=fmt.place_name(hosted.city or ""),
                                      dates=summit_dates_text(hosted)), [hosted.source]))
    if hosted is not None:
        for event in _context_after(f, hosted):
            out.append(make_sentence(fill(
                "briefing.km.lead.after", title=_in_sentence(event, language()),
                dates=fmt.date_span(event.start_date, event.end_date)), [event.source]))
    return out


def _in_sentence(event: ContextEvent, lang: str) -> str:
    """The event's name as a sentence of `lang` says it: with its article where the data
    gives that form in the language (« la Conférence… »), else the title itself."""
    given = event.translations.get(lang, {}).get("in_sentence")
    if given or (lang == "en" and event.in_sentence):
        return str(event.tr("in_sentence", lang))
    return str(event.tr("title", lang))


def _context_after(f: Facts, summit: Summit) -> list[ContextEvent]:
    """Non-GFMD events recorded for the summit's year in the summit's city."""
    rec = f.year_record(summit.year or 0)
    return [e for e in (rec.context_events if rec else []) if e.city == summit.city]


def _continuity(f: Facts) -> list[Sentence]:
    held = f.summits
    if not held:
        return []
    attended = [s.year for s in held if f.attendance(s.year) is Attendance.YES]
    sources = unique(r.source for r in f.sel.records
                     if r.year in attended and r.record_status is RecordStatus.RECORDED)
    key = "briefing.km.continuity.all" if len(attended) == len(held) \
        else "briefing.km.continuity"
    spans = counted(key, len(held), attended=_word(len(attended)),
                    period=fmt.years_between(*f.sel.years))
    return [make_sentence(spans, sources)]


def _themes(f: Facts) -> list[Sentence]:
    """One message: what the country led on the themes, how many met in the country and
    where sources differ; or, when it led nothing, what it took part in."""
    leads = [e for e in f.events if is_lead(e)]
    if not leads:
        return _themes_took_part(f)
    return [*_themes_led(f, leads), *_themes_hosted(leads), *_themes_differ(f, leads)]


def _themes_took_part(f: Facts) -> list[Sentence]:
    evs = f.events
    kinds = frozenset(e.kind for e in evs)
    key = {frozenset({"rt"}): "teams", frozenset({"meeting"}): "meetings"}.get(
        kinds, "took_part")
    spans = counted(f"briefing.km.themes.{key}", len(evs), themes=f.themes_phrase,
                    years=fmt.year_span(e.year for e in evs))
    return [make_sentence(spans, unique(s for e in evs for s in e.sources))]


def _themes_led(f: Facts, leads: list[Event]) -> list[Sentence]:
    clauses: list[Spans] = []
    for verb, role in (("co-chair", Role.CO_CHAIR), ("co-convener", Role.CO_CONVENER),
                       ("organiser", Role.ORGANISER)):
        group = [e for e in leads if e.lead is role]
        if group:
            clauses.append(fill(f"briefing.km.verb.{verb}",
                                items=join_spans([short_what(e) for e in group])))
    spans = fill("briefing.km.themes.lead", themes=f.themes_phrase,
                 clauses=join_spans(clauses))
    return [make_sentence(spans, unique(s for e in leads for s in e.sources))]


def _themes_hosted(leads: list[Event]) -> list[Sentence]:
    hosted = [e for e in leads if e.hosted]
    if not hosted:
        return []
    return [make_sentence(counted("briefing.km.themes.hosted", len(hosted),
                                  years=fmt.year_span(e.year for e in hosted)),
                          unique(s for e in hosted for s in e.sources))]


def _themes_differ(f: Facts, leads: list[Event]) -> list[Sentence]:
    """Meetings whose role other sources give differently; left to the full note."""
    out = []
    for e in leads if not f.short else ():
        if e.kind == "meeting" and e.others:
            says = join_spans([fill("briefing.km.says", who=who(f.ds, o.source),
                                    role=label(o.role).lower()) for o in e.others])
            main = label(e.main).lower() if e.main else ""
            out.append(make_sentence(fill("briefing.km.themes.differ", dates=e.dates,
                                          says=says, who=who(f.ds, e.main_source),
                                          role=main), e.sources))
    return out


def _word(count: int) -> str:
    """A count in words up to ten, as `counted` writes it."""
    words = t("briefing.numbers").split(",")
    return words[count] if count < len(words) else fmt.number(count)


def _counterparts(f: Facts) -> list[Sentence]:
    """The governments, with years; it says whether they shared roles on the themes,
    the Forum's co-chairmanship, or both."""
    found = f.counterparts
    if not found:
        return []
    on_themes = {n for e in f.events for n in e.named_partners}
    in_forum = {c.name for c in found} - on_themes
    parts = join_spans([fill("briefing.km.partner", name=government(c.name),
                             years=fmt.year_span(c.years)) for c in found])
    if on_themes:
        key = "briefing.km.counterparts" if in_forum else "briefing.km.counterparts.themes"
        spans = fill(key, partners=parts)
    else:
        spans = counted("briefing.km.counterparts.forum", len(in_forum), partners=parts)
    return [make_sentence(spans, unique(s for c in found for s in c.sources))]


def _latest(f: Facts) -> list[Sentence]:
    """Who led the delegation to the latest summit in the years, when a source names
    them and the summit is not the one the country hosted (said already)."""
    if not f.summits or f.summits[-1] == f.hosted:
        return []
    summit = f.summits[-1]
    rec = f.year_record(summit.year or 0)
    head = rec.delegation.head if rec and rec.delegation else None
    if rec is None or rec.attendance.summit is not Attendance.YES or head is None:
        return []
    home = f.ds.country.name if f.ds.country else None
    return [make_sentence(fill(gendered("briefing.km.latest.head", head.gender),
                               number=fmt.ordinal(summit.number),
                               where=summit_place(summit, home),
                               dates=summit_dates_text(summit), head=person(head)),
                          [head.source])]


def _money(f: Facts) -> list[Sentence]:
    return [money_line(f, with_unknown=False)] if f.sel.money.new_money_usd else []

"""Phrases several sections write the same way: a summit's place and dates, a government's name,
a person, a role in short, the one line on money."""

from __future__ import annotations

from collections.abc import Iterable

from gfmd.briefing.events import Event
from gfmd.briefing.facts import Facts
from gfmd.briefing.model import Sentence, Span, Spans
from gfmd.briefing.text import counted, fill, join_spans, make_sentence
from gfmd.record.models import DelegationMember
from gfmd.record.reference import Summit
from gfmd.text import formatting as fmt
from gfmd.text.messages import language, t


def summit_dates(summit: Summit) -> str:
    return fmt.date_range(summit.start_date, summit.end_date) or str(summit.year)


def summit_place(summit: Summit) -> str:
    """Where a summit met, once, as a sentence says it: city and country, or online. The
    Overview's latest summit and the note's key message both say it with this."""
    return fmt.place(summit.city, None, summit.host_country) if summit.city \
        else t("briefing.since.online")


def government(name: str) -> Spans:
    """A country as a sentence names it (« avec l'Allemagne »)."""
    return (Span(fmt.government(name), data=True),)


def country(name: str) -> Spans:
    """A country as a table cell or a label names it (« Pays-Bas », "the Netherlands")."""
    return (Span(fmt.government(name, label=True), data=True),)


def partner_names(names: Iterable[str], in_sentence: bool = True) -> Spans:
    name = government if in_sentence else country
    return join_spans([name(n) for n in names])


def person(p: DelegationMember) -> Spans:
    """'Farida Loudaya, Ambassador of Morocco to Colombia and Ecuador'; the name alone
    when no title is known."""
    if p.title:
        return fill("briefing.person", name=p.name, title=p.tr("title", language()))
    return (Span(p.name, data=True),)


def short_what(e: Event) -> Spans:
    """'roundtable 2.1 (2014)', 'the thematic meeting in Geneva, Switzerland (…)'."""
    if e.kind == "rt" and e.code:
        return fill("briefing.km.what.rt", code=e.code, year=e.year)
    if e.kind == "meeting" and e.place and e.dates:
        return fill("briefing.km.what.meeting", place=e.place, dates=e.dates)
    return (*e.what, Span(f" ({e.year})"))


def money_line(f: Facts) -> Sentence:
    """One line on money: new money over the years, carry-over excluded, and what is
    unknown; the profile records money by year, not by theme."""
    money = f.sel.money
    years = fmt.year_range(*f.sel.years)
    if money.new_money_usd:
        spans = fill("briefing.money.line", years=years,
                     amount=fmt.number(money.new_money_usd))
    elif money.years_none and not money.years_unknown:
        spans = fill("briefing.money.line_none", years=fmt.year_span(money.years_none))
    else:
        spans = fill("briefing.money.line_zero", years=years)
    if money.years_unknown:
        spans = (*spans, Span(" "), *counted("briefing.summary.money_unknown",
                                              len(money.years_unknown),
                                              years=fmt.year_span(money.years_unknown)))
    return make_sentence(spans, f.money_sources)

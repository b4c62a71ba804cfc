"""Phrases several sections write the same way: a summit's place and dates, a government's name,
a person, a role in short, the one line on money."""

from __future__ import annotations

from collections.abc import Iterable

from gfmd.briefing.events import Event
from gfmd.briefing.facts import Facts
from gfmd.briefing.model import Sentence, Span, Spans
from gfmd.briefing.text import counted, fill, gendered, join_spans, make_sentence, usd
from gfmd.record.models import DelegationMember
from gfmd.record.reference import Summit
from gfmd.text import formatting as fmt
from gfmd.text.messages import language, t


def summit_dates(summit: Summit) -> str:
    return fmt.date_range(summit.start_date, summit.end_date) or str(summit.year)


def summit_dates_text(summit: Summit) -> str:
    """A summit's dates as running text says them (« du 5 au 7 décembre 2018 »)."""
    return fmt.date_span(summit.start_date, summit.end_date) or str(summit.year)


def summit_place(summit: Summit, home: str | None = None) -> str:
    """Where a summit met, once, as a sentence says it, with its preposition: 'in Geneva,
    Switzerland', « à Genève (Suisse) », «بجنيف (سويسرا)», or online; a summit in `home`
    (the record's country) without the country. The Overview's latest summit and the
    note's key message both say it with this."""
    if not summit.city:
        return t("briefing.since.online")
    return t("briefing.where.at",
             place=fmt.place_in_text(summit.city, summit.host_country, home))


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
    """'Farida Loudaya, Ambassador of Morocco to Colombia and Ecuador', « Mme Farida
    Loudaya, ambassadrice… », «السيدة فريدة لوداية (Farida Loudaya)، سفيرة…»: the
    civility the person's gender takes (none when unknown), the name as the language
    writes it; the name alone with its civility when no title is known."""
    name = person_name(p)
    if p.title:
        return fill(gendered("briefing.person", p.gender), name=name,
                    title=p.tr("title", language()))
    return fill(gendered("briefing.person.name", p.gender), name=name)


def person_name(p: DelegationMember) -> Spans:
    """A name as the reader's language writes it: in Arabic, the Arabic script a source
    gives, with the Latin form after it for a reader who meets the name in Latin
    letters; a Latin name with no Arabic spelling isolated (U+2068…U+2069), so that the
    Arabic sentence around it keeps its order. Other languages: the name as recorded."""
    if language() != "ar":
        return (Span(p.name, data=True),)
    latin = f"\u2068{p.name}\u2069"
    local = p.translations.get("ar", {}).get("name")
    if local is None:
        return (Span(latin, data=True),)
    return fill("briefing.person.latin", name=local, latin=latin)


def short_what(e: Event) -> Spans:
    """'roundtable 2.1 (2014)', 'the thematic meeting in Geneva, Switzerland (…)', « la
    réunion thématique tenue à Genève (Suisse) le 11 septembre 2013 »."""
    if e.kind == "rt" and e.code:
        return fill("briefing.km.what.rt", code=e.code, year=e.year)
    if e.kind == "meeting" and e.place_text and e.dates_text:
        return fill("briefing.km.what.meeting", place=e.place_text, dates=e.dates_text)
    return (*e.what, Span(f" ({e.year})"))


def money_line(f: Facts, with_unknown: bool = True) -> Sentence:
    """One line on money: new money over the years, carry-over excluded, and (unless the
    key messages ask, which leave unknowns to the caveats) what is unknown; the profile
    records money by year, not by theme."""
    money = f.sel.money
    years = fmt.year_range(*f.sel.years)
    if money.new_money_usd:
        spans = fill("briefing.money.line", period=fmt.years_between(*f.sel.years),
                     amount=usd(money.new_money_usd))
    elif money.years_none and not money.years_unknown:
        spans = fill("briefing.money.line_none", years=fmt.year_span(money.years_none))
    else:
        spans = fill("briefing.money.line_zero", years=years)
    if money.years_unknown and with_unknown:
        spans = (*spans, Span(" "), *counted("briefing.summary.money_unknown",
                                              len(money.years_unknown),
                                              years=fmt.year_span(money.years_unknown)))
    return make_sentence(spans, f.money_sources)

"""Sentences of a briefing, built from catalogue messages with data marked as data.

Years, dates, places and numbers are written by `gfmd.text.formatting`, like everywhere else;
this module only adds what a document needs on top: spans, counted phrases with the
number in words, list joining of spans, and one full stop per sentence.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Sequence

from gfmd.briefing.model import Sentence, Span, Spans, unique
from gfmd.record.models import ThematicMeeting
from gfmd.text import formatting as fmt
from gfmd.text.messages import message, plural_message, t

_TERMINAL = re.compile(r"[.!?…][”\"')\]]*\s*$")


def plain(spans: Iterable[Span]) -> str:
    return "".join(s.text for s in spans)


def fill(key: str, **values: object) -> Spans:
    """The message `key` as spans: its own words trusted, every filled-in value data.

    A value that is already spans (from another `fill`) is inserted as it is.
    """
    return _spans(message(key), values)


def _spans(template: str, values: dict[str, object]) -> Spans:
    out: list[Span] = []
    for literal, name, spec, _ in string.Formatter().parse(template):
        if literal:
            out.append(Span(literal))
        if name is None:
            continue
        value = values[name]
        if isinstance(value, tuple):
            out.extend(value)
        else:
            out.append(Span(format(value, spec or ""), data=True))
    return tuple(out)


def counted(key: str, count: int, **values: object) -> Spans:
    """The counted phrase `key` in the plural form for `count`, with the count written
    out in words up to ten."""
    words = t("briefing.numbers").split(",")
    word = words[count] if count < len(words) else fmt.number(count)
    return _spans(plural_message(key, count), {"count": word, **values})


def gendered(key: str, gender: str | None) -> str:
    """The message for a sentence about a person: `key.female` or `key.male` where the
    data gives the person's gender (French and Arabic agree verbs, titles and civility
    with it), else `key`, worded so that it needs no gender."""
    return f"{key}.{gender}" if gender else key


def usd(amount: float) -> Spans:
    """An amount of US dollars in a sentence, in the form its number takes: 'USD 257,622',
    « 257 622 dollars des États-Unis », «257.622 دولارًا أمريكيًا» (Arabic's noun after
    a number agrees with it: the catalogue's plural forms, CLDR's Arabic categories)."""
    return _spans(plural_message("briefing.usd", int(amount)), {"amount": fmt.number(amount)})


def join_spans(parts: Sequence[Spans]) -> Spans:
    """'a', 'a and b', 'a, b and c', with the separators `fmt.join` uses."""
    out: list[Span] = []
    separators = ["", *fmt.list_separators(len(parts))]
    for separator, part in zip(separators, parts, strict=True):
        if separator:
            out.append(Span(separator))
        out.extend(part)
    return tuple(out)


def capitalised(spans: Spans) -> Spans:
    """Spans that open a sentence: its first letter a capital (« La France (2011–2012),
    le Kenya… », "The Netherlands…"), the rest as written."""
    if not spans or not spans[0].text:
        return spans
    first = spans[0]
    return (Span(first.text[0].upper() + first.text[1:], data=first.data), *spans[1:])


def make_sentence(spans: Spans, sources: Iterable[str | None] = ()) -> Sentence:
    """A sentence that ends with one full stop: added when missing, dropped after a quoted
    title that ends its own sentence ('… nexus?”.')."""
    text = plain(spans)
    if not _TERMINAL.search(text):
        spans = (*spans, Span("."))
    elif _TERMINAL.search(text[:-1]) and text.endswith("”.") and not spans[-1].data:
        spans = (*spans[:-1], Span(spans[-1].text[:-1]))
    return Sentence(spans, unique(sources))


def venue(m: ThematicMeeting) -> Spans:
    """'Geneva, Switzerland'; 'Taliouine (Taroudant), Morocco'; () when unknown."""
    text = fmt.place(m.city, m.locality, m.country) if m.city else ""
    return (Span(text, data=True),) if text else ()


def quoted_list(texts: Sequence[str]) -> Spans:
    return join_spans([fill("briefing.quoted", text=x) for x in texts])

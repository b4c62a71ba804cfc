"""How numbers, years, dates, money, places, lists and file names are written: one place,
locale-aware through Babel, so a page, a table, a briefing and a file name never disagree.

Every function takes an optional `locale` (a Babel locale name such as "en_GB", "fr" or
"ar_MA"); without one it follows the current language of the message catalogue.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

from gfmd.text.glossary import COUNTRY_ARTICLES, NAME_ARTICLES, PLACE_NAMES
from gfmd.text.messages import babel_locale, t, use_language

DASH = "–"  # an en dash joins the ends of a range: 2017–2018, 19–22 September 2011
_SLUG_MAX = 150


def _loc(locale: str | None) -> str:
    return locale or babel_locale()


def number(value: float, locale: str | None = None) -> str:
    """257622 -> '257,622' (en), '257 622' (fr); 2.5 -> '2.5'; 3.0 -> '3'."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return format_decimal(value, locale=_loc(locale))


def separators(locale: str | None = None) -> str:
    """The decimal and grouping marks, as plotly's `layout.separators` takes them: '.,'
    (en), ',\u202f' (fr), ',.' (ar_MA), so a chart's axis writes 200 000 where the
    page's text does (walk review F21)."""
    loc = _loc(locale)
    return get_decimal_symbol(loc) + get_group_symbol(loc)


def money(amount: int, locale: str | None = None) -> str:
    """An amount in US dollars as the catalogue writes it: 'USD 257,622'."""
    return t("format.usd", amount=number(amount, locale))


def join(items: Sequence[str], locale: str | None = None) -> str:
    """['a', 'b', 'c'] -> 'a, b and c', with the locale's separators."""
    return format_list(list(items), locale=_loc(locale)) if items else ""


def list_separators(count: int, locale: str | None = None) -> list[str]:
    """The `count - 1` separators `join` puts between `count` items, for callers that
    join richer pieces than strings (the briefing's marked-up spans)."""
    if count < 2:
        return []
    marks = [f"\x00{i}\x00" for i in range(count)]
    joined = format_list(marks, locale=_loc(locale))
    parts = re.split("\x00\\d+\x00", joined)
    return parts[1:-1]


def runs(years: Iterable[int]) -> list[list[int]]:
    """[2010, 2011, 2012, 2014] -> [[2010, 2011, 2012], [2014]]."""
    out: list[list[int]] = []
    for year in sorted(set(years)):
        if out and year == out[-1][-1] + 1:
            out[-1].append(year)
        else:
            out.append([year])
    return out


def year_range(first: int, last: int) -> str:
    """(2010, 2018) -> '2010–2018'; (2016, 2016) -> '2016'."""
    return str(first) if first == last else f"{first}{DASH}{last}"


def chairmanship(label: str) -> str:
    """A chairmanship label as written in text: '2024-2025' -> '2024–2025'."""
    return label.replace("-", DASH)


def year_span(years: Iterable[int], locale: str | None = None) -> str:
    """Years as GFMD chairmanships are written: consecutive years as a range, the rest
    listed. [2008, 2009, 2010, 2011, 2012, 2014, 2015] -> '2008–2012 and 2014–2015'."""
    return join([year_range(r[0], r[-1]) for r in runs(years)], locale)


def date(value: dt.date, locale: str | None = None) -> str:
    """'3 May 2018', '3 mai 2018', '3 ماي 2018'."""
    return format_date(value, "d MMMM y", locale=_loc(locale))


def date_range(start: dt.date | None, end: dt.date | None = None,
               locale: str | None = None) -> str:
    """'19–22 September 2011', '30 June – 2 July 2018', '11 September 2013'; '' unknown."""
    if start is None:
        return ""
    loc = _loc(locale)
    end = end or start
    last = date(end, loc)
    if start == end:
        return last
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}{DASH}{last}"
    if start.year == end.year:
        return f"{format_date(start, 'd MMMM', locale=loc)} {DASH} {last}"
    return f"{date(start, loc)} {DASH} {last}"


def date_span(start: dt.date | None, end: dt.date | None = None,
              locale: str | None = None) -> str:
    """Dates as running text says them, where a dash belongs in tables only: '5–7 December
    2018' (English), « du 5 au 7 décembre 2018 », « le 11 septembre 2013 », «من 5 إلى 7
    دجنبر 2018»; '' unknown. The words around the dates are the catalogue's."""
    if start is None:
        return ""
    loc = _loc(locale)
    with use_language(loc.split("_")[0]):
        return _date_span(start, end or start, loc)


def _date_span(start: dt.date, end: dt.date, loc: str) -> str:
    if start == end:
        return t("format.dates.day", date=_day_text(start, "d MMMM y", loc))
    if end - start == dt.timedelta(days=1) and start.month == end.month:
        return t("format.dates.two", start=_day_text(start, "d", loc),
                 end=_day_text(end, "d MMMM y", loc))
    if (start.year, start.month) == (end.year, end.month):
        first = _day_text(start, "d", loc)
    elif start.year == end.year:
        first = _day_text(start, "d MMMM", loc)
    else:
        first = _day_text(start, "d MMMM y", loc)
    key = "format.dates.days" if (start.year, start.month) == (end.year, end.month) \
        else "format.dates.span"
    return t(key, start=first, end=_day_text(end, "d MMMM y", loc))


def _day_text(value: dt.date, pattern: str, loc: str) -> str:
    """A date in `pattern`; French writes the first of the month « 1er »."""
    text = format_date(value, pattern, locale=loc)
    if loc.split("_")[0] == "fr" and value.day == 1:
        text = "1er" + text[1:]
    return text


def years_between(first: int, last: int) -> str:
    """A period in running text: 'between 2007 and 2025', « entre 2007 et 2025 », «بين
    2007 و2025»; one year: 'in 2016', « en 2016 ». (A dash range is for tables.)"""
    if first == last:
        return t("format.years.in", year=first)
    return t("format.years.between", first=first, last=last)


def place_in_text(city: str | None, country: str | None = None,
                  home: str | None = None) -> str:
    """A place as running text names it: 'Geneva, Switzerland', « Genève (Suisse) »,
    «جنيف (سويسرا)»; a place in `home` (the record's own country, which its reader
    knows) without its country; '' when unknown."""
    name = place_name(city or "")
    if not name:
        return ""
    if not country or country == home:
        return name
    return t("format.place.text", name=name, country=country_name(country))


def place(city: str | None, locality: str | None = None, country: str | None = None) -> str:
    """'Geneva, Switzerland'; 'Taliouine (Taroudant), Morocco'; '' when nothing is known."""
    name = place_name(city or locality or "")
    if locality and city and locality != city:
        name = t("format.place.locality", locality=place_name(locality), city=place_name(city))
    if not name:
        return ""
    return t("format.place", name=name, country=country_name(country)) if country else name


def summit_place(city: str | None, region: str | None, country: str | None,
                 virtual: bool = False) -> str:
    """'Riohacha, La Guajira, Colombia'; 'online'; '' when the place is unknown."""
    if virtual:
        return t("format.online")
    parts = (city and place_name(city), region and place_name(region),
             country_name(country) if country else None)
    return t("format.sep").join(p for p in parts if p)


def summit_name(number: int, city: str | None, year: int | None,
                virtual: bool = False) -> str:
    """A summit by number, place and year, never by bare number: 'Summit 15 (Riohacha,
    2025)', 'Summit 13 (online, 2021)'."""
    where = t("format.online") if virtual else (city and place_name(city))
    details = t("format.sep").join(str(p) for p in (where, year) if p)
    return t("format.summit", number=number, details=details) if details \
        else t("format.summit.bare", number=number)


_AR_UNITS_F = ("", "الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة",
               "السابعة", "الثامنة", "التاسعة")
_AR_TENS = ("", "", "العشرون", "الثلاثون", "الأربعون", "الخمسون", "الستون", "السبعون",
            "الثمانون", "التسعون")


def arabic_ordinal(n: int) -> str:
    """A feminine ordinal in words, as Arabic writes a summit's or a session's number
    (القمة is feminine): 1 الأولى, 10 العاشرة, 11 الحادية عشرة, 16 السادسة عشرة,
    20 العشرون, 21 الحادية والعشرون; digits from 100 on."""
    if not 1 <= n <= 99:
        return str(n)
    tens, unit = divmod(n, 10)
    if tens == 0:
        return _AR_UNITS_F[unit]
    if n == 10:
        return "العاشرة"
    if tens == 1:
        return ("الحادية" if unit == 1 else _AR_UNITS_F[unit]) + " عشرة"
    if unit == 0:
        return _AR_TENS[tens]
    return ("الحادية" if unit == 1 else _AR_UNITS_F[unit]) + " و" + _AR_TENS[tens]


def ordinal(n: int, locale: str | None = None) -> str:
    """A summit's number as a sentence says it: '11th', '1st' (English); '11e', '1er'
    (French); «الحادية عشرة» (Arabic, in words after the noun, feminine as القمة is)."""
    lang = _loc(locale).split("_")[0]
    if lang == "fr":
        return f"{n}er" if n == 1 else f"{n}e"
    if lang == "ar":
        return arabic_ordinal(n)
    if lang != "en":
        return str(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@lru_cache(maxsize=1)
def _territory_codes() -> dict[str, str]:
    """English country names as the data writes them -> ISO 3166 codes (CLDR, via Babel)."""
    return {name: code for code, name in Locale.parse("en").territories.items()
            if code.isalpha()}


def place_name(name: str, locale: str | None = None) -> str:
    """A city or locality as the reader's language writes it: 'Geneva' -> 'Genève' (fr),
    'جنيف' (ar). Places the glossary does not list stay as the data writes them."""
    lang = _loc(locale).split("_")[0]
    return PLACE_NAMES.get(name, {}).get(lang, name)


def country_name(name: str, locale: str | None = None) -> str:
    """A country in the reader's language: 'Germany' -> 'Allemagne' (fr), 'ألمانيا' (ar).
    Names CLDR does not know stay as the data writes them."""
    code = _territory_codes().get(name)
    if code is None:
        return name
    return Locale.parse(_loc(locale)).territories.get(code, name)


# Arabic letters that sort as their base letter (أ إ آ lose their marks in NFD below).
_ARABIC_BASE = str.maketrans("ٱة", "اه")


def sort_key(text: str) -> str:
    """A name as a dictionary orders it in its language: accents and Arabic marks do
    not count first (« Égypte » before « Espagne », « Allemagne » before « Kenya »), so
    a list of names in French or Arabic is in French or Arabic order (walk review F23)."""
    bare = "".join(c for c in unicodedata.normalize("NFD", text)
                   if not unicodedata.combining(c))
    return bare.translate(_ARABIC_BASE).casefold()


def government(name: str, locale: str | None = None, label: bool = False) -> str:
    """A country as a sentence names it, with the article the language puts before it:
    'the Netherlands', 'France'; « avec l'Allemagne », « les Pays-Bas », « le Kenya ».
    As a `label` (a table cell, after a colon) French drops its article (« Pays-Bas »);
    English keeps "the", which is part of the name ("chair: the Netherlands")."""
    code = _territory_codes().get(name)
    lang = _loc(locale).split("_")[0]
    article = "" if label and lang not in NAME_ARTICLES else \
        COUNTRY_ARTICLES.get(lang, {}).get(code or "", "")
    return article + country_name(name, locale)


def language_name(code: str, locale: str | None = None) -> str:
    """A language as the reader's language names it: 'en' -> 'anglais' (fr), 'الإنجليزية'
    (ar), 'English' (CLDR, through Babel)."""
    return Locale.parse(_loc(locale)).languages.get(code, code)


_FRENCH_SPACES = re.compile(r"[ \u00a0]([:;!?»])|(«)[ \u00a0]")


def typography(text: str, locale: str | None = None) -> str:
    """Text as the language sets it: French puts a narrow no-break space (U+202F) before
    : ; ! ? and inside « », so a line never breaks there; other languages unchanged."""
    if _loc(locale).split("_")[0] != "fr":
        return text
    return _FRENCH_SPACES.sub(lambda m: f"\u202f{m[1]}" if m[1] else f"{m[2]}\u202f", text)


def slug(text: str) -> str:
    """'Labour mobility & skills' -> 'labour-mobility-skills' (ASCII, for file names)."""
    words = re.sub(r"[\W_]+", "-", text.lower())  # dashes and spaces part words
    ascii_text = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def file_name(parts: Iterable[str], ext: str, version: str | None = None) -> str:
    """A file name that says what is in it: slugged parts joined by '-', at most 150
    characters before the extension, and the data version it was built from, never cut.
    E.g. morocco-gfmd-roundtables-2010-2016-v1a2b3c4d5e6f.csv."""
    name = "-".join(s for s in (slug(p) for p in parts) if s)
    tail = f"-v{slug(version)}" if version else ""
    return f"{name[:_SLUG_MAX - len(tail)].rstrip('-')}{tail}.{ext}"

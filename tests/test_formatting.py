"""One table of inputs and expected outputs per locale, as Datasette tests its filters:
years, dates, money, numbers, lists, places and file names, in English, French and
Arabic as written in Morocco."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from gfmd.text import formatting as fmt

D = dt.date
EN, FR, AR = "en_GB", "fr", "ar_MA"

CASES: list[tuple[str, Callable[..., str], tuple, str, str]] = [
    # (what, function, arguments, locale, expected)
    ("one year", fmt.year_span, ([2016],), EN, "2016"),
    ("a run", fmt.year_span, ([2017, 2018],), EN, "2017–2018"),
    ("runs and gaps", fmt.year_span, ([2008, 2009, 2010, 2011, 2012, 2014, 2015],), EN,
     "2008–2012 and 2014–2015"),
    ("three parts", fmt.year_span, ([2010, 2011, 2012, 2014, 2016],), EN,
     "2010–2012, 2014 and 2016"),
    ("unsorted, repeated", fmt.year_span, ([2016, 2014, 2016],), EN, "2014 and 2016"),
    ("none", fmt.year_span, ([],), EN, ""),
    ("runs in French", fmt.year_span, ([2010, 2011, 2014],), FR, "2010–2011 et 2014"),
    ("runs in Arabic", fmt.year_span, ([2010, 2011, 2014],), AR, "2010–2011 و2014"),
    ("date", fmt.date, (D(2018, 5, 3),), EN, "3 May 2018"),
    ("date in French", fmt.date, (D(2018, 5, 3),), FR, "3 mai 2018"),
    ("date in Arabic, Moroccan month", fmt.date, (D(2018, 5, 3),), AR, "3 ماي 2018"),
    ("July in Arabic", fmt.date, (D(2018, 7, 3),), AR, "3 يوليوز 2018"),
    ("one day", fmt.date_range, (D(2013, 9, 11), None), EN, "11 September 2013"),
    ("same month", fmt.date_range, (D(2011, 9, 19), D(2011, 9, 22)), EN,
     "19–22 September 2011"),
    ("two months", fmt.date_range, (D(2018, 6, 30), D(2018, 7, 2)), EN,
     "30 June – 2 July 2018"),
    ("two years", fmt.date_range, (D(2020, 12, 30), D(2021, 1, 2)), EN,
     "30 December 2020 – 2 January 2021"),
    ("same month in French", fmt.date_range, (D(2011, 9, 19), D(2011, 9, 22)), FR,
     "19–22 septembre 2011"),
    ("unknown dates", fmt.date_range, (None, None), EN, ""),
    ("number", fmt.number, (257622,), EN, "257,622"),
    ("number in French", fmt.number, (257622,), FR, "257\u202f622"),
    ("number in Arabic, Western digits", fmt.number, (257622,), AR, "257.622"),
    ("a whole float", fmt.number, (3.0,), EN, "3"),
    ("a fraction", fmt.number, (2.5,), EN, "2.5"),
    ("money", fmt.money, (257622,), EN, "USD 257,622"),
    ("list of two", fmt.join, (["France", "Kenya"],), EN, "France and Kenya"),
    ("list of three", fmt.join, (["France", "Kenya", "Spain"],), EN,
     "France, Kenya and Spain"),
    ("list in French", fmt.join, (["France", "Kenya", "Spain"],), FR,
     "France, Kenya et Spain"),
    ("empty list", fmt.join, ([],), EN, ""),
]


@pytest.mark.parametrize(("what", "func", "args", "locale", "expected"), CASES,
                         ids=[c[0] for c in CASES])
def test_formatting(what: str, func: Callable[..., str], args: tuple, locale: str,
                    expected: str) -> None:
    assert func(*args, locale=locale) == expected


def test_year_range() -> None:
    assert (fmt.year_range(2010, 2018), fmt.year_range(2016, 2016)) == ("2010–2018", "2016")


@pytest.mark.parametrize(("args", "expected"), [
    (("Geneva", None, "Switzerland"), "Geneva, Switzerland"),
    (("Taroudant", "Taliouine", "Morocco"), "Taliouine (Taroudant), Morocco"),
    (("Geneva", "Geneva", "Switzerland"), "Geneva, Switzerland"),
    (("Quito", None, None), "Quito"),
    ((None, None, "Morocco"), ""),
])
def test_place(args: tuple, expected: str) -> None:
    assert fmt.place(*args) == expected


@pytest.mark.parametrize(("parts", "expected"), [
    (("morocco", "gfmd", "roundtables", "2010-2016", "co-chair"),
     "morocco-gfmd-roundtables-2010-2016-co-chair.csv"),
    (("Morocco", "GFMD", "briefing", "labour-mobility", "2010–2018"),
     "morocco-gfmd-briefing-labour-mobility-2010-2018.csv"),
    (("search-Coopération & co",), "search-cooperation-co.csv"),
    (("المغرب", "gfmd"), "gfmd.csv"),
    (("x" * 400,), "x" * 150 + ".csv"),
])
def test_file_names_say_what_they_hold(parts: tuple[str, ...], expected: str) -> None:
    assert fmt.file_name(parts, "csv") == expected


def test_list_separators_match_join() -> None:
    items = ["a", "b", "c", "d"]
    seps = fmt.list_separators(len(items), EN)
    rebuilt = items[0] + "".join(s + i for s, i in zip(seps, items[1:], strict=True))
    assert rebuilt == fmt.join(items, EN) == "a, b, c and d"
    assert fmt.list_separators(1, EN) == []

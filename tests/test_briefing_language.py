"""The note as a ministry writes French and Arabic (language review 2026-12, issue 32): a
verb and a civility agree with the person's gender, a summit's number is an Arabic word, a
date range in French running text has no dash, an amount's Arabic noun agrees with it, and
a source in French or Arabic is never cited as English. Each test fails on a return of its
class of error, whatever text brings it back."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from pydantic import ValidationError

from gfmd.briefing import BriefingRequest, compose, to_markdown
from gfmd.briefing.text import plain, usd
from gfmd.record.dataset import Dataset
from gfmd.record.reference import Source
from gfmd.text import formatting as fmt
from gfmd.text.messages import use_language

NOTES = (("labour-mobility",), ("diaspora-development",),
         ("migration-governance", "partnerships"))


def note(ds: Dataset, lang: str, *themes: str, **kwargs: object) -> str:
    with use_language(lang):
        return to_markdown(compose(ds, BriefingRequest(themes=themes, **kwargs)))


def running_text(markdown: str) -> str:
    """The note's sentences: every line but table rows."""
    return "\n".join(line for line in markdown.splitlines() if not line.startswith("|"))


def with_head_gender(ds: Dataset, gender: str | None) -> Dataset:
    """The record with the 2025 delegation's head of `gender` (None: unknown)."""
    years = []
    for rec in ds.years:
        if rec.year == 2025 and rec.delegation and rec.delegation.head:
            head = rec.delegation.head.model_copy(update={"gender": gender})
            rec = rec.model_copy(update={"delegation": rec.delegation.model_copy(
                update={"head": head})})
        years.append(rec)
    return replace(ds, years=tuple(years))


# --- a verb's gender against its subject ----------------------------------------------------


def test_arabic_verb_agrees_with_a_woman_heading_the_delegation(dataset: Dataset) -> None:
    text = note(dataset, "ar", "labour-mobility")
    assert "ترأست وفدَ المغرب السيدة فريدة لوداية (\u2068Farida Loudaya\u2069)، سفيرة صاحب " \
           "الجلالة لدى كولومبيا والإكوادور" in text
    assert "ترأست وفدَه السيدة نزهة الوفي" in text
    # A masculine verb before a woman, or a Latin name alone in an Arabic sentence: never.
    assert not re.search(r"ترأس وفدَه? (السيدة|\u2068?Farida|\u2068?Nezha)", text)


def test_arabic_and_french_follow_the_gender_the_data_gives(dataset: Dataset) -> None:
    male = with_head_gender(dataset, "male")
    assert "ترأس وفدَ المغرب السيد فريدة لوداية" in note(male, "ar", "labour-mobility")
    assert "conduite par M. Farida Loudaya" in note(male, "fr", "labour-mobility")
    unknown = with_head_gender(dataset, None)
    ar, fr = note(unknown, "ar", "labour-mobility"), note(unknown, "fr", "labour-mobility")
    assert "كان وفد المغرب برئاسة فريدة لوداية" in ar  # a sentence that needs no gender
    assert "conduite par Farida Loudaya, ambassadrice" in fr  # no civility it cannot know
    assert "السيدة فريدة" not in ar.split("## منذ")[0]
    assert "Mme Farida" not in fr.split("## Depuis")[0]


def test_french_gives_a_woman_her_civility(dataset: Dataset) -> None:
    text = note(dataset, "fr", "labour-mobility")
    assert "conduite par Mme Farida Loudaya, ambassadrice de Sa Majesté le Roi en Colombie " \
           "et en Équateur" in text
    assert "Mme Nezha El Ouafi, ministre déléguée" in text
    assert "M. Farida" not in text and "M. Nezha" not in text


# --- protocol and names ------------------------------------------------------------------------


@pytest.mark.parametrize("themes", NOTES)
def test_the_king_and_the_foundation_in_protocol_form(dataset: Dataset,
                                                      themes: tuple[str, ...]) -> None:
    fr, ar = note(dataset, "fr", *themes), note(dataset, "ar", *themes)
    assert not re.search(r"du Roi\b|le Roi en matière", fr.replace("Sa Majesté le Roi", ""))
    assert not re.search(r"(?<!صاحب ال)جلالة الملك", ar)
    assert "Fondation pour les Marocains" not in fr
    assert "مؤسسة المغاربة المقيمين" not in ar
    assert "Ministry in Charge" not in fr + ar and "Observatory on" not in fr + ar


def test_diaspora_note_names_moroccan_institutions_in_their_own_language(
        dataset: Dataset) -> None:
    fr, ar = note(dataset, "fr", "diaspora-development"), note(dataset, "ar",
                                                               "diaspora-development")
    assert "La Fondation Hassan II pour les Marocains résidant à l'étranger" in fr
    assert "Ministère chargé des Marocains résidant à l'étranger et des affaires de la " \
           "migration (MCMREAM)" in fr
    assert "مؤسسة الحسن الثاني للمغاربة المقيمين بالخارج" in ar
    assert "- الوزارة المكلفة بالمغاربة المقيمين بالخارج وشؤون الهجرة: " in ar


# --- numbers, dates, places --------------------------------------------------------------------


def test_arabic_ordinals_are_words() -> None:
    words = {1: "الأولى", 10: "العاشرة", 11: "الحادية عشرة", 12: "الثانية عشرة",
             16: "السادسة عشرة", 20: "العشرون", 21: "الحادية والعشرون",
             35: "الخامسة والثلاثون"}
    assert {n: fmt.ordinal(n, "ar_MA") for n in words} == words


@pytest.mark.parametrize("themes", NOTES)
def test_no_arabic_summit_number_in_digits(dataset: Dataset, themes: tuple[str, ...]) -> None:
    text = running_text(note(dataset, "ar", *themes))
    assert "القمة الخامسة عشرة" in text
    assert not re.search(r"(القمة|قمته|القمة الـ) ?\d", text)


@pytest.mark.parametrize("themes", NOTES)
def test_no_french_date_range_with_a_dash_in_running_text(dataset: Dataset,
                                                          themes: tuple[str, ...]) -> None:
    text = running_text(note(dataset, "fr", *themes))
    assert "du 2 au 4 septembre 2025" in text
    day_range = re.compile(r"\b\d{1,2}(er)?\s?[–-]\s?\d{1,2}(er)? [a-zéû]+ \d{4}")
    assert not day_range.search(text), day_range.search(text)
    assert not re.search(r"(tenus|tenu|Sur la période) (en )?\d{4}–\d{4}", text)


def test_french_dates_in_words() -> None:
    import datetime as dt
    d = dt.date
    assert fmt.date_span(d(2018, 12, 5), d(2018, 12, 7), "fr") == "du 5 au 7 décembre 2018"
    assert fmt.date_span(d(2018, 12, 10), d(2018, 12, 11), "fr") == "les 10 et 11 décembre 2018"
    assert fmt.date_span(d(2018, 6, 30), d(2018, 7, 1), "fr") == "du 30 juin au 1er juillet 2018"
    assert fmt.date_span(d(2013, 9, 11), None, "fr") == "le 11 septembre 2013"
    assert fmt.date_span(d(2018, 12, 5), d(2018, 12, 7), "en_GB") == "5–7 December 2018"


def test_places_in_running_text() -> None:
    with use_language("fr"):
        assert fmt.place_in_text("Geneva", "Switzerland") == "Genève (Suisse)"
        assert fmt.place_in_text("Taroudant", "Morocco", home="Morocco") == "Taroudant"


@pytest.mark.parametrize(("amount", "words"), [
    (257622, "257.622 دولارًا أمريكيًا"), (48342, "48.342 دولارًا أمريكيًا"),
    (5, "5 دولارات أمريكية"), (100, "100 دولار أمريكي"), (50000, "50.000 دولار أمريكي")])
def test_arabic_amount_noun_agrees_with_its_number(amount: int, words: str) -> None:
    with use_language("ar"):
        assert plain(usd(amount)) == words


def test_french_counts_in_words(dataset: Dataset) -> None:
    text = note(dataset, "fr", "labour-mobility")
    assert "deux autres membres identifiés" in text
    assert re.search(r"coparrainé deux ", text)
    assert not re.search(r"avec 2 autres|coparrainé 2 ", text)


def test_french_official_name_takes_its_article(dataset: Dataset) -> None:
    text = note(dataset, "fr", "labour-mobility")
    assert "la même ville a accueilli la Conférence intergouvernementale chargée d'adopter" in text
    assert "accueilli « Conférence" not in text


# --- sources ---------------------------------------------------------------------------------


def test_a_french_or_arabic_source_is_never_cited_as_english(dataset: Dataset) -> None:
    for src in dataset.sources.values():
        if src.language == "en":
            continue
        for lang in ("en", "fr", "ar"):
            with use_language(lang):
                shown = src.shown_title(lang)
            assert "(en anglais)" not in shown and "(بالإنجليزية)" not in shown, src.id
            assert not re.search(r"\((Arabic|French|Spanish)\)", shown), src.id
    fr = note(dataset, "fr", "labour-mobility")
    assert "Ouverture à Quito de la 12e édition du GFMD avec la participation du Maroc. " \
           "MAP Express" in fr
    assert "(article en arabe, titre non retrouvé)" in fr
    assert "(Arabic)" not in fr and "(Arabic)" not in note(dataset, "ar", "labour-mobility")


def test_an_arabic_source_titled_by_an_english_gloss_is_refused() -> None:
    base = {"id": "x", "publisher": "P", "kind": "secondary"}
    with pytest.raises(ValidationError, match="Arabic script"):
        Source(**base, title="The delegation highlights the King's leadership", language="ar")
    with pytest.raises(ValidationError, match="gloss"):
        Source(**base, title="Morocco at the 15th session (Arabic)")
    Source(**base, title="The delegation highlights it", language="ar", described=True)



def test_the_short_notes_counterparts_open_with_a_capital(dataset: Dataset) -> None:
    text = note(dataset, "fr", "diaspora-development", short=True)
    assert "\nLa France (2011–2012), le Kenya (2012)" in text


def test_speakers_are_named_in_the_notes_language(dataset: Dataset) -> None:
    """The 2018 speakers, in French with their civility and in Arabic in Arabic script."""
    fr = note(dataset, "fr", "labour-mobility", years=(2010, 2018))
    ar = note(dataset, "ar", "labour-mobility", years=(2010, 2018))
    assert "Déclaration de M. Abdelkrim Benatiq, ministre délégué" in fr
    assert "كلمة السيد عبد الكريم بن عتيق (Abdelkrim Benatiq)، الوزير المنتدب" in ar
    assert "Minister Delegate" not in fr + ar and "co-chair of the Forum" not in fr + ar


def test_a_role_is_not_repeated_after_its_own_name(dataset: Dataset) -> None:
    """« Coprésident du FMMD (2017–2018) : Coprésident du FMMD avec… » (review F13); in
    French the words after the colon start in lower case."""
    fr = note(dataset, "fr", "diaspora-development")
    assert "Coprésident du FMMD (2017–2018)\u202f: avec l'Allemagne" in fr
    assert not re.search(r"Troïka \(\d{4}(–\d{4})?\)\u202f: Membre", fr)
    en = note(dataset, "en", "diaspora-development")
    assert "Co-chair of the GFMD (2017–2018): Co-chair" not in en

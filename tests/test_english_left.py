"""What a French or Arabic reader meets: on every page, no English sentence is left except
official titles the GFMD publishes only in English, and those say so: « … (en anglais) »
beside the title, or a column headed « Intitulé (officiel, en anglais) ». The record's
notes, the project's own source titles and the Forum's name read in the language; and no
piece of the English message catalogue is left where the language has its own text."""

from __future__ import annotations

import re
import string
from collections.abc import Iterable

import pandas as pd
import pytest

from components.pages import PAGES
from gfmd.briefing import BriefingRequest, compose, to_markdown
from gfmd.changes.changelog import entries
from gfmd.record.dataset import Dataset
from gfmd.store.loader import DEFAULT_DATA_DIR
from gfmd.tables import build as tables
from gfmd.tables.display import header
from gfmd.text.markdown import FSI, PDI
from gfmd.text.messages import EN, message, use_language
from tests.apptest_helpers import run_page, table_frame
from tests.apptest_helpers import tables as markdown_tables

# What says "English": after a title « … » (en anglais), in a header (officiel, en anglais).
MARKERS = {"fr": "en anglais", "ar": "بالإنجليزية"}
# Words only English uses: two in one sentence make it an English sentence.
ENGLISH = frozenset({"the", "and", "of", "with", "which", "is", "was", "were", "from",
                     "this", "that", "for", "by", "its", "has", "have", "been", "are",
                     "at", "into", "their", "than", "to", "not", "in", "or"})
ADDRESSES = re.compile(r"https?://\S+")
# The profile's own English words quoted and glossed in the reader's language, as the
# method note does: « with left-over from 2016 » (avec un reliquat de 2016).
GLOSSED = re.compile(r"«[^»]*»\s*\([^)]*\)")
SENTENCES = re.compile(r"(?<=[.;!?])\s+|\n+|\s\|\s")
QUOTES = "«»“”\"' \u202f\u00a0"


def _official(ds: Dataset) -> list[str]:
    """Titles as the GFMD and other publishers give them, in English: roundtables,
    meetings, summit themes, the profile's own words, published source titles."""
    found: set[str] = set()
    frames = tables.build_all(ds)
    for name, cols in (("roundtables", ("title", "as_written")),
                       ("thematic_meetings", ("title",)), ("summits", ("theme",)),
                       ("contributions", ("as_written",)), ("engagements", ("title",))):
        for col in cols:
            if col in frames[name]:
                found.update(v for v in frames[name][col].dropna() if isinstance(v, str))
    found.update(s.title for s in ds.sources.values())
    found.update(e.title for rec in ds.years for e in rec.context_events)
    return sorted((x for x in found if len(x) >= 8), key=len, reverse=True)


def _without_marked(text: str, official: Iterable[str], marker: str) -> str:
    """`text` without the official titles that are followed by the marker."""
    for title in official:
        start = 0
        while (i := text.find(title, start)) >= 0:
            end = i + len(title)
            after = text[end:end + len(marker) + 8].lstrip(QUOTES)
            if after.startswith("(") and marker in after:
                text = text[:i] + text[end:]
            start = i + 1
    return text


def _visible(at, lang: str) -> list[str]:
    """Every text a reader sees: markdown, captions, labels, and table cells except
    columns whose header says they hold official English titles."""
    kinds = ("markdown", "caption", "info", "error", "warning", "title", "header",
             "subheader")
    parts = [str(e.value) for kind in kinds for e in at.get(kind)
             if not (kind == "markdown" and str(e.value).startswith("| "))]  # tables below
    parts += [m.label for m in at.metric] + [str(m.help or "") for m in at.metric]
    parts += [b.label for b in at.button]
    parts += [w.label for w in (*at.slider, *at.multiselect, *at.text_input)]
    parts += [e.label for e in at.get("expander")]
    with use_language(lang):
        frames = [table_frame(at, i) for i in range(len(markdown_tables(at)))]
        frames += [e.value for e in (*at.get("table"), *at.dataframe)]
        for df in frames:
            if not isinstance(df, pd.DataFrame):
                continue
            for col in df.columns:
                name = f"{col} {header(str(col))}"
                if MARKERS[lang] in name:
                    continue
                parts.append(header(str(col)))
                parts += [v for v in df[col].dropna() if isinstance(v, str)]
    # Direction isolates around English runs (components.safe_text.md) are not read.
    return [part.replace(FSI, "").replace(PDI, "") for part in parts]


def english_sentences(parts: Iterable[str], official: list[str], lang: str) -> list[str]:
    found = []
    for part in parts:
        text = GLOSSED.sub("", ADDRESSES.sub("", _without_marked(part, official, MARKERS[lang])))
        for sentence in SENTENCES.split(text):
            words = re.findall(r"[A-Za-z]+", sentence)
            if sum(w.lower() in ENGLISH for w in words) >= 2:
                found.append(sentence.strip()[:160])
    return sorted(set(found))


def _shown(at) -> str:
    """What the page shows, tables aside, as one text: for the catalogue check."""
    kinds = ("markdown", "caption", "info", "error", "warning", "title", "header",
             "subheader")
    parts = [e.value for kind in kinds for e in at.get(kind)]
    parts += [m.label for m in at.metric] + [b.label for b in at.button]
    parts += [w.label for w in (*at.slider, *at.multiselect, *at.text_input)]
    return "\n".join(str(p) for p in parts)


def _data_text(ds: Dataset) -> list[str]:
    """Text that comes from the data in English (official titles, names, sources): shown
    as published, so it proves nothing about the catalogue. Longest first."""
    found: set[str] = set()
    for table in tables.TABLES.values():
        df = table.build(ds)
        for col in df.columns:
            if df[col].dtype == object or pd.api.types.is_string_dtype(df[col]):
                found.update(v for v in df[col].dropna() if isinstance(v, str))
    for src in ds.sources.values():
        found.update((src.title, src.publisher))
    for rec in ds.years:
        found.update(p for s in rec.statements for p in s.points)
    return sorted((x for x in found if len(x) >= 12), key=len, reverse=True)


def _english_fragments(lang: str) -> list[tuple[str, str]]:
    """(id, piece) for each piece of English catalogue text long enough to be a phrase,
    where the language's text differs (a shared word like "USD" proves nothing)."""
    pieces = []
    for key, text in EN.items():
        with use_language(lang):
            if message(key) == text:
                continue
        for literal, *_ in string.Formatter().parse(text):
            words = literal.strip(" .,:;*()“”-\n")
            if len(words) >= 24 and words.count(" ") >= 3:
                pieces.append((key, words))
    return pieces


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("page", [p.script for p in PAGES])
def test_a_translated_page_shows_no_english_but_marked_official_titles(
        page: str, lang: str, dataset: Dataset) -> None:
    """One run of each page in each language, two checks: no piece of the English
    catalogue where the language has its own text, and no English sentence at all but
    the official titles marked as English."""
    at = run_page(page, {"lang": lang})
    shown = _shown(at)
    assert shown, "the page showed nothing"
    for text in _data_text(dataset):
        shown = shown.replace(text, "")
    leaks = [f"{key}: {piece}" for key, piece in _english_fragments(lang) if piece in shown]
    assert leaks == []

    parts = _visible(at, lang)
    assert parts, "the page showed nothing"
    # An editor's commit message is shown as written, and says so.
    with use_language(lang):
        as_written = message("changes.as_written")
    written = sorted({e.summary for e in entries(DEFAULT_DATA_DIR)}, key=len, reverse=True)
    parts = [_without_marked(p, written, as_written) for p in parts]
    assert english_sentences(parts, _official(dataset), lang) == []


def test_the_detector_sees_an_english_note() -> None:
    """The check itself: an English sentence is found, a marked official title is not."""
    title = "Supporting migrants and diaspora as agents of socioeconomic change"
    assert english_sentences([f"Table ronde : « {title} » (en anglais)."], [title], "fr") == []
    assert english_sentences([f"Table ronde : « {title} »."], [title], "fr") != []
    assert english_sentences(["The sources differ by one day: the profile gives 19–22"
                              " September 2011 in Taroudant."], [], "ar") != []


def _outside_marked_tables(markdown: str, lang: str) -> list[str]:
    """The note's lines, without the rows of tables whose header says they hold official
    English titles."""
    kept, skipping = [], False
    for line in markdown.splitlines():
        if line.startswith("|"):
            if not skipping and MARKERS[lang] in line and not line.startswith("|---"):
                skipping = True
            if skipping:
                continue
        else:
            skipping = False
        kept.append(line)
    return kept


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_no_english_sentence_in_a_briefing_note(lang: str, dataset: Dataset) -> None:
    with use_language(lang):
        note = to_markdown(compose(dataset, BriefingRequest(
            themes=("diaspora-development",), years=(2007, 2025))))
    lines = _outside_marked_tables(note, lang)
    assert len(lines) > 20
    assert english_sentences(lines, _official(dataset), lang) == []

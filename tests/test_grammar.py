"""French and Arabic as generated sentences write them: French articles and elisions before
country names, French typography (« », narrow no-break spaces before : ; ! ?), Moroccan
Arabic month names, and spreadsheet cells free of invisible direction marks."""

from __future__ import annotations

import datetime as dt
import io
import re

import pandas as pd
import pytest
from babel.messages.pofile import read_po
from openpyxl import load_workbook

from gfmd.briefing import BriefingRequest, compose, to_markdown
from gfmd.record.dataset import Dataset
from gfmd.tables.build import build_all
from gfmd.tables.exports import DIRECTION_MARKS, safe_csv_bytes
from gfmd.tables.spreadsheet import xlsx_bytes
from gfmd.tables.summary import co_chair_sentence
from gfmd.text import formatting as fmt
from gfmd.text.glossary import COUNTRY_ARTICLES
from gfmd.text.locales import po_path
from gfmd.text.messages import use_language

# A space, not a narrow no-break one, where French typography wants U+202F.
LOOSE = re.compile(r" [:;!?»]|« ")


@pytest.mark.parametrize(("name", "expected"), [
    ("Germany", "l'Allemagne"), ("France", "la France"), ("Netherlands", "les Pays-Bas"),
    ("Kenya", "le Kenya"), ("Ecuador", "l'Équateur"), ("United Arab Emirates",
                                                      "les Émirats arabes unis"),
    ("Mauritius", "Maurice"),
])
def test_french_sentences_give_countries_their_article(name: str, expected: str) -> None:
    with use_language("fr"):
        assert fmt.government(name) == expected


def test_english_and_arabic_articles() -> None:
    assert fmt.government("Netherlands") == "the Netherlands"
    assert fmt.government("Germany") == "Germany"
    with use_language("ar"):
        assert fmt.government("Sweden") == "السويد"  # CLDR carries the article
        assert fmt.government("Germany") == "ألمانيا"


def _countries(ds: Dataset) -> set[str]:
    """Every country the data names as a partner, a chair or a host."""
    names = {s.host_country for s in ds.summits if s.host_country}
    names |= {c for s in ds.summits for c in s.chairs}
    for table in ("roundtables", "thematic_meetings"):
        df = build_all(ds)[table]
        for cell in df.get("partners", pd.Series(dtype=object)).dropna():
            names.update(p.strip() for p in str(cell).split(";") if p.strip())
    return names


def test_every_country_in_the_data_has_its_french_article(dataset: Dataset) -> None:
    codes = fmt._territory_codes()
    countries = {n for n in _countries(dataset) if n in codes}
    assert {"Germany", "France"} <= countries
    assert sorted(n for n in countries if codes[n] not in COUNTRY_ARTICLES["fr"]) == []


def test_the_french_co_chair_sentence_uses_the_article(dataset: Dataset) -> None:
    with use_language("fr"):
        assert "avec l'Allemagne en 2017–2018" in co_chair_sentence(dataset)


def test_french_catalogue_typography() -> None:
    with po_path("fr").open("rb") as po:
        catalog = read_po(po)
    loose = [m.context for m in catalog if m.id for form in
             (m.string if isinstance(m.string, tuple) else (m.string,)) if LOOSE.search(form)]
    assert loose == []


def test_french_note_typography_and_articles(dataset: Dataset) -> None:
    with use_language("fr"):
        text = to_markdown(compose(dataset, BriefingRequest(themes=("diaspora-development",))))
    assert LOOSE.findall(text) == []
    assert "\u202f:" in text and "«\u202f" in text and "\u202f»" in text
    assert "avec l'Allemagne" in text and "la France (2011–2012), le Kenya (2012)" in text
    assert "avec Allemagne" not in text


def test_arabic_months_as_morocco_writes_them() -> None:
    with use_language("ar"):
        assert [fmt.date(dt.date(2018, m, 1)).split()[1] for m in (5, 7, 9)] == \
            ["ماي", "يوليوز", "شتنبر"]


MARKED = pd.DataFrame({"title": ["\u200fالمغرب\u200e", "\u2067Rabat\u2069", "=\u061c1+1"],
                       "year": [2018, 2019, 2020]})


def test_csv_cells_carry_no_direction_marks() -> None:
    text = safe_csv_bytes(MARKED).decode("utf-8-sig")
    assert DIRECTION_MARKS.search(text) is None
    assert "المغرب" in text and "'=1+1" in text


def test_excel_cells_carry_no_direction_marks(dataset: Dataset) -> None:
    with use_language("ar"):
        wb = load_workbook(io.BytesIO(xlsx_bytes(MARKED, dataset)))
    cells = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str)]
    assert "المغرب" in cells and "=1+1" in cells
    assert [c for c in cells if DIRECTION_MARKS.search(c)] == []


@pytest.mark.parametrize("table", ["participation", "roundtables", "summits", "partners"])
def test_arabic_downloads_of_the_record_carry_no_direction_marks(dataset: Dataset,
                                                                 table: str) -> None:
    df = build_all(dataset)[table]
    with use_language("ar"):
        assert DIRECTION_MARKS.search(safe_csv_bytes(df).decode("utf-8-sig")) is None

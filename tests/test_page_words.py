"""Names, numbers and dates in the reader's language on the pages (issue 32; language
review S6; walk review F21–F25)."""

from __future__ import annotations

import re

import pytest

from gfmd.record.dataset import Dataset
from gfmd.tables.aggregate import partnerships
from gfmd.tables.build import build_all
from gfmd.text import formatting as fmt
from gfmd.text.messages import t, use_language
from tests.apptest_helpers import metrics, plotly_spec, run_page, table_frame, tables

PARTNERS = "app_pages/partners.py"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DATE_IN_WORDS = re.compile(r"\(\d{1,2} [^\W\d]+ \d{4}\)")


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_the_data_version_is_dated_in_words(lang: str) -> None:
    at = run_page(params={"lang": lang})
    lines = [c.value for c in at.caption if ISO_DATE.search(c.value) or DATE_IN_WORDS.search(c.value)]
    assert lines, "a source line with the data version's date"
    for line in lines:
        assert not ISO_DATE.search(line), line
        assert DATE_IN_WORDS.search(line.replace("\u2068", "").replace("\u2069", "")), line


@pytest.mark.parametrize(("lang", "marks", "written"), [
    ("en", ".,", "257,622"), ("fr", ",\u202f", "257\u202f622"), ("ar", ",.", "257.622")])
def test_chart_numbers_are_grouped_as_the_page_writes_them(lang: str, marks: str,
                                                            written: str) -> None:
    at = run_page("app_pages/contributions.py", params={"lang": lang})
    spec = plotly_spec(at)
    assert spec["layout"]["separators"] == marks
    assert spec["layout"]["yaxis"]["tickformat"] == ","  # grouped, with those marks
    assert any(written in str(value) for value in metrics(at).values())  # the page


@pytest.mark.parametrize(("lang", "spain", "sweden"), [
    ("fr", "Espagne", "Suède"), ("ar", "إسبانيا", "السويد")])
def test_partner_governments_are_named_in_the_reader_s_language(lang: str, spain: str,
                                                                  sweden: str) -> None:
    at = run_page(PARTNERS, params={"lang": lang})
    with use_language(lang):
        partners = table_frame(at)["partner"].dropna().tolist()
    assert spain in partners and sweden in partners
    assert not {"Spain", "Sweden", "Netherlands", "Germany"} & set(partners)


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_partners_are_listed_in_the_reader_s_alphabet(lang: str, dataset: Dataset) -> None:
    """Most shared roles first, then names in the language's own order (« Allemagne »
    before « Espagne », not Germany after France)."""
    at = run_page(PARTNERS, params={"lang": lang})
    listed = next(m.value for m in at.markdown if m.value.startswith("- **"))
    names = re.findall(r"^- \*\*(.+?)\*\*", listed.replace("\u2068", "").replace("\u2069", ""),
                       re.M)
    with use_language(lang):
        roles = {fmt.country_name(p.partner): p.roles
                 for p in partnerships(build_all(dataset)["partners"]).partners}
        assert names == sorted(names, key=lambda n: (-roles[n], fmt.sort_key(n)))
    assert len(names) >= 6


@pytest.mark.parametrize(("lang", "primary"), [("en", "Primary"), ("fr", "Primaire"),
                                               ("ar", "أولي")])
def test_source_kinds_are_words_in_the_reader_s_language(lang: str, primary: str) -> None:
    at = run_page("app_pages/data_sources.py", params={"lang": lang})
    with use_language(lang):
        kinds = set(next(df for i in range(len(tables(at)))
                         if "publisher" in (df := table_frame(at, i))).get("kind", []))
    assert primary in kinds
    assert not {"primary", "secondary", "inference", "general-knowledge"} & kinds
    with use_language(lang):
        note = t("data.sources.note")
    assert note in [c.value for c in at.caption]
    assert lang == "en" or "primary" not in note  # P-F20, P-A17

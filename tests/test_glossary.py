"""One term per concept in each language: no French or Arabic catalogue entry uses a
variant the glossary bans (`glossary.VARIANTS`; language review P-F5–P-F24, P-A5–P-A25).

The briefing's entries (`briefing.*`) are left out here: another change rewrites them
with the notes (issue 32)."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from gfmd.text.glossary import GLOSSARY, VARIANTS
from tests.conftest import ROOT

LOCALES = ROOT / "gfmd" / "text" / "locales"


def entries(lang: str) -> dict[str, str]:
    with open(LOCALES / lang / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalogue = read_po(po)
    return {m.context: " | ".join(m.string) if isinstance(m.string, tuple) else m.string
            for m in catalogue if m.context and not m.context.startswith("briefing.")}


def test_every_banned_variant_belongs_to_a_glossary_term() -> None:
    assert set(VARIANTS) <= set(GLOSSARY)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_no_catalogue_entry_uses_a_banned_variant(lang: str) -> None:
    found = [(ctx, term, pattern) for ctx, text in entries(lang).items()
             for term, banned in VARIANTS.items() for pattern in banned.get(lang, ())
             if re.search(pattern, text, re.IGNORECASE)]
    assert found == []


@pytest.mark.parametrize(("lang", "term", "variant"), [
    ("fr", "review (of proposals)", "La revue des propositions"),
    ("fr", "review (of proposals)", "un réviseur"),
    ("fr", "the record (the data)", "Intégrer au relevé"),
    ("ar", "data version", "نسخة البيانات 1a2b"),
    ("ar", "filters", "هذه المرشِّحات"),
    ("ar", "dashboard", "جداول لوحة المتابعة"),
])
def test_the_check_catches_the_variants_the_review_found(lang: str, term: str,
                                                         variant: str) -> None:
    assert any(re.search(p, variant, re.IGNORECASE) for p in VARIANTS[term][lang])

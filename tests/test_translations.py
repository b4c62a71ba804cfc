"""The French and Arabic gettext catalogues: every English message translated and reviewed
(not fuzzy), with the English placeholders, the CLDR plural forms, Western digits in Arabic;
and the translator's workflow (`make messages`) round-trips: on a clean tree it changes
nothing, and a changed English message comes back fuzzy with its previous English."""

from __future__ import annotations

import re
import shutil
import string
import subprocess
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from gfmd.text.locales import po_path
from gfmd.text.locales.extract import extract_catalogue
from gfmd.text.messages import EN, LANGUAGES, PLURALS
from tests.conftest import ROOT

TRANSLATED = [lang for lang in LANGUAGES if lang != "en"]
MESSAGES_PY = ROOT / "gfmd" / "text" / "messages.py"


def _read(path: Path) -> Catalog:
    with path.open("rb") as po:
        return read_po(po)


def _english() -> dict[str, tuple[str, ...]]:
    """id -> English (one message, or the one/other pair), as the extractor sees it."""
    with MESSAGES_PY.open("rb") as src:
        return {texts[0]: texts[1:] for _, _, texts, _ in extract_catalogue(src, (), (), {})}


def _forms(message: Message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_extractor_sees_every_english_message() -> None:
    english = _english()
    assert set(english) == {k for k in EN if k.rpartition(".")[0] not in PLURALS} | PLURALS
    assert all(english[key] == (EN[f"{key}.one"], EN[f"{key}.other"]) for key in PLURALS)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_is_translated_and_reviewed(lang: str) -> None:
    catalog = _read(po_path(lang))
    english = _english()
    missing, fuzzy, stale = [], [], []
    for key, texts in english.items():
        entry = catalog.get(texts[0] if len(texts) == 1 else texts, context=key)
        if entry is None or not all(_forms(entry)):
            missing.append(key)
        elif entry.fuzzy:
            fuzzy.append(key)
    stale = [m.context for m in catalog if m.id and m.context not in english]
    assert missing == [], f"{lang}: no translation (run `make messages`, then translate)"
    assert fuzzy == [], f"{lang}: English changed since translated: review, unmark fuzzy"
    assert stale == [], f"{lang}: not an English message any more (run `make messages`)"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_keep_the_english_placeholders(lang: str) -> None:
    """Singular: the same fields. A plural form may leave out the count ("one row", the
    Arabic dual), never add a field the English lacks."""
    wrong = []
    for entry in _read(po_path(lang)):
        if not entry.id:
            continue
        if isinstance(entry.id, tuple):
            allowed = _fields(entry.id[1])
            wrong += [entry.context for form in entry.string if not _fields(form) <= allowed]
            if _fields(entry.string[-1]) != allowed:  # the general form names them all
                wrong.append(entry.context)
        elif _fields(entry.string) != _fields(entry.id):
            wrong.append(entry.context)
    assert wrong == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_plural_forms_are_babels_cldr_forms(lang: str) -> None:
    catalog = _read(po_path(lang))
    assert catalog.plural_forms == get_plural(lang).plural_forms
    plural = [m for m in catalog if m.id and isinstance(m.id, tuple)]
    assert plural and all(len(m.string) == catalog.num_plurals for m in plural)


def test_arabic_uses_western_digits() -> None:
    eastern = re.compile("[\u0660-\u0669\u06f0-\u06f9]")
    assert [m.context for m in _read(po_path("ar")) if m.id
            and any(eastern.search(f) for f in _forms(m))] == []


def _make_messages(tmp_path: Path, messages_py: Path = MESSAGES_PY) -> Path:
    """`make messages` on copies of the catalogues (and of the English, to change it)."""
    locales = tmp_path / "locales"
    for lang in TRANSLATED:
        target = locales / po_path(lang).relative_to(po_path(lang).parents[2])
        target.parent.mkdir(parents=True)
        shutil.copy(po_path(lang), target)
    result = subprocess.run(
        ["make", "-s", "-C", str(ROOT), "-o", ".venv/.installed", "messages",
         f"LOCALES={locales}", f"POT={tmp_path / 'messages.pot'}",
         f"MESSAGES_PY={messages_py}"],
        capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    return locales


def _content(catalog: Catalog) -> list[tuple[object, ...]]:
    """What a translator and the app see of each entry; not line numbers or wrapping."""
    return [(m.context, m.id, m.string, sorted(m.flags), m.previous_id, m.auto_comments)
            for m in catalog]


def test_make_messages_on_a_clean_tree_changes_nothing(tmp_path: Path) -> None:
    locales = _make_messages(tmp_path)
    for lang in TRANSLATED:
        updated = locales / po_path(lang).relative_to(po_path(lang).parents[2])
        assert _content(_read(updated)) == _content(_read(po_path(lang))), lang


def test_a_changed_english_message_comes_back_fuzzy(tmp_path: Path) -> None:
    old, new = '"Clear filters"', '"Clear all filters"'
    source = MESSAGES_PY.read_text(encoding="utf-8")
    assert source.count(old) == 1
    changed = tmp_path / "gfmd" / "text" / "messages.py"
    changed.parent.mkdir(parents=True)
    changed.write_text(source.replace(old, new), encoding="utf-8")
    locales = _make_messages(tmp_path, changed)
    for lang in TRANSLATED:
        updated = locales / po_path(lang).relative_to(po_path(lang).parents[2])
        entry = _read(updated).get("Clear all filters", context="filters.reset")
        assert entry is not None and entry.fuzzy, lang
        # the previous English, for the editor to show what changed (Babel reads it back
        # as no previous_id, so it is checked in the file)
        assert '#| msgid "Clear filters"\nmsgctxt "filters.reset"' in updated.read_text("utf-8")
        assert entry.string == _read(po_path(lang)).get("Clear filters", "filters.reset").string

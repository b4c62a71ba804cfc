"""The French and Arabic translations as gettext catalogues, one per language in
`<lang>/LC_MESSAGES/messages.po`, so a translator works in any .po editor.

The English is the source (`gfmd.text.messages.EN`); `make messages` runs Babel's extract (with
`gfmd.text.locales.extract`) and update, which marks an entry fuzzy when its English changed.
A catalogue is compiled in memory when a language is first used, so the app never runs a
stale compiled file; fuzzy and empty entries are left out of it and read in English until a
translator reviews them (tests/test_translations.py fails on them first).
"""

from __future__ import annotations

import functools
import gettext
import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

DOMAIN = "messages"
LOCALES_DIR = Path(__file__).parent


def po_path(lang: str) -> Path:
    return LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of `lang`; English (the source) has none."""
    path = po_path(lang)
    if lang == "en" or not path.exists():
        return gettext.NullTranslations()
    with path.open("rb") as po:
        catalog = read_po(po, locale=lang)
    mo = io.BytesIO()
    write_mo(mo, catalog)
    mo.seek(0)
    return gettext.GNUTranslations(mo)

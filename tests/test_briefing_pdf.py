"""The short note fits one A4 page once LibreOffice lays it out (headless, Debian's
libreoffice-writer-nogui): what a minister's folder gets when the Word file is printed.

Skipped only where soffice is missing outside CI; in CI (`CI` set) a missing soffice fails,
since `make test` installs it."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from gfmd.briefing import BriefingRequest, compose, to_docx
from gfmd.record.dataset import Dataset
from gfmd.text.messages import use_language

SOFFICE = shutil.which("soffice")
HEADING = {"meeting": "GFMD thematic workshop on diaspora engagement and development finance",
           "meeting_date": dt.date(2026, 3, 10),
           "prepared_by": "Directorate of Migration Affairs, Ministry of Foreign Affairs",
           "classification": "For internal use", "version": "2acc65a186a3"}


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@pytest.fixture(scope="module")
def soffice() -> str:
    if SOFFICE is None:
        if os.environ.get("CI"):
            pytest.fail("soffice is missing: install libreoffice-writer-nogui (make test does)")
        pytest.skip("soffice is not installed (apt-get install libreoffice-writer-nogui)")
    return SOFFICE


THEMES = (("diaspora-development",), ("labour-mobility", "diaspora-development"),
          ("diaspora-development", "labour-mobility", "migration-governance"))


@pytest.mark.timeout(240)
def test_short_notes_fit_one_a4_page(soffice: str, dataset: Dataset, tmp_path: Path) -> None:
    """In every language, for one to three themes, with the heading block filled (walk
    review F36: two pages in English with two themes, in Arabic with one), all laid out in
    one LibreOffice run."""
    names = []
    for lang in ("en", "fr", "ar"):
        for themes in THEMES:
            with use_language(lang):
                b = compose(dataset, BriefingRequest(themes=themes, years=(2007, 2025),
                                                     short=True, **HEADING))
            name = f"{lang}-{len(themes)}"
            (tmp_path / f"{name}.docx").write_bytes(to_docx(b))
            names.append(name)
    profile = tmp_path / "profile"  # a fresh LibreOffice profile: no clash with a user's
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "pdf", "--outdir", str(tmp_path), *(str(tmp_path / f"{n}.docx") for n in names)],
        check=True, capture_output=True, timeout=230)
    pages = {n: _pages((tmp_path / f"{n}.pdf").read_bytes()) for n in names}
    assert pages == dict.fromkeys(names, 1)


@pytest.mark.timeout(180)
def test_full_note_converts_and_runs_longer(soffice: str, dataset: Dataset,
                                            tmp_path: Path) -> None:
    b = compose(dataset, BriefingRequest(themes=("diaspora-development",), **HEADING))
    (tmp_path / "full.docx").write_bytes(to_docx(b))
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "full.docx")],
        check=True, capture_output=True, timeout=170)
    assert _pages((tmp_path / "full.pdf").read_bytes()) > 1

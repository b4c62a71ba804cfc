"""A generated corpus of broken data directories, one per class of error and one with
several at once. For each: the command line exits 1 and names every bad file and no
other, with no traceback; and (for a representative few) the app shows the banner, serves
the valid years and raises nothing: each of those on the default page, one on every page.

Each corpus is built from a fresh copy of data/ (like the `data_copy` fixture), so the
expected files and years follow from the edit alone.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components import context
from components.pages import PAGES as REGISTRY
from gfmd.store.loader import DEFAULT_DATA_DIR
from gfmd.store.scope import load_scoped
from tests.apptest_helpers import run_page
from tests.cli_helpers import run_cli

PAGES = [spec.script for spec in REGISTRY]
Y2011 = "participation/MAR/2011.yaml"
Y2016 = "participation/MAR/2016.yaml"
Y2017 = "participation/MAR/2017.yaml"


def _replace(root: Path, rel: str, old: str, new: str) -> None:
    """Replace text in one file of the copy; fail loudly if the text is not there."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _write(root: Path, rel: str, text: str | bytes) -> None:
    path = root / rel
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


def _alias_bomb() -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Corpus:
    """One broken data directory: how to break it and which files must be named."""

    name: str
    breaks: Callable[[Path], None]
    bad_files: tuple[str, ...]  # relative to the data directory


def _several(root: Path) -> None:
    _replace(root, Y2011, "year: 2011", "year: 20x1")
    _replace(root, Y2016, "amount_usd: 50000", "amount_usd: -1")
    _replace(root, "reference/summits.yaml", "city: Berlin", "city: [Berlin")
    _replace(root, "country/MAR.yaml", "iso3: MAR\n", "iso3: MAR\nflag: red\n")
    _write(root, Y2017, "title: caf\xe9\n".encode("latin-1"))


CORPORA = [
    Corpus("unknown-field", lambda r: _replace(
        r, Y2011, '    rt_code: "3.2"\n', '    rt_code: "3.2"\n    rt_cod: "3.2"\n'), (Y2011,)),
    Corpus("wrong-type", lambda r: _replace(r, Y2011, "year: 2011", "year: twenty-eleven"),
           (Y2011,)),
    Corpus("unknown-role", lambda r: _replace(
        r, Y2011, "  - role: co-chair\n    rt_code", "  - role: chair\n    rt_code"), (Y2011,)),
    Corpus("unknown-theme", lambda r: _replace(
        r, Y2011, "themes: [diaspora-development]", "themes: [diaspora-developmnt]"), (Y2011,)),
    Corpus("unknown-source", lambda r: _replace(
        r, Y2011, "source: cmi-marseille-2011", "source: cmi-marseile"), (Y2011,)),
    Corpus("negative-amount", lambda r: _replace(
        r, Y2016, "amount_usd: 50000", "amount_usd: -50000"), (Y2016,)),
    Corpus("end-before-start", lambda r: _replace(
        r, Y2011, "end_date: 2011-06-15", "end_date: 2011-06-13"), (Y2011,)),
    Corpus("year-outside-summits", lambda r: _write(
        r, "participation/MAR/2013.yaml",
        (r / Y2011).read_text(encoding="utf-8").replace("year: 2011", "year: 2013")),
        ("participation/MAR/2013.yaml",)),
    Corpus("duplicate-country-year", lambda r: shutil.copy(
        r / Y2011, r / "participation/MAR/2011.yml"), ("participation/MAR/2011.yml",)),
    Corpus("duplicate-key", lambda r: _replace(
        r, Y2011, 'chairmanship: "2011"\n', 'chairmanship: "2011"\nchairmanship: "2012"\n'),
        (Y2011,)),
    Corpus("yaml-1.1-no", lambda r: _replace(r, Y2017, "in_profile: false", "in_profile: no"),
           (Y2017,)),
    Corpus("python-tag", lambda r: _write(
        r, Y2011, "!!python/object/apply:os.system ['touch /tmp/pwned']\n"), (Y2011,)),
    Corpus("alias-bomb", lambda r: _write(r, Y2011, _alias_bomb()), (Y2011,)),
    Corpus("oversize", lambda r: _write(r, Y2011, "# padding\n" * 60_000), (Y2011,)),
    Corpus("not-utf8", lambda r: _write(r, Y2011, "title: caf\xe9\n".encode("latin-1")),
           (Y2011,)),
    Corpus("unseen-character", lambda r: _replace(
        r, Y2011, "city: Marseille", 'city: "Mar\\u202eseille\\e[31m"'), (Y2011,)),
    Corpus("bad-reference-item", lambda r: _replace(
        r, "reference/venues.yaml", "latitude: 13.7563", "latitude: 113.7563"),
        ("reference/venues.yaml",)),
    Corpus("several-at-once", _several,
           (Y2011, Y2016, Y2017, "reference/summits.yaml", "country/MAR.yaml")),
]
BY_NAME = {c.name: c for c in CORPORA}
# The page sweep: a reference file, the country file and several participation files at
# once; a refused tag; bytes that are not text; a second file for a year. The banner is
# the frame's, one code path for every page: each corpus is shown on the default page,
# and the first on every page, which proves no page falls over on a broken record.
SWEEP = ["several-at-once", "python-tag", "not-utf8", "duplicate-country-year"]
DEFAULT_PAGE = next(spec.script for spec in REGISTRY if spec.default)
SWEEP_RUNS = [(name, DEFAULT_PAGE) for name in SWEEP] + [
    (SWEEP[0], page) for page in PAGES if page != DEFAULT_PAGE]


def _build(corpus: Corpus, tmp_path: Path) -> Path:
    root = tmp_path / "data"  # named like the original, so messages say data/…
    shutil.copytree(DEFAULT_DATA_DIR, root)
    corpus.breaks(root)
    return root


def _named_files(output: str) -> set[str]:
    """Files a validate report names: each problem line starts with `data/<path>`."""
    return {m.group(1) for m in re.finditer(r"^data/(\S+?\.ya?ml)\b", output, re.M)}


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda c: c.name)
def test_validate_exits_1_and_names_each_bad_file(corpus: Corpus, tmp_path: Path) -> None:
    """In-process (tests/cli_helpers.py; test_exports.py runs `python -m gfmd` itself):
    an exception would surface as the command's last-resort "error: …" line, never as
    these problem lines."""
    root = _build(corpus, tmp_path)
    done = run_cli("validate", "--data", root)
    assert done.returncode == 1, done.text + done.stderr
    assert "Traceback" not in done.text + done.stderr
    assert not done.stderr.startswith("error:"), done.stderr
    assert _named_files(done.text) == set(corpus.bad_files), done.text
    assert re.search(r"\d+ problems? in .*the valid records still load", done.stderr)


# Each rule data/README.md promises the validator enforces, and the corpus entry breaking it.
README_RULES = {
    "Only known fields": "unknown-field",
    "Only `true`/`false` are yes-no values": "yaml-1.1-no",
    "Roles, themes, kinds and sources must be from their lists": "unknown-role",
    "amounts cannot be\nnegative": "negative-amount",
    "an end date cannot come before its start": "end-before-start",
    "a year must be a summit year": "year-outside-summits",
    "one file per\n  country and year": "duplicate-country-year",
    "no duplicate keys": "duplicate-key",
    "files above 512 KiB are refused": "oversize",
    "no text holds a control character": "unseen-character",
}


def test_every_rule_the_data_guide_promises_has_a_corpus_entry() -> None:
    """If the guide promises a rule, a broken directory breaking it is in the corpus (and
    the tests below prove each entry is reported); several at once is covered too."""
    guide = (DEFAULT_DATA_DIR / "README.md").read_text(encoding="utf-8")
    rules = guide[guide.index("## Rules the validator enforces"):]
    rules = rules[:rules.index("\n## ", 1)]
    names = {c.name for c in CORPORA}
    assert [r for r in README_RULES if " ".join(r.split()) not in " ".join(rules.split())] == []
    assert set(README_RULES.values()) | {"unknown-theme", "unknown-source",
                                         "several-at-once"} <= names
    assert len(names) == len(CORPORA)


def _valid_years(root: Path) -> set[int]:
    return {y.year for y in load_scoped(root).years}


def _all_text(at: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "caption", "info", "error", "warning",
                                  "success", "code", "text", "title", "header", "subheader")
             for e in at.get(kind)]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize(("name", "page"), SWEEP_RUNS)
def test_the_app_shows_the_banner_and_the_valid_years(
        name: str, page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = BY_NAME[name]
    root = _build(corpus, tmp_path)
    expected_years = _valid_years(root)
    assert expected_years, "the corpus must leave some valid years"

    at = run_page(page, data_dir=root, monkeypatch=monkeypatch)  # asserts no exception

    banner = "\n".join(e.value for e in at.error)
    assert " data problem" in banner
    listing = "\n".join(c.value for c in at.code)
    for rel in corpus.bad_files:
        assert f"data/{rel}" in listing
    served = at.session_state[context._STATE_KEY].bundle.tables["participation"]["year"]
    assert set(served.astype(int)) == expected_years
    start, end = at.sidebar.slider[0].value
    assert (min(start, end), max(start, end)) == (min(expected_years), max(expected_years))
    assert "Traceback" not in _all_text(at)

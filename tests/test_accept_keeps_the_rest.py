"""An accept changes only what its proposal names. Every kind of proposal is planned against
every year file of the live record (its editors' comments, notes and translations are the
point here) and what it does not name must come out as it went in."""

from __future__ import annotations

import copy
import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from gfmd.changes import edit as record_edit
from gfmd.changes.types import Proposal, ProposalError
from gfmd.record.vocab import ProposalKind
from gfmd.store import yaml_write as yaml_edit
from gfmd.store.loader import DEFAULT_DATA_DIR, load_dataset
from tests.proposal_helpers import DRAFTS

YEAR_FILES = sorted((DEFAULT_DATA_DIR / "participation" / "MAR").glob("*.yaml"))
TEXT_FIELD = re.compile(r".*\.(title|text|evidence|city)$")


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(DEFAULT_DATA_DIR)


def _proposal(draft: dict[str, Any], year: int) -> Proposal:
    return Proposal(id="20260101-000000-abcdef", created=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
                    kind=draft["kind"], year=year, country="MAR", summary=draft["summary"],
                    change=draft["change"], source_url=draft["source_url"],
                    source_title=draft["source_title"])


def _drafts(year: int) -> list[dict[str, Any]]:
    """Each kind's draft for `year`; a correction of the year's first field of each kind of
    text (a title, a note's text, the evidence, a city)."""
    out = [copy.deepcopy(DRAFTS[k]) for k in ("meeting", "delegation", "role", "participation")]
    seen: set[str] = set()
    for field, _ in record_edit.correctable(DEFAULT_DATA_DIR, "MAR", year):
        kind = TEXT_FIELD.match(field)
        if kind and kind[1] not in seen:
            seen.add(kind[1])
            out.append({**copy.deepcopy(DRAFTS["correction"]),
                        "change": {"field": field, "value": "Corrected by the test"}})
    return out


def _comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.lstrip().startswith("#")]


def _notes(node: Any) -> list[dict[str, Any]]:
    """Every note (text, source, translations) anywhere in a year's data."""
    found = []
    if isinstance(node, dict):
        if "text" in node and "source" in node:
            found.append(node)
        for value in node.values():
            found += _notes(value)
    elif isinstance(node, list):
        for value in node:
            found += _notes(value)
    return found


def _kept(old: Any, new: Any) -> bool:
    """`new` holds all of `old`: the same maps with perhaps more keys, lists extended."""
    if isinstance(old, dict):
        return isinstance(new, dict) and all(k in new and _kept(v, new[k])
                                             for k, v in old.items())
    if isinstance(old, list):
        return isinstance(new, list) and len(new) >= len(old) and all(
            _kept(o, n) for o, n in zip(old, new, strict=False))
    return old == new


def _set(doc: Any, field: str, value: Any) -> None:
    parts: list[Any] = [int(p) if p.isdigit() else p for p in re.findall(r"[^.\[\]]+", field)]
    for part in parts[:-1]:
        doc = doc[part]
    doc[parts[-1]] = value


@pytest.mark.parametrize("path", YEAR_FILES, ids=lambda p: p.stem)
def test_what_a_proposal_does_not_name_is_unchanged(path: Path, dataset) -> None:
    year = int(path.stem)
    rel = f"participation/MAR/{path.name}"
    before_text = path.read_text("utf-8")
    before = yaml_edit.plain(yaml_edit.load(before_text))
    method = dataset.method.source if dataset.method else None
    planned = 0
    for draft in _drafts(year):
        try:
            edit = record_edit.plan(_proposal(draft, year), DEFAULT_DATA_DIR, dataset)
        except ProposalError:
            continue  # this kind does not apply to this year (said to the proposer)
        planned += 1
        after_text = edit.texts[rel]
        after = yaml_edit.plain(yaml_edit.load(after_text))
        what = (draft["kind"], draft["change"].get("field"))
        assert _comments(before_text) == _comments(after_text)[:len(_comments(before_text))], \
            what
        expected = copy.deepcopy(before)
        if draft["kind"] == ProposalKind.CORRECTION.value:
            _set(expected, draft["change"]["field"], "Corrected by the test")
        if draft["kind"] == ProposalKind.PARTICIPATION.value:
            # What the proposal replaces: the unknown year's status and the method note's
            # "no source found"; the rest of the notes stay, translations and all.
            for key in ("record_status", "source"):
                expected.pop(key)
            expected["notes"] = [n for n in expected.get("notes", []) if n["source"] != method]
            if not expected["notes"]:
                expected.pop("notes")
        assert _kept(expected, after), what
        assert all(n in _notes(after) for n in _notes(expected)), what
    assert planned >= 2, f"only {planned} kind(s) planned for {year}"

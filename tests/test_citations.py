"""Citations a reader can follow: no page, table, download or source line cites a file or
path of this project; every source is a public page with its address, general knowledge,
or the method note the Data page shows in full."""

from __future__ import annotations

import re

import pytest

from components.pages import PAGES
from gfmd.record.dataset import Dataset
from gfmd.tables import build as tables
from tests.apptest_helpers import run_page, texts

# What a citation of the project's own files would look like.
INTERNAL = re.compile(r"shared/|reference/|seeds?/|\.ya?ml\b|\.md\b|dashboard project",
                      re.IGNORECASE)


def test_every_source_is_public_general_knowledge_or_the_method_note(dataset: Dataset) -> None:
    for source in dataset.sources.values():
        assert not INTERNAL.search(f"{source.title} {source.publisher}"), source.id
        if source.kind in ("primary", "secondary") and source.url is None:
            assert "no public address found" in source.publisher, source.id
    inference = [s.id for s in dataset.sources.values() if s.kind == "inference"]
    assert inference == ["method-note"]
    assert dataset.method is not None and len(dataset.method.sections) >= 5


@pytest.mark.parametrize("page", [p.script for p in PAGES])
def test_no_page_cites_a_project_file(page: str) -> None:
    body = texts(run_page(page))
    lines = [line for line in body.splitlines() if line.startswith("Source:")]
    # The briefing's sources are the note's numbered list; each entry of What changed
    # names its own source (the bundled record has none yet); a proposal form shows none;
    # a proposal under review shows its own public source (tests/test_page_review.py).
    if not page.endswith(("briefing.py", "changes.py", "propose.py", "review.py")):
        assert lines, "every page has at least one source line"
    assert [line for line in lines if INTERNAL.search(line)] == []


@pytest.mark.parametrize("name", sorted(tables.TABLES))
def test_no_table_cites_a_project_file(dataset: Dataset, name: str) -> None:
    df = tables.TABLES[name].build(dataset)
    cells = [c for col in df.columns for c in df[col].dropna()]
    assert [c for c in cells if isinstance(c, str) and INTERNAL.search(c)] == []

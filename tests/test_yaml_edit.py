"""Editing keeps what editors wrote: every data and fixture file loads and dumps back
byte for byte, so an accepted change touches only the lines it means to."""

from __future__ import annotations

from pathlib import Path

import pytest

from gfmd.store import yaml_write as yaml_edit
from tests.conftest import FIXTURES, ROOT

FILES = sorted([*(ROOT / "data").rglob("*.yaml"), *(FIXTURES / "data").rglob("*.yaml")])


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_every_data_file_round_trips_unchanged(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert yaml_edit.dump(yaml_edit.load(text)) == text


def test_new_items_are_written_as_editors_write_them() -> None:
    doc = yaml_edit.load("# kept\nitems:\n  - {a: 1}\n")
    doc["items"].append(yaml_edit.commented({"code": "2.1", "themes": ["gender"], "x": None,
                                             "answer": "yes"}))
    assert yaml_edit.dump(doc) == ('# kept\nitems:\n  - {a: 1}\n  - code: "2.1"\n'
                                   "    themes: [gender]\n    x: null\n    answer: yes\n")

"""Shared fixtures: the bundled data, the small fixture record, and throwaway copies of
either to break on purpose."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from gfmd.record.dataset import Dataset
from gfmd.store.loader import DEFAULT_DATA_DIR
from gfmd.store.scope import DEFAULT_COUNTRY, load_scoped

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIXTURE_DATA = FIXTURES / "data"  # the small invented record the logic tests pin


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    """The bundled data, scoped to the dashboard's country, as the app reads it."""
    return load_scoped(DEFAULT_DATA_DIR, DEFAULT_COUNTRY)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled data directory, named `data` like the original."""
    target = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, target)
    return target


def editor(root: Path) -> Callable[[str, str, str], Path]:
    """Replace text in one file under `root`; fail loudly if the text is not there."""

    def _edit(rel: str, old: str, new: str) -> Path:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return path

    return _edit


@pytest.fixture
def edit(data_copy: Path) -> Callable[[str, str, str], Path]:
    """Replace text in one file of the data copy."""
    return editor(data_copy)


@pytest.fixture
def fixture_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixture record (tests/fixtures/data), named `data` like the
    bundled one: tests that break a record pin their lines and numbers to this, which
    a correction to the real record never moves."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, target)
    return target


@pytest.fixture
def fixture_edit(fixture_copy: Path) -> Callable[[str, str, str], Path]:
    """Replace text in one file of the fixture copy."""
    return editor(fixture_copy)

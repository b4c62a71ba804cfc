"""Shared fixtures: the bundled data, and throwaway copies of it to break on purpose."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from gfmd.dataset import Dataset
from gfmd.dataset_cache import CACHE_ENV
from gfmd.loader import DEFAULT_DATA_DIR
from gfmd.scope import DEFAULT_COUNTRY, load_scoped

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session", autouse=True)
def dataset_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The suite's own store of loaded datasets (gfmd.dataset_cache), used as the app
    uses it, by the app servers too: never the user's cache folder."""
    folder = tmp_path_factory.mktemp("dataset-store")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(CACHE_ENV, str(folder))
        yield folder


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


@pytest.fixture
def edit(data_copy: Path) -> Callable[[str, str, str], Path]:
    """Replace text in one file of the data copy; fail loudly if the text is not there."""

    def _edit(rel: str, old: str, new: str) -> Path:
        path = data_copy / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return path

    return _edit

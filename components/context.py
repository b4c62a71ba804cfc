"""What every page needs: the loaded data, its tables and the reader's filters.

`app.py` builds one `PageContext` per run (the frame); pages call `current()`. The dataset
is cached per data directory and refreshed when any data file changes on disk.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from gfmd.filters import Filters
from gfmd.loader import Dataset, load_dataset, resolve_data_dir
from gfmd.tables import TABLES
from gfmd.version import content_hash, data_date

_STATE_KEY = "_gfmd_page_context"
_FINGERPRINT_TTL_S = 2.0


@dataclass(frozen=True)
class DataBundle:
    """A loaded data directory and its tables; shared read-only across sessions."""

    dataset: Dataset
    tables: dict[str, pd.DataFrame]
    version: str
    date: dt.date | None


@dataclass(frozen=True)
class PageContext:
    bundle: DataBundle
    filters: Filters
    year_bounds: tuple[int, int]

    @property
    def dataset(self) -> Dataset:
        return self.bundle.dataset

    def table(self, name: str, kind: str | None = None) -> pd.DataFrame:
        """The named table with the shared filters applied: what a page shows."""
        return self.filters.apply(self.bundle.tables[name], kind=kind)


_fingerprints: dict[str, tuple[float, tuple]] = {}


def _fingerprint(root: Path) -> tuple:
    """Names, sizes and times of the data files, re-read at most every few seconds."""
    key = str(root)
    now = time.monotonic()
    cached = _fingerprints.get(key)
    if cached and now - cached[0] < _FINGERPRINT_TTL_S:
        return cached[1]
    entries = []
    for dirpath, _, filenames in os.walk(root):
        for name in filenames:
            try:
                st_ = os.stat(os.path.join(dirpath, name))
            except OSError:
                continue
            entries.append((dirpath, name, st_.st_size, st_.st_mtime_ns))
    value = tuple(sorted(entries))
    _fingerprints[key] = (now, value)
    return value


@st.cache_resource(show_spinner=False, max_entries=8)
def _load(root: str, fingerprint: tuple) -> DataBundle:
    ds = load_dataset(root)
    tables = {name: table.build(ds) for name, table in TABLES.items()}
    return DataBundle(ds, tables, content_hash(ds.files, ds.data_dir),
                      data_date(ds.files, ds.data_dir))


def bundle() -> DataBundle:
    """The current data, loaded once per change of the data directory."""
    root = resolve_data_dir()
    return _load(str(root), _fingerprint(root))


def year_bounds(data: DataBundle) -> tuple[int, int]:
    years = [y.year for y in data.dataset.years]
    if not years:
        this_year = dt.date.today().year
        return this_year, this_year
    return min(years), max(years)


def publish(ctx: PageContext) -> None:
    st.session_state[_STATE_KEY] = ctx


def current() -> PageContext:
    """The context the frame built for this run."""
    return st.session_state[_STATE_KEY]

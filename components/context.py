"""What every page needs: the loaded data, its tables and the reader's filters.

`app.py` builds one `PageContext` per run (the frame); pages call `current()`. The dataset
is cached per data directory and reloaded on the first run after any data file changes
on disk (every run looks: a stat per file). Anything a
page derives from the data (filtered tables, figures, display tables) is memoised per data
version and filter state with `PageContext.memo`, so a warm rerun only replays Streamlit
calls: hashing DataFrames for cache keys would cost more than most of the work it saves.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import pandas as pd
import streamlit as st

from gfmd.changes import changelog, history, proposals
from gfmd.record.dataset import Dataset
from gfmd.store.git import SHORT
from gfmd.store.loader import load_dataset, resolve_data_dir
from gfmd.store.scope import file_prefix, load_scoped, resolve_country, scoped
from gfmd.store.version import data_date, fingerprint
from gfmd.tables.build import build_all
from gfmd.tables.filters import Filters
from gfmd.text import formatting as fmt
from gfmd.text.messages import language, t

_STATE_KEY = "_gfmd_page_context"
_MEMO_ENTRIES = 2048

T = TypeVar("T")


@dataclass(frozen=True)
class DataBundle:
    """A loaded data directory and its tables; shared read-only across sessions."""

    dataset: Dataset
    tables: dict[str, pd.DataFrame]
    version: str
    date: dt.date | None
    _memo: OrderedDict = field(default_factory=OrderedDict, repr=False, compare=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def date_in_words(self) -> str:
        """The version's date as the page's language writes it ('3 دجنبر 2026'), not an
        ISO date (language review S6)."""
        return fmt.date(self.date) if self.date else t("common.unknown")

    def memo(self, key: Hashable, build: Callable[[], T]) -> T:
        """`build()` once per key for this data version; least recently used entries go."""
        with self._lock:
            if key in self._memo:
                self._memo.move_to_end(key)
                return self._memo[key]
        value = build()
        with self._lock:
            self._memo[key] = value
            while len(self._memo) > _MEMO_ENTRIES:
                self._memo.popitem(last=False)
        return value


@dataclass(frozen=True)
class Pin:
    """A link's `?v=`: the version asked for, and what the app could show for it."""

    requested: str
    found: bool  # False: no logged version is this one; the latest record is shown
    latest: str  # the version of the latest record
    replaced_at: dt.datetime | None = None  # when a newer record replaced the one shown


@dataclass(frozen=True)
class PageContext:
    bundle: DataBundle
    filters: Filters
    year_bounds: tuple[int, int]
    pin: Pin | None = None  # set when the link pins a data version (`?v=`)
    latest: DataBundle | None = None  # the latest record, when `bundle` is an older one

    @property
    def current_record(self) -> DataBundle:
        """The latest record, whatever version the reader is looking at: what a proposed
        change applies to."""
        return self.latest or self.bundle

    @property
    def dataset(self) -> Dataset:
        return self.bundle.dataset

    def memo(self, key: Hashable, build: Callable[[], T]) -> T:
        """Derive something from the data once per filter state (results are shared:
        never mutate them)."""
        return self.bundle.memo((self.filters, key), build)

    def file_name(self, view: str, ext: str) -> str:
        """What a download of `view` under the current filters is called, with the data
        version it was built from, e.g. morocco-gfmd-roundtables-2010-2016-co-chair-v1a2b….csv."""
        return fmt.file_name((*file_prefix(self.dataset), view, *self.filters.describe()), ext,
                             version=self.bundle.version)

    def table(self, name: str, kind: str | None = None) -> pd.DataFrame:
        """The named table with the shared filters applied: what a page shows."""
        return self.memo(("table", name, kind),
                         lambda: self.filters.apply(self.bundle.tables[name], kind=kind))


@st.cache_resource(show_spinner=False, max_entries=8)
def _load(root: str, country: str, lang: str, fingerprint: str) -> DataBundle:
    """One bundle per language: tables and memoised figures hold translated text."""
    ds = load_scoped(root, country)
    return DataBundle(ds, build_all(ds), history.current_version(Path(root), ds),
                      data_date(ds.files, ds.data_dir))


def bundle() -> DataBundle:
    """The current data, scoped to the dashboard's country, loaded once per change of
    the data directory (which, with a shared record, other hosts' accepts make too)."""
    root = resolve_data_dir()
    proposals.keep_in_step(root)
    return _load(str(root), resolve_country(), language(), _looked_at(root))


def _looked_at(root: Path) -> str:
    """What the files and the record's commits look like now: a stat of each."""
    return fingerprint(root, history.head_log(root))


@st.cache_resource(show_spinner=False, max_entries=32)
def _as_of(root: str, version: str, fingerprint: str) -> tuple[str | None, dt.datetime | None,
                                                             dt.datetime | None]:
    """The commit `version` names, when it became the record and when it was replaced;
    (None, None, None) for a version not in the record's history."""
    commit = history.commit_of(Path(root), version)
    if commit is None:
        return None, None, None
    log = changelog.entries(Path(root))
    made = next((e.date for e in log if e.commit == commit), None)
    return commit, made, changelog.replaced_at(log, commit[:SHORT])


@st.cache_resource(show_spinner=False, max_entries=8)
def _load_version(root: str, country: str, lang: str, commit: str) -> DataBundle:
    """An earlier version never changes: one bundle per commit and language, read
    straight from git."""
    ds = scoped(load_dataset(history.tree(Path(root), commit)), country)
    made = next((e.date for e in changelog.entries(Path(root)) if e.commit == commit), None)
    return DataBundle(ds, build_all(ds), commit[:SHORT], made.date() if made else None)


def pinned(latest: DataBundle, version: str) -> tuple[DataBundle, Pin]:
    """The record as it stood at `version`; the latest record when that cannot be shown."""
    root = resolve_data_dir()
    commit, _, replaced = _as_of(str(root), version, _looked_at(root))
    if commit is None:
        return latest, Pin(version, found=False, latest=latest.version)
    data = _load_version(str(root), resolve_country(), language(), commit)
    return data, Pin(version, found=True, latest=latest.version, replaced_at=replaced)


def year_bounds(data: DataBundle) -> tuple[int, int]:
    years = data.tables["participation"]["year"].tolist()
    if not years:
        this_year = dt.date.today().year
        return this_year, this_year
    return int(min(years)), int(max(years))


def publish(ctx: PageContext) -> None:
    st.session_state[_STATE_KEY] = ctx


def current() -> PageContext:
    """The context the frame built for this run."""
    return st.session_state[_STATE_KEY]

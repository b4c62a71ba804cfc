"""Versions of the record: a version is the commit that last changed the data.

The current version is the data's last commit (its first 12 hex digits); a data
directory with changes not committed yet, or outside git, is named by a hash of its
files instead, which no later link can find. An earlier version is read straight from
git's objects, for any commit in the history of the current one: never from a copy on
disk, and never from a proposal that no reviewer accepted.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from gfmd.record.dataset import Dataset
from gfmd.store.git import SHORT, GitError, Repo, TreePath
from gfmd.store.loader import load_dataset
from gfmd.store.version import content_hash

VERSION = re.compile(r"[0-9a-f]{7,40}")


def current_version(data_dir: Path, ds: Dataset | None = None) -> str:
    """The version the data directory holds now (`ds`: its load, when at hand)."""
    repo = Repo.of(data_dir)
    if repo is not None and not repo.edited():
        commit = repo.data_commit()
        if commit:
            return commit[:SHORT]
    ds = ds or load_dataset(data_dir)
    return content_hash(ds.files, ds.data_dir)


@functools.cache
def head_log(data_dir: Path) -> tuple[Path, ...]:
    """The file git appends to whenever the record's HEAD moves (a commit, a merge of
    another host's change), to be looked at with the data files; () outside git."""
    repo = Repo.of(data_dir)
    if repo is None:
        return ()
    return (Path(repo.git("rev-parse", "--absolute-git-dir")) / "logs" / "HEAD",)


def commit_of(data_dir: Path, version: str) -> str | None:
    """The commit a version names, if it is in the history of the current record."""
    repo = Repo.of(data_dir)
    if repo is None or not VERSION.fullmatch(version):
        return None
    commit = repo.commit_of(version)
    if commit is None:
        return None
    try:
        repo.git("merge-base", "--is-ancestor", commit, "HEAD")
    except GitError:
        return None  # a proposal's commit, or another branch's: not the record
    return repo.data_commit(commit)


def tree(data_dir: Path, commit: str) -> TreePath:
    """The data directory as `commit` holds it, for the loader."""
    repo = Repo.of(data_dir)
    if repo is None:
        raise FileNotFoundError(data_dir)
    return TreePath(repo.files_at(commit), label=Path(data_dir).name)

"""An earlier version (`?v=`) is read from git's objects only (security report F2.9).

The report planted a copy of the record where the app once kept rebuilt versions, the
system's temporary folder (`<tmp>/gfmd-versions/<key>-<version>/data`, or
GFMD_VERSIONS_DIR), and the Overview showed it as the cited version. Now a version is a
commit of the record's history and its files are blobs named by their content: this
plants the same copy and checks that the page shows the record as committed and that no
file under the planted folder is even opened.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

from gfmd.changes import history, proposals
from gfmd.store.loader import load_dataset
from tests.apptest_helpers import run_page, texts
from tests.proposal_helpers import init_record
from tests.review_helpers import draft

NAME, PLANTED = "Farida Loudaya", "PLANTED-BY-LOCAL-USER"
_OPENED: list[str] = []


def _audit(event: str, args: tuple) -> None:
    if event == "open" and isinstance(args[0], str | Path):
        _OPENED.append(str(args[0]))


sys.addaudithook(_audit)  # an audit hook cannot be removed: it only appends to a list


@pytest.fixture
def planted(data_copy: Path, tmp_path: Path,
            monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str, Path]:
    """The record in git with one change accepted since version `old`, and a doctored
    copy of `old` where the app once looked for it (the temporary folder is this test's)."""
    init_record(data_copy)
    old = history.current_version(data_copy)
    proposals.accept(proposals.submit(draft(), data_copy).id, "reviewer@ministry.example",
                     data_copy)
    assert history.current_version(data_copy) != old
    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_tmp))
    monkeypatch.setenv("TMPDIR", str(system_tmp))
    root = system_tmp / "gfmd-versions"
    monkeypatch.setenv("GFMD_VERSIONS_DIR", str(root))
    key = hashlib.sha256(str(data_copy.resolve()).encode()).hexdigest()[:10]
    for version in (old, history.commit_of(data_copy, old)):
        copy = root / f"{key}-{version}" / data_copy.name
        shutil.copytree(data_copy, copy, ignore=shutil.ignore_patterns(".git"))
        for path in copy.rglob("*.yaml"):
            path.write_text(path.read_text("utf-8").replace(NAME, PLANTED), "utf-8")
    return data_copy, old, root


def test_a_pinned_version_is_the_commit_not_a_planted_copy(
        planted: tuple[Path, str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    data, old, root = planted
    assert PLANTED in (next(root.iterdir()) / data.name / "participation/MAR/2025.yaml"
                       ).read_text("utf-8")
    _OPENED.clear()
    at = run_page(params={"v": old}, data_dir=data, monkeypatch=monkeypatch)
    shown = texts(at)
    assert f"data version {old}" in shown.replace("\\", "")  # the pinned notice
    assert NAME in shown and PLANTED not in shown
    assert not [p for p in _OPENED if p.startswith(str(root))]


def test_the_loader_reads_a_version_from_blobs_alone(planted: tuple[Path, str, Path]) -> None:
    data, old, root = planted
    _OPENED.clear()
    ds = load_dataset(history.tree(data, history.commit_of(data, old) or ""))
    assert not ds.problems and ds.years
    delegation = next(y.delegation for y in ds.years if y.year == 2025)
    assert delegation is not None and NAME in delegation.model_dump_json()
    assert not [p for p in _OPENED if p.startswith((str(root), str(data)))]

"""The store of loaded datasets: a match skips the files, any change reads them again."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from gfmd import dataset_cache
from gfmd.dataset import Dataset
from gfmd.dataset_cache import CACHE_ENV, load_cached
from gfmd.loader import DEFAULT_DATA_DIR, load_dataset
from tests.cli_helpers import run_cli


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty store of this test's own, and no dataset remembered in the process."""
    folder = tmp_path / "store"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    monkeypatch.setattr(dataset_cache, "_memory", {})
    return folder


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The data directories the store had to read file by file."""
    seen: list[Path] = []

    def counting(root: Path) -> Dataset:
        seen.append(root)
        return load_dataset(root)

    monkeypatch.setattr(dataset_cache, "load_dataset", counting)
    return seen


def new_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget the datasets this process remembers, as a new start would."""
    monkeypatch.setattr(dataset_cache, "_memory", {})


def test_a_second_start_takes_the_stored_dataset(
        store: Path, reads: list[Path], data_copy: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_cached(data_copy)
    new_process(monkeypatch)
    second = load_cached(data_copy)
    assert reads == [data_copy]
    assert second == first == load_dataset(data_copy)
    assert len(list(store.glob("*.pickle"))) == 1


def test_the_same_process_keeps_one_dataset_per_directory(
        store: Path, reads: list[Path], data_copy: Path) -> None:
    assert load_cached(data_copy) is load_cached(data_copy)
    assert reads == [data_copy]


def _edit_byte(data: Path) -> None:
    path = data / "participation" / "MAR" / "2018.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("year: 2018", "year: 2018 ", 1), encoding="utf-8")


def _edit_title(data: Path) -> None:
    path = data / "participation" / "MAR" / "2018.yaml"
    text = path.read_text(encoding="utf-8")
    assert "title: " in text
    path.write_text(text.replace("title: ", "title: Changed ", 1), encoding="utf-8")


def _add_file(data: Path) -> None:
    shutil.copy(data / "participation" / "MAR" / "2018.yaml",
                data / "participation" / "MAR" / "2030.yaml")


def _remove_file(data: Path) -> None:
    (data / "participation" / "MAR" / "2018.yaml").unlink()


def _rename_folder(data: Path) -> None:
    (data / "participation" / "MAR").rename(data / "participation" / "MAX")


def _break_file(data: Path) -> None:
    (data / "reference" / "venues.yaml").write_text("venues: [\n", encoding="utf-8")


# Each change, and whether it changes what loads (a trailing space does not, but the
# files are still read again: the key is the bytes, not a guess about them).
CHANGES: dict[str, tuple[Callable[[Path], None], bool]] = {
    "one byte": (_edit_byte, False), "a value": (_edit_title, True),
    "a new file": (_add_file, True), "a removed file": (_remove_file, True),
    "a renamed folder": (_rename_folder, True), "a broken file": (_break_file, True),
}


@pytest.mark.parametrize(("change", "differs"), CHANGES.values(), ids=CHANGES.keys())
def test_any_change_of_the_files_reads_them_again(
        store: Path, reads: list[Path], data_copy: Path, monkeypatch: pytest.MonkeyPatch,
        change: Callable[[Path], None], differs: bool) -> None:
    before = load_cached(data_copy)
    change(data_copy)
    new_process(monkeypatch)
    after = load_cached(data_copy)
    assert reads == [data_copy, data_copy]
    assert after == load_dataset(data_copy)
    assert (after != before) is differs


def test_a_change_within_the_same_process_is_seen(
        store: Path, reads: list[Path], data_copy: Path) -> None:
    load_cached(data_copy)
    _break_file(data_copy)
    problems = load_cached(data_copy).problems
    assert any("venues.yaml" in str(p) for p in problems)
    assert len(reads) == 2


def test_problems_come_back_from_the_store_as_they_were_found(
        store: Path, reads: list[Path], data_copy: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    _break_file(data_copy)
    found = load_cached(data_copy).problems
    new_process(monkeypatch)
    assert load_cached(data_copy).problems == found and found
    assert reads == [data_copy]


def test_a_code_change_reads_the_files_again(
        store: Path, reads: list[Path], data_copy: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    load_cached(data_copy)
    new_process(monkeypatch)
    monkeypatch.setattr(dataset_cache, "_code_key", lambda: b"another version of the loader")
    load_cached(data_copy)
    assert reads == [data_copy, data_copy]


def _torn(entry: Path) -> None:
    entry.write_bytes(entry.read_bytes()[:100])


def _not_a_pickle(entry: Path) -> None:
    entry.write_bytes(b"venues: []\n")


def _someone_else_may_write(entry: Path) -> None:
    entry.chmod(0o666)


def _folder_open_to_all(entry: Path) -> None:
    entry.parent.chmod(0o777)


BAD_STORES: dict[str, Callable[[Path], None]] = {
    "torn": _torn, "not a pickle": _not_a_pickle,
    "writable by others": _someone_else_may_write, "folder open to all": _folder_open_to_all,
}


@pytest.mark.parametrize("spoil", BAD_STORES.values(), ids=BAD_STORES.keys())
def test_a_store_it_cannot_trust_is_not_read(
        store: Path, reads: list[Path], data_copy: Path, monkeypatch: pytest.MonkeyPatch,
        spoil: Callable[[Path], None]) -> None:
    load_cached(data_copy)
    (entry,) = store.glob("*.pickle")
    spoil(entry)
    new_process(monkeypatch)
    assert load_cached(data_copy) == load_dataset(data_copy)
    assert reads == [data_copy, data_copy]


def test_a_store_that_cannot_be_written_only_costs_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reads: list[Path],
        data_copy: Path, caplog: pytest.LogCaptureFixture) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocked / "store"))
    new_process(monkeypatch)
    assert load_cached(data_copy) == load_dataset(data_copy)
    assert "could not store the dataset" in caplog.text


@pytest.mark.parametrize("value", ["off", "OFF", ""])
def test_the_store_can_be_turned_off(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data_copy: Path, value: str) -> None:
    monkeypatch.setenv(CACHE_ENV, value)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    new_process(monkeypatch)
    load_cached(data_copy)
    assert dataset_cache.cache_dir() is None
    assert not (tmp_path / "xdg").exists()


def test_without_a_setting_the_store_is_the_users_cache_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert dataset_cache.cache_dir() == tmp_path / "gfmd"


def test_the_store_keeps_its_size(
        store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dataset_cache, "MAX_ENTRIES", 2)
    folders = []
    for name in ("one", "two", "three"):
        folder = tmp_path / name
        shutil.copytree(DEFAULT_DATA_DIR, folder)
        folders.append(folder)
        load_cached(folder)
    kept = sorted(store.glob("*.pickle"))
    assert len(kept) == 2
    assert dataset_cache.entry_path(store, folders[0]) not in kept


def test_a_missing_directory_is_a_problem_not_an_entry(store: Path, tmp_path: Path) -> None:
    ds = load_cached(tmp_path / "nowhere")
    assert ds.problems and not store.exists()


def test_validate_stores_what_it_read_and_fresh_reads_again(
        store: Path, reads: list[Path], data_copy: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert run_cli("validate", "--data", data_copy).returncode == 0
    new_process(monkeypatch)
    assert run_cli("validate", "--data", data_copy).returncode == 0
    assert reads == [data_copy]
    new_process(monkeypatch)
    assert run_cli("validate", "--data", data_copy, "--fresh").returncode == 0
    assert reads == [data_copy, data_copy]


def test_the_store_is_private_to_its_user(store: Path, data_copy: Path) -> None:
    load_cached(data_copy)
    assert os.stat(store).st_mode & 0o077 == 0


def test_the_process_remembers_only_the_directories_read_last(
        store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every pinned version is a directory of its own: remembering all would grow."""
    monkeypatch.setattr(dataset_cache, "MAX_REMEMBERED", 2)
    folders = []
    for name in ("one", "two", "three"):
        folders.append(tmp_path / name)
        shutil.copytree(DEFAULT_DATA_DIR, folders[-1])
    load_cached(folders[0])
    load_cached(folders[1])
    load_cached(folders[0])  # read again: the most recent now
    load_cached(folders[2])
    assert list(dataset_cache._memory) == [str(folders[0]), str(folders[2])]

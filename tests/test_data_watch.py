"""The data-change check: pages get the latest look without waiting for one, and a change
is seen within the interval, or at once after `forget`."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from gfmd import data_watch
from gfmd.data_watch import DataWatch, fingerprint

FAST = 0.05  # the interval in these tests, in seconds


def _until(check: Callable[[], bool], timeout: float = 5.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.01)
    return False


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "participation" / "MAR").mkdir(parents=True)
    (tmp_path / "participation" / "MAR" / "2011.yaml").write_text("year: 2011\n")
    return tmp_path


@pytest.fixture
def looks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of the thread behind each look at the files."""
    seen: list[str] = []
    real = data_watch.fingerprint

    def counted(root: Path) -> str:
        seen.append(threading.current_thread().name)
        return real(root)

    monkeypatch.setattr(data_watch, "fingerprint", counted)
    return seen


@pytest.mark.parametrize(("change", "changed"), [
    (lambda p: (p / "participation/MAR/2011.yaml").write_text("year: 2011  # edited\n"), True),
    (lambda p: (p / "participation/MAR/2012.yaml").write_text("year: 2012\n"), True),
    (lambda p: (p / "participation/MAR/2011.yaml").unlink(), True),
    (lambda p: None, False),
])
def test_the_fingerprint_follows_names_sizes_and_times(
        folder: Path, change: Callable[[Path], object], changed: bool) -> None:
    before = fingerprint(folder)
    change(folder)
    assert (fingerprint(folder) != before) is changed


def test_a_change_is_seen_within_the_interval_and_no_page_waits_for_it(
        folder: Path, looks: list[str]) -> None:
    watch = DataWatch(interval_s=FAST)
    first = watch.current(folder)
    (folder / "participation/MAR/2011.yaml").write_text("year: 2011  # edited\n")
    assert _until(lambda: watch.current(folder) != first)
    assert watch.current(folder) == fingerprint(folder)
    assert looks[0] == threading.current_thread().name
    assert set(looks[1:]) == {"gfmd-data-watch"}, "a page waited for a look after its first"


def test_forget_looks_again_at_once(folder: Path) -> None:
    watch = DataWatch(interval_s=3600)
    first = watch.current(folder)
    (folder / "participation/MAR/2011.yaml").write_text("year: 2011  # edited\n")
    assert watch.current(folder) == first  # the thread has not looked yet
    watch.forget(folder)
    assert watch.current(folder) == fingerprint(folder) != first


def test_a_look_begun_before_forget_does_not_bring_the_old_files_back(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = data_watch.fingerprint
    first_look, release, second_look, end = (threading.Event() for _ in range(4))

    def held_in_the_thread(root: Path) -> str:
        value = real(root)
        if threading.current_thread().name == "gfmd-data-watch":
            if not first_look.is_set():
                first_look.set()  # it has read the files as they were
                release.wait(5)
            else:
                second_look.set()  # the first look's answer has been dealt with
                end.wait(5)
        return value

    monkeypatch.setattr(data_watch, "fingerprint", held_in_the_thread)
    watch = DataWatch(interval_s=FAST)
    old = watch.current(folder)
    assert first_look.wait(5)
    (folder / "participation/MAR/2011.yaml").write_text("year: 2011  # accepted change\n")
    watch.forget(folder)
    new = watch.current(folder)
    release.set()
    try:
        assert second_look.wait(5)
        assert new != old
        assert watch.current(folder) == new
    finally:
        end.set()


def test_a_directory_nobody_asks_about_is_let_go_and_the_thread_ends(folder: Path) -> None:
    watch = DataWatch(interval_s=FAST, idle_s=FAST)
    watch.current(folder)
    thread = watch._thread
    assert thread is not None and thread.is_alive()
    thread.join(5)
    assert not thread.is_alive()
    assert watch.current(folder) == fingerprint(folder)  # asked again: looked at again

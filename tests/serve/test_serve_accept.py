"""Two reviewers accepting at once, each in its own process, while two app workers behind
nginx serve the shared data directory: both changes land, the log is one chain, and each
worker shows the new record (the overview's new-money total and the latest delegation's
size)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from gfmd.changes import proposals
from gfmd.changes.changelog import entries
from gfmd.changes.history import current_version
from gfmd.store.loader import DEFAULT_DATA_DIR
from serving import supervise
from serving.supervise import Served
from tests.proposal_helpers import init_record
from tests.serve.test_serve import (
    NEW_TOTAL,
    OLD_TOTAL,
    ROOT,
    in_thread,
    overview_text,
)

pytestmark = pytest.mark.serve
SOURCE = {"source_url": "https://news.example.org/upkeep-serve",
          "source_title": "Upkeep serve test"}
MEMBER = "Upkeep Serve Test Member"
ACCEPT = ("import sys; from pathlib import Path; from gfmd.changes import proposals; "
          "proposals.accept(sys.argv[1], sys.argv[2], Path(sys.argv[3])); print('accepted')")


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Served, Path]]:
    root = tmp_path_factory.mktemp("accept")
    data = root / "data"
    shutil.copytree(DEFAULT_DATA_DIR, data)
    init_record(data)
    srv = supervise.start(2, root / "serve", env={"GFMD_DATA_DIR": str(data)})
    yield srv, data
    srv.stop()


def test_accepts_at_once_reach_both_workers(shared: tuple[Served, Path]) -> None:
    serve, data = shared
    for route in ("w0", "w1"):
        assert OLD_TOTAL.encode() in in_thread(overview_text(serve.port, route))[1]
    ids = [
        proposals.submit({"kind": "correction", "year": 2016, "summary": "Test amount",
                          "change": {"field": "contributions.items[0].amount_usd",
                                     "value": "60000"}, **SOURCE}, data).id,
        proposals.submit({"kind": "delegation", "year": 2025, "summary": "Test member",
                          "change": {"members": [{"name": MEMBER}]}, **SOURCE}, data).id,
    ]
    racing = [subprocess.Popen([sys.executable, "-c", ACCEPT, pid, f"rev{i}", str(data)],
                               cwd=ROOT, stdout=subprocess.PIPE, text=True)
              for i, pid in enumerate(ids)]
    assert [p.communicate(timeout=120)[0].strip() for p in racing] == ["accepted"] * 2
    log = entries(data)[1:]  # after the record's first commit
    assert [e.number for e in log] == [2, 3]
    assert log[0].version_after == log[1].version_before
    assert log[1].version_after == current_version(data)
    for route in ("w0", "w1"):
        deadline = time.monotonic() + 30  # each page run looks at the files
        while True:
            served, seen = in_thread(overview_text(serve.port, route))
            assert served == route
            # The new total, and the 2025 delegation's two members and the one added.
            if NEW_TOTAL.encode() in seen and b"with three other members named" in seen:
                assert OLD_TOTAL.encode() not in seen
                break
            assert time.monotonic() < deadline, f"{route} still shows the old record"
            time.sleep(0.5)

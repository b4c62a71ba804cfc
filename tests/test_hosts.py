"""Many hosts, one record: two hosts' clones of a bare repository, each accepting and
keeping in step as its app process does (`gfmd.changes.sync`). An accept on one reaches
the other; accepts at once on both both land; a proposal decided on both keeps the first
decision; with the remote stopped nothing is lost, and it is sent when it is back. And an
upgrade of the app on a host that has accepted changes keeps them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gfmd.changes import proposals, sync
from gfmd.changes.changelog import entries
from gfmd.changes.history import current_version
from gfmd.changes.proposals import ProposalError
from gfmd.record.vocab import ProposalStatus
from gfmd.store.git import Repo
from gfmd.store.loader import load_dataset
from tests.conftest import ROOT
from tests.proposal_helpers import DRAFTS, git, make_record


class Host:
    """One app host: its clone of the shared record."""

    def __init__(self, top: Path) -> None:
        self.top = top
        self.data = top / "data"

    def step(self) -> sync.Outcome:
        """What the host's background look does every few seconds."""
        repo = Repo.of(self.data)
        assert repo is not None
        with sync.exclusive(repo):
            return sync.integrate(repo, proposals._replay)

    def titles(self, year: int) -> list[str]:
        ds = load_dataset(self.data)
        return [m.title for y in ds.years if (y.country_iso3, y.year) == ("MAR", year)
                for m in y.thematic_meetings]


@pytest.fixture
def remote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shared record: a bare repository holding the fixture record."""
    seed = make_record(tmp_path / "seed")
    bare = tmp_path / "shared.git"
    git(tmp_path, "clone", "--quiet", "--bare", str(seed.top), str(bare))
    monkeypatch.setenv(sync.REMOTE_ENV, str(bare))
    return bare


@pytest.fixture
def hosts(tmp_path: Path, remote: Path) -> tuple[Host, Host]:
    made = []
    for name in ("a", "b"):
        git(tmp_path, "clone", "--quiet", str(remote), str(tmp_path / name))
        made.append(Host(tmp_path / name))
    return made[0], made[1]


def _meeting(title: str, year: int = 2010) -> dict:
    draft = {**DRAFTS["meeting"], "year": year, "summary": f"Morocco took part in {title}"}
    return {**draft, "change": {**draft["change"], "title": title}}


def test_an_accept_on_one_host_reaches_the_other(hosts: tuple[Host, Host]) -> None:
    a, b = hosts
    proposal = proposals.submit(_meeting("Workshop from host A"), a.data)
    b.step()
    assert [p.id for p in proposals.pending(b.data)] == [proposal.id]  # seen on B
    entry, shared = proposals.accept(proposal.id, "rev-a@example.org", a.data)
    assert shared
    b.step()
    assert "Workshop from host A" in b.titles(2010)
    assert current_version(b.data) == current_version(a.data) == entry.version_after
    assert proposals.get(b.data, proposal.id).status is ProposalStatus.ACCEPTED


def test_accepts_at_once_on_both_hosts_both_land(hosts: tuple[Host, Host], remote: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = hosts
    first = proposals.submit(_meeting("Workshop one"), a.data)
    second = proposals.submit(_meeting("Workshop two"), b.data)
    a.step()
    b.step()
    proposals.accept(first.id, "rev-a@example.org", a.data)
    # B accepts at the same moment, on the record before A's accept: both append to the
    # same year file, so git cannot put one on the other by itself.
    monkeypatch.setenv(sync.REMOTE_ENV, str(remote.with_name("not-yet.git")))
    proposals.accept(second.id, "rev-b@example.org", b.data)
    assert b.titles(2010)[-1] == "Workshop two" and "Workshop one" not in b.titles(2010)
    monkeypatch.setenv(sync.REMOTE_ENV, str(remote))
    outcome = b.step()  # B's push would be refused: its accept is planned again on A's
    assert outcome.sent and outcome.dropped == {}
    a.step()
    for host in (a, b):
        assert host.titles(2010)[-2:] == ["Workshop one", "Workshop two"], host.titles(2010)
        accepted = [e.proposal_id for e in entries(host.data) if not e.hand_edit]
        assert accepted == [first.id, second.id]
        assert proposals.get(host.data, second.id).status is ProposalStatus.ACCEPTED
    assert current_version(a.data) == current_version(b.data)
    # Reviewed by B, proposed by the public: the replayed commit keeps who did what.
    assert git(b.top, "log", "-1", "--format=%an|%ce") == "Public proposal|rev-b@example.org"


def test_an_accept_that_no_longer_applies_goes_back_to_the_queue(
        hosts: tuple[Host, Host], remote: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = hosts
    field = {"field": "roundtable_roles[0].title"}
    first = proposals.submit({**DRAFTS["correction"], "change": {**field, "value": "One"}},
                             a.data)
    second = proposals.submit({**DRAFTS["correction"], "change": {**field, "value": "Two"}},
                              b.data)
    a.step()
    b.step()
    proposals.accept(first.id, "rev-a@example.org", a.data)
    monkeypatch.setenv(sync.REMOTE_ENV, str(remote.with_name("not-yet.git")))
    proposals.accept(second.id, "rev-b@example.org", b.data)
    monkeypatch.setenv(sync.REMOTE_ENV, str(remote))
    outcome = b.step()
    assert list(outcome.dropped) == [second.id] and "no longer" in outcome.dropped[second.id]
    assert proposals.get(b.data, second.id).status is ProposalStatus.PENDING  # back in line
    ds = load_dataset(b.data)
    roles = next(y for y in ds.years if (y.country_iso3, y.year) == ("MAR", 2010))
    assert roles.roundtable_roles[0].title == "One"


def test_a_proposal_decided_on_both_hosts_keeps_the_first_decision(
        hosts: tuple[Host, Host], remote: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = hosts
    proposal = proposals.submit(_meeting("Workshop decided twice"), a.data)
    b.step()
    proposals.reject(proposal.id, "rev-a@example.org", "Not Morocco's", a.data)
    with pytest.raises(ProposalError, match=r"rejected already|decided meanwhile"):
        proposals.accept(proposal.id, "rev-b@example.org", b.data)
    assert "Workshop decided twice" not in b.titles(2010)
    assert proposals.get(b.data, proposal.id).reason == "Not Morocco's"


def test_with_the_remote_stopped_nothing_is_lost(hosts: tuple[Host, Host],
                                                 remote: Path) -> None:
    a, b = hosts
    proposal = proposals.submit(_meeting("Workshop while down"), a.data)
    b.step()
    stopped = remote.with_name("shared-stopped.git")
    remote.rename(stopped)  # the remote is down
    _, shared = proposals.accept(proposal.id, "rev-a@example.org", a.data)
    assert not shared  # kept here, said to the reviewer
    assert "Workshop while down" in a.titles(2010)
    assert not b.step().reached
    assert "Workshop while down" not in b.titles(2010)
    stopped.rename(remote)  # back
    assert a.step().sent
    b.step()
    assert "Workshop while down" in b.titles(2010)
    assert [e.proposal_id for e in entries(b.data) if not e.hand_edit] == [proposal.id]
    assert proposals.get(b.data, proposal.id).status is ProposalStatus.ACCEPTED


def test_a_hand_edit_on_one_host_reaches_the_other(hosts: tuple[Host, Host]) -> None:
    a, b = hosts
    path = a.data / "participation/MAR/2011.yaml"
    path.write_text(path.read_text() + "# Checked again.\n", "utf-8")
    git(a.top, "commit", "--quiet", "-am", "2011: checked again")
    a.step()
    b.step()
    assert (b.data / "participation/MAR/2011.yaml").read_text().endswith("# Checked again.\n")
    assert entries(b.data)[-1].hand_edit and entries(b.data)[-1].summary == \
        "2011: checked again"


def test_an_app_upgrade_keeps_the_accepted_changes(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """README, Upgrading: a host whose record is the app's own data/ takes a new release
    with `git pull`; its accepted changes are commits, and git merges them with it."""
    monkeypatch.delenv(sync.REMOTE_ENV, raising=False)
    release = tmp_path / "release.git"
    subprocess.run(["git", "clone", "--quiet", "--bare", "--no-local", str(ROOT), str(release)],
                   check=True)
    host = tmp_path / "host"
    git(tmp_path, "clone", "--quiet", str(release), str(host))
    # An accept on the host, on the bundled record.
    draft = {**_meeting("Workshop kept across the upgrade", 2018),
             "change": {"role": "participated", "title": "Workshop kept across the upgrade",
                        "start_date": "2018-04-18", "city": "Rabat", "country": "Morocco",
                        "themes": ["labour-mobility"]}}
    proposal = proposals.submit(draft, host / "data")
    proposals.accept(proposal.id, "reviewer@example.org", host / "data")
    # Meanwhile, a new release of the app.
    dev = tmp_path / "dev"
    git(tmp_path, "clone", "--quiet", str(release), str(dev))
    (dev / "NEW_IN_RELEASE.txt").write_text("a new release\n")
    git(dev, "add", "NEW_IN_RELEASE.txt")
    git(dev, "commit", "--quiet", "-m", "A new release")
    git(dev, "push", "--quiet", "origin", "HEAD")
    # The upgrade, as the README says.
    git(host, "pull", "--quiet", "--no-rebase", "--no-edit")
    assert (host / "NEW_IN_RELEASE.txt").is_file()
    titles = [m.title for y in load_dataset(host / "data").years for m in y.thematic_meetings]
    assert "Workshop kept across the upgrade" in titles
    assert git(host, "status", "--porcelain") == ""
    assert [e.proposal_id for e in entries(host / "data")][-1] == proposal.id


def test_two_app_processes_on_two_hosts_show_each_others_accepts(
        hosts: tuple[Host, Host], remote: Path, tmp_path: Path) -> None:
    """The background look of a real app process: host B's app, started with the remote
    set, takes host A's accept without anyone touching B."""
    a, b = hosts
    code = ("import sys, time; from pathlib import Path; from gfmd.changes import proposals; "
            "proposals.keep_in_step(Path(sys.argv[1]), ); time.sleep(float(sys.argv[2]))")
    proposal = proposals.submit(_meeting("Workshop for the other process"), a.data)
    proposals.accept(proposal.id, "rev-a@example.org", a.data)
    looking = subprocess.Popen([sys.executable, "-c", code, str(b.data), "6"], cwd=ROOT)
    try:
        looking.wait(timeout=60)
    finally:
        looking.kill()
    assert "Workshop for the other process" in b.titles(2010)
    shutil.rmtree(tmp_path / "a")

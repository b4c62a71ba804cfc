"""Many hosts, one record: each host's repository kept in step with a shared remote.

`GFMD_RECORD_REMOTE` names the repository that holds the shared record (a bare
repository's path or a URL the app's user can fetch from and push to); without it a host
is on its own. `integrate` is one step, run after every accept and every few seconds by
each app process (`keep_in_step`): fetch the remote's branch and proposals, take what
others did, replay what this host did and has not sent yet, and push it.

Nothing is lost. A change accepted here while another host's accept landed first is
planned again on top of the record as it now is and committed again; one that no longer
applies goes back to the queue with a notice. A hand edit that no longer applies stays on
a branch of its own (`gfmd/unapplied/<commit>`) for its editor. A proposal that another
host decided first keeps that decision, and this host's accept of it is dropped. While
the remote cannot be reached, commits wait here and are sent at the next step that
reaches it.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from gfmd.store.atomic import locked
from gfmd.store.git import GitError, Repo

REMOTE_ENV = "GFMD_RECORD_REMOTE"
REMOTE = "record"
PROPOSALS = "refs/gfmd/proposals/"
SHARED = "refs/gfmd/shared/"  # the remote's proposals, as last fetched
# Why a decision is dropped when another host decided first: a message id, rendered in
# the reader's language where the decision was asked for (this may run in a thread).
DECIDED_ELSEWHERE = "proposal.refused.decided_elsewhere"
INTERVAL_S = 2.0
ATTEMPTS = 5
log = logging.getLogger(__name__)

# Replays an accepted proposal's commit on the record as it now is: (repository, the
# commit) -> the new commit, or a reason it no longer applies. Set by gfmd.changes.proposals.
Replay = Callable[[Repo, str], "str | ReplayRefused"]


@dataclass(frozen=True)
class ReplayRefused:
    proposal_id: str
    reason: str


@dataclass
class Outcome:
    """What a step did: whether the remote was reached and everything sent, and what was
    dropped (proposal id -> why; DECIDED_ELSEWHERE is a message id, rendered by the caller)."""

    reached: bool = True
    sent: bool = True
    dropped: dict[str, str] = field(default_factory=dict)


def remote(repo: Repo) -> str | None:
    """The remote's name, set up from `GFMD_RECORD_REMOTE`; None without one."""
    url = os.environ.get(REMOTE_ENV, "").strip()
    if not url:
        return None
    current = repo.git("config", "--get", f"remote.{REMOTE}.url") if _has_remote(repo) else None
    if current is None:
        repo.git("remote", "add", REMOTE, url)
    elif current != url:
        repo.git("remote", "set-url", REMOTE, url)
    return REMOTE


def _has_remote(repo: Repo) -> bool:
    return REMOTE in repo.git("remote").split()


def branch(repo: Repo) -> str:
    return repo.git("symbolic-ref", "--short", "HEAD")


@contextmanager
def exclusive(repo: Repo) -> Iterator[None]:
    """One writer of the record at a time on this host, across processes."""
    git_dir = Path(repo.git("rev-parse", "--absolute-git-dir"))
    with locked(git_dir / "gfmd-record.lock"):
        yield


def _tracking(repo: Repo) -> str:
    return f"refs/remotes/{REMOTE}/{branch(repo)}"


def _fetch(repo: Repo) -> bool:
    """The remote's branch and proposals; False when it cannot be reached."""
    try:
        repo.git("fetch", "--quiet", "--no-tags", REMOTE,
                 f"+refs/heads/{branch(repo)}:{_tracking(repo)}", f"+{PROPOSALS}*:{SHARED}*")
        return True
    except GitError as exc:
        log.warning("the shared record cannot be reached: %s", exc.stderr.strip()[:300])
        return False


def _refs(repo: Repo, prefix: str) -> dict[str, str]:
    out = repo.git("for-each-ref", "--format=%(refname) %(objectname)", prefix)
    return {ref[len(prefix):]: sha for ref, _, sha in (line.partition(" ") for line in
                                                          out.splitlines())}


def _ancestor(repo: Repo, older: str, newer: str) -> bool:
    try:
        repo.git("merge-base", "--is-ancestor", older, newer)
        return True
    except GitError:
        return False


def _proposal_of(repo: Repo, commit: str) -> str | None:
    out = repo.git("log", "-1", "--format=%(trailers:key=Proposal,valueonly)", commit)
    return out.strip() or None


def _take_proposals(repo: Repo) -> set[str]:
    """Bring the remote's proposals in; the ids that another host decided while this host
    decided them too (the remote's decision stands)."""
    lost = set()
    local = _refs(repo, PROPOSALS)
    for pid, theirs in _refs(repo, SHARED).items():
        ours = local.get(pid)
        if ours == theirs or (ours and _ancestor(repo, theirs, ours)):
            continue  # the same, or ours is ahead: sent at the push
        if ours and not _ancestor(repo, ours, theirs):
            lost.add(pid)  # both decided: the one that reached the record first stands
        repo.git("update-ref", PROPOSALS + pid, theirs)
    return lost


def _replay(repo: Repo, ahead: list[str], base: str, lost: set[str], replay: Replay,
            outcome: Outcome) -> None:
    """Put this host's unsent commits on top of `base`, one by one."""
    stash = bool(repo.git("status", "--porcelain", "--untracked-files=no"))
    if stash:
        repo.git("stash", "push", "--quiet", "--message", "gfmd: before replaying")
    repo.git("reset", "--quiet", "--hard", base)
    for commit in ahead:
        pid = _proposal_of(repo, commit)
        if pid and pid in lost:
            outcome.dropped[pid] = DECIDED_ELSEWHERE
            continue
        if pid:
            result = replay(repo, commit)
            if isinstance(result, ReplayRefused):
                outcome.dropped[pid] = result.reason
            continue
        try:
            repo.git("cherry-pick", "--allow-empty", "--keep-redundant-commits", commit)
        except GitError:
            repo.git("cherry-pick", "--abort")
            repo.git("branch", "--force", f"gfmd/unapplied/{commit[:12]}", commit)
            log.warning("a hand edit (%s) no longer applies to the shared record; it is kept "
                        "on the branch gfmd/unapplied/%s", commit[:12], commit[:12])
    if stash:
        try:
            repo.git("stash", "pop", "--quiet")
        except GitError:
            log.warning("uncommitted edits no longer apply to the shared record; they are "
                        "kept in `git stash list`")


def integrate(repo: Repo, replay: Replay) -> Outcome:
    """One step in step with the remote (see the module's docstring); nothing to do
    without a remote."""
    outcome = Outcome()
    if remote(repo) is None:
        return outcome
    for _ in range(ATTEMPTS):
        if not _fetch(repo):
            outcome.reached = outcome.sent = False
            return outcome
        lost = _take_proposals(repo)
        tracking = repo.commit_of(_tracking(repo))
        head = repo.commit_of("HEAD")
        if tracking and head != tracking:
            if _ancestor(repo, head, tracking):
                repo.git("merge", "--quiet", "--ff-only", "--autostash", tracking)
            elif not _ancestor(repo, tracking, head):
                ahead = repo.git("rev-list", "--reverse", f"{tracking}..HEAD").split()
                _replay(repo, ahead, tracking, lost, replay, outcome)
        if _push(repo):
            return outcome
    outcome.sent = False
    return outcome


def _push(repo: Repo) -> bool:
    """Send the branch and every proposal ref ahead of the remote's, all or nothing."""
    shared = _refs(repo, SHARED)
    refs = [f"{PROPOSALS}{pid}:{PROPOSALS}{pid}" for pid, sha in _refs(repo, PROPOSALS).items()
            if shared.get(pid) != sha]
    if not refs and repo.commit_of("HEAD") == repo.commit_of(_tracking(repo)):
        return True  # nothing to send
    try:
        repo.git("push", "--quiet", "--atomic", "--porcelain", REMOTE,
                 f"HEAD:refs/heads/{branch(repo)}", *refs)
    except GitError as exc:
        log.info("the shared record moved on; trying again: %s", exc.stderr.strip()[:200])
        return False
    repo.git("fetch", "--quiet", "--no-tags", REMOTE, f"+{PROPOSALS}*:{SHARED}*",
             f"+refs/heads/{branch(repo)}:{_tracking(repo)}")
    return True


def send_proposal(repo: Repo, proposal_id: str) -> None:
    """Offer a new proposal to the remote at once (the next step sends it otherwise)."""
    if remote(repo) is None:
        return
    ref = f"{PROPOSALS}{proposal_id}"
    try:
        repo.git("push", "--quiet", REMOTE, f"{ref}:{ref}")
    except GitError as exc:
        log.warning("proposal %s kept here until the shared record can be reached: %s",
                    proposal_id, exc.stderr.strip()[:200])


_watched: dict[str, threading.Thread] = {}
_watch_lock = threading.Lock()


def keep_in_step(data_dir: Path, replay: Replay, interval_s: float = INTERVAL_S) -> None:
    """Start, once per process and data directory, a thread that runs `integrate` every
    `interval_s` seconds, so this host sees what others accept within a few seconds and
    sends what it kept while the remote was down. Cheap to call on every page run."""
    key = str(data_dir)
    if not os.environ.get(REMOTE_ENV) or (key in _watched and _watched[key].is_alive()):
        return
    with _watch_lock:
        if key in _watched and _watched[key].is_alive():
            return
        repo = Repo.of(data_dir)
        if repo is None:
            return

        def run() -> None:
            while True:
                try:
                    with exclusive(repo):
                        integrate(repo, replay)
                except (GitError, OSError) as exc:
                    log.warning("keeping the record in step failed: %s", exc)
                time.sleep(interval_s)

        thread = threading.Thread(target=run, name="gfmd-record-sync", daemon=True)
        _watched[key] = thread
        thread.start()

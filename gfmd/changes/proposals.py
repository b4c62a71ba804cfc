"""Proposed changes to the record: submit, list, show as a diff, accept or reject.

Anyone may propose a change with its public source; it is checked with the loader's own
models and kept in the record's repository, where every host sees it, as a ref of its own
(`refs/gfmd/proposals/<id>`): a commit whose parent is the record it was planned on and
whose tree is that record with the change made, so `git diff <id>^ <id>` is the change.
Its message holds the proposal. A decision is a commit on top (the proposal, decided),
written only if the ref has not moved since it was read: a decision is taken once.

Accepting commits the change to the record's branch (author: the proposer, committer:
the reviewer, the summary and trailers from `changelog.message`), re-planned against the
record as it is now; `sync` sends it to the shared record and takes others' changes. Who
may review is decided by the app's sign-in; this module trusts the `reviewer` it is given.

The queue is bounded (F2.4): a proposal over a list or byte cap is refused before anything
else is done with it, and so is one beyond the pending caps, overall and per client (the
caps and why they are what they are: `gfmd.changes.types`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
import tempfile
import threading
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from gfmd.changes import edit as record_edit
from gfmd.changes import sync
from gfmd.changes.changelog import PROPOSER_EMAIL, PUBLIC_PROPOSER, ChangeEntry, entries, message
from gfmd.changes.types import (
    LIST_CAPS,
    MAX_LIST,
    MAX_NAME,
    MAX_PENDING,
    MAX_PENDING_PER_CLIENT,
    MAX_PROPOSAL_BYTES,
    MAX_SUMMARY,
    MAX_TITLE,
    MAX_URL,
    Proposal,
    ProposalError,
    Words,
)
from gfmd.record.vocab import ProposalKind, ProposalStatus, label
from gfmd.store.atomic import write_atomic
from gfmd.store.git import GitError, Identity, Repo
from gfmd.store.loader import load_dataset
from gfmd.store.scope import resolve_country
from gfmd.text import formatting as fmt
from gfmd.text.messages import t

__all__ = ["Proposal", "ProposalError", "accept", "all_proposals", "diff", "get", "listing",
           "misfiled", "pending", "reject", "submit"]

REFS = "refs/gfmd/proposals/"
PROPOSAL_ID = re.compile(r"[0-9]{8}-[0-9]{6}-[0-9a-f]{6}")
MAX_REASON = 2000
NO_REF = "0" * 40  # `update-ref`'s old value for "must not exist yet"
# Never stored: lets the facts be checked while the given address is refused.
_STAND_IN_URL = "https://stand-in.example/"
_MARK = "\n---\n"  # between a proposal commit's title and the proposal itself
APP = Identity("GFMD dashboard", "dashboard@gfmd.invalid")


class _Draft(BaseModel):
    """What a proposer gives: the form's and the command line's input, checked."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kind: ProposalKind
    year: int = Field(ge=2006, le=2100)
    summary: Words = Field(min_length=1, max_length=MAX_SUMMARY)
    change: dict[str, Any]
    source_url: str = Field(min_length=1, max_length=MAX_URL)
    source_title: Words = Field(min_length=1, max_length=MAX_TITLE)
    proposer: Words | None = Field(default=None, max_length=MAX_NAME)
    country: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")


def _now(now: dt.datetime | None) -> dt.datetime:
    return (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)


def _ref(proposal_id: str) -> str:
    if not PROPOSAL_ID.fullmatch(proposal_id):  # never a ref a caller can steer
        raise ProposalError.one("id", f"'{proposal_id[:40]}' is not a proposal id")
    return REFS + proposal_id


def _repo(data_dir: Path) -> Repo:
    repo = Repo.of(Path(data_dir))
    if repo is None:
        raise ProposalError.one("", f"{Path(data_dir)} is not in a git repository: the record "
                                    "keeps its proposals and changes in git (README: The data)")
    return repo


def _payload(proposal: Proposal) -> str:
    return yaml.safe_dump(proposal.model_dump(mode="json"), allow_unicode=True, sort_keys=False)


def _parse(body: str) -> Proposal | None:
    _, mark, text = body.partition(_MARK)
    try:
        return Proposal.model_validate(yaml.safe_load(text)) if mark else None
    except (yaml.YAMLError, ValidationError):
        return None


def _write(repo: Repo, proposal: Proposal, tree: str, parent: str | None,
           expected: str) -> str:
    """A commit holding `proposal` on top of `parent`, set as its ref only if the ref is
    still `expected` (NO_REF: not there yet); ProposalError when it moved."""
    summary = " ".join(proposal.summary.split())
    title = f"Proposal {proposal.id} ({proposal.status.value}): {summary}"
    commit = repo.git("commit-tree", tree, *(["-p", parent] if parent else []),
                      stdin=(title + _MARK + _payload(proposal)).encode("utf-8"),
                      env=_identity(APP, APP))
    try:
        repo.git("update-ref", _ref(proposal.id), commit, expected)
    except GitError:
        raise ProposalError.one("status", t("proposal.refused.decided_meanwhile")) from None
    return commit


def _identity(author: Identity, committer: Identity) -> dict[str, str]:
    return {"GIT_AUTHOR_NAME": author.name, "GIT_AUTHOR_EMAIL": author.email,
            "GIT_COMMITTER_NAME": committer.name, "GIT_COMMITTER_EMAIL": committer.email}


def _proposed_tree(repo: Repo, base: str, edit: record_edit.Edit) -> str:
    """The tree of `base` with the edit's files in place: the record as proposed."""
    with tempfile.TemporaryDirectory(prefix="gfmd-index-") as tmp:
        env = {"GIT_INDEX_FILE": str(Path(tmp) / "index")}
        repo.git("read-tree", base, env=env)
        for rel, text in edit.texts.items():
            blob = repo.git("hash-object", "-w", "--stdin", stdin=text.encode("utf-8"))
            path = f"{repo.prefix}/{rel}" if repo.prefix else rel
            repo.git("update-index", "--add", "--cacheinfo", f"100644,{blob},{path}", env=env)
        return repo.git("write-tree", env=env)


def _new_problems(edit: record_edit.Edit, data_dir: Path, ds_problems: list[str]) -> None:
    """Refuse a change that leaves the record with a problem it did not have."""
    new = [p for p in record_edit.check(edit, data_dir) if p not in set(ds_problems)]
    if new:
        raise ProposalError([("", p) for p in new])


def _too_big(draft: Any) -> None:
    """Refuse a proposal over the byte cap, before any other work is done on it."""
    try:
        size = len(json.dumps(draft, ensure_ascii=False, default=str).encode("utf-8"))
    except (TypeError, ValueError):  # not data a form or the command line sends
        raise ProposalError.one("", t("proposal.limit.unreadable")) from None
    if size > MAX_PROPOSAL_BYTES:
        raise ProposalError.one("", t("proposal.limit.bytes", size=-(-size // 1024),
                                      limit=MAX_PROPOSAL_BYTES // 1024))


def _long_lists(value: Any, where: str = "") -> list[tuple[str, str]]:
    """Each list in the facts longer than its cap, named by its field (`partners.names`)."""
    if isinstance(value, dict):
        return [found for key, inner in value.items()
                for found in _long_lists(inner, f"{where}.{key}" if where else str(key))]
    if not isinstance(value, list):
        return []
    cap = LIST_CAPS.get(where, MAX_LIST)
    if len(value) > cap:
        return [(where, t("proposal.limit.list", limit=cap, count=len(value)))]
    return [found for inner in value for found in _long_lists(inner, where)]


def _room_for(repo: Repo, client: str | None) -> None:
    """Refuse a proposal beyond the pending caps: the whole queue's, then the client's."""
    waiting = [p for p, _ in _listed(repo)[0] if p.status is ProposalStatus.PENDING]
    if len(waiting) >= MAX_PENDING:
        raise ProposalError.one("", t("proposal.limit.queue", limit=MAX_PENDING))
    if client and sum(p.client == client for p in waiting) >= MAX_PENDING_PER_CLIENT:
        raise ProposalError.one("", t("proposal.limit.client", limit=MAX_PENDING_PER_CLIENT))


# Stand-ins for the fields a proposer got wrong, never stored: the facts are checked with
# them, so a refusal names every problem at once rather than one round at a time.
_STAND_INS: dict[str, Any] = {"summary": "stand-in", "source_title": "stand-in",
                              "source_url": _STAND_IN_URL, "proposer": None}


def _proposal(given: _Draft, created: dt.datetime, client: str | None) -> Proposal:
    return Proposal(
        id=f"{created:%Y%m%d-%H%M%S}-{secrets.token_hex(3)}", created=created,
        proposer=given.proposer or None, kind=given.kind, year=given.year,
        country=given.country or resolve_country(), summary=given.summary,
        change=given.change, source_url=given.source_url, source_title=given.source_title,
        client=client,
    )


def _facts_problems(draft: dict[str, Any], data_dir: Path,
                    wrong: set[str]) -> list[tuple[str, str]]:
    """The proposed facts' own problems while the fields in `wrong` are refused, checked
    with stand-ins for those; [] when the kind, year or change cannot be read at all."""
    if not wrong <= set(_STAND_INS):
        return []
    try:
        given = _Draft.model_validate({**draft, **{k: _STAND_INS[k] for k in wrong}})
        record_edit.plan(_proposal(given, _now(None), None), Path(data_dir),
                         load_dataset(Path(data_dir)))
    except ValidationError:
        return []
    except ProposalError as exc:
        return exc.details
    return []


def submit(draft: dict[str, Any], data_dir: Path, now: dt.datetime | None = None,
           client: str | None = None) -> Proposal:
    """Check `draft` against the record as it is and keep it as a pending proposal.

    `client` is who sent it, as the app can tell (an opaque key; None from the command
    line, which is an editor's): at most MAX_PENDING_PER_CLIENT of its proposals wait at
    once. Raises ProposalError naming each field and its problem; nothing is kept then.
    """
    _too_big(draft)
    long_lists = _long_lists(draft.get("change")) if isinstance(draft, dict) else []
    if long_lists:
        raise ProposalError(long_lists)
    url = draft.get("source_url") if isinstance(draft, dict) else None
    url_words = [("source_url", p) for p in record_edit.url_problems(url)] \
        if isinstance(url, str) and url.strip() else []
    try:
        given = _Draft.model_validate(draft)
    except ValidationError as exc:  # every problem at once: the address's and the facts' too
        top = ProposalError.from_validation(exc).details
        wrong = {field for field, _ in top} | ({"source_url"} if url_words else set())
        raise ProposalError(top + url_words + _facts_problems(draft, data_dir, wrong)) \
            from None
    created = _now(now)
    data_dir = Path(data_dir)
    repo = _repo(data_dir)
    _room_for(repo, client)  # before the record is read and planned: a refusal costs little
    if url_words:  # say what else is wrong too
        raise ProposalError(url_words + _facts_problems(draft, data_dir, {"source_url"}))
    proposal = _proposal(given, created, client)
    ds = load_dataset(data_dir)
    edit = record_edit.plan(proposal, data_dir, ds)
    _new_problems(edit, data_dir, [str(p) for p in ds.problems])
    proposal = proposal.model_copy(update={"change": edit.change})
    base = repo.commit_of("HEAD")
    if base is None:
        raise ProposalError.one("", "the record's repository has no commit yet")
    with sync.exclusive(repo):  # counted and written at once: two sends cannot both fit
        _room_for(repo, client)
        _write(repo, proposal, _proposed_tree(repo, base, edit), base, NO_REF)
    sync.send_proposal(repo, proposal.id)
    return proposal


def _tips(repo: Repo) -> dict[str, str]:
    """Each proposal ref's name (what follows REFS) and its commit."""
    out = repo.git("for-each-ref", "--format=%(refname) %(objectname)", REFS)
    return {ref[len(REFS):]: sha for ref, _, sha in (line.partition(" ")
                                                     for line in out.splitlines())}


def _bodies(repo: Repo, commits: list[str]) -> list[str]:
    """The messages of `commits`, in one `git cat-file --batch`."""
    return [raw.decode("utf-8", "replace").partition("\n\n")[2] for raw in repo.blobs(commits)]


# A proposal commit never changes, so each is read and parsed once per process: a page run
# costs one `for-each-ref` and the new commits, not parsing every proposal again (a queue
# of proposals at the byte cap took a second a run). Commits no ref holds any more are
# dropped once they outnumber those in use.
_parsed: dict[str, Proposal | None] = {}
_parsed_lock = threading.Lock()
_SPARE = 256


def _listed(repo: Repo) -> tuple[list[tuple[Proposal, str]], list[str]]:
    """The proposals each held by the ref of its own id, with the ref's commit, oldest
    first; and every other ref under REFS.

    Only the ref's name is trusted: `accept` and `reject` act on `REFS + id`, so a ref
    holding another proposal's id (a copied ref, a hand-made one) would show one text
    while a decision applies another, and two cards with one id stop the Review page.
    """
    tips = _tips(repo)
    with _parsed_lock:
        known = {sha: _parsed[sha] for sha in tips.values() if sha in _parsed}
    new = [sha for sha in dict.fromkeys(tips.values()) if sha not in known]
    known.update(zip(new, (_parse(body) for body in _bodies(repo, new)), strict=True))
    with _parsed_lock:
        _parsed.update(known)
        if len(_parsed) > 2 * len(known) + _SPARE:
            for sha in set(_parsed) - set(known):
                del _parsed[sha]
    found, strays = [], []
    for name, sha in tips.items():
        proposal = known[sha] if PROPOSAL_ID.fullmatch(name) else None
        if proposal is not None and proposal.id == name:
            found.append((proposal, sha))
        else:
            strays.append(REFS + name)
    return sorted(found, key=lambda pair: (pair[0].created, pair[0].id)), strays


def listing(data_dir: Path) -> list[tuple[Proposal, str]]:
    """Every readable proposal held by the ref of its own id, and the commit its ref holds
    (which changes with a decision), oldest first; see `misfiled` for the others."""
    repo = Repo.of(Path(data_dir))
    return _listed(repo)[0] if repo is not None else []


def all_proposals(data_dir: Path) -> list[Proposal]:
    """Every readable proposal held by the ref of its own id, oldest first."""
    return [p for p, _ in listing(data_dir)]


def misfiled(data_dir: Path) -> list[str]:
    """The refs under refs/gfmd/proposals/ that are left out of the list: not named by a
    proposal id, unreadable, or holding a proposal whose id is not their name."""
    repo = Repo.of(Path(data_dir))
    return _listed(repo)[1] if repo is not None else []


def pending(data_dir: Path) -> list[Proposal]:
    """Proposals waiting for a reviewer, oldest first."""
    return [p for p in all_proposals(data_dir) if p.status is ProposalStatus.PENDING]


def _read(repo: Repo, proposal_id: str) -> tuple[Proposal, str]:
    """The proposal as its ref holds it now, and the ref's commit."""
    tip = repo.commit_of(_ref(proposal_id))
    if tip is None:
        raise ProposalError.one("id", f"there is no proposal {proposal_id}")
    proposal = _parse(_bodies(repo, [tip])[0])
    if proposal is None or proposal.id != proposal_id:
        raise ProposalError.one("id", f"the proposal {proposal_id} cannot be read")
    return proposal, tip


def get(data_dir: Path, proposal_id: str) -> Proposal:
    return _read(_repo(data_dir), proposal_id)[0]


def diff(proposal: Proposal, data_dir: Path) -> str:
    """What accepting `proposal` would change, as a unified diff of the data files'
    text; ProposalError if it no longer applies to the record."""
    data_dir = Path(data_dir)
    edit = record_edit.plan(proposal, data_dir, load_dataset(data_dir))
    return edit.diff(data_dir.name)


def _person(text: str) -> str:
    """A name as git can hold it: one line, no angle brackets."""
    return " ".join(text.replace("<", " ").replace(">", " ").split())[:MAX_NAME] or "-"


def _commit_change(repo: Repo, data_dir: Path, proposal: Proposal, reviewer: str,
                   when: dt.datetime) -> str:
    """Plan `proposal` on the record as it is now, write it and commit it: the author is
    the proposer, the committer the reviewer, the message the summary and trailers."""
    ds = load_dataset(data_dir)
    if ds.problems:
        raise ProposalError([("", "the record has problems to fix first (run python -m "
                                  "gfmd validate)"), *(("", str(p)) for p in ds.problems)])
    edit = record_edit.plan(proposal, data_dir, ds)
    problems = record_edit.check(edit, data_dir)
    if problems:
        raise ProposalError([("", p) for p in problems])
    edited = repo.edited()
    mine = {f"{repo.prefix}/{rel}" if repo.prefix else rel for rel in edit.texts}
    if edited & mine:
        raise ProposalError.one("", "these files have edits nobody has committed yet; commit "
                                    "them first: " + ", ".join(sorted(edited & mine)))
    for rel, text in edit.texts.items():
        write_atomic(data_dir / rel, text.encode("utf-8"))
    author = Identity(_person(proposal.proposer), PROPOSER_EMAIL) if proposal.proposer \
        else Identity(PUBLIC_PROPOSER, PROPOSER_EMAIL)
    committer = Identity(_person(reviewer), reviewer if "@" in reviewer else PROPOSER_EMAIL)
    trailers = {"Kind": proposal.kind.value, "Year": str(proposal.year),
                "Source": proposal.source_url, "Source-Title": proposal.source_title,
                "Source-Id": edit.source_id, "Proposal": proposal.id, "Reviewed-by": reviewer}
    try:
        return repo.commit(list(edit.texts), message(proposal.summary, trailers), author,
                           committer, when=when.isoformat())
    except GitError:
        for rel, old in edit.before.items():
            if old is None:
                (data_dir / rel).unlink(missing_ok=True)
            else:
                write_atomic(data_dir / rel, old)
        raise


def _replay(repo: Repo, commit: str) -> str | sync.ReplayRefused:
    """An accept made here, planned again on the record as it now is (another host's
    change landed first); refused, it goes back to the queue."""
    pid = repo.git("log", "-1", "--format=%(trailers:key=Proposal,valueonly)", commit).strip()
    reviewer = repo.git("log", "-1", "--format=%(trailers:key=Reviewed-by,valueonly)",
                        commit).strip()
    when = dt.datetime.fromisoformat(repo.git("log", "-1", "--format=%cI", commit))
    proposal, tip = _read(repo, pid)
    try:
        return _commit_change(repo, repo.data_dir, proposal, reviewer, when)
    except ProposalError as exc:
        repo.git("update-ref", _ref(pid), f"{tip}^", tip)  # pending again
        return sync.ReplayRefused(pid, "; ".join(exc.problems))


def keep_in_step(data_dir: Path) -> None:
    """Keep this process's record in step with the shared one (see gfmd.changes.sync)."""
    sync.keep_in_step(Path(data_dir), _replay)


def _decided(proposal: Proposal) -> ProposalError:
    at = proposal.reviewed_at
    when = f"{fmt.date(at.date())} {at:%H:%M} UTC" if at else ""
    return ProposalError.one("status", t("proposal.refused.decided",
                                         status=label(proposal.status).lower(),
                                         reviewer=proposal.reviewed_by, when=when))


def _dropped(why: str) -> ProposalError:
    """Why another host's record dropped this host's decision, in the reader's language
    (the sync keeps its own reason as a message id: it runs in a thread too)."""
    return ProposalError.one("status", t(why) if why == sync.DECIDED_ELSEWHERE else why)


def _reviewer(reviewer: str) -> str:
    name = (reviewer or "").strip()
    if not name or len(name) > MAX_NAME:
        raise ProposalError.one("reviewer", t("proposal.refused.reviewer"))
    return name


def _decide(repo: Repo, proposal: Proposal, tip: str, **update: Any) -> Proposal:
    decided = proposal.model_copy(update=update)
    _write(repo, decided, repo.git("rev-parse", f"{tip}^{{tree}}"), tip, tip)
    return decided


def accept(proposal_id: str, reviewer: str, data_dir: Path,
           now: dt.datetime | None = None) -> tuple[ChangeEntry, bool]:
    """Commit the proposal to the record as a validated change, and whether the shared
    record has it already (False: kept here until the remote can be reached).

    The proposal is read again and planned on the record as it is now: ProposalError if
    it was decided already, no longer applies, or would leave the record with a problem.
    """
    name = _reviewer(reviewer)
    data_dir = Path(data_dir)
    repo = _repo(data_dir)
    with sync.exclusive(repo):
        sync.integrate(repo, _replay)
        proposal, tip = _read(repo, proposal_id)
        if proposal.status is not ProposalStatus.PENDING:
            raise _decided(proposal)
        when = _now(now)
        _commit_change(repo, data_dir, proposal, name, when)
        _decide(repo, proposal, tip, status=ProposalStatus.ACCEPTED, reviewed_by=name,
                reviewed_at=when)
        outcome = sync.integrate(repo, _replay)
    if proposal_id in outcome.dropped:
        raise _dropped(outcome.dropped[proposal_id])
    # Replayed on another host's change, the accept is a new commit: found by its proposal.
    entry = next(e for e in reversed(entries(data_dir)) if e.proposal_id == proposal_id)
    return entry, outcome.sent


def reject(proposal_id: str, reviewer: str, reason: str, data_dir: Path,
           now: dt.datetime | None = None) -> Proposal:
    """Mark the proposal rejected, keeping the reviewer's reason (required)."""
    name = _reviewer(reviewer)
    why = (reason or "").strip()
    if not why:
        raise ProposalError.one("reason", t("proposal.refused.reason_missing"))
    if len(why) > MAX_REASON:
        raise ProposalError.one("reason", t("proposal.refused.reason_long",
                                            limit=fmt.number(MAX_REASON)))
    repo = _repo(Path(data_dir))
    with sync.exclusive(repo):
        sync.integrate(repo, _replay)
        proposal, tip = _read(repo, proposal_id)
        if proposal.status is not ProposalStatus.PENDING:
            raise _decided(proposal)
        rejected = _decide(repo, proposal, tip, status=ProposalStatus.REJECTED,
                           reviewed_by=name, reviewed_at=_now(now), reason=why)
        outcome = sync.integrate(repo, _replay)
    if proposal_id in outcome.dropped:
        raise _dropped(outcome.dropped[proposal_id])
    return rejected

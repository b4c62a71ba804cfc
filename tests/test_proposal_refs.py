"""A proposal is the ref of its own id (security report F2.8, on refs rather than files):
a ref whose name is not the id of the proposal it holds — a copy of another's ref, one
claiming another's id with other words, a hand-made name — is left out of the list, named
by `gfmd validate`, and can be neither shown twice on the Review page (which stopped it
for every reader) nor decided in another's name."""

from __future__ import annotations

from pathlib import Path

import pytest

from gfmd.changes import proposals
from gfmd.changes.proposals import REFS, ProposalError
from gfmd.text.markdown import escape as md
from tests.cli_helpers import run_cli
from tests.proposal_helpers import Record, init_record
from tests.review_helpers import REVIEWER, draft, review_page, signed_in

COPY = "20990101-000000-abcdef"  # a proposal id no proposal has


@pytest.fixture
def rec(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Record:
    monkeypatch.setenv("GFMD_DATA_DIR", str(data_copy))
    return init_record(data_copy)


def _impostor(rec: Record, of: proposals.Proposal, summary: str) -> str:
    """A commit like `of`'s ref, its message saying `summary` instead: another's words
    under `of`'s id."""
    ref = REFS + of.id
    message = rec.git("log", "-1", "--format=%B", ref).replace(of.summary, summary)
    return rec.git("commit-tree", f"{ref}^{{tree}}", "-p", f"{ref}^", "-m", message)


def test_a_copied_ref_is_listed_once_and_named(rec: Record) -> None:
    real = proposals.submit(draft(), rec.data)
    rec.git("update-ref", REFS + COPY, REFS + real.id)
    rec.git("update-ref", REFS + "zz-dup", REFS + real.id)
    assert [p.id for p in proposals.all_proposals(rec.data)] == [real.id]
    assert sorted(proposals.misfiled(rec.data)) == [REFS + COPY, REFS + "zz-dup"]
    with pytest.raises(ProposalError, match="cannot be read"):
        proposals.get(rec.data, COPY)


def test_a_ref_claiming_another_s_id_shows_nothing_and_decides_nothing(rec: Record) -> None:
    real = proposals.submit(draft(), rec.data)
    other = proposals.submit(draft(summary="Another proposal"), rec.data)
    rec.git("update-ref", REFS + other.id, _impostor(rec, real, "Forged words"))
    listed = proposals.all_proposals(rec.data)
    assert [(p.id, p.summary) for p in listed] == [(real.id, real.summary)]
    assert proposals.misfiled(rec.data) == [REFS + other.id]
    with pytest.raises(ProposalError, match="cannot be read"):
        proposals.reject(other.id, "reviewer@ministry.example", "no", rec.data)
    assert proposals.get(rec.data, real.id).status.value == "pending"


def test_a_ref_made_outside_submit_with_an_override_is_not_listed(rec: Record) -> None:
    """Another host (or anyone who can push to the shared record) writes refs without
    `submit`: its words are checked again when read (security report F2.7)."""
    real = proposals.submit(draft(), rec.data)
    rec.git("update-ref", REFS + real.id, _impostor(rec, real, "Workshop \u202e2202 yraunaJ"))
    assert proposals.all_proposals(rec.data) == []
    assert proposals.misfiled(rec.data) == [REFS + real.id]


def test_the_review_page_draws_one_card_per_proposal(rec: Record) -> None:
    real = proposals.submit(draft(), rec.data)
    rec.git("update-ref", REFS + COPY, REFS + real.id)
    at = review_page(signed_in(REVIEWER))  # only reviewers see the cards
    headings = [h.value for h in at.subheader]
    assert sum(real.summary in h for h in headings) == 1, headings


def test_the_review_page_names_a_misfiled_ref_to_reviewers_only(rec: Record) -> None:
    real = proposals.submit(draft(), rec.data)
    rec.git("update-ref", REFS + COPY, REFS + real.id)
    warned = " ".join(w.value for w in review_page(signed_in(REVIEWER)).warning)
    assert "Proposal refs not listed" in warned and md(REFS + COPY) in warned
    at = review_page()  # a reader
    assert REFS not in " ".join(w.value for w in at.warning)


def test_validate_names_the_misfiled_ref(rec: Record) -> None:
    real = proposals.submit(draft(), rec.data)
    assert run_cli("validate", "--data", rec.data).returncode == 0
    rec.git("update-ref", REFS + COPY, REFS + real.id)
    done = run_cli("validate", "--data", rec.data)
    assert done.returncode == 1
    assert f"{REFS}{COPY}: not listed for review" in done.text

"""The Review page's pieces: the pending proposals a page at a time, each with its source
and its diff against the record, Accept and Reject; what a reader who is not a reviewer
sees of the queue (its size, and what this browser sent); the list of decided proposals.

A diff is worked out once per proposal commit and record version in this process, for
every session (`_diff`): a page run does not re-plan each card for each reader (F2.4).

Everything a proposer typed is shown as text: summaries and names through `md()`, the diff
in a code block, the source address as plain text beside its link. A decision goes
through `gfmd.changes.reviewers`, which checks the reviewer again; the domain's refusals
(`ProposalError`: decided meanwhile by another reviewer, no longer applies) are said in
words, and a reason typed for a rejection stays in its box until it is stored.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from components import auth
from components.safe_text import md
from gfmd.changes import proposals
from gfmd.changes.proposals import Proposal, ProposalError
from gfmd.changes.reviewers import NotAReviewer, accept_as, reject_as
from gfmd.changes.types import MAX_PENDING
from gfmd.record.vocab import ProposalStatus, label
from gfmd.text import formatting as fmt
from gfmd.text.markdown import link
from gfmd.text.messages import in_language, t

_NOTICE_KEY = "_gfmd_review_notice"
PAGE_KEY = "review-page"
# Proposals drawn in one run: a reviewer reads a page, not the whole queue (MAX_PENDING).
PAGE_SIZE = 10
SENT_KEY = "_gfmd_sent_proposals"  # ids this session's Propose form stored
DECIDED_COLUMNS = ("summary", "kind", "year", "outcome", "reviewer", "when", "reason",
                   "source")


# The diff's colours at WCAG AA contrast (4.5:1; Streamlit's diff highlighting draws added
# lines at 2.3:1 and context at 3.6:1): dark green, dark red, dark grey.
DIFF_STYLE = """<style>
.stCode .token.inserted { color: #116329 !important; }
.stCode .token.deleted { color: #a40e26 !important; }
.stCode .token.unchanged, .stCode .token.coord { color: #4b4f5c !important; }
</style>"""


def style() -> None:
    st.html(DIFF_STYLE)


def _when(value: Any) -> str:
    return fmt.date(value.date()) if value is not None else t("common.unknown")


def _source(p: Proposal) -> None:
    """The source as a link, and its address in full: the reviewer sees where it goes."""
    st.markdown(t("review.card.source", title=link(p.source_title, p.source_url)))
    st.text(p.source_url)


def notice() -> None:
    """The outcome of the last decision: the click's callback ran before this run."""
    outcome = st.session_state.pop(_NOTICE_KEY, None)
    if outcome:
        kind, text = outcome
        (st.success if kind == "success" else st.error)(text)


def _decide(action: Callable[[], str], typed: str = "") -> None:
    """A button's callback: run a decision and keep its outcome for the page to show.

    Callbacks run on the click even when the proposal has left the pending list meanwhile
    (another reviewer decided it), so that reviewer is told why nothing happened.
    """
    try:
        st.session_state[_NOTICE_KEY] = ("success", action())
        return
    except NotAReviewer:
        text = t("review.error.not_reviewer")
    except ProposalError as exc:
        text = t("review.error.refused", problems=md("; ".join(exc.problems)))
    if typed:
        text += " " + t("review.error.typed", reason=md(typed))
    st.session_state[_NOTICE_KEY] = ("error", text)


def _accept(p: Proposal, data_dir: Path) -> None:
    def action() -> str:
        # Who is signed in and who reviews, read again at the click: not what the page
        # showed when it was drawn.
        entry, shared = accept_as(auth.current_user(), auth.policy(), p.id, data_dir)
        said = t("review.accepted", summary=md(p.summary), version=entry.version_after)
        return said if shared else said + " " + t("review.accepted.kept_here")

    _decide(action)


def _reject(p: Proposal, data_dir: Path) -> None:
    reason = str(st.session_state.get(f"reason-{p.id}") or "").strip()
    if not reason:
        st.session_state[_NOTICE_KEY] = ("error", t("review.reject.reason_required"))
        return

    def action() -> str:
        reject_as(auth.current_user(), auth.policy(), p.id, reason, data_dir)
        return t("review.rejected", summary=md(p.summary))

    _decide(action, typed=reason)


@st.cache_resource(show_spinner=False, max_entries=MAX_PENDING)
def _diff(root: str, commit: str, version: str, _proposal: Proposal) -> tuple[str | None, str]:
    """(the diff, '') or (None, why it no longer applies): planned once per proposal commit
    and record version, whoever reads it. `commit` names the proposal's content, `version`
    the record's; `_proposal` is what they name, so it is not hashed."""
    try:
        return proposals.diff(_proposal, Path(root)), ""
    except ProposalError as exc:
        return None, "; ".join(exc.problems)


def pending_card(p: Proposal, commit: str, *, version: str, data_dir: Path) -> None:
    """One pending proposal, for a reviewer: what it says, its diff, Accept and Reject."""
    with st.container(border=True, key=f"proposal-{p.id}"):
        st.subheader(md(p.summary), anchor=False)
        st.caption(t("review.card.meta", kind=label(p.kind), year=p.year,
                     proposer=md(p.proposer or t("review.card.anonymous")),
                     created=_when(p.created), id=p.id))
        _source(p)
        change, problems = _diff(str(data_dir), commit, version, p)
        if change is None:
            st.error(t("review.card.no_longer_applies", problems=md(problems)))
        else:
            st.markdown(t("review.card.diff"))
            st.code(change or t("review.card.no_diff"), language="diff", wrap_lines=True)
        st.button(t("review.accept"), key=f"accept-{p.id}", type="primary",
                  on_click=in_language(_accept), args=(p, data_dir))
        with st.form(f"reject-{p.id}", clear_on_submit=False, border=False):
            st.text_area(t("review.reject.reason"), key=f"reason-{p.id}",
                         max_chars=proposals.MAX_REASON, help=t("review.reject.help"))
            st.form_submit_button(t("review.reject"), on_click=in_language(_reject),
                                  args=(p, data_dir))


def _turn(step: int) -> None:
    """A page button's callback: it runs before the next run, which draws that page."""
    st.session_state[PAGE_KEY] = int(st.session_state.get(PAGE_KEY, 1)) + step


def pending_pages(waiting: list[tuple[Proposal, str]], *, version: str,
                  data_dir: Path) -> None:
    """The pending proposals PAGE_SIZE at a time, oldest first, with where the reader is
    and buttons to the previous and next proposals (buttons: reached and pressed by
    keyboard, and disabled at either end). A page past the end after decisions shrank
    the queue shows the last one."""
    pages = max(1, math.ceil(len(waiting) / PAGE_SIZE))
    page = min(max(int(st.session_state.get(PAGE_KEY, 1)), 1), pages)
    st.session_state[PAGE_KEY] = page
    shown = waiting[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]
    st.caption(t("review.page.shown", first=(page - 1) * PAGE_SIZE + 1,
                 last=(page - 1) * PAGE_SIZE + len(shown), total=len(waiting), page=page,
                 pages=pages))
    for proposal, commit in shown:
        pending_card(proposal, commit, version=version, data_dir=data_dir)
    if pages > 1:
        back, forward = st.columns(2)
        back.button(t("review.page.previous"), key="review-previous", disabled=page == 1,
                    on_click=_turn, args=(-1,))
        forward.button(t("review.page.next"), key="review-next", disabled=page == pages,
                       on_click=_turn, args=(1,))


def remember_sent(proposal_id: str) -> None:
    """Keep a stored proposal's id in the session, to confirm it on the Review page."""
    st.session_state[SENT_KEY] = [*st.session_state.get(SENT_KEY, []), proposal_id]


def misfiled_notice(data_dir: Path) -> None:
    """Name to reviewers the proposal refs left out of the list (a copied or hand-made
    ref whose name is not the id it holds), which they would otherwise never see."""
    strays = proposals.misfiled(data_dir)
    if strays:
        st.warning(t("review.misfiled", refs=", ".join(md(ref) for ref in strays)))


def queue_hidden(waiting: list[tuple[Proposal, str]]) -> None:
    """What anyone but a reviewer sees of the queue: that its proposals are for reviewers
    (F2.10: nothing unread is published), and which of them this browser sent."""
    st.info(t("review.pending.hidden"))
    sent = set(st.session_state.get(SENT_KEY, []))
    mine = [p.id for p, _ in waiting if p.id in sent]
    if mine:
        st.caption(t("review.pending.yours", ids=", ".join(mine)))


def decided_table(decided: list[Proposal], *, reviewer: bool) -> None:
    """Decided proposals, newest first: outcome, reviewer, when and why. A rejected
    proposal's own words (summary, source) are for reviewers: rejecting it refused to
    publish them; everyone sees that it was rejected, by whom and why."""
    if not decided:
        st.caption(t("review.decided.none"))
        return
    withheld = t("review.decided.withheld")

    def shown(p: Proposal) -> bool:
        return reviewer or p.status is ProposalStatus.ACCEPTED

    rows = [{
        "summary": p.summary if shown(p) else withheld, "kind": label(p.kind),
        "year": str(p.year), "outcome": label(p.status), "reviewer": p.reviewed_by or "",
        "when": _when(p.reviewed_at), "reason": p.reason or "",
        "source": p.source_url if shown(p) else None,
    } for p in sorted(decided, key=lambda p: p.reviewed_at or p.created, reverse=True)]
    config = {c: st.column_config.TextColumn(t(f"review.col.{c}")) for c in DECIDED_COLUMNS}
    config["summary"] = st.column_config.TextColumn(t("review.col.summary"), width="large")
    config["source"] = st.column_config.LinkColumn(t("review.col.source"))
    st.dataframe(pd.DataFrame(rows, columns=list(DECIDED_COLUMNS)), hide_index=True,
                 column_config=config, key="review-decided", width="stretch")

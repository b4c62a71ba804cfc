"""The Review page's pieces: one pending proposal with its source and its diff against the
record, Accept and Reject for reviewers, and the list of decided proposals.

Everything a proposer typed is shown as text: summaries and names through `md()`, the diff
in a code block, the source address as plain text beside its link. A decision goes
through `gfmd.changes.reviewers`, which checks the reviewer again; the domain's refusals
(`ProposalError`: decided meanwhile by another reviewer, no longer applies) are said in
words, and a reason typed for a rejection stays in its box until it is stored.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from components import auth
from components.safe_text import md
from gfmd.changes import proposals
from gfmd.changes.proposals import Proposal, ProposalError
from gfmd.changes.reviewers import NotAReviewer, ReviewerPolicy, accept_as, reject_as
from gfmd.record.vocab import label
from gfmd.text import formatting as fmt
from gfmd.text.markdown import link
from gfmd.text.messages import in_language, t

_NOTICE_KEY = "_gfmd_review_notice"
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


def pending_card(p: Proposal, *, user: Mapping[str, Any], rules: ReviewerPolicy,
                 data_dir: Path) -> None:
    """One pending proposal; Accept and Reject only for a reviewer."""
    with st.container(border=True, key=f"proposal-{p.id}"):
        st.subheader(md(p.summary), anchor=False)
        st.caption(t("review.card.meta", kind=label(p.kind), year=p.year,
                     proposer=md(p.proposer or t("review.card.anonymous")),
                     created=_when(p.created), id=p.id))
        _source(p)
        try:
            change = proposals.diff(p, data_dir)
        except ProposalError as exc:
            st.error(t("review.card.no_longer_applies", problems=md("; ".join(exc.problems))))
            change = None
        if change is not None:
            st.markdown(t("review.card.diff"))
            st.code(change or t("review.card.no_diff"), language="diff", wrap_lines=True)
        if not rules.is_reviewer(user):
            st.caption(t("review.card.readonly"))
            return
        st.button(t("review.accept"), key=f"accept-{p.id}", type="primary",
                  on_click=in_language(_accept), args=(p, data_dir))
        with st.form(f"reject-{p.id}", clear_on_submit=False, border=False):
            st.text_area(t("review.reject.reason"), key=f"reason-{p.id}",
                         max_chars=proposals.MAX_REASON, help=t("review.reject.help"))
            st.form_submit_button(t("review.reject"), on_click=in_language(_reject),
                                  args=(p, data_dir))


def decided_table(decided: list[Proposal]) -> None:
    """Decided proposals, newest first: outcome, reviewer, when and why."""
    if not decided:
        st.caption(t("review.decided.none"))
        return
    rows = [{
        "summary": p.summary, "kind": label(p.kind), "year": str(p.year),
        "outcome": label(p.status), "reviewer": p.reviewed_by or "",
        "when": _when(p.reviewed_at), "reason": p.reason or "", "source": p.source_url,
    } for p in sorted(decided, key=lambda p: p.reviewed_at or p.created, reverse=True)]
    config = {c: st.column_config.TextColumn(t(f"review.col.{c}")) for c in DECIDED_COLUMNS}
    config["summary"] = st.column_config.TextColumn(t("review.col.summary"), width="large")
    config["source"] = st.column_config.LinkColumn(t("review.col.source"))
    st.dataframe(pd.DataFrame(rows, columns=list(DECIDED_COLUMNS)), hide_index=True,
                 column_config=config, key="review-decided", width="stretch")

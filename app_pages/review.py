"""Review: proposed changes to the record, each with its public source and its diff
against the record; signed-in reviewers read them a page at a time and accept or reject
them. Anyone else sees how many wait, not what they say (F2.10): a proposal is anonymous
and unmoderated text until a reviewer has read it. Decided proposals are listed for all,
a rejected one without its words."""

import streamlit as st

from components import auth, review
from components.context import current
from gfmd.changes import proposals
from gfmd.record.vocab import ProposalStatus
from gfmd.store.loader import resolve_data_dir
from gfmd.text.messages import t, tn

review.style()
st.title(t("review.title"))
st.caption(t("review.intro"))

rules = auth.policy()
user = auth.account(rules)
review.notice()

data_dir = resolve_data_dir()
listed = proposals.listing(data_dir)
waiting = [(p, commit) for p, commit in listed if p.status is ProposalStatus.PENDING]
reviewer = rules.is_reviewer(user)
st.header(tn("review.pending.heading", len(waiting)))
if reviewer:
    review.misfiled_notice(data_dir)
if not waiting:
    st.info(t("review.pending.none"))
elif reviewer:
    review.pending_pages(waiting, version=current().current_record.version, data_dir=data_dir)
else:
    review.queue_hidden(waiting)

st.header(t("review.decided.heading"))
review.decided_table([p for p, _ in listed if p.status is not ProposalStatus.PENDING],
                     reviewer=reviewer)

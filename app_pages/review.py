"""Review: proposed changes to the record, each with its public source and its diff
against the record; signed-in reviewers accept or reject them. Readers see the same list
without signing in, and without the buttons."""

import streamlit as st

from components import auth, review
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
waiting = proposals.pending(data_dir)
st.header(tn("review.pending.heading", len(waiting)))
if not waiting:
    st.info(t("review.pending.none"))
for proposal in waiting:
    review.pending_card(proposal, user=user, rules=rules, data_dir=data_dir)

st.header(t("review.decided.heading"))
review.decided_table([p for p in proposals.all_proposals(data_dir)
                      if p.status != ProposalStatus.PENDING])

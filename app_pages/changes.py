"""What changed: every accepted change to the record, dated, with its reviewer and source."""

import streamlit as st

from components import change_log
from components.context import current
from gfmd.text.messages import t

ctx = current()
st.title(t("changes.title"))
st.caption(t("changes.intro"))
change_log.show(ctx)
st.page_link("app_pages/propose.py", label=t("changes.propose_link"), icon="✏️")

"""Propose a change: anyone puts a fact and its public source in; a reviewer decides."""

import streamlit as st

from components import propose_form
from components.context import current
from gfmd.text.messages import t

ctx = current()
st.title(t("propose.heading"))
st.caption(t("propose.intro"))
propose_form.show(ctx)

"""The data-problem banner: shown on every page while any data file is invalid."""

from __future__ import annotations

import streamlit as st

from gfmd.record.dataset import Dataset
from gfmd.text.messages import t, tn


def data_problems(dataset: Dataset) -> None:
    """Name each bad file and its problem; the lines are shown literally, as code."""
    if not dataset.problems:
        return
    with st.container(border=True, key="data-problems"):
        st.error(tn("banner.title", len(dataset.problems)), icon="⚠️")
        st.code("\n".join(str(p) for p in dataset.problems), language=None, wrap_lines=True)
        st.caption(t("banner.fix"))

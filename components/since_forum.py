"""The Overview's "Since the last forum": the latest summit, what the record holds for the
country there, each summit since its last role, and the next summit. Not filtered: it
answers "where do things stand now". The words are the briefing note's own
(`gfmd.briefing.last_forum`), so the page and the note never say it two ways."""

from __future__ import annotations

import streamlit as st

from components import blocks
from components.context import PageContext
from gfmd.briefing import blocks_to_markdown, cited, last_forum
from gfmd.text.messages import language, t


def show(ctx: PageContext) -> None:
    """Draw the section under an H2 heading.

    Its text is one Markdown element and one caption: the section does not change with
    the filters, and every element is taken in by the browser again on every rerun;
    several of them before the timeline delayed its drawing on each filter change."""
    section = ctx.bundle.memo(("since-last-forum", language()),
                              lambda: last_forum(ctx.dataset))
    st.header(t("since.heading"))
    if not section:
        st.info(t("since.no_summits"))
        return
    st.markdown(blocks_to_markdown(section))
    st.caption(blocks.source_line(ctx, cited(section)))

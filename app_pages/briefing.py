"""Briefing builder: a sourced briefing note on a meeting's themes, previewed and downloaded.

The page only gathers the reader's choices; `gfmd.briefing` writes the note and renders
it as the Markdown shown here and the files downloaded.
"""

import streamlit as st

from components.context import current
from components.safe_text import md
from gfmd.briefing import (
    DOCX_MIME,
    MARKDOWN_MIME,
    SECTIONS,
    BriefingError,
    BriefingRequest,
    compose,
    to_docx,
    to_markdown,
)
from gfmd.messages import t

THEMES_KEY = "briefing-themes"

ctx = current()
themes = {tid: theme.label for tid, theme in ctx.dataset.themes.items()}
lo, hi = ctx.year_bounds


def choose_theme(theme: str) -> None:
    st.session_state[THEMES_KEY] = [theme]


st.title(t("briefing.title"))
st.caption(t("briefing.intro"))

left, right = st.columns(2)
chosen = left.multiselect(
    t("briefing.input.themes"), list(themes), format_func=themes.__getitem__,
    default=[tid for tid in ctx.filters.themes if tid in themes],
    placeholder=t("briefing.input.themes.placeholder"), key=THEMES_KEY,
)
years = right.slider(
    t("briefing.input.years"), min_value=lo, max_value=max(hi, lo + 1),
    value=ctx.filters.years or (lo, hi), key="briefing-years",
)
meeting = left.text_input(
    t("briefing.input.meeting"), max_chars=200,
    placeholder=t("briefing.input.meeting.placeholder"), key="briefing-meeting",
)
meeting_date = right.date_input(
    t("briefing.input.meeting_date"), value=None, format="YYYY-MM-DD",
    key="briefing-meeting-date",
)
sections = st.pills(
    t("briefing.input.sections"), SECTIONS, selection_mode="multi", default=list(SECTIONS),
    format_func=lambda section: t(f"briefing.section.{section}"),
    help=t("briefing.input.sections.help"), key="briefing-sections",
)
st.caption(t("briefing.input.defaults"))

request = BriefingRequest(
    themes=tuple(chosen), years=(int(years[0]), int(years[1])), meeting=meeting,
    meeting_date=meeting_date, sections=tuple(sections), version=ctx.bundle.version,
)
try:
    briefing = compose(ctx.dataset, request)
except BriefingError as exc:
    st.info(md(exc.message))
    if exc.suggestions:
        st.caption(t("briefing.suggest"))
        with st.container(horizontal=True, key="briefing-suggestions"):
            for tid in exc.suggestions:
                st.button(md(themes[tid]), key=f"briefing-suggest-{tid}",
                          on_click=choose_theme, args=(tid,))
else:
    markdown = to_markdown(briefing)
    docx_button, md_button = st.columns(2)
    docx_button.download_button(
        t("briefing.download.docx"), data=lambda: to_docx(briefing),
        file_name=briefing.file_name("docx"), mime=DOCX_MIME, key="briefing-docx",
        on_click="ignore", icon="⬇️", type="primary",
    )
    md_button.download_button(
        t("briefing.download.md"), data=markdown.encode("utf-8"),
        file_name=briefing.file_name("md"), mime=MARKDOWN_MIME, key="briefing-md",
        on_click="ignore", icon="⬇️",
    )
    st.subheader(t("briefing.preview"))
    with st.container(border=True, key="briefing-preview"):
        # Data text in `markdown` is escaped by the renderer, with the same escaper as md().
        st.markdown(markdown)

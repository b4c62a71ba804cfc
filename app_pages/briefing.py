"""Briefing builder: a sourced briefing note on a meeting's themes, previewed and downloaded.

The inputs sit in a form: the note is built from what was submitted with "Build the note",
so the preview and both downloads always hold the same note, text typed just before the
click included. Every input is bound to the address (b_theme, b_years, b_meeting, b_date,
b_by, b_class, b_sections, b_short; themes and sections by id), so a copied link rebuilds
the same note in any language. The page only gathers choices; `gfmd.briefing` writes the
note.
"""

import streamlit as st

from components import address
from components.context import current
from components.safe_text import md
from components.sidebar import theme_names
from gfmd.briefing import (
    DEFAULT_SECTIONS,
    DOCX_MIME,
    MARKDOWN_MIME,
    SECTIONS,
    BriefingError,
    BriefingRequest,
    compose,
    to_docx,
    to_markdown,
)
from gfmd.record.reference import theme_label
from gfmd.tables.links import names, unknown_notices
from gfmd.text.messages import in_language, t, tn

THEMES_KEY = "b_theme"
SECTIONS_KEY = "b_sections"
MAX_TEXT = 200

ctx = current()
themes = {tid: theme_label(theme) for tid, theme in ctx.dataset.themes.items()}
lo, hi = ctx.year_bounds
known_themes = theme_names(ctx.dataset)
known_sections = names(SECTIONS, lambda s: t(f"briefing.section.{s}"))
unusable = address.seed(THEMES_KEY, known_themes, default=ctx.filters.themes)
notices = unknown_notices(unusable, known_themes, "theme")
unusable = address.seed(SECTIONS_KEY, known_sections, default=DEFAULT_SECTIONS)
notices += unknown_notices(unusable, known_sections, "section")


def choose_theme(theme: str) -> None:
    st.session_state[THEMES_KEY] = [theme]


st.title(t("briefing.title"))
st.caption(t("briefing.intro"))
address.notice(notices)

with st.form("briefing-form", enter_to_submit=False):
    left, right = st.columns(2)
    chosen = left.multiselect(
        t("briefing.input.themes"), list(themes), format_func=themes.__getitem__,
        placeholder=t("briefing.input.themes.placeholder"), key=THEMES_KEY,
    )
    years = right.slider(
        t("briefing.input.years"), min_value=lo, max_value=max(hi, lo + 1),
        value=ctx.filters.years or (lo, hi), key="b_years", bind="query-params",
    )
    meeting = left.text_input(
        t("briefing.input.meeting"), max_chars=MAX_TEXT,
        placeholder=t("briefing.input.meeting.placeholder"), key="b_meeting",
        bind="query-params",
    )
    meeting_date = right.date_input(
        t("briefing.input.meeting_date"), value=None, format="YYYY-MM-DD", key="b_date",
        bind="query-params",
    )
    prepared_by = left.text_input(
        t("briefing.input.prepared_by"), max_chars=MAX_TEXT,
        placeholder=t("briefing.input.prepared_by.placeholder"), key="b_by",
        bind="query-params",
    )
    classification = right.text_input(
        t("briefing.input.classification"), max_chars=MAX_TEXT,
        placeholder=t("briefing.input.classification.placeholder"), key="b_class",
        bind="query-params",
    )
    sections = st.pills(
        t("briefing.input.sections"), SECTIONS, selection_mode="multi",
        format_func=lambda s: t(f"briefing.section.{s}"),
        help=t("briefing.input.sections.help"), key=SECTIONS_KEY,
    )
    short = st.toggle(t("briefing.input.short"), help=t("briefing.input.short.help"),
                      key="b_short", bind="query-params")
    st.form_submit_button(t("briefing.build"), type="primary", icon="📝")
st.caption(t("briefing.input.defaults"))
address.keep(THEMES_KEY, chosen)
address.keep(SECTIONS_KEY, sections, default=DEFAULT_SECTIONS)

request = BriefingRequest(
    themes=tuple(chosen), years=(int(years[0]), int(years[1])), meeting=meeting,
    meeting_date=meeting_date, sections=tuple(sections), version=ctx.bundle.version,
    short=short, prepared_by=prepared_by, classification=classification,
)
try:
    briefing = compose(ctx.dataset, request)
except BriefingError as exc:
    st.info(md(exc.message))
    if exc.suggestions:
        # Only a few, so they say what they are: not the full list, which the theme box has.
        st.caption(tn("briefing.suggest.most" if not chosen else "briefing.suggest.near",
                      len(exc.suggestions)))
        with st.container(horizontal=True, key="briefing-suggestions"):
            for tid in exc.suggestions:
                st.button(md(themes[tid]), key=f"briefing-suggest-{tid}",
                          on_click=choose_theme, args=(tid,))
else:
    markdown = to_markdown(briefing)
    docx_button, md_button = st.columns(2)
    docx_button.download_button(
        t("briefing.download.docx"), data=in_language(lambda: to_docx(briefing)),
        file_name=briefing.file_name("docx"), mime=DOCX_MIME, key="briefing-docx",
        on_click="ignore", icon="⬇️", type="primary",
    )
    md_button.download_button(
        t("briefing.download.md"), data=markdown.encode("utf-8"),
        file_name=briefing.file_name("md"), mime=MARKDOWN_MIME, key="briefing-md",
        on_click="ignore", icon="⬇️",
    )
    st.caption(t("briefing.download.help"))
    st.header(t("briefing.preview"))
    with st.container(border=True, key="briefing-preview"):
        # Data text is escaped by the renderer, with the same escaper as md(); the note's
        # headings sit below the page's (one H1 per page).
        st.markdown(to_markdown(briefing, top=3))

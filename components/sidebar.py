"""The shared filters in the sidebar, bound to the URL so a copied link reopens the view."""

from __future__ import annotations

import streamlit as st

from components import address
from components.blocks import TABLE_STYLE
from gfmd.record.dataset import Dataset
from gfmd.record.reference import theme_label
from gfmd.record.vocab import kind_label, role_label
from gfmd.tables.filters import MAX_SEARCH, Filters
from gfmd.tables.links import URL_KEYS, Names, kind_names, names, role_names, url_notices
from gfmd.text.messages import t

_NOTICE_KEY = "_gfmd_url_notices"

# What the theme cannot set (WCAG 2.1 AA, tests/browser/test_accessibility.py):
# - captions are drawn at 60 % opacity, grey at 3.9:1 on white; 75 % gives 6:1;
# - keyboard focus on menu links, slider thumbs, buttons and expanders is a faint
#   shadow; a solid outline shows where the focus is (WCAG 2.4.7);
# - a wide Markdown table (the briefing preview) scrolls inside itself on a phone, not
#   the whole page;
# - the table block's tables (components/blocks.py, TABLE_STYLE): words whole, a desktop
#   table scrolling in its own region, a card a row on a phone.
PAGE_STYLE = f"""<style>
[data-testid="stCaptionContainer"] {{ opacity: 0.75; }}
[data-testid="stMarkdownContainer"] table {{ display: block; max-width: 100%; overflow-x: auto; }}
{TABLE_STYLE}
a:focus-visible, button:focus-visible, summary:focus-visible, [role="slider"]:focus-visible,
[role="option"]:focus-visible, input:focus-visible, [tabindex]:focus-visible {{
  outline: 3px solid #0b57d0 !important; outline-offset: 2px;
}}
</style>"""


def theme_names(dataset: Dataset) -> Names:
    """Each theme's id and its label in every language: what a link may carry for it."""
    return names(dataset.themes, lambda tid: theme_label(dataset.themes[tid]))


def _check_url_once(bounds: tuple[int, int], themes: Names) -> None:
    """On a session's first run, note URL values the widgets will drop or cannot use."""
    if _NOTICE_KEY in st.session_state:
        return
    params = {key: st.query_params.get_all(key) for key in URL_KEYS.values()}
    st.session_state[_NOTICE_KEY] = url_notices(params, bounds, themes)


def _reset() -> None:
    for key in URL_KEYS.values():
        st.session_state.pop(key, None)


def shared_filters(dataset: Dataset, bounds: tuple[int, int]) -> Filters:
    """Draw the sidebar filters and return what they select."""
    known = {URL_KEYS["roles"]: role_names(), URL_KEYS["themes"]: theme_names(dataset),
             URL_KEYS["kinds"]: kind_names()}
    _check_url_once(bounds, known[URL_KEYS["themes"]])
    for key, ids in known.items():  # these travel by id (components.address)
        address.seed(key, ids)
    themes = {theme.id: theme_label(theme) for theme in dataset.themes.values()}
    lo, hi = bounds
    with st.sidebar:
        st.html(PAGE_STYLE)
        st.header(t("filters.header"))
        st.caption(t("filters.help"))
        years = st.slider(
            t("filters.years"), min_value=lo, max_value=max(hi, lo + 1), value=(lo, hi),
            key=URL_KEYS["years"], bind="query-params",
        )
        roles = st.multiselect(
            t("filters.roles"), list(known[URL_KEYS["roles"]]), format_func=role_label,
            placeholder=t("filters.roles.placeholder"), key=URL_KEYS["roles"],
        )
        chosen_themes = st.multiselect(
            t("filters.themes"), list(themes), format_func=themes.__getitem__,
            placeholder=t("filters.themes.placeholder"), key=URL_KEYS["themes"],
        )
        kinds = st.multiselect(
            t("filters.kinds"), list(known[URL_KEYS["kinds"]]), format_func=kind_label,
            placeholder=t("filters.kinds.placeholder"), key=URL_KEYS["kinds"],
        )
        text = st.text_input(
            t("filters.search"), max_chars=MAX_SEARCH, placeholder=t("filters.search.placeholder"),
            key=URL_KEYS["text"], bind="query-params",
        )
        st.button(t("filters.reset"), on_click=_reset, type="tertiary")
    for key, chosen in ((URL_KEYS["roles"], roles), (URL_KEYS["themes"], chosen_themes),
                        (URL_KEYS["kinds"], kinds)):
        address.keep(key, chosen)
    start, end = sorted((int(years[0]), int(years[1])))  # a reversed URL range is swapped
    # The full range restricts nothing: rows outside it (later summits) stay visible.
    return Filters(
        years=None if (start, end) == (lo, hi) else (start, end), roles=tuple(roles),
        themes=tuple(chosen_themes), kinds=tuple(kinds), text=text.strip(),
    )


def url_notice() -> None:
    """A small notice naming URL values that were replaced by defaults."""
    address.notice(st.session_state.get(_NOTICE_KEY) or [])

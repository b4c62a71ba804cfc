"""The reader's language: chosen in the sidebar, kept in the address (`?lang=fr`) so a
shared link opens in the sender's language, and taken from the browser when the link has
none. The document's `lang` and `dir` follow it (a screen reader then reads French and
Arabic in their own voice); Arabic turns the page right to left while charts and maps keep
time running left to right. One place for all of it."""

from __future__ import annotations

import streamlit as st

from gfmd.text.messages import LANGUAGES, is_rtl, language, set_language, t

URL_KEY = "lang"
# Each language is offered in its own name, which is never translated.
ENDONYMS = {"en": "English", "fr": "Français", "ar": "العربية"}

# Right to left for the page body, the sidebar and tables; charts, the map and code keep
# their own direction (a time axis runs left to right in Arabic documents too).
# The frame itself keeps Streamlit's own left-to-right layout, the sidebar on the left
# (language review S2): its phone sidebar slides in from the left and breaks when the
# whole frame is mirrored; the document says rtl, and the sidebar's content reads right
# to left. Streamlit aligns each element's box and its list items to the left in
# physical terms (`text-align: left`, `margin-left` on `li`): under rtl, headings, short
# paragraphs, captions and bullets would sit on the wrong side (review S1, walk F26), so
# they are aligned to the start and indented on the start side instead.
_RTL_CSS = """
<style>
[data-testid="stApp"] { direction: ltr; }
[data-testid="stMain"], [data-testid="stSidebar"] { direction: rtl; text-align: right; }
:is([data-testid="stMain"], [data-testid="stSidebar"]) :is([data-testid="stElementContainer"],
  [data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"], h1, h2, h3, h4, p,
  ul, ol, li) { text-align: start; }
:is([data-testid="stMain"], [data-testid="stSidebar"]) [data-testid="stMarkdownContainer"] li {
  margin-left: 0; margin-right: 1.15em; padding-left: 0; padding-right: 0.3em;
}
[data-testid="stPlotlyChart"], [data-testid="stDeckGlJsonChart"], .stCode, code,
[data-testid="stSlider"] [data-baseweb="slider"], #js-plotly-tester { direction: ltr; }
.stCode, .stCode code { text-align: left; }
</style>
"""
# static/document_language.js, served by Streamlit from the app's origin (a CSP of
# script-src 'self' allows it, an inline script it would not); its element takes no room.
_LANGUAGE_SCRIPT = "app/static/document_language.js"
_HIDE_SCRIPT_CSS = """
<style>
[data-testid="stElementContainer"]:has(script[src$="/document_language.js"]) { display: none; }
</style>
"""


# A headline figure's label wraps instead of being cut with "…": French and Arabic labels
# run longer than English ones (« Tables rondes coprésidées », «موائد مستديرة شارك في
# رئاستها»), and a cut one says something else (language review S7, walk review F20).
_WHOLE_LABELS_CSS = """
<style>
[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"],
[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"] p {
  white-space: normal; overflow: visible; text-overflow: clip;
}
</style>
"""


def _from_browser() -> str:
    """The browser's language when it is one we offer ("fr-FR" -> "fr"), else English."""
    locale = st.context.locale or ""
    code = locale.replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else "en"


def _keep_in_address() -> None:
    """The address carries the code (`?lang=fr`), not the name the switch shows."""
    st.query_params[URL_KEY] = st.session_state[URL_KEY]


def choose() -> str:
    """Draw the language switch and use its language for the rest of this run: the link's
    language first, then the reader's last choice, then the browser's."""
    offered = [code for code in ENDONYMS if code in LANGUAGES]
    linked = st.query_params.get(URL_KEY)
    if linked in offered:
        st.session_state[URL_KEY] = linked
    elif URL_KEY not in st.session_state:
        st.session_state[URL_KEY] = _from_browser()
    set_language(st.session_state[URL_KEY])  # the switch's own label is translated too
    with st.sidebar:
        lang = st.segmented_control(
            t("language.label"), offered, format_func=ENDONYMS.__getitem__, key=URL_KEY,
            required=True, on_change=_keep_in_address,
        )
    lang = lang or "en"
    if st.query_params.get(URL_KEY) != lang:  # page links drop it; the address keeps it
        st.query_params[URL_KEY] = lang
    set_language(lang)
    return lang


def _script_url() -> str:
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return "/" + "/".join(part for part in (base, _LANGUAGE_SCRIPT) if part)


def apply_direction() -> None:
    """Give the document the reader's language and direction (`<html lang dir>`), and lay
    the page out right to left when the language is written so."""
    direction = "rtl" if is_rtl() else "ltr"
    st.html(_HIDE_SCRIPT_CSS + _WHOLE_LABELS_CSS + (_RTL_CSS if is_rtl() else ""))
    st.html(f'<script src="{_script_url()}" data-lang="{language()}" '
            f'data-dir="{direction}"></script>', unsafe_allow_javascript=True)

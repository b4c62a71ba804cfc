"""Data text is shown as text: helpers for the few places that render Markdown.

Streamlit interprets Markdown (and `$…$` as LaTeX) in `st.markdown`, `st.info`, captions
and labels. Anything from a data file or a URL passes through `md()` first; tables and
`st.text` show text literally and need nothing.
"""

from __future__ import annotations

import html
import re

_MD_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$~:=])")


def md(text: object) -> str:
    """Escape every Markdown, LaTeX and HTML-significant character in `text`."""
    return _MD_SPECIALS.sub(r"\\\1", str(text)).replace("\n", " ")


def plotly_text(text: object) -> str:
    """Plotly renders a subset of HTML in labels and hovers; show data text literally."""
    return html.escape(str(text), quote=False)

"""Data text is shown as text: helpers for the few places that render Markdown or HTML.

Streamlit interprets Markdown (and `$…$` as LaTeX) in `st.markdown`, `st.info`, captions
and labels. Anything from a data file or a URL passes through `md()` first; tables and
`st.text` show text literally and need nothing. On a right-to-left page `md()` also
isolates the left-to-right runs (English titles) so they read whole and in order.
"""

from __future__ import annotations

import html

from gfmd.text.markdown import escape, isolate_ltr
from gfmd.text.messages import is_rtl

__all__ = ["md", "plotly_text"]


def md(text: object) -> str:
    """`text` as literal Markdown for the page, opposite-direction runs isolated."""
    out = escape(text)
    return isolate_ltr(out) if is_rtl() else out


def plotly_text(text: object) -> str:
    """Plotly renders a subset of HTML in labels and hovers; show data text literally."""
    return html.escape(str(text), quote=False)

"""Data text is shown as text: helpers for the few places that render Markdown or HTML.

Streamlit interprets Markdown (and `$…$` as LaTeX) in `st.markdown`, `st.info`, captions
and labels. Anything from a data file or a URL passes through `md()` first; tables and
`st.text` show text literally and need nothing.
"""

from __future__ import annotations

import html

from gfmd.text.markdown import escape as md

__all__ = ["md", "plotly_text"]


def plotly_text(text: object) -> str:
    """Plotly renders a subset of HTML in labels and hovers; show data text literally."""
    return html.escape(str(text), quote=False)

"""A briefing note on one or more themes: what the country did, in which roles, where,
with what money, the national facts worth citing, the caveats, and numbered sources.

The package composes plain data (`model`), chosen by `selection` and `themes`, read as
one list of events (`events`) and gathered once as the note's `facts`, written by one
plain function per section (`sections`: key messages first), and rendered as Markdown or
Word (`render_*`). The page preview, the Word file and the Markdown file are three views
of one object; the Overview's "Since the last forum" is written by the note's own words
(`sections.since.last_forum`) and drawn by the same Markdown renderer.
"""

from gfmd.briefing.compose import compose
from gfmd.briefing.model import (
    DEFAULT_SECTIONS,
    SECTIONS,
    Briefing,
    BriefingError,
    BriefingRequest,
    Bullets,
    Paragraph,
    Sentence,
    Span,
    Subheading,
    Table,
    UnknownTheme,
    cited,
)
from gfmd.briefing.render_docx import DOCX_MIME, to_docx
from gfmd.briefing.render_markdown import MARKDOWN_MIME, blocks_to_markdown, to_markdown
from gfmd.briefing.sections.since import last_forum
from gfmd.briefing.selection import clamp_years
from gfmd.briefing.text import plain
from gfmd.briefing.themes import nearest_themes, resolve_themes

__all__ = [
    "DEFAULT_SECTIONS",
    "DOCX_MIME",
    "MARKDOWN_MIME",
    "SECTIONS",
    "Briefing",
    "BriefingError",
    "BriefingRequest",
    "Bullets",
    "Paragraph",
    "Sentence",
    "Span",
    "Subheading",
    "Table",
    "UnknownTheme",
    "blocks_to_markdown",
    "cited",
    "clamp_years",
    "compose",
    "last_forum",
    "nearest_themes",
    "plain",
    "resolve_themes",
    "to_docx",
    "to_markdown",
]

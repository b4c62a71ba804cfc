"""Does escaped text render literally? Asked of a real CommonMark renderer (markdown-it-py,
with GFM tables and strikethrough), not of a list of characters."""

from __future__ import annotations

from markdown_it import MarkdownIt

_RENDERER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_BLOCKS = {"paragraph_open", "paragraph_close", "inline"}


def rendered_text(markdown: str) -> tuple[str, set[str]]:
    """The text a reader sees, and every kind of markup token the renderer produced."""
    tokens = _RENDERER.parse(markdown)
    kinds = {tok.type for tok in tokens} - _BLOCKS
    text = []
    for tok in tokens:
        for child in tok.children or ():
            kinds.add(child.type)
            if child.type in ("text", "softbreak"):
                text.append(child.content if child.type == "text" else " ")
    return "".join(text), kinds - {"text", "softbreak"}


def renders_literally(escaped: str, original: str) -> bool:
    """`escaped`, rendered as a paragraph, shows `original` and no markup at all."""
    text, markup = rendered_text(escaped)
    return text == " ".join(original.split("\n")) and not markup

"""Does escaped text render literally? Asked of a real CommonMark renderer (markdown-it-py,
with GFM tables and strikethrough), not of a list of characters."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from gfmd.text.markdown import NO_LINK

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
    """`escaped`, rendered as a paragraph, shows `original` (and maybe the escaper's
    invisible word joiners) and no markup at all."""
    text, markup = rendered_text(escaped)
    return text.replace(NO_LINK, "") == " ".join(original.split("\n")) and not markup


# The web "autolink literals" of GFM as remark-gfm finds them in each text node once the
# Markdown is parsed (mdast-util-gfm-autolink-literal, in Streamlit's StreamlitMarkdown
# bundle): an address or a www. name, escaped or not (e-mail addresses, which make
# mailto: links, are left whole on purpose: gfmd/text/markdown.py). Stricter than remark
# (which also checks the character before and the domain), never more lenient; any
# scheme, as GitHub's cmark-gfm also links ftp://.
_GFM_URL = re.compile(r"([a-z]+://|www(?=\.))([-.\w]+)([^ \t\r\n]*)", re.IGNORECASE | re.ASCII)


def autolinks(markdown: str) -> list[str]:
    """What a GFM renderer would make a web link of in the text of `markdown`, outside the
    links the Markdown itself writes (`[label](url)`, `<url>`)."""
    found, in_link = [], False
    for tok in _RENDERER.parse(markdown):
        for child in tok.children or ():
            in_link = {"link_open": True, "link_close": False}.get(child.type, in_link)
            if child.type == "text" and not in_link:
                found += [m.group() for m in _GFM_URL.finditer(child.content)]
    return found

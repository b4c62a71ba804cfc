"""The one Markdown escaper, for data text placed in Markdown: Streamlit's pages and the
Markdown briefing.

It escapes only what would change the rendering where the text stands, so a raw
Markdown briefing reads as plain prose ("roundtable 2.1", "Co-chair") while a title can
still never open a heading, a list, a link, emphasis, code, a table cell, HTML, a
Streamlit directive (`:red[…]`, `:smile:`) or LaTeX (`$…$`). Nor a bare address:
Streamlit's Markdown and GitHub's (GFM) make links of `https://…` and `www.…` in plain
text, escaped or not, so a word joiner goes inside each.
"""

from __future__ import annotations

import re
import unicodedata

# Characters XML (and so Word) cannot hold; they have no business in a document either.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# Inline markup anywhere: escapes, code, emphasis, links, images, table cells, LaTeX,
# strikethrough. An underscore inside a word ("snake_case") emphasises nothing.
_INLINE = re.compile(r"([\\`*\[\]|$~]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9]))")
# "<" opens HTML, a comment or an autolink only before a name, "/", "!" or "?"; its ">"
# is escaped with it, so no tag survives even a renderer that ignores the first escape.
_TAG = re.compile(r"<(?=[A-Za-z/!?])")
_TAG_END = re.compile(r"(?<=[A-Za-z0-9\"'/])>")
# An HTML entity would be decoded ("&amp;" shows "&"): escape "&" only before one.
_ENTITY = re.compile(r"&(?=#?\w+;)")
# A Streamlit emoji, icon or colour directive starts with ":" followed by a name.
_DIRECTIVE = re.compile(r":(?=[A-Za-z/])")
# Block markup counts only at the start of the text (it may start a line or list item):
# headings, block quotes, bullets, thematic breaks, setext underlines, ordered lists.
_BLOCK_START = re.compile(r"^(\s*)(#|>|[-+=](?=\s|[-+=]|$)|\d+(?=[.)](?:\s|$)))")
# GFM's "autolink literals" are found in the text after escapes are resolved (remark-gfm,
# which Streamlit uses, matches `https?://` and `www.` in each text node), so no backslash
# can stop them. A word joiner (U+2060: invisible, no line break, refused in the record's
# text, so only the escaper puts it there) between `:` and `//` and inside `www.` leaves
# the text reading the same and makes no link. An e-mail address is left whole: its
# mailto: link opens no page, and a joiner would go with the address into a mail program
# when a reader copies it (a reviewer's, the sign-in's).
NO_LINK = "\u2060"
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=[Ww]{3})(?=\.)")


def clean(text: str) -> str:
    """Text on one line, without characters XML cannot hold."""
    text = _FORBIDDEN.sub("", text)
    return text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


def escape(text: object) -> str:
    """`text` as literal Markdown, on one line: what the reader typed or the data holds."""
    out = clean(str(text))
    out = _INLINE.sub(r"\\\1", out)
    out = _TAG.sub(r"\\<", out)
    out = _TAG_END.sub(r"\\>", out)
    out = _ENTITY.sub(r"\\&", out)
    out = _DIRECTIVE.sub(r"\\:", out)
    out = _AUTOLINK.sub(NO_LINK, out)
    match = _BLOCK_START.match(out)
    if match:
        lead, mark = match.group(1), match.group(2)
        if mark[0].isdigit():  # "2018. A year" would start an ordered list at 2018
            rest = out[match.end():]
            out = f"{lead}{mark}\\{rest}"
        else:
            out = f"{lead}\\{mark}{out[match.end():]}"
    return out


# First strong isolate and pop directional isolate (U+2068, U+2069): refused in the
# record's text (gfmd.record.types.UNSEEN), so only `isolate_ltr` puts them there.
FSI, PDI = "\u2068", "\u2069"
_CLOSING = {")": "(", "]": "[", "»": "«", "”": "“"}


def isolate_ltr(text: str) -> str:
    """Each left-to-right run inside right-to-left text (an English title in an Arabic
    caption) between isolates, so the bidi algorithm lays it out whole, in its own order:
    without them a title's closing bracket or its neighbours' punctuation is read as
    Arabic and jumps across the line (walk review F28). A run goes from its first to its
    last left-to-right letter before the next Arabic letter, with the digits glued to them
    and the brackets it opened or that enclose it."""
    kinds = [unicodedata.bidirectional(ch) for ch in text]
    out: list[str] = []
    i = 0
    while i < len(text):
        if kinds[i] != "L":
            out.append(text[i])
            i += 1
            continue
        end = i
        j = i
        while j < len(text) and kinds[j] not in ("R", "AL"):
            if kinds[j] == "L":
                end = j
            j += 1
        # A word is whole: digits glued to its letters ("002331fbf7e9") go with it.
        while out and out[-1].isalnum() and kinds[i - 1] not in ("R", "AL"):
            out.pop()
            i -= 1
        while end + 1 < len(text) and text[end + 1].isalnum() and \
                kinds[end + 1] not in ("R", "AL"):
            end += 1
        # Brackets the run opened close inside it, if they close before the next Arabic letter.
        depth = sum(text[i:end + 1].count(o) - text[i:end + 1].count(c)
                    for c, o in _CLOSING.items())
        k = end + 1
        while depth > 0 and k < len(text) and kinds[k] not in ("R", "AL"):
            if text[k] in _CLOSING.values():
                depth += 1
            elif text[k] in _CLOSING:
                depth -= 1
                end = k if depth == 0 else end
            k += 1
        if j == len(text):  # no Arabic after it: its closing punctuation ("…nexus?") too
            end = max(end, len(text.rstrip()) - 1)
        opener = text[i - 1] if i else ""
        if opener in _CLOSING.values():  # "(Media Enquête 24)": enclosing brackets go with it
            depth, k = 1, i
            while k < len(text) and kinds[k] not in ("R", "AL"):
                depth += (text[k] in _CLOSING.values()) - (text[k] in _CLOSING)
                if depth == 0:
                    break
                k += 1
            if k < len(text) and depth == 0:
                out.pop()
                i -= 1
                if out and out[-1] == "\\":  # an escape stays with what it escapes
                    out.pop()
                    i -= 1
                end = max(end, k)
        run = text[i:end + 1]
        out.append(f"{FSI}{run}{PDI}")
        i = end + 1
    return "".join(out)


_URL_UNSAFE = {ord(c): f"%{ord(c):02X}" for c in "()<> \"'`\\[]"}


def link(text: object, url: str | None) -> str:
    """A Markdown link to a public web address with `text` as its literal label; the
    label alone when the address is not http(s), so no other kind of link is ever made."""
    label = escape(text)
    target = (url or "").strip()
    if not re.fullmatch(r"https?://[^\s\x00-\x1f]+", target, re.IGNORECASE):
        return label
    # Inside a link's label no address becomes a link of its own: no joiner is needed.
    return f"[{label.replace(NO_LINK, '')}]({target.translate(_URL_UNSAFE)})"

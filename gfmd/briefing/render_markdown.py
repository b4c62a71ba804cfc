"""A `Briefing` as Markdown that reads as plain prose in a text editor.

Data text passes through the one Markdown escaper (`gfmd.text.markdown.escape`), which
escapes only what would change the rendering, so a title can never open markup while
"roundtable 2.1" stays as it is. Source URLs are autolinks, percent-encoded so they close.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from urllib.parse import quote

from gfmd.briefing.model import (
    Block,
    Briefing,
    Bullets,
    Paragraph,
    Sentence,
    SourceEntry,
    Spans,
    Subheading,
    Table,
)
from gfmd.text.markdown import clean, escape
from gfmd.text.messages import t, use_language

MARKDOWN_MIME = "text/markdown"

# Characters a URL keeps in an autolink; the rest (spaces, <, >, quotes) are %-encoded.
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"


def _md_spans(spans: Spans) -> str:
    return "".join(escape(s.text) if s.data else s.text for s in spans)


# Writes the source numbers of a sentence or a row: '[1, 3]', or '' for none.
Refs = Callable[[Iterable[str]], str]


def _md_sentences(refs: Refs, sentences: Iterable[Sentence]) -> str:
    parts = []
    for sentence in sentences:
        cited = refs(sentence.sources)
        parts.append(f"{_md_spans(sentence.spans)} {cited}" if cited
                     else _md_spans(sentence.spans))
    return " ".join(parts)


def _md_table(refs: Refs, table: Table) -> list[str]:
    columns = [*table.columns, t("briefing.col.sources")]
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in table.rows:
        cells = [_md_spans(cell) for cell in row.cells] + [refs(row.sources)]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _md_blocks(blocks: Iterable[Block], h3: str, refs: Refs) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        lines.append("")
        if isinstance(block, Subheading):
            lines.append(f"{h3} {block.text}")
        elif isinstance(block, Paragraph):
            lines.append(_md_sentences(refs, block.sentences))
        elif isinstance(block, Bullets):
            lines += [f"- {_md_sentences(refs, item.sentences)}" for item in block.items]
        elif isinstance(block, Table):
            lines += _md_table(refs, block)
    return lines


def blocks_to_markdown(blocks: Iterable[Block], heading: int = 3) -> str:
    """Blocks outside a note, as a page shows them: written as the note writes them
    (data text escaped), subheadings at level `heading`, without source numbers, since
    there is no numbered list for them to point to."""
    return "\n".join(_md_blocks(blocks, "#" * heading, lambda _: "")).strip("\n")


def _md_source(entry: SourceEntry) -> str:
    text = f"{entry.number}. {escape(stop(entry.title))} "
    text += escape(stop(entry.publisher))
    if entry.url:
        # An autolink: shown as written, never parsed; percent-encoding keeps it closed.
        text += f" <{quote(clean(entry.url), safe=_URL_SAFE)}>"
    return f"{text} {t(f'briefing.source.kind.{entry.kind}')}"


def stop(text: str) -> str:
    """Text ending with a full stop, unless it already ends a sentence ('…?')."""
    text = text.rstrip()
    return text if text.endswith((".", "?", "!")) else text + "."


def to_markdown(b: Briefing, top: int = 1) -> str:
    """The briefing as GitHub-flavoured Markdown, in its own language; its title is a
    heading of level `top` (2 inside a page whose own title is the level-1 heading)."""
    with use_language(b.language):
        return _markdown(b, top)


def _markdown(b: Briefing, top: int) -> str:
    h1, h2, h3 = ("#" * (top + i) for i in range(3))
    lines = [f"{h1} {b.title}", ""]
    if b.classification:
        lines += [f"**{escape(b.classification)}**", ""]
    lines += [f"- **{t('format.label', label=label)}** {_md_spans(value)}"
              for label, value in b.details]
    for section in b.sections:
        lines += ["", f"{h2} {section.heading}", *_md_blocks(section.blocks, h3, b.refs)]
    lines += ["", f"{h2} {t('briefing.section.sources')}", ""]
    lines += [_md_source(entry) for entry in b.sources]
    lines += ["", "---", "", footer(b)]
    return "\n".join(lines) + "\n"


def footer(b: Briefing) -> str:
    """The small print: what the document is and, when known, the data version."""
    parts = [t("briefing.doc.footer")]
    if b.version:
        parts.append(t("briefing.doc.data_version", version=b.version))
    return " · ".join(parts)

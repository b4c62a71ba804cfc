"""The one Markdown escaper: data text renders literally (checked by a real CommonMark
renderer) and plain prose stays plain, so a raw Markdown briefing reads well."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from gfmd.text.markdown import escape, link
from tests.markdown_check import rendered_text, renders_literally

PLAIN_PROSE = [
    "roundtable 2.1",
    "Co-chair",
    "Recruitment, labour migration and diaspora: Improving outcomes",
    "USD 48,342 (Left-over)",
    "Morocco's co-chair, 2017–2018.",
    "a < b and c > d",
    "AT&T",
    "10:30",
    "snake_case",
    "Taliouine (Taroudant), Morocco",
]

MARKUP = [  # each of these renders as markup when not escaped
    "<script>alert(1)</script>",
    "**bold** and *em* and _em_",
    "[link](http://example.org) ![img](x.png)",
    "# heading", "## heading", "> quote", "- item", "+ item", "* item", "1. item",
    "2018) item", "---",
    "`code`", "``code``", "~~struck~~",
    "&amp; &#60; &lt;", "<!-- comment -->", "<http://autolink.org>",
]
# Literal alone, but markup in context: a pipe inside a table row, "===" under a line;
# and characters that must survive the escaper unchanged in meaning.
CONTEXTUAL = ["a | b | c", "===", "back\\slash", "line\nbreak", "=1+1", "@SUM(A1)"]
HOSTILE = MARKUP + CONTEXTUAL

STREAMLIT = [  # Streamlit's own directives and LaTeX, which CommonMark does not know
    (":red[danger]", "\\:red\\[danger\\]"),
    (":smile:", "\\:smile:"),
    (":material/home:", "\\:material/home:"),
    ("$x^2$", "\\$x^2\\$"),
]


@pytest.mark.parametrize("text", PLAIN_PROSE)
def test_plain_prose_is_left_as_it_is(text: str) -> None:
    assert escape(text) == text


@pytest.mark.parametrize("text", HOSTILE + PLAIN_PROSE)
def test_data_text_renders_literally(text: str) -> None:
    assert renders_literally(escape(text), text)


@pytest.mark.parametrize("text", MARKUP)
def test_the_markup_cases_are_real(text: str) -> None:
    """Each case changes the rendering when not escaped, so the test above means something."""
    assert not renders_literally(text, text)


def test_a_pipe_cannot_split_a_table_cell() -> None:
    table = f"| a | b |\n|---|---|\n| {escape('x | y')} | z |\n"
    assert "x | y" in rendered_text(table)[0]


@pytest.mark.parametrize(("text", "expected"), STREAMLIT)
def test_streamlit_directives_and_latex_are_escaped(text: str, expected: str) -> None:
    assert escape(text) == expected


def test_one_line_and_no_xml_forbidden_characters() -> None:
    assert escape("a\r\nb\x00c\x0bd") == "a bcd"


@pytest.mark.parametrize("url", [
    "https://example.org/a_(b)", "https://example.org/x?a=1&b=[2]",
    "https://example.org/<script>", "https://example.org/x)](javascript:alert(1)",
])
def test_a_link_goes_where_its_address_says_and_reads_literally(url: str) -> None:
    tokens = MarkdownIt("commonmark").parseInline(link("*a* [b]", url))[0].children
    opened = [tok for tok in tokens if tok.type == "link_open"]
    assert len(opened) == 1
    href = opened[0].attrs["href"]
    assert href.startswith("https://example.org/") and "javascript" not in href.split("/")[2]
    assert "".join(tok.content for tok in tokens if tok.type == "text") == "*a* [b]"

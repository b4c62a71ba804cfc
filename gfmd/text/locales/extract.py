"""Babel extraction method for the English catalogue (`babel.cfg`): each entry of
`gfmd.text.messages.EN` becomes a gettext message whose context is the id and whose msgid is the
English, so `pybabel update` marks a translation fuzzy when its English changes and the
translator reads the English. A counted pair (`id.one`, `id.other`) becomes one plural
message with context `id`. A comment right above an entry that starts with a comment tag
(`-c Translators:`) is passed on to the translator."""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

CATALOGUE = "EN"


Extracted = tuple[int, str, tuple[str, ...], list[str]]


def _entries(tree: ast.Module) -> ast.Dict:
    for node in tree.body:
        target = node.targets[0] if isinstance(node, ast.Assign) else getattr(node, "target", None)
        named = isinstance(target, ast.Name) and target.id == CATALOGUE
        if named and isinstance(node.value, ast.Dict):
            return node.value
    raise ValueError(f"no `{CATALOGUE} = {{...}}` dict in the file")


def _comments_above(lines: list[str], lineno: int, tags: Collection[str]) -> list[str]:
    """The tagged comment directly above line `lineno` (1-based), its lines joined."""
    found: list[str] = []
    index = lineno - 2
    while index >= 0 and lines[index].strip().startswith("#"):
        text = lines[index].strip().lstrip("#").strip()
        found.insert(0, text)
        index -= 1
    start = next((i for i, text in enumerate(found) if any(text.startswith(t) for t in tags)),
                 len(found))
    return [" ".join(found[start:])] if start < len(found) else []


def extract_catalogue(fileobj: IO[bytes], keywords: Collection[str],
                      comment_tags: Collection[str],
                      options: Mapping[str, Any]) -> Iterator[Extracted]:
    """(line, function, messages, comments) as Babel's extractors yield them: `pgettext`
    (id, English) for a message, `npgettext` (id, English one, English other) for a pair."""
    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    lines = source.splitlines()
    entries = _entries(ast.parse(source))
    texts: dict[str, tuple[str, int]] = {}
    for key, value in zip(entries.keys, entries.values, strict=True):
        if not isinstance(key, ast.Constant) or not isinstance(key.value, str):
            raise ValueError(f"line {value.lineno}: a message id must be a string")
        texts[key.value] = (ast.literal_eval(value), key.lineno)
    for key, (text, lineno) in texts.items():
        comments = _comments_above(lines, lineno, comment_tags)
        base, _, form = key.rpartition(".")
        if form in ("one", "other") and f"{base}.one" in texts and f"{base}.other" in texts:
            if form == "one":
                yield lineno, "npgettext", (base, text, texts[f"{base}.other"][0]), comments
            continue
        yield lineno, "pgettext", (key, text), comments

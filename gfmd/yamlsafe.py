"""Strict, safe YAML reading for hand-edited data files.

Data editors are not programmers, so the loader refuses what YAML 1.1 would silently
misread: only `true`/`false` are booleans (never `no`, `on`, `y`), only plain decimal
numbers are numbers (never `1:20` as 80, `0o17`, `1_000`), dates stay text for the model
to check, duplicate keys are errors, aliases are bounded, and nothing is ever constructed
beyond dicts, lists, text and numbers. Every node keeps its line so errors can point at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

MAX_FILE_BYTES = 512 * 1024
MAX_ALIASES = 20
MAX_NODES = 50_000


class YamlError(Exception):
    """A file that cannot be read as data; carries the 1-based line when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class _StrictResolver(BaseResolver):
    """Resolves only the scalars our fields use; everything else stays text."""


_StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf")
)
_StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^-?(?:0|[1-9][0-9]*)$"), list("-0123456789")
)
_StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^-?(?:0|[1-9][0-9]*)\.[0-9]+$"),
    list("-0123456789"),
)
_StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|)$"), ["~", "n", ""]
)

_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


class _StrictConstructor(SafeConstructor):
    """SafeConstructor that rejects duplicate keys and non-text keys."""

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, ScalarNode):
                raise YamlError("a key must be plain text", key_node.start_mark.line + 1)
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                raise YamlError(
                    f"the key '{key}' appears twice (first on line {seen[key]})", line
                )
            seen[key] = line
        return super().construct_mapping(node, deep=True)


try:  # libyaml's parser is ~10x faster; the pure-Python one is the fallback.
    from yaml.cyaml import CParser as _Parser  # `yaml` itself does not re-export it
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


class _StrictLoader(_Parser, _StrictConstructor, _StrictResolver):
    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _StrictConstructor.__init__(self)
        _StrictResolver.__init__(self)


def _check_tree(root: Node) -> None:
    """Refuse unknown tags and too many aliases before anything is constructed.

    An alias is the same node object reached twice; shared nodes are not walked again,
    so the walk stays linear even for a "billion laughs" document.
    """
    seen: set[int] = set()
    aliases = 0
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            aliases += 1
            if aliases > MAX_ALIASES:
                raise YamlError(
                    f"more than {MAX_ALIASES} aliases (*name); write the values out instead",
                    node.start_mark.line + 1,
                )
            continue
        seen.add(id(node))
        if len(seen) > MAX_NODES:
            raise YamlError(f"more than {MAX_NODES} values in one file")
        if node.tag not in _ALLOWED_TAGS:
            raise YamlError(
                f"the tag '{node.tag}' is not allowed in data files", node.start_mark.line + 1
            )
        if isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                stack.extend((key_node, value_node))
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)


_STR, _SEQ, _MAP = ("tag:yaml.org,2002:str", "tag:yaml.org,2002:seq",
                    "tag:yaml.org,2002:map")


class _Builder:
    """Builds the data from a checked tree in one walk, in the constructor's order.

    PyYAML's constructor (pure Python even with libyaml) spends most of a load in generic
    per-node machinery; nine values in ten are plain text, lists and dicts, built here
    directly. Anything else (numbers, booleans, nulls, a tag on the wrong kind of node) goes
    to the strict constructor itself, so values and error messages stay its own. Aliases
    share one object, as the constructor's cache does.
    """

    def __init__(self, loader: _StrictLoader) -> None:
        self._loader = loader
        self._built: dict[int, Any] = {}
        self._open: set[int] = set()

    def document(self, root: Node) -> Any:
        """The root mapping is registered before it is filled, as the constructor does, so
        an alias back to it is the same dict; any other root takes the constructor's path."""
        if root.tag != _MAP or not isinstance(root, MappingNode):
            return self._loader.construct_document(root)
        data: dict[Any, Any] = {}
        self._built[id(root)] = data
        data.update(self._mapping(root))
        return data

    def build(self, node: Node) -> Any:
        key = id(node)
        if key in self._built:
            return self._built[key]
        if key in self._open:
            raise YamlError("not valid YAML: found unconstructable recursive node",
                            node.start_mark.line + 1)
        tag = node.tag
        if tag == _STR and isinstance(node, ScalarNode):
            return node.value
        if tag == _MAP and isinstance(node, MappingNode):
            self._open.add(key)
            data = self._mapping(node)
        elif tag == _SEQ and isinstance(node, SequenceNode):
            self._open.add(key)
            data = [self.build(child) for child in node.value]
        else:
            return self._loader.construct_object(node, deep=True)
        self._open.discard(key)
        self._built[key] = data
        return data

    def _mapping(self, node: MappingNode) -> dict[Any, Any]:
        seen: dict[str, int] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, ScalarNode):
                raise YamlError("a key must be plain text", key_node.start_mark.line + 1)
            line = key_node.start_mark.line + 1
            if key_node.value in seen:
                raise YamlError(f"the key '{key_node.value}' appears twice "
                                f"(first on line {seen[key_node.value]})", line)
            seen[key_node.value] = line
        return {self.build(k): self.build(v) for k, v in node.value}


@dataclass(frozen=True)
class YamlDocument:
    """Parsed data plus the node tree, kept to find the line of any field."""

    data: Any
    root: Node

    def line_of(self, loc: tuple[str | int, ...]) -> int:
        """Line (1-based) of the deepest node along `loc` that exists."""
        node = self.root
        for part in loc:
            child = _child(node, part)
            if child is None:
                break
            node = child
        return node.start_mark.line + 1


def _child(node: Node, part: str | int) -> Node | None:
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == part:
                return value_node
    if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part]
    return None


def read_yaml(path: Path, max_bytes: int = MAX_FILE_BYTES) -> YamlDocument:
    """Read one YAML document from `path` strictly; raise YamlError with a line if it fails."""
    size = path.stat().st_size
    if size > max_bytes:
        raise YamlError(f"the file is {size:,} bytes; data files may be at most {max_bytes:,}")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlError(f"the file is not UTF-8 text (byte {exc.start})") from None
    return parse_yaml(text)


def parse_yaml(text: str) -> YamlDocument:
    """Parse text holding exactly one YAML document."""
    loader = _StrictLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise YamlError("the file is empty", 1)
        _check_tree(root)
        data = _Builder(loader).document(root)
    except YamlError:
        raise
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        if "another document" in (exc.problem or ""):
            message = "the file holds more than one document (a second '---')"
            raise YamlError(message, line) from None
        raise YamlError(f"not valid YAML: {_plain(exc.problem or str(exc))}", line) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"not valid YAML: {_plain(str(exc))}") from None
    finally:
        loader.dispose()
    return YamlDocument(data=data, root=root)


def _plain(message: str) -> str:
    return " ".join(message.split())

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


_STR, _SEQ, _MAP = ("tag:yaml.org,2002:str", "tag:yaml.org,2002:seq",
                    "tag:yaml.org,2002:map")

_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_NULL = "tag:yaml.org,2002:null"


class _StrictResolver(BaseResolver):
    """Only the scalars our fields use are typed; everything else stays text."""


_StrictResolver.yaml_implicit_resolvers = {}  # not the YAML 1.1 set BaseResolver starts with
for _tag, _pattern, _first in (
        (_BOOL, r"(?:true|false)\Z", "tf"),
        (_INT, r"-?(?:0|[1-9][0-9]*)\Z", "-0123456789"),
        (_FLOAT, r"-?(?:0|[1-9][0-9]*)\.[0-9]+\Z", "-0123456789"),
        (_NULL, r"(?:~|null|)\Z", ["~", "n", ""])):
    _StrictResolver.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


_ALLOWED_TAGS = {_STR, _SEQ, _MAP, _BOOL, _INT, _FLOAT, _NULL}


try:  # libyaml's parser is much faster; the pure-Python one is the fallback.
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


class _StrictLoader(_Parser, SafeConstructor, _StrictResolver):
    """The parser, and PyYAML's safe constructor for the scalars `_Builder` hands it
    (numbers, booleans, nulls, and a tag on the wrong kind of node, with its own message);
    text, lists and dicts never reach it."""

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        SafeConstructor.__init__(self)
        _StrictResolver.__init__(self)


class _Builder:
    """Checks the node tree and builds its data in one walk, in document order.

    Tags outside our scalars, lists and dicts are refused, and so are more than
    MAX_ALIASES aliases, more than MAX_NODES values, duplicate keys, keys that are not text
    and an alias inside the value it names. An alias is the same node met twice; its value
    is built once and shared, so the walk stays linear even for a "billion laughs" document.
    Numbers, booleans, nulls and a tag on the wrong kind of node go to PyYAML's safe
    constructor, so their values and error messages stay PyYAML's own.
    """

    def __init__(self, loader: _StrictLoader) -> None:
        self._loader = loader
        self._built: dict[int, Any] = {}  # every node met, by id: its value once built
        self._open: set[int] = set()  # lists and dicts being filled
        self._aliases = 0

    def build(self, node: Node) -> Any:
        key = id(node)
        if key in self._built:
            return self._alias(node, key)
        if len(self._built) >= MAX_NODES:
            raise YamlError(f"more than {MAX_NODES} values in one file")
        tag = node.tag
        if tag == _STR and isinstance(node, ScalarNode):
            self._built[key] = node.value
            return node.value
        if tag not in _ALLOWED_TAGS:
            raise YamlError(f"the tag '{tag}' is not allowed in data files",
                            node.start_mark.line + 1)
        self._built[key] = None
        if tag == _MAP and isinstance(node, MappingNode):
            self._open.add(key)
            data = self._mapping(node)
            self._open.discard(key)
        elif tag == _SEQ and isinstance(node, SequenceNode):
            self._open.add(key)
            data = [self.build(child) for child in node.value]
            self._open.discard(key)
        else:
            data = self._loader.construct_object(node, deep=True)
        self._built[key] = data
        return data

    def _alias(self, node: Node, key: int) -> Any:
        self._aliases += 1
        if self._aliases > MAX_ALIASES:
            raise YamlError(f"more than {MAX_ALIASES} aliases (*name); write the values out "
                            "instead", node.start_mark.line + 1)
        if key in self._open:
            raise YamlError("not valid YAML: found unconstructable recursive node",
                            node.start_mark.line + 1)
        return self._built[key]

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
        data = _Builder(loader).build(root)
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

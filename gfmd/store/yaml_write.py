"""Editing hand-written data files without losing what their editors wrote.

The data files carry comments, key order, flow-style lists and quoting that a reader of
the file relies on; rewriting them with a plain YAML dump would lose all of that. ruamel's
round-trip mode keeps it: every file in `data/` and the test fixtures loads and dumps back
byte for byte with the settings below (tests/test_yaml_edit.py), so an accepted change
alters only the lines it means to. Reading for validation stays with `gfmd.store.yaml_read`,
which is stricter; this module is only for writing.
"""

from __future__ import annotations

import io
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

# Text a YAML reader could take for a number, a yes-no value, nothing or a date.
# (`yes` and `no` stay bare: the loader reads them as text, and the files write them so.)
_LOOKS_TYPED = re.compile(r"[-+]?[0-9][0-9._:-]*|true|false|null|~|", re.IGNORECASE)


def _yaml() -> YAML:
    """The settings the data files are written in: two-space maps, lists indented under
    their key ("  - id: …"), no line folding, `null` written out."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(
        type(None), lambda rep, _: rep.represent_scalar("tag:yaml.org,2002:null", "null"))
    return yaml


class EditError(Exception):
    """A file that cannot be edited (it is not valid YAML: the loader names the problem)."""


def load(text: str) -> Any:
    """Parse `text` into maps and lists that remember their comments and layout."""
    try:
        return _yaml().load(text)
    except YAMLError as exc:
        raise EditError(str(exc).splitlines()[0] if str(exc) else "not valid YAML") from None


def dump(data: Any) -> str:
    """Write `data` back as the data files are written."""
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()


def plain(value: Any) -> Any:
    """A plain dict/list copy of round-trip data (for validation with the models)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def commented(value: Any) -> Any:
    """Plain data as round-trip maps and lists, laid out as the editors write them: maps
    and lists of maps in block style, short lists of words in flow style
    (`themes: [gender]`)."""
    if isinstance(value, dict):
        out = CommentedMap()
        for key, item in value.items():
            out[key] = commented(item)
        return out
    if isinstance(value, list):
        seq = CommentedSeq(commented(v) for v in value)
        if value and all(isinstance(v, str | int) for v in value) and sum(
                len(str(v)) for v in value) < 60:
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str) and _LOOKS_TYPED.fullmatch(value):
        return DoubleQuotedScalarString(value)  # "2.1", "2011": text, quoted as the files do
    return value

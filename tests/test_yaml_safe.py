"""The YAML reader: only our scalar types, no surprises, no object construction."""

from __future__ import annotations

import pytest
from yaml.cyaml import CParser

from gfmd.store import yaml_read as yamlsafe
from gfmd.store.yaml_read import YamlError, parse_yaml


def test_yaml_1_1_scalars_stay_text() -> None:
    doc = parse_yaml("a: no\nb: 1:20\nc: 2011-06-14\nd: on\ne: 0o17\nf: 1_000\ng: 1e3\n")
    assert doc.data == {"a": "no", "b": "1:20", "c": "2011-06-14", "d": "on", "e": "0o17",
                        "f": "1_000", "g": "1e3"}


def test_plain_numbers_booleans_and_null() -> None:
    assert parse_yaml("a: 12\nb: -3.5\nc: true\nd: ~\ne:\n").data == {
        "a": 12, "b": -3.5, "c": True, "d": None, "e": None}


@pytest.mark.parametrize(("plain", "value"), [
    ("true", True), ("false", False), ("True", "True"), ("tru", "tru"), ("trueish", "trueish"),
    ("team-member", "team-member"), ("f", "f"),
    ("0", 0), ("-0", 0), ("2011", 2011), ("-7", -7), ("07", "07"), ("1.", "1."), (".5", ".5"),
    ("0.25", 0.25), ("-1.5", -1.5), ("2011-06-14", "2011-06-14"), ("-x", "-x"), ("1e3", "1e3"),
    ("null", None), ("~", None), ("nul", "nul"), ("n", "n"), ("None", "None"),
    ("~x", "~x"), ("non-earmarked", "non-earmarked"), ("'true'", "true"), ('"12"', "12"),
    ("'null'", "null"), ("''", ""),
])
def test_a_scalar_is_text_unless_it_is_exactly_a_number_boolean_or_null(
        plain: str, value: object) -> None:
    data = parse_yaml(f"a: {plain}\nb: [{plain}]\n").data
    assert data == {"a": value, "b": [value]}
    assert type(data["a"]) is type(value)


def test_line_of_finds_nested_fields() -> None:
    doc = parse_yaml("a:\n  - x: 1\n  - x: 2\n    y: 3\n")
    assert doc.line_of(("a", 1, "y")) == 4
    assert doc.line_of(("a", 1, "missing")) == 3


@pytest.mark.parametrize(("text", "line", "message"), [
    ("a: 1\na: 2\n", 2, "the key 'a' appears twice (first on line 1)"),
    ("---\na: 1\n---\nb: 2\n", 3, "the file holds more than one document (a second '---')"),
    ("", 1, "the file is empty"),
    ("a: !!binary aGk=\n", 1, "the tag 'tag:yaml.org,2002:binary' is not allowed in data files"),
    ("a: *nope\n", 1, "not valid YAML: found undefined alias"),
    ("a: !!map [1, 2]\n", 1, "not valid YAML: expected a mapping node, but found sequence"),
    ("!!map [1]\n", 1, "not valid YAML: expected a mapping node, but found sequence"),
    ("a: !!str [1]\n", 1, "not valid YAML: expected a scalar node, but found sequence"),
    ("&a {b: *a}\n", 1, "not valid YAML: found unconstructable recursive node"),
    ("- &a [*a]\n", 1, "not valid YAML: found unconstructable recursive node"),
    ("a:\n  - !!python/object:os.system x\n", 2,
     "the tag 'tag:yaml.org,2002:python/object:os.system' is not allowed in data files"),
    # An alias is the node it names, met again: the line is the anchor's.
    ("a: &x 1\n" + "".join(f"b{i}: *x\n" for i in range(21)), 1,
     "more than 20 aliases (*name); write the values out instead"),
    ("a: [" + ", ".join("1" for _ in range(50_000)) + "]\n", None,
     "more than 50000 values in one file"),
])
def test_refusals(text: str, line: int | None, message: str) -> None:
    with pytest.raises(YamlError) as info:
        parse_yaml(text)
    assert (info.value.line, info.value.message) == (line, message)


def test_the_strict_loader_parses_with_libyaml() -> None:
    """The pure-Python parser made loading 190 countries take 11 s instead of 1.5 s
    (bench/scale.py); PyYAML's wheels carry libyaml, so its absence is a failure."""
    assert issubclass(yamlsafe._StrictLoader, CParser)

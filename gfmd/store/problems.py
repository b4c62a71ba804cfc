"""Problems found in data files, worded for a data editor rather than a programmer."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import ValidationError

from gfmd.store.yaml_read import YamlDocument

# Parts of a pydantic error location that name a type, not a field.
_TYPE_TAGS = {"float", "int", "str", "bool", "date", "none", "list", "dict"}


def problems_from_validation(
    exc: ValidationError, doc: YamlDocument, prefix: tuple[str | int, ...] = ()
) -> Iterator[tuple[str, int, str]]:
    """Turn pydantic errors into (field, line, message) in plain words."""
    for err in exc.errors(include_url=False):
        loc = (*prefix, *(p for p in err["loc"] if not _is_type_tag(p)))
        yield dotted(loc), doc.line_of(loc), _message(err)


def plain_message(exc: ValidationError) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """pydantic errors as (field location, message in plain words), for input that is not
    a data file (a proposed change): the same words as the loader, without a line."""
    for err in exc.errors(include_url=False):
        yield tuple(p for p in err["loc"] if not _is_type_tag(p)), _message(err)


def _is_type_tag(part: str | int) -> bool:
    return isinstance(part, str) and (part in _TYPE_TAGS or "[" in part or ("-" in part
                                      and part.startswith(("function", "is-instance"))))


def dotted(loc: tuple[str | int, ...]) -> str:
    """('a', 0, 'b') -> 'a[0].b'."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "file"


def _message(err: dict) -> str:
    kind = err["type"]
    value = err.get("input")
    shown = _show(value)
    if kind == "extra_forbidden":
        return "unknown field (check the spelling; see data/README.md for the fields)"
    if kind == "missing":
        return "this field is required"
    if kind == "enum":
        allowed = err.get("ctx", {}).get("expected", "")
        return f"{shown} is not an allowed value; use one of {allowed}"
    if kind == "literal_error":
        return f"{shown} is not an allowed value; use one of {err['ctx']['expected']}"
    if kind == "string_type":
        return f"expected text, found {shown}; put the value in quotes"
    if kind in ("int_type", "int_parsing"):
        return f"expected a whole number, found {shown}"
    if kind in ("float_type", "float_parsing"):
        return f"expected a number, found {shown}"
    if kind == "bool_type":
        return f"expected true or false, found {shown}"
    if kind in ("list_type", "tuple_type"):
        return f"expected a list, found {shown}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a group of fields, found {shown}"
    if kind == "string_pattern_mismatch":
        return f"{shown} is not in the expected form"
    if kind in ("too_short", "string_too_short"):
        return "must not be empty"
    if kind == "string_too_long":
        return f"is too long (at most {err['ctx']['max_length']:,} characters)"
    if kind == "date_type":
        return f"expected a date written as YYYY-MM-DD, found {shown}"
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    return f"{err['msg'][0].lower()}{err['msg'][1:]} (found {shown})"


def _show(value: object) -> str:
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        return f"'{text}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, list):
        return "a list"
    return repr(value)

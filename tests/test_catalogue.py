"""Every message id the code asks for exists, literal or built: `t("nav.overview")` and
`t(f"nav.{name}")` alike. Built ids are expanded over the values they can take; a new kind
of built id fails here until its values are listed below."""

from __future__ import annotations

import ast
import string
import typing
from collections.abc import Iterable
from pathlib import Path

import pytest

from components.pages import PAGES
from components.review import DECIDED_COLUMNS
from gfmd.briefing import SECTIONS as BRIEFING_SECTIONS
from gfmd.record.reference import NationalFigure, Source
from gfmd.record.vocab import FAMILIES, OtherMeetingKind, PartnersStatus, SideEventRole, label
from gfmd.tables.build import TABLES
from gfmd.tables.display import KNOWN_COLUMNS
from gfmd.text.messages import EN
from tests.conftest import ROOT

CODE = sorted(p for d in ("app.py", "app_pages", "components", "gfmd")
              for p in ([ROOT / d] if d.endswith(".py") else (ROOT / d).rglob("*.py"))
              if p.name != "messages.py")
# Functions whose first argument is a message id; the counted ones add .one/.other.
LOOKUPS = {"t", "fill", "message"}
COUNTED = {"tn", "counted", "plural_message"}


def _literal_values(model: type, field: str) -> list[str]:
    args = typing.get_args(model.model_fields[field].annotation)
    return [a for a in args if isinstance(a, str)]


# Each built id, written with {} for its variable part, and the values it can take.
DOMAINS: dict[str, list[str]] = {
    "nav.{}": [p.name for p in PAGES],
    "data.table.{}": list(TABLES),
    "data.describe.{}": list(TABLES),
    "confidence.{}": ["low", "medium", "medium-high", "high"],
    "briefing.section.{}": list(BRIEFING_SECTIONS),
    "briefing.money.{}": ["none", "unknown", "new", "carry"],
    "briefing.qualifier.{}": [q.replace(" ", "-")
                              for q in _literal_values(NationalFigure, "qualifier")],
    "briefing.source.kind.{}": [*_literal_values(Source, "kind"), "missing"],
    "source.kind.{}": _literal_values(Source, "kind"),
    "briefing.km.verb.{}": ["co-chair", "co-convener", "organiser"],
    "briefing.km.themes.{}": ["teams", "meetings", "took_part"],
    "briefing.what.{}": [k.value for k in OtherMeetingKind],
    "briefing.partners.{}": [PartnersStatus.NONE.value, PartnersStatus.UNKNOWN.value],
    "briefing.since.side.{}": [r.value for r in SideEventRole],
    "briefing.doc.{}": ["meeting", "meeting_date", "prepared_by", "classification"],
    "briefing.national.{}": ["figures", "practices"],
    "briefing.national.{}.none": ["figures", "practices"],
    "briefing.unknown.{}": ["summit", "prep"],
    "url.unknown_{}": ["role", "theme", "kind"],
    "money.{}.short": ["none", "unknown"],
    "col.{}": list(KNOWN_COLUMNS),
    "review.col.{}": list(DECIDED_COLUMNS),
    "attendance.{}": ["yes", "unknown"],
    "partners.{}": ["named", "none", "unknown"],
    "propose.kind.{}.help": ["participation", "meeting", "delegation", "role", "correction"],
    "{}.{}": [],  # vocab.label: checked enum by enum in test_every_vocabulary_label_exists
}


def _template(node: ast.JoinedStr) -> str:
    return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)


def _calls() -> Iterable[tuple[Path, int, str, str | ast.JoinedStr]]:
    """(file, line, function, id) for every lookup with a literal or built id."""
    for path in CODE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            arg = node.args[0]
            if name in LOOKUPS | COUNTED:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    yield path, node.lineno, name, arg.value
                elif isinstance(arg, ast.JoinedStr):
                    yield path, node.lineno, name, arg


def _exists(key: str, counted: bool) -> bool:
    return (f"{key}.one" in EN and f"{key}.other" in EN) if counted else key in EN


def _built_ids_assigned_elsewhere() -> Iterable[tuple[Path, int, str]]:
    """f-strings that start like a message id but are not a lookup's argument (an id kept
    in a variable first): they must be in DOMAINS too."""
    prefixes = {k.split(".")[0] + "." for k in EN}
    for path in CODE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                template = _template(node)
                if any(template.startswith(p) for p in prefixes):
                    yield path, node.lineno, template


def test_every_literal_message_id_exists() -> None:
    missing = [f"{p.relative_to(ROOT)}:{line}: {key}" for p, line, fn, key in _calls()
               if isinstance(key, str) and not _exists(key, fn in COUNTED)]
    assert missing == []


def test_every_built_message_id_exists_for_every_value() -> None:
    missing, unknown = [], []
    templates = [(p, line, fn, _template(key)) for p, line, fn, key in _calls()
                 if isinstance(key, ast.JoinedStr)]
    templates += [(p, line, "t", tpl) for p, line, tpl in _built_ids_assigned_elsewhere()]
    for path, line, fn, template in templates:
        if template not in DOMAINS:
            unknown.append(f"{path.relative_to(ROOT)}:{line}: {template}")
            continue
        for value in DOMAINS[template]:
            key = template.replace("{}", value)
            if not _exists(key, fn in COUNTED) and not _exists(key, True):
                missing.append(f"{path.relative_to(ROOT)}:{line}: {key}")
    assert unknown == [], "list the values of these built ids in DOMAINS"
    assert missing == []


@pytest.mark.parametrize("enum", sorted(set(FAMILIES), key=lambda e: e.__name__))
def test_every_vocabulary_label_exists(enum: type) -> None:
    for member in enum:
        assert label(member)  # raises KeyError when the catalogue lacks it


def test_placeholders_are_well_formed() -> None:
    """Every message parses as a format string (a stray brace would fail at run time)."""
    broken = []
    for key, text in EN.items():
        try:
            list(string.Formatter().parse(text))
        except ValueError:
            broken.append(key)
    assert broken == []

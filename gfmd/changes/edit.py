"""What a proposal does to the data files, worked out before anything is written.

`plan` turns a proposal into the new text of each file it touches (the year's
participation file, and `reference/sources.yaml` when its source is new); the same plan
feeds the reviewer's diff and the accepted change, so what a reviewer sees is what is
written. Each kind's facts use the data files' own field names and are checked first with
the loader's own model for that part (so a problem names the form's field); `check` then
loads a whole copy of the record with the changed files, so nothing can be accepted that
`python -m gfmd validate` would refuse.

The facts (`Proposal.change`) of each kind:
- participation: `summit`, `prep_meetings` (yes/unknown), `other` (lines as written),
  `evidence` (why the record belongs to this summit year) and `confidence`. Only for a
  year with no record yet, or one marked `record_status: unknown`.
- meeting: a thematic meeting's fields (`role`, `title`, `start_date`, `end_date`, `city`,
  `locality`, `country`, `themes`, `partners`); it is marked `in_profile: false`.
- delegation: `head` and `members`, each `{name, title}`; members already listed are kept.
- role: a roundtable entry (`role`, `rt_code`, `title`, `as_written`, `themes`,
  `partners`); the proposal's summary and source become its note, since an entry has no
  source field of its own.
- correction: `field` (a path like `thematic_meetings[0].city`), `current` (the value the
  proposer saw) and `value` (the new one; empty removes the value). It no longer applies
  once the record's value is not `current`. The summary and source become a note on the
  nearest part of the record that holds notes.
Every new item cites the proposal's source by id; a URL the sources list already holds
reuses that source.
"""

from __future__ import annotations

import datetime as dt
import difflib
import ipaddress
import re
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ValidationError

from gfmd.changes.types import MAX_URL, Proposal, ProposalError
from gfmd.record.dataset import Dataset
from gfmd.record.models import (
    AttendanceRecord,
    Delegation,
    DelegationMember,
    ParticipationYear,
    RoundtableEntry,
    ThematicMeeting,
    YearEvidence,
)
from gfmd.record.reference import Source
from gfmd.record.vocab import ProposalKind, RecordStatus
from gfmd.store import yaml_write as yaml_edit
from gfmd.store.file_reader import SOURCE_KEYS
from gfmd.store.git import RECORD_DIRS, TreePath
from gfmd.store.loader import load_dataset
from gfmd.text.formatting import slug
from gfmd.text.messages import t

SOURCES_FILE = "reference/sources.yaml"
DATE_KEYS = frozenset({"start_date", "end_date", "date"})
# A correction never renames the file's country or year: that is a different record.
FIXED_FIELDS = frozenset({"country_iso3", "year"})
FIELD_PATH = re.compile(r"[a-z_]+(?:\[\d+\])?(?:\.[a-z_]+(?:\[\d+\])?)*")
# Parts of a URL that would cite this project's own files instead of a public page.
PROJECT_PATHS = re.compile(r"(^|/)(data|proposals)/(participation|reference|country|changes)?"
                           r"|\.ya?ml$", re.IGNORECASE)

MEETING_FIELDS = ("role", "title", "as_written", "start_date", "end_date", "city", "locality",
                  "country", "themes", "partners")
ROLE_FIELDS = ("role", "rt_code", "title", "as_written", "themes", "partners")
KIND_FIELDS: dict[ProposalKind, tuple[str, ...]] = {
    ProposalKind.PARTICIPATION: ("summit", "prep_meetings", "other", "evidence", "confidence"),
    ProposalKind.MEETING: MEETING_FIELDS,
    ProposalKind.DELEGATION: ("head", "members"),
    ProposalKind.ROLE: ROLE_FIELDS,
    ProposalKind.CORRECTION: ("field", "current", "value"),
}


@dataclass(frozen=True)
class Edit:
    """The new text of every file a proposal changes, in the order to write them (a new
    source first, so a reader between two writes never meets an unknown source id)."""

    texts: dict[str, str]  # path relative to the data directory -> new text
    before: dict[str, bytes | None]  # the same paths -> their bytes now; None: a new file
    source_id: str
    change: dict[str, Any]  # the facts as stored: trimmed, a correction's current value

    def diff(self, label: str) -> str:
        """Unified diff of each file, before -> after, paths shown under `label`."""
        parts = []
        for rel, after in self.texts.items():
            old = self.before[rel]
            before = old.decode("utf-8") if old is not None else ""
            parts.extend(difflib.unified_diff(
                before.splitlines(keepends=True), after.splitlines(keepends=True),
                fromfile=f"{label}/{rel}" if old is not None else "/dev/null",
                tofile=f"{label}/{rel}"))
        return "".join(parts)


# --- the source ---------------------------------------------------------------------------


def url_problems(url: str) -> list[str]:
    """Why `url` cannot be cited as a public source (empty when it can): only http(s)
    addresses of a public host, never a local address or a file of this project."""
    url = url.strip()
    if not url:
        return ["give the public address (URL) of the source"]
    if len(url) > MAX_URL or re.search(r"\s", url):
        return ["the address must be one line without spaces, at most 2,000 characters"]
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        return ["the address must start with https:// or http:// (a public web page)"]
    host = (parts.hostname or "").lower().rstrip(".")
    if not host or parts.username or parts.password:
        return ["the address names no web site"]
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        ip = None
    local_names = host == "localhost" or host.endswith((".localhost", ".local", ".internal"))
    if local_names or (ip is not None and not ip.is_global) or (ip is None and "." not in host):
        return ["the address points to a local or private computer, not a public page"]
    if PROJECT_PATHS.search(parts.path):
        return ["the address points to a file of this project; cite the public page it "
                "was read from"]
    return []


def _publisher(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def _source(proposal: Proposal, data_dir: Path, ds: Dataset) -> tuple[str, str | None]:
    """The id of the proposal's source, and the new text of the sources list if the
    source is new (None when a source with the same address exists)."""
    url = proposal.source_url.strip()
    problems = url_problems(url)
    if problems:
        raise ProposalError([("source_url", p) for p in problems])
    for src in ds.sources.values():
        if src.url and src.url.rstrip("/") == url.rstrip("/"):
            return src.id, None
    path = data_dir / SOURCES_FILE
    try:
        doc = yaml_edit.load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml_edit.EditError):
        raise ProposalError.one("", t("proposal.refused.unreadable_file",
                                      file=f"{data_dir.name}/{SOURCES_FILE}")) from None
    taken = set(ds.sources) | {str(s.get("id")) for s in doc.get("sources") or []
                               if isinstance(s, dict)}
    base = slug(_publisher(url).rsplit(".", 1)[0])[:60] or "source"
    sid = f"{base}-{proposal.year}"
    n = 2
    while sid in taken:
        sid, n = f"{base}-{proposal.year}-{n}", n + 1
    entry = {"id": sid, "title": proposal.source_title.strip(), "publisher": _publisher(url),
             "url": url, "kind": "secondary"}
    _validate(Source, entry, ("source",))
    doc["sources"].append(yaml_edit.commented(entry))
    return sid, yaml_edit.dump(doc)


# --- helpers --------------------------------------------------------------------------------


def _validate(model: type[BaseModel], data: dict[str, Any],
              prefix: tuple[str | int, ...] = ()) -> None:
    try:
        model.model_validate(data)
    except ValidationError as exc:
        raise ProposalError.from_validation(exc, prefix) from None


def _trimmed(value: Any) -> Any:
    """Facts as typed, without surrounding spaces, empty text and empty lists dropped."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        out = {k: _trimmed(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in ("", None, [], {})}
    if isinstance(value, list):
        return [v for v in (_trimmed(v) for v in value) if v not in ("", None, [], {})]
    return value


def _facts(proposal: Proposal) -> dict[str, Any]:
    allowed = KIND_FIELDS[proposal.kind]
    unknown = sorted(set(proposal.change) - set(allowed))
    if unknown:
        fields = t("proposal.refused.unknown_field", fields=", ".join(allowed))
        raise ProposalError([(k, fields) for k in unknown])
    if proposal.kind is ProposalKind.CORRECTION:  # an empty value removes one: keep it
        return {k: v.strip() if isinstance(v, str) else v for k, v in proposal.change.items()}
    return _trimmed(proposal.change)


def _dates(value: Any, key: str = "") -> Any:
    """Written dates as YAML dates (2019-05-14, unquoted), as the editors write them."""
    if isinstance(value, dict):
        return {k: _dates(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates(v) for v in value]
    if key in DATE_KEYS and isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _year_path(data_dir: Path, proposal: Proposal) -> str:
    folder = data_dir / "participation" / proposal.country
    for ext in ("yaml", "yml"):
        if (folder / f"{proposal.year}.{ext}").is_file():
            return f"participation/{proposal.country}/{proposal.year}.{ext}"
    return f"participation/{proposal.country}/{proposal.year}.yaml"


def _recorded(doc: Any, year: int) -> Any:
    """The year's file, which must exist and record participation for a kind that adds
    to a year's record."""
    if doc is None:
        raise ProposalError.one("year", t("proposal.refused.no_year_file", year=year))
    if doc.get("record_status") == RecordStatus.UNKNOWN.value:
        raise ProposalError.one("year", t("proposal.refused.year_not_recorded", year=year))
    return doc


def _partners(item: dict[str, Any], sid: str) -> None:
    partners = item.get("partners")
    if isinstance(partners, dict):
        item["partners"] = {**partners, "source": sid}


def _ordered(facts: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    return {k: facts[k] for k in order if k in facts}


def _method_source(ds: Dataset, sid: str) -> str:
    return ds.method.source if ds.method else sid


# --- each kind ------------------------------------------------------------------------------


def _participation(doc: Any, facts: dict[str, Any], proposal: Proposal, sid: str,
                   ds: Dataset) -> Any:
    attendance = _ordered(facts, ("summit", "prep_meetings", "other"))
    attendance.setdefault("prep_meetings", "unknown")
    _validate(AttendanceRecord, attendance)
    evidence = {"confidence": facts.get("confidence"), "evidence": facts.get("evidence"),
                "sources": [sid]}
    _validate(YearEvidence, {k: v for k, v in evidence.items() if v is not None})
    summit = next((s for s in ds.summits if s.year == proposal.year), None)
    if summit is None:
        listed = ", ".join(str(y) for y in ds.summit_years)
        raise ProposalError.one("year", t("proposal.refused.not_summit_year",
                                          year=proposal.year, years=listed))
    kept: list[Any] = []
    if doc is not None:
        if doc.get("record_status") != RecordStatus.UNKNOWN.value:
            raise ProposalError.one("year", t("proposal.refused.year_exists",
                                              year=proposal.year))
        # The unknown year's own reason ("no source found…") cites the method note and
        # no longer holds; notes from other sources stay.
        method = _method_source(ds, sid)
        kept = [n for n in doc.get("notes") or [] if n.get("source") != method]
    new = yaml_edit.commented({
        "country_iso3": proposal.country, "year": proposal.year,
        "chairmanship": summit.chairmanship, "source": sid,
        "year_evidence": evidence, "attendance": attendance,
        "contributions": {"status": "unknown", "source": _method_source(ds, sid)},
    })
    if kept:
        new["notes"] = yaml_edit.commented([])
        new["notes"].extend(kept)
    if doc is not None and doc.ca.comment:
        new.ca.comment = doc.ca.comment  # the editors' own words on the summit stay
    else:
        country = ds.countries.get(proposal.country)
        name = country.name if country else proposal.country
        new.yaml_set_start_comment(
            f"{name} at the GFMD, summit year {proposal.year}: Summit {summit.number}.")
    return new


def _meeting(doc: Any, facts: dict[str, Any], proposal: Proposal, sid: str) -> Any:
    doc = _recorded(doc, proposal.year)
    item = {**_ordered(facts, MEETING_FIELDS), "source": sid, "in_profile": False}
    _partners(item, sid)
    item = {k: item[k] for k in (*MEETING_FIELDS[:-1], "source", "in_profile", "partners")
            if k in item}
    _validate(ThematicMeeting, item)
    for held in doc.get("thematic_meetings") or []:
        if held.get("title") == item["title"] and str(held.get("start_date")) == str(
                item.get("start_date")):
            raise ProposalError.one("title", t("proposal.refused.meeting_known"))
    doc.setdefault("thematic_meetings", yaml_edit.commented([]))
    doc["thematic_meetings"].append(yaml_edit.commented(_dates(item)))
    return doc


def _person(value: Any, sid: str, where: tuple[str | int, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ProposalError.one(".".join(map(str, where)), t("proposal.refused.person_shape"))
    person = {**_ordered(value, ("name", "title")), "source": sid}
    extra = sorted(set(value) - {"name", "title"})
    if extra:
        raise ProposalError.one(".".join(map(str, where)),
                                t("proposal.refused.person_field", field=extra[0]))
    _validate(DelegationMember, person, where)
    return person


def _delegation(doc: Any, facts: dict[str, Any], proposal: Proposal, sid: str) -> Any:
    doc = _recorded(doc, proposal.year)
    head = _person(facts["head"], sid, ("head",)) if facts.get("head") else None
    members = facts.get("members") or []
    if not isinstance(members, list):
        raise ProposalError.one("members", t("proposal.refused.members_shape"))
    members = [_person(m, sid, ("members", i)) for i, m in enumerate(members)]
    if head is None and not members:
        raise ProposalError.one("members", t("proposal.refused.members_empty"))
    held = doc.get("delegation")
    if held is None:
        new = {**({"head": head} if head else {}), "members": members, "source": sid}
        _validate(Delegation, new)
        position = list(doc).index("attendance") + 1 if "attendance" in doc else len(doc)
        doc.insert(position, "delegation", yaml_edit.commented(new))
        return doc
    added = False
    if head is not None:
        known = held.get("head")
        if known is None:
            held.insert(0, "head", yaml_edit.commented(head))
            added = True
        elif known.get("name") != head["name"]:
            raise ProposalError.one("head", t("proposal.refused.head_known",
                                              name=known.get("name")))
    names = {m.get("name") for m in held.get("members") or []}
    fresh = [m for m in members if m["name"] not in names]
    if fresh:
        held.setdefault("members", yaml_edit.commented([]))
        held["members"].extend(yaml_edit.commented(fresh))
        added = True
    if not added:
        raise ProposalError.one("members", t("proposal.refused.members_known"))
    return doc


def _role(doc: Any, facts: dict[str, Any], proposal: Proposal, sid: str) -> Any:
    doc = _recorded(doc, proposal.year)
    if doc.get("no_roundtable_participation") is True:
        raise ProposalError.one("role", t("proposal.refused.no_roundtable", year=proposal.year))
    item = _ordered(facts, ROLE_FIELDS)
    item["notes"] = [{"text": proposal.summary.strip(), "source": sid}]
    _partners(item, sid)
    item = {k: item[k] for k in (*ROLE_FIELDS[:-1], "notes", "partners") if k in item}
    _validate(RoundtableEntry, item)
    for held in doc.get("roundtable_roles") or []:
        same_code = item.get("rt_code") and held.get("rt_code") == item.get("rt_code")
        if held.get("role") == item["role"] and (same_code or held.get("title") == item["title"]):
            raise ProposalError.one("title", t("proposal.refused.role_known"))
    doc.setdefault("roundtable_roles", yaml_edit.commented([]))
    doc["roundtable_roles"].append(yaml_edit.commented(item))
    return doc


def _path(field: str) -> list[str | int]:
    if not FIELD_PATH.fullmatch(field):
        raise ProposalError.one("field", t("proposal.refused.field_form", field=field))
    parts: list[str | int] = []
    for name, index in re.findall(r"([a-z_]+)(?:\[(\d+)\])?", field):
        parts.append(name)
        if index:
            parts.append(int(index))
    if isinstance(parts[-1], int):
        raise ProposalError.one("field", t("proposal.refused.field_item"))
    return parts


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds, through Optional, list and Annotated."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def current_value(doc: Any, parts: list[str | int], field: str) -> tuple[Any, Any]:
    """(the map holding the field, its value now); the value is None where it is not set."""
    node = doc
    for part in parts[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            raise ProposalError.one("field", t("proposal.refused.field_missing",
                                               field=field)) from None
    if not isinstance(node, dict):
        raise ProposalError.one("field", t("proposal.refused.field_missing", field=field))
    value = node.get(parts[-1])
    if isinstance(value, dict | list):
        raise ProposalError.one("field", t("proposal.refused.field_group", field=field))
    return node, value


def shown(value: Any) -> str:
    """A record's value as a proposer types it: text, a date as YYYY-MM-DD, true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _typed(text: Any, now: Any, key: str) -> Any:
    """The new value in the type the field holds (the loader checks it afterwards)."""
    if not isinstance(text, str):
        return text
    if isinstance(now, bool) and text.lower() in ("true", "false"):
        return text.lower() == "true"
    if isinstance(now, int) and not isinstance(now, bool) and re.fullmatch(r"-?\d+", text):
        return int(text)
    if (isinstance(now, dt.date) or key in DATE_KEYS) and re.fullmatch(r"\d{4}-\d{2}-\d{2}",
                                                                       text):
        return _dates(text, "date")
    return text


def _note_holder(doc: Any, parts: list[str | int]) -> Any:
    """The innermost part of the record on the way to the field that takes notes."""
    node, model, holder = doc, ParticipationYear, doc
    for part in parts[:-1]:
        node = node[part]
        if isinstance(part, str):
            model = _inner_model(model.model_fields[part].annotation) if model else None
        if model is not None and isinstance(node, dict) and "notes" in model.model_fields:
            holder = node
    return holder


def _correction(doc: Any, facts: dict[str, Any], proposal: Proposal, sid: str) -> Any:
    if doc is None:
        raise ProposalError.one("year", t("proposal.refused.no_file", year=proposal.year))
    field = str(facts.get("field") or "")
    parts = _path(field)
    if parts[0] in FIXED_FIELDS:
        raise ProposalError.one("field", t("proposal.refused.field_fixed", field=parts[0]))
    node, now = current_value(doc, parts, field)
    if "current" in facts and shown(facts["current"]) != shown(now):
        raise ProposalError.one("current", t("proposal.refused.current_moved", now=shown(now),
                                             given=shown(facts["current"])))
    value = facts.get("value")
    new = None if value in (None, "") else _typed(value, now, str(parts[-1]))
    if shown(new) == shown(now):
        raise ProposalError.one("value", t("proposal.refused.value_same"))
    if new is None:
        if parts[-1] not in node:
            raise ProposalError.one("value", t("proposal.refused.value_none"))
        del node[parts[-1]]
    else:
        node[parts[-1]] = yaml_edit.commented(new)
    holder = _note_holder(doc, parts)
    holder.setdefault("notes", yaml_edit.commented([]))
    holder["notes"].append(yaml_edit.commented({"text": proposal.summary.strip(),
                                                "source": sid}))
    return doc


def correctable(data_dir: Path, country: str, year: int) -> list[tuple[str, str]]:
    """Each field of a year's record a correction can name, as (path, value now): every
    single value except the file's country and year, source ids and translations (a
    source is corrected by citing a new one)."""
    path = data_dir / "participation" / country / f"{year}.yaml"
    if not path.is_file():
        return []
    try:
        doc = yaml_edit.load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml_edit.EditError):
        return []  # a broken file offers nothing; the data banner names its problem
    found: list[tuple[str, str]] = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in SOURCE_KEYS or key in ("sources", "translations"):
                    continue
                walk(value, f"{where}.{key}" if where else str(key))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                if isinstance(value, dict):
                    walk(value, f"{where}[{i}]")
        elif where not in FIXED_FIELDS:
            found.append((where, shown(node)))

    walk(doc, "")
    return found


# --- the plan -------------------------------------------------------------------------------


def plan(proposal: Proposal, data_dir: Path, ds: Dataset) -> Edit:
    """The files `proposal` changes and their new text; ProposalError if it cannot apply
    to the record as it is now (the whole record is checked by `check`)."""
    facts = _facts(proposal)
    sid, sources_text = _source(proposal, data_dir, ds)
    rel = _year_path(data_dir, proposal)
    path = data_dir / rel
    old = path.read_bytes() if path.is_file() else None
    try:
        doc = yaml_edit.load(old.decode("utf-8")) if old is not None else None
    except (UnicodeDecodeError, yaml_edit.EditError):
        raise ProposalError.one("", t("proposal.refused.unreadable_year",
                                      file=f"{data_dir.name}/{rel}")) from None
    if proposal.kind is ProposalKind.PARTICIPATION:
        doc = _participation(doc, facts, proposal, sid, ds)
    elif proposal.kind is ProposalKind.MEETING:
        doc = _meeting(doc, facts, proposal, sid)
    elif proposal.kind is ProposalKind.DELEGATION:
        doc = _delegation(doc, facts, proposal, sid)
    elif proposal.kind is ProposalKind.ROLE:
        doc = _role(doc, facts, proposal, sid)
    else:
        before = shown(current_value(doc, _path(str(facts.get("field") or "")),
                                     str(facts.get("field")))[1]) if doc is not None else ""
        facts = {"current": before, **facts}
        doc = _correction(doc, facts, proposal, sid)
    texts: dict[str, str] = {}
    before: dict[str, bytes | None] = {}
    if sources_text is not None:
        texts[SOURCES_FILE] = sources_text
        before[SOURCES_FILE] = (data_dir / SOURCES_FILE).read_bytes()
    texts[rel] = yaml_edit.dump(doc)
    before[rel] = old
    return Edit(texts=texts, before=before, source_id=sid, change=facts)


def check(edit: Edit, data_dir: Path) -> list[str]:
    """The problems of the record with `edit` applied, loaded from memory: the files the
    loader reads, with the edit's new texts in place of theirs."""
    files = {path.relative_to(data_dir).as_posix(): path.read_bytes()
             for name in RECORD_DIRS for path in sorted((data_dir / name).rglob("*"))
             if path.is_file()}
    files.update({rel: text.encode("utf-8") for rel, text in edit.texts.items()})
    ds = load_dataset(TreePath(files, label=data_dir.name))
    return [str(p) for p in ds.problems]

"""Load a data directory: every valid record, plus a list of problems in plain words.

Loading never stops at the first bad file. A participation file is kept or dropped as a
whole; reference lists (sources, summits, venues, themes) are checked item by item, so one
typo costs one item. Each problem names the file, the line, the field and what is wrong.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from gfmd.dataset import Dataset
from gfmd.models import (
    CountryProfile,
    GcmObjective,
    MethodNote,
    ParticipationYear,
    Source,
    StructureBody,
    Summit,
    Theme,
    Venue,
)
from gfmd.problems import Problem, dotted, problems_from_validation
from gfmd.yamlsafe import YamlDocument, YamlError, read_yaml

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DATA_DIR_ENV = "GFMD_DATA_DIR"

M = TypeVar("M", bound=BaseModel)

SOURCE_KEYS = {"source", "date_source", "venue_source", "gcm_source"}
YEAR_FILE = re.compile(r"^(\d{4})\.ya?ml$")
COUNTRY_DIR = re.compile(r"^[A-Z]{3}$")


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """`--data` beats `GFMD_DATA_DIR`, which beats the bundled `data/`."""
    if cli_value:
        return Path(cli_value)
    env = os.environ.get(DATA_DIR_ENV)
    return Path(env) if env else DEFAULT_DATA_DIR


class _Loader:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.problems: list[Problem] = []
        self.files: list[Path] = []

    # -- helpers ---------------------------------------------------------------------------

    def label(self, path: Path) -> str:
        if path == self.data_dir:
            return path.as_posix()
        try:
            rel = path.relative_to(self.data_dir).as_posix()
        except ValueError:
            return path.as_posix()
        return f"{self.data_dir.name}/{rel}"

    def problem(self, path: Path, line: int | None, where: str, message: str) -> None:
        self.problems.append(Problem(self.label(path), line, where, message))

    def read(self, path: Path) -> YamlDocument | None:
        if not path.is_file():
            self.problem(path, None, "file", "the file is missing")
            return None
        self.files.append(path)
        try:
            return read_yaml(path)
        except YamlError as exc:
            self.problem(path, exc.line, "file", exc.message)
        except OSError as exc:
            self.problem(path, None, "file", f"cannot be read ({exc.strerror})")
        return None

    def top_keys(self, path: Path, doc: YamlDocument, allowed: set[str]) -> bool:
        if not isinstance(doc.data, dict):
            self.problem(path, 1, "file", "expected a mapping of fields (name: value)")
            return False
        ok = True
        for key in doc.data:
            if key not in allowed:
                allowed_list = ", ".join(sorted(allowed))
                self.problem(
                    path, doc.line_of((key,)), str(key),
                    f"unknown field (expected one of: {allowed_list})",
                )
                ok = False
        return ok

    def validate(self, path: Path, doc: YamlDocument, model: type[M], data: Any,
                 loc: tuple[str | int, ...] = ()) -> M | None:
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            for where, line, message in problems_from_validation(exc, doc, loc):
                self.problem(path, line, where, message)
        return None

    def items(self, path: Path, doc: YamlDocument | None, key: str,
              model: type[M]) -> Iterator[tuple[tuple[str | int, ...], M]]:
        """Validate each item of the list under `key`; yield (location, model) for good ones."""
        if doc is None or not isinstance(doc.data, dict):
            return
        raw = doc.data.get(key)
        if not isinstance(raw, list):
            self.problem(path, doc.line_of((key,)), key, "expected a list")
            return
        for i, item in enumerate(raw):
            loc = (key, i)
            good = self.validate(path, doc, model, item, loc)
            if good is not None:
                yield loc, good

    def references_ok(self, path: Path, doc: YamlDocument, data: Any,
                      loc: tuple[str | int, ...], ctx: _Context) -> bool:
        """Check every source and theme id under `data` against the vocabularies."""
        ok = True
        for where, key, value in _walk_ids(data, loc):
            if key in SOURCE_KEYS or key == "sources":
                known, what = ctx.source_ids, "source"
            else:
                known, what = ctx.theme_ids, "theme"
            if known is not None and value not in known:
                hint = _nearest(value, known)
                self.problem(
                    path, doc.line_of(where), dotted(where),
                    f"unknown {what} '{value}'" + (f" (did you mean '{hint}'?)" if hint else ""),
                )
                ok = False
        return ok


@dataclass
class _Context:
    source_ids: set[str] | None = None
    theme_ids: set[str] | None = None


def load_dataset(data_dir: str | os.PathLike[str] | None = None) -> Dataset:
    """Load and validate everything under `data_dir`; never raises for bad data."""
    root = resolve_data_dir(data_dir)
    ld = _Loader(root)
    if not root.is_dir():
        ld.problem(root, None, "data directory", "does not exist or is not a directory")
        return Dataset(root, (), (), (), {}, {}, {}, (), {}, tuple(ld.problems))
    ref = root / "reference"
    ctx = _Context()

    sources_path = ref / "sources.yaml"
    sources_doc = ld.read(sources_path)
    sources: dict[str, Source] = {}
    if sources_doc and ld.top_keys(sources_path, sources_doc, {"sources"}):
        for loc, src in ld.items(sources_path, sources_doc, "sources", Source):
            if src.id in sources:
                ld.problem(sources_path, sources_doc.line_of((*loc, "id")), dotted((*loc, "id")),
                           f"the source id '{src.id}' is used twice")
                continue
            sources[src.id] = src
    ctx.source_ids = set(sources) if sources_doc else None

    themes_path = ref / "themes.yaml"
    themes_doc = ld.read(themes_path)
    themes: dict[str, Theme] = {}
    gcm: dict[int, GcmObjective] = {}
    theme_sources: tuple[str, ...] = ()
    if themes_doc and ld.top_keys(
        themes_path, themes_doc, {"source", "gcm_source", "themes", "gcm_objectives"}
    ):
        for _, obj in ld.items(themes_path, themes_doc, "gcm_objectives", GcmObjective):
            gcm[obj.number] = obj
        for loc, theme in ld.items(themes_path, themes_doc, "themes", Theme):
            if theme.id in themes:
                ld.problem(themes_path, themes_doc.line_of((*loc, "id")), dotted((*loc, "id")),
                           f"the theme id '{theme.id}' is used twice")
                continue
            themes[theme.id] = theme
        head = {k: themes_doc.data.get(k) for k in ("source", "gcm_source")}
        if ld.references_ok(themes_path, themes_doc, head, (), ctx):
            theme_sources = tuple(v for v in head.values() if isinstance(v, str))
    ctx.theme_ids = set(themes) if themes_doc else None

    method = _load_method(ld, ref / "method.yaml", ctx, sources)
    venues = tuple(_items_checked(ld, ref / "venues.yaml", "venues", Venue, ctx))
    summits = tuple(_items_checked(ld, ref / "summits.yaml", "summits", Summit, ctx))
    structure = tuple(_items_checked(ld, ref / "structure.yaml", "bodies", StructureBody, ctx))

    countries: dict[str, CountryProfile] = {}
    country_dir = root / "country"
    for path in sorted(country_dir.glob("*")) if country_dir.is_dir() else []:
        profile = _load_country(ld, path, ctx)
        if profile is not None:
            countries[profile.iso3] = profile

    summit_years = {s.year for s in summits if s.year is not None}
    years = _load_participation(ld, root / "participation", ctx, summit_years)

    ld.problems.sort(key=lambda p: (p.path, p.line or 0))
    return Dataset(
        data_dir=root,
        years=tuple(sorted(years, key=lambda y: (y.country_iso3, y.year))),
        summits=tuple(sorted(summits, key=lambda s: s.number)),
        venues=venues,
        sources=sources,
        themes=themes,
        gcm_objectives=gcm,
        structure=structure,
        countries=countries,
        problems=tuple(ld.problems),
        files=tuple(sorted(ld.files)),
        method=method,
        theme_sources=theme_sources,
    )


def _load_method(ld: _Loader, path: Path, ctx: _Context,
                 sources: dict[str, Source]) -> MethodNote | None:
    """The method note; its `source` must be a known source of kind 'inference', since
    every record that cites it rests on the project's reading, not on a public page."""
    doc = ld.read(path)
    if doc is None:
        return None
    note = ld.validate(path, doc, MethodNote, doc.data)
    if note is None or not ld.references_ok(path, doc, doc.data, (), ctx):
        return None
    src = sources.get(note.source)
    if src is not None and src.kind != "inference":
        ld.problem(path, doc.line_of(("source",)), "source",
                   f"the method note's source '{note.source}' must be of kind 'inference', "
                   f"not '{src.kind}'")
        return None
    return note


def _items_checked(ld: _Loader, path: Path, key: str, model: type[M],
                     ctx: _Context) -> Iterator[M]:
    doc = ld.read(path)
    if doc is None or not ld.top_keys(path, doc, {key}):
        return
    for loc, item in ld.items(path, doc, key, model):
        if ld.references_ok(path, doc, doc.data[key][loc[1]], loc, ctx):
            yield item


def _load_country(ld: _Loader, path: Path, ctx: _Context) -> CountryProfile | None:
    match = re.fullmatch(r"([A-Z]{3})\.ya?ml", path.name)
    if not match:
        ld.problem(path, None, "file", "country files are named by ISO3 code, like MAR.yaml")
        return None
    doc = ld.read(path)
    if doc is None:
        return None
    profile = ld.validate(path, doc, CountryProfile, doc.data)
    if profile is None or not ld.references_ok(path, doc, doc.data, (), ctx):
        return None
    if profile.iso3 != match.group(1):
        ld.problem(path, doc.line_of(("iso3",)), "iso3",
                   f"the file is named {path.name} but says iso3: {profile.iso3}")
        return None
    return profile


def _load_participation(ld: _Loader, part_dir: Path, ctx: _Context,
                        summit_years: set[int]) -> list[ParticipationYear]:
    if not part_dir.is_dir():
        ld.problem(part_dir, None, "data directory", "the participation folder is missing")
        return []
    kept: dict[tuple[str, int], tuple[Path, ParticipationYear]] = {}
    for country_path in sorted(part_dir.iterdir()):
        if not country_path.is_dir() or not COUNTRY_DIR.match(country_path.name):
            if country_path.name != "README.md":
                ld.problem(country_path, None, "file",
                           "expected a folder named by ISO3 country code, like MAR")
            continue
        for path in sorted(country_path.iterdir()):
            record = _load_year_file(ld, path, country_path.name, ctx, summit_years)
            if record is None:
                continue
            key = (record.country_iso3, record.year)
            if key in kept:
                first = ld.label(kept[key][0])
                ld.problem(path, 1, "year",
                           f"a second file for {key[0]} {key[1]}; {first} already holds it")
                continue
            kept[key] = (path, record)
    return [record for _, record in kept.values()]


def _load_year_file(ld: _Loader, path: Path, country: str, ctx: _Context,
                    summit_years: set[int]) -> ParticipationYear | None:
    name_match = YEAR_FILE.match(path.name)
    if not name_match:
        ld.problem(path, None, "file", "participation files are named by year, like 2011.yaml")
        return None
    doc = ld.read(path)
    if doc is None:
        return None
    record = ld.validate(path, doc, ParticipationYear, doc.data)
    if record is None or not ld.references_ok(path, doc, doc.data, (), ctx):
        return None
    bad = False
    if record.year != int(name_match.group(1)):
        ld.problem(path, doc.line_of(("year",)), "year",
                   f"the file is named {path.name} but says year: {record.year}")
        bad = True
    if record.country_iso3 != country:
        ld.problem(path, doc.line_of(("country_iso3",)), "country_iso3",
                   f"the file is in the {country} folder but says country_iso3: "
                   f"{record.country_iso3}")
        bad = True
    if summit_years and record.year not in summit_years:
        listed = ", ".join(str(y) for y in sorted(summit_years))
        ld.problem(path, doc.line_of(("year",)), "year",
                   f"{record.year} is not a GFMD summit year (summit years: {listed})")
        bad = True
    return None if bad else record


def _walk_ids(data: Any, loc: tuple[str | int, ...]) -> Iterator[tuple[tuple, str, str]]:
    """Yield (location, key, id) for every source or theme reference under `data`."""
    if isinstance(data, dict):
        for key, value in data.items():
            here = (*loc, key)
            if key in SOURCE_KEYS and isinstance(value, str):
                yield here, key, value
            elif key in ("sources", "themes") and isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, str):
                        yield (*here, i), key, item
            else:
                yield from _walk_ids(value, here)
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from _walk_ids(item, (*loc, i))


def _nearest(value: str, known: set[str]) -> str | None:
    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    return close[0] if close else None

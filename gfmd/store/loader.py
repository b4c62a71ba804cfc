"""Load a data directory: every valid record, plus a list of problems in plain words.

Loading never stops at the first bad file. A participation file is kept or dropped as a
whole; reference lists (sources, summits, venues, themes) are checked item by item, so one
typo costs one item. Each problem names the file, the line, the field and what is wrong.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

from gfmd.record.dataset import Dataset
from gfmd.record.models import ParticipationYear
from gfmd.record.reference import (
    CountryProfile,
    GcmObjective,
    MethodNote,
    Source,
    StructureBody,
    Summit,
    Theme,
    Venue,
)
from gfmd.store.file_reader import FileReader, IdContext, M
from gfmd.store.git import TreePath
from gfmd.store.problems import dotted
from gfmd.store.yaml_read import YamlDocument

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DATA_DIR_ENV = "GFMD_DATA_DIR"


YEAR_FILE = re.compile(r"(\d{4})\.ya?ml")
COUNTRY_FILE = re.compile(r"([A-Z]{3})\.ya?ml")

Identified = TypeVar("Identified", Source, Theme)
COUNTRY_DIR = re.compile(r"^[A-Z]{3}$")


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """`--data` beats `GFMD_DATA_DIR`, which beats the bundled `data/`."""
    if cli_value:
        return Path(cli_value)
    env = os.environ.get(DATA_DIR_ENV)
    return Path(env) if env else DEFAULT_DATA_DIR


def load_dataset(data_dir: str | os.PathLike[str] | TreePath | None = None) -> Dataset:
    """Load and validate everything under `data_dir` (a folder, or a commit's tree);
    never raises for bad data."""
    return _load(data_dir if isinstance(data_dir, TreePath) else resolve_data_dir(data_dir))


def _load(root: Path | TreePath) -> Dataset:
    ld = FileReader(root)
    if not root.is_dir():
        ld.problem(root, None, "data directory", "does not exist or is not a directory")
        return Dataset(root, (), (), (), {}, {}, {}, (), {}, tuple(ld.problems))
    ref = root / "reference"
    ctx = IdContext()

    sources_path = ref / "sources.yaml"
    sources_doc = ld.read(sources_path)
    sources: dict[str, Source] = {}
    if sources_doc and ld.top_keys(sources_path, sources_doc, {"sources"}):
        sources = _by_id(ld, sources_path, sources_doc, "sources", Source, "source")
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
        themes = _by_id(ld, themes_path, themes_doc, "themes", Theme, "theme")
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


def _load_method(ld: FileReader, path: Path, ctx: IdContext,
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


def _items_checked(ld: FileReader, path: Path, key: str, model: type[M],
                     ctx: IdContext) -> Iterator[M]:
    doc = ld.read(path)
    if doc is None or not ld.top_keys(path, doc, {key}):
        return
    for loc, item in ld.items(path, doc, key, model):
        if ld.references_ok(path, doc, doc.data[key][loc[1]], loc, ctx):
            yield item


def _by_id(ld: FileReader, path: Path, doc: YamlDocument, key: str,
           model: type[Identified], noun: str) -> dict[str, Identified]:
    """The valid items of the list `key`, by id; a second item with an id is a problem."""
    found: dict[str, Identified] = {}
    for loc, item in ld.items(path, doc, key, model):
        if item.id in found:
            ld.problem(path, doc.line_of((*loc, "id")), dotted((*loc, "id")),
                       f"the {noun} id '{item.id}' is used twice")
            continue
        found[item.id] = item
    return found


def _whole_file(ld: FileReader, path: Path, name: re.Pattern[str], naming: str,
                model: type[M], ctx: IdContext) -> tuple[M, YamlDocument, re.Match[str]] | None:
    """A file that is one record: named as `name` says, valid as `model`, every reference
    known; None, with the problem said, when it is not."""
    match = name.fullmatch(path.name)
    if not match:
        ld.problem(path, None, "file", naming)
        return None
    doc = ld.read(path)
    if doc is None:
        return None
    record = ld.validate(path, doc, model, doc.data)
    if record is None or not ld.references_ok(path, doc, doc.data, (), ctx):
        return None
    return record, doc, match


def _load_country(ld: FileReader, path: Path, ctx: IdContext) -> CountryProfile | None:
    read = _whole_file(ld, path, COUNTRY_FILE,
                       "country files are named by ISO3 code, like MAR.yaml", CountryProfile, ctx)
    if read is None:
        return None
    profile, doc, match = read
    if profile.iso3 != match.group(1):
        ld.problem(path, doc.line_of(("iso3",)), "iso3",
                   f"the file is named {path.name} but says iso3: {profile.iso3}")
        return None
    return profile


def _load_participation(ld: FileReader, part_dir: Path, ctx: IdContext,
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


def _load_year_file(ld: FileReader, path: Path, country: str, ctx: IdContext,
                    summit_years: set[int]) -> ParticipationYear | None:
    read = _whole_file(ld, path, YEAR_FILE, "participation files are named by year, like "
                       "2011.yaml", ParticipationYear, ctx)
    if read is None:
        return None
    record, doc, name_match = read
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


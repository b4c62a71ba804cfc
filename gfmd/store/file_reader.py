"""Reading data files and reporting what is wrong with them, in plain words: each problem
names the file, the line, the field and what is wrong. `gfmd.store.loader` decides what to
read; this module reads one file or list at a time and checks its ids."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from gfmd.record.dataset import Problem
from gfmd.store.problems import dotted, problems_from_validation
from gfmd.store.yaml_read import YamlDocument, YamlError, read_yaml

M = TypeVar("M", bound=BaseModel)

SOURCE_KEYS = {"source", "date_source", "venue_source", "gcm_source"}


class FileReader:
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
                      loc: tuple[str | int, ...], ctx: IdContext) -> bool:
        """Check every source and theme id under `data` against the vocabularies."""
        ok = True
        for where, key, value in walk_ids(data, loc):
            if key in SOURCE_KEYS or key == "sources":
                known, what = ctx.source_ids, "source"
            else:
                known, what = ctx.theme_ids, "theme"
            if known is not None and value not in known:
                hint = nearest(value, known)
                self.problem(
                    path, doc.line_of(where), dotted(where),
                    f"unknown {what} '{value}'" + (f" (did you mean '{hint}'?)" if hint else ""),
                )
                ok = False
        return ok


@dataclass
class IdContext:
    source_ids: set[str] | None = None
    theme_ids: set[str] | None = None



def walk_ids(data: Any, loc: tuple[str | int, ...]) -> Iterator[tuple[tuple, str, str]]:
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
                yield from walk_ids(value, here)
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from walk_ids(item, (*loc, i))


def nearest(value: str, known: set[str]) -> str | None:
    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    return close[0] if close else None

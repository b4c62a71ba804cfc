"""Choosing themes: names a reader typed to theme ids, and the nearest themes to offer
when a choice has nothing to brief on."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from gfmd.briefing.model import UnknownTheme
from gfmd.briefing.text import counted, fill, plain
from gfmd.record.dataset import Dataset
from gfmd.record.reference import theme_label

SUGGESTIONS = 3


def resolve_themes(ds: Dataset, names: Iterable[str]) -> tuple[str, ...]:
    """Theme ids for ids or labels in any case; `UnknownTheme` names the nearest ones."""
    by_name = {k.lower(): tid for tid, th in ds.themes.items()
               for k in (tid, th.label, *(x.label for x in th.translations.values()))}
    ids: list[str] = []
    unknown: list[str] = []
    for name in names:
        tid = by_name.get(name.strip().lower())
        (ids if tid else unknown).append(tid or name)
    if unknown:
        near: list[str] = []
        for name in unknown:
            for match in difflib.get_close_matches(name.strip().lower(), list(by_name),
                                                   n=SUGGESTIONS, cutoff=0.5):
                near.append(by_name[match])
        near = list(dict.fromkeys(near))[:SUGGESTIONS]
        message = plain(counted("briefing.error.unknown_theme", len(unknown),
                                 names=", ".join(f"'{n}'" for n in unknown)))
        if near:
            message += " " + plain(fill("briefing.error.nearest", themes=theme_list(ds, near)))
        raise UnknownTheme(message, near)
    return tuple(dict.fromkeys(ids))


def theme_list(ds: Dataset, ids: Sequence[str]) -> str:
    return ", ".join(f"{tid} ({theme_label(ds.themes[tid])})" for tid in ids)


def tagged(themes: Iterable[str], wanted: set[str]) -> bool:
    return bool(wanted & set(themes))


def _counts_by_theme(ds: Dataset, years: tuple[int, int]) -> dict[str, int]:
    """How many roles and meetings each theme has in `years`."""
    counts = dict.fromkeys(ds.themes, 0)
    for rec in ds.years:
        if not years[0] <= rec.year <= years[1]:
            continue
        for item in (*rec.roundtable_roles, *rec.thematic_meetings):
            for tid in item.themes:
                if tid in counts:
                    counts[tid] += 1
    return counts


def nearest_themes(ds: Dataset, themes: Sequence[str], years: tuple[int, int]) -> tuple[str, ...]:
    """Themes with records in `years` closest to `themes`: shared Global Compact objectives
    first, then similar labels; with no theme chosen, those with the most records."""
    counts = _counts_by_theme(ds, years)
    candidates = [tid for tid, n in counts.items() if n and tid not in themes]
    if not themes:
        return tuple(sorted(candidates, key=lambda tid: -counts[tid])[:SUGGESTIONS])
    objectives = {o for tid in themes for o in ds.themes[tid].gcm_objectives}
    labels = " ".join(ds.themes[tid].label.lower() for tid in themes)

    def closeness(tid: str) -> tuple[int, float]:
        shared = len(objectives & set(ds.themes[tid].gcm_objectives))
        similar = difflib.SequenceMatcher(None, labels, ds.themes[tid].label.lower()).ratio()
        return -shared, -similar

    return tuple(sorted(candidates, key=closeness)[:SUGGESTIONS])


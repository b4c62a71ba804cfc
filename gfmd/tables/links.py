"""The address of a view: URL parameter names and the check of what a link carries.

Filters live in the URL so a copied link reopens the same view; this module names the
parameters once (the sidebar binds its widgets to them) and says which values in a link
cannot be used, so the app can say so instead of failing. A choice travels by its id
(`theme=diaspora-development`), never by the label a page shows, so a link means the same
in every language; a label in any language, from a link made before, still finds its id.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence

from gfmd.record.vocab import MeetingKind, Role, kind_label, role_label
from gfmd.tables.filters import MAX_SEARCH
from gfmd.text.messages import LANGUAGES, use_language

# URL parameter of each filter, shared by the app's bound widgets and the notice check.
URL_KEYS = {"years": "years", "roles": "role", "themes": "theme", "kinds": "kind", "text": "q"}
# `?v=<data version>` pins the record as it stood at that version (gfmd.changes.history);
# `?v=latest` asks for the latest record again.
VERSION_KEY = "v"
LATEST = "latest"


Names = Mapping[str, frozenset[str]]  # each id: the id and its label in every language


def names(ids: Iterable[str], label: Callable[[str], str]) -> dict[str, frozenset[str]]:
    """What a link may carry for each id: the id itself and its label in every language."""
    ids = list(ids)
    found: dict[str, set[str]] = {i: {i} for i in ids}
    for lang in LANGUAGES:
        with use_language(lang):
            for i in ids:
                found[i].add(label(i))
    return {i: frozenset(n) for i, n in found.items()}


def role_names() -> dict[str, frozenset[str]]:
    return names((r.value for r in Role), role_label)


def kind_names() -> dict[str, frozenset[str]]:
    return names((k.value for k in MeetingKind), kind_label)


def resolve(values: Iterable[str], known: Names) -> tuple[list[str], list[str]]:
    """The ids a link's values stand for, in order and once each, and the values that
    name nothing (an empty value clears the choice and names nothing)."""
    lookup = {name: i for i, all_names in known.items() for name in all_names}
    ids: list[str] = []
    unusable: list[str] = []
    for value in values:
        value = value.strip()
        if not value:
            continue
        found = lookup.get(value)
        if found is None:
            unusable.append(value)
        elif found not in ids:
            ids.append(found)
    return ids, unusable


def url_notices(
    params: Mapping[str, Sequence[str]],
    year_bounds: tuple[int, int],
    theme_names: Names,
) -> list[tuple[str, dict[str, object]]]:
    """Which URL filter values are unusable, as (message id, values) for `messages.t`.

    `params` maps each URL key to its repeated values, as in a query string: ids, or
    labels in any language. The app falls back to defaults for these (a reversed range
    is swapped).
    """
    notices: list[tuple[str, dict[str, object]]] = []
    years = params.get(URL_KEYS["years"])
    if years:
        lo, hi = year_bounds
        ints = [int(v) for v in years if re.fullmatch(r"\d{4}", v.strip())]
        if len(ints) != len(years) or len(ints) not in (1, 2):
            notices.append(("url.bad_years", {"value": _clip(" & ".join(years))}))
        elif not all(lo <= y <= hi for y in ints):
            notices.append(("url.years_outside", {"value": "–".join(map(str, ints)),
                                                  "start": lo, "end": hi}))
        elif len(ints) == 2 and ints[0] > ints[1]:
            notices.append(("url.years_reversed", {"start": ints[0], "end": ints[1]}))
    for key, known, what in (
        (URL_KEYS["roles"], role_names(), "role"),
        (URL_KEYS["themes"], theme_names, "theme"),
        (URL_KEYS["kinds"], kind_names(), "kind"),
    ):
        notices.extend(unknown_notices(params.get(key, ()), known, what))
    text = params.get(URL_KEYS["text"])
    if text and any(len(v) > MAX_SEARCH for v in text):
        notices.append(("url.search_too_long", {"limit": MAX_SEARCH}))
    return notices


def unknown_notices(values: Iterable[str], known: Names,
                    what: str) -> list[tuple[str, dict[str, object]]]:
    """The notice for the first value of a choice that names nothing (`url.unknown_<what>`)."""
    _, unusable = resolve(values, known)
    return [(f"url.unknown_{what}", {"value": _clip(unusable[0])})] if unusable else []


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"

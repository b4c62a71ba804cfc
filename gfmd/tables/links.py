"""The address of a view: URL parameter names and the check of what a link carries.

Filters live in the URL so a copied link reopens the same view; this module names the
parameters once (the sidebar binds its widgets to them) and says which values in a link
cannot be used, so the app can say so instead of failing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from gfmd.record.vocab import MeetingKind, Role, kind_label, role_label
from gfmd.tables.filters import MAX_SEARCH

# URL parameter of each filter, shared by the app's bound widgets and the notice check.
URL_KEYS = {"years": "years", "roles": "role", "themes": "theme", "kinds": "kind", "text": "q"}
# `?v=<data version>` pins the record as it stood at that version (gfmd.changes.history);
# `?v=latest` asks for the latest record again.
VERSION_KEY = "v"
LATEST = "latest"


def url_notices(
    params: Mapping[str, Sequence[str]],
    year_bounds: tuple[int, int],
    theme_labels: Sequence[str],
) -> list[tuple[str, dict[str, object]]]:
    """Which URL filter values are unusable, as (message id, values) for `messages.t`.

    `params` maps each URL key to its repeated values, as in a query string. Values are
    the labels the filter widgets show, since that is what their URL binding carries.
    The app falls back to defaults for these (a reversed range is swapped).
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
    for key, allowed, what in (
        (URL_KEYS["roles"], [role_label(r) for r in Role], "role"),
        (URL_KEYS["themes"], theme_labels, "theme"),
        (URL_KEYS["kinds"], [kind_label(k) for k in MeetingKind], "kind"),
    ):
        bad = [v for v in params.get(key, ()) if v and v not in set(allowed)]
        if bad:
            notices.append((f"url.unknown_{what}", {"value": _clip(bad[0])}))
    text = params.get(URL_KEYS["text"])
    if text and any(len(v) > MAX_SEARCH for v in text):
        notices.append(("url.search_too_long", {"limit": MAX_SEARCH}))
    return notices


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"

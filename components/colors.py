"""One colour per role, meeting kind and money status, the same on every page.

Okabe–Ito colours, safe for the common colour-vision deficiencies; charts also vary
marker shape or pattern so no distinction rests on colour alone.
"""

from __future__ import annotations

ROLE_COLORS: dict[str, str] = {
    "co-chair": "#D55E00",
    "team-member": "#0072B2",
    "coordinator": "#CC79A7",
    "organiser": "#E69F00",
    "participated": "#009E73",
    "attended": "#56B4E9",
}
ROLE_SYMBOLS: dict[str, str] = {
    "co-chair": "star",
    "team-member": "circle",
    "coordinator": "diamond",
    "organiser": "square",
    "participated": "triangle-up",
    "attended": "circle-open",
}
KIND_COLORS: dict[str, str] = {
    "roundtable": "#0072B2",
    "thematic-meeting": "#009E73",
    "summit": "#D55E00",
    "preparatory-meeting": "#E69F00",
    "other-meeting": "#999999",
    "pfp-meeting": "#CC79A7",
    "co-chairmanship": "#332288",
}
KIND_SYMBOLS: dict[str, str] = {
    "roundtable": "circle",
    "thematic-meeting": "diamond",
    "pfp-meeting": "square",
    "co-chairmanship": "star",
}
MONEY_COLORS: dict[str, str] = {
    "new": "#332288",
    "carry-over": "#E69F00",
    # Marks on the zero line, not areas: contrast at least 3:1 on white and on the grey
    # "not recorded" band (WCAG 1.4.11); unknown the darker, as it is the one to notice.
    "unknown": "#4D4D4D",
    "none": "#767676",
}
CO_CHAIR_BAND = "rgba(213, 94, 0, 0.10)"
TROIKA_LINE = "#555555"


def rgb(hex_color: str, alpha: int = 255) -> list[int]:
    """'#D55E00' -> [213, 94, 0, alpha], the form pydeck layers take."""
    value = hex_color.lstrip("#")
    return [int(value[i:i + 2], 16) for i in (0, 2, 4)] + [alpha]

# Summit years no source records participation for (a light grey band on the timeline).
NOT_RECORDED_BAND = "#E3E3E3"

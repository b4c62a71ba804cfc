"""The names the command line offers as choices, kept apart from the modules that use them.

`python -m gfmd validate` must start fast on a large data directory; importing the table
and briefing modules (and so pandas and python-docx) just to list these names cost it
about 0.4 s (bench/scale.py). Tests check these names against the real tables and sections.
"""

TABLE_NAMES = ("contributions", "delegations", "engagements", "participation", "partners",
               "roundtables", "summits", "thematic_meetings")
# Optional briefing sections, in document order; the key messages and sources are always
# there. The year-by-year contributions table is there only when asked for: a one-line
# total says enough in a note on a theme.
BRIEFING_SECTIONS = ("counterparts", "since", "record", "context", "contributions", "national",
                     "caveats")
BRIEFING_DEFAULT = tuple(s for s in BRIEFING_SECTIONS if s != "contributions")

"""The names the command line offers as choices, kept apart from the modules that use them.

`python -m gfmd validate` must start fast on a large data directory; importing the table
and briefing modules (and so pandas and python-docx) just to list these names cost it
about 0.4 s (bench/scale.py). Tests check these names against the real tables and sections.
"""

TABLE_NAMES = ("contributions", "delegations", "engagements", "participation", "partners",
               "roundtables", "summits", "thematic_meetings")
# Optional briefing sections, in document order; the summary and sources are always there.
BRIEFING_SECTIONS = ("talking-points", "roles", "meetings", "context", "national", "caveats")

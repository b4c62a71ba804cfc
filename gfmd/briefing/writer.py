"""The section writer: every section of a briefing, one group of sections per module."""

from __future__ import annotations

from gfmd.briefing.sections_caveats import CaveatSections
from gfmd.briefing.sections_context import ContextSections
from gfmd.briefing.sections_messages import MessageSections
from gfmd.briefing.sections_record import RecordSections


class Writer(MessageSections, RecordSections, ContextSections, CaveatSections):
    """Writes each section of one briefing from one selection."""

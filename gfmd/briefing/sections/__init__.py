"""The sections of a briefing, each a plain function from the note's `Facts` to blocks,
grouped by what they are about; `gfmd.briefing.compose` maps section ids to them."""

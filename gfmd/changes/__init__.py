"""Changing the record: a proposal from the public (`proposals`, `types`), planned as an edit
of the data files (`edit`), decided by a reviewer (`reviewers`), logged (`changelog`) and
kept as versions (`history`). Imports `gfmd.store`, `gfmd.record` and `gfmd.text`."""

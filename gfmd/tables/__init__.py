"""The record as pandas tables and what is made of them: the builders (`build`, `people`),
their columns (`columns`, `display`), the reader's filters and links (`filters`, `links`),
totals and summaries (`aggregate`, `summary`, `recent`), venues for the map (`venues`), and
the downloads (`exports` for CSV and JSON, `spreadsheet` for Excel). Imports `gfmd.record`
and `gfmd.text`."""

"""The GFMD record and everything made of it, in plain Python (no Streamlit), shared by the
app, the command line and the tests. Six packages, each importing only those listed
before it:

- `text`: words and how values are written, in three languages;
- `record`: what the record is (vocabulary, models, the dataset), no I/O;
- `store`: the record on disk (read, check, scope, version, write);
- `tables`: the record as tables, their totals and their downloads;
- `changes`: proposals, review and the record's history;
- `briefing`: the briefing note, composed and rendered as Markdown and Word.

`cli` (`python -m gfmd`) sits on top of them all.
"""

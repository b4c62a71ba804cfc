"""What the record is, with no I/O: the vocabulary of coded values (`vocab`), the
pydantic models of a year's participation (`models`) and of the reference lists
(`reference`, on the shared field types of `types`), the `Dataset` a load yields, and the
Forum's own calendar of chairs and Troika years (`forum`). Imports only `gfmd.text`."""

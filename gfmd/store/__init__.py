"""The record on disk: the strict YAML reader (`yaml_read`) and the comment-keeping writer
(`yaml_write`), the loader that names every problem with its file and line (`loader`,
`file_reader`, `problems`), the country scope (`scope`), the data version (`version`) and
atomic writes and locks (`atomic`). Imports `gfmd.record` and `gfmd.text`."""

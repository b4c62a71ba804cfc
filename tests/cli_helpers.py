"""Run the command line in-process, as Datasette tests its CLI: the same `main()` that
`python -m gfmd` calls, with its output and exit code captured (one subprocess smoke test
in test_exports.py proves the module entry point itself)."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

from gfmd.cli import main


@dataclass(frozen=True)
class CliResult:
    returncode: int
    stdout: bytes
    stderr: str

    @property
    def text(self) -> str:
        return self.stdout.decode("utf-8")


def run_cli(*args: str | Path) -> CliResult:
    out = io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    stderr = io.StringIO()
    with redirect_stdout(stdout), redirect_stderr(stderr):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse's usage errors
            code = exc.code if isinstance(exc.code, int) else 2
    stdout.flush()
    return CliResult(code, out.getvalue(), stderr.getvalue())

"""panva's oidc-provider (tests/oidc/provider.mjs) run from Python: a provider nobody on
this project wrote, with its library defaults, for the sign-in tests.

The provider starts first (its issuer goes into the app's secrets); once the app runs,
`register` gives it the app's redirect URI. Every wait here is for a line the provider
prints, never a fixed time."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tests" / "oidc" / "provider.mjs"
PACKAGE = ROOT / "node_modules" / "oidc-provider" / "package.json"
CLIENT_ID = "gfmd-dashboard"
CLIENT_SECRET = "independent-provider-secret"
# The accounts provider.mjs holds (any password): login name -> e-mail.
REVIEWER_LOGIN, READER_LOGIN, UNVERIFIED_LOGIN = "reviewer", "reader", "unverified"
REVIEWER_EMAIL = "reviewer@ministry.example"
READER_EMAIL = "reader@ministry.example"
MISSING = (f"{PACKAGE.parent} not found: install the tests' Node packages with `npm ci` "
           "(`make test` does).")


@dataclass
class IndependentProvider:
    """A running provider.mjs: its issuer, and the process to give the redirect URI."""

    process: subprocess.Popen[str]
    issuer: str

    @property
    def metadata_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def _line(self) -> dict[str, Any]:
        out: IO[str] | None = self.process.stdout
        line = out.readline() if out is not None else ""
        if not line:
            raise RuntimeError(f"oidc-provider exited (code {self.process.poll()})")
        return json.loads(line)

    def register(self, redirect_uri: str) -> None:
        """Register the app's client for `redirect_uri`; returns once it is served."""
        assert self.process.stdin is not None
        self.process.stdin.write(redirect_uri + "\n")
        self.process.stdin.flush()
        assert self._line() == {"ready": True}


@contextmanager
def independent_provider(log_dir: Path) -> Iterator[IndependentProvider]:
    """provider.mjs on a free port of 127.0.0.1 until the block ends; its warnings and
    errors in `log_dir/oidc-provider.log`."""
    if not PACKAGE.exists():
        raise FileNotFoundError(MISSING)
    log = (log_dir / "oidc-provider.log").open("w", encoding="utf-8")
    process = subprocess.Popen(
        ["node", str(SCRIPT)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=log, text=True,
        env={**os.environ, "OIDC_CLIENT_ID": CLIENT_ID,
             "OIDC_CLIENT_SECRET": CLIENT_SECRET})
    try:
        first = IndependentProvider(process, "")._line()
        yield IndependentProvider(process, str(first["issuer"]))
    finally:
        if process.stdin is not None:
            process.stdin.close()  # provider.mjs closes its server and exits
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()

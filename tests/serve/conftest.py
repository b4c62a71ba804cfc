"""Fixtures for the serving tests: nginx and workers under supervisord on free ports,
raw HTTP from a chosen loopback address, and a thread for Chromium.

nginx's limits count per client address. Linux answers on all of 127.0.0.0/8, so each
kind of client here connects to 127.0.0.1 *from* an address of its own (127.0.0.2, …):
a flood, the hostile requests and the browser never share a budget.
"""

from __future__ import annotations

import http.client
import shutil
import ssl
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest

from serving import supervise
from serving.supervise import Served

T = TypeVar("T")


@pytest.fixture(scope="package", autouse=True)
def nginx_installed() -> None:
    """A missing nginx is a failure (CI installs it, as it does Chromium), not a skip."""
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        pytest.fail("Debian's nginx is not installed: run `make test` (as root it installs "
                    "nginx-light) or `apt-get install nginx-light`", pytrace=False)


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def cookies(self) -> list[str]:
        return self.headers.get_all("Set-Cookie") or []


def fetch(port: int, path: str = "/", host: str | None = None, source: str = "127.0.0.9",
          headers: dict[str, str] | None = None, tls: ssl.SSLContext | None = None,
          method: str = "GET") -> Answer:
    """One request to 127.0.0.1:port from `source`, with exactly the Host given (the
    standard library would otherwise write its own)."""
    conn: http.client.HTTPConnection
    if tls is not None:
        conn = http.client.HTTPSConnection("127.0.0.1", port, timeout=30, context=tls,
                                           source_address=(source, 0))
    else:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30,
                                          source_address=(source, 0))
    try:
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        conn.putheader("Host", host if host is not None else f"127.0.0.1:{port}")
        for name, value in (headers or {}).items():
            conn.putheader(name, value)
        conn.endheaders()
        resp = conn.getresponse()
        return Answer(resp.status, resp.headers, resp.read())
    finally:
        conn.close()


@pytest.fixture(scope="package")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """As `make serve` runs it: two workers, the default hosts and limits."""
    srv = supervise.start(2, tmp_path_factory.mktemp("hardened"))
    yield srv
    srv.stop()


def in_thread(fn: Callable[[], T]) -> T:
    """Run `fn` in a thread of its own: Playwright's sync API (and asyncio.run) refuse
    to start where the browser tests' session already runs one, in the main thread."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn).result()

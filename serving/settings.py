"""A serving set-up's settings, read from the environment as `make serve` passes them
(README, "Serving it to many users"), so the command line, the tests and the benchmarks
read them one way. Everything here ends up in nginx's or supervisord's configuration,
so each value is checked before it is written there.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from serving import hardening

_UPSTREAM = re.compile(r"^[A-Za-z0-9.-]+:\d{1,5}$")
_DURATION = re.compile(r"^\d+(ms|s|m)?$")


@dataclass(frozen=True)
class Tls:
    """The certificate chain and its key (PEM), both readable here."""

    cert: Path
    key: Path


@dataclass(frozen=True)
class Settings:
    """Where nginx and the workers listen, the site's names, TLS and the limits."""

    workers: int = 2
    port: int = 8080
    address: str = "127.0.0.1"
    worker_port: int = 8511
    worker_ports: tuple[int, ...] = ()  # explicit ports; else worker_port and the next ones
    worker_address: str = "127.0.0.1"
    upstreams: tuple[str, ...] = ()  # app processes on other hosts
    proxy: bool = True  # False: workers only, nginx runs on another host
    hosts: tuple[str, ...] = tuple(hardening.parse_hosts(hardening.DEFAULT_HOSTS))
    tls: Tls | None = None
    http_port: int | None = None  # with TLS: a plain-HTTP port that only redirects
    embed_origins: tuple[str, ...] = ()
    people_per_address: int = 1
    csp_report_only: bool = False
    secure_cookie: bool = False
    connect_timeout: str = "2s"
    fail_timeout: str = "5s"

    def __post_init__(self) -> None:
        for name in ("connect_timeout", "fail_timeout"):
            if not _DURATION.match(getattr(self, name)):
                raise SystemExit(f"{name.upper()}: not an nginx duration (5s, 500ms): "
                                 f"{getattr(self, name)!r}")
        bad = [u for u in self.upstreams if not _UPSTREAM.match(u)]
        if bad:
            raise SystemExit(f"UPSTREAMS: not host:port: {', '.join(bad)}")
        if self.http_port and not self.tls:
            raise SystemExit("SERVE_HTTP_PORT redirects to HTTPS: it needs SERVE_TLS_CERT "
                             "and SERVE_TLS_KEY")
        if len(self.ports) < self.workers:
            raise SystemExit(f"{self.workers} workers but {len(self.ports)} WORKER_PORTS")

    @property
    def ports(self) -> list[int]:
        """The workers' ports on this host."""
        if self.worker_ports:
            return list(self.worker_ports)
        return [self.worker_port + i for i in range(self.workers)]

    @property
    def local_upstreams(self) -> list[str]:
        """host:port of each worker on this host, in route order (w0, w1, …)."""
        return [f"{self.worker_address}:{port}" for port in self.ports[: self.workers]]

    @property
    def all_upstreams(self) -> list[str]:
        """Every app process nginx sends to: this host's, then the other hosts'."""
        return [*self.local_upstreams, *self.upstreams]

    @property
    def url(self) -> str:
        """The site's address as a browser would use it."""
        scheme = "https" if self.tls else "http"
        name = next((h for h in self.hosts if not h.startswith("*.")), self.address)
        return f"{scheme}://{name}:{self.port}"


def tls_files(cert: str | None, key: str | None) -> Tls | None:
    """SERVE_TLS_CERT and SERVE_TLS_KEY: both or neither, both files present."""
    if not cert and not key:
        return None
    if not (cert and key):
        raise SystemExit("TLS needs both SERVE_TLS_CERT and SERVE_TLS_KEY")
    tls = Tls(Path(cert).resolve(), Path(key).resolve())
    for path in (tls.cert, tls.key):
        if not path.is_file():
            raise SystemExit(f"TLS file not found: {path}")
    return tls


def split(value: str | None) -> tuple[str, ...]:
    """A comma-separated setting as its items."""
    return tuple(v.strip() for v in (value or "").split(",") if v.strip())


def from_env(env: Mapping[str, str]) -> Settings:
    """The settings the environment names (README's table); defaults elsewhere."""
    get = env.get
    return Settings(
        workers=int(get("WORKERS", "2")),
        port=int(get("SERVE_PORT", "8080")),
        address=get("SERVE_ADDRESS", "127.0.0.1"),
        worker_port=int(get("WORKER_PORT", "8511")),
        worker_ports=tuple(int(p) for p in split(get("WORKER_PORTS"))),
        worker_address=get("WORKER_ADDRESS", "127.0.0.1"),
        upstreams=split(get("UPSTREAMS")),
        proxy=get("NO_PROXY_HERE") != "1",
        hosts=tuple(hardening.parse_hosts(get("SERVE_HOSTS", hardening.DEFAULT_HOSTS))),
        tls=tls_files(get("SERVE_TLS_CERT"), get("SERVE_TLS_KEY")),
        http_port=int(get("SERVE_HTTP_PORT", "0")) or None,
        embed_origins=tuple(hardening.parse_origins(get("SERVE_EMBED_ORIGINS"))),
        people_per_address=int(get("SERVE_PEOPLE_PER_ADDRESS", "1")),
        csp_report_only=get("SERVE_CSP_REPORT_ONLY") == "1",
        secure_cookie=get("SECURE_COOKIE") == "1",
        connect_timeout=get("CONNECT_TIMEOUT", "2s"),
        fail_timeout=get("FAIL_TIMEOUT", "5s"),
    )

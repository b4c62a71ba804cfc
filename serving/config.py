"""nginx's and supervisord's configuration, rendered from the Jinja2 templates in
`deploy/` with a set-up's settings. Plain text out: nothing here starts a process, so
`scripts/serve.py config` shows exactly what a start would use.
"""

from __future__ import annotations

import grp
import os
import pwd
import re
import shlex
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from serving import hardening, streamlit
from serving.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"


@dataclass(frozen=True)
class Runtime:
    """The runtime directory (`.serve/`): rendered configs, pids, sockets, temp paths,
    nginx's cache and every log, owned by the invoking user."""

    path: Path

    @property
    def logs(self) -> Path:
        return self.path / "logs"

    @property
    def nginx_conf(self) -> Path:
        return self.path / "nginx.conf"

    @property
    def supervisord_conf(self) -> Path:
        return self.path / "supervisord.conf"

    @property
    def socket(self) -> Path:
        return self.path / "supervisor.sock"

    @property
    def pidfile(self) -> Path:
        return self.path / "supervisord.pid"

    def prepare(self) -> None:
        """The folders nginx and supervisord write to (nginx makes none itself)."""
        self.logs.mkdir(parents=True, exist_ok=True)
        for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.path / "tmp" / sub).mkdir(parents=True, exist_ok=True)
        (self.path / "cache").mkdir(exist_ok=True)


@dataclass(frozen=True)
class Route:
    """One worker as nginx and supervisord name it: route `w0` is upstream `host:port`."""

    name: str
    upstream: str


def program_command(argv: Sequence[str]) -> str:
    """An argv as a supervisord `command=` line: shell-quoted, `%` doubled (supervisord
    expands `%(name)s` there)."""
    return shlex.join(argv).replace("%", "%%")


_templates = Environment(loader=FileSystemLoader(DEPLOY), undefined=StrictUndefined,
                         trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                         autoescape=False)
_templates.filters["regex_escape"] = re.escape
_templates.filters["program_command"] = program_command


def routes(upstreams: Sequence[str]) -> list[Route]:
    return [Route(f"w{i}", u) for i, u in enumerate(upstreams)]


def nginx_binary() -> str:
    found = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/sbin/nginx") if Path(p).exists()), None)
    if not found:
        raise SystemExit("nginx not found: install Debian's (apt-get install nginx-light, "
                         "or `make test` as root does it)")
    return found


def nginx_command(runtime: Runtime, *extra: str) -> list[str]:
    """nginx on the rendered config, its prefix and early errors in the runtime folder."""
    return [nginx_binary(), "-p", str(runtime.path), "-c", str(runtime.nginx_conf),
            "-e", str(runtime.logs / "nginx-error.log"), *extra]


def nginx_user() -> str | None:
    """As root, nginx's workers would drop to nobody and then fail to write temp files
    under a runtime folder only root can enter: keep them the invoking user, as they are
    for anyone else."""
    if os.geteuid() != 0:
        return None
    return f"{pwd.getpwuid(os.geteuid()).pw_name} {grp.getgrgid(os.getegid()).gr_name}"


def nginx_conf(settings: Settings, runtime: Runtime) -> str:
    """deploy/nginx.conf.j2 with one upstream group per app process, the allowed hosts,
    the security headers, the limits, and TLS if a certificate is given."""
    upstreams = settings.all_upstreams
    if not upstreams:
        raise SystemExit("no upstreams: start workers here or give --upstreams")
    tls = settings.tls is not None
    return _templates.get_template("nginx.conf.j2").render(
        runtime=runtime.path, logs=runtime.logs, user=nginx_user(),
        routes=routes(upstreams), fail_timeout=settings.fail_timeout,
        connect_timeout=settings.connect_timeout, tls=settings.tls,
        listen=f"{settings.address}:{settings.port}",
        http_listen=f"{settings.address}:{settings.http_port}" if settings.http_port else None,
        https_port_suffix="" if settings.port == 443 else f":{settings.port}",
        hosts=settings.hosts, secure=tls or settings.secure_cookie,
        csp=hardening.content_security_policy(list(settings.embed_origins)),
        embedded=bool(settings.embed_origins), report_only=settings.csp_report_only,
        origin_re=hardening.origin_regex(list(settings.hosts), tls),
        page_paths=hardening.page_paths(),
        limits=hardening.Limits(settings.people_per_address).values,
    )


def worker_command(settings: Settings, port: int) -> list[str]:
    """A worker's command: the app's one start command, told the site's host names."""
    return streamlit.command(port, address=settings.worker_address,
                             extra_args=hardening.streamlit_host_args(list(settings.hosts)))


def supervisord_conf(settings: Settings, runtime: Runtime) -> str:
    """deploy/supervisord.conf.j2: this host's workers, and nginx unless it runs elsewhere."""
    workers = [{"name": r.name, "upstream": r.upstream, "command": worker_command(settings, p)}
               for r, p in zip(routes(settings.local_upstreams),
                                  settings.ports[: settings.workers], strict=True)]
    return _templates.get_template("supervisord.conf.j2").render(
        root=ROOT, runtime=runtime.path, logs=runtime.logs, socket=runtime.socket,
        workers=workers, nginx=nginx_command(runtime) if settings.proxy else None,
    )

"""Start and stop a served set-up: supervisord keeps the Streamlit workers and nginx up
(a killed worker is started again at once), this module renders its configuration,
checks what a deploy should check first, and waits until the site answers.

`launch` is what `make serve` runs (settings from the environment and the command line);
`start` is the same on free local ports, for the tests and the benchmarks.
"""

from __future__ import annotations

import dataclasses
import os
import secrets
import socket
import subprocess
import sys
import time
import xmlrpc.client
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from supervisor.xmlrpc import SupervisorTransport

from serving import config, settings, streamlit
from serving.config import ROOT, Runtime
from serving.settings import Settings

START_TIMEOUT_S = 90.0
STOP_TIMEOUT_S = 30.0


def log(runtime: Runtime, message: str) -> None:
    """Print a step and keep it in `logs/serve.log`, next to the processes' own logs."""
    line = f"[serve {time.strftime('%H:%M:%S')}] {message}"
    print(line, flush=True)
    with (runtime.logs / "serve.log").open("a", encoding="utf-8") as fh:
        fh.write(line + "\n")


def control(runtime: Runtime) -> Any:
    """supervisord's XML-RPC interface, over its owner-only socket."""
    transport = SupervisorTransport("", "", f"unix://{runtime.socket}")
    return xmlrpc.client.ServerProxy("http://localhost", transport=transport).supervisor


def running(runtime: Runtime) -> bool:
    """Whether a supervisord answers on this runtime folder's socket."""
    try:
        control(runtime).getState()
    except OSError:
        return False
    return True


@dataclass
class Served:
    """A running set-up: nginx on `port` (when it runs here) and this host's workers."""

    runtime: Path
    settings: Settings

    @property
    def port(self) -> int:
        return self.settings.port

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def state(self) -> dict[str, Any]:
        """Each worker's route (w0, w1, …), upstream and current pid (None while down),
        and nginx's pid, as supervisord reports them now."""
        pids = {p["name"]: p["pid"] or None
                for p in control(Runtime(self.runtime)).getAllProcessInfo()}
        return {
            "url": self.settings.url if self.settings.proxy else None,
            "nginx_pid": pids.get("nginx"),
            "workers": [{"index": i, "route": r.name, "upstream": r.upstream,
                         "pid": pids.get(r.name)}
                        for i, r in enumerate(config.routes(self.settings.local_upstreams))],
        }

    def worker(self, route: str) -> dict[str, Any]:
        return next(w for w in self.state()["workers"] if w["route"] == route)

    def stop(self) -> None:
        stop(Runtime(self.runtime))


def cookie_secret(runtime: Runtime, env: Mapping[str, str]) -> str:
    """One `server.cookieSecret` for every process: XSRF tokens issued by one must be
    accepted by the others after a failover. From the environment, else generated once
    into the runtime folder (git-ignored, mode 0600) and reused on later starts."""
    for var in ("GFMD_COOKIE_SECRET", "STREAMLIT_SERVER_COOKIE_SECRET"):
        if env.get(var):
            return env[var]
    path = runtime.path / "cookie-secret"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(32))
    return path.read_text().strip()


def port_taken(address: str, port: int) -> bool:
    """True when something listens there already (a worker would fail, or a stranger's
    process would pass the health check)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1" if address == "0.0.0.0" else address, port)) == 0


def check_data(runtime: Runtime, env: Mapping[str, str]) -> None:
    """Check the data once, as a deploy does, so its problems are in the log before any
    page shows them. The workers still serve the valid records."""
    done = subprocess.run([sys.executable, "-m", "gfmd", "validate"], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False)
    lines = (done.stdout + done.stderr).strip().splitlines()
    log(runtime, f"data: {lines[-1] if lines else f'validate exited {done.returncode}'}")


def wait_ready(served: Served, timeout_s: float) -> None:
    """Until every worker here answers its health check and nginx listens; a program
    supervisord gave up on (FATAL) fails at once."""
    runtime = Runtime(served.runtime)
    pending = {f"http://{u}" for u in served.settings.local_upstreams}
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        fatal = [p["name"] for p in control(runtime).getAllProcessInfo()
                 if p["statename"] == "FATAL"]
        if fatal:
            raise RuntimeError(f"{', '.join(fatal)} could not start; see {runtime.logs}")
        pending = {url for url in pending if not streamlit.healthy(url)}
        if not pending and (not served.settings.proxy
                            or port_taken(served.settings.address, served.port)):
            return
        time.sleep(0.2)  # polling other processes: there is nothing to wait on
    raise RuntimeError(f"not ready after {timeout_s:.0f} s ({', '.join(sorted(pending))} "
                       f"not healthy or nginx not listening); see {runtime.logs}")


def launch(conf: Settings, runtime_dir: Path, env: Mapping[str, str] | None = None,
           timeout_s: float = START_TIMEOUT_S) -> Served:
    """Render the configs into `runtime_dir`, start supervisord in the background (it
    starts the workers, then nginx) and return once the site answers. `env` is the
    workers' environment (default: this process's)."""
    runtime = Runtime(runtime_dir.resolve())
    if running(runtime):
        raise RuntimeError(f"already serving from {runtime.path}; stop it first "
                           "(`make serve-stop`)")
    runtime.prepare()
    full_env = dict(os.environ if env is None else env)
    full_env["STREAMLIT_SERVER_COOKIE_SECRET"] = cookie_secret(runtime, full_env)
    full_env.setdefault("PYTHONUNBUFFERED", "1")
    listening = [(conf.worker_address, p) for p in conf.ports[: conf.workers]]
    if conf.proxy:
        listening += [(conf.address, p) for p in (conf.port, conf.http_port) if p]
    busy = [f"{a}:{p}" for a, p in listening if port_taken(a, p)]
    if busy:
        raise RuntimeError(f"already in use: {', '.join(busy)}")
    if conf.workers:
        check_data(runtime, full_env)
    if conf.proxy:
        runtime.nginx_conf.write_text(config.nginx_conf(conf, runtime), encoding="utf-8")
        check = subprocess.run(config.nginx_command(runtime, "-t", "-q"),
                               capture_output=True, text=True, check=False)
        if check.returncode:
            raise RuntimeError(f"nginx -t failed:\n{check.stderr}")
    runtime.supervisord_conf.write_text(config.supervisord_conf(conf, runtime),
                                        encoding="utf-8")
    if conf.workers:
        log(runtime, f"{conf.workers} worker(s) starting on "
                     f"{', '.join(conf.local_upstreams)}")
    with (runtime.logs / "supervisord.out").open("ab") as out:  # before it daemonizes
        started = subprocess.run(
            [sys.executable, "-m", "supervisor.supervisord", "-c", str(runtime.supervisord_conf)],
            cwd=ROOT, env=full_env, stdin=subprocess.DEVNULL, stdout=out,
            stderr=subprocess.STDOUT, check=False)
    if started.returncode:
        raise RuntimeError(f"supervisord did not start; see {runtime.logs / 'supervisord.out'}")
    served = Served(runtime.path, conf)
    try:
        wait_ready(served, timeout_s)
    except BaseException:
        stop(runtime)
        raise
    if conf.proxy:
        log(runtime, f"nginx on {conf.address}:{conf.port}, {conf.url} → "
                     f"{', '.join(conf.all_upstreams)}")
    log(runtime, f"logs in {runtime.logs}; `make serve-stop` stops everything")
    return served


def start(workers: int, runtime_dir: Path, env: Mapping[str, str] | None = None, *,
          port: int | None = None, upstreams: Sequence[str] = (),
          timeout_s: float = START_TIMEOUT_S) -> Served:
    """nginx and `workers` app processes on free local ports (nginx on `port` if given:
    a sign-in redirect URI must name it before the workers start), `upstreams` added
    behind nginx. `env` adds to this process's environment, for the workers and for the
    SERVE_* settings (README's table) alike."""
    full_env = {**os.environ, **(env or {})}
    conf = dataclasses.replace(
        settings.from_env(full_env), workers=workers, port=port or streamlit.free_port(),
        worker_ports=tuple(streamlit.free_port() for _ in range(workers)),
        upstreams=tuple(upstreams), proxy=True)
    runtime_dir.mkdir(parents=True, exist_ok=True)
    return launch(conf, runtime_dir, full_env, timeout_s)


def stop(runtime: Runtime) -> bool:
    """Shut supervisord down (it stops nginx and the workers first) and wait until it
    has exited. False when nothing ran from this folder."""
    try:
        pid = int(runtime.pidfile.read_text())
    except (OSError, ValueError):
        pid = None
    try:
        control(runtime).shutdown()
    except OSError:
        return False
    deadline = time.monotonic() + STOP_TIMEOUT_S
    while pid and alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    return True


def alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie has exited: only its parent has yet to reap it)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"

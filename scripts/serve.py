"""Serve the dashboard as a ministry would: N Streamlit processes behind Debian's nginx.

    scripts/serve.py                    # 2 workers on 8511-8512, nginx on 127.0.0.1:8080
    scripts/serve.py stop               # stop a running `serve.py` (also `make serve-stop`)
    scripts/serve.py --workers 0 --upstreams 10.0.0.11:8511,10.0.0.12:8511   # proxy host
    scripts/serve.py --no-proxy --worker-address 0.0.0.0                   # app host
    SERVE_HOSTS=gfmd.example.org SERVE_TLS_CERT=… SERVE_TLS_KEY=… scripts/serve.py --port 443 \
        --http-port 80                                                    # served over HTTPS

Everything runs as the invoking user from a runtime directory (`.serve/`): the rendered
nginx config, pid and temp paths, the generated cookie secret, a state file, and all logs
in `.serve/logs/`. The script stays in the foreground as the supervisor: it restarts a
worker that dies (nginx skips it meanwhile) and stops everything on Ctrl-C or SIGTERM.
Settings come from the command line or the environment (WORKERS, SERVE_PORT, …), so
`make serve WORKERS=4` works.
"""

from __future__ import annotations

import argparse
import contextlib
import grp
import json
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import hardening

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
HEADERS = ROOT / "deploy" / "security-headers.conf"
HEALTH_TIMEOUT_S = 60.0
NGINX_STOP_S = 5.0


@dataclass
class Worker:
    """One `streamlit run app.py` child on a local port, restarted when it dies."""

    index: int
    address: str
    port: int
    log_path: Path
    proc: subprocess.Popen[bytes] | None = None
    died_at: float | None = None
    restarts: int = 0
    _log: IO[bytes] | None = field(default=None, repr=False)

    @property
    def upstream(self) -> str:
        return f"{self.address}:{self.port}"

    def start(self, env: dict[str, str], hosts: list[str]) -> None:
        if self._log is not None:  # a restart: the dead process's handle
            self._log.close()
        self._log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py",
             "--server.address", self.address, "--server.port", str(self.port),
             "--server.headless", "true", *hardening.streamlit_host_args(hosts)],
            cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,  # Ctrl-C reaches us only
        )
        self.died_at = None

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if self._log is not None:
            self._log.close()
            self._log = None


def log(msg: str) -> None:
    print(f"[serve {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def check_data(env: dict[str, str]) -> None:
    """Check the data once, as a deploy does, so its problems are in the log before any
    page shows them. The workers still serve the valid records."""
    done = subprocess.run([sys.executable, "-m", "gfmd", "validate"], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False)
    lines = (done.stdout + done.stderr).strip().splitlines()
    log(f"data: {lines[-1] if lines else f'validate exited {done.returncode}'}")


def healthy(upstream: str) -> bool:
    try:
        with urllib.request.urlopen(f"http://{upstream}/_stcore/health", timeout=2) as r:
            return r.status == 200
    except (urllib.error.URLError, OSError):
        return False


def wait_healthy(workers: list[Worker], timeout: float = HEALTH_TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout
    pending = list(workers)
    while pending and time.monotonic() < deadline:
        for w in list(pending):
            if not w.alive():
                raise SystemExit(f"worker {w.index} exited at start; see {w.log_path}")
            if healthy(w.upstream):
                pending.remove(w)
        time.sleep(0.2)
    if pending:
        raise SystemExit(f"workers {[w.index for w in pending]} not healthy after "
                         f"{timeout:.0f} s; see {pending[0].log_path}")


def cookie_secret(runtime: Path) -> str:
    """One `server.cookieSecret` for every process: XSRF tokens issued by one must be
    accepted by the others after a failover. From the environment, else generated once
    into the runtime directory (git-ignored, mode 0600) and reused on later starts."""
    for var in ("GFMD_COOKIE_SECRET", "STREAMLIT_SERVER_COOKIE_SECRET"):
        if os.environ.get(var):
            return os.environ[var]
    path = runtime / "cookie-secret"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(32))
    return path.read_text().strip()


def render_config(upstreams: list[str], args: argparse.Namespace, runtime: Path) -> str:
    """The template with the settings filled in: one upstream group per process, the
    allowed hosts, the security headers, the limits, TLS if a certificate is given."""
    if not upstreams:
        raise SystemExit("no upstreams: start workers here or give --upstreams")
    names = [f"w{i}" for i in range(len(upstreams))]
    share = 100 / len(names)
    split = [f'        {share:.2f}% {n};' for n in names[:-1]] + [f"        * {names[-1]};"]
    routes = [f"        {n} {n};" for n in names]
    served = [f'        "~(^|, ){re.escape(u)}$" {n};' for n, u in zip(names, upstreams,
                                                                     strict=True)]
    groups = []
    for n, primary in zip(names, upstreams, strict=True):
        lines = [f"    upstream {n} {{",
                 f"        server {primary} max_fails=1 fail_timeout={args.fail_timeout};"]
        lines += [f"        server {u} max_fails=1 fail_timeout={args.fail_timeout} backup;"
                  for u in upstreams if u != primary]
        groups.append("\n".join([*lines, "    }"]))
    user = ""
    if os.geteuid() == 0:
        # As root, nginx's workers would drop to nobody and then fail to write temp files
        # under a runtime directory only root can enter: keep them the invoking user, as
        # they are for anyone else. (A service should run serve.py as its own user.)
        user = f"user {pwd.getpwuid(os.geteuid()).pw_name} {grp.getgrgid(os.getegid()).gr_name};"
    hosts = hardening.parse_hosts(args.hosts)
    tls = tls_files(args)
    listen = f"{args.address}:{args.port}"
    ssl = " ssl http2" if tls else ""
    embed = hardening.parse_origins(args.embed_origins)
    headers = security_headers(embed, bool(tls), args.csp_report_only)
    refuse = [f"    server {{\n        listen {listen}{ssl} default_server;\n"
              f"        server_name _;\n{headers}\n        return 421;\n    }}"]
    redirect = ""
    if tls and args.http_port:
        plain = f"{args.address}:{args.http_port}"
        port = "" if args.port == 443 else f":{args.port}"
        # HSTS means nothing over plain HTTP (browsers ignore it there): not sent.
        plain_headers = security_headers(embed, False, args.csp_report_only)
        refuse.append(f"    server {{\n        listen {plain} default_server;\n"
                      f"        server_name _;\n{plain_headers}\n        return 421;\n    }}")
        redirect = (f"    # Plain HTTP on {plain}: only a redirect to the HTTPS address.\n"
                    f"    server {{\n        listen {plain};\n"
                    f"        server_name {' '.join(hosts)};\n{plain_headers}\n"
                    f"        return 301 https://$host{port}$request_uri;\n    }}")
    tls_lines = ""
    if tls:
        tls_lines = (f"    ssl_certificate {tls[0]};\n    ssl_certificate_key {tls[1]};\n"
                     "    ssl_protocols TLSv1.2 TLSv1.3;\n"
                     "    ssl_prefer_server_ciphers off;\n"
                     "    ssl_session_cache shared:gfmd_tls:10m;\n"
                     "    ssl_session_timeout 1d;\n    ssl_session_tickets off;")
    secure = bool(tls) or args.secure_cookie
    values = {
        "NGINX_WORKERS": "1", "RUNTIME": str(runtime), "LOGS": str(runtime / "logs"),
        "USER": user, "SPLIT": "\n".join(split), "ROUTES": "\n".join(routes),
        "SERVED": "\n".join(served), "UPSTREAMS": "\n\n".join(groups),
        "CONNECT_TIMEOUT": args.connect_timeout,
        "COOKIE_FLAGS": "; Secure" if secure else "",
        # Streamlit's own cookies (XSRF; sign-in) get Secure from nginx behind TLS.
        "COOKIE_SECURE": "        proxy_cookie_flags ~ secure;" if secure else "",
        "LISTEN_APP": f"        listen {listen}{ssl};",
        "SERVER_NAMES": " ".join(hosts),
        "DEFAULT_SERVERS": "\n".join(refuse),
        "REDIRECT_SERVER": redirect,
        "TLS": tls_lines,
        "ORIGIN_RE": hardening.origin_regex(hosts, bool(tls)),
        "PAGE_PATHS": "|".join(re.escape(p) for p in hardening.page_paths()),
        "SECURITY_HEADERS": headers,
        **hardening.Limits(args.people_per_address).values,
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    left = re.findall(r"\{\{\w+\}\}", text)
    if left:
        raise SystemExit(f"template settings not filled: {left}")
    return text


def security_headers(embed: list[str], tls: bool, report_only: bool) -> str:
    """deploy/security-headers.conf filled in and indented for a server block."""
    text = HEADERS.read_text(encoding="utf-8")
    if report_only:
        text = text.replace("add_header Content-Security-Policy ",
                            "add_header Content-Security-Policy-Report-Only ")
    values = {
        "CSP": hardening.content_security_policy(embed),
        "FRAME_HEADER": "" if embed else 'add_header X-Frame-Options "DENY" always;',
        "HSTS": 'add_header Strict-Transport-Security "max-age=31536000" always;'
                if tls else "",
    }
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return "\n".join("        " + line for line in lines)


def tls_files(args: argparse.Namespace) -> tuple[Path, Path] | None:
    """The certificate (chain) and key for HTTPS, both or neither, readable here."""
    if not args.tls_cert and not args.tls_key:
        if args.http_port:
            raise SystemExit("SERVE_HTTP_PORT redirects to HTTPS: it needs SERVE_TLS_CERT "
                             "and SERVE_TLS_KEY")
        return None
    if not (args.tls_cert and args.tls_key):
        raise SystemExit("TLS needs both SERVE_TLS_CERT and SERVE_TLS_KEY")
    files = Path(args.tls_cert).resolve(), Path(args.tls_key).resolve()
    for f in files:
        if not f.is_file():
            raise SystemExit(f"TLS file not found: {f}")
    return files


def port_taken(address: str, port: int) -> bool:
    """True when something listens there already (a worker would fail, or a stranger's
    process would pass our health check)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1" if address == "0.0.0.0" else address, port)) == 0


def running_pid(runtime: Path) -> int | None:
    """The pid of a live serve.py that owns this runtime directory, if any."""
    state_path = runtime / "state.json"
    try:
        pid = int(json.loads(state_path.read_text())["pid"])
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except (OSError, ValueError, KeyError):
        return None
    return pid if b"serve.py" in cmdline else None


def nginx_binary() -> str:
    found = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/sbin/nginx") if Path(p).exists()), None)
    if not found:
        raise SystemExit("nginx not found: install Debian's (apt-get install nginx-light, "
                         "or `make test` as root does it)")
    return found


def prepare_runtime(runtime: Path) -> None:
    (runtime / "logs").mkdir(parents=True, exist_ok=True)
    for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (runtime / "tmp" / sub).mkdir(parents=True, exist_ok=True)
    (runtime / "cache").mkdir(exist_ok=True)


def nginx_cmd(runtime: Path, *extra: str) -> list[str]:
    return [nginx_binary(), "-p", str(runtime), "-c", str(runtime / "nginx.conf"),
            "-e", str(runtime / "logs" / "nginx-error.log"), *extra]


class Supervisor:
    """Starts the workers and nginx, restarts dead workers, stops everything at the end."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.runtime = Path(args.runtime).resolve()
        self.workers: list[Worker] = []
        self.hosts = hardening.parse_hosts(args.hosts)
        self.nginx: subprocess.Popen[bytes] | None = None
        self.stopping = False

    def worker_env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["STREAMLIT_SERVER_COOKIE_SECRET"] = cookie_secret(self.runtime)
        env.setdefault("PYTHONUNBUFFERED", "1")
        return env

    @property
    def url(self) -> str:
        scheme = "https" if self.args.tls_cert else "http"
        name = next((h for h in self.hosts if not h.startswith("*.")), self.args.address)
        return f"{scheme}://{name}:{self.args.port}"

    def write_state(self) -> None:
        state = {
            "pid": os.getpid(),
            "url": self.url if self.nginx else None,
            "nginx_pid": self.nginx.pid if self.nginx else None,
            "workers": [{"index": w.index, "upstream": w.upstream, "route": f"w{w.index}",
                         "pid": w.proc.pid if w.alive() and w.proc else None,
                         "restarts": w.restarts} for w in self.workers],
        }
        tmp = self.runtime / "state.json.tmp"
        tmp.write_text(json.dumps(state, indent=2))
        tmp.replace(self.runtime / "state.json")

    def start(self) -> None:
        running = running_pid(self.runtime)
        if running:
            raise SystemExit(f"serve.py already runs from {self.runtime} (pid {running}); "
                             "stop it first (`make serve-stop`)")
        prepare_runtime(self.runtime)
        args = self.args
        env = self.worker_env()
        ports = ([int(p) for p in args.worker_ports.split(",")] if args.worker_ports
                 else [args.worker_port + i for i in range(args.workers)])
        self.workers = [Worker(i, args.worker_address, port,
                               self.runtime / "logs" / f"worker-{i}.log")
                        for i, port in enumerate(ports[: args.workers])]
        nginx_ports = [] if args.no_proxy else [args.port, *([args.http_port] if args.http_port
                                                             else [])]
        busy = [f"{a}:{p}" for a, p in [(w.address, w.port) for w in self.workers]
                + [(args.address, port) for port in nginx_ports] if port_taken(a, p)]
        if busy:
            raise SystemExit(f"already in use: {', '.join(busy)}")
        if self.workers:
            check_data(env)
        for w in self.workers:
            w.start(env, self.hosts)
        if self.workers:
            log(f"{len(self.workers)} worker(s) starting on "
                f"{', '.join(w.upstream for w in self.workers)}")
            wait_healthy(self.workers)
        if not args.no_proxy:
            upstreams = [w.upstream for w in self.workers] + [
                u.strip() for u in (args.upstreams or "").split(",") if u.strip()]
            conf = self.runtime / "nginx.conf"
            conf.write_text(render_config(upstreams, args, self.runtime))
            check = subprocess.run(nginx_cmd(self.runtime, "-t", "-q"), capture_output=True,
                                   text=True)
            if check.returncode:
                raise SystemExit(f"nginx -t failed:\n{check.stderr}")
            self.nginx = subprocess.Popen(nginx_cmd(self.runtime), stdin=subprocess.DEVNULL,
                                          start_new_session=True)
            deadline = time.monotonic() + 10
            while not port_taken(args.address, args.port):  # listening (upstreams may lag)
                if self.nginx.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("nginx did not start; see "
                                     f"{self.runtime / 'logs' / 'nginx-error.log'}")
                time.sleep(0.1)
            log(f"nginx on {args.address}:{args.port}, {self.url} → {', '.join(upstreams)}")
        self.write_state()
        log(f"logs in {self.runtime / 'logs'}; Ctrl-C or `make serve-stop` stops everything")

    def watch(self) -> int:
        """Restart workers that die; return when told to stop or when nginx dies."""
        env = self.worker_env()
        while not self.stopping:
            if self.nginx is not None and self.nginx.poll() is not None:
                log(f"nginx exited with {self.nginx.returncode}; stopping")
                return 1
            changed = False
            for w in self.workers:
                if w.alive():
                    continue
                now = time.monotonic()
                if w.died_at is None:
                    w.died_at = now
                    code = w.proc.returncode if w.proc else None
                    log(f"worker {w.index} ({w.upstream}) exited with {code}; restarting in "
                        f"{self.args.restart_delay:g} s")
                    changed = True
                elif now - w.died_at >= self.args.restart_delay:
                    w.restarts += 1
                    w.start(env, self.hosts)
                    log(f"worker {w.index} restarted (pid {w.proc.pid if w.proc else '?'})")
                    changed = True
            if changed:
                self.write_state()
            time.sleep(0.2)
        return 0

    def stop(self) -> None:
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.send_signal(signal.SIGQUIT)  # graceful: finish requests in flight
            try:
                self.nginx.wait(timeout=NGINX_STOP_S)
            except subprocess.TimeoutExpired:
                self.nginx.terminate()
                self.nginx.wait(timeout=10)
        for w in self.workers:
            w.stop()
        if running_pid(self.runtime) == os.getpid():  # never another instance's state
            (self.runtime / "state.json").unlink()
        log("stopped")


def serve(args: argparse.Namespace) -> int:
    sup = Supervisor(args)

    def on_signal(signum: int, _frame: object) -> None:
        sup.stopping = True

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        sup.start()
        return sup.watch()
    finally:
        sup.stop()


def stop(args: argparse.Namespace) -> int:
    """Send SIGTERM to the supervisor named in the state file (only if it is serve.py)."""
    state_path = Path(args.runtime) / "state.json"
    pid = running_pid(Path(args.runtime))
    if pid is None:
        print("nothing to stop: no serve.py runs from " + str(Path(args.runtime)))
        with contextlib.suppress(FileNotFoundError):
            state_path.unlink()
        return 0
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 30
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    print("stopped" if not Path(f"/proc/{pid}").exists() else f"pid {pid} still running")
    return 0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    env = os.environ.get
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("command", nargs="?", choices=["start", "stop", "config"], default="start",
                   help="start (default, foreground), stop a running one, or print the "
                   "nginx config it would use")
    p.add_argument("--workers", type=int, default=int(env("WORKERS", "2")),
                   help="app processes on this host (WORKERS, default 2)")
    p.add_argument("--port", type=int, default=int(env("SERVE_PORT", "8080")),
                   help="nginx's port (SERVE_PORT, default 8080)")
    p.add_argument("--address", default=env("SERVE_ADDRESS", "127.0.0.1"),
                   help="nginx's address (SERVE_ADDRESS; 0.0.0.0 to serve the network)")
    p.add_argument("--worker-port", type=int, default=int(env("WORKER_PORT", "8511")),
                   help="first worker's port, the others follow (WORKER_PORT, default 8511)")
    p.add_argument("--worker-ports", default=env("WORKER_PORTS"),
                   help="explicit comma-separated worker ports (WORKER_PORTS)")
    p.add_argument("--worker-address", default=env("WORKER_ADDRESS", "127.0.0.1"),
                   help="address the workers listen on (WORKER_ADDRESS; an app host's LAN "
                   "address when nginx runs elsewhere)")
    p.add_argument("--upstreams", default=env("UPSTREAMS"),
                   help="more app processes, host:port,… on other machines (UPSTREAMS)")
    p.add_argument("--no-proxy", action="store_true", default=env("NO_PROXY_HERE") == "1",
                   help="workers only: nginx runs on another host (NO_PROXY_HERE=1)")
    p.add_argument("--runtime", default=env("SERVE_DIR", str(ROOT / ".serve")),
                   help="runtime directory: config, pids, temp paths, logs (SERVE_DIR)")
    p.add_argument("--restart-delay", type=float, default=float(env("RESTART_DELAY", "3")),
                   help="seconds before a dead worker is restarted (RESTART_DELAY)")
    p.add_argument("--connect-timeout", default=env("CONNECT_TIMEOUT", "2s"),
                   help="nginx's proxy_connect_timeout (CONNECT_TIMEOUT)")
    p.add_argument("--fail-timeout", default=env("FAIL_TIMEOUT", "5s"),
                   help="how long nginx skips a process after a failure (FAIL_TIMEOUT)")
    p.add_argument("--secure-cookie", action="store_true", default=env("SECURE_COOKIE") == "1",
                   help="mark cookies Secure when TLS ends on a balancer in front "
                   "(SECURE_COOKIE=1; automatic with --tls-cert)")
    p.add_argument("--hosts", default=env("SERVE_HOSTS", hardening.DEFAULT_HOSTS),
                   help="the host names the site is reached by, comma-separated; nginx "
                   "refuses any other Host and so does every app process (SERVE_HOSTS, "
                   f"default {hardening.DEFAULT_HOSTS})")
    p.add_argument("--tls-cert", default=env("SERVE_TLS_CERT"),
                   help="certificate chain (PEM): serve HTTPS on --port (SERVE_TLS_CERT)")
    p.add_argument("--tls-key", default=env("SERVE_TLS_KEY"),
                   help="its private key (PEM) (SERVE_TLS_KEY)")
    p.add_argument("--http-port", type=int, default=int(env("SERVE_HTTP_PORT", "0")) or None,
                   help="with TLS, a plain-HTTP port that only redirects to HTTPS "
                   "(SERVE_HTTP_PORT, e.g. 80)")
    p.add_argument("--embed-origins", default=env("SERVE_EMBED_ORIGINS"),
                   help="sites allowed to show the dashboard in a frame, "
                   "https://host[:port],… (SERVE_EMBED_ORIGINS; default none)")
    p.add_argument("--people-per-address", type=int,
                   default=int(env("SERVE_PEOPLE_PER_ADDRESS", "1")),
                   help="people reaching nginx from one address (a NAT): every per-client "
                   "limit is multiplied by it (SERVE_PEOPLE_PER_ADDRESS, default 1)")
    p.add_argument("--csp-report-only", action="store_true",
                   default=env("SERVE_CSP_REPORT_ONLY") == "1",
                   help="send the Content-Security-Policy as Report-Only, to try a change "
                   "in browsers' consoles before enforcing it (SERVE_CSP_REPORT_ONLY=1)")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.command == "stop":
        return stop(args)
    if args.command == "config":
        ports = ([int(p) for p in args.worker_ports.split(",")] if args.worker_ports
                 else [args.worker_port + i for i in range(args.workers)])
        upstreams = [f"{args.worker_address}:{port}" for port in ports[: args.workers]]
        upstreams += [u.strip() for u in (args.upstreams or "").split(",") if u.strip()]
        print(render_config(upstreams, args, Path(args.runtime).resolve()))
        return 0
    return serve(args)


if __name__ == "__main__":
    sys.exit(main())

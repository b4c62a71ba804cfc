"""The one way to start the app as a Streamlit process: `command` is what every process
runs (a supervisor's program line included), `start` runs it on a free local port and
waits for Streamlit's health check. Tests, benchmarks and serving all come here.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
START_TIMEOUT_S = 60.0


def free_port(address: str = "127.0.0.1") -> int:
    """A TCP port on `address` that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((address, 0))
        return int(sock.getsockname()[1])


def command(port: int, *, script: Path = APP, address: str = "127.0.0.1",
            extra_args: Sequence[str] = ()) -> list[str]:
    """`streamlit run` of `script` on `address:port`, headless; the rest of its settings
    come from `.streamlit/config.toml` and `extra_args`."""
    return [sys.executable, "-m", "streamlit", "run", str(script),
            "--server.address", address, "--server.port", str(port),
            "--server.headless", "true", *extra_args]


def healthy(url: str) -> bool:
    """Whether Streamlit at `url` answers its health check."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
            return resp.status == 200 and resp.read().strip() == b"ok"
    except (urllib.error.URLError, OSError):
        return False


def wait_healthy(url: str, timeout_s: float = START_TIMEOUT_S,
                 process: subprocess.Popen[bytes] | None = None) -> float:
    """Seconds until `url` is healthy; RuntimeError after `timeout_s` or when `process`
    exits first."""
    began = time.monotonic()
    while time.monotonic() - began < timeout_s:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{url}: the process exited with {process.returncode}")
        if healthy(url):
            return time.monotonic() - began
        time.sleep(0.1)  # polling a child process: there is nothing to wait on
    raise RuntimeError(f"{url} not healthy after {timeout_s:.0f} s")


@dataclass
class StreamlitProcess:
    """A `streamlit run` child process and its log file; stopped by its own pid only."""

    process: subprocess.Popen[bytes]
    address: str
    port: int
    log_path: Path
    _log: IO[bytes]

    @property
    def url(self) -> str:
        return f"http://{self.address}:{self.port}"

    @property
    def pid(self) -> int:
        return self.process.pid

    def page_url(self, url_path: str = "", query: str = "") -> str:
        """Absolute URL of a page; `query` without the leading '?'."""
        return f"{self.url}/{url_path}" + (f"?{query}" if query else "")

    def log_text(self) -> str:
        self._log.flush()
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        """Terminate the process (and only it); kill it if it does not go in 10 s."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._log.close()


def start(*, script: Path = APP, data_dir: Path | None = None,
          env: Mapping[str, str] | None = None, log_dir: Path | None = None,
          extra_args: Sequence[str] = (), address: str = "127.0.0.1",
          timeout_s: float = START_TIMEOUT_S) -> StreamlitProcess:
    """Start `script` on a free port of `address` (cwd: the checkout) and wait until it is
    healthy. `data_dir` sets `GFMD_DATA_DIR`; without it an inherited value is removed,
    so the process shows the bundled data unless told otherwise. `env` adds to the
    environment."""
    full_env = dict(os.environ)
    full_env.pop("GFMD_DATA_DIR", None)
    if data_dir is not None:
        full_env["GFMD_DATA_DIR"] = str(data_dir)
    full_env.update(env or {})
    full_env.setdefault("PYTHONUNBUFFERED", "1")
    log_dir = Path(log_dir or tempfile.mkdtemp(prefix="gfmd-streamlit-"))
    last_error = ""
    for _attempt in range(3):  # a port taken between free_port() and bind: try another
        port = free_port(address)
        log_path = log_dir / f"streamlit-{port}.log"
        log = log_path.open("wb")
        process = subprocess.Popen(
            command(port, script=script, address=address, extra_args=extra_args),
            cwd=ROOT, env=full_env, stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL)
        server = StreamlitProcess(process, address, port, log_path, log)
        try:
            wait_healthy(server.url, timeout_s, process)
            return server
        except RuntimeError:
            last_error = server.log_text()[-3000:]
            server.stop()
    raise RuntimeError(f"streamlit did not become healthy; last log:\n{last_error}")


@contextmanager
def running(**kwargs: object) -> Iterator[StreamlitProcess]:
    """`start` as a context manager that always stops the process."""
    server = start(**kwargs)  # type: ignore[arg-type]
    try:
        yield server
    finally:
        server.stop()

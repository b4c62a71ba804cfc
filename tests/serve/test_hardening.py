"""What nginx and the app processes do with what a hostile or careless client sends, as
`make serve` runs them: a foreign Host, oversized headers, paths outside the app, a
WebSocket from another site, hostile query strings on every page; and the headers,
compression and caching every answer gets. README, "Hardening", lists the same cases."""

from __future__ import annotations

import asyncio
import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import websockets
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from components.pages import PAGES
from serving import streamlit
from serving.hardening import parse_hosts, parse_origins
from serving.supervise import Served
from tests.serve.conftest import Answer, fetch, in_thread
from tests.serve.failover import rerun_request

pytestmark = pytest.mark.serve

SERVE_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "serve.py"

HEADERS = {
    "content-security-policy": "default-src 'self'",
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "permissions-policy": "camera=()",
    "cross-origin-opener-policy": "same-origin",
}
FOREIGN_HOSTS = [
    "evil.example", "evil.example:{port}", "127.0.0.1.evil.example", "localhost.evil.example",
    "LOCALHOST.evil.example", "10.0.0.1", "[::1]",
]
OUTSIDE = [
    "/app.py", "/.streamlit/config.toml", "/.git/config", "/etc/passwd", "/.serve/cookie-secret",
    "/%2e%2e/%2e%2e/etc/passwd", "/static/../../app.py", "/static/..%2f..%2fapp.py",
    "/roundtables/extra", "//evil.example/", "/cgi-bin/test.cgi", "/wp-login.php",
]
HOSTILE_QUERIES = [
    "years=%3Cscript%3Ealert(1)%3C/script%3E&role=%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E",
    "lang=ar%0d%0aSet-Cookie:%20pwned=1&theme=%00%ff%fe",
    "years=../../etc/passwd&years=-1e309&kind=%E2%80%AE&q=%F0%9F%92%A9" + "&years=2010" * 300,
    "b_theme=%25s%25n%25x&b_years=9999999999999999999&b_date=2026-02-30&b_short=maybe",
]


def upstreams_for(served: Served, source: str, marker: str) -> set[str]:
    """The upstream nginx named for `source`'s logged requests containing `marker`
    ('-': answered by nginx itself)."""
    log = (served.runtime / "logs" / "nginx-access.log").read_text().splitlines()
    return {line.split("upstream=")[1].split()[0] for line in log
            if line.startswith(source + " ") and marker in line}


def has_security_headers(ans: Answer) -> list[str]:
    """The headers missing or wrong on an answer (empty when all are there)."""
    return [f"{name}: {ans.headers.get(name)!r}" for name, want in HEADERS.items()
            if want not in (ans.headers.get(name) or "")]


def static_asset(served: Served) -> str:
    """The path of Streamlit's main JS bundle, as its page names it."""
    page = fetch(served.port, "/", source="127.0.0.10").body.decode()
    match = re.search(r'src="\./(static/js/index\.[^"]+\.js)"', page)
    assert match, "Streamlit's page names no JS bundle"
    return "/" + match.group(1)


def test_security_headers_on_every_answer(served: Served) -> None:
    """Pages, static files, Streamlit's endpoints, errors and refusals alike."""
    for path in ["/", "/roundtables", "/briefing?lang=fr", static_asset(served),
                 "/_stcore/health", "/_stcore/host-config", "/media/missing", "/nowhere"]:
        ans = fetch(served.port, path, source="127.0.0.10")
        assert has_security_headers(ans) == [], (path, ans.status)
        assert "strict-transport-security" not in ans.headers  # only over HTTPS
    csp = fetch(served.port, "/", source="127.0.0.10").headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp
    assert "'unsafe-eval'" not in csp  # only WebAssembly: 'wasm-unsafe-eval'
    assert "script-src 'self' 'sha256-" in csp and "'unsafe-inline'" not in csp.split(
        "script-src")[1].split(";")[0]


CACHE_CLIENT = "127.0.0.30"  # this test's own address, so its log lines are its own


def test_static_files_are_compressed_and_cached(served: Served) -> None:
    """Streamlit leaves its JS uncompressed for a proxy to compress; its hashed bundles
    may be kept by browsers for a year, and nginx keeps a copy so workers serve each once."""
    path = static_asset(served)
    fetch(served.port, path, source="127.0.0.10")  # nginx has a copy after this, if not before
    plain = fetch(served.port, path, source=CACHE_CLIENT)
    zipped = fetch(served.port, path, source=CACHE_CLIENT,
                   headers={"Accept-Encoding": "gzip"})
    assert zipped.status == 200
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped.headers["Vary"]
    assert gzip.decompress(zipped.body) == plain.body
    assert len(zipped.body) < len(plain.body) / 2
    cache = zipped.headers["Cache-Control"]
    assert "immutable" in cache and "max-age=31536000" in cache
    assert not [c for c in zipped.cookies() if c.startswith("gfmd_route=")]
    page = fetch(served.port, "/", source=CACHE_CLIENT)
    assert page.headers["Cache-Control"] == "no-cache"  # the page itself: always checked
    # Both of this address's asks were answered from nginx's copy: no upstream named.
    # Only its own lines count: the log is shared with the package's other tests, whose
    # browsers may have been passed on while the first copy was being fetched
    # (proxy_cache_lock lets a request wait 5 s, then asks the app itself).
    log = (served.runtime / "logs" / "nginx-access.log").read_text().splitlines()
    hits = [line for line in log
            if line.startswith(f"{CACHE_CLIENT} ") and f'"GET {path} ' in line]
    assert len(hits) == 2
    assert all("upstream=- " in line for line in hits), hits


def test_a_foreign_host_is_refused(served: Served) -> None:
    """DNS rebinding or a stray name: 421 from nginx, the app never asked; an allowed
    name (any case, with the port) is served."""
    for host in FOREIGN_HOSTS:
        ans = fetch(served.port, "/", host=host.format(port=served.port), source="127.0.0.11")
        assert ans.status == 421, (host, ans.status)
        assert b"<div id=\"root\">" not in ans.body
    assert fetch(served.port, "/", host="", source="127.0.0.11").status == 400
    assert upstreams_for(served, "127.0.0.11", '"GET / ') == {"-"}  # no app process asked
    for host in ["localhost", f"LocalHost:{served.port}", f"127.0.0.1:{served.port}"]:
        assert fetch(served.port, "/", host=host, source="127.0.0.11").status == 200, host


async def ws_status(port: int, host: str, origin: str | None, source: str) -> int:
    """The HTTP status of a WebSocket handshake (101 when opened) to 127.0.0.1:port with
    the Host header `host` (the URI's host is what websockets sends as Host)."""
    try:
        async with websockets.connect(
                f"ws://{host}/_stcore/stream", host="127.0.0.1", port=port,
                subprotocols=["streamlit"], origin=origin, local_addr=(source, 0),
                open_timeout=20) as ws:
            return ws.response.status_code
    except websockets.InvalidStatus as exc:
        return exc.response.status_code


def test_the_app_processes_check_the_host_too(served: Served) -> None:
    """Each worker was given the same names (`server.allowedHosts`): reached directly,
    past nginx, it refuses a WebSocket for a foreign Host."""
    worker = served.state()["workers"][0]["upstream"]
    port = int(worker.rsplit(":", 1)[1])
    assert in_thread(lambda: asyncio.run(ws_status(port, "evil.example", None,
                                                   "127.0.0.1"))) == 403
    assert in_thread(lambda: asyncio.run(ws_status(port, f"127.0.0.1:{port}", None,
                                                   "127.0.0.1"))) == 101


def test_a_websocket_from_another_site_is_refused(served: Served) -> None:
    """A page elsewhere cannot open a session (cross-site WebSocket hijacking): nginx
    refuses the Origin, and so does each worker reached directly."""
    here = f"127.0.0.1:{served.port}"
    for origin in ["http://evil.example", f"http://evil.example:{served.port}",
                   "http://127.0.0.1.evil.example", "null"]:
        status = in_thread(lambda o=origin: asyncio.run(
            ws_status(served.port, here, o, "127.0.0.12")))
        assert status == 403, (origin, status)
    assert upstreams_for(served, "127.0.0.12", "/_stcore/stream") == {"-"}  # nginx said no
    assert in_thread(lambda: asyncio.run(
        ws_status(served.port, here, f"http://{here}", "127.0.0.12"))) == 101
    worker = served.state()["workers"][0]["upstream"]
    port = int(worker.rsplit(":", 1)[1])
    assert in_thread(lambda: asyncio.run(ws_status(
        port, f"127.0.0.1:{port}", "http://evil.example", "127.0.0.12"))) == 403


def test_oversized_headers_and_addresses_are_refused(served: Served) -> None:
    big = "a" * 16_000
    assert fetch(served.port, "/", headers={"X-Big": big}, source="127.0.0.13").status == 400
    assert fetch(served.port, "/", headers={"Cookie": f"gfmd_route={big}"},
                 source="127.0.0.13").status == 400
    many = {f"X-H{i}": "b" * 2000 for i in range(40)}  # 80 KB of headers in all
    assert fetch(served.port, "/", headers=many, source="127.0.0.13").status == 400
    assert fetch(served.port, "/?q=" + "a" * 9000, source="127.0.0.13").status == 414
    # A forged route cookie is not an upstream name: the visitor is routed as new.
    ans = fetch(served.port, "/", headers={"Cookie": "gfmd_route=evil.example:80"},
                source="127.0.0.13")
    assert ans.status == 200
    assert any(re.match(r"gfmd_route=w[01];", c) for c in ans.cookies())


def test_paths_outside_the_app_are_not_served(served: Served) -> None:
    """Streamlit answers any path with its page; nginx lets through only the app's own
    paths, and traversal never reaches a file."""
    for path in OUTSIDE:
        ans = fetch(served.port, path, source="127.0.0.14")
        assert ans.status in (400, 404), (path, ans.status)
        assert b"<div id=\"root\">" not in ans.body and b"cookie" not in ans.body.lower()
        assert has_security_headers(ans) == [], path
    for spec in PAGES:
        assert fetch(served.port, f"/{spec.url_path}", source="127.0.0.14").status == 200
    # The app's own files (the Arabic font, the document-language script, the map's land)
    # are the app's.
    for path in ("/app/static/document_language.js",
                 "/app/static/fonts/NotoSansArabic-Regular.ttf",
                 "/app/static/geo/land-110m.json"):
        assert fetch(served.port, path, source="127.0.0.14").status == 200, path
    # The land outline (77 kB) goes compressed to a browser that takes gzip.
    land = fetch(served.port, "/app/static/geo/land-110m.json", source="127.0.0.14",
                 headers={"Accept-Encoding": "gzip"})
    assert land.headers["Content-Encoding"] == "gzip"


async def run_queries(port: int, source: str) -> list[tuple[str, str, str]]:
    """Every page with every hostile query, in one session: (page, query, problem)."""
    problems: list[tuple[str, str, str]] = []
    async with websockets.connect(
            f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"],
            origin=f"http://127.0.0.1:{port}", local_addr=(source, 0),
            max_size=None) as ws:
        for page in PAGES:
            for query in HOSTILE_QUERIES:
                await ws.send(rerun_request(page, query))
                elements = 0
                while True:
                    data = await asyncio.wait_for(ws.recv(), timeout=60)
                    msg = ForwardMsg()
                    msg.ParseFromString(data)
                    kind = msg.WhichOneof("type")
                    if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                        elements += 1
                        if msg.delta.new_element.WhichOneof("type") == "exception":
                            problems.append((page.name, query[:40],
                                             msg.delta.new_element.exception.message))
                    if (kind == "script_finished"
                            and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN):
                        break
                if elements < 3:
                    problems.append((page.name, query[:40], f"only {elements} elements"))
    return problems


def test_hostile_query_strings_on_every_page(served: Served) -> None:
    """Each page's address with script, header-splitting, traversal, overflow and
    format-string values: the shell is served unchanged (nothing reflected, no header
    injected), and the page itself runs to the end without an exception."""
    for page in PAGES:
        for query in HOSTILE_QUERIES:
            ans = fetch(served.port, f"/{page.url_path}?{query}", source="127.0.0.15")
            assert ans.status == 200, (page.name, query[:40], ans.status)
            assert not [c for c in ans.cookies() if c.startswith("pwned")]
            assert b"alert(1)" not in ans.body and b"pwned" not in ans.body
            assert has_security_headers(ans) == []
    assert in_thread(lambda: asyncio.run(run_queries(served.port, "127.0.0.15"))) == []


def test_make_run_refuses_a_foreign_host_too() -> None:
    """The single process of `make run` reads .streamlit/config.toml: loopback names."""
    with streamlit.running() as srv:
        for host, want in [(f"127.0.0.1:{srv.port}", 101), (f"localhost:{srv.port}", 101),
                           ("evil.example", 403)]:
            got = in_thread(lambda h=host: asyncio.run(ws_status(srv.port, h, None,
                                                                 "127.0.0.1")))
            assert got == want, (host, got)


def serve_config(*args: str, **env: str) -> str:
    """`scripts/serve.py config`: the nginx configuration it would start with."""
    out = subprocess.run([sys.executable, str(SERVE_SCRIPT), "config", *args],
                         capture_output=True, text=True, env={**os.environ, **env})
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_hosts_and_embedding_settings() -> None:
    """SERVE_HOSTS reaches server_name and the Origin check; a configured embedding
    site replaces frame-ancestors 'none' (and X-Frame-Options, which cannot name one);
    anything that is not a host name or an origin is refused, never written in."""
    conf = serve_config(SERVE_HOSTS="gfmd.example.org,*.intranet.example.org",
                        SERVE_EMBED_ORIGINS="https://portal.example.org")
    assert "server_name gfmd.example.org *.intranet.example.org;" in conf
    assert r"https?://(gfmd\.example\.org|(?:[a-z0-9-]+\.)+intranet\.example\.org)" in conf
    assert "frame-ancestors https://portal.example.org\"" in conf
    assert "X-Frame-Options" not in conf
    assert "X-Frame-Options \"DENY\"" in serve_config()
    for bad in ["evil;} server {", "a b", "http://x.example", ""]:
        with pytest.raises(SystemExit):
            parse_hosts(bad)
    for bad in ["javascript:alert(1)", "https://x.example/path", "'self'; script-src *"]:
        with pytest.raises(SystemExit):
            parse_origins(bad)

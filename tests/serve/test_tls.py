"""`SERVE_TLS_CERT` / `SERVE_TLS_KEY`: with a self-signed certificate made here, HTTPS
serves the app (a page, its WebSocket, a real browser), plain HTTP only redirects to it,
every cookie is Secure and HSTS is sent; the TLS profile is checked by Debian's
`testssl.sh`, and the header limits hold over TLS as over plain HTTP."""

from __future__ import annotations

import asyncio
import json
import socket
import ssl
import subprocess
from collections.abc import Iterator
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
import websockets
from playwright.sync_api import sync_playwright

from serving import supervise
from serving.streamlit import free_port
from serving.supervise import Served
from tests.browser.support import VIEWPORT, launch_browser, open_app, page_errors, prepare_page
from tests.serve.conftest import fetch, in_thread
from tests.serve.failover import run_messages, select_pages

pytestmark = pytest.mark.serve

TESTSSL = "/usr/bin/testssl"
# What testssl.sh must find not offered / offered (its JSON ids, testssl.sh 3.0).
NOT_OFFERED = ("SSLv2", "SSLv3", "TLS1", "TLS1_1", "cipherlist_NULL", "cipherlist_aNULL",
               "cipherlist_EXPORT", "cipherlist_LOW", "cipherlist_3DES_IDEA",
               "cipherlist_AVERAGE")  # AVERAGE: "Obsolete CBC ciphers (AES, ARIA etc.)"
OFFERED = ("TLS1_2", "TLS1_3", "PFS")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A throwaway self-signed certificate for localhost and 127.0.0.1 (openssl CLI)."""
    out = tmp_path_factory.mktemp("tls")
    cert, key = out / "cert.pem", out / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                    "-keyout", str(key), "-out", str(cert), "-days", "2",
                    "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
                   check=True, capture_output=True)
    return cert, key


@pytest.fixture(scope="module")
def tls_serve(tmp_path_factory: pytest.TempPathFactory,
              certificate: tuple[Path, Path]) -> Iterator[tuple[Served, int]]:
    """Served over HTTPS on its port, with a plain-HTTP port that redirects."""
    http_port = free_port()
    srv = supervise.start(2, tmp_path_factory.mktemp("tls-serve"), env={
        "SERVE_TLS_CERT": str(certificate[0]), "SERVE_TLS_KEY": str(certificate[1]),
        "SERVE_HTTP_PORT": str(http_port)})
    yield srv, http_port
    srv.stop()


@pytest.fixture(scope="module")
def trust(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    """A client that trusts exactly the test certificate (and checks the name)."""
    return ssl.create_default_context(cafile=str(certificate[0]))


def cookie_attrs(raw: str) -> tuple[str, str]:
    """(name, attributes in lower case) of one Set-Cookie header."""
    jar = SimpleCookie()
    jar.load(raw)
    name = next(iter(jar))
    return name, raw.lower()


def test_https_serves_the_page_with_hsts_and_secure_cookies(
        tls_serve: tuple[Served, int], trust: ssl.SSLContext) -> None:
    srv, _ = tls_serve
    page = fetch(srv.port, "/roundtables", tls=trust, source="127.0.0.20")
    assert page.status == 200 and b'<div id="root">' in page.body
    assert page.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert "default-src 'self'" in page.headers["Content-Security-Policy"]
    health = fetch(srv.port, "/_stcore/health", tls=trust, source="127.0.0.20")
    cookies = dict(cookie_attrs(c) for c in page.cookies() + health.cookies())
    # The route cookie (nginx's) and Streamlit's XSRF cookie, which Streamlit itself
    # would send without Secure behind a proxy.
    assert {"gfmd_route", "_streamlit_xsrf"} <= set(cookies), cookies
    for name, attrs in cookies.items():
        assert "; secure" in attrs, (name, attrs)
    refused = fetch(srv.port, "/", host="evil.example", tls=trust, source="127.0.0.20")
    assert refused.status == 421


def test_plain_http_only_redirects(tls_serve: tuple[Served, int]) -> None:
    srv, http_port = tls_serve
    ans = fetch(http_port, "/briefing?b_short=true", host=f"127.0.0.1:{http_port}",
                source="127.0.0.21")
    assert ans.status == 301
    assert ans.headers["Location"] == f"https://127.0.0.1:{srv.port}/briefing?b_short=true"
    assert b'<div id="root">' not in ans.body
    assert fetch(http_port, "/", host="evil.example", source="127.0.0.21").status == 421
    # The HTTPS port answers plain HTTP with nginx's 400, never with the app.
    plain = fetch(srv.port, "/", source="127.0.0.21")
    assert plain.status == 400 and b'<div id="root">' not in plain.body


async def overview_over_wss(port: int, trust: ssl.SSLContext) -> bytes:
    """The overview run over a TLS WebSocket through nginx: its messages."""
    async with websockets.connect(
            f"wss://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"],
            origin=f"https://127.0.0.1:{port}", ssl=trust, max_size=None,
            local_addr=("127.0.0.22", 0)) as ws:
        return await run_messages(ws, select_pages("overview")[0])


def test_the_websocket_runs_over_tls(tls_serve: tuple[Served, int],
                                     trust: ssl.SSLContext) -> None:
    srv, _ = tls_serve
    assert b"Morocco" in in_thread(lambda: asyncio.run(overview_over_wss(srv.port, trust)))


def browser_over_https(url: str) -> tuple[list[str], list[dict], list[str]]:
    """Open the overview in Chromium over HTTPS: (page errors, cookies, CSP violations)."""
    with sync_playwright() as pw:
        browser = launch_browser(pw)
        context = browser.new_context(viewport=VIEWPORT, ignore_https_errors=True)
        try:
            page = context.new_page()
            prepare_page(page)
            page.add_init_script("window.__csp = []; document.addEventListener("
                                 "'securitypolicyviolation', (e) => window.__csp.push("
                                 "e.effectiveDirective + ' ' + e.blockedURI));")
            open_app(page, url)
            page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg')
            return page_errors(page), context.cookies(), page.evaluate("window.__csp")
        finally:
            context.close()
            browser.close()


@pytest.mark.browser
def test_a_browser_uses_the_app_over_https(tls_serve: tuple[Served, int]) -> None:
    srv, _ = tls_serve
    errors, cookies, violations = in_thread(
        lambda: browser_over_https(f"https://127.0.0.1:{srv.port}/"))
    assert errors == [] and violations == []
    assert {c["name"] for c in cookies} >= {"gfmd_route", "_streamlit_xsrf"}
    assert all(c["secure"] for c in cookies), cookies


def scan_tls(port: int, out: Path) -> dict[str, str]:
    """testssl.sh's protocol, cipher-category, forward-secrecy and server-preference
    checks against 127.0.0.1:port: {finding id: finding}."""
    report = out / "testssl.json"
    subprocess.run([TESTSSL, "--quiet", "--color", "0", "--warnings", "off",
                    "--protocols", "--std", "--fs", "--server-preference",
                    "--jsonfile", str(report), f"https://127.0.0.1:{port}"],
                   check=True, capture_output=True, cwd=out, timeout=600)
    return {f["id"]: f["finding"] for f in json.loads(report.read_text())}


def test_testssl_finds_a_modern_tls_profile(tls_serve: tuple[Served, int],
                                            tmp_path: Path) -> None:
    srv, _ = tls_serve
    found = scan_tls(srv.port, tmp_path)
    assert {i: found.get(i) for i in NOT_OFFERED} == dict.fromkeys(NOT_OFFERED, "not offered")
    for key in OFFERED:
        assert found[key].startswith("offered"), (key, found[key])
    assert found["cipher_order"] == "server"
    # TLS 1.2: key exchange with forward secrecy and AEAD ciphers only.
    for cipher in found["cipherorder_TLSv1_2"].split():
        assert cipher.startswith("ECDHE-") and ("GCM" in cipher or "CHACHA20" in cipher), cipher
    assert found["ALPN"] == "http/1.1"


def test_the_header_limits_hold_over_tls(tls_serve: tuple[Served, int],
                                         certificate: tuple[Path, Path],
                                         trust: ssl.SSLContext) -> None:
    """HTTPS speaks HTTP/1.1 only (over HTTP/2 nginx measured headers compressed), so a
    browser gets the same 400 and 414 as over plain HTTP."""
    srv, _ = tls_serve
    alpn = ssl.create_default_context(cafile=str(certificate[0]))
    alpn.set_alpn_protocols(["h2", "http/1.1"])  # what a browser offers
    with (socket.create_connection(("127.0.0.1", srv.port)) as raw,
          alpn.wrap_socket(raw, server_hostname="localhost") as tls):
        assert tls.selected_alpn_protocol() == "http/1.1"
    big = "a" * 9000
    assert fetch(srv.port, "/", headers={"X-Big": big}, tls=trust,
                 source="127.0.0.23").status == 400
    assert fetch(srv.port, "/?q=" + big, tls=trust, source="127.0.0.23").status == 414
    assert fetch(srv.port, "/?q=" + "a" * 4000, headers={"X-Fine": "a" * 4000}, tls=trust,
                 source="127.0.0.23").status == 200

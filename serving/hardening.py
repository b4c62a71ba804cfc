"""What nginx and every app process are told about hosts, headers, limits and TLS.

One place for the values `serving.config` writes into `deploy/nginx.conf.j2` and passes
to every Streamlit process, so the proxy and the app can never disagree on which host
names are this site's. Plain functions of the settings; nothing here starts a process.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import streamlit

DEFAULT_HOSTS = "localhost,127.0.0.1"
STREAMLIT_INDEX = Path(streamlit.__file__).parent / "static" / "index.html"

_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOST = re.compile(rf"^(?:\*\.)?{_LABEL}(?:\.{_LABEL})*$")
_IPV4 = re.compile(r"^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$")
_ORIGIN = re.compile(rf"^https?://{_LABEL}(?:\.{_LABEL})*(?::\d{{1,5}})?$")
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def parse_hosts(value: str) -> list[str]:
    """SERVE_HOSTS: comma-separated host names or IPv4 addresses, `*.domain` for every
    subdomain. Anything else is refused: the names go into nginx's configuration."""
    hosts = [h.strip().lower().rstrip(".") for h in value.split(",") if h.strip()]
    if not hosts:
        raise SystemExit("SERVE_HOSTS is empty: name the host(s) the site is reached by")
    bad = [h for h in hosts if not (_HOST.match(h) or _IPV4.match(h))]
    if bad:
        raise SystemExit(f"SERVE_HOSTS: not a host name or IPv4 address: {', '.join(bad)}")
    return list(dict.fromkeys(hosts))


def parse_origins(value: str | None) -> list[str]:
    """SERVE_EMBED_ORIGINS: the sites (scheme://host[:port]) allowed to show the
    dashboard in a frame; none by default."""
    origins = [o.strip().lower().rstrip("/") for o in (value or "").split(",") if o.strip()]
    bad = [o for o in origins if not _ORIGIN.match(o)]
    if bad:
        raise SystemExit(f"SERVE_EMBED_ORIGINS: not an origin (https://host[:port]): "
                         f"{', '.join(bad)}")
    return origins


def page_paths() -> list[str]:
    """The pages' URL paths ('' for the default page), from the page registry: nginx
    answers any other path with 404 instead of letting Streamlit serve its page."""
    from components.pages import PAGES  # the app's registry: imported only when rendering

    return [p.url_path for p in PAGES]


def streamlit_host_args(hosts: list[str]) -> list[str]:
    """`streamlit run` options: the same names, checked on every WebSocket's Host."""
    return [arg for h in hosts for arg in ("--server.allowedHosts", h)]


def origin_regex(hosts: list[str], tls: bool) -> str:
    """nginx regex (case-insensitive, anchored by the template) for a browser Origin on
    one of the hosts, any port: a page of this site."""
    names = []
    for h in hosts:
        if h.startswith("*."):
            names.append(rf"(?:[a-z0-9-]+\.)+{re.escape(h[2:])}")
        else:
            names.append(re.escape(h))
    scheme = "https" if tls else "https?"
    return rf"{scheme}://({'|'.join(names)})(:[0-9]+)?"


def inline_script_hashes(index: Path = STREAMLIT_INDEX) -> list[str]:
    """CSP hashes of the inline scripts in Streamlit's page (one line setting
    `window.prerenderReady`), read from the installed Streamlit, so an upgrade that
    changes them changes the policy too, instead of opening script-src to all inline."""
    html = index.read_text(encoding="utf-8")
    return ["'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
            + "'" for body in _INLINE_SCRIPT.findall(html)]


def content_security_policy(embed_origins: list[str]) -> str:
    """The policy the dashboard works under (every page tested in Chromium,
    tests/serve/test_csp.py). Why each source is there: README, "Hardening"."""
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *inline_script_hashes(), "'wasm-unsafe-eval'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": embed_origins or ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


@dataclass(frozen=True)
class Limits:
    """Per client address, for `people` behind it (a NAT counts them all as one). The
    per-person figures come from bench/RESULTS.md; the template says the arithmetic."""

    people: int = 1

    @property
    def values(self) -> dict[str, str]:
        n = self.people
        return {
            "CLIENT_SESSIONS": str(10 * n),
            "SESSION_RATE": str(n),
            "SESSION_BURST": str(10 * n),
            "HTTP_RATE": str(5 * n),
            "HTTP_BURST": str(50 * n),
            "STATIC_RATE": str(50 * n),
            "STATIC_BURST": str(300 * n),
            "CLIENT_CONNS": str(128 * n),
        }

"""A small OpenID Connect provider on 127.0.0.1 for the sign-in tests.

`st.login` needs a real OIDC provider: it reads the discovery document, sends the browser
to the authorization endpoint, exchanges the code at the token endpoint (client secret,
PKCE) and checks the id_token's signature against the JWKS, its issuer, audience, expiry
and nonce. This provider does all of that honestly, with Authlib's own pieces (joserfc for
the RS256 keys and tokens, Authlib's PKCE helper), so a sign-in that passes here is the same
exchange a ministry's provider (Keycloak, Entra ID, …) would see.

Signing in is a one-field form: the test types the e-mail of the account it plays. Each
account's claims come from `users` (email_verified true unless the test says otherwise).
"""

from __future__ import annotations

import base64
import html
import json
import secrets
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote_plus, urlencode, urlsplit

from authlib.oauth2.rfc7636 import create_s256_code_challenge
from joserfc import jwt
from joserfc.jwk import RSAKey

CLIENT_ID = "gfmd-dashboard"
CLIENT_SECRET = "test-client-secret-" + "x" * 16
REVIEWER = "reviewer@ministry.example"
READER = "reader@ministry.example"
DEFAULT_USERS: dict[str, dict[str, Any]] = {
    REVIEWER: {"name": "Rania Reviewer", "email_verified": True},
    READER: {"name": "Rachid Reader", "email_verified": True},
}
TOKEN_LIFETIME_S = 600


@dataclass
class _Grant:
    """An authorization code waiting to be exchanged: who, for which client and nonce."""

    email: str
    redirect_uri: str
    nonce: str | None
    code_challenge: str | None
    issued: float = field(default_factory=time.monotonic)


@dataclass
class OIDCProvider:
    """The provider's state; `serve()` runs it on a free port in a thread."""

    users: dict[str, dict[str, Any]] = field(default_factory=lambda: dict(DEFAULT_USERS))
    client_id: str = CLIENT_ID
    client_secret: str = CLIENT_SECRET
    key: RSAKey = field(default_factory=lambda: RSAKey.generate_key(2048, parameters={
        "kid": secrets.token_hex(8), "use": "sig", "alg": "RS256"}, private=True))
    issuer: str = ""
    grants: dict[str, _Grant] = field(default_factory=dict)
    access_tokens: dict[str, str] = field(default_factory=dict)
    token_requests: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def metadata_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def metadata(self) -> dict[str, Any]:
        base = self.issuer
        return {
            "issuer": base,
            "authorization_endpoint": f"{base}/authorize",
            "token_endpoint": f"{base}/token",
            "userinfo_endpoint": f"{base}/userinfo",
            "jwks_uri": f"{base}/jwks",
            "end_session_endpoint": f"{base}/logout",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "email", "profile"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic",
                                                      "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
            "claims_supported": ["sub", "email", "email_verified", "name"],
        }

    def claims(self, email: str) -> dict[str, Any]:
        extra = self.users[email]
        return {"sub": "user-" + email.split("@")[0], "email": email, **extra}

    def auth_config(self, redirect_uri: str, cookie_secret: str) -> dict[str, str]:
        """The `[auth]` section of secrets.toml that points Streamlit at this provider."""
        return {"redirect_uri": redirect_uri, "cookie_secret": cookie_secret,
                "client_id": self.client_id, "client_secret": self.client_secret,
                "server_metadata_url": self.metadata_url}

    # ------------------------------------------------------------------ endpoints

    def issue_code(self, email: str, query: Mapping[str, str]) -> str:
        code = secrets.token_urlsafe(24)
        challenge = query.get("code_challenge")
        if challenge and query.get("code_challenge_method", "plain") != "S256":
            raise ValueError("only S256 PKCE is supported")
        with self.lock:
            self.grants[code] = _Grant(email, query["redirect_uri"], query.get("nonce"),
                                       challenge)
        return code

    def exchange(self, form: Mapping[str, str], basic: tuple[str, str] | None,
                 ) -> tuple[HTTPStatus, dict[str, Any]]:
        """The token endpoint: check the client, the code, its redirect URI and PKCE."""
        client_id, secret = basic or (form.get("client_id", ""), form.get("client_secret", ""))
        if client_id != self.client_id or secret != self.client_secret:
            return HTTPStatus.UNAUTHORIZED, {"error": "invalid_client"}
        if form.get("grant_type") != "authorization_code":
            return HTTPStatus.BAD_REQUEST, {"error": "unsupported_grant_type"}
        with self.lock:
            self.token_requests += 1
            grant = self.grants.pop(form.get("code", ""), None)  # a code works once
        if grant is None or time.monotonic() - grant.issued > 60:
            return HTTPStatus.BAD_REQUEST, {"error": "invalid_grant"}
        if form.get("redirect_uri") != grant.redirect_uri:
            return HTTPStatus.BAD_REQUEST, {"error": "invalid_grant",
                                            "error_description": "redirect_uri differs"}
        if grant.code_challenge is not None:
            verifier = form.get("code_verifier", "")
            if create_s256_code_challenge(verifier) != grant.code_challenge:
                return HTTPStatus.BAD_REQUEST, {"error": "invalid_grant",
                                                "error_description": "PKCE check failed"}
        now = int(time.time())
        claims = {**self.claims(grant.email), "iss": self.issuer, "aud": self.client_id,
                  "iat": now, "exp": now + TOKEN_LIFETIME_S, "auth_time": now}
        if grant.nonce:
            claims["nonce"] = grant.nonce
        id_token = jwt.encode({"alg": "RS256", "kid": self.key.kid}, claims, self.key)
        access_token = secrets.token_urlsafe(24)
        with self.lock:
            self.access_tokens[access_token] = grant.email
        return HTTPStatus.OK, {"access_token": access_token, "token_type": "Bearer",
                               "expires_in": TOKEN_LIFETIME_S, "id_token": id_token,
                               "scope": "openid email profile"}

    def jwks(self) -> dict[str, Any]:
        return {"keys": [self.key.as_dict(private=False)]}

    # --------------------------------------------------------------------- server

    @contextmanager
    def serve(self) -> Iterator[OIDCProvider]:
        """Listen on 127.0.0.1 on a free port until the block ends."""
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        server.daemon_threads = True
        self.issuer = f"http://127.0.0.1:{server.server_address[1]}"
        thread = threading.Thread(target=server.serve_forever, name="oidc-provider",
                                  daemon=True)
        thread.start()
        try:
            yield self
        finally:
            server.shutdown()
            server.server_close()
            thread.join(timeout=10)


LOGIN_FORM = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title></head>
<body><main><h1>Test identity provider</h1>
<form method="post" action="/authorize?{query}">
<label for="email">E-mail</label> <input id="email" name="email" type="email" required>
<button type="submit">Sign in</button>
</form>{error}</main></body></html>"""


def _handler(provider: OIDCProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the tests report what matters."""

        def _send(self, status: HTTPStatus, body: bytes, content_type: str,
                  headers: Mapping[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def _json(self, status: HTTPStatus, payload: Mapping[str, Any]) -> None:
            self._send(status, json.dumps(payload).encode(), "application/json")

        def _redirect(self, location: str) -> None:
            self._send(HTTPStatus.FOUND, b"", "text/plain", {"Location": location})

        def _query(self) -> dict[str, str]:
            return {k: v[-1] for k, v in parse_qs(urlsplit(self.path).query).items()}

        def _form(self) -> dict[str, str]:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8")
            return {k: v[-1] for k, v in parse_qs(body).items()}

        def _login_form(self, error: str = "") -> None:
            query = html.escape(urlsplit(self.path).query)
            note = f"<p role=\"alert\">{html.escape(error)}</p>" if error else ""
            self._send(HTTPStatus.OK, LOGIN_FORM.format(query=query, error=note).encode(),
                       "text/html; charset=utf-8")

        def _check_authorize(self, query: Mapping[str, str]) -> str | None:
            if query.get("client_id") != provider.client_id:
                return "unknown client"
            if query.get("response_type") != "code":
                return "only the code flow is supported"
            if "openid" not in query.get("scope", "").split():
                return "scope must include openid"
            if not query.get("redirect_uri"):
                return "redirect_uri missing"
            return None

        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            if path == "/.well-known/openid-configuration":
                self._json(HTTPStatus.OK, provider.metadata())
            elif path == "/jwks":
                self._json(HTTPStatus.OK, provider.jwks())
            elif path == "/authorize":
                problem = self._check_authorize(self._query())
                if problem:
                    self._send(HTTPStatus.BAD_REQUEST, problem.encode(), "text/plain")
                else:
                    self._login_form()
            elif path == "/userinfo":
                auth = self.headers.get("Authorization", "")
                email = provider.access_tokens.get(auth.removeprefix("Bearer ").strip())
                if email is None:
                    self._json(HTTPStatus.UNAUTHORIZED, {"error": "invalid_token"})
                else:
                    self._json(HTTPStatus.OK, provider.claims(email))
            elif path == "/logout":
                target = self._query().get("post_logout_redirect_uri")
                if target:
                    self._redirect(target)
                else:
                    self._send(HTTPStatus.OK, b"Signed out.", "text/plain")
            else:
                self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain")

        def do_POST(self) -> None:
            path = urlsplit(self.path).path
            if path == "/authorize":
                query = self._query()
                problem = self._check_authorize(query)
                if problem:
                    self._send(HTTPStatus.BAD_REQUEST, problem.encode(), "text/plain")
                    return
                email = self._form().get("email", "").strip().lower()
                if email not in provider.users:
                    self._login_form(f"No account {email!r} at this provider.")
                    return
                code = provider.issue_code(email, query)
                back = {"code": code, **({"state": query["state"]} if "state" in query else {})}
                sep = "&" if "?" in query["redirect_uri"] else "?"
                self._redirect(f"{query['redirect_uri']}{sep}{urlencode(back)}")
            elif path == "/token":
                basic = None
                auth = self.headers.get("Authorization", "")
                if auth.startswith("Basic "):
                    raw = base64.b64decode(auth[6:]).decode("utf-8")
                    user, _, password = raw.partition(":")
                    basic = (unquote_plus(user), unquote_plus(password))
                status, payload = provider.exchange(self._form(), basic)
                self._json(status, payload)
            else:
                self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain")

    return Handler

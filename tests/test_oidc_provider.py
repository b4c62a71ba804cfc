"""The test OIDC provider is honest: Authlib's own client signs in through it, and it
refuses what a real provider refuses (a wrong client secret, a wrong PKCE verifier, a code
used twice). Without this, a browser test that signs in could pass against a provider that
accepts anything."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import httpx2
import pytest
from authlib.integrations.httpx_client import OAuth2Client
from authlib.oidc.core import CodeIDToken
from joserfc import jwt
from joserfc.jwk import KeySet

from tests.oidc_provider import CLIENT_ID, CLIENT_SECRET, READER, REVIEWER, OIDCProvider

REDIRECT = "http://127.0.0.1:9/oauth2callback"  # never called: the test reads the redirect


@pytest.fixture()
def provider() -> Iterator[OIDCProvider]:
    with OIDCProvider().serve() as running:
        yield running


def _code(provider: OIDCProvider, email: str, verifier: str, nonce: str) -> str:
    """Sign in at the form as `email`; the code the provider sends back."""
    client = OAuth2Client(CLIENT_ID, CLIENT_SECRET, scope="openid email profile",
                          redirect_uri=REDIRECT, code_challenge_method="S256")
    url, state = client.create_authorization_url(
        provider.metadata()["authorization_endpoint"], code_verifier=verifier, nonce=nonce)
    form = httpx2.get(url)
    assert form.status_code == 200 and 'name="email"' in form.text
    action = re.search(r'action="([^"]+)"', form.text).group(1).replace("&amp;", "&")
    back = httpx2.post(provider.issuer + action, data={"email": email})
    assert back.status_code == 302
    query = parse_qs(urlsplit(back.headers["location"]).query)
    assert query["state"] == [state]
    return query["code"][0]


def _token(provider: OIDCProvider, code: str, verifier: str,
           secret: str = CLIENT_SECRET) -> httpx2.Response:
    return httpx2.post(provider.metadata()["token_endpoint"], auth=(CLIENT_ID, secret),
                      data={"grant_type": "authorization_code", "code": code,
                            "redirect_uri": REDIRECT, "code_verifier": verifier})


def test_discovery_lists_what_st_login_reads(provider: OIDCProvider) -> None:
    meta = httpx2.get(provider.metadata_url).json()
    assert meta["issuer"] == provider.issuer
    assert meta["code_challenge_methods_supported"] == ["S256"]
    for key in ("authorization_endpoint", "token_endpoint", "jwks_uri", "userinfo_endpoint",
                "end_session_endpoint"):
        assert meta[key].startswith(provider.issuer + "/")


def test_signed_id_token_verifies_with_the_published_keys(provider: OIDCProvider) -> None:
    verifier, nonce = "v" * 50, "nonce-1"
    token = _token(provider, _code(provider, REVIEWER, verifier, nonce), verifier)
    assert token.status_code == 200, token.text
    body = token.json()
    keys = KeySet.import_key_set(httpx2.get(provider.metadata()["jwks_uri"]).json())
    decoded = jwt.decode(body["id_token"], keys, algorithms=["RS256"])
    claims = CodeIDToken(decoded.claims, decoded.header,
                         {"iss": {"values": [provider.issuer]}},
                         {"nonce": nonce, "client_id": CLIENT_ID})
    claims.validate()  # issuer, audience, expiry, nonce: what Authlib checks for st.login
    assert claims["email"] == REVIEWER and claims["email_verified"] is True
    info = httpx2.get(provider.metadata()["userinfo_endpoint"],
                     headers={"Authorization": f"Bearer {body['access_token']}"}).json()
    assert info["email"] == REVIEWER


def test_refuses_a_wrong_secret_a_wrong_verifier_and_a_reused_code(
        provider: OIDCProvider) -> None:
    verifier = "w" * 50
    code = _code(provider, READER, verifier, "n")
    assert _token(provider, code, verifier, secret="wrong").status_code == 401
    assert _token(provider, code, "not-the-verifier" * 4).json()["error"] == "invalid_grant"
    fresh = _code(provider, READER, verifier, "n")
    assert _token(provider, fresh, verifier).status_code == 200
    assert _token(provider, fresh, verifier).json()["error"] == "invalid_grant"


def test_unknown_account_gets_the_form_again(provider: OIDCProvider) -> None:
    client = OAuth2Client(CLIENT_ID, CLIENT_SECRET, scope="openid", redirect_uri=REDIRECT)
    url, _ = client.create_authorization_url(provider.metadata()["authorization_endpoint"])
    action = re.search(r'action="([^"]+)"', httpx2.get(url).text).group(1).replace("&amp;", "&")
    again = httpx2.post(provider.issuer + action, data={"email": "nobody@elsewhere.example"})
    assert again.status_code == 200 and "No account" in again.text

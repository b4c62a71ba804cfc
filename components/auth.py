"""Reviewer sign-in, the Streamlit side: whether sign-in is configured, who is signed in,
the sign-in and sign-out buttons, the way back to Review after signing in and the notice
when a sign-in did not complete. Who counts as a reviewer, and since when, is
gfmd/changes/reviewers.py.

Sign-in is `st.login` against the ministry's OIDC provider, set up in the `[auth]` section
of the secrets file (README: Reviewer sign-in). Readers never sign in: without `[auth]` the
app works as before and only the Review page says that sign-in is not set up.

Streamlit builds `st.user` from the ID token alone. A provider may send `email` and
`email_verified` only from its userinfo endpoint (OIDC Core §5.4; panva's oidc-provider
does by default), so when the ID token lacks them the app asks that endpoint with the
access token (`[auth] expose_tokens = ["id", "access"]`), once per token and process.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import json
import logging
import threading
import time
from collections.abc import Mapping
from typing import Any

import httpx2
import streamlit as st

from components.safe_text import md
from gfmd.changes.reviewers import ENDED, ReviewerPolicy, Standing, last_sign_out
from gfmd.changes.signouts import SignOutRecordError, SignOuts
from gfmd.store.loader import resolve_data_dir
from gfmd.text.messages import t

_LOG = logging.getLogger(__name__)

# What st.login needs in `[auth]` for the default (unnamed) provider.
AUTH_SETTINGS = ("redirect_uri", "cookie_secret", "client_id", "client_secret",
                 "server_metadata_url")
# The claims the reviewer rule reads; asked of the userinfo endpoint when the ID token
# lacks one of them.
EMAIL_CLAIMS = ("email", "email_verified")
HTTP_TIMEOUT_S = 10.0
# Streamlit keeps the state of a sign-in in progress in this cookie (Authlib, signed with
# `cookie_secret`) until the provider sends the browser back with a code.
SESSION_COOKIE = "_streamlit_session"
STATE_PREFIX = "_state_default_"
STATE_LIFETIME_S = 3600  # Authlib's: each state's `exp` is its start plus this
# A sign-in begun this recently that never came back signed in is reported as failed.
UNFINISHED_SIGN_IN_S = 15 * 60
# Streamlit's XSRF cookie: "2|mask|masked token|time", a new mask at each page load over
# the same token, so the token names one browser across the round trip to the provider.
XSRF_COOKIE = "_streamlit_xsrf"
REVIEW_PAGE = "app_pages/review.py"

# In this process, by hashed XSRF token: browsers whose sign-in began on the Review page
# (the provider sends them back to the first page, and the frame takes them on to Review),
# and when each was last seen signed in (a sign-in begun before that is not "unfinished").
_returning: dict[str, float] = {}
_signed_in_seen: dict[str, float] = {}
_browsers_lock = threading.Lock()


class UserinfoError(RuntimeError):
    """The provider's userinfo endpoint could not say who the user is."""


def _secrets_section(name: str) -> Mapping[str, Any]:
    """A section of the secrets file; empty when there is no file or no such section."""
    try:
        section = st.secrets.get(name)
    except FileNotFoundError:  # no secrets file anywhere, or one that does not parse
        return {}
    return section if isinstance(section, Mapping) else {}


def missing_settings() -> list[str]:
    """The `[auth]` settings st.login needs that the secrets file lacks."""
    section = _secrets_section("auth")
    return [key for key in AUTH_SETTINGS if not section.get(key)]


def sign_in_configured() -> bool:
    return not missing_settings()


def policy() -> ReviewerPolicy:
    return ReviewerPolicy.from_config(_secrets_section("review"))


# ------------------------------------------------------------------ userinfo endpoint


def _get_json(url: str, access_token: str | None = None) -> dict[str, Any]:
    headers = {"Accept": "application/json"}
    if access_token:
        headers["Authorization"] = f"Bearer {access_token}"
    try:
        response = httpx2.get(url, headers=headers, timeout=HTTP_TIMEOUT_S)
        response.raise_for_status()
        payload = response.json()
    except (httpx2.HTTPError, ValueError) as exc:
        raise UserinfoError(f"{url}: {exc}") from exc
    if not isinstance(payload, dict):
        raise UserinfoError(f"{url}: not a JSON object")
    return payload


@st.cache_data(ttl=3600, max_entries=8, show_spinner=False)
def _userinfo_endpoint(metadata_url: str) -> str:
    """The userinfo endpoint the discovery document names (kept an hour)."""
    endpoint = _get_json(metadata_url).get("userinfo_endpoint")
    if not isinstance(endpoint, str) or not endpoint:
        raise UserinfoError(f"{metadata_url} names no userinfo_endpoint")
    return endpoint


@st.cache_data(max_entries=1000, show_spinner=False)
def _userinfo(metadata_url: str, access_token: str, subject: str) -> dict[str, Any]:
    """The e-mail claims the userinfo endpoint gives for `access_token`, once per token:
    its answer must be about the ID token's subject (OIDC Core §5.3.2). A failure is
    raised, so not kept, and the next run asks again."""
    claims = _get_json(_userinfo_endpoint(metadata_url), access_token)
    if claims.get("sub") != subject:
        raise UserinfoError("the userinfo answer is about another subject")
    return {key: claims[key] for key in EMAIL_CLAIMS if key in claims}


def _with_userinfo(user: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """`user` with the e-mail claims from the userinfo endpoint when the ID token lacks
    one; unchanged, with the problem in words, when the endpoint cannot be asked."""
    if not user.get("is_logged_in") or all(key in user for key in EMAIL_CLAIMS):
        return user, None
    tokens = user.get("tokens")
    access_token = tokens.get("access") if isinstance(tokens, Mapping) else None
    if not access_token:
        return user, t("review.signin.no_access_token")
    try:
        found = _userinfo(str(_secrets_section("auth").get("server_metadata_url")),
                          str(access_token), str(user.get("sub", "")))
    except UserinfoError as exc:
        _LOG.warning("Reviewer sign-in: the userinfo endpoint failed: %s", exc)
        return user, t("review.signin.userinfo_failed")
    return {**user, **found}, None


def _signed_in_user() -> tuple[dict[str, Any], str | None]:
    return _with_userinfo(st.user.to_dict()) if sign_in_configured() else ({}, None)


def current_user() -> dict[str, Any]:
    """The signed-in user's claims (`st.user`, with the e-mail claims the userinfo
    endpoint adds); empty when sign-in is not configured."""
    return _signed_in_user()[0]


# ------------------------------------------------------------------ unfinished sign-in


def _pending_sign_in_started() -> float | None:
    """When the newest sign-in this browser began and the provider never completed
    started, from Streamlit's session cookie; None if there is none.

    The cookie is read, not verified: it only decides a notice shown to the browser that
    sent it, so a forged one would only mislead its own sender.
    """
    raw = st.context.cookies.get(SESSION_COOKIE)
    if not isinstance(raw, str) or not raw:
        return None
    try:
        session = json.loads(base64.b64decode(raw.split(".", 1)[0]))
    except (binascii.Error, ValueError):
        return None
    if not isinstance(session, dict):
        return None
    started = [value["exp"] - STATE_LIFETIME_S for key, value in session.items()
               if key.startswith(STATE_PREFIX) and isinstance(value, dict)
               and isinstance(value.get("exp"), int | float)]
    return max(started, default=None)


def _browser() -> str | None:
    """This browser, the same before and after the provider's pages: a hash of the token
    in Streamlit's XSRF cookie; None without one (XSRF protection off)."""
    raw = st.context.cookies.get(XSRF_COOKIE)
    parts = raw.strip("\"'").split("|") if isinstance(raw, str) else []
    if len(parts) != 4 or parts[0] != "2":
        return None
    try:
        mask, masked = bytes.fromhex(parts[1]), bytes.fromhex(parts[2])
    except ValueError:
        return None
    if not mask:
        return None
    token = bytes(b ^ mask[i % len(mask)] for i, b in enumerate(masked))
    return hashlib.sha256(token).hexdigest()


def _remember(table: dict[str, float], browser: str, now: float) -> None:
    """Note `browser` at `now` in `table`, forgetting entries older than the provider's
    own limit on finishing a sign-in (the caller holds the lock)."""
    for stale in [b for b, seen in table.items() if now - seen > STATE_LIFETIME_S]:
        del table[stale]
    table[browser] = now


def _note_sign_in_started() -> None:
    """The sign-in button's click: this browser is to come back to Review."""
    browser = _browser()
    if browser is not None:
        with _browsers_lock:
            _remember(_returning, browser, time.time())


def after_sign_in() -> None:
    """On every page, before it runs: take a browser just signed in from the Review page
    back there (Streamlit sends it to the first page), or say so when a sign-in begun
    here lately came back without signing in (the provider refused it, and Streamlit
    only logs why, or it was abandoned)."""
    if not sign_in_configured():
        return
    browser = _browser()
    if st.user.get("is_logged_in"):
        if browser is None:
            return
        with _browsers_lock:
            returning = _returning.pop(browser, None) is not None
            _remember(_signed_in_seen, browser, time.time())
        if returning:
            st.switch_page(REVIEW_PAGE)
        return
    started = _pending_sign_in_started()
    if started is None or time.time() - started >= UNFINISHED_SIGN_IN_S:
        return
    with _browsers_lock:
        seen = _signed_in_seen.get(browser, 0.0) if browser is not None else 0.0
    if started > seen:
        st.error(t("review.signin.failed"))


# ------------------------------------------------------------------------- account


def _sign_in_button() -> None:
    if st.button(t("review.signin.button"), key="review-sign-in", type="primary"):
        _note_sign_in_started()
        st.login()


def _standing(rules: ReviewerPolicy, user: Mapping[str, Any]) -> Standing:
    """Where the user stands now: a reviewer's sign-in dated against the sign-out
    record (read only for a reviewer)."""
    claimed = rules.standing(user)
    if claimed is not Standing.REVIEWER:
        return claimed
    try:
        signed_out_at = last_sign_out(user, resolve_data_dir())
    except SignOutRecordError:
        _LOG.exception("Reviewer sign-in: the record of sign-outs cannot be read")
        return Standing.UNCHECKED
    return rules.standing(user, signed_out_at, time.time())


def _sign_out(rules: ReviewerPolicy, user: Mapping[str, Any]) -> None:
    """Record the sign-out on the server, so every copy of this sign-in ends, then let
    Streamlit delete the cookie and sign out at the provider. Only an address the
    provider vouches for is recorded: an unverified claim to a reviewer's address must
    not end that reviewer's sign-ins."""
    email = rules.email(user)
    record = SignOuts.of(resolve_data_dir())
    if email and record is not None:
        try:
            record.record(email, time.time())
        except (OSError, SignOutRecordError):
            _LOG.exception("Reviewer sign-out of %s could not be recorded", email)
    st.logout()


def _say(rules: ReviewerPolicy, user: Mapping[str, Any], standing: Standing,
         problem: str | None) -> None:
    """Who is signed in and what they may do, in words; never "Signed in as ," for a
    provider that sent no e-mail."""
    who = md(rules.email(user) or str(user.get("email") or "").strip())
    minutes = round(rules.max_sign_in_age_s / 60)
    if standing is Standing.REVIEWER:
        st.success(t("review.signin.reviewer", who=who))
    elif problem and standing in (Standing.NO_EMAIL, Standing.UNVERIFIED):
        st.warning(problem)
    elif standing is Standing.NO_EMAIL:
        st.warning(t("review.signin.no_email"))
    elif standing is Standing.UNVERIFIED:
        st.warning(t("review.signin.unverified", who=who))
    elif standing is Standing.NOT_LISTED:
        st.warning(t("review.signin.not_reviewer", who=who))
    elif standing is Standing.SIGNED_OUT_SINCE:
        st.warning(t("review.signin.signed_out_since", who=who))
    elif standing is Standing.TOO_OLD:
        st.warning(t("review.signin.too_old", who=who, minutes=minutes))
    else:
        st.error(t("review.signin.unchecked"))


@functools.cache
def _log_missing(settings: tuple[str, ...]) -> None:
    """Tell the IT team, in the server's log, what sign-in lacks; once per process and
    set of missing settings. Readers are told only that it is not set up: how the server
    is configured is not theirs to read."""
    _LOG.warning("Reviewer sign-in is not set up: the secrets file's [auth] section lacks "
                 "%s (README: Reviewer sign-in)", ", ".join(settings))


def account(rules: ReviewerPolicy) -> dict[str, Any]:
    """Who is signed in, said in words, with the button to sign in or out. Returns the
    user whose claims decide what the page offers: empty when a reviewer's sign-in no
    longer counts (signed out since, too old), so no Accept is drawn for it."""
    if not sign_in_configured():
        st.info(t("review.signin.not_configured"))
        _log_missing(tuple(missing_settings()))
        return {}
    user, problem = _signed_in_user()
    if not rules.configured:
        st.warning(t("review.signin.no_reviewers"))
    standing = _standing(rules, user)
    if standing is Standing.ANONYMOUS:
        st.caption(t("review.signin.why"))
        _sign_in_button()
        return user
    _say(rules, user, standing, problem)
    if standing in ENDED:
        _sign_in_button()
        return {}
    if st.button(t("review.signout.button"), key="review-sign-out"):
        _sign_out(rules, user)
    return user

"""Reviewer sign-in, the Streamlit side: whether sign-in is configured, who is signed in,
and the sign-in and sign-out buttons. Who counts as a reviewer is gfmd/changes/reviewers.py.

Sign-in is `st.login` against the ministry's OIDC provider, set up in the `[auth]` section
of the secrets file (README: Reviewer sign-in). Readers never sign in: without `[auth]` the
app works as before and only the Review page says that sign-in is not set up.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from components.safe_text import md
from gfmd.changes.reviewers import ReviewerPolicy
from gfmd.text.messages import t

# What st.login needs in `[auth]` for the default (unnamed) provider.
AUTH_SETTINGS = ("redirect_uri", "cookie_secret", "client_id", "client_secret",
                 "server_metadata_url")


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


def current_user() -> dict[str, Any]:
    """The signed-in user's claims (`st.user`); empty when sign-in is not configured."""
    return st.user.to_dict() if sign_in_configured() else {}


def account(rules: ReviewerPolicy) -> dict[str, Any]:
    """Who is signed in, said in words, with the button to sign in or out; the user."""
    if not sign_in_configured():
        st.info(t("review.signin.not_configured", settings=", ".join(missing_settings())))
        return {}
    user = current_user()
    if not rules.configured:
        st.warning(t("review.signin.no_reviewers"))
    if not rules.signed_in(user):
        st.caption(t("review.signin.why"))
        if st.button(t("review.signin.button"), key="review-sign-in", type="primary"):
            st.login()
        return user
    shown = md(user.get("email") or user.get("name") or "")
    if rules.is_reviewer(user):
        st.success(t("review.signin.reviewer", who=shown))
    elif not rules.email(user):
        st.warning(t("review.signin.unverified", who=shown))
    else:
        st.warning(t("review.signin.not_reviewer", who=shown))
    if st.button(t("review.signout.button"), key="review-sign-out"):
        st.logout()
    return user

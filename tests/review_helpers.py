"""What the review tests share: the test accounts, a signed-in user as `st.user` gives it,
one proposal as the Propose page or the command line would send it, and the Review page
opened in AppTest."""

from __future__ import annotations

import time
from collections.abc import Mapping

from streamlit.testing.v1 import AppTest

from tests.apptest_helpers import APP
from tests.oidc_provider import READER, REVIEWER

__all__ = ["AUTH", "MEETING_TITLE", "READER", "REVIEWER", "REVIEW_PAGE", "SOURCE_URL",
           "buttons", "draft", "review_page", "signed_in"]

REVIEW_PAGE = "app_pages/review.py"
# `[auth]` as st.login needs it to count as set up; its provider is never reached.
AUTH = {"redirect_uri": "http://127.0.0.1:8501/oauth2callback",
        "cookie_secret": "a-test-cookie-secret-of-some-length", "client_id": "gfmd",
        "client_secret": "s3cret",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}

MEETING_TITLE = "Workshop on consular services for migrants (test)"
SOURCE_URL = "https://www.gfmd.org/test/workshop-consular-services"


def signed_in(email: str, **claims: object) -> dict[str, object]:
    """`st.user` for someone signed in just now whose provider vouches for the e-mail
    (`iat`: when the provider issued the sign-in)."""
    return {"is_logged_in": True, "email": email, "email_verified": True, "name": email,
            "iat": int(time.time()), **claims}


def draft(summary: str = "Morocco co-chaired a workshop on consular services",
          title: str = MEETING_TITLE) -> dict[str, object]:
    """A thematic meeting in 2025 (test data: only ever written to a copy of data/)."""
    return {
        "kind": "meeting", "year": 2025, "summary": summary, "proposer": "Desk officer",
        "change": {"role": "co-chair", "title": title, "start_date": "2025-05-12",
                   "city": "Rabat", "country": "Morocco", "themes": ["labour-mobility"],
                   "partners": {"status": "unknown"}},
        "source_url": SOURCE_URL, "source_title": "GFMD workshop page (test)",
    }


def review_page(user: Mapping[str, object] | None = None, *,
                auth: Mapping[str, object] | None = AUTH,
                reviewers: tuple[str, ...] = (REVIEWER,)) -> AppTest:
    """The Review page as a browser holding `user`'s sign-in opens it (None: nobody signed
    in); `auth=None`: sign-in not set up on the server."""
    at = AppTest.from_file(APP, default_timeout=60)
    if auth is not None:
        at.secrets["auth"] = dict(auth)
    at.secrets["review"] = {"reviewers": list(reviewers)}
    at.user = dict(user) if user is not None else {"is_logged_in": False}
    at.run()
    at.switch_page(REVIEW_PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def buttons(at: AppTest) -> list[str]:
    return [b.label for b in at.button]

"""A choice kept in the address by its ids, shown by its labels.

Streamlit's own URL binding writes what a widget shows, so a link would carry a theme's
label in the page's language and mean something else, or nothing, in another. Here the
address holds ids (`theme=diaspora-development`); a link's labels, in any language, are
read as their ids; the widget shows the labels of the page's language, and switches with
it without losing what was chosen.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from components.safe_text import md
from gfmd.tables.links import Names, resolve
from gfmd.text.messages import language, t

_SEEN_KEY = "_gfmd_address_seen"  # per key: the ids this session last wrote to the address
_LANG_KEY = "_gfmd_address_lang"  # per key: the language its widget last showed


def seed(key: str, known: Names, default: Sequence[str] = ()) -> list[str]:
    """Before drawing the widget `key`: take a link's values as its selection (the first
    time the address holds them), and redraw its labels after a language switch.

    Returns the link's values that name nothing, for a notice."""
    seen: dict[str, tuple[str, ...]] = st.session_state.setdefault(_SEEN_KEY, {})
    shown: dict[str, str] = st.session_state.setdefault(_LANG_KEY, {})
    unusable: list[str] = []
    # The address is read when it names something new, and whenever the widget has no
    # state of its own (a session served again, a client that sends none): it holds the
    # selection then.
    if key in st.query_params and (tuple(st.query_params.get_all(key)) != seen.get(key)
                                   or key not in st.session_state):
        ids, unusable = resolve(st.query_params.get_all(key), known)
        st.session_state[key] = ids
    elif key not in st.session_state:
        st.session_state[key] = [i for i in default if i in known]
    elif shown.get(key) != language():
        # Set again, so the browser is sent the labels of the new language.
        st.session_state[key] = list(st.session_state[key])
    shown[key] = language()
    return unusable


def keep(key: str, ids: Sequence[str], default: Sequence[str] = ()) -> None:
    """After drawing the widget: the address holds its ids (none when it is the default)."""
    ids = list(ids)
    if ids == list(default):
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get_all(key) != ids:
        st.query_params[key] = ids
    st.session_state[_SEEN_KEY][key] = tuple(ids) if ids != list(default) else ()


def notice(notices: Sequence[tuple[str, dict[str, object]]]) -> None:
    """The one notice naming a link's values that were dropped or replaced."""
    if notices:
        details = t("format.semicolon").join(t(key, **values) for key, values in notices)
        st.info(md(t("url.notice", details=details)), icon="🔗")

"""`?v=<version>`: a link that cites the record as it stood at a data version.

The version stays in the address from page to page (page links drop parameters they do
not know; the frame puts it back), every page then reads that version's record, and a
notice says a newer record exists, with a link to it (`?v=latest`). A version the log
cannot rebuild gets a notice and the latest record.
"""

from __future__ import annotations

import streamlit as st

from components.context import Pin
from components.safe_text import md
from gfmd.tables.links import LATEST, VERSION_KEY
from gfmd.text import formatting as fmt
from gfmd.text.messages import t

_STATE_KEY = "_gfmd_pinned_version"


def requested(latest_version: str) -> str | None:
    """The version this session reads, from the link or kept from an earlier page;
    None for the latest record. A link to the latest version keeps it in the address,
    page after page: whoever copies the address cites the record as it stands now, which
    is what the link meant once the record has changed (walk review F40)."""
    linked = st.query_params.get(VERSION_KEY)
    if linked is not None:
        linked = linked.strip()[:64]
        if linked in ("", LATEST):
            st.session_state.pop(_STATE_KEY, None)
            del st.query_params[VERSION_KEY]
            return None
        st.session_state[_STATE_KEY] = linked
    else:
        linked = st.session_state.get(_STATE_KEY)
        if linked:
            st.query_params[VERSION_KEY] = linked  # a page link dropped it; keep it
    return None if not linked or linked == latest_version else linked


def _latest_link(page: st.Page) -> None:
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    params[VERSION_KEY] = [LATEST]
    st.page_link(page, label=t("pin.latest_link"), icon="➡️", query_params=params)


def notice(pin: Pin | None, page: st.Page) -> None:
    """Say which record the page shows when the link pins a version."""
    if pin is None:
        return
    shown = md(pin.requested[:20])  # a link's text: short, and shown as text
    with st.container(border=True, key="pinned-version"):
        if not pin.found:
            st.warning(t("pin.unknown", version=shown, latest=pin.latest), icon="📌")
        elif pin.replaced_at:
            st.info(t("pin.older", version=shown, date=fmt.date(pin.replaced_at.date()),
                      latest=pin.latest), icon="📌")
        else:
            st.info(t("pin.older.undated", version=shown, latest=pin.latest), icon="📌")
        _latest_link(page)

"""The "Propose a change" form: the facts of one change and its public source.

Everything typed lives in session state under `propose.` keys and is kept across reruns
and kinds (`keep_typed`), so a refused proposal loses nothing: the problems are listed in
plain words above the form, each named by the form's own label. The submission runs in
the submit button's callback (before the widgets are drawn again), which is also where a
stored proposal's facts are cleared; the source stays, for the next fact from the same
page. Proposals always apply to the latest record, even when the reader pins an older one.

Each proposal carries who sent it as an opaque key (`client_key`), so that one client's
pending proposals are capped (`gfmd.changes.types.MAX_PENDING_PER_CLIENT`); a refusal at a
cap says which and keeps what was typed, like any other.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
import secrets
from typing import Any

import streamlit as st

from components import review
from components.context import PageContext
from components.safe_text import md
from gfmd.changes.edit import correctable
from gfmd.changes.proposals import ProposalError, submit
from gfmd.record.dataset import Dataset
from gfmd.record.reference import theme_label
from gfmd.record.vocab import (
    Attendance,
    MeetingRole,
    PartnersStatus,
    ProposalKind,
    RecordStatus,
    RoundtableRole,
    label,
    role_label,
)
from gfmd.store.loader import resolve_data_dir
from gfmd.text.messages import in_language, t

PREFIX = "propose."
RESULT_KEY = "_gfmd_propose_result"
CONFIDENCE = ("high", "medium-high", "medium", "low")
# The source and the proposer's name stay after a proposal is stored.
SESSION_CLIENT_KEY = "_gfmd_client"
KEPT_AFTER_SUBMIT = {f"{PREFIX}source_url", f"{PREFIX}source_title", f"{PREFIX}proposer",
                     f"{PREFIX}kind"}


def field_labels() -> dict[str, str]:
    """The form's label of each field a problem can name (data field names as keys)."""
    return {
        "kind": t("propose.kind"), "year": t("propose.year"),
        "summary": t("propose.summary"), "source_url": t("propose.source_url"),
        "source_title": t("propose.source_title"), "proposer": t("propose.proposer"),
        "summit": t("propose.summit"), "prep_meetings": t("propose.prep_meetings"),
        "other": t("propose.other"), "evidence": t("propose.evidence"),
        "confidence": t("propose.confidence"), "role": t("propose.role"),
        "title": t("propose.title"), "as_written": t("propose.as_written"),
        "start_date": t("propose.start_date"), "end_date": t("propose.end_date"),
        "city": t("propose.city"), "locality": t("propose.locality"),
        "country": t("propose.country"), "themes": t("propose.themes"),
        "rt_code": t("propose.rt_code"), "partners": t("propose.partners"),
        "partners.status": t("propose.partners"), "partners.names": t("propose.partner_names"),
        "head": t("propose.head_name"), "head.name": t("propose.head_name"),
        "head.title": t("propose.head_title"), "members": t("propose.members"),
        "field": t("propose.field"), "current": t("propose.current"),
        "value": t("propose.value"),
    }


def keep_typed() -> None:
    """Keep every field's text even while its kind's fields are not drawn (Streamlit
    forgets the value of a widget that is not drawn in a run)."""
    for key in [k for k in st.session_state if str(k).startswith(PREFIX)]:
        st.session_state[key] = st.session_state[key]


def _get(name: str) -> Any:
    value = st.session_state.get(PREFIX + name)
    return value.strip() if isinstance(value, str) else value


def _lines(name: str) -> list[str]:
    return [line.strip() for line in (_get(name) or "").splitlines() if line.strip()]


def _partners(kind: str) -> dict[str, Any] | None:
    status = _get(f"{kind}.partners")
    if not status:
        return None
    names = [n.strip() for n in (_get(f"{kind}.partner_names") or "").split(",") if n.strip()]
    return {"status": status, **({"names": names} if names else {})}


def _people(text: str) -> list[dict[str, str]]:
    """'Name; Title' per line -> [{name, title}] (the Arabic semicolon "؛" too)."""
    people = []
    for line in text.splitlines():
        name, _, title = line.replace("؛", ";").partition(";")
        if name.strip() or title.strip():
            people.append({"name": name.strip(), **({"title": title.strip()} if title.strip()
                                                     else {})})
    return people


def _change(kind: ProposalKind) -> dict[str, Any]:
    """The facts as the domain takes them, from what the form holds."""
    k = kind.value
    if kind is ProposalKind.PARTICIPATION:
        return {"summit": _get(f"{k}.summit"), "prep_meetings": _get(f"{k}.prep_meetings"),
                "other": _lines(f"{k}.other"), "evidence": _get(f"{k}.evidence"),
                "confidence": _get(f"{k}.confidence")}
    if kind is ProposalKind.DELEGATION:
        head = {"name": _get(f"{k}.head_name") or "", "title": _get(f"{k}.head_title") or ""}
        return {"head": head if head["name"] or head["title"] else None,
                "members": _people(_get(f"{k}.members") or "")}
    if kind is ProposalKind.CORRECTION:
        return {"field": _get(f"{k}.field") or "", "current": _get(f"{k}.current") or "",
                "value": _get(f"{k}.value") or ""}
    names = ("role", "rt_code", "title", "as_written", "themes") if kind is ProposalKind.ROLE \
        else ("role", "title", "start_date", "end_date", "city", "locality", "country", "themes")
    change = {name: _get(f"{k}.{name}") for name in names}
    change["partners"] = _partners(k)
    return change


def sender_address(peer: str | None, forwarded: str) -> str | None:
    """The sender's address as far as it can be trusted, from the connection's address
    (`peer`, None on loopback) and its X-Forwarded-For header: the header's last entry
    when the connection comes from this host or a private network (the project's nginx
    sets that entry to the address it was reached from), else the connection's own. An
    IPv6 address counts as its /64, the block one subscriber is usually given."""
    try:
        if forwarded.strip() and (peer is None or not ipaddress.ip_address(peer).is_global):
            peer = forwarded.rsplit(",", 1)[-1].strip()
        ip = ipaddress.ip_address(peer or "")
    except ValueError:
        return None
    return str(ipaddress.ip_network(f"{ip}/64", strict=False)) if ip.version == 6 else str(ip)


def client_key() -> str:
    """Who sends, as an opaque key stored with the proposal: a hash, keyed with the
    server's cookie secret (the same on every process and host), of the address, or of
    this session when no address is known. Never the address itself: proposals are kept
    in the record's repository."""
    address = sender_address(st.context.ip_address,
                             str(st.context.headers.get("X-Forwarded-For") or ""))
    who = f"address:{address}" if address else "session:" + st.session_state.setdefault(
        SESSION_CLIENT_KEY, secrets.token_hex(16))
    key = str(st.config.get_option("server.cookieSecret")).encode("utf-8")
    return hmac.new(key, who.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def _submit(kind: ProposalKind, year_key: str) -> None:
    """The submit button's callback: store the proposal, or keep the problems to show."""
    draft = {"kind": kind.value, "year": st.session_state.get(year_key),
             # A box of several lines: one sentence, its line breaks as spaces (a summary
             # is a commit's title; the record's text holds no line break).
             "summary": " ".join((_get("summary") or "").split()), "change": _change(kind),
             "source_url": _get("source_url") or "", "source_title": _get("source_title") or "",
             "proposer": _get("proposer") or None}
    try:
        proposal = submit(draft, resolve_data_dir(), client=client_key())
    except ProposalError as exc:
        st.session_state[RESULT_KEY] = ("error", exc.details)
        return
    st.session_state[RESULT_KEY] = ("stored", proposal.id)
    review.remember_sent(proposal.id)
    for key in [k for k in st.session_state if str(k).startswith(PREFIX)]:
        if key not in KEPT_AFTER_SUBMIT:
            del st.session_state[key]


def result() -> None:
    """What became of the last submission: the proposal's id, or its problems."""
    outcome = st.session_state.get(RESULT_KEY)
    if not outcome:
        return
    if outcome[0] == "stored":
        st.success(t("propose.stored", id=outcome[1]), icon="✅")
        return
    labels = field_labels()
    lines = []
    for name, message in outcome[1]:
        where = labels.get(name) or labels.get(re.sub(r"\[\d+\].*$", "", name)) or name
        lines.append(f"- **{md(where)}**: {md(message)}" if where else f"- {md(message)}")
    st.error(t("propose.problems") + "\n\n" + "\n".join(lines), icon="⚠️")


def _years(ds: Dataset, kind: ProposalKind) -> list[int]:
    recorded = {y.year for y in ds.years if y.record_status is RecordStatus.RECORDED}
    on_file = {y.year for y in ds.years}
    if kind is ProposalKind.PARTICIPATION:
        return [y for y in reversed(ds.summit_years) if y not in recorded]
    if kind is ProposalKind.CORRECTION:
        return sorted(on_file, reverse=True)
    return sorted(recorded, reverse=True)


def _partner_fields(k: str) -> None:
    statuses = ["", *(s.value for s in PartnersStatus)]
    st.selectbox(t("propose.partners"), statuses, key=f"{PREFIX}{k}.partners",
                 format_func=lambda s: t(f"partners.{s}") if s else t("propose.partners.none"),
                 help=t("propose.partners.help"))
    st.text_input(t("propose.partner_names"), key=f"{PREFIX}{k}.partner_names",
                  placeholder=t("propose.partner_names.placeholder"))


def _themes(ds: Dataset, k: str) -> None:
    themes = {tid: theme_label(theme) for tid, theme in ds.themes.items()}
    st.multiselect(t("propose.themes"), list(themes), format_func=themes.__getitem__,
                   key=f"{PREFIX}{k}.themes", placeholder=t("propose.themes.placeholder"))


def _kind_fields(ds: Dataset, kind: ProposalKind) -> None:
    k = kind.value
    if kind is ProposalKind.PARTICIPATION:
        answers = [a.value for a in Attendance]
        st.radio(t("propose.summit"), answers, key=f"{PREFIX}{k}.summit", horizontal=True,
                 index=None, format_func=lambda a: t(f"attendance.{a}"))  # never assumed
        prep = f"{PREFIX}{k}.prep_meetings"
        # The draft kept in the session holds the answer once given: a default beside it
        # is what Streamlit warns about on every rerun.
        st.radio(t("propose.prep_meetings"), answers, key=prep,
                 index=None if prep in st.session_state else 1, horizontal=True,
                 format_func=lambda a: t(f"attendance.{a}"))
        st.text_area(t("propose.other"), key=f"{PREFIX}{k}.other",
                     help=t("propose.other.help"))
        st.text_input(t("propose.evidence"), key=f"{PREFIX}{k}.evidence",
                      help=t("propose.evidence.help"))
        st.selectbox(t("propose.confidence"), CONFIDENCE, key=f"{PREFIX}{k}.confidence",
                     format_func=lambda c: t(f"confidence.{c}"))
    elif kind in (ProposalKind.MEETING, ProposalKind.ROLE):
        roles = [r.value for r in (MeetingRole if kind is ProposalKind.MEETING
                                   else RoundtableRole)]
        st.selectbox(t("propose.role"), roles, format_func=role_label, key=f"{PREFIX}{k}.role",
                     index=None, placeholder=t("propose.choose"))
        if kind is ProposalKind.ROLE:
            st.text_input(t("propose.rt_code"), key=f"{PREFIX}{k}.rt_code",
                          placeholder="2.1", help=t("propose.rt_code.help"))
        st.text_input(t("propose.title"), key=f"{PREFIX}{k}.title")
        if kind is ProposalKind.ROLE:
            st.text_input(t("propose.as_written"), key=f"{PREFIX}{k}.as_written",
                          help=t("propose.as_written.help"))
        else:
            dates = st.columns(2)
            dates[0].text_input(t("propose.start_date"), key=f"{PREFIX}{k}.start_date",
                                placeholder=t("propose.date.placeholder"))
            dates[1].text_input(t("propose.end_date"), key=f"{PREFIX}{k}.end_date",
                                placeholder=t("propose.date.placeholder"))
            place = st.columns(3)
            place[0].text_input(t("propose.city"), key=f"{PREFIX}{k}.city")
            place[1].text_input(t("propose.locality"), key=f"{PREFIX}{k}.locality",
                                help=t("propose.locality.help"))
            place[2].text_input(t("propose.country"), key=f"{PREFIX}{k}.country")
        _themes(ds, k)
        _partner_fields(k)
    elif kind is ProposalKind.DELEGATION:
        st.text_input(t("propose.head_name"), key=f"{PREFIX}{k}.head_name")
        st.text_input(t("propose.head_title"), key=f"{PREFIX}{k}.head_title")
        st.text_area(t("propose.members"), key=f"{PREFIX}{k}.members",
                     help=t("propose.members.help"),
                     placeholder=t("propose.members.placeholder"))
    else:
        st.text_input(t("propose.value"), key=f"{PREFIX}{k}.value",
                      help=t("propose.value.help"))


def _correction_choice(year: int, ctx: PageContext) -> bool:
    """Choose the field to correct (outside the form: its value now is shown at once);
    False when the year's record has no field to offer."""
    fields = dict(correctable(resolve_data_dir(), ctx.current_record.dataset.country_iso3
                              or "MAR", year))
    if not fields:
        st.info(t("propose.correction.none"))
        return False
    key = f"{PREFIX}correction.field"
    if st.session_state.get(key) not in fields:
        st.session_state.pop(key, None)
    field = st.selectbox(t("propose.field"), list(fields), key=key,
                         format_func=lambda f: f"{f} — {fields[f][:60] or t('common.unknown')}")
    st.session_state[f"{PREFIX}correction.current"] = fields[field]
    st.markdown(t("propose.current_is", value=md(fields[field]) or t("common.unknown")))
    return True


def show(ctx: PageContext) -> None:
    """Draw the form and the outcome of the last submission."""
    keep_typed()
    ds = ctx.current_record.dataset
    kind = st.radio(t("propose.kind"), list(ProposalKind), format_func=label,
                    key=f"{PREFIX}kind", horizontal=True)
    st.caption(t(f"propose.kind.{kind.value}.help"))
    years = _years(ds, kind)
    if not years:
        st.info(t("propose.no_year"))
        return
    year_key = f"{PREFIX}{kind.value}.year"
    if st.session_state.get(year_key) not in years:  # e.g. a year recorded since
        st.session_state.pop(year_key, None)
    year = st.selectbox(t("propose.year"), years, key=year_key)
    if kind is ProposalKind.CORRECTION and not _correction_choice(year, ctx):
        return
    with st.form("propose-form", border=True, enter_to_submit=False):
        _kind_fields(ds, kind)
        st.text_area(t("propose.summary"), key=f"{PREFIX}summary", max_chars=500,
                     help=t("propose.summary.help"))
        st.text_input(t("propose.source_url"), key=f"{PREFIX}source_url",
                      placeholder="https://", help=t("propose.source_url.help"))
        st.text_input(t("propose.source_title"), key=f"{PREFIX}source_title")
        st.text_input(t("propose.proposer"), key=f"{PREFIX}proposer",
                      help=t("propose.proposer.help"))
        result()  # beside the button just pressed, where the reader is looking
        st.form_submit_button(t("propose.submit"), type="primary", on_click=in_language(_submit),
                              args=(kind, year_key))
    st.caption(t("propose.after"))

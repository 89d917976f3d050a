"""Read-side queries for the desk: case search, case detail, timeline, today's summary, staff.

Everything here reads (``desk.session()``), pages in SQL and returns plain frozen dataclasses,
so a screen's worker thread can hand the result to the UI thread without lazy loading. The SQL
is portable (LIKE on lower-cased text, GROUP BY, IN); no SQLite-only functions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TypeVar

from sqlalchemy import and_, func, or_
from sqlmodel import Session, col, select

from ...errors import NotFound, ZhixingError
from ...storage.models import Approval, AuditEntry, Case, DeadlineNode, Handoff, OrgUnit, Party, Staff
from ...storage.queries import Page, clamp_page
from ..audit import case_timeline as _audit_timeline
from ..desk import Desk

T = TypeVar("T")

APPROACHING_DAYS = 2  # 临期 window used by home_summary (refined later by the deadlines work)


@dataclass(frozen=True, slots=True)
class CaseRow:
    id: int
    case_no: str
    applicant: str
    respondent: str
    claim_fen: int
    stage: str
    stage_name: str
    unit_name: str | None
    handler_name: str | None
    status: str
    filed_on: date


@dataclass(frozen=True, slots=True)
class PartyRow:
    role: str
    kind: str
    name: str
    id_number: str | None
    phone: str
    address: str


@dataclass(frozen=True, slots=True)
class CaseDetail:
    id: int
    case_no: str
    filed_on: date
    received_on: date | None
    basis: str
    cause: str
    claim_fen: int
    recovered_fen: int
    status: str
    stage: str
    stage_name: str
    stage_entered_at: datetime
    unit_name: str | None
    handler_name: str | None
    handler_title: str | None
    triage_class: str | None
    closed_on: date | None
    closing_method: str | None
    closing_fen: int | None
    abandoned_fen: int | None
    closing_reason: str
    parties: tuple[PartyRow, ...]
    timeline_total: int

    @property
    def applicants(self) -> tuple[PartyRow, ...]:
        return tuple(p for p in self.parties if p.role == "applicant")

    @property
    def respondents(self) -> tuple[PartyRow, ...]:
        return tuple(p for p in self.parties if p.role == "respondent")


@dataclass(frozen=True, slots=True)
class TimelineRow:
    id: int
    at: datetime
    operator: str
    action: str
    entity: str
    summary: str


@dataclass(frozen=True, slots=True)
class CountRow:
    """One line of a GROUP BY: a code (stage code / unit id as text), its label, the count."""

    key: str | None
    label: str | None
    count: int


@dataclass(frozen=True, slots=True)
class NodeCounts:
    due_today: int
    overdue: int
    approaching: int


@dataclass(frozen=True, slots=True)
class HomeSummary:
    today: date
    open_total: int
    by_stage: tuple[CountRow, ...]
    by_unit: tuple[CountRow, ...]
    nodes: NodeCounts
    handoffs_submitted: int
    approvals_pending: int

    @property
    def awaiting_approval(self) -> int:
        return self.handoffs_submitted + self.approvals_pending


@dataclass(frozen=True, slots=True)
class StaffRow:
    id: int
    name: str
    role: str
    title: str
    unit_name: str | None


# --- query text ---------------------------------------------------------------------------------

_OPEN_BRACKETS = "(〔[【"
_CLOSE_BRACKETS = ")〕]】"
_LIKE_ESCAPE = "\\"


def query_terms(query: str) -> list[str]:
    """The search terms of ``query``: NFKC-folded (full-width digits and letters to ASCII),
    lower-cased, split on white space."""
    text = unicodedata.normalize("NFKC", query or "")
    return [t.lower() for t in text.split() if t]


def case_no_form(term: str) -> str:
    """A term as it appears inside a stored 案号: brackets around the year are full-width."""
    out = term
    for ch in _OPEN_BRACKETS:
        out = out.replace(ch, "（")
    for ch in _CLOSE_BRACKETS:
        out = out.replace(ch, "）")
    return out


def _like(term: str) -> str:
    escaped = re.sub(r"([\\%_])", r"\\\1", term)
    return f"%{escaped}%"


def is_pinyin(term: str) -> bool:
    return term.isascii() and term.isalpha()


def _word_prefix(column, term: str):
    """``column`` (space-separated words) has a word starting with ``term`` (letters only)."""
    return or_(col(column).like(f"{term}%"), col(column).like(f"% {term}%"))


def _term_condition(term: str):
    """A pinyin term (ASCII letters only) matches the start of a word of ``search_text``
    (``zs`` finds 张三, 张三丰 but not 合作社 ``hzs``); any other term (案号 fragment, Chinese
    name, digits) matches anywhere in the 案号 or ``search_text``."""
    if is_pinyin(term):
        return _word_prefix(Case.search_text, term)
    cn = case_no_form(term)
    options = [
        col(Case.case_no).like(_like(cn), escape=_LIKE_ESCAPE),
        col(Case.search_text).like(_like(term), escape=_LIKE_ESCAPE),
    ]
    if cn != term:
        options.append(col(Case.search_text).like(_like(cn), escape=_LIKE_ESCAPE))
    return or_(*options)


# --- names from the profile ----------------------------------------------------------------------


def stage_names(desk: Desk) -> dict[str, str]:
    """Stage code → the profile's Chinese name (empty when the database has no profile yet)."""
    try:
        profile = desk.profile
    except ZhixingError:
        return {}
    return {s.code: s.name for s in profile.stages}


# --- search --------------------------------------------------------------------------------------


def search_cases(desk: Desk, query: str, *, limit: int = 50, offset: int = 0) -> Page[CaseRow]:
    """Cases matching every term of ``query`` (案号 fragment, party name, pinyin initials or
    full pinyin), newest filed first. An empty query lists all cases."""
    limit, offset = clamp_page(limit, offset)
    conditions = [_term_condition(t) for t in query_terms(query)]
    where = and_(*conditions) if conditions else None
    names = stage_names(desk)
    with desk.session() as s:
        count_stmt = select(func.count()).select_from(Case)
        if where is not None:
            count_stmt = count_stmt.where(where)
        total = s.exec(count_stmt).one()
        stmt = (
            select(Case, OrgUnit.name, Staff.name)
            .join(OrgUnit, col(OrgUnit.id) == col(Case.unit_id), isouter=True)
            .join(Staff, col(Staff.id) == col(Case.handler_id), isouter=True)
            .order_by(col(Case.filed_on).desc(), col(Case.id).desc())
            .offset(offset)
            .limit(limit)
        )
        if where is not None:
            stmt = stmt.where(where)
        rows = list(s.exec(stmt))
        parties = _first_parties(s, [c.id for c, _u, _h in rows if c.id is not None])
        items = tuple(
            CaseRow(
                id=c.id or 0,
                case_no=c.case_no,
                applicant=parties.get((c.id or 0, "applicant"), ""),
                respondent=parties.get((c.id or 0, "respondent"), ""),
                claim_fen=c.claim_fen,
                stage=c.stage,
                stage_name=names.get(c.stage, c.stage),
                unit_name=unit_name,
                handler_name=handler_name,
                status=c.status,
                filed_on=c.filed_on,
            )
            for c, unit_name, handler_name in rows
        )
    return Page(items=items, total=int(total), offset=offset, limit=limit)


def _first_parties(s: Session, case_ids: Sequence[int]) -> dict[tuple[int, str], str]:
    """(case id, role) → the first party's name, with 等N人 when there are more."""
    if not case_ids:
        return {}
    stmt = (
        select(Party.case_id, Party.role, Party.name)
        .where(col(Party.case_id).in_(list(case_ids)))
        .order_by(col(Party.case_id), col(Party.role), col(Party.sort_order), col(Party.id))
    )
    names: dict[tuple[int, str], list[str]] = {}
    for case_id, role, name in s.exec(stmt):
        names.setdefault((case_id, role), []).append(name)
    return {key: v[0] if len(v) == 1 else f"{v[0]}等{len(v)}人" for key, v in names.items()}


# --- one case ------------------------------------------------------------------------------------


def case_detail(desk: Desk, case_id: int) -> CaseDetail:
    """Everything the case screen shows above the timeline."""
    names = stage_names(desk)
    with desk.session() as s:
        row = s.exec(
            select(Case, OrgUnit.name, Staff.name, Staff.title)
            .join(OrgUnit, col(OrgUnit.id) == col(Case.unit_id), isouter=True)
            .join(Staff, col(Staff.id) == col(Case.handler_id), isouter=True)
            .where(col(Case.id) == case_id)
        ).first()
        if row is None:
            raise NotFound(f"没有编号为 {case_id} 的案件")
        c, unit_name, handler_name, handler_title = row
        parties = tuple(
            PartyRow(p.role, p.kind, p.name, p.id_number, p.phone, p.address)
            for p in s.exec(
                select(Party)
                .where(col(Party.case_id) == case_id)
                .order_by(col(Party.role), col(Party.sort_order), col(Party.id))
            )
        )
        timeline_total = s.exec(
            select(func.count()).select_from(AuditEntry).where(col(AuditEntry.case_id) == case_id)
        ).one()
    return CaseDetail(
        id=c.id or 0,
        case_no=c.case_no,
        filed_on=c.filed_on,
        received_on=c.received_on,
        basis=c.basis,
        cause=c.cause,
        claim_fen=c.claim_fen,
        recovered_fen=c.recovered_fen,
        status=c.status,
        stage=c.stage,
        stage_name=names.get(c.stage, c.stage),
        stage_entered_at=c.stage_entered_at,
        unit_name=unit_name,
        handler_name=handler_name,
        handler_title=handler_title,
        triage_class=c.triage_class,
        closed_on=c.closed_on,
        closing_method=c.closing_method,
        closing_fen=c.closing_fen,
        abandoned_fen=c.abandoned_fen,
        closing_reason=c.closing_reason,
        parties=parties,
        timeline_total=int(timeline_total),
    )


def case_timeline(desk: Desk, case_id: int, limit: int = 200, offset: int = 0) -> Page[TimelineRow]:
    """The case's audit trail, oldest first: where the case has been, who did what and when."""
    limit, offset = clamp_page(limit, offset)
    with desk.session() as s:
        total = s.exec(
            select(func.count()).select_from(AuditEntry).where(col(AuditEntry.case_id) == case_id)
        ).one()
        entries = _audit_timeline(s, case_id, limit=limit, offset=offset)
        items = tuple(
            TimelineRow(e.id or 0, e.at, e.operator, e.action, e.entity, e.summary) for e in entries
        )
    return Page(items=items, total=int(total), offset=offset, limit=limit)


# --- today's summary -----------------------------------------------------------------------------


def node_counts(s: Session, today: date) -> NodeCounts:
    """Open deadline nodes due today, overdue, and approaching (due within the next
    ``APPROACHING_DAYS`` calendar days). Kept apart so the 临期 rule can be refined here alone."""
    open_node = col(DeadlineNode.completed_at).is_(None)
    due = col(DeadlineNode.due_on)

    def count(*where) -> int:
        return int(s.exec(select(func.count()).select_from(DeadlineNode).where(open_node, *where)).one())

    return NodeCounts(
        due_today=count(due == today),
        overdue=count(due < today),
        approaching=count(due > today, due <= today + timedelta(days=APPROACHING_DAYS)),
    )


def _alert_counts(desk: Desk, today: date) -> NodeCounts:
    """The node counts by the deadlines work's rules (working-day 临期 window, per-rule windows,
    中止 excluded) — the same query as the alerts screen and the nightly report."""
    from ..deadlines.alerts import alert_counts

    return NodeCounts(**alert_counts(desk, today))


def home_summary(desk: Desk, today: date | None = None) -> HomeSummary:
    """今日概况: open cases by stage and by unit, node counts, and what awaits approval."""
    today = today or desk.today()
    names = stage_names(desk)
    is_open = col(Case.status) == "open"
    with desk.session() as s:
        stage_rows = s.exec(
            select(Case.stage, func.count())
            .where(is_open)
            .group_by(col(Case.stage))
            .order_by(col(Case.stage))
        ).all()
        unit_rows = s.exec(
            select(Case.unit_id, OrgUnit.name, func.count())
            .join(OrgUnit, col(OrgUnit.id) == col(Case.unit_id), isouter=True)
            .where(is_open)
            .group_by(col(Case.unit_id), col(OrgUnit.name), col(OrgUnit.sort_order))
            .order_by(col(OrgUnit.sort_order), col(Case.unit_id))
        ).all()
        nodes = _alert_counts(desk, today)
        handoffs = s.exec(
            select(func.count()).select_from(Handoff).where(col(Handoff.status) == "submitted")
        ).one()
        approvals = s.exec(
            select(func.count()).select_from(Approval).where(col(Approval.status) == "pending")
        ).one()
    order = list(names)
    by_stage = sorted(
        (CountRow(code, names.get(code, code), int(n)) for code, n in stage_rows),
        key=lambda r: (order.index(r.key) if r.key in order else len(order), r.key or ""),
    )
    by_unit = tuple(
        CountRow(str(uid) if uid is not None else None, name, int(n)) for uid, name, n in unit_rows
    )
    return HomeSummary(
        today=today,
        open_total=sum(r.count for r in by_stage),
        by_stage=tuple(by_stage),
        by_unit=by_unit,
        nodes=nodes,
        handoffs_submitted=int(handoffs),
        approvals_pending=int(approvals),
    )


# --- staff ---------------------------------------------------------------------------------------


def find_staff(desk: Desk, query: str = "", *, limit: int = 200) -> list[StaffRow]:
    """Active staff matching every term of ``query`` (pinyin: the start of the initials or full
    pinyin; otherwise part of the name), by unit then id."""
    limit, _ = clamp_page(limit, 0)
    stmt = (
        select(Staff, OrgUnit.name)
        .join(OrgUnit, col(OrgUnit.id) == col(Staff.unit_id), isouter=True)
        .where(col(Staff.active).is_(True))
        .order_by(col(OrgUnit.sort_order).nulls_last(), col(Staff.id))
        .limit(limit)
    )
    for term in query_terms(query):
        if is_pinyin(term):
            stmt = stmt.where(_word_prefix(Staff.search_key, term))
        else:
            stmt = stmt.where(col(Staff.name).like(_like(term), escape=_LIKE_ESCAPE))
    with desk.session() as s:
        return [StaffRow(st.id or 0, st.name, st.role, st.title, unit_name) for st, unit_name in s.exec(stmt)]

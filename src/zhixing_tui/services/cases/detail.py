"""One case as the case screen shows it: its fields and parties (:func:`case_detail`) and its
audit trail, oldest first (:func:`case_timeline`).

Both read (``desk.session()``) and return plain frozen dataclasses; the timeline pages in SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import col, select

from ...errors import NotFound
from ...storage.models import AuditEntry, Case, OrgUnit, Party, RelatedCaseLink, Staff
from ...storage.queries import Page, clamp_page
from ..audit import case_timeline as _audit_timeline
from ..desk import Desk
from .names import stage_names

__all__ = ["CaseDetail", "PartyRow", "TimelineRow", "case_detail", "case_timeline"]


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
    #: (the other case's 案号, why linked): 类案集中, or 恢复执行 (either side of a 执恢 case)
    related: tuple[tuple[str, str], ...] = ()

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
        related = _related(s, case_id)
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
        related=related,
    )


def _related(s, case_id: int) -> tuple[tuple[str, str], ...]:
    """The cases linked to ``case_id`` in either direction, by 案号."""
    out: dict[str, str] = {}
    for mine, other in (
        (col(RelatedCaseLink.case_id), col(RelatedCaseLink.other_case_id)),
        (col(RelatedCaseLink.other_case_id), col(RelatedCaseLink.case_id)),
    ):
        for case_no, reason in s.exec(
            select(Case.case_no, RelatedCaseLink.reason)
            .join(RelatedCaseLink, other == col(Case.id))
            .where(mine == case_id)
            .order_by(col(Case.case_no))
        ):
            out.setdefault(case_no, reason)
    return tuple(out.items())


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

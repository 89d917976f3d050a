"""The lines every printed form of a case starts with: 案号, 立案日期, the parties, 标的额, the
group or team and the handler. Read inside the caller's session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from ...domain.case_no import normalize_case_no
from ...errors import NotFound
from ...storage.models import Case, OrgUnit, Party, Staff

__all__ = ["CaseHeading", "Decision", "case_by_no", "case_heading"]


@dataclass(frozen=True)
class CaseHeading:
    case_id: int
    case_no: str
    filed_on: date
    cause: str
    basis: str
    claim_fen: int
    recovered_fen: int
    applicants: str  # names joined with 、
    respondents: str
    unit: str  # the case's group or team now ("" when none)
    handler: str


def case_by_no(s: Session, case_no: str) -> Case:
    """The case with this 案号 (half-width parentheses accepted); NotFound names it."""
    text = normalize_case_no(case_no)
    case = s.exec(select(Case).where(col(Case.case_no) == text)).first()
    if case is None:
        raise NotFound(f"没有案号为 {text} 的案件")
    return case


def case_heading(s: Session, case: Case) -> CaseHeading:
    parties = list(
        s.exec(select(Party).where(Party.case_id == case.id).order_by(col(Party.sort_order), col(Party.id)))
    )
    unit = s.get(OrgUnit, case.unit_id) if case.unit_id else None
    handler = s.get(Staff, case.handler_id) if case.handler_id else None
    return CaseHeading(
        case_id=int(case.id or 0),
        case_no=case.case_no,
        filed_on=case.filed_on,
        cause=case.cause,
        basis=case.basis,
        claim_fen=case.claim_fen,
        recovered_fen=case.recovered_fen,
        applicants="、".join(p.name for p in parties if p.role == "applicant"),
        respondents="、".join(p.name for p in parties if p.role == "respondent"),
        unit=unit.name if unit else "",
        handler=handler.name if handler else "",
    )


@dataclass(frozen=True)
class Decision:
    """A decision recorded in zhixing: approved / rejected (returned), by whom, when, the note."""

    status: str  # pending | approved | rejected | returned
    by: str
    at: datetime | None
    note: str

    @property
    def pending(self) -> bool:
        return self.status in ("pending", "submitted")

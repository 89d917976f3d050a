"""What the 类案集中审批表 shows (固始 002 §15): the case, the related cases 执行事务中心 found
(same 执行标的, same respondent, or an applicant who is a respondent elsewhere), the team it
proposed, and the 执行局长's decision once recorded (:func:`.followup.propose_related`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select

from ...errors import NotFound
from ...storage.models import Approval, Case
from ..cases.heading import CaseHeading, Decision, case_by_no, case_heading
from ..desk import Desk

__all__ = ["RelatedCaseLine", "RelatedCasesForm", "related_cases_form"]

KIND = "related_cases"


@dataclass(frozen=True)
class RelatedCaseLine:
    case_no: str
    reasons: tuple[str, ...]  # codes: same_respondent | same_subject | applicant_is_respondent
    team: str  # the team holding it when the proposal was made
    applicants: str
    respondents: str
    status: str  # 未结 / 已结 (now)


@dataclass(frozen=True)
class RelatedCasesForm:
    approval_id: int
    court: str
    case: CaseHeading
    proposed_team: str
    related: tuple[RelatedCaseLine, ...]
    proposed_by: str
    proposed_at: datetime
    decision: Decision


def related_cases_form(desk: Desk, case_no: str, approval_id: int | None = None) -> RelatedCasesForm:
    """The case's latest 类案集中 proposal (or ``approval_id``) as the form shows it."""
    with desk.session() as s:
        case = case_by_no(s, case_no)
        stmt = select(Approval).where(Approval.case_id == case.id, Approval.kind == KIND)
        if approval_id is not None:
            stmt = stmt.where(Approval.id == approval_id)
        a = s.exec(stmt.order_by(col(Approval.requested_at).desc(), col(Approval.id).desc())).first()
        if a is None:
            raise NotFound(f"案件 {case.case_no} 没有类案集中的报批记录")
        d = a.details or {}
        lines: list[RelatedCaseLine] = []
        for r in d.get("related", []):
            other = s.exec(select(Case).where(Case.case_no == r.get("case_no", ""))).first()
            head = case_heading(s, other) if other is not None else None
            lines.append(
                RelatedCaseLine(
                    case_no=r.get("case_no", ""),
                    reasons=tuple(r.get("reasons", [])),
                    team=r.get("team", ""),
                    applicants=head.applicants if head else "",
                    respondents=head.respondents if head else "",
                    status=("已结" if other.status == "closed" else "未结") if other is not None else "",
                )
            )
        return RelatedCasesForm(
            approval_id=int(a.id or 0),
            court=desk.profile.court.name,
            case=case_heading(s, case),
            proposed_team=d.get("team", ""),
            related=tuple(lines),
            proposed_by=a.requested_by,
            proposed_at=a.requested_at,
            decision=Decision(a.status, a.decided_by or "", a.decided_at, a.note),
        )

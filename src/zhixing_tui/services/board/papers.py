"""What the signed papers of the handoff board show, from what was recorded (监利 004).

- :func:`travel_form` — 出差审批表 (第三组 6、7): the trip a handler asked for (``request_travel``)
  and the level its distance needs; the decision when one was recorded. 财务室 reimburses the
  trip only on the form signed by that level.
- :func:`closing_review_form` — 结案审查表 (第一组 4 …): a group's closing submitted for 结案审查
  (``submit_close``) with its method and amounts, the 终本 materials when it closes by 终本, and
  结案审查组's decision when one was recorded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from ...domain import board
from ...domain.closing import TERMINATED_THIS_ROUND
from ...domain.roles import role_name
from ...domain.zhongben import short_citation
from ...errors import NotFound
from ...storage.models import Approval, Case, Handoff, OrgUnit, Staff
from ..cases.heading import CaseHeading, Decision, case_by_no, case_heading
from ..desk import Desk
from ..zhongben.conditions import conditions_for

__all__ = [
    "ClosingReviewForm",
    "Material",
    "TravelForm",
    "cases_with_travel",
    "closing_review_form",
    "latest_approval_id",
    "latest_travel_id",
    "review_form_of",
    "travel_form",
]


@dataclass(frozen=True)
class TravelForm:
    approval_id: int
    court: str
    case: CaseHeading
    traveller: str  # who asked (出差人)
    traveller_unit: str
    scope_name: str  # 县外市内（报局长批准）
    approver: str  # the level's name: 局长
    destination: str
    purpose: str
    requested_at: datetime
    decision: Decision


@dataclass(frozen=True)
class Material:
    name: str
    met: bool
    evidence: str
    citation: str = ""  # 法〔2016〕373号第一条第（一）项, 004 第六组 3.(一) …


@dataclass(frozen=True)
class ClosingReviewForm:
    handoff_id: int
    court: str
    case: CaseHeading
    group: str  # the group that submitted the closing
    method: str
    claim_fen: int
    closing_fen: int
    recovered_fen: int
    abandoned_fen: int
    reason: str
    submitted_by: str
    submitted_at: datetime
    reviewer_unit: str  # 结案审查组
    materials: tuple[Material, ...]  # 终本 only: the national conditions and the court's list
    decision: Decision


def _unit_of(s: Session, staff_id: int | None, name: str) -> str:
    """The unit of the person who did an act: by staff id, else (never on the roster) by name."""
    if staff_id is not None:
        staff = s.get(Staff, staff_id)
    else:
        staff = s.exec(select(Staff).where(Staff.name == name)).one_or_none()
    unit = s.get(OrgUnit, staff.unit_id) if staff is not None and staff.unit_id else None
    return unit.name if unit else ""


def _stage_unit_name(desk: Desk, stage_code: str) -> str:
    """The group that holds a stage (线上查控 → 线上查控组), else the stage's name."""
    profile = desk.profile
    try:
        stage = profile.stage(stage_code)
    except KeyError:
        return stage_code
    for code in stage.units:
        try:
            return profile.unit(code).name
        except KeyError:
            continue
    return stage.name


def latest_approval_id(desk: Desk, case_no: str, kind: str, what: str) -> int:
    """The case's latest approval of ``kind`` (NotFound names the case and ``what``)."""
    with desk.session() as s:
        case = case_by_no(s, case_no)
        aid = s.exec(
            select(Approval.id)
            .where(Approval.case_id == case.id, Approval.kind == kind)
            .order_by(col(Approval.requested_at).desc(), col(Approval.id).desc())
        ).first()
        if aid is None:
            raise NotFound(f"案件 {case.case_no} 没有{what}")
        return int(aid)


def latest_travel_id(desk: Desk, case_no: str) -> int:
    """The case's latest travel request (出差申请)."""
    return latest_approval_id(desk, case_no, "travel", "出差申请")


def _approver_words(scope_name: str) -> str:
    """The approver as the seed names it in the scope: 市外省内（报党组书记、副院长批准） → 党组书记、副院长."""
    found = re.search(r"报(.+?)批准", scope_name)
    return found.group(1) if found else ""


def cases_with_travel(desk: Desk, case_ids: list[int]) -> frozenset[int]:
    """Which of ``case_ids`` have a travel request (for the key that prints its form)."""
    if not case_ids:
        return frozenset()
    with desk.session() as s:
        found = s.exec(
            select(Approval.case_id)
            .where(Approval.kind == "travel", col(Approval.case_id).in_(case_ids))
            .distinct()
        ).all()
    return frozenset(int(c) for c in found)


def travel_form(desk: Desk, approval_id: int) -> TravelForm:
    """The 出差审批表 of travel request ``approval_id``."""
    with desk.session() as s:
        a = s.get(Approval, approval_id)
        if a is None or a.kind != "travel":
            raise NotFound(f"出差申请（编号 {approval_id}）不存在")
        case = s.get(Case, a.case_id)
        assert case is not None
        d = a.details or {}
        scope = d.get("scope", "")
        return TravelForm(
            approval_id=approval_id,
            court=desk.profile.court.name,
            case=case_heading(s, case),
            traveller=a.requested_by,
            traveller_unit=_unit_of(s, a.requested_by_id, a.requested_by),
            scope_name=d.get("scope_name") or board.TRAVEL_SCOPES.get(scope, ("", scope))[1],
            approver=_approver_words(d.get("scope_name", "")) or role_name(a.level),
            destination=d.get("destination", ""),
            purpose=d.get("purpose", ""),
            requested_at=a.requested_at,
            decision=Decision(a.status, a.decided_by or "", a.decided_at, a.note),
        )


def closing_review_form(desk: Desk, case_no: str, handoff_id: int | None = None) -> ClosingReviewForm:
    """The 结案审查表 of the case's latest closing submitted for review (or of ``handoff_id``)."""
    with desk.session() as s:
        case = case_by_no(s, case_no)
        stmt = select(Handoff).where(Handoff.case_id == case.id, Handoff.kind == "close")
        if handoff_id is not None:
            stmt = stmt.where(Handoff.id == handoff_id)
        h = s.exec(stmt.order_by(col(Handoff.submitted_at).desc(), col(Handoff.id).desc())).first()
        if h is None:
            raise NotFound(f"案件 {case.case_no} 没有报结案审查的记录")
        return review_form_of(s, desk, case, h)


def review_form_of(s: Session, desk: Desk, case: Case, h: Handoff) -> ClosingReviewForm:
    """The 结案审查表 of closing ``h`` of ``case``, inside the caller's session."""
    f = h.form or {}
    method = f.get("method", "")
    materials: tuple[Material, ...] = ()
    if method == TERMINATED_THIS_ROUND:
        on = h.decided_at.date() if h.decided_at and h.status == "approved" else h.submitted_at.date()
        materials = tuple(
            Material(c.name, c.met or c.overridden, c.evidence, short_citation(c.citation))
            for c in conditions_for(s, desk, case, on)
        )
    profile = desk.profile
    review = profile.flow.closing_review
    reviewer = ""
    if review:
        try:
            reviewer = profile.unit(review).name
        except KeyError:
            reviewer = profile.stage(review).name
    group = _stage_unit_name(desk, h.from_stage)
    return ClosingReviewForm(
        handoff_id=int(h.id or 0),
        court=profile.court.name,
        case=case_heading(s, case),
        group=group,
        method=method,
        claim_fen=int(f.get("claim_fen", case.claim_fen) or 0),
        closing_fen=int(f.get("closing_fen") or 0),
        recovered_fen=int(f.get("recovered_fen") or 0),
        abandoned_fen=int(f.get("abandoned_fen") or 0),
        reason=f.get("reason", ""),
        submitted_by=h.submitted_by,
        submitted_at=h.submitted_at,
        reviewer_unit=reviewer,
        materials=materials,
        decision=Decision(h.status, h.decided_by or "", h.decided_at, h.return_reason),
    )

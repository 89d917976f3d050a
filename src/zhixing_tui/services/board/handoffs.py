"""Handoffs between groups (流转) and their approval by 指挥监控 (监利 004; the same mechanism
serves every profile's flow).

A move is *submitted* with its form; until the approver decides, the case stays where it is. On
approval the case moves, its handler becomes the receiving unit's leader, its stage clock
restarts and the next deadline nodes are created. A return keeps the case and writes the reason
into the ledger (:mod:`.ledger`). A closing is submitted the same way (kind ``close``); its
approval is the 结案审查 and closes the case with the submitted method and amounts (a 终本
closing first passes ``services.zhongben.conditions``). Travel requests are :mod:`.travel`.

Each step is recorded for the deadline nodes: a submission that waits for approval records
``handoff_submitted`` (监利 指挥监控组 decides within 1周, the derived ``approval.monitor`` rule),
the decision ``handoff_approved`` or ``handoff_returned`` (004 第七组).
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from ...domain import board
from ...domain.checklist import distinct_asset_totals
from ...domain.closing import TERMINATED_THIS_ROUND, check_closing_amounts, normalize_closing_method
from ...domain.money import format_money
from ...domain.roles import require
from ...errors import Conflict, InvalidValue, NotFound
from ...storage.models import Case, Handoff, OrgUnit, QueryItem, Staff
from ...storage.queries import get_case
from .. import audit
from ..cases.lifecycle import close_in_session, set_stage
from ..deadlines.emitters import emits
from ..deadlines.nodes import apply_event
from ..desk import Desk
from ..permissions import operator_role
from ..zhongben.conditions import require_zhongben
from .rights import refuse_own, require_submitter, settle

__all__ = [
    "FORM_TITLES",
    "ZHONGBEN",
    "approve",
    "build_form",
    "closing_form",
    "closing_summary",
    "return_handoff",
    "submit_close",
    "submit_move",
    "submit_on_event",
]

ZHONGBEN = TERMINATED_THIS_ROUND  # spelled once, in domain/closing
#: two clerks decided the same handoff at the same moment: the other one was first
_DECIDED_BY_ANOTHER = "该移送刚刚已由他人审批或退回，请刷新后查看"

FORM_TITLES = {
    "national_query_form": "总对总查控实有情况表",
    "offline_query_form": "线下查控实有情况表",
    "closing_form": "结案审查表",
}
_FORM_CHANNELS = {"national_query_form": ("national", "local"), "offline_query_form": ("offline",)}


def _pending(s: Session, case_id: int) -> Handoff | None:
    return s.exec(select(Handoff).where(Handoff.case_id == case_id, Handoff.status == "submitted")).first()


def build_form(s: Session, case: Case, form_kind: str | None) -> dict:
    """The handoff form filled from the query checklist (《总对总/线下查控实有情况表》)."""
    if form_kind not in _FORM_CHANNELS:
        return {}
    items = s.exec(
        select(QueryItem)
        .where(QueryItem.case_id == case.id, col(QueryItem.channel).in_(_FORM_CHANNELS[form_kind]))
        .order_by(QueryItem.channel, QueryItem.asset_type)
    ).all()
    # an asset found through both 点对点 and 总对总 is one asset: counted once
    found, controlled = distinct_asset_totals(
        (i.asset_type, i.amount_found_fen, i.amount_controlled_fen) for i in items
    )
    return {
        "title": FORM_TITLES[form_kind],
        "case_no": case.case_no,
        "claim": format_money(case.claim_fen),
        "items": [
            {
                "channel": i.channel,
                "asset_type": i.asset_type,
                "status": i.status,
                "result": i.result,
                "found": format_money(i.amount_found_fen),
                "controlled": format_money(i.amount_controlled_fen),
                "feedback_on": i.feedback_on.isoformat() if i.feedback_on else None,
            }
            for i in items
        ],
        "total_found": format_money(found),
        "total_controlled": format_money(controlled),
    }


@emits("handoff_submitted")
def submit_move(desk: Desk, case_id: int, to_stage: str, *, note: str = "") -> int:
    """Submit a move along the profile's flow; moves that need no approval take effect at once."""
    with desk.transaction() as s:
        case = get_case(s, case_id)
        if case.status == "closed":
            raise Conflict(f"案件 {case.case_no} 已结案，不能移送")
        require_submitter(s, desk, case)
        return _submit(s, desk, case, to_stage, note)


@emits("handoff_submitted")
def submit_on_event(s: Session, desk: Desk, case: Case, event: str, note: str) -> str | None:
    """Inside the caller's transaction: submit the move the profile ties to ``event`` from the
    case's stage (``on_event``; 监利 流拍 → 退回线索查控组), when there is one and no other move of
    the case waits for approval. Returns the move's label, or None when nothing was submitted.
    The caller records ``handoff_submitted`` through this (its ``@emits`` declares it)."""
    if case.status == "closed":
        return None
    move = next((m for m in desk.profile.moves_from(case.stage) if m.on_event == event), None)
    if move is None or _pending(s, case.id):  # type: ignore[arg-type]
        return None
    _submit(s, desk, case, move.to_stage, note)
    return move.label


def _submit(s: Session, desk: Desk, case: Case, to_stage: str, note: str) -> int:
    profile = desk.profile
    case_id: int = case.id  # type: ignore[assignment]
    move = board.check_move(profile, case.stage, to_stage)
    if profile.stage(to_stage).kind == "closed":
        raise Conflict("结案不是移送：请报结案审查，写明结案方式和结案标的额、到位金额（看板上按 c）")
    if _pending(s, case_id):
        raise Conflict(f"案件 {case.case_no} 已有待审批的移送，请等待指挥监控组审批")
    handoff = Handoff(
        case_id=case_id,
        kind="move",
        from_stage=case.stage,
        to_stage=to_stage,
        form_kind=move.form,
        form={**build_form(s, case, move.form), "label": move.label, "note": note},
        submitted_by=desk.operator,
    )
    s.add(handoff)
    s.flush()
    audit.record_case(
        s,
        desk,
        case_id,
        "handoff_submit",
        f"提交移送：{move.label}（{profile.stage(to_stage).name}）",
        entity="handoff",
        entity_id=handoff.id,
        after=audit.snapshot(handoff, ["from_stage", "to_stage", "form_kind"]),
    )
    if move.needs_approval:
        apply_event(s, desk, case, "handoff_submitted", desk.now(), desk.operator)
    else:
        _apply(s, desk, handoff, case)
    return handoff.id


def closing_form(
    case_no: str,
    claim_fen: int,
    *,
    method: str,
    closing_fen: int,
    recovered_fen: int,
    abandoned_fen: int,
    reason: str,
) -> dict:
    """The 结案审查表 a closing is submitted with (the handoff's ``form``; the demo writes the same)."""
    return {
        "title": FORM_TITLES["closing_form"],
        "case_no": case_no,
        "method": method,
        "claim_fen": claim_fen,
        "closing_fen": closing_fen,
        "recovered_fen": recovered_fen,
        "abandoned_fen": abandoned_fen,
        "reason": reason,
    }


def closing_summary(method: str, recovered_fen: int) -> str:
    """The audit line of a closing submitted for 结案审查."""
    return f"报结案审查：{method}，到位 {format_money(recovered_fen)} 元"


@emits("handoff_submitted")
def submit_close(
    desk: Desk,
    case_id: int,
    *,
    method: str,
    closing_fen: int,
    recovered_fen: int,
    abandoned_fen: int = 0,
    reason: str = "",
) -> int:
    """Submit a closing for 结案审查 with its method and amounts (checked now, applied on approval)."""
    method = normalize_closing_method(method)
    check_closing_amounts(
        method, closing_fen=closing_fen, recovered_fen=recovered_fen, abandoned_fen=abandoned_fen
    )
    profile = desk.profile
    with desk.transaction() as s:
        case = get_case(s, case_id)
        if case.status == "closed":
            raise Conflict(f"案件 {case.case_no} 已结案")
        require_submitter(s, desk, case)
        stage = profile.stage(case.stage)
        if stage.can_close and method not in stage.can_close:
            raise Conflict(f"{stage.name}阶段不能以“{method}”结案；可用：{'、'.join(stage.can_close)}")
        if method == ZHONGBEN:  # the national conditions and the court's list (checked again on approval)
            require_zhongben(s, desk, case)
        if _pending(s, case_id):
            raise Conflict(f"案件 {case.case_no} 已有待审批的移送")
        handoff = Handoff(
            case_id=case_id,
            kind="close",
            from_stage=case.stage,
            to_stage=None,
            form_kind="closing_form",
            form=closing_form(
                case.case_no,
                case.claim_fen,
                method=method,
                closing_fen=closing_fen,
                recovered_fen=recovered_fen,
                abandoned_fen=abandoned_fen,
                reason=reason,
            ),
            submitted_by=desk.operator,
        )
        s.add(handoff)
        s.flush()
        audit.record_case(
            s,
            desk,
            case_id,
            "close_submit",
            closing_summary(method, recovered_fen),
            entity="handoff",
            entity_id=handoff.id,
            after=dict(handoff.form),
        )
        apply_event(s, desk, case, "handoff_submitted", desk.now(), desk.operator)
        return handoff.id


def _approver_check(s: Session, desk: Desk, handoff: Handoff) -> None:
    role = operator_role(s, desk)
    refuse_own(s, desk, handoff.submitted_by_id, handoff.submitted_by, "移送")
    deciders = board.handoff_deciders(desk.profile, handoff.kind, handoff.from_stage, handoff.to_stage)
    if role != board.MONITOR:
        require(role, set(deciders), "审批移送")


@emits("handoff_approved")
def approve(desk: Desk, handoff_id: int, *, note: str = "") -> None:
    """指挥监控 approves: the case moves (or closes); handler = receiving leader; clock restarts."""
    with desk.transaction() as s:
        handoff = s.get(
            Handoff, handoff_id, with_for_update=True
        )  # a second approver waits, then sees it decided
        if handoff is None:
            raise NotFound(f"移送记录 {handoff_id} 不存在")
        board.decide_handoff(handoff.status, "approved")
        _approver_check(s, desk, handoff)
        case = get_case(s, handoff.case_id)
        if case.stage != handoff.from_stage:
            raise Conflict(
                f"案件 {case.case_no} 已不在{desk.profile.stage(handoff.from_stage).name}阶段，此移送已失效"
            )
        settle(s, Handoff, handoff_id, "submitted", Conflict(_DECIDED_BY_ANOTHER), status="approved",
               decided_by=desk.operator, decided_at=desk.now())  # fmt: skip
        audit.record_case(
            s,
            desk,
            case.id,
            "handoff_approve",
            f"指挥监控审批通过：{handoff.form.get('label') or handoff.form.get('method', '')}"
            + (f"（{note}）" if note else ""),
            entity="handoff",
            entity_id=handoff.id,
        )
        apply_event(s, desk, case, "handoff_approved", handoff.decided_at, desk.operator)
        _apply(s, desk, handoff, case)


def _apply(s: Session, desk: Desk, handoff: Handoff, case: Case) -> None:
    at = desk.now()
    if handoff.kind == "close":
        f = handoff.form
        _close(s, desk, case, f, at)
        return
    profile = desk.profile
    stage = profile.stage(handoff.to_stage)
    unit = None
    if stage.units:
        unit = s.exec(select(OrgUnit).where(OrgUnit.code == stage.units[0])).first()
    leader = None
    if unit is not None:
        leader = s.exec(
            select(Staff).where(Staff.unit_id == unit.id, Staff.is_leader, Staff.active).order_by(Staff.id)
        ).first()
    if handoff.status == "submitted":  # no approval needed
        handoff.status, handoff.decided_by, handoff.decided_at = "approved", desk.operator, at
        s.add(handoff)
    set_stage(
        s,
        case,
        stage.code,
        unit.id if unit else None,
        leader.id if leader else None,
        f"移送{stage.name}" + (f"，承办人变更为{leader.name}" if leader else ""),
        desk.operator,
        at=at,
        desk=desk,
    )


def _close(s: Session, desk: Desk, case: Case, f: dict, at: datetime) -> None:
    """结案审查 passed: close with the method and amounts the submitter gave."""
    close_in_session(
        s,
        desk,
        case,
        method=f["method"],
        closed_on=at.date(),
        closing_fen=f["closing_fen"],
        recovered_fen=f["recovered_fen"],
        abandoned_fen=f["abandoned_fen"],
        reason=f.get("reason", ""),
        at=at,
        summary=f"结案审查通过，结案：{f['method']}",
    )


@emits("handoff_returned")
def return_handoff(desk: Desk, handoff_id: int, *, reason: str) -> None:
    """Return a submitted handoff for correction: the reason goes into the 台账; the case stays."""
    if not reason or not reason.strip():
        raise InvalidValue("退回整改必须写明原因", field="退回原因")
    with desk.transaction() as s:
        handoff = s.get(
            Handoff, handoff_id, with_for_update=True
        )  # a second approver waits, then sees it decided
        if handoff is None:
            raise NotFound(f"移送记录 {handoff_id} 不存在")
        board.decide_handoff(handoff.status, "returned")
        _approver_check(s, desk, handoff)
        settle(s, Handoff, handoff_id, "submitted", Conflict(_DECIDED_BY_ANOTHER), status="returned",
               decided_by=desk.operator, decided_at=desk.now(), return_reason=reason.strip())  # fmt: skip
        audit.record_case(
            s,
            desk,
            handoff.case_id,
            "handoff_return",
            f"指挥监控退回整改：{reason.strip()}",
            entity="handoff",
            entity_id=handoff.id,
        )
        apply_event(s, desk, handoff.case_id, "handoff_returned", handoff.decided_at, desk.operator)

"""Handoffs between groups (流转), their approval by 指挥监控, the returns ledger (台账), 终本 checks
and travel approvals (监利 004; the same mechanism serves every profile's flow).

A move is *submitted* with its form; until the approver decides, the case stays where it is. On
approval the case moves, its handler becomes the receiving unit's leader, its stage clock
restarts and the next deadline nodes are created. A return keeps the case and writes the reason
into the ledger. A closing is submitted the same way (kind ``close``); its approval is the 结案审查
and closes the case with the submitted method and amounts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlmodel import Session, col, func, select

from ...domain import board
from ...domain.closing import check_closing_amounts, normalize_closing_method
from ...domain.money import format_money
from ...domain.roles import require
from ...domain.travel import check_travel_destination
from ...errors import Conflict, InvalidValue, NotFound
from ...storage.models import Approval, Case, CaseFacts, Handoff, Measure, OrgUnit, QueryItem, Staff
from ...storage.queries import get_case
from .. import audit
from ..cases.registry import close_in_session, set_stage
from ..desk import Desk
from ..permissions import operator_role
from .rights import refuse_own, require_submitter

ZHONGBEN = "终结本次执行程序"

FORM_TITLES = {
    "national_query_form": "总对总查控实有情况表",
    "offline_query_form": "线下查控实有情况表",
    "closing_form": "结案审查表",
}
_FORM_CHANNELS = {"national_query_form": ("national", "local"), "offline_query_form": ("offline",)}


@dataclass(frozen=True)
class HandoffRow:
    id: int
    case_id: int
    case_no: str
    kind: str
    from_stage: str
    to_stage: str | None
    label: str
    form_kind: str | None
    form: dict
    status: str
    submitted_by: str
    submitted_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    return_reason: str


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
    found = sum(i.amount_found_fen for i in items)
    controlled = sum(i.amount_controlled_fen for i in items)
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


def submit_move(desk: Desk, case_id: int, to_stage: str, *, note: str = "") -> int:
    """Submit a move along the profile's flow; moves that need no approval take effect at once."""
    profile = desk.profile
    with desk.transaction() as s:
        case = get_case(s, case_id)
        if case.status == "closed":
            raise Conflict(f"案件 {case.case_no} 已结案，不能移送")
        require_submitter(s, desk, case)
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
        audit.record(
            s,
            operator=desk.operator,
            action="handoff_submit",
            entity="handoff",
            entity_id=handoff.id,
            case_id=case_id,
            summary=f"提交移送：{move.label}（{profile.stage(to_stage).name}）",
            after=audit.snapshot(handoff, ["from_stage", "to_stage", "form_kind"]),
        )
        if not move.needs_approval:
            _apply(s, desk, handoff, case)
        return handoff.id


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
        if method == ZHONGBEN:
            missing = zhongben_missing_for(s, desk, case)
            if missing:
                raise Conflict("终本条件不具备，尚缺：" + "；".join(text for _, text in missing))
        if _pending(s, case_id):
            raise Conflict(f"案件 {case.case_no} 已有待审批的移送")
        handoff = Handoff(
            case_id=case_id,
            kind="close",
            from_stage=case.stage,
            to_stage=None,
            form_kind="closing_form",
            form={
                "title": FORM_TITLES["closing_form"],
                "case_no": case.case_no,
                "method": method,
                "claim_fen": case.claim_fen,
                "closing_fen": closing_fen,
                "recovered_fen": recovered_fen,
                "abandoned_fen": abandoned_fen,
                "reason": reason,
            },
            submitted_by=desk.operator,
        )
        s.add(handoff)
        s.flush()
        audit.record(
            s,
            operator=desk.operator,
            action="close_submit",
            entity="handoff",
            entity_id=handoff.id,
            case_id=case_id,
            summary=f"报结案审查：{method}，到位 {format_money(recovered_fen)} 元",
            after=dict(handoff.form),
        )
        return handoff.id


def _approver_check(s: Session, desk: Desk, handoff: Handoff) -> None:
    role = operator_role(s, desk)
    refuse_own(handoff.submitted_by, desk.operator, "移送")
    needed = "monitor"
    if handoff.kind == "move" and handoff.to_stage:
        try:
            needed = board.check_move(desk.profile, handoff.from_stage, handoff.to_stage).approver_role
        except Conflict:
            needed = "monitor"
    if role != "monitor":
        require(role, {needed, "bureau_chief"}, "审批移送")


def approve(desk: Desk, handoff_id: int, *, note: str = "") -> None:
    """指挥监控 approves: the case moves (or closes); handler = receiving leader; clock restarts."""
    with desk.transaction() as s:
        handoff = s.get(Handoff, handoff_id)
        if handoff is None:
            raise NotFound(f"移送记录 {handoff_id} 不存在")
        board.decide_handoff(handoff.status, "approved")
        _approver_check(s, desk, handoff)
        case = get_case(s, handoff.case_id)
        if case.stage != handoff.from_stage:
            raise Conflict(
                f"案件 {case.case_no} 已不在{desk.profile.stage(handoff.from_stage).name}阶段，此移送已失效"
            )
        handoff.status, handoff.decided_by, handoff.decided_at = "approved", desk.operator, desk.now()
        s.add(handoff)
        audit.record(
            s,
            operator=desk.operator,
            action="handoff_approve",
            entity="handoff",
            entity_id=handoff.id,
            case_id=case.id,
            summary=f"指挥监控审批通过：{handoff.form.get('label') or handoff.form.get('method', '')}"
            + (f"（{note}）" if note else ""),
        )
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


def return_handoff(desk: Desk, handoff_id: int, *, reason: str) -> None:
    """Return a submitted handoff for correction: the reason goes into the 台账; the case stays."""
    if not reason or not reason.strip():
        raise InvalidValue("退回整改必须写明原因", field="退回原因")
    with desk.transaction() as s:
        handoff = s.get(Handoff, handoff_id)
        if handoff is None:
            raise NotFound(f"移送记录 {handoff_id} 不存在")
        board.decide_handoff(handoff.status, "returned")
        _approver_check(s, desk, handoff)
        handoff.status, handoff.decided_by, handoff.decided_at = "returned", desk.operator, desk.now()
        handoff.return_reason = reason.strip()
        s.add(handoff)
        audit.record(
            s,
            operator=desk.operator,
            action="handoff_return",
            entity="handoff",
            entity_id=handoff.id,
            case_id=handoff.case_id,
            summary=f"指挥监控退回整改：{reason.strip()}",
        )


def _rows(s: Session, stmt) -> list[HandoffRow]:
    out = []
    for h, case_no in s.exec(stmt):
        out.append(
            HandoffRow(
                h.id,
                h.case_id,
                case_no,
                h.kind,
                h.from_stage,
                h.to_stage,
                h.form.get("label", ""),
                h.form_kind,
                dict(h.form),
                h.status,
                h.submitted_by,
                h.submitted_at,
                h.decided_by,
                h.decided_at,
                h.return_reason,
            )
        )
    return out


def list_handoffs(
    desk: Desk, *, status: str = "submitted", limit: int = 200, offset: int = 0
) -> list[HandoffRow]:
    """Handoffs by status, oldest first (the approval queue is ``submitted``; the 台账 ``returned``)."""
    with desk.session() as s:
        stmt = (
            select(Handoff, Case.case_no)
            .join(Case, Case.id == Handoff.case_id)
            .where(Handoff.status == status)
            .order_by(Handoff.submitted_at, Handoff.id)
            .offset(offset)
            .limit(limit)
        )
        return _rows(s, stmt)


def count_handoffs(desk: Desk, status: str = "submitted") -> int:
    with desk.session() as s:
        return s.exec(select(func.count()).select_from(Handoff).where(Handoff.status == status)).one()


def export_ledger(desk: Desk, path: str | Path) -> Path:
    """The 台账 of returned handoffs as .xlsx (written atomically)."""
    from ..printing.xlsx import Col, new_workbook, save_workbook, write_table

    profile = desk.profile
    rows = []
    offset = 0
    while True:
        page = list_handoffs(desk, status="returned", limit=500, offset=offset)
        if not page:
            break
        for h in page:
            rows.append(
                [
                    h.case_no,
                    profile.stage(h.from_stage).name,
                    profile.stage(h.to_stage).name if h.to_stage else "结案审查",
                    h.submitted_by,
                    h.submitted_at,
                    h.decided_by or "",
                    h.decided_at,
                    h.return_reason,
                ]
            )
        offset += len(page)
    wb = new_workbook()
    cols = [
        Col("案号"),
        Col("移出"),
        Col("移入"),
        Col("提交人"),
        Col("提交时间", "datetime"),
        Col("审批人"),
        Col("退回时间", "datetime"),
        Col("退回原因", width=40),
    ]
    write_table(wb, "退回整改台账", cols, rows, print_title=f"{profile.court.name} 流转退回整改台账")
    return save_workbook(wb, path)


# --- 终本 checks ------------------------------------------------------------------------------

MATERIALS_KEY = "zhongben_materials"


def present_conditions(s: Session, case: Case, today: date) -> set[str]:
    """The national 终本 conditions the records show, plus the materials ticked on the case."""
    present: set[str] = set()
    items = s.exec(select(QueryItem).where(QueryItem.case_id == case.id)).all()
    for i in items:
        started = i.started_on or i.feedback_on
        if i.channel == "national" and started and started >= _months_before(today, 3):
            present.add("national_query_recent")
        if i.channel == "offline" and i.status != "not_started":
            present.add("traditional_query")
    kinds = set(s.exec(select(Measure.kind).where(Measure.case_id == case.id)).all())
    if "终本约谈" in kinds:
        present.add("zhongben_interview")
    if "限消" in kinds or "限制消费" in kinds:
        present.add("consumption_ban")
    facts = s.get(CaseFacts, case.id)
    if facts is not None:
        present.update(facts.facts.get(MATERIALS_KEY, []))
    return present


def _months_before(d: date, months: int) -> date:
    from ...domain.periods import add_months

    return add_months(d, -months)


def zhongben_missing_for(s: Session, desk: Desk, case: Case) -> list[tuple[str, str]]:
    return board.zhongben_missing(
        present_conditions(s, case, desk.today()), jianli_materials=desk.profile.flow.model == "pipeline"
    )


def zhongben_check(desk: Desk, case_id: int) -> list[tuple[str, str]]:
    """What a 终本 closing of this case still lacks (empty when it may close)."""
    with desk.session() as s:
        return zhongben_missing_for(s, desk, get_case(s, case_id))


def set_material(desk: Desk, case_id: int, code: str, present: bool = True) -> None:
    """Tick (or untick) one of the 终本 materials on the case's file."""
    known = dict(board.JIANLI_ZHONGBEN_MATERIALS)
    if code not in known:
        raise InvalidValue(f"未知终本材料：{code}；可用：{'、'.join(known)}", field="材料")
    with desk.transaction() as s:
        case = get_case(s, case_id)
        facts = s.get(CaseFacts, case_id) or CaseFacts(case_id=case_id, facts={})
        have = set(facts.facts.get(MATERIALS_KEY, []))
        before = sorted(have)
        have.add(code) if present else have.discard(code)
        facts.facts = {**facts.facts, MATERIALS_KEY: sorted(have)}
        facts.updated_by, facts.updated_at = desk.operator, desk.now()
        s.add(facts)
        audit.record(
            s,
            operator=desk.operator,
            action="zhongben_material",
            entity="case",
            entity_id=case_id,
            case_id=case_id,
            summary=("已备" if present else "撤销") + f"终本材料：{known[code]}",
            before={"materials": before},
            after={"materials": sorted(have)},
        )
        del case


# --- travel approvals (004 第三组 6) ----------------------------------------------------------


def request_travel(desk: Desk, case_id: int, *, scope: str, destination: str, purpose: str) -> int:
    """Ask to travel to find a respondent; the approver level follows the distance, and the scope
    must fit the destination as far as its text shows (``domain.travel``)."""
    level = board.travel_approver(scope)
    if not destination.strip():
        raise InvalidValue("请填写出差目的地", field="目的地")
    check_travel_destination(
        scope, board.TRAVEL_SCOPES[scope][1], destination.strip(), desk.profile.court.province
    )
    with desk.transaction() as s:
        case = get_case(s, case_id)
        a = Approval(
            case_id=case_id,
            kind="travel",
            level=level,
            details={
                "scope": scope,
                "scope_name": board.TRAVEL_SCOPES[scope][1],
                "destination": destination.strip(),
                "purpose": purpose.strip(),
            },
            requested_by=desk.operator,
        )
        s.add(a)
        s.flush()
        audit.record(
            s,
            operator=desk.operator,
            action="travel_request",
            entity="approval",
            entity_id=a.id,
            case_id=case.id,
            summary=f"申请出差查找被执行人：{destination.strip()}（{board.TRAVEL_SCOPES[scope][1]}）",
        )
        return a.id


def decide_approval(desk: Desk, approval_id: int, *, approve_it: bool, note: str = "") -> None:
    """Approve or reject a pending request; only the level it names (or above) may, and never the
    person who asked."""
    with desk.transaction() as s:
        a = s.get(Approval, approval_id)
        if a is None:
            raise NotFound(f"审批事项 {approval_id} 不存在")
        if a.status != "pending":
            raise Conflict("该审批事项已处理")
        refuse_own(a.requested_by, desk.operator, "申请")
        require(operator_role(s, desk), a.level, "审批此事项")
        a.status = "approved" if approve_it else "rejected"
        a.decided_by, a.decided_at, a.note = desk.operator, desk.now(), note.strip()
        s.add(a)
        audit.record(
            s,
            operator=desk.operator,
            action="approval_decide",
            entity="approval",
            entity_id=a.id,
            case_id=a.case_id,
            summary=("批准" if approve_it else "不批准")
            + f"：{a.details.get('scope_name', a.kind)}"
            + (f"（{note.strip()}）" if note.strip() else ""),
        )

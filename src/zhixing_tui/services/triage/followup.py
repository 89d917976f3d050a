"""After the first triage: 类案集中 (related cases, 执行局长 approval), 二次分案 (reassignment with the
3-day handoff node, 固始 002 §二.14), the 线索查控组 member draw (监利 004 第三组 1), and 简转繁
(a 速执/快执 case still open at 30 days, 汝阳 000 §二(二)13, 001 二(三)).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, select

from ...domain import triage as engine
from ...domain.assignment import DrawResult
from ...domain.roles import require
from ...errors import Conflict, InvalidValue, NotFound
from ...storage.models import Approval, Case, OrgUnit, RelatedCaseLink, Staff, TriageDecision
from .. import audit
from ..board.rights import refuse_own
from ..cases.lifecycle import set_stage
from ..deadlines.emitters import emits
from ..deadlines.nodes import apply_event
from ..desk import Desk
from ..permissions import operator_role
from .decisions import (
    DECIDE_ROLES,
    Decision,
    assign,
    find_related,
    load_case,
    member_counts,
    pending_approval,
    record_draw,
    route_teams,
    suggest_in,
    unit_by_name,
)

__all__ = [
    "confirm_reassign_handoff",
    "decide_related",
    "decide_simple_to_complex",
    "distribute_to_member",
    "propose_related",
    "raise_simple_to_complex",
    "reassign",
    "request_simple_to_complex",
]

_WHAT = {"related_cases": "审批类案集中", "simple_to_complex": "审批简转繁"}


def _decide_approval(
    s: Session, desk: Desk, approval_id: int, kind: str, approve: bool, note: str
) -> Approval:
    row = s.get(Approval, approval_id, with_for_update=True)  # a second approver waits, then sees it decided
    if row is None or row.kind != kind:
        raise NotFound(f"审批（编号 {approval_id}）不存在")
    refuse_own(s, desk, row.requested_by_id, row.requested_by, "申请")  # as decide_any, for every caller
    require(operator_role(s, desk), row.level, _WHAT[kind])
    if row.status != "pending":
        done = "批准" if row.status == "approved" else "退回"
        raise Conflict(f"审批（编号 {approval_id}）已{done}，不能再次审批")
    row.status = "approved" if approve else "rejected"
    row.decided_by, row.decided_at, row.note = desk.operator, desk.now(), note.strip()
    s.add(row)
    return row


# --- 类案集中 ------------------------------------------------------------------------------------
def propose_related(desk: Desk, case_id: int) -> int | None:
    """Record a 类案集中 proposal for the 执行局长 when related open cases are held by a team.

    Returns the Approval id, or None when no team holds related cases.
    """
    with desk.transaction() as s:
        case = load_case(s, case_id)
        related, team = find_related(s, case, route_teams(desk))
        if team is None:
            return None
        if pending_approval(s, case_id, "related_cases"):
            raise Conflict(f"案件 {case.case_no} 已有待审批的类案集中建议")
        for r in related:
            exists = s.exec(
                select(RelatedCaseLink.id).where(
                    RelatedCaseLink.case_id == case.id, RelatedCaseLink.other_case_id == r.case_id
                )
            ).first()
            if not exists:
                s.add(RelatedCaseLink(case_id=case.id, other_case_id=r.case_id, reason=r.reasons[0]))
        details = {
            "team": team,
            "related": [
                {"case_no": r.case_no, "reasons": list(r.reasons), "team": r.unit_name} for r in related
            ],
        }
        row = Approval(
            case_id=case.id,
            kind="related_cases",
            level="bureau_chief",
            details=details,
            requested_by=desk.operator,
        )
        s.add(row)
        s.flush()
        audit.record_case(
            s,
            desk,
            case.id,
            "related_proposed",
            f"类案集中：建议交{team}办理，报执行局长审批",
            entity="approval",
            entity_id=row.id,
            after=details,
        )
        return row.id


def decide_related(
    desk: Desk, approval_id: int, *, approve: bool, note: str = "", seed: int | None = None
) -> Decision | None:
    """The 执行局长 approves (the case goes to the proposed team) or rejects a 类案集中 proposal."""
    with desk.transaction() as s:
        row = _decide_approval(s, desk, approval_id, "related_cases", approve, note)
        case = load_case(s, row.case_id)
        audit.record_case(
            s,
            desk,
            case.id,
            "related_" + row.status,
            "类案集中：" + ("批准" if approve else "不予批准") + (f"（{row.note}）" if row.note else ""),
            entity="approval",
            entity_id=row.id,
            after={"status": row.status, "note": row.note},
        )
        if not approve:
            return None
        sug = suggest_in(s, desk, case)
        return assign(
            s,
            desk,
            case,
            kind="initial",
            sug=sug,
            cls=sug.result.cls,
            team=row.details["team"],
            pool=[],
            reason=f"类案集中（{desk.operator} 批准）",
            seed=seed,
            approved_by=desk.operator,
        )


# --- 二次分案 ------------------------------------------------------------------------------------
@emits("handoff_decided")
def reassign(desk: Desk, case_id: int, *, team: str, reason: str) -> Decision:
    """二次分案: move the case to another team with a reason and record the event ``handoff_decided``;
    the profile's deadline rule on it (固始 gushi.reassign_handover: 3日) opens the handoff node."""
    if not reason.strip():
        raise InvalidValue("二次分案必须写明理由", field="reason")
    with desk.transaction() as s:
        require(operator_role(s, desk), DECIDE_ROLES, "作出二次分案决定")
        case = load_case(s, case_id)
        if case.status != "open":
            raise Conflict(f"案件 {case.case_no} 不在办理中，不能二次分案")
        if team not in route_teams(desk):
            raise InvalidValue(f"团队「{team}」不是本院分案的团队", field="team", value=team)
        current = s.get(OrgUnit, case.unit_id) if case.unit_id else None
        if current is not None and current.name == team:
            raise Conflict(f"案件 {case.case_no} 已由{team}办理")
        sug = suggest_in(s, desk, case)
        cls = engine.class_name(case.triage_class) or sug.result.cls
        decision = assign(
            s, desk, case, kind="reassign", sug=sug, cls=cls, team=team, pool=[], reason=reason, seed=None
        )
        apply_event(s, desk, case, "handoff_decided", desk.now(), desk.operator)
        return decision


@emits("reassigned")
def confirm_reassign_handoff(desk: Desk, case_id: int) -> None:
    """The new team received the file after a 二次分案: records the event ``reassigned`` (completes
    the handoff node)."""
    with desk.transaction() as s:
        case = load_case(s, case_id)
        decided = s.exec(
            select(TriageDecision.id).where(
                TriageDecision.case_id == case_id, TriageDecision.kind == "reassign"
            )
        ).first()
        if decided is None:
            raise Conflict(f"案件 {case.case_no} 没有二次分案决定")
        apply_event(s, desk, case, "reassigned", desk.now(), desk.operator)


# --- 线索查控组 member draw (监利) ---------------------------------------------------------------
def distribute_to_member(desk: Desk, case_id: int, *, seed: int | None = None) -> DrawResult:
    """Hand a case of the distributing unit to the member with the fewest cases this month."""
    dist = desk.profile.triage.distribute
    if dist is None:
        raise Conflict("本院配置没有组内平均分案")
    with desk.transaction() as s:
        require(operator_role(s, desk), "group_leader", f"在{dist.unit}组内分案")
        case = load_case(s, case_id)
        unit = unit_by_name(s, desk, dist.unit)
        if case.unit_id != unit.id:
            raise Conflict(f"案件 {case.case_no} 不在{dist.unit}，不能在本组分案")
        stmt = select(Staff).where(Staff.unit_id == unit.id, Staff.active).order_by(Staff.id)
        if not dist.include_leader:
            stmt = stmt.where(Staff.is_leader.is_(False))
        members = list(s.exec(stmt))
        if not members:
            raise Conflict(f"{dist.unit}没有可分案的人员")
        names = [m.name for m in members]
        if len(set(names)) != len(names):
            raise Conflict(f"{dist.unit}有同名人员，无法按姓名平均分案")
        counts = member_counts(s, unit.code, f"{desk.today():%Y-%m}", members)
        ids = {m.name: m.id for m in members if m.id is not None}
        result = record_draw(s, desk, case, unit.code, names, counts, seed, staff_ids=ids)
        handler = members[names.index(result.chosen)]
        set_stage(
            s, case, case.stage, unit.id, handler.id, f"{dist.unit}组内分案：{handler.name}", desk.operator
        )
        return result


# --- 简转繁 ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FastCase:
    case_id: int
    case_no: str
    filed_on: date
    team: str


def _fast_overdue(s: Session, desk: Desk, today: date) -> list[FastCase]:
    section = desk.profile.triage
    if not section.simple_to_complex or not section.fast_limit_days or not section.fast_teams:
        return []
    cutoff = today - timedelta(days=section.fast_limit_days)
    asked = select(Approval.case_id).where(Approval.kind == "simple_to_complex")
    rows = s.exec(
        select(Case.id, Case.case_no, Case.filed_on, OrgUnit.name)
        .join(OrgUnit, Case.unit_id == OrgUnit.id)
        .where(
            Case.status == "open",
            OrgUnit.name.in_(section.fast_teams),
            Case.filed_on <= cutoff,
            Case.id.not_in(asked),
        )
        .order_by(Case.filed_on, Case.id)
    ).all()
    return [FastCase(*r) for r in rows]


def _s2c_approval(s: Session, desk: Desk, fc: FastCase, today: date, reason: str) -> Approval:
    days = (today - fc.filed_on).days
    row = Approval(
        case_id=fc.case_id,
        kind="simple_to_complex",
        level="bureau_chief",
        details={
            "case_no": fc.case_no,
            "filed_on": fc.filed_on.isoformat(),
            "team": fc.team,
            "days": days,
            "limit": desk.profile.triage.fast_limit_days,
            "reason": reason.strip(),
        },
        requested_by=desk.operator,
    )
    s.add(row)
    s.flush()
    audit.record_case(
        s,
        desk,
        fc.case_id,
        "s2c_raised",
        f"简转繁：{fc.team}案件立案已{days}日未结，报执行局长审批",
        entity="approval",
        entity_id=row.id,
        after=row.details,
    )
    return row


def raise_simple_to_complex(desk: Desk, today: date | None = None) -> list[int]:
    """Raise a 简转繁审批表 for every fast-team case open at the limit (汝阳: 30 days from 立案);
    nothing where the profile has no 简转繁 approval (001: the 30-day node simply falls due)."""
    today = today or desk.today()
    with desk.transaction() as s:
        return [_s2c_approval(s, desk, fc, today, "").id for fc in _fast_overdue(s, desk, today)]


def request_simple_to_complex(desk: Desk, case_id: int, reason: str) -> int:
    """The handler raises the form for one case with the objective reason (新发现财产需要处置、执行异议…)."""
    if not desk.profile.triage.simple_to_complex:
        raise Conflict(f"{desk.profile.court.name}的方案没有简转繁审批，快执案件应在期限内结案")
    if not reason.strip():
        raise InvalidValue("简转繁须写明不能在期限内办结的客观原因", field="reason")
    today = desk.today()
    with desk.transaction() as s:
        case = load_case(s, case_id)
        unit = s.get(OrgUnit, case.unit_id) if case.unit_id else None
        if unit is None or unit.name not in desk.profile.triage.fast_teams:
            raise Conflict(f"案件 {case.case_no} 不在速执/快执团队，无需简转繁")
        if pending_approval(s, case_id, "simple_to_complex"):
            raise Conflict(f"案件 {case.case_no} 已有待审批的简转繁")
        return _s2c_approval(
            s, desk, FastCase(case.id, case.case_no, case.filed_on, unit.name), today, reason
        ).id


@emits("simple_to_complex")
def decide_simple_to_complex(desk: Desk, approval_id: int, *, approve: bool, note: str = "") -> None:
    """The 执行局长 decides; approved cases become 普通 and stay with the same team (000 §二(二)13)."""
    with desk.transaction() as s:
        row = _decide_approval(s, desk, approval_id, "simple_to_complex", approve, note)
        case = load_case(s, row.case_id)
        before = audit.snapshot(case, ["triage_class"])
        if approve:
            case.triage_class = "ordinary"
            case.updated_at = desk.now()
            s.add(case)
            apply_event(s, desk, case, "simple_to_complex", desk.now(), desk.operator)
        audit.record_case(
            s,
            desk,
            case.id,
            "s2c_" + row.status,
            "简转繁：" + ("批准，转为普通案件，仍由原团队办理" if approve else "不予批准"),
            entity="approval",
            entity_id=row.id,
            before=before,
            after={"triage_class": case.triage_class, "status": row.status, "note": row.note},
        )

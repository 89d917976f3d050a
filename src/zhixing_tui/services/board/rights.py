"""Who may act on the handoff board (流转看板) and in the approvals (审批), for every profile.

- Submitting a move or a closing of a case: a member (or the leader) of the unit that holds the
  case's current stage (the stage's units in the profile, and the case's own unit), 指挥监控
  (``monitor``), the bureau's leadership (执行局副局长 and above on the approval ladder) or the
  system administrator. A 线上查控组 member cannot move a 线下查控 case (监利 004 第一组–第七组).
- Approving or returning a handoff, deciding a request: never the person who submitted it; a
  different person of the approving role must decide (:func:`refuse_own`).

The services call these checks; screens call :func:`submit_stages` only to hide keys.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import Session, col, select

from ...domain import board
from ...domain.roles import at_least, require, role_name
from ...errors import Conflict, NotFound, PermissionDenied
from ...storage.models import Approval, Case, OrgUnit
from ..actors import same_person, with_ids
from ..desk import Desk
from ..permissions import find_operator, operator_role, operator_staff

__all__ = [
    "decide_pending",
    "settle",
    "may_submit",
    "operator_staff",
    "refuse_own",
    "require_submitter",
    "submit_stages",
]

#: roles that may submit from any stage besides the stage's own people
ANY_STAGE_ROLES = frozenset({"monitor", "admin"})
BUREAU_FROM = "deputy_chief"  # 执行局副局长 and above


def may_submit(role: str, unit_id: int | None, holding: set[int]) -> bool:
    """Whether someone of ``role`` in unit ``unit_id`` may submit a case held by ``holding`` units."""
    if role in ANY_STAGE_ROLES or at_least(role, BUREAU_FROM):
        return True
    return unit_id is not None and unit_id in holding


def _stage_units(s: Session, desk: Desk, stage: str) -> dict[int, str]:
    codes = list(desk.profile.stage(stage).units)
    if not codes:
        return {}
    rows = s.exec(select(OrgUnit.id, OrgUnit.name).where(col(OrgUnit.code).in_(codes))).all()
    return {int(i): n for i, n in rows}


def require_submitter(s: Session, desk: Desk, case: Case) -> None:
    """Refuse a move or closing of ``case`` by an operator outside the unit that holds it."""
    staff = operator_staff(s, desk)
    holding = _stage_units(s, desk, case.stage)
    if case.unit_id is not None and case.unit_id not in holding:
        unit = s.get(OrgUnit, case.unit_id)
        if unit is not None:
            holding[case.unit_id] = unit.name
    if may_submit(staff.role, staff.unit_id, set(holding)):
        return
    stage = desk.profile.stage(case.stage).name
    who = "、".join(holding.values()) or stage
    raise PermissionDenied(
        f"{staff.name}（{role_name(staff.role)}）不能提交{stage}阶段案件的移送或结案："
        f"须由{who}的人员、指挥监控组或执行局领导提交"
    )


def submit_stages(desk: Desk) -> frozenset[str]:
    """The board stages whose cases the operator may submit (empty when not on the roster)."""
    codes = [c.code for c in board.board_columns(desk.profile)]
    with desk.session() as s:
        staff = find_operator(s, desk)
        if staff is None:
            return frozenset()
        return frozenset(
            c for c in codes if may_submit(staff.role, staff.unit_id, set(_stage_units(s, desk, c)))
        )


def refuse_own(s: Session, desk: Desk, submitted_by_id: int | None, submitted_by: str, what: str) -> None:
    """Nobody decides what they submitted themselves: ``what`` is e.g. 移送 or 申请. The submitter is
    known by staff id (a rename changes nothing); only a row whose submitter was never on the
    roster is matched by the name it recorded."""
    if same_person(s, desk, submitted_by_id, submitted_by):
        raise PermissionDenied(f"不能审批自己提交的{what}：须由有审批权的其他人员审批")


def settle(s: Session, model: type, row_id: int, expected: str, conflict: Conflict, **values) -> None:
    """Write a decision on a row still in status ``expected``, inside the caller's transaction —
    compare-and-set in one UPDATE, so of two clerks deciding the same row at the same moment (two
    processes, either engine) one wins and the other gets ``conflict``; the session's copy of the
    row is updated with ``values`` (and the staff id of a person they name)."""
    values = with_ids(s, model.__tablename__, values)  # decided_by → decided_by_id too
    result = s.execute(  # type: ignore[call-overload]
        update(model).where(model.id == row_id, model.status == expected).values(**values)
    )
    if result.rowcount != 1:
        raise conflict


def decide_pending(
    s: Session,
    desk: Desk,
    approval_id: int,
    *,
    kind: str | None,
    name: str,
    what: str,
    approve: bool,
    note: str,
) -> tuple[Approval, str]:
    """Record the operator's decision on a pending approval (of ``kind``, any when None), inside
    the caller's transaction; returns (the approval, the operator's role).

    Refused when it does not exist (``name`` says what it is), is already decided, was asked by
    the operator, or needs a higher level than the operator's (``what`` names the act)."""
    a = s.get(Approval, approval_id, with_for_update=True)  # a second approver waits, then sees it decided
    if a is None or (kind is not None and a.kind != kind):
        raise NotFound(f"{name}（编号 {approval_id}）不存在")
    if a.status != "pending":
        raise Conflict(f"该{name}已处理")
    refuse_own(s, desk, a.requested_by_id, a.requested_by, "申请")
    role = operator_role(s, desk)
    require(role, a.level, what)
    settle(
        s,
        Approval,
        approval_id,
        "pending",
        Conflict(f"该{name}已由他人处理"),
        status="approved" if approve else "rejected",
        decided_by=desk.operator,
        decided_at=desk.now(),
        note=note.strip()[:500],
    )
    return a, role

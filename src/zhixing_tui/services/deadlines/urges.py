"""督办: a note that someone was urged about a deadline node, audited on the node's case."""

from __future__ import annotations

from ...domain.roles import may_approve, require
from ...errors import InvalidValue, NotFound
from ...storage.models import DeadlineNode, Staff, Urge
from .. import audit
from ..desk import Desk
from ..permissions import operator_role_or_none, operator_staff
from .nodes import SUMMARY_MAX

__all__ = ["URGE_ROLES", "may_urge", "urge"]

#: who may 督办: the supervision group (汝阳 000 一1(三): 监督管理及信访督办组 … 临期超期案件督办), the
#: command centre's monitors and director, and the team leaders with the leadership above them
#: (the approval ladder: a 组长 and up)
URGE_ROLES = {"supervisor", "monitor", "center_director", "group_leader"}


def may_urge(desk: Desk) -> bool:
    """Whether the operator may 督办 (for the screen deciding whether to offer the key)."""
    return may_approve(operator_role_or_none(desk), URGE_ROLES)


def urge(desk: Desk, node_id: int, urged_staff_id: int | None, about: str, note: str = "") -> int:
    """督办: record that ``urged_staff_id`` was urged about node ``node_id``; audited on the case.
    Only :data:`URGE_ROLES` (and the ladder above a 组长) may; nobody urges themselves."""
    about = about.strip()
    if not about:
        raise InvalidValue("督办事项不能为空", field="督办事项")
    with desk.transaction() as s:
        me = operator_staff(s, desk)
        require(me.role, URGE_ROLES, "督办")
        node = s.get(DeadlineNode, node_id)
        if node is None:
            raise NotFound(f"流程节点（编号 {node_id}）不存在")
        who = ""
        if urged_staff_id is not None:
            staff = s.get(Staff, urged_staff_id)
            if staff is None:
                raise NotFound(f"被督办人（编号 {urged_staff_id}）不存在")
            if staff.id == me.id:
                raise InvalidValue("不能督办自己：请选择被督办的人员", field="被督办人")
            who = staff.name
        row = Urge(
            case_id=node.case_id,
            node_id=node.id,
            urged_staff_id=urged_staff_id,
            about=about[:200],
            note=note.strip()[:500],
            by=desk.operator,
        )
        s.add(row)
        s.flush()
        text = f"督办{who or ''}：{about}（节点：{node.name}，期限 {node.due_on}）"
        if note.strip():
            text += f"；{note.strip()}"
        audit.record_case(
            s,
            desk,
            node.case_id,
            "urge",
            text[:SUMMARY_MAX],
            entity="urge",
            entity_id=row.id,
            after=audit.snapshot(row),
        )
        return row.id

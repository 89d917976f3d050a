"""Who the operator is in the roster: the role that every permission check in the services uses.

The rules themselves live in ``domain.roles`` (``require``, ``at_least``); screens call
:func:`operator_role_or_none` only to hide keys a role cannot use — the services still check.
"""

from __future__ import annotations

from sqlmodel import Session, select

from ..errors import PermissionDenied
from ..storage.models import Staff
from .desk import Desk


def operator_role(s: Session, desk: Desk) -> str:
    """The role of the operator (the active staff member with that name); refused when unknown."""
    role = s.exec(select(Staff.role).where(Staff.name == desk.operator, Staff.active)).first()
    if role is None:
        raise PermissionDenied(f"操作人「{desk.operator}」不在人员名册中，不能办理此事项")
    return role


def operator_role_or_none(desk: Desk) -> str | None:
    """The operator's role, or None when not on the roster (for screens deciding what to show)."""
    with desk.session() as s:
        return s.exec(select(Staff.role).where(Staff.name == desk.operator, Staff.active)).first()

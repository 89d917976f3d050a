"""Who the operator is in the roster: the role that every permission check in the services uses.

A desk that logged in (the CLI's password check, the app's login screen) carries the staff id:
the operator is looked up by that id. A desk opened by a tool or a test without logging in is
matched by name, which is unique within a court (never "the first of several"). The rules
themselves live in ``domain.roles`` (``require``, ``at_least``); screens call
:func:`operator_role_or_none` only to hide keys a role cannot use — the services still check.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from ..domain.roles import role_name
from ..errors import PermissionDenied
from ..storage.models import Staff
from .desk import Desk

#: who may import the roster, change a role or load holiday calendars
ROSTER_KEEPERS = ("admin", "bureau_chief")


def find_operator(s: Session, desk: Desk) -> Staff | None:
    """The operator's active roster entry: by the desk's staff id, else by the unique name."""
    if desk.operator_id is not None:
        staff = s.get(Staff, desk.operator_id)
        if staff is None or not staff.active:
            return None
        return staff
    return s.exec(select(Staff).where(Staff.name == desk.operator, col(Staff.active))).one_or_none()


def operator_staff(s: Session, desk: Desk) -> Staff:
    """The operator's roster entry; refused when the operator is not on the roster."""
    staff = find_operator(s, desk)
    if staff is None:
        raise PermissionDenied(f"操作人「{desk.operator}」不在人员名册中，不能办理此事项")
    return staff


def operator_role(s: Session, desk: Desk) -> str:
    """The role of the operator; refused when unknown."""
    return operator_staff(s, desk).role


def operator_role_or_none(desk: Desk) -> str | None:
    """The operator's role, or None when not on the roster (for screens deciding what to show)."""
    return operator_role_and_id(desk)[0]


def operator_role_and_id(desk: Desk) -> tuple[str | None, int | None]:
    """The operator's role and staff id, (None, None) when not on the roster (for screens deciding
    what to show, e.g. which rows are the operator's own)."""
    with desk.session() as s:
        staff = find_operator(s, desk)
        return (staff.role, staff.id) if staff is not None else (None, None)


def require_roster_keeper(s: Session, desk: Desk, what: str) -> Staff:
    """Only the administrator or the 执行局长 may ``what`` (import the roster, change a role,
    load a holiday calendar)."""
    staff = operator_staff(s, desk)
    if staff.role not in ROSTER_KEEPERS:
        names = "或".join(role_name(r) for r in ROSTER_KEEPERS)
        raise PermissionDenied(f"{role_name(staff.role)}无权{what}：需要{names}")
    return staff

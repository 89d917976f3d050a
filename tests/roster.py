"""Acting as someone on a fixture's roster: the services check the operator's role."""

from __future__ import annotations

from sqlmodel import select

from zhixing_tui.storage.models import Staff


def act_as(desk, role: str) -> str:
    """Make the first active member of staff with ``role`` the desk's operator; their name."""
    with desk.session() as s:
        name = s.exec(select(Staff.name).where(Staff.role == role, Staff.active).order_by(Staff.id)).first()
    assert name is not None, f"no {role} on the roster"
    desk.operator = name
    return name

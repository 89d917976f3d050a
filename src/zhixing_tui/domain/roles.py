"""Roles of the enforcement bureau's staff, and what each may approve.

Permission checks live in services, which call :func:`require`; screens only hide what a
role cannot do.
"""

from __future__ import annotations

from ..errors import PermissionDenied

#: role id → Chinese name
ROLES: dict[str, str] = {
    "window_clerk": "窗口书记员",
    "query_clerk": "查控专员",
    "triage_clerk": "繁简分流专员",
    "handler": "承办人",
    "group_leader": "组长/团队长",
    "monitor": "指挥监控",
    "supervisor": "监督管理",
    "case_money": "案款专员",
    "file_clerk": "卷宗管理",
    "stats": "综合统计",
    "center_director": "指挥中心主任",
    "deputy_chief": "执行局副局长",
    "bureau_chief": "执行局长",
    "vice_president": "副院长/党组书记",
    "president": "院长",
    "admin": "系统管理员",
}

#: approval kind → roles allowed to give it (higher roles included)
_RANK = ["handler", "group_leader", "deputy_chief", "bureau_chief", "vice_president", "president"]


def role_name(role: str) -> str:
    return ROLES.get(role, role)


def rank(role: str) -> int:
    """Position in the approval ladder (-1 for roles outside it)."""
    return _RANK.index(role) if role in _RANK else -1


def at_least(role: str, needed: str) -> bool:
    """True when ``role`` is ``needed`` or higher on the approval ladder (admin passes)."""
    if role == "admin":
        return True
    return rank(role) >= rank(needed) >= 0 or role == needed


def may_approve(role: str | None, deciders: str | set[str] | tuple[str, ...]) -> bool:
    """Whether ``role`` may decide something any of ``deciders`` may decide (or a higher role on
    the ladder): what :func:`require` checks, as a yes/no for screens deciding what to offer."""
    if role is None:
        return False
    allowed = {deciders} if isinstance(deciders, str) else set(deciders)
    return any(at_least(role, n) for n in allowed)


def require(role: str, needed: str | set[str], what: str) -> None:
    """Raise PermissionDenied unless ``role`` may do ``what``."""
    allowed = {needed} if isinstance(needed, str) else set(needed)
    if any(at_least(role, n) for n in allowed):
        return
    names = "、".join(role_name(n) for n in sorted(allowed))
    raise PermissionDenied(f"{role_name(role)}无权{what}：需要{names}")

"""Accounts: each member of staff has a password (scrypt), checked when they log in.

A password is stored as ``scrypt$<n>$<r>$<p>$<salt hex>$<hash hex>`` (``hashlib.scrypt``, the
standard library's memory-hard KDF; the parameters are stored so they can be raised later).
:func:`authenticate` checks a password against the desk's clock: after
:data:`MAX_FAILED` wrong passwords in a row the account is locked for :data:`LOCK_MINUTES`;
every failure and every lock is in the audit trail. Setting a password is for the person
themselves or the roster's keepers (the administrator, the 执行局长); changing someone's role
is for the keepers only, and is audited like any change.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from ...domain.roles import ROLES, role_name
from ...errors import InvalidValue, NotFound, PermissionDenied
from ...storage.models import DeskSetting, Staff
from .. import audit
from ..desk import Desk
from ..permissions import ROSTER_KEEPERS, find_operator, require_roster_keeper

__all__ = [
    "DEMO_PASSWORD",
    "LOCK_MINUTES",
    "MAX_FAILED",
    "PASSWORD_FIELD",
    "LoggedIn",
    "LoginRefused",
    "authenticate",
    "change_role",
    "check_new_password",
    "check_password",
    "hash_password",
    "is_demo",
    "keepers_without_password",
    "set_first_password",
    "preset_passwords",
    "roster_member",
    "set_password",
]

#: scrypt's cost (2**14), block size and parallelism: about 16 MB and a few tens of ms a check
SCRYPT_N, SCRYPT_R, SCRYPT_P = 1 << 14, 8, 1
MAX_FAILED = 5
LOCK_MINUTES = 15
MIN_PASSWORD = 4
#: the field a refused password names (the login dialog focuses it)
PASSWORD_FIELD = "密码"
#: every account of a demo database has this password (its login screen says so)
DEMO_PASSWORD = "demo"
DEMO_SETTING = "demo_as_of"


class LoginRefused(PermissionDenied):
    """A wrong password, a locked account or one without a password."""

    title = "登录失败"


@dataclass(frozen=True)
class LoggedIn:
    id: int
    name: str
    role: str


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """The stored form of ``password``: scrypt with a fresh 16-byte salt."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, maxmem=64 * 1024 * 1024
    )
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def check_password(stored: str, password: str) -> bool:
    """Whether ``password`` is the one ``stored`` was made from (constant-time compare)."""
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        expected = bytes.fromhex(digest)
        got = hashlib.scrypt(
            password.encode("utf-8"),
            salt=bytes.fromhex(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            maxmem=64 * 1024 * 1024,
            dklen=len(expected),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)


def check_new_password(password: str) -> None:
    """Refuse a password too short or too long to be one."""
    if len(password) < MIN_PASSWORD:
        raise InvalidValue(f"密码太短：至少{MIN_PASSWORD}个字符", field=PASSWORD_FIELD)
    if len(password) > 200:
        raise InvalidValue("密码太长：最多200个字符", field=PASSWORD_FIELD)


def roster_member(desk: Desk, name: str) -> LoggedIn:
    """The active member of staff called ``name``; ``InvalidValue`` (exit 2) when there is none."""
    with desk.session() as s:
        st = s.exec(select(Staff).where(Staff.name == name.strip(), col(Staff.active))).one_or_none()
        if st is None or st.id is None:
            raise InvalidValue(
                f"操作人「{name}」不在人员名册中：请用名册中的姓名", field="--operator", value=name
            )
        return LoggedIn(st.id, st.name, st.role)


def is_demo(desk: Desk) -> bool:
    """Whether this is a demo database (``zhixing demo`` built it): every password is ``demo``."""
    with desk.session() as s:
        return s.get(DeskSetting, DEMO_SETTING) is not None


def authenticate(desk: Desk, staff_id: int, password: str, *, record_login: bool = False) -> LoggedIn:
    """Check ``password`` for staff ``staff_id`` on the desk's clock and return who logged in.

    A wrong password counts towards the lock (audited); the fifth in a row locks the account
    for :data:`LOCK_MINUTES` minutes (audited). ``record_login`` writes the success too (the
    app's login screen). Raises :class:`LoginRefused` with the reason."""
    refusal: str | None = None
    with desk.session() as s:
        name = s.exec(select(Staff.name).where(Staff.id == staff_id)).one_or_none()
    if name is None:
        raise NotFound("人员名册中没有此人")
    desk = replace(desk, operator=name, operator_id=staff_id)  # the attempt is theirs in the trail
    with desk.transaction() as s:
        st = s.get(Staff, staff_id)
        if st is None or not st.active or st.id is None:
            raise NotFound("人员名册中没有此人")
        now = desk.now()
        who = {"operator": st.name, "operator_id": st.id, "entity": "staff", "entity_id": st.id}
        if st.locked_until is not None and now < st.locked_until:
            refusal = (
                f"{st.name}的账户已锁定（连续{MAX_FAILED}次密码错误），{_clock(st.locked_until)} 后可再试"
            )
        elif not st.password_hash:
            refusal = f"{st.name}尚未设置密码：请系统管理员或执行局长用 zhixing staff password 设置"
        elif not check_password(st.password_hash, password):
            st.failed_logins += 1
            if st.failed_logins >= MAX_FAILED:
                st.locked_until = now + timedelta(minutes=LOCK_MINUTES)
                st.failed_logins = 0
                audit.record(
                    s,
                    action="login.locked",
                    summary=f"连续{MAX_FAILED}次密码错误，账户锁定至 {_clock(st.locked_until)}",
                    after={"locked_until": st.locked_until},
                    **who,
                )
                refusal = f"密码错误，已连续{MAX_FAILED}次：{st.name}的账户锁定{LOCK_MINUTES}分钟，{_clock(st.locked_until)} 后可再试"
            else:
                left = MAX_FAILED - st.failed_logins
                audit.record(
                    s, action="login.failed", summary=f"密码错误（连续第{st.failed_logins}次）", **who
                )
                refusal = f"密码错误：再错{left}次，账户将锁定{LOCK_MINUTES}分钟"
            s.add(st)
        else:
            if st.failed_logins or st.locked_until is not None:
                st.failed_logins = 0
                st.locked_until = None
                s.add(st)
            if record_login:
                audit.record(s, action="login", summary="登录", **who)
            result = LoggedIn(st.id, st.name, st.role)
    if refusal is not None:
        raise LoginRefused(refusal)
    return result


def _clock(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def _member(s: Session, name: str) -> Staff:
    st = s.exec(select(Staff).where(Staff.name == name.strip(), col(Staff.active))).one_or_none()
    if st is None:
        raise NotFound(f"人员名册中没有「{name}」")
    return st


def set_password(desk: Desk, name: str, password: str) -> None:
    """Set ``name``'s password: their own, or anyone's by the administrator or the 执行局长.
    Clears a lock. Audited (never the password or its hash)."""
    check_new_password(password)
    with desk.transaction() as s:
        st = _member(s, name)
        me = find_operator(s, desk)
        if me is None or me.id != st.id:
            require_roster_keeper(s, desk, f"设置{st.name}的密码")
        st.password_hash = hash_password(password)
        st.failed_logins = 0
        st.locked_until = None
        s.add(st)
        audit.record(
            s,
            operator=desk.operator,
            action="staff.password",
            entity="staff",
            entity_id=st.id,
            summary=f"设置密码：{st.name}",
        )


def keepers_without_password(desk: Desk) -> bool:
    """Whether no active administrator or 执行局长 has a password yet: a database upgraded from
    before accounts existed. Then :func:`set_first_password` gives one of them theirs."""
    with desk.session() as s:
        rows = s.exec(
            select(Staff.password_hash).where(col(Staff.role).in_(ROSTER_KEEPERS), col(Staff.active))
        ).all()
    return not any(rows)


def set_first_password(desk: Desk, name: str, password: str) -> None:
    """The first password of a database upgraded from before accounts: only while no keeper has
    one, and only for a keeper (the administrator or the 执行局长), who then sets the others'.
    Audited under that keeper's name."""
    check_new_password(password)
    if not keepers_without_password(desk):
        raise PermissionDenied("已有系统管理员或执行局长设置了密码：请由其登录后设置")
    with desk.transaction() as s:
        st = _member(s, name)
        if st.role not in ROSTER_KEEPERS:
            raise PermissionDenied(
                f"尚无人设置密码：须先为系统管理员或执行局长设置，{st.name}（{role_name(st.role)}）不是"
            )
        st.password_hash = hash_password(password)
        st.failed_logins, st.locked_until = 0, None
        s.add(st)
        audit.record(
            s,
            operator=st.name,
            operator_id=st.id,
            action="staff.password",
            entity="staff",
            entity_id=st.id,
            summary=f"设置首个密码：{st.name}（升级后尚无人有密码）",
        )


def change_role(desk: Desk, name: str, role: str) -> tuple[str, str]:
    """Give ``name`` the role ``role`` (an explicit, audited act of the administrator or the
    执行局长). Returns (old role, new role)."""
    if role not in ROLES:
        raise InvalidValue(f"角色无法识别：「{role}」，应为 {'、'.join(ROLES.values())} 之一", field="角色")
    with desk.transaction() as s:
        st = _member(s, name)
        require_roster_keeper(s, desk, "变更人员角色")
        old = st.role
        if old == role:
            return old, role
        st.role = role
        s.add(st)
        audit.record(
            s,
            operator=desk.operator,
            action="staff.role",
            entity="staff",
            entity_id=st.id,
            summary=f"变更角色：{st.name} {role_name(old)} → {role_name(role)}",
            before={"role": old},
            after={"role": role},
        )
        return old, role


def preset_passwords(desk: Desk, password: str, *, record: bool = True, salt: bytes | None = None) -> int:
    """Give every member of staff without a password ``password`` (a demo's or a test's roster:
    one hash, computed once; ``salt`` fixed makes a demo repeatable). Returns how many were set;
    ``record=False`` (a test fixture) writes no audit entry."""
    stored = hash_password(password, salt=salt)
    with desk.transaction() as s:
        rows = list(s.exec(select(Staff).where(Staff.password_hash == "")))
        for st in rows:
            st.password_hash = stored
            s.add(st)
        if rows and record:
            audit.record(
                s,
                operator=desk.operator,
                action="staff.password",
                entity="staff",
                summary=f"为{len(rows)}名人员设置初始密码",
                after={"staff": len(rows)},
            )
        return len(rows)

"""Setting a database up for a court: its profile, its units (组/团队) and its staff.

:func:`init_database` writes the profile id, one ``OrgUnit`` per profile unit and the staff:
the members the seed names, then — where a unit's stated size is larger — generated members
(seeded, so the same seed gives the same roster). Every unit gets a leader, and the roles the
program needs for approvals exist (执行局长, 指挥监控, 监督管理, 案款专员, 窗口书记员 …).
:func:`staff_roster` lists the staff as plain dataclasses for the operator picker.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from sqlmodel import Session, func, select

from ..demo.names import mobile, person_name
from ..domain.pinyin import search_key
from ..domain.roles import role_name
from ..errors import Conflict, InvalidValue
from ..storage.models import DeskSetting, OrgUnit, Staff
from . import audit
from .desk import PROFILE_KEY, Desk

__all__ = ["InitSummary", "StaffView", "init_database", "staff_roster"]

#: Members generated for a unit whose size the seed does not state.
DEFAULT_UNIT_SIZE = {"bureau": 1, "center": 1, "group": 3, "team": 4, "office": 2}

#: Roles every court needs someone in, with the title a generated holder gets (only when no
#: unit's members already hold it). The court leaders (院长, 副院长) have no unit.
REQUIRED_ROLES: tuple[tuple[str, str], ...] = (
    ("bureau_chief", "执行局局长"),
    ("deputy_chief", "执行局副局长"),
    ("monitor", "法官助理"),
    ("supervisor", "法官助理"),
    ("window_clerk", "书记员"),
    ("query_clerk", "书记员"),
    ("triage_clerk", "法官助理"),
    ("case_money", "书记员"),
    ("file_clerk", "书记员"),
    ("stats", "书记员"),
    ("vice_president", "副院长"),
    ("president", "院长"),
)
_COURT_LEADERS = {"vice_president", "president"}
#: Roles one person holds: a second unit "led by" it gets a group_leader instead.
UNIQUE_ROLES = {"bureau_chief", "president"}

_LEADER_TITLE = {
    "bureau": "执行局局长",
    "center": "中心主任",
    "group": "员额法官",
    "team": "员额法官",
    "office": "员额法官",
}
_MEMBER_TITLES = ("法官助理", "书记员", "执行员", "书记员", "法官助理", "辅助人员")


@dataclass(frozen=True)
class StaffView:
    """A member of staff as the TUI shows them (no ORM object)."""

    id: int
    name: str
    title: str
    role: str
    role_name: str
    unit_id: int | None
    unit_code: str | None
    unit_name: str
    is_leader: bool
    search_key: str
    phone: str


@dataclass(frozen=True)
class InitSummary:
    profile_id: str
    court_name: str
    units: int
    groups: int  # units of kind group or team
    staff: int
    generated_staff: int


def init_database(
    desk: Desk, profile_id: str, *, seed: int = 0, admin: tuple[str, str] | None = None
) -> InitSummary:
    """Initialise an empty (migrated) database for the court profile ``profile_id``.

    ``admin`` (name, password) creates the first administrator (系统管理员), who then sets the
    others' passwords. Refuses a database that already has a profile. One transaction, one
    audit entry.
    """
    admin_hash = ""
    if admin is not None:
        from .accounts import check_new_password, hash_password

        check_new_password(admin[1])
        if not admin[0].strip() or len(admin[0].strip()) > 40:
            raise InvalidValue("管理员姓名应为1至40个字", field="--admin", value=admin[0])
        admin_hash = hash_password(admin[1])
    from ..profiles import load_profile

    profile = load_profile(profile_id)
    rng = random.Random(f"staff:{profile.id}:{seed}")
    with desk.transaction() as s:
        existing = s.get(DeskSetting, PROFILE_KEY)
        if existing is not None:
            raise Conflict(
                f"数据库已初始化（法院配置：{existing.value}），不能重复初始化；"
                "如需重建，请换一个数据库文件（--db）"
            )
        if s.exec(select(func.count()).select_from(OrgUnit)).one():
            raise Conflict("数据库中已有机构数据，不能初始化；请换一个数据库文件（--db）")
        s.add(DeskSetting(key=PROFILE_KEY, value=profile.id))

        units: dict[str, OrgUnit] = {}
        for order, u in enumerate(profile.units):
            row = OrgUnit(code=u.code, name=u.name, kind=u.kind, sort_order=order * 10, planned_size=u.size)
            s.add(row)
            units[u.code] = row
        s.flush()
        for u in profile.units:
            if u.parent:
                units[u.code].parent_id = units[u.parent].id

        taken: set[str] = set()
        staff: list[Staff] = []
        if admin is not None:
            taken.add(admin[0].strip())

        def add(name: str, title: str, role: str, unit: OrgUnit | None, leader: bool) -> None:
            taken.add(name)
            staff.append(
                Staff(
                    name=name,
                    search_key=search_key(name),
                    title=title,
                    role=role,
                    unit_id=unit.id if unit else None,
                    is_leader=leader,
                    phone=mobile(rng),
                )
            )

        def fresh_name() -> str:
            while True:
                name = person_name(rng, male=rng.random() < 0.55)
                if name not in taken:
                    return name

        named = 0
        for u in profile.units:
            row = units[u.code]
            has_leader = any(m.leader for m in u.members)
            for i, m in enumerate(u.members):
                if m.concurrent:  # 兼任: the person's staff record is in the unit listing them plainly
                    continue
                role = m.role or (u.leader_role if m.leader else u.member_role)
                default_title = _LEADER_TITLE[u.kind] if m.leader else _MEMBER_TITLES[i % len(_MEMBER_TITLES)]
                add(m.name, m.title or default_title, role, row, m.leader)
                named += 1
            target = u.size if u.size is not None else max(len(u.members), DEFAULT_UNIT_SIZE[u.kind])
            missing = target - len(u.members)
            if not has_leader:
                # A unit "led directly by the 执行局长" gets its own day-to-day leader: there is one chief.
                taken_unique = u.leader_role in UNIQUE_ROLES and any(st.role == u.leader_role for st in staff)
                role = "group_leader" if taken_unique else u.leader_role
                add(fresh_name(), _LEADER_TITLE[u.kind], role, row, True)
                missing -= 1
            for i in range(max(missing, 0)):
                add(fresh_name(), _MEMBER_TITLES[i % len(_MEMBER_TITLES)], u.member_role, row, False)

        present = {st.role for st in staff}
        for role, title in REQUIRED_ROLES:
            if role in present:
                continue
            unit = None if role in _COURT_LEADERS else _home_unit(profile, units, role)
            add(fresh_name(), title, role, unit, False)
        if admin is not None:
            name = admin[0].strip()
            staff.append(
                Staff(
                    name=name,
                    search_key=search_key(name),
                    title="系统管理员",
                    role="admin",
                    password_hash=admin_hash,
                )
            )
            named += 1
        s.add_all(staff)
        s.flush()

        summary = InitSummary(
            profile_id=profile.id,
            court_name=profile.court.name,
            units=len(units),
            groups=sum(1 for u in profile.units if u.kind in ("group", "team")),
            staff=len(staff),
            generated_staff=len(staff) - named,
        )
        audit.record(
            s,
            operator=admin[0].strip() if admin is not None else desk.operator,
            action="init",
            entity="desk_setting",
            summary=f"初始化数据库：{profile.court.name}，{summary.units}个单位，{summary.staff}名人员",
            after={"profile": profile.id, "seed": seed, "units": summary.units, "staff": summary.staff},
        )
    return summary


def _home_unit(profile, units: dict[str, OrgUnit], role: str) -> OrgUnit | None:
    """Where a generated holder of ``role`` works: the approver unit for monitors, else the
    center (the bureau for its chiefs), else the first top-level unit."""
    if role in ("monitor", "supervisor") and profile.flow.approver_unit:
        return units[profile.flow.approver_unit]
    for kind in (
        ("center", "bureau") if role not in ("bureau_chief", "deputy_chief") else ("bureau", "center")
    ):
        for u in profile.units:
            if u.kind == kind:
                return units[u.code]
    top = [u for u in profile.units if not u.parent]
    return units[top[0].code] if top else None


def staff_roster(desk: Desk, *, active_only: bool = True) -> list[StaffView]:
    """Everyone on the staff, unit by unit (in profile order), leaders first."""
    with desk.session() as s:
        return _roster(s, active_only=active_only)


def _roster(s: Session, *, active_only: bool) -> list[StaffView]:
    stmt = select(Staff, OrgUnit).join(OrgUnit, Staff.unit_id == OrgUnit.id, isouter=True)
    if active_only:
        stmt = stmt.where(Staff.active)
    rows = s.exec(stmt).all()
    big = 1 << 30
    rows = sorted(
        rows,
        key=lambda r: (r[1].sort_order if r[1] else big, not r[0].is_leader, r[0].id),
    )
    return [
        StaffView(
            id=st.id,
            name=st.name,
            title=st.title,
            role=st.role,
            role_name=role_name(st.role),
            unit_id=st.unit_id,
            unit_code=unit.code if unit else None,
            unit_name=unit.name if unit else "院领导",
            is_leader=st.is_leader,
            search_key=st.search_key,
            phone=st.phone,
        )
        for st, unit in rows
    ]

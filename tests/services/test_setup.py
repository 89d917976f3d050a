"""init_database and staff_roster."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from zhixing_tui.errors import Conflict, ProfileError
from zhixing_tui.profiles import load_profile
from zhixing_tui.services.desk import Desk
from zhixing_tui.services.setup import init_database, staff_roster
from zhixing_tui.storage.models import AuditEntry, DeskSetting, OrgUnit, Staff


def _fresh(tmp_path, name="x.db") -> Desk:
    return Desk.open(str(tmp_path / name), operator="管理员")


def test_init_creates_units_and_named_staff_for_jianli(tmp_path):
    desk = _fresh(tmp_path)
    summary = init_database(desk, "jianli")
    profile = load_profile("jianli")
    assert summary.court_name == "监利市人民法院"
    assert summary.groups == 7
    assert desk.get_setting("profile") == "jianli"
    with desk.session() as s:
        units = {u.code: u for u in s.exec(select(OrgUnit))}
        assert list(units) == [u.code for u in profile.units]
        assert units["clue_query"].name == "线索查控组"
        assert units["clue_query"].planned_size == 5
        assert units["clue_query"].parent_id == units["bureau"].id
        clue = s.exec(select(Staff).where(Staff.unit_id == units["clue_query"].id).order_by(Staff.id)).all()
        assert [m.name for m in clue] == ["唐崇廉", "李剑", "胡红平", "高健", "龚文杰"]
        assert [m.is_leader for m in clue] == [True, False, False, False, False]
        assert clue[0].role == "group_leader" and clue[1].role == "handler"
        assert clue[0].search_key == "tcl tangchonglian"
        assert s.exec(select(func.count()).select_from(Staff)).one() == summary.staff
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "init")).one()
        assert entry.operator == "管理员"
        assert entry.after["profile"] == "jianli" and entry.after["staff"] == summary.staff


def test_every_unit_has_a_leader_and_required_roles_exist(tmp_path):
    desk = _fresh(tmp_path)
    init_database(desk, "ruyang", seed=3)
    with desk.session() as s:
        for unit in s.exec(select(OrgUnit)):
            leaders = s.exec(select(Staff).where(Staff.unit_id == unit.id, Staff.is_leader)).all()
            assert len(leaders) == 1, unit.name
        roles = [st.role for st in s.exec(select(Staff))]
    assert roles.count("bureau_chief") == 1
    for role in ("monitor", "supervisor", "window_clerk", "case_money", "query_clerk", "president"):
        assert role in roles, role


def test_units_are_filled_to_their_stated_size(tmp_path):
    desk = _fresh(tmp_path)
    init_database(desk, "ruyang")
    profile = load_profile("ruyang")
    with desk.session() as s:
        for u in profile.units:
            if u.size is None:
                continue
            unit_id = s.exec(select(OrgUnit.id).where(OrgUnit.code == u.code)).one()
            count = s.exec(select(func.count()).select_from(Staff).where(Staff.unit_id == unit_id)).one()
            assert count >= u.size, u.code


def test_generated_staff_is_deterministic_per_seed(tmp_path):
    names = []
    for i, seed in enumerate((5, 5, 6)):
        desk = _fresh(tmp_path, f"d{i}.db")
        init_database(desk, "ruyang", seed=seed)
        names.append([v.name for v in staff_roster(desk)])
    assert names[0] == names[1]
    assert names[0] != names[2]
    assert len(set(names[0])) == len(names[0])  # names are unique in a roster


def test_init_twice_is_refused(tmp_path):
    desk = _fresh(tmp_path)
    init_database(desk, "jianli")
    with pytest.raises(Conflict, match="数据库已初始化（法院配置：jianli），不能重复初始化"):
        init_database(desk, "ruyang")
    with desk.session() as s:
        assert s.exec(select(DeskSetting.value).where(DeskSetting.key == "profile")).one() == "jianli"


def test_unknown_profile_is_a_profile_error(tmp_path):
    desk = _fresh(tmp_path)
    with pytest.raises(ProfileError, match="没有名为 nowhere 的法院配置"):
        init_database(desk, "nowhere")
    assert desk.get_setting("profile") is None


def test_staff_roster_orders_units_and_leaders_first(desk):
    roster = staff_roster(desk)
    assert (
        roster[0].unit_code == "bureau"
        and roster[0].role == "bureau_chief"
        and roster[0].role_name == "执行局长"
    )
    by_unit: dict = {}
    for v in roster:
        by_unit.setdefault(v.unit_code, []).append(v)
    for members in by_unit.values():
        if members[0].unit_code is not None:
            assert members[0].is_leader
            assert not any(m.is_leader for m in members[1:])
    court_leaders = by_unit[None]
    assert {m.role for m in court_leaders} == {"president", "vice_president"}
    assert all(m.unit_name == "院领导" for m in court_leaders)

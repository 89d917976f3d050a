"""Accounts: scrypt passwords, the lock after five wrong ones (desk clock, audited), who may set a
password or change a role, permissions looked up by staff id, and the roster import's rules."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from sqlmodel import select

from tests.conftest import PASSWORD
from tests.triage_fixtures import staff_with
from zhixing_tui.errors import InvalidValue, PermissionDenied
from zhixing_tui.services import accounts
from zhixing_tui.services.accounts import LoginRefused, authenticate, check_password, hash_password
from zhixing_tui.services.imports.run import import_staff
from zhixing_tui.services.permissions import operator_role
from zhixing_tui.storage.models import AuditEntry, Staff

from .test_importer import make_xlsx


def member(desk, role: str) -> Staff:
    with desk.session() as s:
        return s.exec(select(Staff).where(Staff.name == staff_with(desk, role))).one()


def entries(desk, action: str) -> list[tuple[str, int | None, str]]:
    with desk.session() as s:
        rows = s.exec(
            select(AuditEntry.operator, AuditEntry.operator_id, AuditEntry.summary)
            .where(AuditEntry.action == action)
            .order_by(AuditEntry.id)
        ).all()
    return [tuple(r) for r in rows]


def test_a_password_is_stored_as_salted_scrypt():
    stored = hash_password("正确的密码")
    kind, n, r, p, salt, digest = stored.split("$")
    assert (kind, n, r, p, len(salt), len(digest)) == ("scrypt", "16384", "8", "1", 32, 128)
    assert check_password(stored, "正确的密码")
    assert not check_password(stored, "正确的密码 ")
    assert hash_password("正确的密码") != stored  # a fresh salt each time
    assert not check_password("md5$abc", "x") and not check_password("", "x")


def test_the_right_password_logs_in_and_clears_the_count(desk):
    clerk = member(desk, "window_clerk")
    with pytest.raises(LoginRefused, match="密码错误：再错4次，账户将锁定15分钟"):
        authenticate(desk, clerk.id, "wrong")
    who = authenticate(desk, clerk.id, PASSWORD, record_login=True)
    assert (who.id, who.name, who.role) == (clerk.id, clerk.name, "window_clerk")
    with desk.session() as s:
        assert s.get(Staff, clerk.id).failed_logins == 0
    assert entries(desk, "login.failed") == [(clerk.name, clerk.id, "密码错误（连续第1次）")]
    assert entries(desk, "login") == [(clerk.name, clerk.id, "登录")]


def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes(desk):
    clerk = member(desk, "window_clerk")
    for n in range(1, 5):
        with pytest.raises(LoginRefused, match=f"再错{5 - n}次"):
            authenticate(desk, clerk.id, f"wrong{n}")
    with pytest.raises(LoginRefused) as refused:
        authenticate(desk, clerk.id, "wrong5")
    assert refused.value.message == (
        f"密码错误，已连续5次：{clerk.name}的账户锁定15分钟，2026-11-23 12:15 后可再试"
    )
    with pytest.raises(LoginRefused, match="账户已锁定"):
        authenticate(desk, clerk.id, PASSWORD)  # even the right one, while locked
    assert [e[2] for e in entries(desk, "login.locked")] == ["连续5次密码错误，账户锁定至 2026-11-23 12:15"]
    assert len(entries(desk, "login.failed")) == 4

    later = replace(desk)
    later.as_of = datetime(2026, 11, 23, 12, 15) - timedelta(seconds=1)
    with pytest.raises(LoginRefused, match="账户已锁定"):
        authenticate(later, clerk.id, PASSWORD)
    later.as_of = datetime(2026, 11, 23, 12, 15)
    assert authenticate(later, clerk.id, PASSWORD).id == clerk.id
    with desk.session() as s:
        st = s.get(Staff, clerk.id)
        assert (st.failed_logins, st.locked_until) == (0, None)


def test_someone_without_a_password_cannot_log_in(desk):
    chief = replace(desk, operator=staff_with(desk, "bureau_chief"))
    accounts.change_role(chief, staff_with(desk, "window_clerk"), "window_clerk")  # no-op, no entry
    with desk.transaction() as s:
        s.add(Staff(name="新来的", role="handler"))
    with desk.session() as s:
        new_id = s.exec(select(Staff.id).where(Staff.name == "新来的")).one()
    with pytest.raises(LoginRefused, match="新来的尚未设置密码"):
        authenticate(desk, new_id, "")
    accounts.set_password(chief, "新来的", "初始密码123")
    assert authenticate(desk, new_id, "初始密码123").name == "新来的"
    assert entries(desk, "staff.password")[-1][2] == "设置密码：新来的"
    assert entries(desk, "staff.role") == []


def test_only_oneself_or_a_roster_keeper_sets_a_password(desk):
    clerk_name = staff_with(desk, "window_clerk")
    handler = replace(desk, operator=staff_with(desk, "handler"))
    with pytest.raises(PermissionDenied, match=f"承办人无权设置{clerk_name}的密码：需要系统管理员或执行局长"):
        accounts.set_password(handler, clerk_name, "abcdef")
    accounts.set_password(replace(desk, operator=clerk_name), clerk_name, "我自己的")
    with pytest.raises(InvalidValue, match="密码太短"):
        accounts.set_password(replace(desk, operator=clerk_name), clerk_name, "abc")
    clerk = member(desk, "window_clerk")
    assert authenticate(desk, clerk.id, "我自己的").id == clerk.id


def test_a_role_change_is_an_explicit_audited_act_of_a_keeper(desk):
    monitor = staff_with(desk, "monitor")
    with pytest.raises(PermissionDenied, match="指挥监控无权变更人员角色"):
        accounts.change_role(replace(desk, operator=monitor), monitor, "president")
    chief = member(desk, "bureau_chief")
    assert accounts.change_role(replace(desk, operator=chief.name), monitor, "handler") == (
        "monitor",
        "handler",
    )
    with desk.session() as s:
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "staff.role")).one()
    assert (entry.operator, entry.operator_id, entry.before, entry.after) == (
        chief.name,
        chief.id,
        {"role": "monitor"},
        {"role": "handler"},
    )
    assert entry.summary == f"变更角色：{monitor} 指挥监控 → 承办人"


def test_permissions_look_the_operator_up_by_id(desk):
    chief = member(desk, "bureau_chief")
    clerk = member(desk, "window_clerk")
    logged_in = replace(desk, operator=clerk.name, operator_id=chief.id)  # the id decides, not the name
    with logged_in.session() as s:
        assert operator_role(s, logged_in) == "bureau_chief"
    gone = replace(desk, operator=clerk.name, operator_id=10_000)
    with gone.session() as s, pytest.raises(PermissionDenied, match="不在人员名册中"):
        operator_role(s, gone)


def test_audit_entries_carry_the_operator_id(desk):
    clerk = member(desk, "window_clerk")
    logged_in = replace(desk, operator=clerk.name, operator_id=clerk.id)
    accounts.set_password(logged_in, clerk.name, "换一个密码")
    with desk.session() as s:
        entry = s.exec(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (entry.operator, entry.operator_id) == (clerk.name, clerk.id)


def test_names_are_unique_within_the_court(desk):
    from sqlalchemy.exc import IntegrityError

    name = staff_with(desk, "monitor")
    with pytest.raises(IntegrityError), desk.transaction() as s:
        s.add(Staff(name=name, role="handler"))


def test_the_roster_import_needs_a_keeper_and_never_changes_a_role(desk, tmp_path):
    monitor = member(desk, "monitor")
    header = ["姓名", "角色", "组别"]
    path = make_xlsx(tmp_path / "s.xlsx", [[monitor.name, "承办人", "综合组"]], header=header)
    with pytest.raises(PermissionDenied, match="无权导入人员名册：需要系统管理员或执行局长"):
        import_staff(replace(desk, operator=staff_with(desk, "handler")), path)
    with pytest.raises(PermissionDenied, match="不在人员名册中"):
        import_staff(replace(desk, operator="不存在的人"), path)

    chief = replace(desk, operator=staff_with(desk, "bureau_chief"))
    report = import_staff(chief, path)
    assert [(i.row, i.column) for i in report.invalid] == [(2, "姓名")]
    assert report.invalid[0].reason.startswith(f"人员名册中已有「{monitor.name}」（指挥监控，")
    assert "zhixing staff role" in report.invalid[0].reason
    with desk.session() as s:
        assert s.get(Staff, monitor.id).role == "monitor"  # not demoted

    other = f"{monitor.name}（综合组）"
    path = make_xlsx(tmp_path / "t.xlsx", [[other, "承办人", "综合组"]], header=header)
    assert import_staff(chief, path).inserted == 1
    with desk.session() as s:
        assert s.exec(select(Staff.role).where(Staff.name == other)).one() == "handler"
        assert s.get(Staff, monitor.id).role == "monitor"


def test_a_units_draw_counts_people_by_id(desk):
    from datetime import date

    from zhixing_tui.services.cases.registry import PartyInput, register_case
    from zhixing_tui.services.triage.decisions import member_counts
    from zhixing_tui.storage.models import AssignmentDraw

    case_id = register_case(
        desk, case_no="（2026）豫0326执9号", filed_on=date(2026, 11, 2), claim_fen=100,
        applicants=[PartyInput("甲")], respondents=[PartyInput("乙")],
    )  # fmt: skip
    with desk.transaction() as s:
        a, b = s.exec(select(Staff).where(Staff.role == "handler").order_by(Staff.id).limit(2)).all()
        for chosen, staff_id in ((a.name, a.id), (a.name, a.id), ("旧名字", b.id), (b.name, None)):
            s.add(
                AssignmentDraw(
                    case_id=case_id or 0,
                    scope="u",
                    period="2026-11",
                    pool=[],
                    counts={},
                    seed=1,
                    chosen=chosen,
                    chosen_staff_id=staff_id,
                    drawn_by="x",
                )  # fmt: skip
            )
        s.flush()
        # a draw recorded under b's former name still counts for b (by id); one without an id by name
        assert member_counts(s, "u", "2026-11", [a, b]) == {a.name: 2, b.name: 2}
        s.rollback()

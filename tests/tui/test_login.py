"""The login screen: the roster, then the password (wrong ones counted, five lock the account);
Esc in the picker at the start quits — nobody is logged in as the shell's user; Ctrl+O changes the
operator the same way; a demo database says every password is demo."""

from __future__ import annotations

from sqlmodel import select
from textual.widgets import Input, Static

from tests.conftest import PASSWORD
from tests.search_fixtures import AS_OF
from tests.tui.conftest import settle, until
from tests.tui.test_dialog_keys import footer_keys
from zhixing_tui.domain.pinyin import initials
from zhixing_tui.services.accounts import roster_member
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.services.cases.search import find_staff
from zhixing_tui.storage.models import AuditEntry, Staff
from zhixing_tui.tui.app import make_app
from zhixing_tui.tui.modals.login import PasswordModal
from zhixing_tui.tui.modals.operator import OperatorModal
from zhixing_tui.tui.screens.home import HomeScreen

SIZE = (100, 30)
DEMO_HINT = "演示数据库：所有人员的密码均为 demo"


def someone(desk):
    """A member of staff whose pinyin initials pick them alone in the roster."""
    staff = find_staff(desk)
    return next(p for p in staff if len(find_staff(desk, initials(p.name))) == 1)


async def pick(pilot, person) -> PasswordModal:
    modal = pilot.app.screen
    assert isinstance(modal, OperatorModal)
    await pilot.press(*initials(person.name))
    await until(pilot, lambda: list(modal.staff) == [str(person.id)])
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(pilot.app.screen, PasswordModal))
    return pilot.app.screen


async def type_password(pilot, text: str) -> None:
    await pilot.press(*text)
    await pilot.press("enter")


def actions(desk, staff_id: int) -> list[str]:
    with desk.session() as s:
        return list(
            s.exec(
                select(AuditEntry.action).where(AuditEntry.operator_id == staff_id).order_by(AuditEntry.id)
            )
        )


def error_line(modal) -> str:
    return str(modal.query_one(".dialog-error", Static).render())


async def test_login_with_the_password_then_work_is_recorded_by_id(shell):
    person = someone(shell.desk)
    app = make_app(shell.desk, today=AS_OF)  # nobody yet: the login screen
    async with app.run_test(size=SIZE) as pilot:
        assert app.operator_name == "" and app.desk.operator == ""
        await pick(pilot, person)
        await type_password(pilot, PASSWORD)
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert (app.desk.operator, app.desk.operator_id, app.operator_name) == (
            person.name,
            person.id,
            person.name,
        )
        case_id = register_case(
            app.desk,
            case_no="（2026）豫0326执500号",
            filed_on=AS_OF,
            claim_fen=100,
            applicants=[PartyInput("甲某")],
            respondents=[PartyInput("乙某")],
        )
    with shell.desk.session() as s:
        entries = s.exec(
            select(AuditEntry.action, AuditEntry.operator, AuditEntry.operator_id)
            .where(AuditEntry.case_id == case_id)
            .order_by(AuditEntry.id)
        ).all()
    assert [tuple(e) for e in entries] == [("register", person.name, person.id)] + [
        ("nodes", person.name, person.id)
    ] * 3
    assert actions(shell.desk, person.id) == ["login", "register", "nodes", "nodes", "nodes"]


async def test_a_wrong_password_stays_on_the_dialog_and_is_counted(shell):
    person = someone(shell.desk)
    app = make_app(shell.desk, today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        modal = await pick(pilot, person)
        await type_password(pilot, "not-it")
        await until(pilot, lambda: "密码错误" in error_line(modal))
        assert app.screen is modal and app.operator_name == ""
        assert error_line(modal) == "密码错误：再错4次，账户将锁定15分钟"
        assert modal.query_one(Input).value == ""  # cleared for the next try
        await type_password(pilot, PASSWORD)
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert app.desk.operator_id == person.id
    assert actions(shell.desk, person.id) == ["login.failed", "login"]


async def test_five_wrong_passwords_lock_the_account(shell):
    person = someone(shell.desk)
    app = make_app(shell.desk, today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        modal = await pick(pilot, person)
        for n in range(1, 6):
            await type_password(pilot, f"bad{n}")
            await settle(pilot)
        assert error_line(modal) == (
            f"密码错误，已连续5次：{person.name}的账户锁定15分钟，2026-11-23 12:15 后可再试"
        )
        await type_password(pilot, PASSWORD)
        await settle(pilot)
        assert error_line(modal).startswith(f"{person.name}的账户已锁定（连续5次密码错误）")
        assert app.screen is modal and app.desk.operator == ""
    with shell.desk.session() as s:
        assert s.get(Staff, person.id).locked_until is not None
    assert actions(shell.desk, person.id) == ["login.failed"] * 4 + ["login.locked"]


async def test_escape_in_the_picker_at_the_start_quits_and_logs_nobody_in(shell):
    app = make_app(shell.desk, today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, OperatorModal)
        assert footer_keys(app.screen)["escape"] == "退出程序"  # as the dialog's hint says
        await pilot.press("escape")
        await pilot.pause()
        assert app.return_code == 0  # the app is closing (exit() was called)
        assert app.desk.operator == "" and app.operator_name == ""
    with shell.desk.session() as s:
        assert s.exec(select(AuditEntry).where(AuditEntry.action == "login")).all() == []


async def test_escape_in_the_password_goes_back_to_the_roster(shell):
    person = someone(shell.desk)
    app = make_app(shell.desk, today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        await pick(pilot, person)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, OperatorModal))
        assert app.operator_name == ""


async def test_ctrl_o_changes_the_operator_with_their_password_and_escape_keeps_the_current(shell):
    person = someone(shell.desk)
    app = make_app(shell.desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("ctrl+o")
        await until(pilot, lambda: isinstance(app.screen, OperatorModal))
        assert footer_keys(app.screen)["escape"] == "返回"  # the current operator stays
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert app.desk.operator == "张三"
        await pilot.press("ctrl+o")
        await pick(pilot, person)
        await type_password(pilot, PASSWORD)
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert (app.desk.operator, app.desk.operator_id) == (person.name, person.id)


async def test_the_operator_given_on_the_command_line_is_asked_for_their_password(shell):
    person = someone(shell.desk)
    app = make_app(shell.desk, today=AS_OF, login=roster_member(shell.desk, person.name))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PasswordModal))
        assert app.screen.staff_id == person.id
        await type_password(pilot, PASSWORD)
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert app.desk.operator_id == person.id


async def test_a_demo_database_says_every_password_is_demo(desk_factory):
    demo = desk_factory(cases=20)
    person = someone(demo)
    app = make_app(demo, today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        picker = app.screen
        assert isinstance(picker, OperatorModal)
        assert str(picker.query_one("#operator-demo", Static).render()) == DEMO_HINT
        modal = await pick(pilot, person)
        assert str(modal.query_one("#password-demo", Static).render()) == DEMO_HINT
        await type_password(pilot, "demo")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))


async def test_a_court_database_shows_no_demo_hint(shell):
    app = make_app(shell.desk, today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.screen.query("#operator-demo")

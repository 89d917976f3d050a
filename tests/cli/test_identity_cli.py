"""Who runs a command: the operator must be on the roster and give their password (file, env,
or a hidden prompt) for every command that changes data or approves; read-only commands need
none; ``import staff`` and ``staff role`` need the administrator or the 执行局长; ``audit
verify`` checks the chain. Exact output and exit codes."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select
from typer.testing import CliRunner

from tests.services.test_importer import make_xlsx
from tests.triage_fixtures import staff_with
from zhixing_tui.cli.main import app
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.storage.models import AuditEntry, Payment, Staff

runner = CliRunner()
ENV = {"ZHIXING_AS_OF": "2026-11-23"}


@pytest.fixture
def court(desk):
    register_case(
        desk, case_no="（2026）豫0326执7号", filed_on=date(2026, 8, 3), claim_fen=1_000_000,
        applicants=[PartyInput("李四")], respondents=[PartyInput("张三")],
    )  # fmt: skip
    return desk


def db(desk) -> str:
    return str(desk.engine.url.database)


def arrive(desk, *extra: str, env: dict | None = None):
    args = ["money", "arrive", "100", "张三", "--date", "2026-11-20", "--db", db(desk), *extra]
    return runner.invoke(app, args, env={**ENV, **(env or {})})


def payments(desk) -> int:
    with desk.session() as s:
        return len(s.exec(select(Payment)).all())


def test_a_write_with_the_password_file_is_recorded_under_the_staff_id(court):
    clerk = staff_with(court, "case_money")
    r = arrive(court, "--operator", clerk)
    assert (r.exit_code, r.stdout) == (0, "已登记案款到账（编号 1）：100.00元，张三，2026-11-20\n")
    with court.session() as s:
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "money_arrive")).one()
        staff_id = s.exec(select(Staff.id).where(Staff.name == clerk)).one()
    assert (entry.operator, entry.operator_id) == (clerk, staff_id)


def test_an_operator_not_on_the_roster_is_refused_with_exit_2(court):
    r = arrive(court, "--operator", "不存在的人")
    assert (r.exit_code, r.stdout) == (2, "")
    assert r.stderr == "错误：操作人「不存在的人」不在人员名册中：请用名册中的姓名\n"
    r = arrive(court)  # no operator at all: never the shell's login name
    assert r.exit_code == 2
    assert r.stderr.startswith("错误：未指定操作人：修改数据或审批的命令须用 --operator 给出人员名册中的姓名")
    assert payments(court) == 0


def test_a_wrong_password_is_refused_and_counted(court, tmp_path):
    clerk = staff_with(court, "case_money")
    wrong = tmp_path / "wrong"
    wrong.write_text("not-the-password\n", encoding="utf-8")
    r = arrive(court, "--operator", clerk, env={"ZHIXING_PASSWORD_FILE": str(wrong)})
    assert (r.exit_code, r.stderr) == (1, "错误：密码错误：再错4次，账户将锁定15分钟\n")
    for _ in range(4):
        r = arrive(court, "--operator", clerk, "--password-file", str(wrong))
    assert r.stderr == f"错误：密码错误，已连续5次：{clerk}的账户锁定15分钟，2026-11-23 12:15 后可再试\n"
    r = arrive(court, "--operator", clerk)  # the right password, but locked
    assert r.exit_code == 1
    assert r.stderr.startswith(f"错误：{clerk}的账户已锁定")
    assert payments(court) == 0


def test_password_file_anywhere_on_the_line_and_no_source_at_all(court, tmp_path):
    clerk = staff_with(court, "case_money")
    good = tmp_path / "pw"
    good.write_text("demo\n", encoding="utf-8")
    no_env = {"ZHIXING_PASSWORD_FILE": ""}
    r = runner.invoke(
        app,
        ["--password-file", str(good), "money", "arrive", "1", "甲", "--db", db(court), "--operator", clerk],
        env={**ENV, **no_env},
    )
    assert r.exit_code == 0, r.output
    r = arrive(court, "--operator", clerk, "--password-file", str(good), env=no_env)
    assert r.exit_code == 0, r.output
    r = arrive(court, "--operator", clerk, env=no_env)  # not a terminal, no file: cannot ask
    assert r.exit_code == 2
    assert r.stderr == (
        f"错误：需要{clerk}的密码：请在终端中运行以便输入，或用 --password-file 或环境变量 "
        "ZHIXING_PASSWORD_FILE 指定密码文件\n"
    )
    r = arrive(court, "--operator", clerk, "--password-file", str(tmp_path / "none"), env=no_env)
    assert r.exit_code == 2
    assert r.stderr.startswith(f"错误：无法读取密码文件 {tmp_path / 'none'}：")
    assert payments(court) == 2


def test_read_only_commands_need_no_password(court):
    no_env = {**ENV, "ZHIXING_PASSWORD_FILE": ""}
    for args in (
        ["report", "overdue"],
        ["money", "list", "unclaimed"],
        ["audit", "verify"],
        ["seals", "expiring"],
        ["period", "show", "（2026）豫0326执7号", "--operator", "任何人"],
        ["measure", "list", "（2026）豫0326执7号"],
    ):
        r = runner.invoke(app, [*args, "--db", db(court)], env=no_env)
        assert r.exit_code in (0, 1) and "密码" not in r.output and "错误" not in r.stderr, (args, r.output)


def test_import_staff_and_role_changes_need_a_keeper(court, tmp_path):
    monitor = staff_with(court, "monitor")
    path = make_xlsx(tmp_path / "s.xlsx", [["新人甲", "承办人", "综合组"]], header=["姓名", "角色", "组别"])
    r = runner.invoke(
        app, ["import", "staff", str(path), "--db", db(court), "--operator", staff_with(court, "handler")]
    )
    assert (r.exit_code, r.stderr) == (1, "错误：承办人无权导入人员名册：需要系统管理员或执行局长\n")
    chief = staff_with(court, "bureau_chief")
    r = runner.invoke(app, ["import", "staff", str(path), "--db", db(court), "--operator", chief])
    assert r.exit_code == 0, r.output

    r = runner.invoke(app, ["staff", "role", monitor, "承办人", "--db", db(court), "--operator", monitor])
    assert (r.exit_code, r.stderr) == (1, "错误：指挥监控无权变更人员角色：需要系统管理员或执行局长\n")
    r = runner.invoke(app, ["staff", "role", monitor, "承办人", "--db", db(court), "--operator", chief])
    assert (r.exit_code, r.stdout) == (0, f"已变更 {monitor} 的角色：指挥监控 → 承办人\n")


def test_staff_password_sets_a_password_that_then_logs_in(court, tmp_path):
    chief = staff_with(court, "bureau_chief")
    new = tmp_path / "new"
    new.write_text("新人的密码\n", encoding="utf-8")
    r = runner.invoke(
        app, ["import", "staff", str(make_xlsx(tmp_path / "s.xlsx", [["新人乙", "案款专员", "综合组"]],
              header=["姓名", "角色", "组别"])), "--db", db(court), "--operator", chief],
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    r = arrive(court, "--operator", "新人乙")
    assert (r.exit_code, r.stderr) == (
        1,
        "错误：新人乙尚未设置密码：请系统管理员或执行局长用 zhixing staff password 设置\n",
    )
    r = runner.invoke(
        app,
        [
            "staff",
            "password",
            "新人乙",
            "--new-password-file",
            str(new),
            "--db",
            db(court),
            "--operator",
            chief,
        ],
    )
    assert (r.exit_code, r.stdout) == (0, "已设置 新人乙 的密码\n")
    r = arrive(court, "--operator", "新人乙", "--password-file", str(new))
    assert r.exit_code == 0, r.output


def test_init_asks_for_the_administrators_password(tmp_path):
    target = tmp_path / "court.db"
    r = runner.invoke(app, ["init", "-p", "ruyang", "--db", str(target), "--admin", "王管理"])
    assert r.exit_code == 0, r.output
    chief_free = runner.invoke(
        app, ["staff", "role", "王管理", "系统管理员", "--db", str(target), "--operator", "王管理"]
    )
    assert (chief_free.exit_code, chief_free.stdout) == (0, "王管理 的角色已是 系统管理员，未变更\n")
    r = runner.invoke(
        app, ["init", "-p", "ruyang", "--db", str(tmp_path / "b.db")], env={"ZHIXING_PASSWORD_FILE": ""}
    )
    assert r.exit_code == 2
    assert r.stderr.startswith("错误：需要系统管理员的密码：")


def test_a_database_upgraded_without_passwords_gets_its_first_keeper_password(court, tmp_path):
    with court.transaction() as s:
        for st in s.exec(select(Staff)):
            st.password_hash = ""
            s.add(st)
    chief, handler = staff_with(court, "bureau_chief"), staff_with(court, "handler")
    new = tmp_path / "first"
    new.write_text("局长的密码\n", encoding="utf-8")
    args = ["staff", "password", "--new-password-file", str(new), "--db", db(court)]
    r = runner.invoke(app, [*args[:2], handler, *args[2:]])
    assert (r.exit_code, r.stderr) == (
        1,
        f"错误：尚无人设置密码：须先为系统管理员或执行局长设置，{handler}（承办人）不是\n",
    )
    r = runner.invoke(app, [*args[:2], chief, *args[2:]])  # no login: nobody could log in
    assert (r.exit_code, r.stdout) == (0, f"已设置 {chief} 的密码\n")
    r = runner.invoke(app, [*args[:2], handler, *args[2:]])  # now the keeper must log in
    assert r.exit_code == 2 and r.stderr.startswith("错误：未指定操作人")
    r = runner.invoke(app, [*args[:2], handler, *args[2:], "--operator", chief, "--password-file", str(new)])
    assert (r.exit_code, r.stdout) == (0, f"已设置 {handler} 的密码\n")

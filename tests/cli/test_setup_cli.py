"""``zhixing init`` and ``zhixing demo``: exact output, exit codes and database state."""

from __future__ import annotations

import sqlite3

import pytest
from typer.testing import CliRunner

from zhixing_tui.cli.main import app

runner = CliRunner()


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # ZHIXING_HOME is tmp_path too (conftest)
    return tmp_path


def _count(path, sql):
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchone()[0]


def test_init_creates_the_default_database(here):
    result = runner.invoke(app, ["init", "--profile", "jianli", "--operator", "管理员"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "已创建 监利市人民法院 数据库：7个组，37名人员 → data/zhixing.db"
    assert lines[1] == (
        "系统管理员：管理员（已设置密码；其他人员的密码由系统管理员用 zhixing staff password 设置）"
    )
    assert lines[2] == "其中 12 名人员为配置未列明姓名而生成的示例人员，请在人员名单中改为本院实际人员。"
    db = here / "data" / "zhixing.db"
    assert _count(db, "SELECT count(*) FROM staff") == 37
    assert _count(db, "SELECT value FROM desk_setting WHERE key='profile'") == "jianli"
    assert _count(db, "SELECT operator FROM audit_entry WHERE action='init'") == "管理员"
    admin_id = _count(db, "SELECT id FROM staff WHERE name='管理员' AND role='admin'")
    assert _count(db, "SELECT operator_id FROM audit_entry WHERE action='init'") == admin_id
    assert _count(db, "SELECT count(*) FROM staff WHERE password_hash != ''") == 1  # the others: none yet
    stored = _count(db, "SELECT password_hash FROM staff WHERE name='管理员'")
    assert stored.startswith("scrypt$16384$8$1$") and "demo" not in stored


def test_init_twice_fails_with_exit_1(here):
    assert runner.invoke(app, ["init", "-p", "jianli", "--db", "x.db", "--operator", "甲"]).exit_code == 0
    result = runner.invoke(app, ["init", "-p", "ruyang", "--db", "x.db", "--operator", "甲"])
    assert result.exit_code == 1
    assert result.stderr == (
        "错误：数据库已初始化（法院配置：jianli），不能重复初始化；如需重建，请换一个数据库文件（--db）\n"
    )
    assert result.stdout == ""


def test_init_unknown_profile_exit_2(here):
    result = runner.invoke(app, ["init", "-p", "nowhere", "--db", "x.db", "--operator", "甲"])
    assert result.exit_code == 2
    assert result.stderr.startswith("错误：没有名为 nowhere 的法院配置；可用：ruyang、")


def test_demo_builds_the_requested_cases(here):
    result = runner.invoke(
        app,
        ["demo", "--cases", "200", "--no-tui", "--db", "d.db", "--as-of", "2026-11-23", "--operator", "演示"],
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("已生成演示数据：汝阳县人民法院，200件案件（未结 ")
    assert lines[0].endswith("），基准日 2026-11-23，种子 1 → d.db")
    assert lines[1].startswith("各阶段：收案登记 ")
    assert lines[2].startswith("结案方式：执行完毕 ")
    assert lines[3].startswith("用时 ")
    assert _count(here / "d.db", "SELECT count(*) FROM enforcement_case") == 200
    assert _count(here / "d.db", "SELECT value FROM desk_setting WHERE key='demo_as_of'") == "2026-11-23"


def test_demo_refuses_an_existing_database_without_force(here):
    args = [
        "demo",
        "--cases",
        "20",
        "--no-tui",
        "--db",
        "d.db",
        "--as-of",
        "2026-11-23",
        "--operator",
        "演示",
    ]
    assert runner.invoke(app, args).exit_code == 0
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert result.stderr == "错误：数据库 d.db 已存在；如要删除重建演示库，请加 --force\n"
    result = runner.invoke(app, [*args[:1], "--profile", "jianli", "--cases", "30", *args[3:], "--force"])
    assert result.exit_code == 0, result.output
    assert _count(here / "d.db", "SELECT count(*) FROM enforcement_case") == 30
    assert _count(here / "d.db", "SELECT value FROM desk_setting WHERE key='profile'") == "jianli"


def test_demo_default_db_and_opening_the_app(here, monkeypatch):
    calls = []
    monkeypatch.setattr("zhixing_tui.cli.tui_cmd.launch", lambda db, operator: calls.append((db, operator)))
    monkeypatch.setattr("zhixing_tui.cli.tui_cmd.terminal_missing", lambda: None)  # as on a terminal
    result = runner.invoke(app, ["demo", "--cases", "10", "--as-of", "2026-11-23", "--operator", "演示"])
    assert result.exit_code == 0, result.output
    assert (here / "data" / "demo.db").exists()
    assert calls == [(f"sqlite:///{here / 'data' / 'demo.db'}", None)]  # the login screen


def test_demo_from_a_script_builds_and_does_not_open_the_app(here, monkeypatch):
    """Standard input not a terminal (Typer's runner, like cron or a pipe): the data is built, the
    app is not started — it would poll a closed input for ever — and the last line says so."""
    calls = []
    monkeypatch.setattr("zhixing_tui.cli.tui_cmd.launch", lambda db, operator: calls.append((db, operator)))
    result = runner.invoke(app, ["demo", "--cases", "10", "--as-of", "2026-11-23", "--db", "d.db"])
    assert result.exit_code == 0, result.output
    assert calls == []
    assert (
        result.stdout.splitlines()[-1]
        == "未打开界面：标准输入不是终端（在终端中用 zhixing tui --db d.db 打开）"
    )
    assert _count(here / "d.db", "SELECT count(*) FROM enforcement_case") == 10


def test_demo_bad_date_exit_2(here):
    result = runner.invoke(app, ["demo", "--as-of", "2026-13-01", "--no-tui", "--db", "d.db"])
    assert result.exit_code == 2
    assert result.stderr.startswith("错误：")
    assert not (here / "d.db").exists()


def test_a_mistyped_database_path_is_an_error_and_creates_nothing(tmp_path):
    from typer.testing import CliRunner

    from zhixing_tui.cli.main import app

    typo = tmp_path / "nodir" / "typo.db"
    for args in (
        ["report", "overdue"],
        ["export", "monthly", "2026-10"],
        ["triage", "suggest", "（2026）豫0326执1号"],
    ):
        result = CliRunner().invoke(app, [*args, "--db", str(typo)])
        assert result.exit_code in (1, 2), args
        assert result.stderr.startswith(f"错误：数据库不存在：{typo}"), (args, result.stderr)
    assert not typo.parent.exists()

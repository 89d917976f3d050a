"""``zhixing zhongben check|record|material|override``: exact output and exit codes."""

from __future__ import annotations

from datetime import date

from typer.testing import CliRunner

from tests.services.test_triage_service import staff_with
from tests.zhongben_fixtures import satisfy_national
from zhixing_tui.cli.main import app
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.storage.db import sqlite_path

runner = CliRunner()


def run(desk, *args: str, role: str | None = None):
    extra = ["--operator", staff_with(desk, role)] if role else []
    return runner.invoke(app, [*args, "--db", str(sqlite_path(desk.url)), *extra])


def _case(desk) -> int:
    return register_case(
        desk,
        case_no="（2026）豫0326执5号",
        filed_on=date(2026, 6, 1),
        claim_fen=5_000_000,
        applicants=[PartyInput("李四")],
        respondents=[PartyInput("张三")],
    )


def test_check_lists_each_condition_and_exits_1_while_one_is_missing(desk):
    cid = _case(desk)
    satisfy_national(desk, cid, date(2026, 11, 2))
    res = run(desk, "zhongben", "check", "(2026)豫0326执5号", "--on", "2026-08-20")
    assert res.exit_code == 1, res.output
    lines = res.stdout.splitlines()
    assert lines[0] == "（2026）豫0326执5号　终本条件（结案审查日 2026-08-20）"
    assert lines[1] == "【法定条件】"
    assert lines[2:5] == [
        "✗ 已发出执行通知书",
        "    缺：执行通知书未制作（文书）",
        "    依据：《最高人民法院关于严格规范终结本次执行程序的规定（试行）》（法〔2016〕373号）第一条第（一）项",
    ]
    assert "✗ 自立案之日起已超过三个月" in lines
    assert "    缺：立案 2026-06-01，2026-09-01 后方满三个月" in lines
    assert lines[-1] == "尚缺 8 项，不能以终本结案。"  # (五) does not apply: nothing recorded

    res = run(desk, "zhongben", "check", "(2026)豫0326执5号", "--on", "2026-11-20")
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[2:5] == [
        "✓ 已发出执行通知书",
        "    证据：执行通知书 已送达 2026-11-02（文书）",
        "    依据：《最高人民法院关于严格规范终结本次执行程序的规定（试行）》（法〔2016〕373号）第一条第（一）项",
    ]
    assert "    证据：不适用：承办人未记录被执行人下落不明" in lines
    assert "【本院清单】" not in lines  # 汝阳 has no list of its own
    assert lines[-1] == "终本条件均已具备。"


def test_record_material_and_override_refusals(desk):
    _case(desk)
    res = run(desk, "zhongben", "record", "（2026）豫0326执5号", "--whereabouts-unknown",
              "--search-note", "到户籍地查找", role="handler")  # fmt: skip
    assert (res.exit_code, res.stdout) == (0, "已登记终本说明：（2026）豫0326执5号\n"), res.output
    res = run(desk, "zhongben", "check", "（2026）豫0326执5号", "--on", "2026-11-20")
    assert "    证据：下落不明，已查找：到户籍地查找（承办人记录）" in res.stdout.splitlines()

    res = run(desk, "zhongben", "record", "（2026）豫0326执5号", role="handler")
    assert (res.exit_code, res.stderr) == (2, "错误：未给出任何说明项\n")
    res = run(desk, "zhongben", "material", "（2026）豫0326执5号", "jianli.query_records", role="handler")
    assert (res.exit_code, res.stderr) == (
        2,
        "错误：未知终本材料：jianli.query_records；可用：（本院未规定终本材料）\n",
    )
    res = run(desk, "zhongben", "override", "（2026）豫0326执5号", "--reason", "特殊", role="bureau_chief")
    assert res.exit_code == 1 and "不允许局长决定终本缺项" in res.stderr

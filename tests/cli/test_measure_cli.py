"""``zhixing measure add / enter / lift / list / decline-detention``: exact output, exit codes, rows."""

from __future__ import annotations

import json
from datetime import date

from sqlmodel import select
from typer.testing import CliRunner

from zhixing_tui.cli.main import app
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.storage.models import Approval, Measure, Staff

runner = CliRunner()
CASE = "(2026)豫0326执7号"
SHOWN = "（2026）豫0326执7号"


def staff_with(desk, role: str) -> str:
    with desk.session() as s:
        return s.exec(select(Staff.name).where(Staff.role == role, Staff.active).order_by(Staff.id)).first()


def setup(desk_factory, profile="ruyang", case_no=SHOWN):
    desk = desk_factory(profile)
    register_case(
        desk, case_no=case_no, filed_on=date(2026, 8, 3), claim_fen=1_000_000,
        applicants=[PartyInput("李四")], respondents=[PartyInput("张三")],
    )  # fmt: skip
    return desk, desk.engine.url.database, staff_with(desk, "handler")


def run(db, operator, *args):
    return runner.invoke(app, ["measure", *args, "--db", db, "--operator", operator])


def test_add_list_and_lift(desk_factory):
    desk, db, h = setup(desk_factory)
    r = run(
        db, h, "add", CASE, "拘留", "--days", "15", "--doc", "（2026）豫0326司惩5号", "--date", "2026-11-20"
    )
    assert (r.exit_code, r.stdout) == (0, f"已记录：{SHOWN}　对张三决定拘留15日（编号 1）\n")
    r = run(db, h, "add", CASE, "限消", "--doc", SHOWN, "--date", "2026-11-21")
    assert (r.exit_code, r.stdout) == (0, f"已记录：{SHOWN}　发布限制消费令（张三）（编号 2）\n")
    r = run(
        db,
        h,
        "lift",
        CASE,
        "2",
        "--reason",
        "已履行完毕",
        "--doc",
        "（2026）豫0326执7号之一",
        "--date",
        "2026-11-23",
    )
    assert (r.exit_code, r.stdout) == (0, f"已解除：{SHOWN}　措施编号 2　状态：已解除\n")
    r = runner.invoke(app, ["measure", "list", CASE, "--db", db])
    assert r.exit_code == 0
    assert r.stdout.splitlines() == [
        "编号  种类      对象  决定日期    文书字号               内容  状态    录入日期  解除",
        "1     拘留      张三  2026-11-20  （2026）豫0326司惩5号  15日  已决定  —         —",
        "2     限制消费  张三  2026-11-21  （2026）豫0326执7号    —     已解除  —         2026-11-23 已履行完毕",
    ]
    r = runner.invoke(app, ["measure", "list", CASE, "--db", db, "--json"])
    out = json.loads(r.stdout)
    assert out["case_no"] == SHOWN
    assert [(m["id"], m["kind"], m["state"], m["days"], m["lifted_on"]) for m in out["measures"]] == [
        (1, "detention", "done", 15, None),
        (2, "consumption_ban", "lifted", None, "2026-11-23"),
    ]


def test_refusals_exit_with_the_services_message(desk_factory):
    desk, db, h = setup(desk_factory)
    r = run(db, h, "add", CASE, "拘留", "--days", "20", "--doc", "x")
    assert (r.exit_code, r.stderr) == (
        2,
        "错误：拘留期限应为1至15日（《中华人民共和国民事诉讼法》第一百一十八条）：20\n",
    )
    r = run(db, h, "add", CASE, "罚款", "--amount", "100000.01", "--doc", "x")
    assert (r.exit_code, r.stderr) == (
        2,
        "错误：对个人的罚款金额应为十万元以下（《中华人民共和国民事诉讼法》第一百一十八条）\n",
    )
    r = run(db, h, "add", CASE, "拘留", "--days", "5", "--doc", "x", "--party", "王五")
    assert (r.exit_code, r.stderr) == (1, "错误：本案没有名为王五的被执行人\n")
    r = run(db, staff_with(desk, "window_clerk"), "add", CASE, "搜查", "--doc", "x")
    assert (r.exit_code, r.stderr) == (1, "错误：窗口书记员无权采取执行措施：需要承办人\n")
    with desk.session() as s:
        assert s.exec(select(Measure)).all() == []
    run(db, h, "add", CASE, "失信", "--doc", SHOWN, "--date", "2026-11-20")
    assert run(db, h, "lift", CASE, "1", "--verb", "删除", "--reason", "履行完毕").exit_code == 0
    r = run(db, h, "lift", CASE, "1", "--verb", "删除", "--reason", "再删")
    assert (r.exit_code, r.stderr) == (1, "错误：该失信措施已解除，不能再删除\n")
    r = run(db, h, "lift", CASE, "9", "--reason", "无")
    assert (r.exit_code, r.stderr) == (1, f"错误：案件 {SHOWN} 没有编号为 9 的执行措施\n")
    r = runner.invoke(app, ["measure", "list", "(2026)豫0326执8号", "--db", db])
    assert (r.exit_code, r.stderr) == (1, "错误：没有案号为 （2026）豫0326执8号 的案件\n")


def test_enter_on_shihe_and_an_empty_list(desk_factory):
    desk, db, h = setup(desk_factory, "shihe", "（2026）豫1502执7号")
    r = runner.invoke(app, ["measure", "list", "(2026)豫1502执7号", "--db", db])
    assert (r.exit_code, r.stdout) == (0, "（2026）豫1502执7号 尚无执行措施\n")
    run(db, h, "add", "(2026)豫1502执7号", "失信", "--doc", "d", "--date", "2026-11-20")
    r = run(db, staff_with(desk, "file_clerk"), "enter", "(2026)豫1502执7号", "1", "--date", "2026-11-23")
    assert (r.exit_code, r.stdout) == (0, "已记录录入：（2026）豫1502执7号　措施编号 1　2026-11-23\n")
    with desk.session() as s:
        assert s.get(Measure, 1).entered_on == date(2026, 11, 23)


def test_decline_detention_on_jianli(desk_factory):
    desk = desk_factory("jianli")
    case_no = f"（2026）{desk.profile.court.code}执7号"
    register_case(desk, case_no=case_no, filed_on=date(2026, 8, 3), claim_fen=1_000_000,
                  applicants=[PartyInput("李四")], respondents=[PartyInput("张三")])  # fmt: skip
    r = run(
        desk.engine.url.database,
        staff_with(desk, "handler"),
        "decline-detention",
        case_no,
        "--reason",
        "重病住院",
    )
    assert (r.exit_code, r.stdout) == (0, f"已报请执行局长批准不予拘留：{case_no}（审批编号 1）\n")
    with desk.session() as s:
        assert s.get(Approval, 1).kind == "no_detention"

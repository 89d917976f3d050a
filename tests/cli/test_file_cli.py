"""``zhixing file register / scan / borrow / ended / return / list / borrowed``: exact output, exit codes."""

from __future__ import annotations

import json
from datetime import date

from typer.testing import CliRunner

from tests.services.test_file_register import kuaizhi_case
from tests.triage_fixtures import staff_with
from zhixing_tui.cli.main import app

runner = CliRunner()
CASE = "(2026)豫1521执7号"
SHOWN = "（2026）豫1521执7号"


ENV = {"ZHIXING_AS_OF": "2026-11-23"}  # the desk's day, not the wall clock


def run(db, operator, *args):
    return runner.invoke(app, ["file", *args, "--db", db, "--operator", operator], env=ENV)


def show(*args):
    return runner.invoke(app, ["file", *args], env=ENV)


def test_register_scan_borrow_return_list_and_borrowed(desk_factory):
    desk = desk_factory("kuaizhi")
    _cid, handler = kuaizhi_case(desk, 7)
    clerk = staff_with(desk, "file_clerk")
    db = desk.engine.url.database

    r = run(
        db,
        handler,
        "register",
        CASE,
        "--kind",
        "外出返回",
        "--from",
        "郑州",
        "--what",
        "查控材料",
        "--on",
        "2026-11-13",
    )
    assert (r.exit_code, r.stdout) == (
        0,
        f"已登记外出返回：{SHOWN}　郑州→{handler}　查控材料　2026-11-13（登记编号 1）\n",
    )
    r = run(db, handler, "register", CASE, "--what", "查控材料", "--on", "2026-11-16")
    assert (r.exit_code, r.stdout, r.stderr) == (
        1,
        "",
        "错误：承办人无权接收卷宗材料：需要指挥中心主任、执行局副局长、卷宗管理\n",
    )
    r = run(db, clerk, "register", CASE, "--kind", "退卷", "--what", "查控材料")
    assert (r.exit_code, r.stderr) == (
        2,
        "错误：不认识的类别：退卷（可选：外出返回、材料移送、不予签收、移交）\n",
    )
    r = run(db, clerk, "register", CASE, "--what", "查控材料", "--on", "2026-11-16")
    assert (r.exit_code, r.stdout) == (
        0,
        f"已登记材料移送：{SHOWN}　{handler}→卷宗管理中心　查控材料　2026-11-16（登记编号 2）\n",
    )
    r = run(db, clerk, "scan", CASE, "--on", "2026-11-17")
    assert (r.exit_code, r.stdout) == (0, f"已登记扫描编目：{SHOWN}　2026-11-17（登记编号 3）\n")
    r = run(db, clerk, "scan", CASE)
    assert (r.exit_code, r.stderr) == (1, f"错误：案件 {SHOWN} 没有待扫描的材料：先登记接收材料\n")

    r = run(db, clerk, "borrow", CASE, "--borrower", handler, "--reason", "制作裁定", "--on", "2026-11-18")
    assert (r.exit_code, r.stdout) == (
        0,
        f"已借出：{SHOWN}　纸质卷宗借给{handler}　2026-11-18（登记编号 4）\n",
    )
    r = run(db, clerk, "ended", CASE, "--on", "2026-11-20")
    assert (r.exit_code, r.stdout) == (
        0,
        f"已登记借卷事由消失：{SHOWN}　2026-11-20，应于 2026-11-23 前归还\n",
    )

    r = show("borrowed", "--db", db)
    assert len(handler) == 3  # the 借卷人 column is as wide as its heading
    assert (r.exit_code, r.stdout) == (
        0,
        "借出未还 1 件（2026-11-23）\n"
        "案号                 借卷人  卷宗      借出日期    已借天数  事由/意见  事由消失    应还日期    状态\n"
        f"（2026）豫1521执7号  {handler}  纸质卷宗  2026-11-18  5         制作裁定   2026-11-20  2026-11-23  待归还\n",
    )
    r = show("borrowed", "--as-of", "2026-11-25", "--json", "--db", db)
    data = json.loads(r.stdout)
    assert (data["total"], data["rows"][0]["days_out"], data["rows"][0]["overdue_days"]) == (1, 7, 2)

    r = run(db, clerk, "return", CASE, "--on", "2026-11-23")
    assert (r.exit_code, r.stdout) == (0, f"已登记归还：{SHOWN}　2026-11-23（登记编号 5）\n")
    r = show("borrowed", "--db", db)
    assert (r.exit_code, r.stdout) == (0, "没有借出未还的卷宗（2026-11-23）\n")

    r = show("list", CASE, "--json", "--db", db)
    rows = json.loads(r.stdout)["movements"]
    assert [(m["kind_name"], m["moved_on"], m["from_party"], m["to_party"]) for m in rows] == [
        ("外出返回", "2026-11-13", "郑州", handler),
        ("材料移送", "2026-11-16", handler, "卷宗管理中心"),
        ("扫描编目", "2026-11-17", "卷宗管理中心", "电子卷宗"),
        ("借出", "2026-11-18", "卷宗管理中心", handler),
        ("归还", "2026-11-23", handler, "卷宗管理中心"),
    ]
    r = show("list", CASE, "--db", db)
    lines = r.stdout.splitlines()
    assert r.exit_code == 0 and len(lines) == 6
    assert lines[0].split() == ["编号", "日期", "类别", "移交人", "接收人", "材料", "事由/意见", "登记人"]
    assert lines[4].split() == [
        "4",
        "2026-11-18",
        "借出",
        "卷宗管理中心",
        handler,
        "纸质卷宗",
        "制作裁定",
        clerk,
    ]


def test_handover_and_empty_lists(desk_factory):
    desk = desk_factory("kuaizhi")
    kuaizhi_case(desk, 7)
    db = desk.engine.url.database
    r = show("list", CASE, "--db", db)
    assert (r.exit_code, r.stdout) == (0, f"{SHOWN} 尚无卷宗流转登记\n")
    clerk = staff_with(desk, "file_clerk")
    r = run(db, clerk, "register", CASE, "--kind", "移交", "--from", "执行指挥中心", "--what", "正卷")
    assert (r.exit_code, r.stderr) == (2, "错误：请填写接收人\n")
    r = run(
        db, clerk, "register", CASE, "--kind", "handover", "--from", "执行指挥中心", "--to", "普执一团队",
        "--what", "正卷", "--on", "2026-10-09",
    )  # fmt: skip
    assert (r.exit_code, r.stdout) == (
        0,
        f"已登记移交：{SHOWN}　执行指挥中心→普执一团队　正卷　2026-10-09（登记编号 1）\n",
    )
    assert desk.today() == date(2026, 11, 23)

"""``zhixing seal add|renew|release|list``, ``zhixing seals expiring`` and ``zhixing delegation
need|arrive|receive|done|reply|finish|list``: exact output and exit codes."""

from __future__ import annotations

import json
from datetime import date

from sqlmodel import select
from typer.testing import CliRunner

from zhixing_tui.cli.main import app
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.services.window import checklist
from zhixing_tui.storage.models import QueryItem, Staff

runner = CliRunner()
NO = "（2026）豫1502执8号"


def _run(desk, operator: str, *args: str):
    env = {"ZHIXING_AS_OF": desk.today().isoformat()}
    return runner.invoke(app, [*args, "--db", desk.engine.url.database, "--operator", operator], env=env)


def _shihe(desk_factory, filed_on=date(2026, 3, 2)):
    desk = desk_factory("shihe")
    cid = register_case(desk, case_no=NO, filed_on=filed_on, claim_fen=900_000,
                        applicants=[PartyInput("李四")], respondents=[PartyInput("张三")])  # fmt: skip
    with desk.session() as s:
        handler = s.exec(
            select(Staff.name).where(Staff.role == "handler", Staff.active).order_by(Staff.id)
        ).first()
    return desk, cid, handler


def test_seal_add_renew_release_and_list(desk_factory):
    desk, _cid, handler = _shihe(desk_factory)
    r = _run(desk, handler, "seal", "add", "(2026)豫1502执8号", "--kind", "deposit", "--on", "2026-03-06",
             "--bank", "工商银行", "--account", "6222", "--amount", "5000")  # fmt: skip
    assert (r.exit_code, r.stdout) == (
        0,
        "已登记冻结：（2026）豫1502执8号　编号 1　银行存款　2026-03-06 起 1年　期满日 2027-03-06　续行提醒 2027-02-19\n",
    )
    r = _run(
        desk, handler, "seal", "add", NO, "--kind", "movable", "--plate", "豫S12345", "--on", "2026-11-20"
    )
    assert r.exit_code == 0 and "期满日 2028-11-20" in r.stdout
    r = _run(desk, handler, "seal", "release", NO, "--id", "2", "--reason", "案外人异议成立")
    assert (r.exit_code, r.stdout) == (0, "已解除：（2026）豫1502执8号　编号 2　2026-11-23\n")
    r = _run(desk, handler, "seal", "list", NO)
    assert (r.exit_code, r.stdout) == (
        0,
        "编号　类别　措施　对象　起始日　期限　期满日　续行提醒　状态\n"
        "1　银行存款　冻结　工商银行 6222　2026-03-06　1年　2027-03-06　2027-02-19　在控\n"
        "2　动产　查封　豫S12345　2026-11-20　2年　2028-11-20　2028-11-03　已解除\n",
    )
    r = _run(desk, handler, "seal", "renew", NO, "--id", "2")
    assert (r.exit_code, r.stderr) == (1, "错误：编号 2 的查封已解除，不能再办理\n")
    r = _run(desk, handler, "seal", "add", NO, "--kind", "house", "--desc", "x")
    assert (r.exit_code, r.stderr) == (
        2,
        "错误：财产类别不认识：house（应为 deposit、movable、real_estate、other_right）\n",
    )


def test_seals_expiring_text_and_json(desk_factory):
    desk, cid, handler = _shihe(desk_factory)
    _run(
        desk,
        handler,
        "seal",
        "add",
        NO,
        "--kind",
        "deposit",
        "--on",
        "2026-03-06",
        "--bank",
        "工行",
        "--account",
        "1",
    )
    desk.as_of = date(2027, 2, 20)
    r = _run(desk, handler, "seals", "expiring")
    assert (r.exit_code, r.stdout) == (
        0,
        "期满日在 2027-03-22 前的查封冻结（2027-02-20 起 30 日内，共 1 项）\n"
        f"2027-03-06（剩14日）　{NO}　银行存款冻结　工行 1　承办人 —　编号 1\n",
    )
    r = _run(desk, handler, "seals", "expiring", "--days", "10", "--json")
    assert (r.exit_code, json.loads(r.stdout)) == (0, [])
    r = _run(desk, handler, "seal", "renew", NO, "--id", "1")
    assert (r.exit_code, r.stdout) == (
        0,
        "已续行：（2026）豫1502执8号　新编号 2　2027-02-20 起 1年　期满日 2028-02-20　续行提醒 2028-02-04\n",
    )
    r = _run(desk, handler, "seals", "expiring", "--json")
    assert (r.exit_code, json.loads(r.stdout)) == (0, [])


def test_delegation_commands_and_the_open_list(desk_factory):
    desk, cid, _handler = _shihe(desk_factory, filed_on=date(2026, 11, 2))
    checklist.ensure_checklist(desk, cid)
    with desk.session() as s:
        car = s.exec(select(QueryItem.id).where(QueryItem.case_id == cid, QueryItem.asset_type == "vehicle",
                                                QueryItem.channel == "offline")).one()  # fmt: skip
    checklist.move_item(desk, car, "feedback", result="found", on=date(2026, 11, 19))
    r = _run(desk, "梁坤祥", "delegation", "need", NO, "--item", str(car), "--on", "2026-11-19")
    assert (r.exit_code, r.stdout) == (0, f"已登记需委托：{NO}　查控项目 {car}　委托编号 1　2026-11-19\n")
    r = _run(
        desk, "梁坤祥", "delegation", "arrive", "--court", "郑州市金水区人民法院", "--matter", "冻结存款"
    )
    assert (r.exit_code, r.stdout) == (0, "已登记受托事项：编号 2　郑州市金水区人民法院　冻结存款\n")
    r = _run(desk, "梁坤祥", "delegation", "list")
    assert (r.exit_code, r.stdout) == (
        0,
        "未办结的委托：共 2 项\n"
        f"1　本院委托　待移交　{NO}　—　查封/冻结辖区外财产　已过4日　期限 2026-11-24\n"
        "2　受托　待接收　（未关联案件）　郑州市金水区人民法院　冻结存款　已过0日　期限 2026-11-23\n",
    )
    assert _run(desk, "梁坤祥", "delegation", "receive", "2").stdout == "已接收受托事项：编号 2\n"
    r = _run(desk, "梁坤祥", "delegation", "done", "2", "--text", "已冻结")
    assert (r.exit_code, r.stdout) == (0, "受托事项已办结并回复：编号 2\n")
    r = _run(desk, "梁坤祥", "delegation", "reply", "1", "--text", "已查封")
    assert (r.exit_code, r.stderr) == (1, "错误：委托 1 当前为“待移交”，不能登记反馈\n")
    r = _run(desk, "梁坤祥", "delegation", "list", "--direction", "in")
    assert (r.exit_code, r.stdout) == (0, "（无）\n")

"""``zhixing disposal …`` and ``zhixing print valuation``: exact output, exit codes, rows written."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import select
from typer.testing import CliRunner

from tests.triage_fixtures import waiting_case
from zhixing_tui.cli.main import app
from zhixing_tui.services.triage import decisions
from zhixing_tui.services.window import checklist
from zhixing_tui.storage.models import Case, DeadlineNode, Disposal, QueryItem, Staff

runner = CliRunner()
NO = "(2026)豫0326执1号"
FULL = "（2026）豫0326执1号"


def _run(desk, operator: str, *args: str):
    env = {"ZHIXING_AS_OF": desk.today().isoformat()}
    return runner.invoke(app, [*args, "--db", desk.engine.url.database, "--operator", operator], env=env)


def _name(desk, role: str, unit_id: int | None = None) -> str:
    with desk.session() as s:
        q = select(Staff.name).where(Staff.role == role, Staff.active)
        if unit_id is not None:
            q = q.where(Staff.unit_id == unit_id)
        return s.exec(q.order_by(Staff.id)).first()


def _house_case(desk_factory):
    desk = desk_factory("ruyang")
    cid = waiting_case(desk, 1, received=date(2026, 11, 9), entered=datetime(2026, 11, 13, 9))
    desk.operator = _name(desk, "query_clerk")
    desk.as_of = date(2026, 11, 16)
    decisions.decide(desk, cid, team="普执二团队", reason="指定")
    desk.as_of = date(2026, 11, 23)
    checklist.ensure_checklist(desk, cid)
    with desk.session() as s:
        unit_id = s.get(Case, cid).unit_id
        house = s.exec(
            select(QueryItem.id).where(
                QueryItem.case_id == cid,
                QueryItem.channel == "offline",
                QueryItem.asset_type == "real_estate",
            )
        ).one()
    checklist.move_item(desk, house, "feedback", result="found", on=date(2026, 11, 18))
    checklist.move_item(desk, house, "sealed", on=date(2026, 11, 18))
    desk.as_of = date(2026, 12, 20)
    return desk, cid, house, _name(desk, "handler", unit_id)


def test_a_house_from_start_to_transfer(desk_factory, tmp_path):
    desk, cid, house, handler = _house_case(desk_factory)
    steps = [
        (("start", NO, "--on", "2026-11-20"), f"已进入财产处置：{FULL}　线下·房产（已查封）　2026-11-20"),
        (("value", NO, "--method", "委托评估", "--ownership", "登记在张三名下", "--occupancy", "张三居住",
          "--on", "2026-11-24"), f"已记录：{FULL}　线下·房产（已查封）启动委托评估（2026-11-24）"),
        (("price", NO, "--amount", "1,200,000", "--on", "2026-12-04"),
         f"已记录：{FULL}　线下·房产（已查封）确定处置参考价1,200,000.00元（2026-12-04）"),
        (("handover", NO, "--on", "2026-12-05"), f"已记录：{FULL}　线下·房产（已查封）材料移交拍卖（2026-12-05）"),
        (("auction", "ruling", NO, "--on", "2026-12-07"),
         f"已记录：{FULL}　线下·房产（已查封）作出拍卖裁定（2026-12-07）"),
        (("auction", "notice", NO, "--on", "2026-12-08"),
         f"已记录：{FULL}　线下·房产（已查封）一拍公告发布（2026-12-08）"),
        (("auction", "serve", NO, "--on", "2026-12-09"),
         f"已记录：{FULL}　线下·房产（已查封）一拍公告送达（2026-12-09）"),
        (("fail", NO, "--on", "2026-12-10"), f"已记录：{FULL}　线下·房产（已查封）一拍流拍（2026-12-10）"),
        (("auction", "notice", NO, "--on", "2026-12-11"),
         f"已记录：{FULL}　线下·房产（已查封）二拍公告发布（2026-12-11）"),
        (("deal", NO, "--price", "960000.50", "--on", "2026-12-14"),
         f"已记录：{FULL}　线下·房产（已查封）二拍成交，成交价960,000.50元（2026-12-14）"),
        (("pay", NO, "--on", "2026-12-15"), f"已记录：{FULL}　线下·房产（已查封）价款全额缴纳（2026-12-15）"),
    ]  # fmt: skip
    for args, out in steps:
        r = _run(desk, handler, "disposal", *args)
        assert (r.exit_code, r.stdout) == (0, out + "\n"), args
    r = _run(desk, handler, "disposal", "list", NO)
    assert (r.exit_code, r.stdout) == (
        0,
        f"{FULL} 财产处置（1 项）\n"
        f"查控项目 {house}　线下·房产（已查封）　已全额缴款\n"
        "　进入处置：2026-11-20\n"
        "　议价/询价/评估：2026-11-24　委托评估\n"
        "　参考价：1,200,000.00 元（2026-12-04）\n"
        "　移交拍卖：2026-12-05\n"
        "　拍卖裁定：2026-12-07\n"
        "　拍卖轮次：一拍：公告 2026-12-08，送达 2026-12-09，流拍 2026-12-10\n"
        "　拍卖轮次：二拍：公告 2026-12-11，成交 2026-12-14\n"
        "　成交：960,000.50 元（2026-12-14）\n"
        "　全额缴款：2026-12-15\n"
        "　可记录：成交裁定、需腾房\n",
    )
    out = tmp_path / "交接表.docx"  # 评估工作交接表 is 浉河's form (003 三(六)2): 汝阳's plan has none
    r = runner.invoke(app, ["print", "valuation", NO, "--out", str(out), "--db", desk.engine.url.database])
    assert (r.exit_code, r.stderr) == (
        1,
        "错误：汝阳县人民法院的配置未列出《评估工作交接表》（printed_forms）：本院方案未规定此表\n",
    )
    assert not out.exists()
    r = _run(desk, handler, "disposal", "ruling", NO, "--on", "2026-12-16")
    assert r.exit_code == 0
    r = _run(desk, handler, "disposal", "transfer", NO)
    assert (r.exit_code, r.stdout) == (0, f"已记录：{FULL}　线下·房产（已查封）过户/交付完毕（2026-12-20）\n")
    with desk.session() as s:
        d = s.exec(select(Disposal)).one()
        assert (d.reference_price_fen, d.deal_price_fen, d.deal_ruling_on, d.transferred_on) == (
            120_000_000,
            96_000_050,
            date(2026, 12, 16),
            date(2026, 12, 20),
        )
        node = s.exec(select(DeadlineNode).where(DeadlineNode.rule_id == "ruyang.auction_handover")).one()
        assert (node.completed_event, node.completed_by) == ("handed_to_auction", handler)


def test_refusals_exit_with_the_chinese_reason(desk_factory):
    desk, cid, house, handler = _house_case(desk_factory)
    r = _run(desk, handler, "disposal", "list", NO)
    assert (r.exit_code, r.stdout) == (0, f"{FULL} 没有进入财产处置的财产\n")
    _run(desk, handler, "disposal", "start", NO, "--on", "2026-11-20")
    r = _run(desk, handler, "disposal", "ruling", NO)
    assert (r.exit_code, r.stderr) == (1, "错误：线下·房产（已查封）：尚未成交，不能作出成交裁定\n")
    r = _run(desk, handler, "disposal", "value", NO, "--method", "估一估")
    assert (r.exit_code, r.stderr) == (
        2,
        "错误：不认识的参考价确定方式：估一估（可选：当事人议价、定向询价、网络询价、委托评估）\n",
    )
    r = _run(desk, handler, "disposal", "value", NO, "--method", "议价", "--on", "2026-11-19")
    assert (r.exit_code, r.stderr) == (2, "错误：日期不能早于进入财产处置之日（2026-11-20）：2026-11-19\n")
    r = _run(desk, handler, "disposal", "vacate", "need", NO, "--on", "2026-11-21")
    assert (r.exit_code, r.stdout) == (0, f"已记录：{FULL}　线下·房产（已查封）确定需腾房（2026-11-21）\n")
    r = _run(desk, handler, "disposal", "vacate", "notice", NO, "--on", "2026-11-25", "--until", "2026-12-10")
    assert (r.exit_code, r.stdout) == (
        0,
        f"已记录：{FULL}　线下·房产（已查封）发出腾房公告，限2026-12-10前腾房（2026-11-25）\n",
    )
    r = _run(desk, _name(desk, "window_clerk"), "disposal", "vacate", "expire", NO)
    assert r.exit_code == 1 and r.stderr.startswith("错误：窗口书记员无权记录财产处置（腾房公告期满）")

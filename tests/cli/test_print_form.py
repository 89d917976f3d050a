"""``zhixing print form KIND 案号``: the two 实有情况表 of 监利 004 as .docx."""

from __future__ import annotations

from datetime import date

from docx import Document
from sqlmodel import select
from typer.testing import CliRunner

from zhixing_tui.cli.main import app
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.services.printing.handoff_forms import write_query_form
from zhixing_tui.storage.db import sqlite_path
from zhixing_tui.storage.models import Case, QueryItem

runner = CliRunner()


def make_case(desk) -> None:
    cid = register_case(
        desk,
        case_no="(2026)鄂1088执12号",
        filed_on=date(2026, 10, 9),
        claim_fen=8_000_000,
        applicants=[PartyInput("王建国", "person")],
        respondents=[PartyInput("荆州市长江建材有限公司", "company")],
    )
    with desk.transaction() as s:
        s.add(
            QueryItem(
                case_id=cid,
                channel="national",
                asset_type="deposit",
                status="frozen",
                result="found",
                amount_found_fen=120_000,
                amount_controlled_fen=120_000,
                feedback_on=date(2026, 10, 12),
            )
        )
        s.add(
            QueryItem(case_id=cid, channel="national", asset_type="vehicle", status="feedback", result="none")
        )
        s.add(QueryItem(case_id=cid, channel="offline", asset_type="real_estate", status="started"))


def invoke(desk, *args):
    return runner.invoke(app, ["print", "form", *args, "--db", str(sqlite_path(desk.url))])


def test_national_form(desk_factory, tmp_path):
    desk = desk_factory("jianli")
    make_case(desk)
    out = tmp_path / "表.docx"
    res = invoke(desk, "national", "(2026)鄂1088执12号", "--out", str(out))
    assert res.exit_code == 0, res.output
    assert res.stdout == f"已写入 {out}\n"
    doc = Document(str(out))
    texts = [p.text for p in doc.paragraphs]
    assert texts[:5] == [
        "监利市人民法院",
        "总对总查控实有情况表",
        "案号：（2026）鄂1088执12号　　申请执行标的额：80,000.00 元",
        "申请执行人：王建国　　被执行人：荆州市长江建材有限公司",
        "承办组：线上查控组　　查询人：　　　　",
    ]
    rows = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    assert rows == [
        ["序号", "查询\n渠道", "财产类型", "查询\n情况", "查到金额\n（元）", "控制金额\n（元）", "反馈日期"],
        ["1", "总对总", "银行存款", "已冻结", "1,200.00", "1,200.00", "2026-10-12"],
        ["2", "总对总", "车辆", "已反馈\n无财产", "0.00", "0.00", "—"],
    ]
    assert "合计：查到 1,200.00 元，控制 1,200.00 元。" in texts
    assert any(t.startswith("组长（签名）：") for t in texts)
    # the date of the record (the latest feedback), not the day it was printed
    assert "填表日期：2026年10月12日" in texts


def test_offline_form_default_path(desk_factory, tmp_path):
    desk = desk_factory("jianli")
    make_case(desk)
    res = invoke(desk, "线下", "（2026）鄂1088执12号")
    path = tmp_path / "exports" / "监利-线下查控实有情况表-（2026）鄂1088执12号.docx"
    assert res.exit_code == 0, res.output
    assert res.stdout == f"已写入 {path}\n"
    rows = [[c.text for c in r.cells] for r in Document(str(path)).tables[0].rows]
    assert rows[1][:4] == ["1", "线下", "不动产", "已发起"] and len(rows) == 2


def test_unknown_kind_and_case(desk_factory):
    desk = desk_factory("jianli")
    make_case(desk)
    res = invoke(desk, "closing", "(2026)鄂1088执12号")
    assert res.exit_code == 2
    assert res.stderr.startswith("错误：未知表格：closing；可用：national（总对总查控实有情况表）")
    res = invoke(desk, "national", "(2026)鄂1088执99号")
    assert res.exit_code == 1
    assert res.stderr == "错误：没有案号为 （2026）鄂1088执99号 的案件\n"


def test_the_closing_note_follows_the_courts_own_flow(desk_factory):
    """监利 hands the form to its 指挥监控组; a court without that group cites nobody else's rules."""
    from zhixing_tui.services.printing.handoff_forms import query_form

    jianli = desk_factory("jianli")
    make_case(jianli)
    note = query_form(jianli, "national", "（2026）鄂1088执12号").note
    assert note == "说明：本表由组长签字后随卷移送，并报指挥监控组（指挥中心）审批流转。"
    ruyang = desk_factory("ruyang")
    register_case(
        ruyang,
        case_no="（2026）豫0326执5号",
        filed_on=date(2026, 10, 9),
        claim_fen=100_000,
        applicants=[PartyInput("王建国", "person")],
        respondents=[PartyInput("李四", "person")],
    )
    assert query_form(ruyang, "national", "（2026）豫0326执5号").note == "说明：本表由组长签字后随卷移送。"


def test_an_asset_found_through_both_channels_is_counted_once(desk_factory):
    """The 固始 demo printed 8,299,358.00 = 2 × 4,149,679.00: 点对点 and 总对总 found one 不动产."""
    from zhixing_tui.services.printing.handoff_forms import DEDUP_NOTE, query_form

    desk = desk_factory("jianli")
    make_case(desk)
    with desk.transaction() as s:
        cid = s.exec(select(Case.id).where(Case.case_no == "（2026）鄂1088执12号")).one()
        for channel, controlled in (("national", 414_967_900), ("local", 0)):
            s.add(
                QueryItem(
                    case_id=cid,
                    channel=channel,
                    asset_type="real_estate",
                    status="sealed" if controlled else "feedback",
                    result="found",
                    amount_found_fen=414_967_900,
                    amount_controlled_fen=controlled,
                    feedback_on=date(2026, 10, 15),
                    handler="陈谦",
                )
            )
    f = query_form(desk, "national", "（2026）鄂1088执12号")
    assert len(f.rows) == 4
    assert (f.total_found, f.total_controlled) == ("4,150,879.00", "4,150,879.00")
    assert f.counted_once and f.filled_on == date(2026, 10, 15)
    assert (f.unit, f.handler) == ("线上查控组", "陈谦")
    texts = [p.text for p in Document(str(write_query_form(desk, "national", f.case_no))).paragraphs]
    assert "合计：查到 4,150,879.00 元，控制 4,150,879.00 元。" in texts and DEDUP_NOTE in texts


def test_distinct_asset_totals():
    from zhixing_tui.domain.checklist import distinct_asset_totals

    assert distinct_asset_totals([]) == (0, 0)
    assert distinct_asset_totals(
        [("real_estate", 500, 0), ("real_estate", 500, 500), ("deposit", 120, 100), ("vehicle", 0, 0)]
    ) == (620, 600)

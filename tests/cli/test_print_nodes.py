"""``zhixing print nodes 案号``: the 执行流程节点表 .docx."""

from __future__ import annotations

from datetime import date, datetime

from docx import Document
from docx.oxml.ns import qn
from typer.testing import CliRunner

from zhixing_tui.cli.main import app
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.services.deadlines.nodes import apply_event
from zhixing_tui.services.printing.node_table import COLUMNS
from zhixing_tui.storage.db import sqlite_path

runner = CliRunner()


def make_case(desk) -> None:
    cid = register_case(
        desk,
        case_no="（2026）豫0326执8号",
        filed_on=date(2026, 3, 2),
        claim_fen=500_000,
        applicants=[PartyInput(name="张三", kind="person")],
        respondents=[PartyInput(name="李四", kind="person")],
    )
    # registering recorded 立案 and 收案 (03-02, 09:00): the execution period and the center's nodes
    with desk.transaction() as s:
        apply_event(s, desk, cid, "national_query_started", datetime(2026, 3, 2, 15, 20), desk.operator)


def test_print_nodes_writes_the_table(desk, tmp_path) -> None:
    make_case(desk)
    out = tmp_path / "节点表.docx"
    res = runner.invoke(
        app, ["print", "nodes", "(2026)豫0326执8号", "--out", str(out), "--db", str(sqlite_path(desk.url))]
    )
    assert res.exit_code == 0, res.output
    assert res.stdout == f"已写入 {out}\n"
    doc = Document(str(out))
    texts = [p.text for p in doc.paragraphs]
    assert texts[:3] == [
        "汝阳县人民法院",
        "执行流程节点表",
        "案号：（2026）豫0326执8号　　立案日期：2026年03月02日",
    ]
    assert texts[3] == "申请执行人：张三　　被执行人：李四"
    table = doc.tables[0]
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == [c.header for c in COLUMNS]
    # all anchored at registration (03-02 09:00), so in order of due date: the four center nodes,
    # the 收案登记 stage limit (当日), and the execution period last
    assert [r[:2] for r in rows[1:]] == [
        ["1", "发起总对总、点对点网络查控"],
        ["2", "收案登记阶段期限（当日）"],
        ["3", "执行通知书、财产报告令、财产申报表、执行裁定书制作并送达"],
        ["4", "完成房产、土地、公积金、车辆、股权、工商等传统查控（不含实地调查）"],
        ["5", "执行事务中心完成全部工作流程并移转实施团队"],
        ["6", "法定执行期限（立案起6个月内执结）"],
    ]
    assert rows[2][2:] == [
        "当日",
        "进入阶段\n2026-03-02",
        "《实施方案》二（一）1",
        "2026-03-02",
        "",
        "",
        "超期",
        "",
    ]
    assert rows[6] == [
        "6",
        "法定执行期限（立案起6个月内执结）",
        "6个月",
        "立案\n2026-03-02",
        "《执行期限规定》第一条第一款；《审限规定》第九条",
        "2026-09-02",
        "",
        "",
        rows[6][8],
        "",
    ]
    done = next(r for r in rows if r[1] == "发起总对总、点对点网络查控")
    assert done[2:] == [
        "当日",
        "收案登记\n2026-03-02",
        "《实施方案》二（一）2",
        "2026-03-02",
        "2026-03-02\n15:20",
        "测试员",
        "已完成",
        "",
    ]
    assert all(r[-1] == "" for r in rows[1:])  # the signature column is left empty
    sec = doc.sections[0]
    assert (round(sec.page_width.cm, 1), round(sec.page_height.cm, 1)) == (29.7, 21.0)
    run = doc.paragraphs[1].runs[0]
    assert run.font.name == "宋体" and run._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "宋体"
    body = table.rows[1].cells[1].paragraphs[0].runs[0]
    assert body._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋"
    assert not list(tmp_path.glob(".*.tmp"))
    # the short titles are named in full under the table; no seed file number or rule id on paper
    assert texts[-1] == (
        "依据栏中：《实施方案》指《汝阳县人民法院关于进一步完善执行权运行机制改革的实施方案（试行）》；"
        "《执行期限规定》指《最高人民法院关于人民法院办理执行案件若干期限的规定》；"
        "《审限规定》指《最高人民法院关于严格执行案件审理期限制度的若干规定》。"
    )
    assert not any("000 " in c or "ruyang." in c for r in rows for c in r)


def test_default_path_is_exports(desk, tmp_path) -> None:
    make_case(desk)
    res = runner.invoke(app, ["print", "nodes", "（2026）豫0326执8号", "--db", str(sqlite_path(desk.url))])
    assert res.exit_code == 0, res.output
    target = tmp_path / "exports" / "汝阳-执行流程节点表-（2026）豫0326执8号.docx"
    assert target.exists()


def test_unknown_case(desk) -> None:
    res = runner.invoke(app, ["print", "nodes", "（2026）豫0326执999号", "--db", str(sqlite_path(desk.url))])
    assert res.exit_code == 1
    assert res.stderr == "错误：没有案号为 （2026）豫0326执999号 的案件\n"
    res = runner.invoke(app, ["print", "nodes", "乱写", "--db", str(sqlite_path(desk.url))])
    assert res.exit_code == 2
    assert res.stderr.startswith("错误：")

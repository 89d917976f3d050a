"""``zhixing print travel|closing|related|address|submissions``: exact output, exit codes, the file."""

from __future__ import annotations

from dataclasses import replace

from docx import Document
from sqlmodel import col, select
from typer.testing import CliRunner

from tests.services.test_printed_forms import MONITOR, jianli_case
from zhixing_tui.cli.main import app
from zhixing_tui.services.board import handoffs
from zhixing_tui.services.board.travel import request_travel
from zhixing_tui.storage.models import Approval, Case, IntakeRecord

runner = CliRunner()


def invoke(desk, *args: str):
    env = {"ZHIXING_AS_OF": desk.today().isoformat()}
    return runner.invoke(app, ["print", *args, "--db", desk.engine.url.database], env=env)


def title(path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs][:2]


def test_print_travel_and_closing(desk_factory, tmp_path):
    desk = desk_factory("jianli", operator="李剑")
    cid = jianli_case(desk)
    request_travel(desk, cid, scope="in_county", destination="监利市程集镇", purpose="查找被执行人")
    out = tmp_path / "出差.docx"
    r = invoke(desk, "travel", "(2026)鄂1088执12号", "--out", str(out))
    assert (r.exit_code, r.stdout, r.stderr) == (0, f"已写入 {out}\n", "")
    assert title(out) == ["监利市人民法院", "出差审批表"]

    r = invoke(desk, "travel", "(2026)鄂1088执13号")
    assert (r.exit_code, r.stderr) == (1, "错误：没有案号为 （2026）鄂1088执13号 的案件\n")
    r = invoke(desk, "closing", "(2026)鄂1088执12号")
    assert (r.exit_code, r.stderr) == (1, "错误：案件 （2026）鄂1088执12号 没有报结案审查的记录\n")

    handoffs.submit_close(
        replace(desk, operator="杨琼"), cid, method="执行完毕", closing_fen=8_000_000, recovered_fen=8_000_000
    )
    r = invoke(desk, "closing", "(2026)鄂1088执12号")  # the default name: court, form, 案号
    default = tmp_path / "exports" / "监利-结案审查表-（2026）鄂1088执12号.docx"
    assert (r.exit_code, r.stdout) == (0, f"已写入 {default}\n")
    assert title(default) == ["监利市人民法院", "结案审查表"]


def test_print_submissions(desk_factory, tmp_path):
    desk = desk_factory("jianli", operator="杨琼")
    hid = handoffs.submit_move(desk, jianli_case(desk), "offline_query")
    handoffs.return_handoff(replace(desk, operator=MONITOR), hid, reason="未附报告财产令送达回证")
    out = tmp_path / "送审.docx"
    r = invoke(desk, "submissions", "2026-11", "--out", str(out))
    assert (r.exit_code, r.stdout) == (0, f"已写入 {out}\n")
    rows = [[c.text for c in row.cells] for row in Document(str(out)).tables[0].rows]
    assert rows[1] == ["线上查控组", "1", "1", "0", "0", "1", "0", "100.0%"]

    r = invoke(desk, "submissions")  # default: last month
    default = tmp_path / "exports" / "监利-各组送审案件情况统计表-2026-10.docx"
    assert (r.exit_code, r.stdout) == (0, f"已写入 {default}\n")
    r = invoke(desk, "submissions", "十一月")
    assert (r.exit_code, r.stderr) == (2, "错误：月份格式无法识别：「十一月」，应为 2026-03 的形式\n")


def test_print_related_and_address_at_gushi(desk_factory, tmp_path):
    desk = desk_factory("gushi", cases=200)
    with desk.session() as s:
        related_no = s.exec(
            select(Case.case_no)
            .join(Approval, col(Approval.case_id) == col(Case.id))
            .where(Approval.kind == "related_cases")
            .order_by(col(Approval.id))
        ).first()
        interviewed_no = s.exec(
            select(Case.case_no)
            .join(IntakeRecord, col(IntakeRecord.case_id) == col(Case.id))
            .where(col(IntakeRecord.is_current), col(IntakeRecord.interviewed))
            .order_by(col(Case.id))
        ).first()
    out = tmp_path / "类案.docx"
    r = invoke(desk, "related", related_no, "--out", str(out))
    assert (r.exit_code, r.stdout) == (0, f"已写入 {out}\n")
    assert title(out) == ["固始县人民法院", "类案集中审批表"]

    out = tmp_path / "地址.docx"
    r = invoke(desk, "address", interviewed_no, "--out", str(out))
    assert (r.exit_code, r.stdout) == (0, f"已写入 {out}\n")
    assert title(out) == ["固始县人民法院", "送达地址确认书"]

    r = invoke(desk, "travel", related_no)
    assert (r.exit_code, r.stderr) == (
        1,
        "错误：固始县人民法院的配置未列出《出差审批表》（printed_forms）：本院方案未规定此表\n",
    )
    r = invoke(desk, "address", interviewed_no, "--party", "无此人")
    assert r.exit_code == 1 and r.stderr.endswith("没有名为「无此人」的当事人\n")


def test_print_valuation_at_shihe(desk_factory, tmp_path):
    from tests.services.test_printed_forms import shihe_house

    desk, case_no, house = shihe_house(desk_factory)
    r = invoke(desk, "valuation", case_no, "--item", str(house))
    default = tmp_path / "exports" / f"浉河-评估工作交接表-{case_no}.docx"
    assert (r.exit_code, r.stdout) == (0, f"已写入 {default}\n")
    assert title(default) == ["信阳市浉河区人民法院", "评估工作交接表"]
    r = invoke(desk, "valuation", case_no, "--item", "999999")
    assert r.exit_code == 1 and r.stderr.startswith("错误：案件 ")

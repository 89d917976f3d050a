"""``zhixing zhongben`` (定期查询, 恢复执行) and ``zhixing report zhongben``: exact output and exit codes."""

from __future__ import annotations

import json

from openpyxl import load_workbook
from typer.testing import CliRunner

from tests.services.test_triage_service import staff_with
from tests.services.test_zhongben_library import zhongben_case
from zhixing_tui.cli.main import app
from zhixing_tui.services.printing.xlsx import printed_font_size
from zhixing_tui.storage.db import sqlite_path

runner = CliRunner()
CASE = "（2026）豫0326执1号"


def run(desk, *args: str, role: str | None = None):
    extra = ["--operator", staff_with(desk, role)] if role else []
    return runner.invoke(app, [*args, "--db", str(sqlite_path(desk.url)), *extra])


def test_requery_then_report_exit_codes_json_and_xlsx(desk, tmp_path):
    zhongben_case(desk)
    res = run(desk, "report", "zhongben", "--as-of", "2027-03-02")
    assert res.exit_code == 1, res.output
    assert res.stdout == (
        "终本案件库定期查询报告　截至 2027-03-02\n"
        "终本案件 1 件，需处理 1 件：定期查询超期 1 件、今日到期 0 件、临期 0 件；新发现财产 0 件\n"
        "\n"
        "超期1天  （2026）豫0326执1号  终本 2026-08-31  查询到期 2027-03-01  结案后未查询  承办人 未指定\n"
    )

    res = run(desk, "zhongben", "requery", "(2026)豫0326执1号", "--date", "2027-03-02",
              "--found", "银行存款=1234.50", role="handler")  # fmt: skip
    assert res.exit_code == 0, res.output
    assert res.stdout == (
        "已记录 （2026）豫0326执1号 的终本定期查询（2027-03-02，网络查控 10 项）：发现财产：总对总·银行存款 1,234.50 元\n"
        "完成节点：终本案件定期网络查控（每六个月一次）第1期（共10期）\n"
        "下一期：终本案件定期网络查控（每六个月一次）第2期（共10期）（2027-08-31 前）\n"
    )

    out = tmp_path / "exports" / "终本.xlsx"
    res = run(desk, "report", "zhongben", "--as-of", "2027-03-02", "--json", "--xlsx", str(out))
    assert res.exit_code == 0, res.output  # nothing overdue: the new property alone is not exit 1
    data = json.loads(res.stdout)
    assert {k: data[k] for k in ("total", "needs_action", "overdue", "new_property")} == {
        "total": 1, "needs_action": 1, "overdue": 0, "new_property": 1,
    }  # fmt: skip
    (row,) = data["rows"]
    assert (row["case_no"], row["next_due"], row["status"], row["last_requery_on"], row["new_property"]) == (
        CASE, "2027-08-31", "pending", "2027-03-02", True,
    )  # fmt: skip
    wb = load_workbook(out)
    sheet = wb.worksheets[0]
    # the title row names the court, the counts under it, then the header
    assert sheet["A1"].value == "汝阳县人民法院 终本案件库定期查询报告　截至 2027-03-02"
    assert sheet["A2"].value.startswith("终本案件 1 件，需处理 1 件")
    assert [c.value for c in sheet[3]][:4] == ["定期查询", "案号", "被执行人", "终本日期"]
    assert sheet.cell(4, 2).value == CASE and sheet.cell(4, 8).value == "有"
    assert sheet.oddFooter.left.text and sheet.oddFooter.left.text in sheet.oddHeader.center.text
    assert sheet.page_setup.orientation == "landscape" and sheet.cell(4, 3).alignment.wrap_text
    for ws in wb.worksheets:  # on A4 at >= 9 pt, fitted to width, the court in the first row
        assert ws["A1"].value.startswith("汝阳县人民法院") and printed_font_size(ws) >= 9, ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0


def test_resumption_request_and_decision(desk):
    zhongben_case(desk)
    res = run(desk, "zhongben", "resume-request", CASE, "--reason", "提供房产线索", "--date", "2027-03-01",
              role="window_clerk")  # fmt: skip
    assert res.exit_code == 0, res.output
    assert res.stdout == f"已登记 {CASE} 的恢复执行申请（审批编号 1），待终本管理组审查决定\n"
    res = run(desk, "zhongben", "resume-decide", CASE, "--reject", "--date", "2027-03-04", role="supervisor")
    assert res.exit_code == 2
    assert res.output.strip() == "错误：不予恢复执行（不予立案）须写明理由"
    res = run(desk, "zhongben", "resume-decide", CASE, "--approve", "--date", "2027-03-04", role="supervisor")
    assert res.exit_code == 0, res.output
    assert res.stdout == f"{CASE} 予以恢复执行：已立案 （2027）豫0326执恢1号（与原案关联）\n"


def test_refusals_exit_codes(desk):
    zhongben_case(desk, method="执行完毕")
    res = run(desk, "zhongben", "requery", CASE, "--date", "2027-03-02", role="handler")
    assert res.exit_code == 1
    assert res.output.strip() == f"错误：案件 {CASE} 不是以终结本次执行程序结案的案件"
    res = run(desk, "zhongben", "requery", CASE, "--found", "银行存款", role="handler")
    assert res.exit_code == 2
    assert res.output.strip() == "错误：--found 应写成 项目=金额，如 银行存款=1234.50：银行存款"
    res = run(desk, "report", "zhongben", "--as-of", "2027-13-01")
    assert res.exit_code == 2

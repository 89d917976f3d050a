"""Monthly statistics on a fixture database against hand-computed numbers; the workbook read back."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from zhixing_tui.domain.statistics import Month
from zhixing_tui.services.imports.run import import_cases
from zhixing_tui.services.printing.monthly_workbook import default_path, export_monthly
from zhixing_tui.services.stats.monthly import monthly_figures

from .test_importer import make_xlsx

C = "（2026）豫0326执{}号"
ROWS = [
    # 案号, 立案, 申请人, 被执行人, 标的, 证件, 承办部门, 结案日期, 结案方式, 到位
    [C.format(1), "2026-01-10", "甲", "乙", 1000, None, "普执一团队", None, None, None],  # 旧存
    [
        C.format(2),
        "2026-02-01",
        "甲",
        "乙",
        1000,
        None,
        "普执一团队",
        "2026-03-10",
        "执行完毕",
        1000,
    ],  # 旧存, 结案
    [
        C.format(3),
        "2026-03-02",
        "甲",
        "乙",
        500,
        None,
        "速执团队",
        "2026-03-20",
        "终本",
        0,
    ],  # 新收, 结案 18日
    [C.format(4), "2026-03-05", "甲", "乙", 300, None, "速执团队", None, None, None],  # 新收
    [
        C.format(5),
        "2025-08-01",
        "甲",
        "乙",
        200,
        None,
        "速执团队",
        "2026-03-31",
        "终结执行",
        50,
    ],  # 旧存, 结案 超期
    [C.format(6), "2026-01-01", "甲", "乙", 100, None, "普执一团队", "2026-02-15", "执行完毕", 100],  # 不计
    [C.format(7), "2026-04-01", "甲", "乙", 100, None, "普执一团队", None, None, None],  # 不计
]


@pytest.fixture
def march(desk, tmp_path):
    report = import_cases(desk, make_xlsx(tmp_path / "c.xlsx", ROWS))
    assert report.inserted == 7 and not report.invalid
    return desk


def test_figures_by_unit_and_total(march):
    f = monthly_figures(march, Month(2026, 3), as_of=date(2026, 11, 23))
    rows = {r.unit: r for r in f.intake}
    assert list(rows)[-1] == "合计"
    one, fast, total = rows["普执一团队"], rows["速执团队"], rows["合计"]
    assert (one.old, one.new, one.closed, one.pending) == (2, 0, 1, 1)
    assert (fast.old, fast.new, fast.closed, fast.pending) == (1, 2, 2, 1)
    assert (total.old, total.new, total.closed, total.pending) == (3, 2, 3, 2)
    assert (
        total.by_method["执行完毕"] == 1
        and total.by_method["终结本次执行程序"] == 1
        and total.by_method["终结执行"] == 1
    )
    assert total.closing_rate == pytest.approx(3 / 5)
    assert (total.claim_fen, total.recovered_fen) == (170000, 105000)
    # cases 3 and 5 were in the 速执 stage; 3 closed in 18 days, 5 after 8 months
    assert (total.fast_closed, total.fast_in_time) == (2, 1)
    assert total.legal_in_time == 2
    # units of the profile with no cases still get a row of zeros
    assert rows["特执团队"].old == 0 and rows["特执团队"].closing_rate is None


def _header_row(ws, first: str) -> int:
    return next(r for r in range(1, 6) if ws.cell(r, 1).value == first)


def test_workbook_read_back(march, tmp_path):
    from zhixing_tui.services.printing.monthly_workbook import SHEETS
    from zhixing_tui.services.printing.xlsx import print_scale, printed_font_size

    path, f = export_monthly(march, Month(2026, 3), tmp_path / "m.xlsx")
    wb = openpyxl.load_workbook(path)
    assert tuple(wb.sheetnames) == SHEETS
    ws = wb["收结案统计"]
    assert ws["A1"].value == "汝阳县人民法院 2026年3月 首次执行案件收结案统计"
    assert ws["B3"].value == "本月（2026年3月）" and ws["G3"].value == "本年累计（2026年1—3月）"
    assert [c.value for c in ws[4]] == ["部门", *["旧存", "新收", "结案", "未结", "结案率"] * 2]
    total = [c.value for c in ws[ws.max_row]]
    assert total[0] == "合计" and ws.cell(ws.max_row, 1).font.b and ws.cell(ws.max_row, 1).font.name == "宋体"
    assert total[1:5] == [3, 2, 3, 2] and total[5] == pytest.approx(0.6)
    # 本年累计: filed before 2026: case 5; Jan–Mar: 1, 2, 3, 4, 6; closed Jan–Mar: 2, 3, 5, 6
    assert total[6:10] == [1, 5, 4, 2]
    assert ws.auto_filter.ref == f"A4:K{ws.max_row - 1}"  # 合计 is below the filtered rows
    assert ws.print_title_rows == "$1:$4" and ws.freeze_panes == "B5"
    assert ws.cell(5, 6).number_format == "0.00%"
    money = wb["标的金额"]
    assert [c.value for c in money[money.max_row]][1:3] == [pytest.approx(1700.0), pytest.approx(1050.0)]
    assert money.cell(5, 2).number_format == "#,##0.00"
    rates = wb["质效指标"]
    assert [c.value for c in rates[4]][1:5] == [
        "执行完毕率",
        "终本率",
        "速执30日内结案率",
        "6个月法定期限内结案率",
    ]
    assert rates.cell(rates.max_row, 4).value == pytest.approx(0.5)  # cases 3 and 5: one in 30 days
    flow = wb["七组流转"]
    assert flow.cell(3, 6).value == "平均停留天数" and flow.cell(4, 6).number_format == "0.0"
    for ws in wb.worksheets:
        assert ws.oddFooter.center.text == "第 &P 页，共 &N 页" and ws.oddFooter.left.text == "汝阳县人民法院"
        title = ws["B1"] if ws.title == "结案方式" else ws["A1"]  # a sliced table: over each slice
        assert "汝阳县人民法院" in ws.oddHeader.center.text and title.value.startswith("汝阳县人民法院")
        assert str(ws.page_setup.paperSize) == "9" and printed_font_size(ws) >= 9, ws.title
        if ws.title == "结案方式":  # too wide to fit: full size, 本月 and 本年累计 each on a page
            assert not ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.scale == 100
            assert ws.print_title_cols == "$A:$A" and [b.id for b in ws.col_breaks.brk] == [8]
            # the title over each slice, none in the repeated column (it would print cut off)
            assert {"B1:H1", "I1:O1"} <= {m.coord for m in ws.merged_cells.ranges} and ws["A1"].value is None
            assert ws["I1"].value == ws["B1"].value == "汝阳县人民法院 2026年3月 首次执行案件结案方式"
        else:  # fitted to one page wide, never under 85 %
            assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
            assert print_scale(ws) >= 0.85, ws.title
    assert wb["收结案趋势"]._charts, "the trend sheet has a chart"
    trend = list(wb["收结案趋势"].iter_rows(min_row=4, values_only=True))
    assert trend[-1] == ("2026-03", 2, 3)
    notes_ws = wb["说明"]
    notes = {r[0]: r[1] for r in notes_ws.iter_rows(min_row=3, values_only=True)}
    assert notes["统计月份"] == "2026年3月（2026-03-01 至 2026-03-31）"
    assert notes["制表人"] == "测试员"
    assert notes["结案率"] == "结案 ÷（旧存＋新收）。分母为0时留空。"
    assert not any(
        k in str(v) for v in notes.values() for k in ("rate_base", "amounts_over", "fast_days", "=")
    )
    long_row = next(
        r for r in range(3, notes_ws.max_row + 1) if notes_ws.cell(r, 1).value == "首执与各类案件"
    )
    assert notes_ws.cell(long_row, 2).alignment.wrap_text and notes_ws.row_dimensions[long_row].height >= 40


def test_empty_month_gives_zeros(desk, tmp_path):
    path, f = export_monthly(desk, Month(2020, 1), tmp_path / "e.xlsx")
    assert (f.total.old, f.total.new, f.total.closed) == (0, 0, 0)
    ws = openpyxl.load_workbook(path)["案款"]
    assert [c.value for c in ws[ws.max_row]][:4] == ["合计", 0, 0, 0]
    assert ws.auto_filter.ref == f"A3:I{ws.max_row - 1}"


def test_default_path_names_the_court(desk, tmp_path):
    assert default_path(desk, Month(2026, 3)) == tmp_path / "exports" / "汝阳-2026-03-执行工作统计.xlsx"


def test_member_sheet_in_the_workbook_is_the_cores_member_figures(desk_factory, tmp_path):
    """The workbook's 线索查控人员 sheet shows services.member_stats's figures, not a second count."""
    from openpyxl import load_workbook

    from zhixing_tui.domain.member_stats import rate_text
    from zhixing_tui.domain.statistics import Month
    from zhixing_tui.services.printing.monthly_workbook import export_monthly
    from zhixing_tui.services.stats.members import monthly_member_figures

    desk = desk_factory("jianli", cases=300)
    path, _ = export_monthly(desk, Month(2026, 10), tmp_path / "m.xlsx")
    ws = load_workbook(path)["线索查控人员"]
    header = [c.value for c in ws[3]]
    assert header[:4] == ["姓名", "承办数", "结案数", "结案数率"] and header[-1] == "移送拒执打击组数"
    expected = monthly_member_figures(desk, 2026, 10)
    assert expected and any(f.handled for f in expected)
    got = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    assert [r[0] for r in got] == [f.member for f in expected]
    for row, f in zip(got, expected, strict=True):
        assert row[1:3] == [f.handled, f.closed]
        shown = "—" if row[3] is None else f"{row[3] * 100:.2f}%"
        assert shown == rate_text(f.closed_rate)
        assert row[-3:] == [f.detentions, f.fines, f.to_refusal]
    notes = [c.value for c in load_workbook(path)["说明"]["A"]]
    assert "线索查控人员：承办数" in notes


def test_fast_rate_counts_days_as_the_nodes_do(desk, tmp_path):
    """Filed 2026-09-04, closed 2026-10-08 by 速执团队: 34 calendar days, but the 30-day period ends in
    the National Day holiday (10-04) and §85 moves its last day to 10-08 — in time, as the nodes count."""
    rows = [[C.format(41), "2026-09-04", "甲", "乙", 100, None, "速执团队", "2026-10-08", "执行完毕", 100]]
    assert import_cases(desk, make_xlsx(tmp_path / "f.xlsx", rows)).inserted == 1
    total = monthly_figures(desk, Month(2026, 10), as_of=date(2026, 11, 23)).total
    assert (total.closed, total.fast_closed, total.fast_in_time) == (1, 1, 1)
    assert (date(2026, 10, 8) - date(2026, 9, 4)).days > 30  # the calendar count would call it late

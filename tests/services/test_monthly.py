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


def test_workbook_read_back(march, tmp_path):
    path, f = export_monthly(march, Month(2026, 3), tmp_path / "m.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [
        "收结案统计",
        "节点超期统计",
        "繁简分流",
        "七组流转",
        "线索查控人员",
        "案款",
        "收结案趋势",
        "说明",
    ]
    ws = wb["收结案统计"]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["部门", "旧存", "新收", "结案"]
    assert header[4:11] == [
        "执行完毕",
        "终结本次执行程序",
        "终结执行",
        "不予执行",
        "驳回申请",
        "销案",
        "其他",
    ]
    assert header[11:] == [
        "未结",
        "结案率",
        "执行完毕率",
        "终本率",
        "申请执行标的额",
        "执行到位金额",
        "实际执行到位率",
        "速执(快执)30日内结案率",
        "6个月法定期限内结案率",
    ]
    total = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == "合计")
    col = dict(zip(header, total, strict=True))
    assert (col["旧存"], col["新收"], col["结案"], col["未结"]) == (3, 2, 3, 2)
    assert col["结案率"] == pytest.approx(0.6)
    assert col["申请执行标的额"] == pytest.approx(1700.0)
    assert col["执行到位金额"] == pytest.approx(1050.0)
    assert col["速执(快执)30日内结案率"] == pytest.approx(0.5)
    assert ws.freeze_panes == "B2"
    assert ws.page_setup.orientation == "landscape"
    assert ws.cell(2, 13).number_format == "0.00%"
    assert ws.cell(2, 16).number_format == "#,##0.00"
    assert wb["收结案趋势"]._charts, "the trend sheet has a chart"
    trend = list(wb["收结案趋势"].iter_rows(min_row=2, values_only=True))
    assert trend[-1] == ("2026-03", 2, 3)
    notes = {r[0]: r[1] for r in wb["说明"].iter_rows(min_row=2, values_only=True)}
    assert notes["统计月份"] == "2026年3月（2026-03-01 至 2026-03-31）"
    assert notes["法院配置"] == "ruyang"
    assert notes["制表人"] == "测试员"
    assert notes["结案率"] == "结案 ÷（旧存＋新收）。分母为0时留空。"


def test_empty_month_gives_zeros(desk, tmp_path):
    path, f = export_monthly(desk, Month(2020, 1), tmp_path / "e.xlsx")
    assert (f.total.old, f.total.new, f.total.closed) == (0, 0, 0)
    ws = openpyxl.load_workbook(path)["案款"]
    assert [c.value for c in ws[ws.max_row]][:4] == ["合计", 0, 0, 0]


def test_default_path_is_in_exports(tmp_path):
    assert default_path(Month(2026, 3)) == tmp_path / "exports" / "2026-03-执行工作统计.xlsx"


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
    header = [c.value for c in ws[1]]
    assert header[:4] == ["姓名", "承办数", "结案数", "结案数率"] and header[-1] == "移送拒执打击组数"
    expected = monthly_member_figures(desk, 2026, 10)
    assert expected and any(f.handled for f in expected)
    got = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert [r[0] for r in got] == [f.member for f in expected]
    for row, f in zip(got, expected, strict=True):
        assert row[1:3] == [f.handled, f.closed]
        shown = "—" if row[3] is None else f"{row[3] * 100:.2f}%"
        assert shown == rate_text(f.closed_rate)
        assert row[-3:] == [f.detentions, f.fines, f.to_refusal]
    notes = [c.value for c in load_workbook(path)["说明"]["A"]]
    assert "线索查控人员：承办数" in notes

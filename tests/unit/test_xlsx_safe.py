"""services.xlsx: formula-looking text stays text, formats, widths, print setup, atomic save."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from zhixing_tui.services.printing.xlsx import (
    MONEY_FORMAT,
    PERCENT_FORMAT,
    Col,
    display_width,
    looks_like_formula,
    new_workbook,
    save_workbook,
    write_table,
)

HOSTILE = ["=1+1", "+SUM(A1:A2)", "-2+3", "@SUM(A1)", '=HYPERLINK("http://x","点我")', "\t=1"]


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_looking_text_is_stored_as_text(tmp_path, text):
    wb = new_workbook()
    write_table(wb, "当事人", [Col("姓名")], [[text]])
    path = save_workbook(wb, tmp_path / "a.xlsx")
    ws = openpyxl.load_workbook(path)["当事人"]
    cell = ws["A2"]
    assert cell.data_type == "s"
    assert cell.value == text
    assert cell.quotePrefix is True
    # And a second, independent reader sees the same text, not a computed value.
    assert CalamineWorkbook.from_path(str(path)).get_sheet_by_name("当事人").to_python()[1] == [text]


def test_plain_text_has_no_quote_prefix(tmp_path):
    wb = new_workbook()
    write_table(wb, "表", [Col("姓名")], [["张三"]])
    ws = openpyxl.load_workbook(save_workbook(wb, tmp_path / "a.xlsx"))["表"]
    assert ws["A2"].value == "张三"
    assert ws["A2"].quotePrefix is False


def test_looks_like_formula():
    assert [looks_like_formula(t) for t in ["=A1", "+1", "-1", "@x", "张三", "", "a=b"]] == [
        True,
        True,
        True,
        True,
        False,
        False,
        False,
    ]


def test_display_width_counts_cjk_double():
    assert display_width("张三") == 4
    assert display_width("ab") == 2
    assert display_width("（2026）豫0326执1号") == 2 + 4 + 2 + 2 + 4 + 2 + 1 + 2
    assert display_width(None) == 0


def test_money_percent_date_formats_and_layout(tmp_path):
    wb = new_workbook()
    cols = [
        Col("单位"),
        Col("结案", "int"),
        Col("金额", "money"),
        Col("结案率", "percent"),
        Col("日期", "date"),
    ]
    write_table(
        wb,
        "统计",
        cols,
        [["执行一庭", 3, 1234567, 0.25, date(2026, 3, 5)], ["合计", 3, 5, None, None]],
        print_title="2026年3月统计",
        bold_rows=[1],
    )
    ws = openpyxl.load_workbook(save_workbook(wb, tmp_path / "s.xlsx"))["统计"]
    assert ws["C2"].value == pytest.approx(12345.67)
    assert ws["C2"].number_format == MONEY_FORMAT
    assert ws["C3"].value == pytest.approx(0.05)
    assert ws["D2"].number_format == PERCENT_FORMAT
    assert ws["D3"].value is None
    assert ws["E2"].value.date() == date(2026, 3, 5)
    assert ws["A1"].font.bold and ws["A3"].font.bold and not ws["A2"].font.bold
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:E3"
    assert ws.page_setup.orientation == "portrait"  # five columns print at full size upright
    assert str(ws.page_setup.paperSize) == "9"  # A4
    assert ws.print_title_rows == "$1:$1"
    assert ws.oddHeader.center.text == "2026年3月统计"
    # 执行一庭 is 8 cells wide; with padding the column is at least that.
    assert ws.column_dimensions["A"].width >= 8


def test_save_is_atomic_and_leaves_no_temp(tmp_path):
    target = tmp_path / "out" / "r.xlsx"
    wb = new_workbook()
    write_table(wb, "表", [Col("甲")], [["1"]])
    save_workbook(wb, target)
    assert target.exists()
    assert [p.name for p in target.parent.iterdir()] == ["r.xlsx"]


def test_heading_groups_totals_outside_the_filter_and_one_font(tmp_path):
    wb = new_workbook()
    cols = [Col("部门"), Col("新收", "int"), Col("结案", "int"), Col("新收", "int"), Col("结案", "int")]
    write_table(
        wb,
        "收结案",
        cols,
        [["速执团队", 3, 2, 30, 20], ["普执一团队", 4, 1, 40, 10]],
        heading=["汝阳县人民法院 2026年10月 收结案统计", "统计日 2026-10-31"],
        groups=[("", 1), ("本月", 2), ("本年累计", 2)],
        totals=[["合计", 7, 3, 70, 30]],
        print_title="汝阳县人民法院 收结案",
        footer="汝阳县人民法院",
    )
    ws = openpyxl.load_workbook(save_workbook(wb, tmp_path / "s.xlsx"))["收结案"]
    assert ws["A1"].value == "汝阳县人民法院 2026年10月 收结案统计" and ws["A1"].font.sz == 16
    assert "A1:E1" in {str(m) for m in ws.merged_cells.ranges}
    assert ws["B3"].value == "本月" and ws["D3"].value == "本年累计"
    assert [c.value for c in ws[4]] == ["部门", "新收", "结案", "新收", "结案"]
    assert ws.auto_filter.ref == "A4:E6"  # the data only: sorting never moves 合计
    assert ws["A7"].value == "合计" and ws["A7"].font.b and ws["A7"].font.name == "宋体"
    assert ws["A5"].font.name == "宋体" and ws["A5"].font.sz == 11
    assert ws.print_title_rows == "$1:$4" and ws.freeze_panes == "A5"
    assert ws.oddFooter.center.text == "第 &P 页，共 &N 页" and ws.oddFooter.left.text == "汝阳县人民法院"


def test_wrapped_column_gets_row_height_and_wide_tables_print_at_9pt(tmp_path):
    from zhixing_tui.services.printing.xlsx import printed_font_size

    wb = new_workbook()
    long = "执行通知书、财产报告令、财产申报表、执行裁定书制作并送达" * 2
    cols = [Col("案号"), Col("节点", width=24, wrap=True), *[Col(f"列{i}", "int") for i in range(12)]]
    write_table(wb, "表", cols, [["（2026）豫0326执1号", long, *range(12)]])
    ws = openpyxl.load_workbook(save_workbook(wb, tmp_path / "w.xlsx"))["表"]
    assert ws["B2"].alignment.wrap_text
    assert ws.column_dimensions["B"].width == 24
    assert ws.row_dimensions[2].height >= 4 * 14  # 56 CJK characters in a 24-unit column: 5 lines
    assert ws.page_setup.orientation == "landscape"
    assert printed_font_size(ws) >= 9


def test_export_name_is_one_pattern():
    from zhixing_tui.services.printing.xlsx import export_name

    assert export_name("汝阳", "2026-10", "执行工作统计") == "汝阳-2026-10-执行工作统计.xlsx"
    assert export_name("汝阳", date(2026, 12, 6), "超期节点") == "汝阳-2026-12-06-超期节点.xlsx"

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


def test_widths_are_planned_with_the_widest_column_unit():
    """An office suite without 宋体 measures a column unit with the face it substitutes (LibreOffice:
    DejaVu Sans, about 7.1 pt): a table is fitted to the page only where the type stays >= 85 %."""
    from zhixing_tui.services.printing.xlsx import MIN_FIT_SCALE, UNIT_PT, fits_landscape

    assert UNIT_PT >= 7.1
    landscape = (11.69 - 0.8) * 72
    assert fits_landscape([10] * 10)  # 100 units: 720 pt on a 784 pt line, full size
    assert fits_landscape([10] * 12)  # 120 units: 864 pt, printed at 91 %
    assert not fits_landscape([10] * 13)  # 130 units: at 84 %, under MIN_FIT_SCALE
    assert landscape / (130 * UNIT_PT) < MIN_FIT_SCALE <= landscape / (120 * UNIT_PT)


def test_portrait_only_where_the_table_prints_upright_at_90_percent(tmp_path):
    from zhixing_tui.services.printing.xlsx import print_scale

    wb = new_workbook()
    narrow = write_table(wb, "窄", [Col("项目", width=20), Col("说明", width=50, wrap=True)], [["甲", "乙"]])
    wide = write_table(wb, "宽", [Col("项目", width=30), Col("说明", width=60, wrap=True)], [["甲", "乙"]])
    assert narrow.page_setup.orientation == "portrait" and print_scale(narrow) == 1.0
    assert wide.page_setup.orientation == "landscape" and print_scale(wide) == 1.0  # 90 units: 83 % upright


def test_a_table_too_wide_for_a_page_prints_full_size_in_slices_of_whole_groups(tmp_path):
    """15 columns (部门, then 本月 and 本年累计 of seven figures each): fitted to A4 landscape they
    would print at 72 %; instead each group prints at full size on its own page, 部门 repeated."""
    from zhixing_tui.services.printing.xlsx import UNIT_PT, column_slices, printed_font_size

    methods = ["执行完毕", "终结本次执行程序", "终结执行", "不予执行", "驳回申请", "销案", "其他"]
    cols = [Col("部门", width=26), *[Col(h, "int", width=10) for h in methods] * 2]
    wb = new_workbook()
    write_table(
        wb,
        "结案方式",
        cols,
        [["速执团队", *range(14)]],
        heading=["汝阳县人民法院 2026年11月 首次执行案件结案方式", "统计日 2026-11-30"],
        groups=[("", 1), ("本月", 7), ("本年累计", 7)],
    )
    ws = openpyxl.load_workbook(save_workbook(wb, tmp_path / "s.xlsx"))["结案方式"]
    assert not ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.scale == 100
    assert ws.page_setup.orientation == "landscape" and ws.print_title_cols == "$A:$A"
    assert [b.id for b in ws.col_breaks.brk] == [8]  # left of column I: 本年累计 starts a page
    slices = column_slices(ws)
    assert [len(s) for s in slices] == [8, 8]  # 部门 + 7 figures on each page
    assert all(sum(s) * UNIT_PT <= (11.69 - 0.8) * 72 for s in slices)
    assert printed_font_size(ws) == 11
    # the heading stands over each slice; the repeated column A holds none of it (it would print cut off)
    assert {"B1:H1", "I1:O1", "B2:H2", "I2:O2"} <= {m.coord for m in ws.merged_cells.ranges}
    assert ws["A1"].value is None and ws["B1"].value == ws["I1"].value
    assert ws["I1"].font.sz == 16 and ws["I2"].value == "统计日 2026-11-30"


def test_a_single_column_group_too_wide_is_sliced_by_columns(tmp_path):
    from zhixing_tui.services.printing.xlsx import UNIT_PT, column_slices, printed_font_size

    wb = new_workbook()
    ws = write_table(wb, "宽", [Col("甲", width=20), *[Col(f"列{i}", width=20) for i in range(9)]], [])
    assert [b.id for b in ws.col_breaks.brk] == [5, 9]  # 20 + 4 × 20 units a page: 4, 4 and 1
    assert all(sum(s) * UNIT_PT <= (11.69 - 0.8) * 72 for s in column_slices(ws))
    assert printed_font_size(ws) == 11


def test_a_long_heading_line_wraps_inside_the_table(tmp_path):
    """A heading line longer than the table wraps in its merged cells (LibreOffice would otherwise
    count the overflow into the print width and shrink the page)."""
    wb = new_workbook()
    line = (
        "本月 2026-11-01 至 2026-11-30；本年累计 2026-01-01 至 2026-11-30；统计日 2026-11-30；制表 2026-12-06"
    )
    ws = write_table(
        wb, "表", [Col("部门", width=20), Col("件数", "int", width=10)], [], heading=["标题", line]
    )
    assert ws["A2"].alignment.wrap_text and "A2:B2" in {m.coord for m in ws.merged_cells.ranges}
    assert ws.row_dimensions[2].height >= 16 * 3  # about 95 units in 30: four lines

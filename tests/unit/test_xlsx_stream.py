"""services.printing.xlsx_stream: a table streamed in write-only mode reads and prints exactly as
the same table written by write_table — values, styles, widths, row heights, merged heading,
frozen header, autofilter, print setup."""

from __future__ import annotations

import gc
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.xml.functions import tostring

from zhixing_tui.services.printing.xlsx import Col, new_workbook, save_workbook, write_table
from zhixing_tui.services.printing.xlsx_stream import new_stream_workbook, stream_table

NARROW = [
    Col("组/团队", width=12, wrap=True),
    Col("天数", "int", width=6),
    Col("案号", wrap=True),
    Col("金额", "money"),
    Col("到期日", "date"),
    Col("比例", "percent"),
    Col("备注"),
]
ROWS = [
    ["财产查控组（财产保全组）", 12, "（2026）豫0326执3953号", 123456, date(2026, 3, 4), 0.25, "=1+1"],
    ["速执团队", None, "（2026）豫0326执1号", None, datetime(2026, 3, 4, 9, 30), None, "-3"],
    [None, 0, "一段很长很长的文字\n第二行", 5, None, 1.0, "@SUM(A1)"],
    ["未分配（案件已结案，原由普执一团队办理）", 7, "短", 0, date(2026, 1, 1), 0.0, ""],
]
#: thirty columns of figures: too wide for a page even in landscape, printed in slices
WIDE = [Col("案号", width=20), *[Col(f"第{i}项", "money", width=12) for i in range(1, 30)]]
WIDE_ROWS = [[f"（2026）豫0326执{n}号", *[n * i for i in range(1, 30)]] for n in range(1, 6)]

#: the values repeated, in rows one line tall and taller, of every type a column may get: the body
#: rows work out a cell's style and type once per column, height and type of value (and kind of text)
MIXED = [
    Col("组/团队", width=12, wrap=True),
    Col("天数", "int", width=6),
    Col("到期日", "date", width=11),
    Col("金额", "money", width=12),
    Col("备注", width=10),
    Col("依据", width=22, wrap=True),
]
_MIXED_ROWS = [
    ["速执团队", 3, date(2026, 3, 4), 12345, "=A1", "短"],
    ["#N/A", None, None, None, "", "很长很长的依据，" * 6],
    [" 前后空格 ", True, datetime(2026, 3, 4, 9, 30), 1.5, Decimal("2.5"), None],
    ("速执团队", 3, date(2026, 3, 4), 12345, "=A1", "短"),
    ["未分配（案件已结案，原由普执一团队办理）", -2, "2026-03-04", "12", 7, date(2026, 5, 6)],
    ["速执团队", 3],
    ["速执团队", 3, date(2026, 3, 4), 12345, "+1", "短", "多出的一列"],
]
MIXED_ROWS = _MIXED_ROWS * 3


def _look(path):
    wb = load_workbook(path)
    out = {"title": wb.properties.title, "sheets": wb.sheetnames}
    for ws in wb.worksheets:
        cells = {
            c.coordinate: (
                c.value,
                c.data_type,
                c.number_format,
                c.quotePrefix,
                *(tostring(s.to_tree()) for s in (c.font, c.fill, c.alignment, c.border)),
            )
            for row in ws.iter_rows()
            for c in row
            if c.value is not None or c.has_style
        }
        out[ws.title] = {
            "cells": cells,
            "widths": {k: d.width for k, d in ws.column_dimensions.items()},
            "heights": {k: d.height for k, d in ws.row_dimensions.items() if d.height},
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "freeze": ws.freeze_panes,
            "filter": ws.auto_filter.ref,
            "print": [
                tostring(x.to_tree())
                for x in (ws.page_setup, ws.print_options, ws.page_margins, ws.HeaderFooter, ws.col_breaks)
            ],
            "fit": (ws.sheet_properties.pageSetUpPr.fitToPage, ws.page_setup.scale),
            "titles": (ws.print_title_rows, ws.print_title_cols),
        }
    return out


@pytest.mark.parametrize(
    ("columns", "rows", "options"),
    [
        (NARROW, ROWS, {"heading": ["汝阳县人民法院 报表", "超期 1 项　临期 2 项"], "landscape": True}),
        (NARROW, [], {"heading": ["空表"], "autofilter": False}),
        (WIDE, WIDE_ROWS, {"heading": ["很宽的表", "按列分段打印"], "footer": "汝阳县人民法院"}),
        ([Col("项目", width=12), Col("内容", width=70, wrap=True)], [["法院", "汝阳"], ["", "x" * 200]], {}),
        (MIXED, MIXED_ROWS, {"heading": ["汝阳县人民法院 超期节点"], "landscape": True}),
    ],
    ids=["narrow", "empty", "sliced", "notes", "mixed"],
)
def test_streamed_table_looks_as_written(tmp_path, columns, rows, options):
    written = new_workbook()
    streamed = new_stream_workbook()
    for wb in (written, streamed):
        wb.properties.title = "标题"
    write_table(written, "表1", columns, rows, print_title="打印标题", **options)
    stream_table(streamed, "表1", columns, rows, print_title="打印标题", **options)
    a = _look(save_workbook(written, tmp_path / "written.xlsx"))
    b = _look(save_workbook(streamed, tmp_path / "streamed.xlsx"))
    assert a == b
    if rows is WIDE_ROWS:  # the case it is there for: column breaks, a heading over each slice
        assert load_workbook(tmp_path / "written.xlsx")["表1"].col_breaks.brk
        assert len(a["表1"]["merged"]) > 2


# the streamed sheet left half-written is dropped here: openpyxl's writer complains as it is collected
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_streamed_text_a_sheet_cannot_hold_is_refused_as_written():
    """A control character in a value is refused by the streamed sheet as by write_table."""
    rows = [["速执团队", 1], ["速执\x01团队", 2]]
    with pytest.raises(IllegalCharacterError):
        write_table(new_workbook(), "表1", NARROW[:2], rows)
    wb = new_stream_workbook()
    with pytest.raises(IllegalCharacterError):
        stream_table(wb, "表1", NARROW[:2], rows)
    del wb
    gc.collect()


@pytest.mark.parametrize(
    "text", ["速执团队", "", " 前后空格 ", "=", "=1+1", "-3", "@SUM(A1)", "#N/A", "x" * 40000]
)
def test_body_text_is_kept_as_a_cell_keeps_it(text):
    """What the body rows look up for a text (kept value, data type, quote prefix) is what a cell
    written by put_value has — the long text cut as a cell cuts it."""
    from openpyxl.cell import Cell

    from zhixing_tui.services.printing.xlsx import put_value
    from zhixing_tui.services.printing.xlsx_stream import _Body

    ws = new_stream_workbook().create_sheet("表1")
    cell = put_value(Cell(ws), text)
    assert _Body(ws, [Col("备注")], {})._string(text) == (cell._value, (cell.data_type, cell.quotePrefix))

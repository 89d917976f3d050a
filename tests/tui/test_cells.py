"""Chinese text sized in terminal cells: fit() and column_widths()."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from zhixing_tui.services.cases.search import CaseRow
from zhixing_tui.tui.screens.search import CASE_COLUMNS, case_cells
from zhixing_tui.tui.widgets.cells import (
    Column,
    column_widths,
    fit,
    fit_columns,
    needed_width,
    visible_columns,
)


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("张三", 4, "张三"),
        ("张三丰", 4, "张…"),  # 张 (2) + … (1): a third cell would split 三
        ("张三丰", 5, "张三…"),
        ("汝阳县农村商业银行", 10, "汝阳县农…"),
        ("ab张", 3, "ab…"),
        ("abc", 0, ""),
        ("", 5, ""),
    ],
)
def test_fit(text, width, expected):
    assert fit(text, width) == expected
    assert cell_len(fit(text, width)) <= width


def test_column_widths_share_spare_room_by_weight():
    cols = [Column("a", "案号", 10), Column("b", "名称", 4, weight=1), Column("c", "其他", 4, weight=3)]
    assert column_widths(cols, 40, gap=2) == [10, 8, 16]  # 40 - 6 gaps - 18 = 16 spare: 4 and 12


def test_column_widths_respect_max_and_shrink_weighted_first():
    cols = [
        Column("a", "案号", 10),
        Column("b", "名称", 4, weight=1, max_width=6),
        Column("c", "其他", 4, weight=1),
    ]
    assert column_widths(cols, 40, gap=2) == [10, 6, 18]
    assert column_widths(cols, 20, gap=2) == [10, 4, 4]  # short of room: weighted columns go down to 4
    assert column_widths([Column("x", "申请执行人", 2)], 5, gap=0) == [10]  # never narrower than the header


@pytest.mark.parametrize("width", [78, 98, 158])
def test_search_columns_fit_the_terminal(width):
    row = CaseRow(
        1,
        "（2026）豫0326执12345号",
        "河南汝阳农村商业银行股份有限公司",
        "张三丰",
        123_456_789,
        "fast",
        "速执团队",
        "执行事务中心",
        "王五",
        "open",
        __import__("datetime").date(2026, 1, 2),
    )
    cells = case_cells(row)
    shown = visible_columns(CASE_COLUMNS, width)
    columns = fit_columns([CASE_COLUMNS[i] for i in shown], [[cells[i] for i in shown]])
    widths = column_widths(columns, width, gap=2)
    assert sum(widths) + 2 * len(columns) <= width
    for i, w in zip(shown, widths, strict=True):
        assert cell_len(fit(cells[i], w)) <= w
    assert columns[0].key == "case_no" and fit(cells[0], widths[0]) == "（2026）豫0326执12345号"


def test_droppable_columns_give_way_before_a_column_is_cut():
    cols = [
        Column("case_no", "案号", 24),
        Column("node", "节点", 16, weight=1),
        Column("team", "组/团队", 10, drop=1),
        Column("due", "到期日", 10, drop=2),
    ]
    assert needed_width(cols, gap=2) == 68
    assert visible_columns(cols, 68) == [0, 1, 2, 3]
    assert visible_columns(cols, 67) == [0, 1, 2]  # 到期日 goes first
    assert visible_columns(cols, 55) == [0, 1]
    assert visible_columns(cols, 30) == [0, 1]  # the others are never dropped


def test_a_fit_column_is_as_wide_as_its_widest_cell():
    cols = [Column("case_no", "案号", 4, fit=True), Column("node", "节点", 8, weight=1)]
    fitted = fit_columns(cols, [["（2025）豫0326执恢1234号", "x"], ["（2026）豫0326执1号", "y"]])
    assert [c.min_width for c in fitted] == [24, 8]
    assert column_widths(fitted, 40, gap=2) == [24, 12]

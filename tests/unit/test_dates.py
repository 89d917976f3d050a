"""Dates as typed and as spreadsheets hold them."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from zhixing_tui.domain.dates import format_date, format_date_cn, parse_date
from zhixing_tui.errors import InvalidValue

D = date(2026, 3, 5)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D, D),
        (datetime(2026, 3, 5, 14, 30), D),
        ("2026-03-05", D),
        ("2026-3-5", D),
        ("2026/3/5", D),
        ("2026/03/05", D),
        ("2026.03.05", D),
        ("2026.3.5", D),
        ("2026年3月5日", D),
        ("2026年03月05日", D),
        ("2026年3月5号", D),
        ("2026年3月5", D),
        ("2026 年 3 月 5 日", D),
        ("20260305", D),
        ("２０２６－０３－０５", D),
        ("２０２６年３月５日", D),
        ("  2026-03-05  ", D),
        ("\u30002026-03-05\u3000", D),
        ("2026-03-05 00:00:00", D),
        ("2026-03-05T08:15", D),
        ("2026/3/5 8:15:30", D),
        ("2024-02-29", date(2024, 2, 29)),
        ("1900-01-01", date(1900, 1, 1)),
        ("2100-12-31", date(2100, 12, 31)),
    ],
)
def test_parse_good(value: object, expected: date) -> None:
    result = parse_date(value)
    assert result == expected
    assert type(result) is date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (46086, D),
        (46086.0, D),
        (46086.75, D),  # the fraction is the time of day
        (61, date(1900, 3, 1)),
        (45658, date(2025, 1, 1)),
    ],
)
def test_excel_serial_when_allowed(value: float, expected: date) -> None:
    assert parse_date(value, allow_serial=True) == expected


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (46086, "数字 46086 不是日期"),
        (46086.0, "不是日期"),
    ],
)
def test_numbers_rejected_without_allow_serial(value: float, reason: str) -> None:
    with pytest.raises(InvalidValue) as info:
        parse_date(value)
    assert reason in info.value.message


@pytest.mark.parametrize("value", [0, 60, -1, 10_000_000, float("nan"), float("inf")])
def test_bad_serials(value: float) -> None:
    with pytest.raises(InvalidValue, match="不是有效的 Excel 日期序号"):
        parse_date(value, allow_serial=True)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2026-02-30", "日期不存在：2026-02-30（2026年2月只有28天）"),
        ("2025-02-29", "日期不存在：2025-02-29（2025年2月只有28天）"),
        ("2026-04-31", "日期不存在：2026-04-31（2026年4月只有30天）"),
        ("2026年2月30日", "日期不存在：2026年2月30日"),
        ("20260230", "日期不存在：20260230"),
        ("2026-13-01", "日期不存在：2026-13-01（月份应为1–12）"),
        ("2026-00-10", "月份应为1–12"),
        ("2026-01-00", "日期不存在：2026-01-00"),
        ("1899-12-31", "年份超出范围"),
        ("2101-01-01", "年份超出范围"),
        ("", "日期为空"),
        ("   ", "日期为空"),
        (None, "日期为空"),
        ("明天", "日期格式无法识别：「明天」"),
        ("2026-03", "日期格式无法识别"),
        ("2026-03/05", "日期格式无法识别"),
        ("26-3-5", "日期格式无法识别"),
        ("2026030", "日期格式无法识别"),
        ("3/5/2026", "日期格式无法识别"),
        (True, "日期无法识别"),
        ([2026, 3, 5], "类型 list 不是日期"),
    ],
)
def test_parse_bad(value: object, reason: str) -> None:
    with pytest.raises(InvalidValue) as info:
        parse_date(value)
    assert reason in info.value.message
    assert info.value.field == "日期"
    assert info.value.value == value


def test_field_name_in_message() -> None:
    with pytest.raises(InvalidValue) as info:
        parse_date("2026-02-30", field="立案日期")
    assert info.value.message.startswith("立案日期不存在：2026-02-30")
    assert info.value.field == "立案日期"


@pytest.mark.parametrize(
    ("d", "iso", "cn"),
    [
        (D, "2026-03-05", "2026年3月5日"),
        (date(2026, 12, 31), "2026-12-31", "2026年12月31日"),
        (datetime(2026, 3, 5, 9, 0), "2026-03-05", "2026年3月5日"),
    ],
)
def test_format(d: date, iso: str, cn: str) -> None:
    assert format_date(d) == iso
    assert format_date_cn(d) == cn
    assert parse_date(iso) == parse_date(cn)

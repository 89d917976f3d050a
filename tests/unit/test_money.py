"""Money is integer 分: parsing what people and spreadsheets give, and display."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zhixing_tui.domain.money import fen_to_yuan, format_money, format_money_wan, parse_money
from zhixing_tui.errors import InvalidValue


@pytest.mark.parametrize(
    ("value", "fen"),
    [
        (0, 0),
        (1, 100),
        (12345, 1_234_500),
        (Decimal("12345.67"), 1_234_567),
        (Decimal("12345.6700"), 1_234_567),
        (Decimal("0.01"), 1),
        ("12,345.67", 1_234_567),
        ("12345.67", 1_234_567),
        ("12345.67元", 1_234_567),
        ("12345元整", 1_234_500),
        ("１２３４５", 1_234_500),
        ("１２，３４５．６７", 1_234_567),
        ("￥1,000", 100_000),
        ("¥1,000.5", 100_050),
        ("人民币1000元", 100_000),
        ("RMB 1000", 100_000),
        ("1.5万", 1_500_000),
        ("1.5万元", 1_500_000),
        ("1.23456万", 1_234_560),
        ("1.234567万", 1_234_567),
        ("1,500万", 1_500_000_000),
        ("3亿", 30_000_000_000),
        (" 1 234.5 ", 123_450),
        ("\u300012345\u3000", 1_234_500),
        (".5", 50),
        ("5.", 500),
        ("12.3400", 1_234),
        ("1,234,567.89", 123_456_789),
        ("0", 0),
        ("-0", 0),
        ("+5", 500),
        (12345.67, 1_234_567),
        (0.1, 10),
        (1e3, 100_000),
        (100.0, 10_000),
    ],
)
def test_parse_good(value: object, fen: int) -> None:
    result = parse_money(value)
    assert result == fen
    assert type(result) is int


def test_float_goes_through_repr_not_binary() -> None:
    # 0.29 * 100 == 28.999999999999996 in binary floating point.
    assert parse_money(0.29) == 29
    assert parse_money(1234567.89) == 123_456_789


@pytest.mark.parametrize(
    ("value", "fen"),
    [
        ("-12.5", -1250),
        (-3, -300),
        (Decimal("-0.01"), -1),
        (-0.5, -50),
        ("-1.5万", -1_500_000),
        ("¥-10", -1000),
        ("-¥10", -1000),
    ],
)
def test_negative_allowed_when_asked(value: object, fen: int) -> None:
    assert parse_money(value, allow_negative=True) == fen


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("", "金额为空"),
        ("   ", "金额为空"),
        (None, "金额为空"),
        ("abc", "金额无法识别：「abc」"),
        ("12.34.5", "金额无法识别"),
        ("元", "金额无法识别"),
        ("万", "金额无法识别"),
        ("1万2千", "金额无法识别"),
        ("12,34", "千分位逗号位置不对：「12,34」"),
        ("1,2345.00", "千分位逗号位置不对"),
        ("12.345", "最多两位小数（到分）：「12.345」"),
        ("12.3401", "最多两位小数"),
        ("1.2345678万", "最多两位小数"),
        (Decimal("0.001"), "最多两位小数"),
        (0.125, "最多两位小数"),
        ("-5", "金额不能为负数：「-5」"),
        (-1, "不能为负数"),
        (Decimal("-1"), "不能为负数"),
        (-0.5, "不能为负数"),
        ("+-5", "正负号重复"),
        (float("nan"), "不是有效数字"),
        (float("inf"), "不是有效数字"),
        (float("-inf"), "不是有效数字"),
        (Decimal("NaN"), "不是有效数字"),
        (Decimal("Infinity"), "不是有效数字"),
        (True, "金额应为数字"),
        ([1], "类型 list 不是金额"),
        ("1" * 30, "金额过大"),
        (Decimal("1E+30"), "金额过大"),
    ],
)
def test_parse_bad(value: object, reason: str) -> None:
    with pytest.raises(InvalidValue) as info:
        parse_money(value)
    assert reason in info.value.message
    assert info.value.field == "金额"


def test_field_name_in_message() -> None:
    with pytest.raises(InvalidValue) as info:
        parse_money("12.345", field="申请执行标的额")
    assert info.value.message.startswith("申请执行标的额最多两位小数")
    assert info.value.field == "申请执行标的额"


def test_long_fraction_of_zeros_is_exact() -> None:
    assert parse_money("1." + "0" * 40) == 100
    with pytest.raises(InvalidValue, match="最多两位小数"):
        parse_money("1." + "0" * 40 + "1")


def test_huge_zero_exponent_is_zero() -> None:
    assert parse_money(Decimal("0E+1000000")) == 0


@pytest.mark.parametrize(
    ("fen", "text"),
    [
        (0, "0.00"),
        (1, "0.01"),
        (10, "0.10"),
        (100, "1.00"),
        (1_234_567, "12,345.67"),
        (123_456_789, "1,234,567.89"),
        (-1_234_567, "-12,345.67"),
        (-5, "-0.05"),
    ],
)
def test_format_money(fen: int, text: str) -> None:
    assert format_money(fen) == text
    assert parse_money(text, allow_negative=True) == fen


@pytest.mark.parametrize(
    ("fen", "text"),
    [
        (0, "0.00万"),
        (1_234_567, "1.23万"),
        (12_345_000, "12.35万"),  # 123,450 元 → 12.345万 → rounds half up
        (123_456_700, "123.46万"),
        (1_000_000, "1.00万"),
        (49, "0.00万"),
        (50, "0.00万"),
        (5_000, "0.01万"),
        (123_456_789_000, "123,456.79万"),
        (-12_345_000, "-12.35万"),
        (-49, "0.00万"),
    ],
)
def test_format_money_wan(fen: int, text: str) -> None:
    assert format_money_wan(fen) == text


@pytest.mark.parametrize(
    ("fen", "yuan"),
    [(0, Decimal("0.00")), (1_234_567, Decimal("12345.67")), (100, Decimal("1.00")), (-1, Decimal("-0.01"))],
)
def test_fen_to_yuan(fen: int, yuan: Decimal) -> None:
    result = fen_to_yuan(fen)
    assert result == yuan
    assert str(result) == str(yuan)


@pytest.mark.parametrize("bad", [1.5, "100", True, None])
def test_formatters_reject_non_int(bad: object) -> None:
    for fn in (format_money, format_money_wan, fen_to_yuan):
        with pytest.raises(InvalidValue, match="应为整数"):
            fn(bad)  # type: ignore[arg-type]

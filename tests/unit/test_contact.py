"""Phone numbers and bank accounts."""

from __future__ import annotations

import pytest
from stdnum import luhn

from zhixing_tui.domain.contact import check_bank_account, check_landline, check_mobile, check_phone
from zhixing_tui.errors import InvalidValue

# --- mobile -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("+8613812345678", "13812345678"),
        ("0086 13812345678", "13812345678"),
        ("8613812345678", "13812345678"),
        ("(+86)13812345678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        (" 19912345678 ", "19912345678"),
        ("16612345678", "16612345678"),
    ],
)
def test_mobile_good(text: str, expected: str) -> None:
    assert check_mobile(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "手机号为空"),
        ("1381234567", "应为11位数字，实为 10 位"),
        ("138123456789", "应为11位数字，实为 12 位"),
        ("12812345678", "应以13–19开头，实为「12」"),
        ("23812345678", "应以13–19开头"),
        ("1381234567a", "含非法字符「a」"),
        ("0376-6212345", "手机号应以13–19开头，实为「03」"),
    ],
)
def test_mobile_bad(text: str, reason: str) -> None:
    with pytest.raises(InvalidValue) as info:
        check_mobile(text)
    assert reason in info.value.message
    assert info.value.field == "手机号"


# --- landline -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0376-6212345", "0376-6212345"),
        ("03766212345", "0376-6212345"),
        ("0376 6212345", "0376-6212345"),
        ("(0376)6212345", "0376-6212345"),
        ("（0376）6212345", "0376-6212345"),
        ("０３７６－６２１２３４５", "0376-6212345"),
        ("0376-62123456", "0376-62123456"),
        ("010-62123456", "010-62123456"),
        ("01062123456", "010-62123456"),
        ("021-5123456", "021-5123456"),
        ("02787654321", "027-87654321"),
        ("0716-4123456", "0716-4123456"),
        ("0376-6212345-801", "0376-6212345-801"),
        ("0376-6212345转801", "0376-6212345-801"),
        ("0376-6212345 分机 801", "0376-6212345-801"),
        ("0376-6212345 ext. 801", "0376-6212345-801"),
        ("0376-6212345#801", "0376-6212345-801"),
    ],
)
def test_landline_good(text: str, expected: str) -> None:
    assert check_landline(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "固定电话为空"),
        ("6212345", "缺少区号"),
        ("0376-621234", "固定电话无法识别"),
        ("0376-621234567", "固定电话无法识别"),
        ("0376-0212345", "固定电话无法识别"),
        ("0376-6212345转abc", "分机号应为1–6位数字"),
        ("0376-6212345-801转2", "固定电话无法识别"),
        ("+86-376-6212345", "去掉国家代码"),
    ],
)
def test_landline_bad(text: str, reason: str) -> None:
    with pytest.raises(InvalidValue) as info:
        check_landline(text)
    assert reason in info.value.message
    assert info.value.field == "固定电话"


# --- either -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("138 1234 5678", "13812345678"),
        ("+86 13812345678", "13812345678"),
        ("0376-6212345", "0376-6212345"),
        ("(0376) 6212345 转 8", "0376-6212345-8"),
    ],
)
def test_phone_good(text: str, expected: str) -> None:
    assert check_phone(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "电话号码为空"),
        ("6212345", "电话号码无法识别"),
        ("1381234567", "手机号应为11位数字"),
        ("0376-62", "固定电话无法识别"),
    ],
)
def test_phone_bad(text: str, reason: str) -> None:
    with pytest.raises(InvalidValue) as info:
        check_phone(text)
    assert reason in info.value.message


# --- bank accounts ------------------------------------------------------------------------


def _luhn_card(prefix: str, length: int) -> str:
    body = prefix + "0" * (length - len(prefix) - 1)
    return body + luhn.calc_check_digit(body)


@pytest.mark.parametrize(
    "text",
    [
        "12345678",  # shortest
        "1" * 30,  # longest
        "41000100100012345678",  # a 20-digit corporate account
        _luhn_card("622202", 16),
        _luhn_card("622848", 19),
        "4367421234567890",  # 16 digits not starting with 62: no Luhn check
    ],
)
def test_bank_account_good(text: str) -> None:
    assert check_bank_account(text) == (text, ())


def test_bank_account_spaces_and_full_width() -> None:
    card = _luhn_card("6222", 19)
    spaced = " ".join(card[i : i + 4] for i in range(0, len(card), 4))
    assert check_bank_account(spaced) == (card, ())
    full = card.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert check_bank_account(full) == (card, ())


def test_bad_luhn_on_unionpay_card_is_a_warning() -> None:
    card = _luhn_card("622202", 19)
    bad = card[:-1] + str((int(card[-1]) + 1) % 10)
    digits, warnings = check_bank_account(bad)
    assert digits == bad
    assert len(warnings) == 1
    assert "Luhn" in warnings[0] and bad in warnings[0]


def test_luhn_not_run_outside_card_lengths() -> None:
    assert check_bank_account("62" + "1" * 18)[1] == ()  # 20 digits
    assert check_bank_account("62" + "1" * 13)[1] == ()  # 15 digits


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "银行账号为空"),
        ("1234567", "应为8–30位数字，实为 7 位"),
        ("1" * 31, "实为 31 位"),
        ("6222 0000 abcd", "只能是数字：第9位为「a」"),
    ],
)
def test_bank_account_bad(text: str, reason: str) -> None:
    with pytest.raises(InvalidValue) as info:
        check_bank_account(text)
    assert reason in info.value.message
    assert info.value.field == "银行账号"

"""Money: always an integer number of 分 (fen), never a float.

:func:`parse_money` reads what people type and what spreadsheets hold (``12,345.67``,
``12345.67元``, ``￥1,000``, ``1.5万``, full-width digits, an int of 元, a ``Decimal``, or a
spreadsheet float) and returns 分. :func:`format_money` and :func:`format_money_wan` display
分 as ``12,345.67`` and ``1.23万``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import cast

from ..errors import InvalidValue

__all__ = ["fen_to_yuan", "format_money", "format_money_wan", "parse_money", "plain_fen"]

FIELD = "金额"
_FORMS = "12,345.67、12345.67元 或 1.5万"
#: Largest absolute amount in 分 that fits a signed 64-bit integer column.
MAX_FEN = 2**63 - 1

#: 万 / 亿 shift the decimal point (exactly, by exponent, never by rounding arithmetic).
_UNIT_EXPONENTS = {"": 0, "万": 4, "亿": 8}

_MONEY_RE = re.compile(
    r"""
    (?P<sign1>[-+]?)
    (?:¥|RMB|CNY|人民币)?
    (?P<sign2>[-+]?)
    (?P<int>[0-9,]*)
    (?:\.(?P<frac>[0-9]*))?
    (?P<unit>万|亿)?
    (?:元整?|圆整?)?
    """,
    re.VERBOSE | re.IGNORECASE,
)
_GROUPED_RE = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})*")
_SPACES_RE = re.compile(r"\s+")
#: a plain amount: ASCII digits (thousands grouped by commas or not), at most two decimals, at
#: most 15 integer digits (far inside MAX_FEN), nothing else — no sign, unit or space
_PLAIN_RE = re.compile(r"([0-9]{1,3}(?:,[0-9]{3}){0,4}|[0-9]{1,15})(?:\.([0-9]{1,2}))?")
_PLAIN_INT_MAX = 10**15
_DIGIT_RE = re.compile(r"[0-9]")


def _fail(message: str, value: object, field: str) -> InvalidValue:
    return InvalidValue(message, field=field, value=value)


def _to_fen(amount: Decimal, shown: str, value: object, field: str, allow_negative: bool) -> int:
    if not amount.is_finite():
        raise _fail(f"{field}不是有效数字：{shown}", value, field)
    if not amount:
        return 0
    if amount.adjusted() > 17:
        raise _fail(f"{field}过大，超出可记录的范围：{shown}", value, field)
    # Exact conversion to 分 from the digits, so no context rounding can hide a third decimal.
    sign, digits, exponent = amount.as_tuple()
    assert isinstance(exponent, int)
    shift = exponent + 2
    if shift >= 0:
        fen = int("".join(map(str, digits)) or "0") * 10**shift
    else:
        dropped = digits[shift:] if -shift <= len(digits) else digits
        if any(dropped):
            raise _fail(f"{field}最多两位小数（到分）：{shown}", value, field)
        kept = digits[:shift]
        fen = int("".join(map(str, kept)) or "0")
    if sign:
        fen = -fen
    if fen < 0 and not allow_negative:
        raise _fail(f"{field}不能为负数：{shown}", value, field)
    if abs(fen) > MAX_FEN:
        raise _fail(f"{field}过大，超出可记录的范围：{shown}", value, field)
    return fen


def _parse_text(text: str, field: str, allow_negative: bool) -> int:
    shown = text.strip()
    s = unicodedata.normalize("NFKC", text)
    s = _SPACES_RE.sub("", s).replace("−", "-")
    if not s:
        raise _fail(f"{field}为空", text, field)
    m = _MONEY_RE.fullmatch(s)
    if m is None or not _DIGIT_RE.search((m.group("int") or "") + (m.group("frac") or "")):
        raise _fail(f"{field}无法识别：「{shown}」，应为 {_FORMS} 的形式", text, field)
    if m.group("sign1") and m.group("sign2"):
        raise _fail(f"{field}无法识别：「{shown}」，正负号重复", text, field)
    int_part = m.group("int") or ""
    if "," in int_part and not _GROUPED_RE.fullmatch(int_part):
        raise _fail(f"{field}的千分位逗号位置不对：「{shown}」，应为 12,345.67 的形式", text, field)
    frac = m.group("frac") or ""
    number = Decimal(f"{int_part.replace(',', '') or '0'}.{frac or '0'}")
    if "-" in (m.group("sign1") + m.group("sign2")):
        number = number.copy_negate()
    unit = m.group("unit") or ""
    sign, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)
    amount = Decimal((sign, digits, exponent + _UNIT_EXPONENTS[unit]))
    return _to_fen(amount, f"「{shown}」", text, field, allow_negative)


def plain_fen(value: object) -> int | None:
    """The 分 of a plain positive amount (an ``int`` of 元 up to 10¹⁵, or a ``float``/``str`` the
    fast paths of :func:`parse_money` read), exactly what :func:`parse_money` returns for it;
    ``None`` for anything else (which :func:`parse_money` must read, or reject, itself)."""
    kind = type(value)
    if kind is int:
        whole_yuan = cast(int, value)
        return whole_yuan * 100 if 0 <= whole_yuan <= _PLAIN_INT_MAX else None
    if kind is float and 0.01 <= cast(float, value) < 1e13:
        # below 10¹³ 元 no two amounts of whole 分 are the same float, and 100·value is within
        # 0.5 of its 分: when that many 分 give back the float, its repr reads as them
        fen = round(cast(float, value) * 100)
        if fen / 100 == value:
            return fen
    if kind is float or kind is str:
        m = _PLAIN_RE.fullmatch(repr(value) if kind is float else cast(str, value))
        if m is not None:
            whole, frac = m.group(1, 2)
            return int(whole.replace(",", "")) * 100 + (int(frac.ljust(2, "0")) if frac else 0)
    return None


def parse_money(value: object, *, allow_negative: bool = False, field: str = FIELD) -> int:
    """Read an amount of money and return it in 分 (fen).

    ``value`` may be an ``int`` (元), a ``Decimal`` (元), a ``str`` such as ``12,345.67``,
    ``12345.67元``, ``￥1,000``, ``1.5万元`` (full-width digits and spaces allowed), or a
    ``float`` as it comes out of a spreadsheet (read through its ``repr``; NaN/inf rejected).
    More than two decimals is an error unless the extra digits are zero; a negative amount
    is an error unless ``allow_negative``. ``field`` names the value in error messages.
    """
    # Fast paths for what a spreadsheet mostly holds (a plain positive amount with at most two
    # decimals); the result is what the general reading below gives, without its Decimal work.
    kind = type(value)
    if kind is int:
        whole_yuan = cast(int, value)
        if 0 <= whole_yuan <= _PLAIN_INT_MAX:
            return whole_yuan * 100
    elif kind is float or kind is str:
        m = _PLAIN_RE.fullmatch(repr(value) if kind is float else cast(str, value))
        if m is not None:
            whole, frac = m.group(1, 2)
            return int(whole.replace(",", "")) * 100 + (int(frac.ljust(2, "0")) if frac else 0)
    if isinstance(value, bool):
        raise _fail(f"{field}应为数字，实为 {value!r}", value, field)
    if isinstance(value, int):
        return _to_fen(Decimal(value), str(value), value, field, allow_negative)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise _fail(f"{field}不是有效数字：{value}", value, field)
        return _to_fen(value, str(value), value, field, allow_negative)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _fail(f"{field}不是有效数字：{value!r}", value, field)
        try:
            amount = Decimal(repr(value))
        except InvalidOperation:  # pragma: no cover - repr of a finite float always parses
            raise _fail(f"{field}不是有效数字：{value!r}", value, field) from None
        return _to_fen(amount, repr(value), value, field, allow_negative)
    if isinstance(value, str):
        return _parse_text(value, field, allow_negative)
    if value is None:
        raise _fail(f"{field}为空", value, field)
    raise _fail(f"{field}无法识别：类型 {type(value).__name__} 不是金额", value, field)


def _check_fen(fen: object) -> int:
    if isinstance(fen, bool) or not isinstance(fen, int):
        raise InvalidValue(f"金额（分）应为整数，实为 {fen!r}", field=FIELD, value=fen)
    return fen


def format_money(fen: int) -> str:
    """``1234567`` → ``"12,345.67"``; negative amounts get a leading ``-``."""
    fen = _check_fen(fen)
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    return f"{sign}{yuan:,}.{cents:02d}"


def format_money_wan(fen: int) -> str:
    """Compact display in 万元, two decimals rounded half up: ``123456700`` → ``"123.46万"``."""
    fen = _check_fen(fen)
    wan = (Decimal(fen) / Decimal(1_000_000)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if wan == 0:
        wan = abs(wan)  # no "-0.00万"
    return f"{wan:,.2f}万"


def fen_to_yuan(fen: int) -> Decimal:
    """``1234567`` → ``Decimal("12345.67")`` (always two decimal places)."""
    fen = _check_fen(fen)
    return Decimal(fen).scaleb(-2)

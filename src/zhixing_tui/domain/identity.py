"""Identity numbers of parties: 居民身份证号 and 统一社会信用代码.

Both are 18 characters with a check character. The checks here say precisely what is wrong
(length, a bad character and where, the check character expected vs. found, an impossible
birth date). An unknown region code is *not* an error: stdnum's region table lacks some
codes and dates others by the years they were in use, so a doubtful code only becomes a
warning in :attr:`IdInfo.warnings`. A code counts as known when it was in use at some time
between the birth year and now (IDs are issued at or after birth): 410381 偃师市 (1993–2021)
for someone born in 1990 is a real number, though ``stdnum.cn.ric.validate`` rejects it.

Generators for synthetic demo data (:func:`make_resident_id`, :func:`make_credit_code`)
always produce numbers that pass these checks.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Literal

from stdnum import numdb
from stdnum.cn import ric, uscc

from ..errors import InvalidValue

__all__ = [
    "IdInfo",
    "check_credit_code",
    "check_identity",
    "check_resident_id",
    "make_credit_code",
    "make_resident_id",
]

RESIDENT_ID_FIELD = "身份证号"
CREDIT_CODE_FIELD = "统一社会信用代码"
IDENTITY_FIELD = "证件号码"

BIRTH_MIN = date(1900, 1, 1)

#: Characters of a 统一社会信用代码 (GB 32100-2015): digits and capitals except I O Z S V.
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"

Kind = Literal["resident_id", "credit_code"]


@dataclass(frozen=True, slots=True)
class IdInfo:
    """What a valid identity number tells: normalised number, kind and, for a 身份证, the person."""

    number: str
    kind: Kind
    birth_date: date | None = None
    gender: str | None = None  # "男" / "女" for a resident ID
    region_code: str | None = None
    warnings: tuple[str, ...] = ()
    region_name: str | None = None


_SPACES_DASHES_RE = re.compile(r"[\s\-]+")
_DIGITS_X_RE = re.compile(r"[0-9]+X?")
#: an 18-character 身份证号 of ASCII digits (the last may be X): no character needs a message
_RESIDENT_ID_CHARS_RE = re.compile(r"[0-9]{17}[0-9X]")


def _clean(text: object, field: str) -> str:
    if not isinstance(text, str):
        raise InvalidValue(f"{field}应为文字，实为 {type(text).__name__}", field=field, value=text)
    s = unicodedata.normalize("NFKC", text)
    return _SPACES_DASHES_RE.sub("", s).upper()


# --- 居民身份证 ------------------------------------------------------------------------


def _ric_check_char(first17: str) -> str:
    # ISO 7064 MOD 11-2, as stdnum computes it (it ignores the last character).
    return ric.calc_check_digit(first17 + "0")


@lru_cache(maxsize=4096)
def _region_lookup(region_code: str, birth_year: int, this_year: int) -> tuple[str | None, str | None]:
    """Return (region name, warning) for the region code of someone born in ``birth_year``.

    A number is assigned when the card is first issued, at or after birth, so the code
    only has to have been in use at some time between the birth year and now (stdnum's own
    check insists on the birth year itself, which flags real numbers such as 410381 偃师市
    for people born before 1993).
    """
    info: dict[str, str] = {}
    for _part, props in numdb.get("cn/loc").info(region_code):
        info.update(props)
    province = info.get("province")
    counties = info.get("county")
    if not province:
        return None, f"地区代码 {region_code} 不在行政区划表中，请核对号码前6位"
    if not counties:
        return province, f"地区代码 {region_code} 只能识别到{province}，区县代码不在行政区划表中，请核对"
    spans: list[str] = []
    names: list[str] = []
    for county in counties.split(","):
        if not county.startswith("["):
            return province + county, None
        span, name = county[1:].split("]", 1)
        start, end = span.split("-")
        if (not start or int(start) <= this_year) and (not end or int(end) >= birth_year):
            return province + name, None
        spans.append(f"{name} {start or '…'}–{end or '至今'}年")
        names.append(name)
    known = "、".join(dict.fromkeys(names))
    return (
        province + known,
        f"地区代码 {region_code}（{province}，{'；'.join(spans)}）在出生年份 {birth_year} 之后未使用过，"
        "请核对号码前6位",
    )


def check_resident_id(text: str, *, today: date) -> IdInfo:
    """Validate an 18-digit 居民身份证号; return its :class:`IdInfo` or raise ``InvalidValue``.

    Lower-case ``x`` and full-width digits are accepted; spaces and dashes are ignored.
    ``today`` (the desk's date) bounds the birth date.
    """
    return _resident_id(_clean(text, RESIDENT_ID_FIELD), text, today)


def _resident_id(s: str, text: str, today: date) -> IdInfo:
    """:func:`check_resident_id` of ``text`` once cleaned (``s``)."""
    field = RESIDENT_ID_FIELD
    if not s:
        raise InvalidValue("身份证号为空", field=field, value=text)
    if len(s) != 18:
        hint = "（15位为旧号码，请填写18位号码）" if len(s) == 15 and s.isdigit() else ""
        raise InvalidValue(f"身份证号应为18位，实为 {len(s)} 位：{s}{hint}", field=field, value=text)
    for i, ch in enumerate(s if not _RESIDENT_ID_CHARS_RE.fullmatch(s) else "", start=1):
        ok = (ch.isascii() and ch.isdigit()) or (i == 18 and ch == "X")
        if not ok:
            where = "前17位只能是数字" if i < 18 else "第18位只能是数字或 X"
            raise InvalidValue(f"身份证号含非法字符：第{i}位为「{ch}」，{where}", field=field, value=text)

    y, m, d = int(s[6:10]), int(s[10:12]), int(s[12:14])
    birth_text = f"{s[6:10]}-{s[10:12]}-{s[12:14]}"
    try:
        birth = date(y, m, d)
    except ValueError:
        raise InvalidValue(
            f"身份证号中的出生日期不存在：{birth_text}（第7–14位）", field=field, value=text
        ) from None
    if birth < BIRTH_MIN:
        raise InvalidValue(f"身份证号中的出生日期过早：{birth_text}，不应早于1900年", field=field, value=text)
    if birth > today:
        raise InvalidValue(f"身份证号中的出生日期在未来：{birth_text}", field=field, value=text)

    expected = _ric_check_char(s[:17])
    if s[17] != expected:
        raise InvalidValue(f"身份证号校验位错误：应为 {expected}，实为 {s[17]}", field=field, value=text)

    region_code = s[:6]
    region_name, warning = _region_lookup(region_code, y, today.year)
    return IdInfo(
        number=s,
        kind="resident_id",
        birth_date=birth,
        gender="男" if int(s[16]) % 2 == 1 else "女",
        region_code=region_code,
        warnings=(warning,) if warning else (),
        region_name=region_name,
    )


# --- 统一社会信用代码 -------------------------------------------------------------------


def check_credit_code(text: str) -> IdInfo:
    """Validate an 18-character 统一社会信用代码; return its :class:`IdInfo` or raise ``InvalidValue``."""
    field = CREDIT_CODE_FIELD
    s = _clean(text, field)
    if not s:
        raise InvalidValue("统一社会信用代码为空", field=field, value=text)
    if len(s) != 18:
        raise InvalidValue(f"统一社会信用代码应为18位，实为 {len(s)} 位：{s}", field=field, value=text)
    for i, ch in enumerate(s, start=1):
        if 3 <= i <= 8:
            if not (ch.isascii() and ch.isdigit()):
                raise InvalidValue(
                    f"统一社会信用代码含非法字符：第{i}位为「{ch}」，第3–8位（登记管理机关行政区划码）只能是数字",
                    field=field,
                    value=text,
                )
        elif ch not in CREDIT_CODE_ALPHABET:
            raise InvalidValue(
                f"统一社会信用代码含非法字符：第{i}位为「{ch}」，只能是数字或大写字母（不使用 I、O、Z、S、V）",
                field=field,
                value=text,
            )
    expected = uscc.calc_check_digit(s[:17])
    if s[17] != expected:
        raise InvalidValue(
            f"统一社会信用代码校验位错误：应为 {expected}，实为 {s[17]}", field=field, value=text
        )
    return IdInfo(number=s, kind="credit_code", region_code=s[2:8])


def plain_resident_id(text: object, today: date) -> str | None:
    """``text`` when it is a plain 身份证号 (18 ASCII digits, the last may be X) that
    :func:`check_identity` accepts without a warning: then what it returns as the number;
    ``None`` for anything else (which :func:`check_identity` must read, or reject, itself)."""
    if type(text) is not str or not _RESIDENT_ID_CHARS_RE.fullmatch(text):
        return None
    try:
        birth = date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        return None
    if birth < BIRTH_MIN or birth > today:
        return None
    check = (1 - 2 * int(text[:17], 13)) % 11  # _ric_check_char, inlined
    if text[17] != ("X" if check == 10 else str(check)):
        return None
    return None if _region_lookup(text[:6], birth.year, today.year)[1] else text


def check_identity(text: str, *, today: date) -> IdInfo:
    """Validate either kind, telling them apart by shape.

    All digits (the last may be X) is read as a 身份证号; anything else as a 统一社会信用代码.
    A few credit codes are all digits too, so when the 身份证 check fails but the credit-code
    check passes, the credit code is returned.
    """
    # a plain 18-character 身份证号 is already clean (NFKC, spaces, dashes, case change nothing)
    plain = type(text) is str and _RESIDENT_ID_CHARS_RE.fullmatch(text)
    s = text if plain else _clean(text, IDENTITY_FIELD)
    if not s:
        raise InvalidValue("证件号码为空", field=IDENTITY_FIELD, value=text)
    if _DIGITS_X_RE.fullmatch(s):
        try:
            return _resident_id(s, text, today)
        except InvalidValue as id_error:
            if len(s) == 18:
                try:
                    return check_credit_code(text)
                except InvalidValue:
                    pass
            raise id_error from None
    return check_credit_code(text)


# --- generators for demo data ------------------------------------------------------------


def make_resident_id(rng: random.Random, region_code: str, birth: date, male: bool) -> str:
    """A synthetic 身份证号 that passes :func:`check_resident_id` (order code odd for men)."""
    if not re.fullmatch(r"[0-9]{6}", region_code):
        raise InvalidValue(f"地区代码应为6位数字，实为「{region_code}」", field="地区代码", value=region_code)
    if birth < BIRTH_MIN:
        raise InvalidValue(
            f"出生日期不应早于1900-01-01，实为 {birth.isoformat()}", field="出生日期", value=birth
        )
    order = rng.randrange(0, 100) * 10 + rng.choice((1, 3, 5, 7, 9) if male else (0, 2, 4, 6, 8))
    if order == 0:  # 000 is not issued
        order = 10 * rng.randrange(1, 100)
    first17 = f"{region_code}{birth:%Y%m%d}{order:03d}"
    return first17 + _ric_check_char(first17)


def _org_code(rng: random.Random) -> str:
    """A 9-character 组织机构代码 (GB 11714) with its own check character."""
    body = "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(ch, 36) * w for ch, w in zip(body, weights, strict=True))
    c = 11 - total % 11
    check = "X" if c == 10 else "0" if c == 11 else str(c)
    return body + check


def make_credit_code(rng: random.Random, region_code: str) -> str:
    """A synthetic 统一社会信用代码 (工商登记 ``91`` + region + 组织机构代码 + check char)."""
    if not re.fullmatch(r"[0-9]{6}", region_code):
        raise InvalidValue(f"地区代码应为6位数字，实为「{region_code}」", field="地区代码", value=region_code)
    first17 = "91" + region_code + _org_code(rng)
    return first17 + uscc.calc_check_digit(first17)

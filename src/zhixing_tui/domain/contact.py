"""Contact details of parties: mobile and landline numbers, bank account numbers.

Each check returns the number in a normalised form or raises
:class:`~zhixing_tui.errors.InvalidValue` with a Chinese reason:

* mobile — 11 digits ``1[3-9]xxxxxxxxx``; ``+86``/``0086``, spaces and dashes are dropped;
* landline — area code (``010``, ``02x`` or ``0xxx``) and a 7–8 digit number, normalised to
  ``0376-6212345``, with an optional extension (``-801``, ``转801``) kept as ``0376-6212345-801``;
* bank account — 8–30 digits; a bank card (16–19 digits starting ``62``, 银联) that fails the
  Luhn check only yields a warning, as some accounts legitimately do not carry one.
"""

from __future__ import annotations

import re
import unicodedata

from stdnum import luhn

from ..errors import InvalidValue

__all__ = ["check_bank_account", "check_landline", "check_mobile", "check_phone"]

MOBILE_FIELD = "手机号"
LANDLINE_FIELD = "固定电话"
PHONE_FIELD = "电话"
BANK_FIELD = "银行账号"

_MOBILE_RE = re.compile(r"1[3-9][0-9]{9}")
# 010 and 02x are the three-digit area codes; every other area code has four digits.
_LANDLINE_RE = re.compile(
    r"(?P<area>010|02[0-9]|0[3-9][0-9]{2})-?(?P<local>[2-9][0-9]{6,7})(?:-(?P<ext>[0-9]{1,6}))?"
)
_SPACES_DASHES_PARENS_RE = re.compile(r"[\s\-()]+")
_EXT_SPLIT_RE = re.compile(r"(?:转|分机|ext\.?|x|#)", re.IGNORECASE)


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("—", "-").replace("–", "-")


def _require_text(text: object, field: str) -> str:
    if not isinstance(text, str):
        if isinstance(text, int) and not isinstance(text, bool):
            return str(text)
        raise InvalidValue(f"{field}应为文字，实为 {type(text).__name__}", field=field, value=text)
    return text


def _strip_country_code(digits: str) -> str:
    if digits.startswith("+86"):
        return digits[3:]
    if digits.startswith("0086"):
        return digits[4:]
    if digits.startswith("86") and len(digits) == 13:
        return digits[2:]
    return digits


def check_mobile(text: str) -> str:
    """Return the 11 digits of a mainland mobile number (``+86 138-0000-0000`` → ``13800000000``)."""
    field = MOBILE_FIELD
    raw = _require_text(text, field)
    shown = raw.strip()
    s = _SPACES_DASHES_PARENS_RE.sub("", _nfkc(raw))
    if not s:
        raise InvalidValue("手机号为空", field=field, value=text)
    s = _strip_country_code(s)
    bad = next((ch for ch in s if not (ch.isascii() and ch.isdigit())), None)
    if bad is not None:
        raise InvalidValue(f"手机号含非法字符「{bad}」：{shown}", field=field, value=text)
    if len(s) != 11:
        raise InvalidValue(f"手机号应为11位数字，实为 {len(s)} 位：{shown}", field=field, value=text)
    if not _MOBILE_RE.fullmatch(s):
        raise InvalidValue(f"手机号应以13–19开头，实为「{s[:2]}」：{shown}", field=field, value=text)
    return s


def check_landline(text: str) -> str:
    """Return a landline as ``区号-号码`` (``(0376)6212345`` → ``0376-6212345``), extension kept as ``-分机``."""
    field = LANDLINE_FIELD
    raw = _require_text(text, field)
    shown = raw.strip()
    s = re.sub(r"\s+", "", _nfkc(raw))
    if not s:
        raise InvalidValue("固定电话为空", field=field, value=text)
    parts = _EXT_SPLIT_RE.split(s, maxsplit=1)
    main = parts[0]
    ext = parts[1] if len(parts) > 1 else None
    if ext is not None and not re.fullmatch(r"[0-9]{1,6}", ext):
        raise InvalidValue(f"固定电话分机号应为1–6位数字：{shown}", field=field, value=text)
    # "(0376)6212345" → "0376-6212345"
    main = re.sub(r"^\((0[0-9]{2,3})\)-?", r"\1-", main)
    if main.startswith("+86") or main.startswith("0086"):
        raise InvalidValue(
            f"固定电话请去掉国家代码 +86，写成带区号的形式，如 0376-6212345：{shown}", field=field, value=text
        )
    if not main.startswith("0"):
        raise InvalidValue(
            f"固定电话缺少区号：应为 0376-6212345 的形式，实为「{shown}」", field=field, value=text
        )
    m = _LANDLINE_RE.fullmatch(main)
    if m is None or (ext is not None and m["ext"] is not None):
        raise InvalidValue(
            f"固定电话无法识别：「{shown}」，应为区号（3–4位，以0开头）加7–8位号码，如 0376-6212345",
            field=field,
            value=text,
        )
    ext = ext if ext is not None else m["ext"]
    result = f"{m['area']}-{m['local']}"
    return f"{result}-{ext}" if ext else result


def check_phone(text: str) -> str:
    """Either a mobile (returned as 11 digits) or a landline (returned as ``0376-6212345``)."""
    if type(text) is str and _MOBILE_RE.fullmatch(text):
        return text  # 11 plain digits: what check_mobile returns for them
    raw = _require_text(text, PHONE_FIELD)
    compact = _strip_country_code(_SPACES_DASHES_PARENS_RE.sub("", _nfkc(raw)))
    if not compact:
        raise InvalidValue("电话号码为空", field=PHONE_FIELD, value=text)
    if compact.startswith("1"):
        return check_mobile(raw)
    if compact.startswith("0"):
        return check_landline(raw)
    raise InvalidValue(
        f"电话号码无法识别：「{raw.strip()}」，应为11位手机号或带区号的固定电话（如 0376-6212345）",
        field=PHONE_FIELD,
        value=text,
    )


def check_bank_account(text: str) -> tuple[str, tuple[str, ...]]:
    """Return ``(digits, warnings)`` for a bank account or card number.

    Spaces and dashes are removed; 8–30 digits are accepted. A 16–19 digit number starting
    with ``62`` (银联 card) is Luhn-checked; a failure is a warning, not an error.
    """
    field = BANK_FIELD
    raw = _require_text(text, field)
    shown = raw.strip()
    s = re.sub(r"[\s\-]+", "", _nfkc(raw))
    if not s:
        raise InvalidValue("银行账号为空", field=field, value=text)
    for i, ch in enumerate(s, start=1):
        if not (ch.isascii() and ch.isdigit()):
            raise InvalidValue(f"银行账号只能是数字：第{i}位为「{ch}」：{shown}", field=field, value=text)
    if not 8 <= len(s) <= 30:
        raise InvalidValue(
            f"银行账号位数不对：应为8–30位数字，实为 {len(s)} 位：{shown}", field=field, value=text
        )
    warnings: list[str] = []
    if 16 <= len(s) <= 19 and s.startswith("62") and not luhn.is_valid(s):
        warnings.append(f"银行卡号 {s} 未通过校验（Luhn），请核对是否输错")
    return s, tuple(warnings)

"""案号 (case number) of an enforcement case: parsing, normalising and sorting.

The standard form is ``（2026）豫0326执123号``: the year in full-width parentheses, the court
code (a provincial short name plus the court's digits), the case-type code and the serial
number, ending in 号. Digits are ASCII.

Input is forgiving: half-width ``()`` or full-width ``（）`` (also ``〔〕``/``[]``/``【】``),
full-width digits, stray spaces anywhere and a missing trailing 号 are all accepted. Anything
else is rejected with :class:`~zhixing_tui.errors.InvalidValue` whose Chinese message says
exactly what is wrong.

Court codes: the province short name alone is a 高级人民法院 (``豫``), with two digits an
中级人民法院 (``豫15``), with four digits a 基层人民法院 (``豫0326``). 执复/执监 cases are
heard by the higher courts, so all three shapes are accepted.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..errors import InvalidValue

__all__ = [
    "COURT_PROVINCES",
    "TYPE_CODES",
    "YEAR_MAX",
    "YEAR_MIN",
    "CaseNo",
    "case_no_sort_key",
    "parse_case_no",
    "normalize_case_no",
    "short_case_no",
]

FIELD = "案号"
EXAMPLE = "（2026）豫0326执123号"

TYPE_CODES: tuple[str, ...] = ("执", "执恢", "执保", "执异", "执复", "执监", "执协", "执他")
_TYPES_LONGEST_FIRST = tuple(sorted(TYPE_CODES, key=len, reverse=True))
_TYPE_ORDER = {code: i for i, code in enumerate(TYPE_CODES)}

#: The provincial short names used in court case numbers (内蒙古 is 内 in 案号; 兵 is the
#: 新疆生产建设兵团 court system).
COURT_PROVINCES: str = "京津冀晋内辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新兵"

YEAR_MIN = 1990
YEAR_MAX = 2100
#: a court's yearly sequence never nears a million; more digits would overflow the database's integer
NUMBER_DIGITS = 7

_COURT_DIGITS_ALLOWED = (0, 2, 4)
_COURT_CODE_RE = re.compile(rf"[{COURT_PROVINCES}](?:\d{{2}}|\d{{4}})?")
#: a 案号 as the national system writes it, (half- or full-width) brackets and all, nothing to
#: clean or to complain about but its year's range (what most rows of an import hold; anything
#: else goes through the full reading of :func:`parse_case_no`)
_STANDARD_RE = re.compile(
    rf"[(（]([0-9]{{4}})[)）]([{COURT_PROVINCES}](?:[0-9]{{2}}|[0-9]{{4}})?)"
    rf"({'|'.join(sorted(TYPE_CODES, key=len, reverse=True))})([0-9]{{1,{NUMBER_DIGITS}}})号?"
)

# Opening/closing brackets accepted around the year, after NFKC (which already maps
# full-width （） to ()).
# compiled once: parse_case_no runs for every row of an import
_SPACES_RE = re.compile(r"\s+")
_DIGITS_RE = re.compile(r"\d+")
_OPT_DIGITS_RE = re.compile(r"\d*")
_NON_DIGITS_RE = re.compile(r"\D*")
_OPEN = "(〔[【"
_CLOSE = ")〕]】"

_ACCEPTED_TYPES = "、".join(TYPE_CODES)


@dataclass(frozen=True, slots=True, order=False)
class CaseNo:
    """A parsed 案号. Construct with :func:`parse_case_no` or directly with valid parts."""

    year: int
    court_code: str
    type_code: str
    number: int

    def __post_init__(self) -> None:
        if isinstance(self.year, bool) or not isinstance(self.year, int):
            raise InvalidValue(f"案号年份应为整数：{self.year!r}", field=FIELD, value=self.year)
        if not YEAR_MIN <= self.year <= YEAR_MAX:
            raise InvalidValue(
                f"案号年份超出范围：应在{YEAR_MIN}–{YEAR_MAX}之间，实为 {self.year}",
                field=FIELD,
                value=self.year,
            )
        if not isinstance(self.court_code, str) or not _COURT_CODE_RE.fullmatch(self.court_code):
            raise InvalidValue(
                f"法院代字无法识别：「{self.court_code}」，应为省份简称加数字，如 豫0326",
                field=FIELD,
                value=self.court_code,
            )
        if self.type_code not in _TYPE_ORDER:
            raise InvalidValue(
                f"案件类型代字无法识别：「{self.type_code}」，应为 {_ACCEPTED_TYPES} 之一",
                field=FIELD,
                value=self.type_code,
            )
        if isinstance(self.number, bool) or not isinstance(self.number, int) or self.number <= 0:
            raise InvalidValue(f"案件序号应为正整数，实为 {self.number!r}", field=FIELD, value=self.number)

    @property
    def text(self) -> str:
        """The standard form, e.g. ``（2026）豫0326执123号``."""
        return f"（{self.year}）{self.court_code}{self.type_code}{self.number}号"

    def __str__(self) -> str:
        return self.text


_new = object.__new__
_set = object.__setattr__


def _trusted(year: int, court_code: str, type_code: str, number: int) -> CaseNo:
    """A :class:`CaseNo` from parts already known valid (what ``_STANDARD_RE`` matched, its year
    in range, its number positive), without ``__post_init__``'s checks of them again."""
    no = _new(CaseNo)
    _set(no, "year", year)
    _set(no, "court_code", court_code)
    _set(no, "type_code", type_code)
    _set(no, "number", number)
    return no


def _fail(message: str, original: object) -> InvalidValue:
    return InvalidValue(message, field=FIELD, value=original)


def _clean(text: str) -> str:
    # NFKC maps full-width digits, parentheses and the ideographic space to ASCII.
    s = unicodedata.normalize("NFKC", text)
    return _SPACES_RE.sub("", s)


def parse_case_no(text: str) -> CaseNo:
    """Read a 案号, tolerating the usual input variations; raise ``InvalidValue`` if unreadable."""
    if not isinstance(text, str):
        raise _fail(f"案号应为文字，实为 {type(text).__name__}", text)
    m = _STANDARD_RE.fullmatch(text)
    if m is not None:
        year, number = int(m[1]), int(m[4])
        if YEAR_MIN <= year <= YEAR_MAX and number > 0:
            return _trusted(year, m[2], m[3], number)  # every part checked by the match above
    s = _clean(text)
    if not s:
        raise _fail(f"案号为空：应为{EXAMPLE}的形式", text)

    pos = 0
    # --- year ---------------------------------------------------------------------------
    if s[0] in _OPEN:
        close_at = next((i for i, ch in enumerate(s) if ch in _CLOSE), -1)
        if close_at < 0:
            raise _fail(f"案号年份的括号不完整：「{text.strip()}」，应为{EXAMPLE}的形式", text)
        year_text = s[1:close_at]
        pos = close_at + 1
        if not year_text:
            raise _fail(f"案号缺少年份：括号内为空，应为{EXAMPLE}的形式", text)
        if not year_text.isdigit() or not year_text.isascii():
            raise _fail(f"案号年份不是数字：「{year_text}」，应为{EXAMPLE}的形式", text)
        if len(year_text) != 4:
            raise _fail(f"案号年份应为四位数字，实为「{year_text}」", text)
    else:
        m = _DIGITS_RE.match(s)
        if m and len(m.group()) == 4 and len(s) > 4 and s[4] in COURT_PROVINCES:
            # "2026豫0326执123号": year without parentheses, unambiguous.
            year_text = m.group()
            pos = 4
        else:
            raise _fail(f"案号缺少年份：应为{EXAMPLE}的形式", text)
    year = int(year_text)
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise _fail(f"案号年份超出范围：应在{YEAR_MIN}–{YEAR_MAX}之间，实为 {year}", text)

    # --- court code ---------------------------------------------------------------------
    if pos >= len(s):
        raise _fail(f"案号缺少法院代字：年份后应为省份简称加数字，如 {EXAMPLE}", text)
    province = s[pos]
    if province.isdigit():
        raise _fail(f"法院代字缺少省份简称：数字前应有省级简称，如 豫0326，应为{EXAMPLE}的形式", text)
    if province not in COURT_PROVINCES:
        raise _fail(
            f"法院代字无法识别：「{province}」不是省级简称（如 豫、鄂、京），应为{EXAMPLE}的形式",
            text,
        )
    m = _OPT_DIGITS_RE.match(s, pos + 1)
    assert m is not None
    court_digits = m.group()
    if len(court_digits) not in _COURT_DIGITS_ALLOWED:
        raise _fail(
            f"法院代字无法识别：「{province}{court_digits}」，省份简称后应为四位数字（基层法院，如 豫0326）"
            f"或两位数字（中级法院，如 豫15），实为{len(court_digits)}位",
            text,
        )
    court_code = province + court_digits
    pos = m.end()

    # --- type code ----------------------------------------------------------------------
    m = _NON_DIGITS_RE.match(s, pos)
    assert m is not None
    type_run = m.group()
    if not type_run:
        raise _fail(f"案号缺少案件类型代字：法院代字后应为 {_ACCEPTED_TYPES} 之一", text)
    type_code = next((t for t in _TYPES_LONGEST_FIRST if type_run.startswith(t)), None)
    if type_code is None or (type_run != type_code and type_run != type_code + "号"):
        raise _fail(
            f"案件类型代字无法识别：「{type_run}」，应为 {_ACCEPTED_TYPES} 之一",
            text,
        )
    if type_run != type_code:  # "执号" with no number
        raise _fail(f"案号缺少案件序号：「{type_code}」后应为数字，如 {EXAMPLE}", text)
    pos = m.end()

    # --- number -------------------------------------------------------------------------
    m = _DIGITS_RE.match(s, pos)
    if m is None:
        raise _fail(f"案号缺少案件序号：「{type_code}」后应为数字，如 {EXAMPLE}", text)
    if len(m.group().lstrip("0")) > NUMBER_DIGITS:
        raise _fail(f"案件序号过大：最多 {NUMBER_DIGITS} 位数字，实为「{m.group()[:20]}」", text)
    number = int(m.group())
    if number <= 0:
        raise _fail(f"案件序号应为正整数，实为「{m.group()}」", text)
    pos = m.end()

    # --- tail -----------------------------------------------------------------------------
    if s.startswith("号", pos):
        pos += 1
    rest = s[pos:]
    if rest:
        raise _fail(f"案号末尾有多余内容：「{rest}」，应以「号」结束，如 {EXAMPLE}", text)

    return CaseNo(year=year, court_code=court_code, type_code=type_code, number=number)


def normalize_case_no(text: str) -> str:
    """The standard text of a 案号: ``normalize_case_no("(2026)豫0326执123") == "（2026）豫0326执123号"``."""
    return parse_case_no(text).text


def short_case_no(case_no: CaseNo | str) -> str:
    """The 案号 without its court code, for lists of one court's own cases where the code is the
    same on every row: ``（2026）鄂1088执12号`` → ``2026执12号``. Text that is not a 案号 is
    returned as it is."""
    if isinstance(case_no, CaseNo):
        parsed = case_no
    else:
        try:
            parsed = parse_case_no(case_no)
        except InvalidValue:
            return case_no
    return f"{parsed.year}{parsed.type_code}{parsed.number}号"


def case_no_sort_key(case_no: CaseNo | str) -> tuple[int, int, str, int, int, str]:
    """Sort key ordering 案号 by year, court, type (in ``TYPE_CODES`` order), then number.

    Accepts a :class:`CaseNo` or text; text that cannot be parsed sorts after every valid
    案号, by its own text, so a listing never fails because of one bad row.
    """
    if isinstance(case_no, str):
        try:
            parsed = parse_case_no(case_no)
        except InvalidValue:
            return (1, 0, "", 0, 0, case_no)
    else:
        parsed = case_no
    return (
        0,
        parsed.year,
        parsed.court_code,
        _TYPE_ORDER[parsed.type_code],
        parsed.number,
        "",
    )

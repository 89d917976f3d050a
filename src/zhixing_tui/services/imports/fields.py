"""Columns of the case import and the lookups shared by the imports (party kinds, unit names).

See docs/import-format.md for the accepted column names and values.
"""

from __future__ import annotations

import re
from datetime import date

from ...errors import InvalidValue
from ...storage.models import OrgUnit
from .read import FieldSpec, clean_text

__all__ = [
    "CASE_FIELDS",
    "CASE_FIELD_NAMES",
    "KIND_WORDS",
    "guess_kind",
    "parse_yes_no",
    "split_names",
    "unit_lookup",
]

F = FieldSpec
CASE_FIELDS: tuple[FieldSpec, ...] = (
    F("case_no", "案号", ("执行案号",), required=True),
    F("filed_on", "立案日期", ("立案时间", "收案日期"), required=True),
    F("applicant", "申请执行人", ("申请人",), required=True),
    F("respondent", "被执行人", (), required=True),
    F("claim", "申请执行标的额", ("申请标的额", "执行标的", "执行标的额", "标的额"), required=True),
    F("respondent_id", "被执行人证件号码", ("证件号码", "身份证号", "统一社会信用代码")),
    F("respondent_kind", "被执行人类型", ()),
    F("basis", "执行依据", ("执行依据文书", "执行依据文号")),
    F("cause", "案由", ()),
    F("unit", "承办部门", ("承办庭室", "承办团队")),
    F("handler", "承办人", ()),
    F("closed_on", "结案日期", ("结案时间",)),
    F("closing_method", "结案方式", ()),
    F("closing_amount", "结案标的额", ()),
    F("recovered", "执行到位金额", ("到位金额", "实际执行到位金额")),
    F("applicant_phone", "申请执行人联系电话", ("申请人联系电话", "申请人电话")),
    F("respondent_address", "被执行人住所", ("被执行人地址", "被执行人住址")),
    F("non_litigation", "非诉执行", ("是否非诉执行", "非诉执行案件", "非诉")),
)

#: Case columns the case import compares and may change, with their Chinese names.
CASE_FIELD_NAMES: dict[str, str] = {
    "filed_on": "立案日期",
    "basis": "执行依据",
    "cause": "案由",
    "claim_fen": "申请执行标的额",
    "closed_on": "结案日期",
    "closing_method": "结案方式",
    "closing_fen": "结案标的额",
    "recovered_fen": "执行到位金额",
    "non_litigation": "非诉执行",
}

#: 被执行人类型 as written → party kind.
KIND_WORDS: dict[str, str] = {
    "自然人": "person",
    "个人": "person",
    "法人": "company",
    "企业": "company",
    "企业法人": "company",
    "公司": "company",
    "非法人组织": "other_org",
    "其他组织": "other_org",
    "党政机关": "organ",
    "机关": "organ",
    "行政机关": "organ",
}

_SPLIT = re.compile(r"[、，,；;\n]+")
_ORGAN_RE = re.compile(r"(人民政府|委员会|办事处|管理局|局$|政府$)")
_COMPANY_RE = re.compile(r"(公司|有限|集团|厂|合作社|商行|商店|店$|银行|支行|分行|事务所|医院|学校|中心$)")


_YES = frozenset({"是", "Y", "YES", "1", "√", "TRUE", "非诉", "非诉执行"})
_NO = frozenset({"否", "N", "NO", "0", "×", "FALSE", "不是"})


def parse_yes_no(value: object, *, field: str) -> bool:
    """是/否 as a spreadsheet holds it (also Y/N, 1/0, √/×, TRUE/FALSE); InvalidValue otherwise."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = clean_text(value).upper()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise InvalidValue(f"{field}应填“是”或“否”，不能识别「{clean_text(value)}」", field=field, value=value)


def guess_kind(name: str) -> str:
    if _ORGAN_RE.search(name):
        return "organ"
    if _COMPANY_RE.search(name) or len(name) > 6:
        return "company"
    return "person"


def split_names(text: str) -> list[str]:
    if text.isalnum():  # one name (or number), no separator, no space: most cells
        return [text]
    return [p.strip() for p in _SPLIT.split(text) if p.strip()]


def unit_lookup(units: list[OrgUnit]) -> dict[str, OrgUnit]:
    """Names a unit is known by: its name, the name without a bracketed alias, the alias, its code."""
    out: dict[str, OrgUnit] = {}
    for u in units:
        name = clean_text(u.name).replace("(", "（").replace(")", "）")
        out.setdefault(u.code, u)
        out.setdefault(name, u)
        m = re.fullmatch(r"(.+?)（(.+)）", name)
        if m:
            out.setdefault(m.group(1), u)
            out.setdefault(m.group(2), u)
    return out


def case_values(
    values: dict[str, object],
    filed_on: date,
    claim: int,
    closed_on: date | None,
    method: str | None,
    closing_fen: int | None,
    recovered: int | None,
) -> None:
    """Put a case row's dates and amounts into its record's ``values`` (the columns written), in
    the order both readings of a row give them (:mod:`.cases`' full reading, :mod:`.case_fast`)."""
    if closed_on is not None:
        values["closed_on"] = closed_on
        values["closing_method"] = method
        if closing_fen is not None:
            values["closing_fen"] = closing_fen
    if recovered is not None:
        values["recovered_fen"] = recovered
    values["filed_on"] = filed_on
    values["claim_fen"] = claim

"""初次接待 (intake interview): the form's fields, the risk checklist, and validation of a whole form.

Union of seeds 000 §二.3, 002 §一.4 and 003 §三(一) (DOMAIN §4). A form is a plain dict
``answers`` (field key → ``str`` | ``bool`` | ``list[str]``) as the screen or a test fills it.
:func:`validate` returns every problem as ``(field key, Chinese message)``; :func:`normalize`
returns the cleaned answers (numbers normalised, dates ISO) and raises the first problem.
:func:`derived` gives the columns the triage reads (settlement, performance, notice service).

Two forms share the fields: the interview record (``interviewed=True``: 初次接待谈话笔录) and
the note when no interview took place (``interviewed=False``: 未进行初次接待原因的说明), which
needs only the reason, the signer, date and place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..errors import InvalidValue
from .case_no import parse_case_no
from .contact import check_bank_account, check_mobile, check_phone
from .dates import parse_date
from .identity import check_identity

__all__ = [
    "CHOICE_TRUTH",
    "FIELDS",
    "FIELDS_BY_KEY",
    "NO_INTERVIEW_FIELDS",
    "REQUIRED_RISKS",
    "RISK_ITEMS",
    "SAME_RECORDER",
    "SECTIONS",
    "FormField",
    "check_field",
    "derived",
    "normalize",
    "same_person",
    "split_case_nos",
    "validate",
]

#: (section code, Chinese title), in the order of the printed record.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("case", "立案信息核对"),
    ("applicant", "申请执行人"),
    ("respondent", "被执行人"),
    ("property", "财产线索"),
    ("opinion", "意见"),
    ("risk", "风险告知与权利释明"),
    ("settlement", "和解意愿"),
    ("sign", "签名"),
    ("none", "未进行初次接待"),
)

#: Risks told and rights explained (000 §二.3, 003 §三(一)2(3), 003 二(2)): (key, text).
RISK_ITEMS: tuple[tuple[str, str], ...] = (
    ("inability", "告知执行不能的风险"),
    ("clues", "告知申请执行人应积极提供被执行人的财产线索"),
    ("lawyer_order", "告知可申请律师调查令及其适用"),
    ("reward", "告知可申请悬赏执行"),
    ("dishonest", "告知可申请将被执行人纳入失信被执行人名单"),
    ("sanction_notice", "预告知被执行人拒不履行将受信用惩戒或被采取强制措施"),
    ("hotline", "告知三级法院24小时执行举报电话及本院执行微信公众号"),
)
#: The five DOMAIN §4 names: an interview record must show each of them told.
REQUIRED_RISKS: tuple[str, ...] = ("inability", "clues", "lawyer_order", "reward", "dishonest")

YES_NO_UNKNOWN = (("yes", "是"), ("no", "否"), ("unknown", "不清楚"))


@dataclass(frozen=True)
class FormField:
    """One field of the form.

    ``kind``: text | textarea | mobile | phone | account | identity | date | choice | case_nos |
    checklist. ``required`` applies to the interview record; ``required_when`` = (key, value)
    makes the field required when another field has that value; ``no_interview`` marks the
    fields of the no-interview note (required there when ``required``).
    """

    key: str
    label: str
    section: str
    kind: str = "text"
    required: bool = False
    options: tuple[tuple[str, str], ...] = ()
    required_when: tuple[str, str] | None = None
    max_len: int = 200
    hint: str = ""
    no_interview: bool = False

    def option_label(self, value: str) -> str:
        return dict(self.options).get(value, value)


F = FormField
# fmt: off
FIELDS: tuple[FormField, ...] = (
    # 立案信息核对 (003 §三(一)；002 §一.3–4)
    F("filing_check", "立案信息核对结果", "case", "choice", True,
      (("ok", "核对无误"), ("error", "有误，退立案部门更正"))),
    F("filing_errors", "发现的错误", "case", "textarea", required_when=("filing_check", "error"), max_len=500,
      hint="写明哪一项有误、应为何内容"),
    F("filing_sent_on", "退回更正日期", "case", "date", required_when=("filing_check", "error")),
    F("filing_corrected_on", "更正完成日期", "case", "date"),
    # 申请执行人
    F("applicant_address", "送达地址（已确认）", "applicant", required=True, max_len=200),
    F("applicant_address_form", "已签署送达地址确认书", "applicant", "choice",
      options=(("yes", "已签署"), ("no", "未签署"))),
    F("applicant_phone", "手机号码", "applicant", "mobile", True, max_len=20),
    F("account_bank", "收款账户开户行", "applicant", required=True, max_len=60),
    F("account_no", "收款账号", "applicant", "account", True, max_len=40),
    F("account_holder", "收款账户户名", "applicant", required=True, max_len=60),
    # 被执行人 (003 §三(一)2(2))
    F("respondent_id", "身份证号／信用代码", "respondent", "identity", max_len=20),
    F("respondent_address", "实际住址", "respondent", max_len=200),
    F("respondent_workplace", "工作单位及地点", "respondent", max_len=200),
    F("respondent_business", "实际经营地", "respondent", max_len=200),
    F("respondent_phone", "联系电话", "respondent", "phone", max_len=30),
    F("notice_service_at_trial", "审判阶段是否公告送达", "respondent", "choice", True, YES_NO_UNKNOWN),
    F("related_cases", "关联执行案件（案号）", "respondent", "case_nos", max_len=300,
      hint="多个案号用顿号、逗号或空格分开"),
    F("respondent_condition", "经济状况及履行能力", "respondent", "textarea", max_len=500),
    F("performance", "被执行人履行情况", "respondent", "choice", True,
      (("performed", "已主动履行"), ("willing", "愿意主动履行"), ("no", "未履行"), ("unknown", "不清楚"))),
    # 财产线索
    F("property_known", "已知财产（名称、所在地）", "property", "textarea", max_len=500),
    F("property_mortgage", "抵押、质押情况", "property", "choice", options=(
        ("yes", "有抵押／质押"), ("no", "无"), ("unknown", "不清楚"))),
    F("property_mortgage_note", "抵押、质押说明", "property", required_when=("property_mortgage", "yes"),
      max_len=200),
    F("property_preserved", "保全情况", "property", "choice", options=(
        ("yes", "已保全"), ("no", "未保全"), ("unknown", "不清楚"))),
    F("property_preserved_note", "保全情况说明", "property",
      required_when=("property_preserved", "yes"), max_len=200),
    # 意见 (002 §一.4)
    F("reference_price", "财产处置参考价的意见", "opinion", "choice", options=(
        ("negotiate", "当事人议价"), ("inquiry", "网络询价"), ("appraisal", "委托评估"),
        ("none", "暂无意见"))),
    F("online_auction", "网络司法拍卖的意见", "opinion", "choice", options=(
        ("agree", "同意网络司法拍卖"), ("disagree", "不同意"), ("none", "暂无意见"))),
    F("online_auction_reason", "不同意网络拍卖的理由", "opinion",
      required_when=("online_auction", "disagree"), max_len=200),
    F("other_opinion", "其他意见、咨询及答复", "opinion", "textarea", max_len=500),
    # 风险告知
    F("risks", "已告知事项", "risk", "checklist", True, RISK_ITEMS),
    # 和解意愿
    F("settlement", "和解、调解意愿", "settlement", "choice", True, (
        ("willing", "愿意和解"), ("unwilling", "不愿意和解"), ("depends", "视被执行人情况而定"))),
    F("settlement_note", "和解条件或说明", "settlement", max_len=200),
    # 签名
    F("interviewer", "谈话人", "sign", required=True, max_len=20, no_interview=True),
    F("recorder", "记录人", "sign", required=True, max_len=20),
    F("interviewee", "被谈话人", "sign", required=True, max_len=40),
    F("interviewee_role", "被谈话人身份", "sign", "choice", True, (
        ("applicant", "申请执行人本人"), ("legal_rep", "法定代表人"), ("agent", "委托代理人"))),
    F("held_on", "谈话日期", "sign", "date", True, no_interview=True),
    F("place", "谈话地点", "sign", required=True, max_len=100, no_interview=True),
    # 未进行初次接待
    F("no_interview_reason", "未进行初次接待的原因", "none", "textarea", True, max_len=500, no_interview=True),
)
# fmt: on
del F

FIELDS_BY_KEY: dict[str, FormField] = {f.key: f for f in FIELDS}
#: The fields of the no-interview note (reason, signer, date, place).
NO_INTERVIEW_FIELDS: tuple[str, ...] = tuple(f.key for f in FIELDS if f.no_interview)
#: The labels the no-interview note uses instead (its signer is the window clerk).
NO_INTERVIEW_LABELS = {"interviewer": "说明人（窗口工作人员）", "held_on": "日期", "place": "地点"}

#: choice value → the bool the triage reads (absent: unknown).
CHOICE_TRUTH: dict[str, dict[str, bool]] = {
    "settlement": {"willing": True, "unwilling": False},
    "performance": {"performed": True, "willing": True, "no": False},
    "notice_service_at_trial": {"yes": True, "no": False},
}

_CASE_NO_SPLIT = re.compile(r"[、，,；;\s]+")


def split_case_nos(text: str) -> list[str]:
    """The 案号 written in one field, separated by 、，, ； or spaces (empty parts dropped)."""
    return [p for p in _CASE_NO_SPLIT.split(text.strip()) if p]


def label_of(key: str, *, interviewed: bool = True) -> str:
    if not interviewed and key in NO_INTERVIEW_LABELS:
        return NO_INTERVIEW_LABELS[key]
    return FIELDS_BY_KEY[key].label


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple):
        return not value
    return False


def _required(f: FormField, answers: dict[str, Any], interviewed: bool) -> bool:
    if not interviewed:
        return f.no_interview and f.required
    if f.key == "no_interview_reason":
        return False
    if f.required_when is not None:
        key, value = f.required_when
        return answers.get(key) == value
    return f.required


def check_field(
    f: FormField,
    value: Any,
    *,
    answers: dict[str, Any] | None = None,
    interviewed: bool = True,
    today: date | None = None,
    filed_on: date | None = None,
) -> tuple[Any, str | None]:
    """One field: (normalised value, None) or (value as given, Chinese message). A date is not
    after ``today`` nor, for a case filed on ``filed_on``, before its filing (the form records what
    happened to the filed case: its 立案 checked and sent back, the interview)."""
    answers = answers or {}
    label = label_of(f.key, interviewed=interviewed)
    if _blank(value):
        if _required(f, answers, interviewed):
            return value, f"{'请选择' if f.kind in ('choice', 'checklist') else '请填写'}{label}"
        return ([] if f.kind == "checklist" else ""), None
    if f.kind == "checklist":
        items = [v for v in value if v in dict(f.options)]
        unknown = [v for v in value if v not in dict(f.options)]
        if unknown:
            return value, f"{label}中有不认识的项目：{'、'.join(map(str, unknown))}"
        if interviewed:
            missing = [text for k, text in f.options if k in REQUIRED_RISKS and k not in items]
            if missing:
                return value, f"尚未告知：{'；'.join(missing)}"
        return [k for k, _ in f.options if k in items], None
    if f.kind == "choice":
        if value not in dict(f.options):
            return value, f"{label}应为 {'、'.join(t for _, t in f.options)} 之一"
        return value, None
    text = str(value).strip()
    if len(text) > f.max_len:
        return value, f"{label}过长：最多{f.max_len}字，现为{len(text)}字"
    try:
        if f.kind == "mobile":
            return check_mobile(text), None
        if f.kind == "phone":
            return check_phone(text), None
        if f.kind == "account":
            return check_bank_account(text)[0], None
        if f.kind == "identity":
            if today is None:
                raise TypeError(f"checking {f.key} needs today= (the desk's date bounds the birth date)")
            return check_identity(text, today=today).number, None
        if f.kind == "date":
            day = parse_date(text, field=label)
            if today is not None and day > today:
                return value, f"{label}不能晚于今天（{today.isoformat()}）：{day.isoformat()}"
            if filed_on is not None and day < filed_on:
                return value, f"{label}不能早于立案日期（{filed_on.isoformat()}）：{day.isoformat()}"
            return day.isoformat(), None
        if f.kind == "case_nos":
            return "、".join(parse_case_no(p).text for p in split_case_nos(text)), None
    except InvalidValue as exc:
        return value, exc.message if exc.message.startswith(label) else f"{label}：{exc.message}"
    return text, None


#: the refusal when one person is named as both 谈话人 and 记录人
SAME_RECORDER = "记录人不能与谈话人为同一人：笔录由谈话人、记录人、被谈话人分别签名，请填写另一位记录人"


def validate(
    answers: dict[str, Any],
    *,
    interviewed: bool = True,
    today: date | None = None,
    one_person: bool = False,
    filed_on: date | None = None,
) -> list[tuple[str, str]]:
    """Every problem of the form, in field order: [(field key, Chinese message)].

    The 笔录 is signed by 谈话人、记录人、被谈话人 (002 一.4, 003 三(一)3): the recorder is another
    person than the interviewer, unless the court's profile allows one person (``one_person``)."""
    problems: list[tuple[str, str]] = []
    for f in _fields_of(interviewed):
        _, message = check_field(
            f, answers.get(f.key), answers=answers, interviewed=interviewed, today=today, filed_on=filed_on
        )
        if message:
            problems.append((f.key, message))
        elif f.key == "recorder" and interviewed and not one_person and same_person(answers):
            problems.append((f.key, SAME_RECORDER))
    if interviewed:
        sent, done = answers.get("filing_sent_on"), answers.get("filing_corrected_on")
        if answers.get("filing_check") == "error" and not _blank(sent) and not _blank(done):
            try:
                if parse_date(str(done)) < parse_date(str(sent)):
                    problems.append(("filing_corrected_on", "更正完成日期早于退回更正日期"))
            except InvalidValue:
                pass  # already reported above
    return problems


def same_person(answers: dict[str, Any]) -> bool:
    """谈话人 and 记录人 name the same person (spaces aside)."""
    who = "".join(str(answers.get("interviewer") or "").split())
    rec = "".join(str(answers.get("recorder") or "").split())
    return bool(who) and who == rec


def _fields_of(interviewed: bool) -> tuple[FormField, ...]:
    if interviewed:
        return tuple(f for f in FIELDS if f.key != "no_interview_reason")
    return tuple(FIELDS_BY_KEY[k] for k in NO_INTERVIEW_FIELDS)


def normalize(
    answers: dict[str, Any],
    *,
    interviewed: bool = True,
    today: date | None = None,
    one_person: bool = False,
    filed_on: date | None = None,
) -> dict[str, Any]:
    """The cleaned answers of one form (only its own fields); the first problem raises InvalidValue."""
    out: dict[str, Any] = {}
    for f in _fields_of(interviewed):
        value, message = check_field(
            f, answers.get(f.key), answers=answers, interviewed=interviewed, today=today, filed_on=filed_on
        )
        if message:
            raise InvalidValue(
                message, field=label_of(f.key, interviewed=interviewed), value=answers.get(f.key)
            )
        out[f.key] = value
    problems = validate(
        answers, interviewed=interviewed, today=today, one_person=one_person, filed_on=filed_on
    )
    if problems:
        key, message = problems[0]
        raise InvalidValue(message, field=label_of(key, interviewed=interviewed), value=answers.get(key))
    return out


def derived(answers: dict[str, Any], *, interviewed: bool = True) -> dict[str, Any]:
    """The record's columns from normalised answers (what triage and lists read)."""
    out: dict[str, Any] = {
        "interviewed": interviewed,
        "interviewer": answers.get("interviewer", ""),
        "held_on": date.fromisoformat(answers["held_on"]) if answers.get("held_on") else None,
        "place": answers.get("place", ""),
    }
    if not interviewed:
        out.update(
            no_interview_reason=answers.get("no_interview_reason", ""),
            settlement_willing=None,
            performed_or_willing=None,
            notice_service_at_trial=None,
            applicant_phone="",
            collection_account="",
            recorder="",
            interviewee="",
        )
        return out
    out.update(
        no_interview_reason="",
        settlement_willing=CHOICE_TRUTH["settlement"].get(answers.get("settlement", "")),
        performed_or_willing=CHOICE_TRUTH["performance"].get(answers.get("performance", "")),
        notice_service_at_trial=CHOICE_TRUTH["notice_service_at_trial"].get(
            answers.get("notice_service_at_trial", "")
        ),
        applicant_phone=answers.get("applicant_phone", ""),
        collection_account=answers.get("account_no", ""),
        recorder=answers.get("recorder", ""),
        interviewee=answers.get("interviewee", ""),
    )
    return out


def display_value(key: str, value: Any) -> str:
    """A stored answer as a person reads it (choices by their Chinese text)."""
    f = FIELDS_BY_KEY[key]
    if _blank(value):
        return ""
    if f.kind == "choice":
        return f.option_label(str(value))
    if f.kind == "checklist":
        return "；".join(f.option_label(v) for v in value)
    return str(value)

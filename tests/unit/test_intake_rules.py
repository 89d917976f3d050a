"""The intake form's pure rules: required fields, validators with Chinese messages, derived columns."""

from __future__ import annotations

from datetime import date

import pytest

from zhixing_tui.domain import intake as r
from zhixing_tui.errors import InvalidValue

TODAY = date(2026, 11, 23)


def complete() -> dict:
    """A valid interview record."""
    return {
        "filing_check": "ok",
        "applicant_address": "汝阳县城关镇建设路1号",
        "applicant_phone": "138 0000 0000",
        "account_bank": "中国农业银行汝阳支行",
        "account_no": "6228 4800 0000 0000 000",
        "account_holder": "李四",
        "respondent_id": "11010519491231002X",
        "notice_service_at_trial": "no",
        "performance": "willing",
        "risks": [k for k, _ in r.RISK_ITEMS],
        "settlement": "unwilling",
        "interviewer": "张三",
        "recorder": "王书记员",
        "interviewee": "李四",
        "interviewee_role": "applicant",
        "held_on": "2026年11月23日",
        "place": "汝阳县人民法院执行接待窗口",
    }


def test_complete_form_has_no_problems_and_normalises():
    answers = complete()
    assert r.validate(answers, today=TODAY) == []
    clean = r.normalize(answers, today=TODAY)
    assert clean["applicant_phone"] == "13800000000"
    assert clean["account_no"] == "6228480000000000000"
    assert clean["held_on"] == "2026-11-23"
    assert clean["respondent_id"] == "11010519491231002X"
    assert clean["risks"] == [k for k, _ in r.RISK_ITEMS]
    assert "no_interview_reason" not in clean


def test_empty_form_lists_every_required_field_in_order():
    problems = r.validate({}, today=TODAY)
    assert [k for k, _ in problems] == [
        "filing_check",
        "applicant_address",
        "applicant_phone",
        "account_bank",
        "account_no",
        "account_holder",
        "notice_service_at_trial",
        "performance",
        "risks",
        "settlement",
        "interviewer",
        "recorder",
        "interviewee",
        "interviewee_role",
        "held_on",
        "place",
    ]
    assert dict(problems)["applicant_phone"] == "请填写手机号码"
    assert dict(problems)["settlement"] == "请选择和解、调解意愿"


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("applicant_phone", "1380000000", "手机号码：手机号应为11位数字，实为 10 位：1380000000"),
        ("account_no", "6228-48x", "收款账号：银行账号只能是数字：第7位为「x」：6228-48x"),
        (
            "respondent_id",
            "110105194912310021",
            "身份证号／信用代码：身份证号校验位错误：应为 X，实为 1",
        ),
        (
            "respondent_phone",
            "6212345",
            "联系电话：电话号码无法识别：「6212345」，应为11位手机号或带区号的固定电话（如 0376-6212345）",
        ),
        ("held_on", "2026-11-24", "谈话日期不能晚于今天（2026-11-23）：2026-11-24"),
        (
            "related_cases",
            "（2025）豫0326执1号、abc",
            "关联执行案件（案号）：案号缺少年份：应为（2026）豫0326执123号的形式",
        ),
        ("settlement", "maybe", "和解、调解意愿应为 愿意和解、不愿意和解、视被执行人情况而定 之一"),
    ],
)
def test_bad_values_give_chinese_messages(key, value, message):
    answers = complete() | {key: value}
    assert r.validate(answers, today=TODAY) == [(key, message)]


def test_credit_code_accepted_for_a_company_respondent():
    answers = complete() | {"respondent_id": "91350100M000100Y43"}
    assert r.validate(answers, today=TODAY) == []


def test_landline_is_normalised():
    clean = r.normalize(complete() | {"respondent_phone": "(0379)8212345"}, today=TODAY)
    assert clean["respondent_phone"] == "0379-8212345"


def test_related_case_numbers_are_normalised():
    clean = r.normalize(
        complete() | {"related_cases": "(2025)豫0326执1号，（2024）豫0326执55号"}, today=TODAY
    )
    assert clean["related_cases"] == "（2025）豫0326执1号、（2024）豫0326执55号"


def test_filing_error_needs_what_and_when():
    answers = complete() | {"filing_check": "error"}
    assert dict(r.validate(answers, today=TODAY)) == {
        "filing_errors": "请填写发现的错误",
        "filing_sent_on": "请填写退回更正日期",
    }
    answers |= {
        "filing_errors": "被执行人名称错一字",
        "filing_sent_on": "2026-11-20",
        "filing_corrected_on": "2026-11-19",
    }
    assert r.validate(answers, today=TODAY) == [("filing_corrected_on", "更正完成日期早于退回更正日期")]


def test_no_date_is_before_the_filing_nor_after_today():
    answers = complete() | {
        "filing_check": "error",
        "filing_errors": "被执行人名称错一字",
        "filing_sent_on": "2026-11-09",
        "filing_corrected_on": "2026-11-24",
    }
    assert r.validate(answers, today=TODAY, filed_on=date(2026, 11, 10)) == [
        ("filing_sent_on", "退回更正日期不能早于立案日期（2026-11-10）：2026-11-09"),
        ("filing_corrected_on", "更正完成日期不能晚于今天（2026-11-23）：2026-11-24"),
    ]
    # without the filing day (a form checked on its own) only today bounds the dates
    assert [k for k, _ in r.validate(answers, today=TODAY)] == ["filing_corrected_on"]


def test_every_required_risk_must_be_ticked():
    answers = complete() | {"risks": ["inability", "clues", "hotline"]}
    [(key, message)] = r.validate(answers, today=TODAY)
    assert key == "risks"
    assert (
        message
        == "尚未告知：告知可申请律师调查令及其适用；告知可申请悬赏执行；告知可申请将被执行人纳入失信被执行人名单"
    )


def test_conditional_notes_required():
    answers = complete() | {"property_mortgage": "yes", "online_auction": "disagree"}
    assert [k for k, _ in r.validate(answers, today=TODAY)] == [
        "property_mortgage_note",
        "online_auction_reason",
    ]


def test_too_long_text_is_refused():
    answers = complete() | {"place": "窗" * 101}
    assert r.validate(answers, today=TODAY) == [("place", "谈话地点过长：最多100字，现为101字")]


def test_no_interview_needs_only_reason_signer_date_place():
    problems = r.validate({}, interviewed=False, today=TODAY)
    assert problems == [
        ("interviewer", "请填写说明人（窗口工作人员）"),
        ("held_on", "请填写日期"),
        ("place", "请填写地点"),
        ("no_interview_reason", "请填写未进行初次接待的原因"),
    ]
    clean = r.normalize(
        {
            "no_interview_reason": "申请执行人经电话通知三次未到院",
            "interviewer": "张三",
            "held_on": "2026-11-23",
            "place": "执行接待窗口",
            "applicant_phone": "bad",
        },
        interviewed=False,
        today=TODAY,
    )
    assert clean == {
        "interviewer": "张三",
        "held_on": "2026-11-23",
        "place": "执行接待窗口",
        "no_interview_reason": "申请执行人经电话通知三次未到院",
    }


def test_normalize_raises_the_first_problem_naming_the_field():
    with pytest.raises(InvalidValue) as err:
        r.normalize(complete() | {"applicant_phone": ""}, today=TODAY)
    assert err.value.message == "请填写手机号码"
    assert err.value.field == "手机号码"


@pytest.mark.parametrize(
    ("settlement", "performance", "notice", "expected"),
    [
        ("willing", "performed", "yes", (True, True, True)),
        ("unwilling", "no", "no", (False, False, False)),
        ("depends", "unknown", "unknown", (None, None, None)),
        ("willing", "willing", "no", (True, True, False)),
    ],
)
def test_derived_columns_for_triage(settlement, performance, notice, expected):
    clean = r.normalize(
        complete()
        | {"settlement": settlement, "performance": performance, "notice_service_at_trial": notice},
        today=TODAY,
    )
    cols = r.derived(clean)
    assert (
        cols["settlement_willing"],
        cols["performed_or_willing"],
        cols["notice_service_at_trial"],
    ) == expected
    assert cols["applicant_phone"] == "13800000000"
    assert cols["collection_account"] == "6228480000000000000"
    assert cols["held_on"] == date(2026, 11, 23)
    assert cols["interviewed"] is True


def test_display_value_uses_chinese_option_text():
    assert r.display_value("settlement", "depends") == "视被执行人情况而定"
    assert r.display_value("risks", ["inability", "reward"]) == "告知执行不能的风险；告知可申请悬赏执行"
    assert r.display_value("place", "") == ""


def test_every_field_belongs_to_a_known_section_and_keys_are_unique():
    sections = {code for code, _ in r.SECTIONS}
    assert all(f.section in sections for f in r.FIELDS)
    assert len(r.FIELDS_BY_KEY) == len(r.FIELDS)
    assert r.NO_INTERVIEW_FIELDS == ("interviewer", "held_on", "place", "no_interview_reason")

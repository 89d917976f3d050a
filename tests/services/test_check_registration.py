"""check_registration: every mistake of a registration as typed at once, in the form's order
(issue 14, item 3: the clerk met the ID check digit, then the credit code on the next save)."""

from __future__ import annotations

import random
from datetime import date

import pytest

from zhixing_tui.domain.identity import make_credit_code, make_resident_id
from zhixing_tui.errors import InvalidValue
from zhixing_tui.services.cases.registry import (
    PartyInput,
    RegistrationProblem,
    check_registration,
    register_case,
)


def bad_check_digit(number: str) -> str:
    last = number[-1]
    return number[:-1] + ("1" if last != "1" else "2")


def test_every_mistake_at_once(desk):
    rng = random.Random(3)
    person = bad_check_digit(make_resident_id(rng, "410326", date(1980, 5, 1), True))
    company = bad_check_digit(make_credit_code(rng, "410326"))
    problems = check_registration(
        desk,
        case_no="（2026）豫0326执900号",
        filed_on="2026-13-01",
        claim="",
        applicant=PartyInput("李四", "person", person),
        respondent=PartyInput("汝阳某公司", "company", company),
    )
    assert [p.field for p in problems] == ["filed_on", "claim", "applicant_id", "respondent_id"]
    assert "身份证" in problems[2].message and "李四" in problems[2].message
    assert "统一社会信用代码" in problems[3].message and "汝阳某公司" in problems[3].message
    assert problems[1] == RegistrationProblem("claim", "请填写申请执行标的额")


def test_a_right_registration_has_no_problem_and_a_registered_case_no_is_one(desk):
    kwargs = dict(
        case_no="(2026)豫0326执901号",
        filed_on="2026-11-20",
        claim="5000",
        applicant=PartyInput("李四"),
        respondent=PartyInput("王五"),
    )
    assert check_registration(desk, **kwargs) == []
    register_case(
        desk,
        case_no="（2026）豫0326执901号",
        filed_on=date(2026, 11, 20),
        claim_fen=500_000,
        applicants=[PartyInput("李四")],
        respondents=[PartyInput("王五")],
    )
    problems = check_registration(desk, **kwargs)
    assert [(p.field, p.message) for p in problems] == [
        ("case_no", "案号 （2026）豫0326执901号 已登记，不能重复立案")
    ]


def test_missing_names_and_a_foreign_court(desk):
    problems = check_registration(
        desk,
        case_no="（2026）鄂1088执1号",
        filed_on="2026-11-20",
        claim="1",
        applicant=PartyInput(" "),
        respondent=PartyInput(""),
    )
    assert [p.field for p in problems] == ["case_no", "applicant", "respondent"]
    assert "法院代字" in problems[0].message


def test_the_same_id_number_on_both_sides_is_refused(desk):
    """Nobody applies for enforcement against themselves: one ID number as applicant and respondent
    is a typing mistake — named in the form, refused by the service before anything is written."""
    number = make_resident_id(random.Random(5), "410326", date(1990, 1, 1), True)
    problems = check_registration(desk, **_form(number))
    expected = f"申请执行人李四与被执行人王五的证件号码相同（{number}）：同一人不能既是申请执行人又是被执行人，请核对"
    assert [(p.field, p.message) for p in problems] == [("respondent_id", expected)]
    with pytest.raises(InvalidValue) as refused:
        register_case(
            desk,
            case_no="（2026）豫0326执902号",
            filed_on=date(2026, 11, 20),
            claim_fen=500_000,
            applicants=[PartyInput("李四", "person", number)],
            respondents=[PartyInput("张三"), PartyInput("王五", "person", number.lower())],
        )
    assert (refused.value.message, refused.value.field) == (expected, "被执行人证件号码")
    assert check_registration(desk, **{**_form(number), "respondent": PartyInput("王五")}) == []


def _form(number: str) -> dict:
    return dict(
        case_no="（2026）豫0326执902号",
        filed_on="2026-11-20",
        claim="5000",
        applicant=PartyInput("李四", "person", number),
        respondent=PartyInput("王五", "person", number),
    )

"""Intake service: prefill, versioned saves with audit, intake_done for the nodes, triage facts."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlmodel import select

from zhixing_tui.domain import intake as rules
from zhixing_tui.errors import Conflict, InvalidValue
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.services.deadlines.case_nodes import case_nodes
from zhixing_tui.services.triage.decisions import derive_facts
from zhixing_tui.services.window import intake as svc
from zhixing_tui.storage.models import AuditEntry, Case, IntakeRecord


def new_case(desk, number: int = 100, court: str = "豫0326") -> int:
    return register_case(
        desk,
        case_no=f"(2026){court}执{number}号",
        filed_on=date(2026, 11, 20),
        claim_fen=5_000_000,
        applicants=[PartyInput("李四", phone="13800000000", address="汝阳县城关镇建设路1号")],
        respondents=[PartyInput("王五", id_number="11010519491231002X", phone="0379-8212345")],
        basis="（2026）豫0326民初1号民事判决书",
    )


def filled(view: svc.IntakeView) -> dict:
    return view.answers | {
        "filing_check": "ok",
        "account_bank": "中国农业银行汝阳支行",
        "account_no": "6228480000000000000",
        "notice_service_at_trial": "yes",
        "performance": "willing",
        "risks": [k for k, _ in rules.RISK_ITEMS],
        "settlement": "willing",
        "respondent_workplace": "洛阳市某某机械厂",
        "recorder": "王书记员",
    }


def test_new_intake_is_prefilled_from_the_filing(desk):
    case_id = new_case(desk)
    view = svc.load_intake(desk, case_id)
    assert view.version == 0 and view.interviewed is True
    assert view.case.case_no == "（2026）豫0326执100号"
    a = view.answers
    assert (a["applicant_address"], a["applicant_phone"], a["account_holder"]) == (
        "汝阳县城关镇建设路1号",
        "13800000000",
        "李四",
    )
    assert (a["respondent_id"], a["respondent_phone"]) == ("11010519491231002X", "0379-8212345")
    assert (a["interviewer"], a["recorder"], a["interviewee"], a["held_on"]) == (
        "测试员",
        "",
        "李四",
        "2026-11-23",
    )
    assert a["place"] == "汝阳县人民法院执行接待窗口"
    assert a["risks"] == []


def test_save_writes_version_audit_and_triage_columns(desk):
    case_id = new_case(desk)
    view = svc.load_intake(desk, case_id)
    assert svc.save_intake(desk, case_id, filled(view), expected_version=0) == 1
    with desk.session() as s:
        rec = s.exec(select(IntakeRecord).where(IntakeRecord.case_id == case_id)).one()
        assert (rec.version, rec.is_current, rec.interviewed) == (1, True, True)
        assert (rec.settlement_willing, rec.performed_or_willing, rec.notice_service_at_trial) == (
            True,
            True,
            True,
        )
        assert (rec.applicant_phone, rec.collection_account) == ("13800000000", "6228480000000000000")
        assert (rec.interviewer, rec.recorder, rec.interviewee, rec.held_on) == (
            "测试员",
            "王书记员",
            "李四",
            date(2026, 11, 23),
        )
        assert rec.answers["respondent_workplace"] == "洛阳市某某机械厂"
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "intake.save")).one()
        assert (entry.case_id, entry.operator, entry.summary) == (
            case_id,
            "测试员",
            "保存初次接待谈话笔录（第1版）",
        )
        assert entry.before is None and entry.after["answers"]["settlement"] == "willing"
        facts, src = derive_facts(s, s.get(Case, case_id))
    assert facts.flags["settlement_likely"] is True
    assert facts.flags["performed_or_willing"] is True
    assert facts.flags["notice_service_at_trial"] is True
    assert src["settlement_likely"] == "初次接待笔录"


def test_edit_keeps_history_and_audits_the_change(desk):
    case_id = new_case(desk)
    answers = filled(svc.load_intake(desk, case_id))
    svc.save_intake(desk, case_id, answers, expected_version=0)
    answers = svc.load_intake(desk, case_id).answers | {
        "settlement": "unwilling",
        "other_opinion": "要求尽快拍卖",
    }
    assert svc.save_intake(desk, case_id, answers, expected_version=1) == 2
    history = svc.intake_history(desk, case_id)
    assert [(h.version, h.is_current) for h in history] == [(2, True), (1, False)]
    assert svc.load_version(desk, case_id, 1)["settlement"] == "willing"
    view = svc.load_intake(desk, case_id)
    assert view.version == 2 and view.answers["other_opinion"] == "要求尽快拍卖"
    with desk.session() as s:
        entry = s.exec(
            select(AuditEntry).where(AuditEntry.action == "intake.save").order_by(AuditEntry.id.desc())
        ).first()
        assert entry.summary == "修改初次接待谈话笔录（第2版）：其他意见、咨询及答复、和解、调解意愿"
        assert entry.before == {
            "version": 1,
            "interviewed": True,
            "answers": {"other_opinion": "", "settlement": "willing"},
        }
        assert entry.after == {
            "version": 2,
            "interviewed": True,
            "answers": {"other_opinion": "要求尽快拍卖", "settlement": "unwilling"},
        }
        current = s.exec(
            select(IntakeRecord).where(IntakeRecord.case_id == case_id, IntakeRecord.is_current)
        ).all()
        assert [r.version for r in current] == [2]
        assert current[0].settlement_willing is False


def test_stale_version_and_unchanged_save_are_refused(desk):
    case_id = new_case(desk)
    answers = filled(svc.load_intake(desk, case_id))
    svc.save_intake(desk, case_id, answers, expected_version=0)
    with pytest.raises(Conflict, match="已由测试员保存为第1版，请重新打开后再修改"):
        svc.save_intake(desk, case_id, answers | {"place": "别处"}, expected_version=0)
    with pytest.raises(InvalidValue, match="笔录没有改动，无须保存"):
        svc.save_intake(desk, case_id, answers, expected_version=1)


def test_invalid_form_saves_nothing(desk):
    case_id = new_case(desk)
    answers = filled(svc.load_intake(desk, case_id)) | {"account_no": "12ab"}
    with pytest.raises(InvalidValue, match="收款账号：银行账号只能是数字"):
        svc.save_intake(desk, case_id, answers)
    with desk.session() as s:
        assert s.exec(select(IntakeRecord)).all() == []
        assert s.exec(select(AuditEntry).where(AuditEntry.action == "intake.save")).all() == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"filing_check": "error", "filing_errors": "被执行人名称错一字", "filing_sent_on": "2026-11-19"},
            "退回更正日期不能早于立案日期（2026-11-20）：2026-11-19",
        ),
        ({"held_on": "2026-11-18"}, "谈话日期不能早于立案日期（2026-11-20）：2026-11-18"),
    ],
    ids=["sent-back", "interview"],
)
def test_no_date_of_the_form_is_before_the_filing(desk, changes, message):
    """The form records what happened to the filed case: its 立案 checked and sent back for
    correction, the interview — none of it before the day the case was filed (2026-11-20)."""
    case_id = new_case(desk)
    answers = filled(svc.load_intake(desk, case_id)) | changes
    with pytest.raises(InvalidValue, match=re.escape(message)):
        svc.save_intake(desk, case_id, answers)
    with desk.session() as s:
        assert s.exec(select(IntakeRecord)).all() == []
    svc.save_intake(desk, case_id, answers | {k: "2026-11-20" for k in changes if k.endswith("_on")})


def test_no_interview_note(desk):
    case_id = new_case(desk)
    answers = {
        "no_interview_reason": "申请执行人系外地企业，书面表示不来院",
        "interviewer": "张三",
        "held_on": "2026-11-22",
        "place": "执行接待窗口",
    }
    svc.save_intake(desk, case_id, answers, interviewed=False)
    with desk.session() as s:
        rec = s.exec(select(IntakeRecord)).one()
        assert (rec.interviewed, rec.no_interview_reason, rec.interviewer) == (
            False,
            "申请执行人系外地企业，书面表示不来院",
            "张三",
        )
        assert rec.settlement_willing is None and rec.answers == {
            "interviewer": "张三",
            "held_on": "2026-11-22",
            "place": "执行接待窗口",
            "no_interview_reason": "申请执行人系外地企业，书面表示不来院",
        }
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "intake.save")).one()
        assert (
            entry.summary
            == "保存未进行初次接待原因的说明（第1版）；原因：申请执行人系外地企业，书面表示不来院"
        )


def test_gushi_intake_done_starts_the_network_query_node(desk_factory):
    desk = desk_factory("gushi")
    case_id = new_case(desk, court=desk.profile.court.code)
    answers = filled(svc.load_intake(desk, case_id)) | {"held_on": "2026-11-20"}
    svc.save_intake(desk, case_id, answers)
    nodes = [n for n in case_nodes(desk, case_id) if n.rule_id == "gushi.network_query"]
    assert len(nodes) == 1
    assert nodes[0].anchor_event == "intake_done" and nodes[0].completed_at is None
    # a second version does not start the clock again
    svc.save_intake(desk, case_id, answers | {"place": "接待室"}, expected_version=1)
    assert len([n for n in case_nodes(desk, case_id) if n.rule_id == "gushi.network_query"]) == 1


def test_case_id_by_no_accepts_half_width(desk):
    case_id = new_case(desk)
    assert svc.case_id_by_no(desk, "(2026)豫0326执100号") == case_id
    assert svc.case_id_by_no(desk, "（2026）豫0326执999号") is None


def test_closed_case_refuses_changes(desk):
    case_id = new_case(desk)
    with desk.transaction() as s:
        case = s.get(Case, case_id)
        case.status = "closed"
        s.add(case)
    with pytest.raises(Conflict, match="已结案，不能再修改初次接待笔录"):
        svc.save_intake(desk, case_id, filled(svc.load_intake(desk, case_id)))


def test_a_record_with_the_interviewer_as_recorder_is_refused(desk):
    """002 一.4 / 003 三(一)3: 谈话人、记录人、被谈话人 sign — two people from the court."""
    case_id = new_case(desk)
    view = svc.load_intake(desk, case_id)
    with pytest.raises(InvalidValue) as err:
        svc.save_intake(desk, case_id, filled(view) | {"recorder": " 测试员"}, expected_version=0)
    assert err.value.field == "记录人"
    assert "记录人不能与谈话人为同一人" in str(err.value)
    with desk.session() as s:
        assert s.exec(select(IntakeRecord).where(IntakeRecord.case_id == case_id)).first() is None


def test_a_profile_that_allows_one_person_saves_it(desk):
    case_id = new_case(desk)
    view = svc.load_intake(desk, case_id)
    from zhixing_tui.profiles.schema import IntakeSection

    one = desk.profile.model_copy(update={"intake": IntakeSection(one_person_may_record=True)})
    desk.__dict__["profile"] = one  # the desk's cached profile, for this desk only
    assert svc.save_intake(desk, case_id, filled(view) | {"recorder": "测试员"}, expected_version=0) == 1


def test_no_profile_allows_one_person():
    from zhixing_tui.profiles import load_profile

    for court in ("ruyang", "jianli", "gushi", "shihe", "kuaizhi"):
        assert load_profile(court).intake.one_person_may_record is False


@pytest.mark.parametrize("court", ["jianli", "shihe", "gushi"])
def test_the_demo_names_two_people(desk_factory, court):
    """监利/浉河/固始 have one 初次接待 clerk; the demo's records still name another 记录人."""
    desk = desk_factory(court, cases=120)
    with desk.session() as s:
        recs = s.exec(select(IntakeRecord).where(IntakeRecord.interviewed)).all()
    assert recs and all(r.recorder and r.recorder != r.interviewer for r in recs)

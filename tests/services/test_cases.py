"""register_case, add_party, update_case_fields, set_stage and close_case."""

from __future__ import annotations

import random
from datetime import date, datetime

import pytest
from sqlmodel import select

from zhixing_tui.domain.identity import make_credit_code, make_resident_id
from zhixing_tui.errors import Conflict, InvalidValue, NotFound
from zhixing_tui.services.cases.lifecycle import close_case, set_stage
from zhixing_tui.services.cases.registry import PartyInput, add_party, register_case, update_case_fields
from zhixing_tui.storage.models import AuditEntry, Case, DeadlineNode, OrgUnit, Party, StageEntry

RNG = random.Random(7)
ZHANG_ID = make_resident_id(RNG, "410326", date(1980, 5, 17), True)
CODE = make_credit_code(RNG, "410326")


def _register(desk, case_no="(2026)豫0326执100", **kw):
    args = dict(
        case_no=case_no,
        filed_on=date(2026, 11, 2),
        claim_fen=12_345_600,
        applicants=[PartyInput("汝阳县鑫源商贸有限公司", "company", CODE, "13803791234")],
        respondents=[PartyInput("单雄信", "person", ZHANG_ID, address="洛阳市汝阳县城关镇东街村3组")],
        basis="（2026）豫0326民初1234号民事判决书",
        cause="买卖合同纠纷",
    )
    args.update(kw)
    return register_case(desk, **args)


def test_register_case_stores_case_parties_stage_and_audit(desk):
    case_id = _register(desk)
    with desk.session() as s:
        case = s.get(Case, case_id)
        assert case.case_no == "（2026）豫0326执100号"
        assert (case.year, case.court_code, case.type_code, case.number) == (2026, "豫0326", "执", 100)
        assert case.received_on == date(2026, 11, 2)
        assert case.claim_fen == 12_345_600
        assert case.stage == "receive"  # ruyang's flow.entry_stage
        unit = s.get(OrgUnit, case.unit_id)
        assert unit.code == "property_query"
        assert case.search_text == (
            "（2026）豫0326执100号 汝阳县鑫源商贸有限公司 ryxxysmyxgs ruyangxianxinyuanshangmaoyouxiangongsi"
            " 单雄信 sxx shanxiongxin"
        )
        parties = s.exec(select(Party).where(Party.case_id == case_id).order_by(Party.id)).all()
        assert [(p.role, p.kind, p.name) for p in parties] == [
            ("applicant", "company", "汝阳县鑫源商贸有限公司"),
            ("respondent", "person", "单雄信"),
        ]
        assert parties[1].id_number == ZHANG_ID
        assert parties[1].search_key == "sxx shanxiongxin"
        entries = s.exec(select(StageEntry).where(StageEntry.case_id == case_id)).all()
        assert [(e.stage, e.left_at, e.reason) for e in entries] == [("receive", None, "立案登记")]
        assert case.stage_entered_at == entries[0].entered_at
        log = s.exec(select(AuditEntry).where(AuditEntry.case_id == case_id)).all()
        assert [(a.action, a.operator) for a in log][0] == ("register", "测试员")
        assert log[0].summary == "立案登记" and log[0].after["respondents"] == ["单雄信"]
        # registering starts the deadline clocks: 立案 (the 6-month period) and 收案 (the center's nodes)
        assert [a.action for a in log[1:]] == ["nodes", "nodes", "nodes"]  # 立案, 收案, entry stage
        assert log[1].summary.startswith("立案；新增节点：法定执行期限")
        nodes = s.exec(
            select(DeadlineNode).where(DeadlineNode.case_id == case_id).order_by(DeadlineNode.id)
        ).all()
        # filed and received 2026-11-02, before today (11-23): the clocks start at 09:00 that day
        assert [(n.rule_id, n.anchor_event, n.anchor_at, n.due_on, n.completed_at) for n in nodes] == [
            ("national.execution_period", "filed", datetime(2026, 11, 2, 9), date(2027, 5, 3), None),
            ("ruyang.network_query", "received", datetime(2026, 11, 2, 9), date(2026, 11, 2), None),
            ("ruyang.notices", "received", datetime(2026, 11, 2, 9), date(2026, 11, 5), None),
            ("ruyang.offline_query", "received", datetime(2026, 11, 2, 9), date(2026, 11, 9), None),
            ("ruyang.center_finish", "received", datetime(2026, 11, 2, 9), date(2026, 11, 12), None),
            ("stage.receive", "stage_entered", datetime(2026, 11, 2, 9), date(2026, 11, 2), None),
        ]


@pytest.mark.parametrize(
    ("case_no", "message"),
    [
        ("2026豫0326执", "案号缺少案件序号"),
        ("（2026）0326执1号", "法院代字缺少省份简称"),
        ("（2026）鄂1088执1号", "法院代字 鄂1088 与本院代字 豫0326 不符"),
        ("（26）豫0326执1号", "案号年份应为四位数字"),
    ],
)
def test_register_rejects_bad_case_numbers(desk, case_no, message):
    with pytest.raises(InvalidValue, match=message):
        _register(desk, case_no)
    with desk.session() as s:
        assert s.exec(select(Case)).all() == []


def test_register_rejects_bad_id_numbers_with_the_party_named(desk):
    bad = ZHANG_ID[:17] + ("0" if ZHANG_ID[17] != "0" else "1")
    with pytest.raises(InvalidValue, match=f"被执行人「单雄信」的身份证号校验位错误：应为 {ZHANG_ID[17]}"):
        _register(desk, respondents=[PartyInput("单雄信", "person", bad)])
    with pytest.raises(InvalidValue, match="是自然人，应填写18位身份证号"):
        _register(desk, respondents=[PartyInput("单雄信", "person", CODE)])
    with pytest.raises(InvalidValue, match="是企业，应填写统一社会信用代码"):
        _register(desk, applicants=[PartyInput("某公司", "company", ZHANG_ID)])
    with pytest.raises(InvalidValue, match="被执行人姓名（名称）不能为空"):
        _register(desk, respondents=[PartyInput("  ")])
    with pytest.raises(InvalidValue, match="至少需要一名被执行人"):
        _register(desk, respondents=[])


def test_unknown_region_is_only_a_warning(desk):
    odd = make_resident_id(random.Random(1), "419999", date(1975, 1, 1), False)
    case_id = _register(desk, respondents=[PartyInput("查女士", "person", odd)])
    with desk.session() as s:
        entry = s.exec(
            select(AuditEntry).where(AuditEntry.case_id == case_id, AuditEntry.action == "register")
        ).one()
    assert len(entry.after["warnings"]) == 1
    assert entry.after["warnings"][0].startswith("被执行人「查女士」：地区代码 419999")


def test_duplicate_case_number_is_a_conflict(desk):
    _register(desk)
    with pytest.raises(Conflict, match="案号 （2026）豫0326执100号 已登记，不能重复立案"):
        _register(desk, "（2026）豫0326执100号")


def test_received_before_filed_is_rejected(desk):
    with pytest.raises(InvalidValue, match="收案日期 2026-11-01 早于立案日期 2026-11-02"):
        _register(desk, received_on=date(2026, 11, 1))


def test_add_party_updates_search_text_and_audits(desk):
    case_id = _register(desk)
    party_id = add_party(desk, case_id, "respondent", PartyInput("曾小红", "person"))
    with desk.session() as s:
        case = s.get(Case, case_id)
        assert "曾小红 zxh zengxiaohong" in case.search_text
        assert s.get(Party, party_id).sort_order == 1
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "add_party")).one()
        assert (entry.summary, entry.operator, entry.case_id) == ("追加被执行人：曾小红", "测试员", case_id)
    with pytest.raises(InvalidValue, match="当事人身份无法识别"):
        add_party(desk, case_id, "witness", PartyInput("某人"))


def test_update_case_fields_records_before_and_after(desk):
    case_id = _register(desk)
    diff = update_case_fields(
        desk, case_id, claim_fen=100_000, cause="民间借贷纠纷", basis="（2026）豫0326民初1234号民事判决书"
    )
    assert diff == {"cause": ["买卖合同纠纷", "民间借贷纠纷"], "claim_fen": [12_345_600, 100_000]}
    with desk.session() as s:
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "update")).one()
        assert entry.summary == "更正立案信息：案由、申请执行标的额"
        assert entry.before == {"cause": "买卖合同纠纷", "claim_fen": 12_345_600}
        assert entry.after == {"cause": "民间借贷纠纷", "claim_fen": 100_000}
    assert update_case_fields(desk, case_id, cause="民间借贷纠纷") == {}
    with pytest.raises(InvalidValue, match="不能修改的字段：status"):
        update_case_fields(desk, case_id, status="closed")


def test_update_case_no_checks_duplicates_and_refreshes_search(desk):
    a = _register(desk)
    _register(desk, "（2026）豫0326执101号")
    with pytest.raises(Conflict, match="已被其他案件使用"):
        update_case_fields(desk, a, case_no="（2026）豫0326执101号")
    update_case_fields(desk, a, case_no="(2026)豫0326执恢7号")
    with desk.session() as s:
        case = s.get(Case, a)
        assert (case.case_no, case.type_code, case.number) == ("（2026）豫0326执恢7号", "执恢", 7)
        assert case.search_text.startswith("（2026）豫0326执恢7号 ")


def test_set_stage_closes_the_open_entry(desk):
    case_id = _register(desk)
    with desk.transaction() as s:
        case = s.get(Case, case_id)
        unit_id = s.exec(select(OrgUnit.id).where(OrgUnit.code == "property_query")).one()
        set_stage(s, case, "online_query", unit_id, None, "发起网络查控", "测试员")
    with desk.session() as s:
        entries = s.exec(
            select(StageEntry).where(StageEntry.case_id == case_id).order_by(StageEntry.id)
        ).all()
        assert [e.stage for e in entries] == ["receive", "online_query"]
        assert entries[0].left_at == entries[1].entered_at
        assert entries[1].left_at is None
        assert s.get(Case, case_id).stage_entered_at == entries[1].entered_at
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "stage")).one()
        assert entry.summary == "发起网络查控"
        assert entry.before["stage"] == "receive" and entry.after["stage"] == "online_query"


def test_close_case(desk):
    case_id = _register(desk)
    close_case(
        desk,
        case_id,
        method="终结",  # 终本 has its own conditions: tests/services/test_zhongben_close.py
        closed_on=date(2026, 11, 20),
        closing_fen=12_345_600,
        recovered_fen=50_000,
        reason="申请执行人撤回执行申请",
    )
    with desk.session() as s:
        case = s.get(Case, case_id)
        assert (case.status, case.stage, case.closing_method) == ("closed", "closed", "终结执行")
        assert (case.closed_on, case.closing_fen, case.recovered_fen, case.abandoned_fen) == (
            date(2026, 11, 20),
            12_345_600,
            50_000,
            0,
        )
        open_entries = s.exec(
            select(StageEntry).where(StageEntry.case_id == case_id, StageEntry.left_at.is_(None))
        ).all()
        assert [e.stage for e in open_entries] == ["closed"]
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "close")).one()
        assert entry.summary == "结案：终结执行"
        assert entry.before["status"] == "open" and entry.after["status"] == "closed"
        # closing completes every node registration started, at 09:00 of the closing day
        nodes = s.exec(
            select(DeadlineNode).where(DeadlineNode.case_id == case_id).order_by(DeadlineNode.id)
        ).all()
        assert [(n.rule_id, n.completed_at, n.completed_event, n.completed_by) for n in nodes] == [
            (rule, datetime(2026, 11, 20, 9), "closed", "测试员")
            for rule in (
                "national.execution_period",
                "ruyang.network_query",
                "ruyang.notices",
                "ruyang.offline_query",
                "ruyang.center_finish",
                "stage.receive",
            )
        ]
    with pytest.raises(Conflict, match="已于 2026-11-20 结案"):
        close_case(
            desk, case_id, method="执行完毕", closed_on=date(2026, 11, 21), closing_fen=1, recovered_fen=1
        )


def test_close_case_validates_method_and_amounts(desk):
    case_id = _register(desk)
    with pytest.raises(InvalidValue, match="结案方式无法识别：「和稀泥」"):
        close_case(
            desk, case_id, method="和稀泥", closed_on=date(2026, 11, 20), closing_fen=1, recovered_fen=0
        )
    with pytest.raises(InvalidValue, match="以执行完毕结案时"):
        close_case(
            desk, case_id, method="执行完毕", closed_on=date(2026, 11, 20), closing_fen=100, recovered_fen=90
        )
    with pytest.raises(InvalidValue, match="结案日期 2026-10-01 早于立案日期 2026-11-02"):
        close_case(desk, case_id, method="销案", closed_on=date(2026, 10, 1), closing_fen=0, recovered_fen=0)
    with pytest.raises(NotFound, match="案件（编号 9999）不存在"):
        close_case(desk, 9999, method="销案", closed_on=date(2026, 11, 20), closing_fen=0, recovered_fen=0)
    close_case(
        desk,
        case_id,
        method="执行完毕",
        closed_on=date(2026, 11, 20),
        closing_fen=100,
        recovered_fen=90,
        abandoned_fen=10,
    )


def test_every_change_is_audited_with_the_operator(desk_factory):
    desk = desk_factory(operator="窗口甲")
    case_id = _register(desk)
    add_party(desk, case_id, "applicant", PartyInput("曾小红"))
    update_case_fields(desk, case_id, cause="民间借贷纠纷")
    with desk.transaction() as s:
        set_stage(s, s.get(Case, case_id), "online_query", None, None, "发起网络查控", desk.operator)
    close_case(desk, case_id, method="销案", closed_on=date(2026, 11, 20), closing_fen=0, recovered_fen=0)
    with desk.session() as s:
        log = s.exec(select(AuditEntry).where(AuditEntry.case_id == case_id).order_by(AuditEntry.id)).all()
    assert [(a.action, a.operator, a.summary.split("；")[0]) for a in log] == [
        ("register", "窗口甲", "立案登记"),
        ("nodes", "窗口甲", "立案"),  # registering starts the clocks: 立案, 收案, the entry stage
        ("nodes", "窗口甲", "收案登记"),
        ("nodes", "窗口甲", "进入阶段（收案登记）"),
        ("add_party", "窗口甲", "追加申请执行人：曾小红"),
        ("update", "窗口甲", "更正立案信息：案由"),
        ("stage", "窗口甲", "发起网络查控"),
        ("close", "窗口甲", "结案：销案"),
        ("nodes", "窗口甲", "结案（销案）"),  # closing (by its method) completes the nodes
    ]

"""Checklist service: items per profile, status moves with audit, the 无财产 batch, documents, service,
and the deadline nodes these changes complete."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from tests.roster import act_as
from zhixing_tui.errors import Conflict, InvalidValue, PermissionDenied
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.services.deadlines.case_nodes import case_nodes
from zhixing_tui.services.triage.decisions import derive_facts
from zhixing_tui.services.window import checklist as svc
from zhixing_tui.services.window import documents as docs_svc
from zhixing_tui.storage.models import AuditEntry, Case, QueryItem


def received_case(desk, claim_fen: int = 5_000_000) -> int:
    case_id = register_case(
        desk,
        case_no=f"(2026){desk.profile.court.code}执200号",
        filed_on=date(2026, 11, 20),
        claim_fen=claim_fen,
        applicants=[PartyInput("李四")],
        respondents=[PartyInput("王五")],
    )
    return case_id  # registering recorded 立案 and 收案 (11-20, 09:00): the center's nodes run


def item(view: svc.ChecklistView, channel: str, asset: str) -> svc.ItemRow:
    return next(i for i in view.items if i.channel == channel and i.asset_type == asset)


def node(desk, case_id: int, rule_id: str):
    return next(n for n in case_nodes(desk, case_id) if n.rule_id == rule_id)


def audits(desk, action: str) -> list[AuditEntry]:
    with desk.session() as s:
        return list(s.exec(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


def test_checklist_created_once_per_profile(desk):
    case_id = received_case(desk)
    view = svc.load_checklist(desk, case_id)
    assert len(view.items) == 18 and len(view.documents) == 6
    assert item(view, "local", "real_estate").label == "洛阳市不动产"
    assert [d.label for d in view.documents][:4] == ["执行通知书", "报告财产令", "财产申报表", "执行裁定书"]
    assert svc.ensure_checklist(desk, case_id) == 0
    assert [a.summary for a in audits(desk, "query.checklist")] == ["生成查控清单：查控项目 18 项，文书 6 件"]


def test_moves_amounts_and_triage_money(desk):
    case_id = received_case(desk, claim_fen=5_000_000)
    clerk = act_as(desk, "query_clerk")  # freezing is the query group's (services.seals.SEAL_ROLES)
    view = svc.load_checklist(desk, case_id)
    dep = item(view, "national", "deposit")
    svc.move_item(desk, dep.id, "started")
    svc.move_item(desk, dep.id, "feedback", result="found", amount_fen=3_000_000)
    online = item(view, "national", "online_funds")
    svc.move_item(desk, online.id, "feedback", result="found", amount_fen=2_500_000)
    svc.move_item(desk, dep.id, "frozen")
    svc.set_amounts(desk, online.id, found_fen=2_600_000)
    view = svc.load_checklist(desk, case_id)
    d = item(view, "national", "deposit")
    assert (d.status_text, d.amount_found_fen, d.amount_controlled_fen, d.handler) == (
        "已冻结",
        3_000_000,
        3_000_000,
        clerk,
    )
    assert (d.started_on, d.feedback_on, d.controlled_on) == (date(2026, 11, 23),) * 3
    assert view.summary.money_found_fen == 5_600_000 and view.summary.controlled_fen == 3_000_000
    assert view.summary.line().startswith(
        "申请标的 50,000.00 元　查得存款及网络资金 56,000.00 元（足以清偿）"
    )
    assert [a.summary for a in audits(desk, "query.move")] == [
        "总对总·银行存款：已发起",
        "总对总·银行存款：已反馈（有财产），金额 30,000.00 元",
        "总对总·网络资金（支付宝、微信）：已反馈（有财产），金额 25,000.00 元",
        "总对总·银行存款：已冻结，金额 30,000.00 元",
    ]
    assert audits(desk, "query.amount")[0].after == {
        "amount_found_fen": 2_600_000,
        "amount_controlled_fen": 0,
    }
    with desk.session() as s:
        facts, _ = derive_facts(s, s.get(Case, case_id))
    assert facts.money_found_fen == 5_600_000
    # the freeze started the 1-year deposit term (ends 2027-11-23; renewal due 15日 before)
    seal = node(desk, case_id, "national.seal.deposit")
    assert seal.anchor_event == "sealed" and seal.due_on == date(2027, 11, 8)


def test_bad_moves_change_nothing(desk):
    case_id = received_case(desk)
    view = svc.load_checklist(desk, case_id)
    land = item(view, "offline", "land")
    with pytest.raises(Conflict, match="线下·土地当前为「未发起」，不能改为「已查封」"):
        svc.move_item(desk, land.id, "sealed")
    with pytest.raises(Conflict, match="尚未反馈“有财产”，不能填写查得金额"):
        svc.set_amounts(desk, land.id, found_fen=100)
    with pytest.raises(InvalidValue, match="日期不能晚于今天"):
        svc.move_item(desk, land.id, "started", on=date(2026, 11, 24))
    with desk.session() as s:
        assert s.get(QueryItem, land.id).status == "not_started"
    assert audits(desk, "query.move") == []


def test_control_amount_above_the_amount_found_is_refused(desk):
    case_id = received_case(desk)
    act_as(desk, "query_clerk")
    dep = item(svc.load_checklist(desk, case_id), "national", "deposit")
    svc.move_item(desk, dep.id, "feedback", result="found", amount_fen=1_200_000)
    with pytest.raises(InvalidValue) as refused:
        svc.move_item(desk, dep.id, "frozen", amount_fen=2_000_000)
    assert refused.value.message == "控制金额 20,000.00 元超过查到的 12,000.00 元"
    svc.move_item(desk, dep.id, "frozen", amount_fen=1_000_000)
    with pytest.raises(InvalidValue, match="^控制金额 12,000.01 元超过查到的 12,000.00 元$"):
        svc.set_amounts(desk, dep.id, controlled_fen=1_200_001)
    with pytest.raises(InvalidValue, match="^控制金额 10,000.00 元超过查到的 9,000.00 元$"):
        svc.set_amounts(desk, dep.id, found_fen=900_000)
    svc.set_amounts(desk, dep.id, controlled_fen=1_200_000)
    d = item(svc.load_checklist(desk, case_id), "national", "deposit")
    assert (d.status, d.amount_found_fen, d.amount_controlled_fen) == ("frozen", 1_200_000, 1_200_000)
    assert [a.summary for a in audits(desk, "query.move")][-1] == "总对总·银行存款：已冻结，金额 10,000.00 元"


def test_batch_none_marks_every_national_item_and_completes_ruyang_network_node(desk):
    case_id = received_case(desk)
    view = svc.load_checklist(desk, case_id)
    dep = item(view, "national", "deposit")
    svc.move_item(desk, dep.id, "feedback", result="found", amount_fen=100_00)
    assert node(desk, case_id, "ruyang.network_query").completed_event == "national_query_started"
    assert svc.mark_national_none(desk, case_id) == 8
    view = svc.load_checklist(desk, case_id)
    national = [i for i in view.items if i.channel == "national"]
    assert [i.status_text for i in national].count("已反馈（无财产）") == 8
    assert item(view, "national", "deposit").status_text == "已反馈（有财产）"
    assert item(view, "local", "real_estate").status == "not_started"
    [entry] = audits(desk, "query.batch_none")
    assert entry.summary == "总对总查控 8 项反馈：均无财产"
    with pytest.raises(Conflict, match="没有待反馈的总对总查控项目"):
        svc.mark_national_none(desk, case_id)


def test_shihe_network_nodes_follow_the_checklist(desk_factory):
    desk = desk_factory("shihe")
    case_id = received_case(desk)
    view = svc.load_checklist(desk, case_id)
    with pytest.raises(Conflict, match="尚无网络查控反馈"):
        svc.mark_feedback_printed(desk, case_id)
    svc.mark_national_none(desk, case_id)
    assert node(desk, case_id, "shihe.national_query_start").completed_event == "national_query_started"
    # the local item is still open: the network stage is not done yet
    assert not [n for n in case_nodes(desk, case_id) if n.rule_id == "shihe.feedback_print"]
    svc.move_item(desk, item(view, "local", "real_estate").id, "feedback", result="none")
    assert node(desk, case_id, "shihe.national_query_done").completed_event == "national_query_done"
    printed = node(desk, case_id, "shihe.feedback_print")
    assert printed.completed_at is None
    svc.mark_feedback_printed(desk, case_id)
    assert node(desk, case_id, "shihe.feedback_print").completed_event == "feedback_printed"
    assert svc.load_checklist(desk, case_id).feedback_printed is True


def test_offline_items_complete_ruyang_traditional_query(desk):
    case_id = received_case(desk)
    view = svc.load_checklist(desk, case_id)
    offline = [i for i in view.items if i.channel == "offline" and i.asset_type != "site_visit"]
    for i in offline[:-1]:
        svc.move_item(desk, i.id, "feedback", result="none")
    assert node(desk, case_id, "ruyang.offline_query").completed_at is None
    svc.move_item(desk, offline[-1].id, "feedback", result="found", amount_fen=0)
    done = node(desk, case_id, "ruyang.offline_query")
    assert done.completed_event == "offline_done"
    # property found offline: the 10-day center node gives way to the 15-day one
    names = {n.rule_id for n in case_nodes(desk, case_id)}
    assert "ruyang.center_finish_property" in names and "ruyang.center_finish" not in names


def test_documents_and_four_step_service_complete_the_notice_node(desk):
    case_id = received_case(desk)
    view = svc.load_checklist(desk, case_id)
    docs = {d.kind: d for d in view.documents}
    with pytest.raises(Conflict, match="执行通知书尚未制作，不能送达"):
        docs_svc.add_service_attempt(desk, docs["notice"].id, step="phone", result="served")
    for kind in ("notice", "property_order", "declaration", "ruling"):
        docs_svc.make_document(desk, docs[kind].id, on=date(2026, 11, 21))
        docs_svc.add_service_attempt(
            desk, docs[kind].id, step="phone", result="failed", attempted_on=date(2026, 11, 21)
        )
        docs_svc.add_service_attempt(
            desk,
            docs[kind].id,
            step="mail",
            result="returned",
            address_kind="户籍地",
            attempted_on=date(2026, 11, 22),
        )
    assert node(desk, case_id, "ruyang.notices").completed_at is None
    for kind in ("notice", "property_order", "declaration"):
        docs_svc.add_service_attempt(
            desk, docs[kind].id, step="direct", result="refused", note="拒收，已拍照"
        )
    docs_svc.add_service_attempt(
        desk, docs["ruling"].id, step="notice", result="served", note="村委会出具下落不明证明"
    )
    notices = node(desk, case_id, "ruyang.notices")
    assert notices.completed_event == "notices_served" and notices.status_name == "已完成"
    view = svc.load_checklist(desk, case_id)
    notice = next(d for d in view.documents if d.kind == "notice")
    assert notice.status == "served" and notice.served_on == date(2026, 11, 23)
    assert [(a.step, a.address_kind, a.result, a.refused) for a in notice.attempts] == [
        ("phone", "", "failed", False),
        ("mail", "户籍地", "returned", False),
        ("direct", "", "refused", True),
    ]
    assert notice.next_step is None
    assert view.summary.notices_served == 4
    assert audits(desk, "document.service")[1].summary == "执行通知书邮寄送达（户籍地）：邮件退回"
    with pytest.raises(Conflict, match="该文书已送达"):
        docs_svc.add_service_attempt(desk, docs["notice"].id, step="phone", result="served")


def test_document_made_once_with_audit(desk):
    case_id = received_case(desk)
    ban = next(d for d in svc.load_checklist(desk, case_id).documents if d.kind == "consumption_ban")
    docs_svc.make_document(desk, ban.id, on=date(2026, 11, 22))
    [entry] = audits(desk, "document.made")
    assert (entry.summary, entry.after) == (
        "制作限制消费令",
        {"kind": "consumption_ban", "made_on": "2026-11-22"},
    )
    made = next(d for d in svc.load_checklist(desk, case_id).documents if d.kind == "consumption_ban")
    assert (made.status, made.made_on, made.next_step) == ("made", date(2026, 11, 22), "phone")
    with pytest.raises(Conflict, match="限制消费令已制作，无须重复制作"):
        docs_svc.make_document(desk, ban.id)


def test_controls_from_the_checklist_need_the_registers_roles(desk):
    """The window records a query's answer; freezing, sealing, deducting and 委托 from 查控 need the
    roles the seal register and the 委托 register would (a window clerk used to freeze and
    deduct here what ``zhixing seal add`` refused them)."""
    case_id = received_case(desk)
    view = svc.load_checklist(desk, case_id)
    dep, car = item(view, "national", "deposit"), item(view, "offline", "vehicle")
    act_as(desk, "window_clerk")
    svc.move_item(desk, dep.id, "feedback", result="found", amount_fen=3_000_000)
    svc.move_item(desk, car.id, "feedback", result="found")
    for target, what in (("frozen", "冻结"), ("deducted", "扣划")):
        with pytest.raises(PermissionDenied, match=f"^窗口书记员无权{what}财产：需要"):
            svc.move_item(desk, dep.id, target)
    with pytest.raises(PermissionDenied, match="^窗口书记员无权委托外地财产：需要承办人、查控专员$"):
        svc.move_item(desk, car.id, "delegated")
    act_as(desk, "query_clerk")
    svc.move_item(desk, dep.id, "frozen")
    act_as(desk, "window_clerk")
    with pytest.raises(PermissionDenied, match="^窗口书记员无权冻结财产"):
        svc.set_amounts(desk, dep.id, controlled_fen=2_000_000)
    with desk.session() as s:
        frozen = s.get(QueryItem, dep.id)
        assert (frozen.status, frozen.amount_controlled_fen) == ("frozen", 3_000_000)
        assert s.get(QueryItem, car.id).status == "feedback"

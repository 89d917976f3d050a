"""Who did an act is recorded by staff id as well as by name (issue #16, revision 0014), and the
rule "nobody decides what they submitted" compares ids: renaming the submitter does not let them
approve their own handoff or request, and whoever now bears the submitter's old name still may."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlmodel import select

from tests.actor_ids import wrong_ids
from tests.services.test_handoffs import CLERK, MONITOR, jianli  # noqa: F401  (the fixture)
from zhixing_tui.errors import PermissionDenied
from zhixing_tui.services.board import handoffs
from zhixing_tui.services.board import travel as board_travel
from zhixing_tui.services.board.approvals import decide_any
from zhixing_tui.storage.models import Approval, DeadlineNode, Handoff, Staff

LEAD = "唐崇廉"  # a 组长 of 监利: asks for travel
OTHER_LEAD = "平俊"


def _ids(desk) -> dict[str, int]:
    with desk.session() as s:
        return {name: sid for sid, name in s.exec(select(Staff.id, Staff.name))}


def _logged_in(desk, name: str):
    """The desk as the app's login screen leaves it: the name and the staff id."""
    return replace(desk, operator=name, operator_id=_ids(desk)[name])


def _rename(desk, old: str, new: str) -> None:
    with desk.transaction() as s:
        staff = s.exec(select(Staff).where(Staff.name == old)).one()
        staff.name = new
        s.add(staff)


def test_every_act_carries_the_staff_id_of_who_did_it(jianli):  # noqa: F811
    desk, case_id = jianli  # 杨琼, not logged in: matched by her unique name
    ids = _ids(desk)
    hid = handoffs.submit_move(desk, case_id, "offline_query")
    handoffs.approve(_logged_in(desk, MONITOR), hid)  # the decision is a compare-and-set UPDATE
    aid = board_travel.request_travel(
        replace(desk, operator=LEAD), case_id, scope="in_county", destination="监利市新沟镇", purpose="查找"
    )
    decide_any(_logged_in(desk, OTHER_LEAD), aid, approve=True)
    with desk.session() as s:
        h = s.get(Handoff, hid)
        assert (h.submitted_by, h.submitted_by_id) == ("杨琼", ids["杨琼"])
        assert (h.decided_by, h.decided_by_id) == (MONITOR, ids[MONITOR])
        a = s.get(Approval, aid)
        assert (a.requested_by_id, a.decided_by_id) == (ids[LEAD], ids[OTHER_LEAD])
        completed = s.exec(
            select(DeadlineNode.completed_by, DeadlineNode.completed_by_id).where(
                DeadlineNode.case_id == case_id,
                DeadlineNode.completed_at.is_not(None),  # type: ignore[union-attr]
            )
        ).all()
        assert (MONITOR, ids[MONITOR]) in completed  # the approval node, completed by the approval
        assert wrong_ids(s.connection()) == []  # every other row the acts wrote agrees with the roster


def test_a_renamed_submitter_still_may_not_approve_their_own_handoff(jianli):  # noqa: F811
    desk, case_id = jianli
    ids = _ids(desk)
    hid = handoffs.submit_move(_logged_in(desk, CLERK), case_id, "offline_query")
    _rename(desk, CLERK, "吴晓敏")
    _rename(desk, MONITOR, CLERK)  # the monitor now bears the submitter's old name
    for clerk in (replace(desk, operator="吴晓敏", operator_id=ids[CLERK]), replace(desk, operator="吴晓敏")):
        for decide in (
            lambda clerk=clerk: handoffs.approve(clerk, hid),
            lambda clerk=clerk: handoffs.return_handoff(clerk, hid, reason="自己退回"),
        ):
            with pytest.raises(PermissionDenied, match="^不能审批自己提交的移送"):
                decide()
    handoffs.approve(replace(desk, operator=CLERK, operator_id=ids[MONITOR]), hid)  # another approver
    with desk.session() as s:
        h = s.get(Handoff, hid)
        assert (h.status, h.submitted_by, h.submitted_by_id) == ("approved", CLERK, ids[CLERK])
        assert (h.decided_by, h.decided_by_id) == (CLERK, ids[MONITOR])  # the name as it was then


def test_a_renamed_requester_still_may_not_decide_their_own_request(jianli):  # noqa: F811
    desk, case_id = jianli
    ids = _ids(desk)
    aid = board_travel.request_travel(
        _logged_in(desk, LEAD), case_id, scope="in_county", destination="监利市新沟镇", purpose="查找"
    )
    _rename(desk, LEAD, "唐崇亷")
    _rename(desk, OTHER_LEAD, LEAD)
    renamed = replace(desk, operator="唐崇亷", operator_id=ids[LEAD])
    with pytest.raises(PermissionDenied, match="^不能审批自己提交的申请"):
        board_travel.decide_approval(renamed, aid, approve_it=True)
    with pytest.raises(PermissionDenied, match="^不能审批自己提交的申请"):
        decide_any(renamed, aid, approve=True)
    assert decide_any(replace(desk, operator=LEAD), aid, approve=True) == "travel"  # 平俊, renamed
    with desk.session() as s:
        a = s.get(Approval, aid)
        assert (a.requested_by_id, a.decided_by, a.decided_by_id) == (ids[LEAD], LEAD, ids[OTHER_LEAD])


def test_money_and_measures_carry_the_staff_ids_of_a_logged_in_desk(desk):
    """On the ruyang desk: 认领, 发放, 退回 and a measure taken and lifted, each by a logged-in
    desk (the app's login: name and staff id), write that id beside the name — the 案款 node the
    return completes too."""
    from tests.services.test_money import new_case, staff_with
    from zhixing_tui.services.measures.records import lift_measure, take_measure
    from zhixing_tui.services.money.records import claim_payment, pay_out, record_arrival, return_money
    from zhixing_tui.storage.models import Measure, Payment, Payout

    ids = _ids(desk)
    clerk = _logged_in(desk, staff_with(desk, "case_money"))
    handler = _logged_in(desk, staff_with(desk, "handler"))
    with desk.session() as s:
        second = s.exec(
            select(Staff.name)
            .where(Staff.role == "handler", Staff.name != handler.operator)
            .order_by(Staff.id)
        ).first()
    lifter = _logged_in(desk, second)
    case_id = new_case(handler)
    pid = record_arrival(
        clerk, arrived_on=date(2026, 11, 2), amount_fen=500_000, payer="张三", ref_no="LS001"
    )
    claim_payment(clerk, pid, case_id, claimed_on=date(2026, 11, 4))
    pay_out(handler, pid, amount_fen=300_000, voucher_no="ZF1", paid_on=date(2026, 11, 5))
    return_money(handler, pid, reason="多缴部分退回", returned_on=date(2026, 11, 6))
    mid = take_measure(
        handler, case_id, "consumption_ban", decided_on=date(2026, 11, 2), doc_no="（2026）豫0326执1号"
    )
    lift_measure(
        lifter, mid, on=date(2026, 11, 20), reason="已履行完毕", doc_no="（2026）豫0326执1号之一", verb="解除"
    )
    with desk.session() as s:
        p = s.get(Payment, pid)
        assert (p.claimed_by, p.claimed_by_id) == (clerk.operator, ids[clerk.operator])
        payouts = s.exec(select(Payout.kind, Payout.by, Payout.by_id).where(Payout.payment_id == pid)).all()
        assert sorted(payouts) == sorted(
            [
                ("payout", handler.operator, ids[handler.operator]),
                ("return", handler.operator, ids[handler.operator]),
            ]
        )
        m = s.get(Measure, mid)
        assert (m.by_id, m.lifted_by, m.lifted_by_id) == (
            ids[handler.operator],
            lifter.operator,
            ids[lifter.operator],
        )
        completed = s.exec(
            select(DeadlineNode.completed_by_id).where(
                DeadlineNode.case_id == case_id,
                DeadlineNode.rule_id.startswith("ruyang.case_money"),  # type: ignore[attr-defined]
            )
        ).all()
        assert completed == [ids[handler.operator]]
        assert wrong_ids(s.connection()) == []


def test_a_renamed_borrower_still_may_end_the_borrowing_and_their_old_name_may_not(desk_factory):
    """快执: a file lent to a handler records the borrower's staff id; after a rename the borrower
    (logged in under the new name) may say the reason ended, a colleague now bearing the old name
    may not."""
    from tests.services.test_file_register import kuaizhi_case
    from zhixing_tui.services import files
    from zhixing_tui.storage.models import FileMovement

    desk = desk_factory("kuaizhi")
    cid, handler = kuaizhi_case(desk, 1)
    ids = _ids(desk)
    with desk.session() as s:
        clerk = s.exec(select(Staff.name).where(Staff.role == "file_clerk").order_by(Staff.id)).first()
        colleague = s.exec(
            select(Staff.name).where(Staff.role == "handler", Staff.name != handler).order_by(Staff.id)
        ).first()
    files.lend_file(
        _logged_in(desk, clerk), cid, borrower=handler, reason="制作终本裁定", on=date(2026, 11, 18)
    )
    _rename(desk, handler, handler + "（改名）")
    _rename(desk, colleague, handler)
    with pytest.raises(PermissionDenied, match="无权登记借卷事由消失"):
        files.end_borrow_reason(replace(desk, operator=handler, operator_id=ids[colleague]), cid)
    renamed = replace(desk, operator=handler + "（改名）", operator_id=ids[handler])
    files.end_borrow_reason(renamed, cid, on=date(2026, 11, 20))
    with desk.session() as s:
        row = s.exec(
            select(FileMovement).where(FileMovement.case_id == cid, FileMovement.kind == "borrow")
        ).one()
        assert (row.to_party, row.to_party_id, row.reason_ended_on) == (
            handler,
            ids[handler],
            date(2026, 11, 20),
        )

"""services.money: 到账, 认领, 发放, 退回 with their nodes, audit and permission; 浉河's late-payout
approval; the lists and totals reconciling to the 分 on a hand-built fixture and on a demo desk."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlmodel import select

from zhixing_tui.errors import Conflict, InvalidValue, PermissionDenied
from zhixing_tui.services.board.approvals import decide_any
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.services.money.late import late_payout_form, request_late_payout
from zhixing_tui.services.money.query import money_page, money_totals
from zhixing_tui.services.money.records import claim_payment, pay_out, record_arrival, return_money
from zhixing_tui.storage.models import Approval, AuditEntry, DeadlineNode, Payment, Payout, Staff


def staff_with(desk, role: str) -> str:
    with desk.session() as s:
        return s.exec(select(Staff.name).where(Staff.role == role, Staff.active).order_by(Staff.id)).first()


def as_role(desk, role: str):
    return replace(desk, operator=staff_with(desk, role))


def new_case(desk, n: int = 1) -> int:
    return register_case(
        desk,
        case_no=f"（2026）{desk.profile.court.code}执{n}号",
        filed_on=date(2026, 8, 3),
        claim_fen=1_000_000,
        applicants=[PartyInput("李四")],
        respondents=[PartyInput("张三")],
    )


def nodes(desk, case_id: int, prefix: str) -> list[tuple[str, datetime, date, datetime | None]]:
    with desk.session() as s:
        rows = s.exec(
            select(DeadlineNode)
            .where(DeadlineNode.case_id == case_id, DeadlineNode.rule_id.startswith(prefix))
            .order_by(DeadlineNode.rule_id)
        )
        return [(n.rule_id, n.anchor_at, n.due_on, n.completed_at) for n in rows]


def test_arrival_claim_partial_and_full_payout_feed_the_ruyang_node(desk):
    clerk = as_role(desk, "case_money")
    case_id = new_case(desk)
    pid = record_arrival(
        clerk, arrived_on=date(2026, 11, 2), amount_fen=500_000, payer="张三", ref_no="LS001"
    )
    with desk.session() as s:
        p = s.get(Payment, pid)
        assert (p.case_id, p.claimed_on) == (None, None)
    assert nodes(desk, case_id, "ruyang.case_money") == []
    claim_payment(clerk, pid, case_id, claimed_on=date(2026, 11, 4))
    # the node counts from 到账 (000 二(一)5): 7日 from 11-02 → 11-09
    assert nodes(desk, case_id, "ruyang.case_money") == [
        ("ruyang.case_money", datetime(2026, 11, 2, 9), date(2026, 11, 9), None)
    ]
    handler = as_role(desk, "handler")
    pay_out(handler, pid, amount_fen=300_000, voucher_no="ZF1", paid_on=date(2026, 11, 5))
    assert nodes(desk, case_id, "ruyang.case_money")[0][3] is None  # a partial payout completes nothing
    return_money(handler, pid, reason="多缴部分退回", returned_on=date(2026, 11, 6))
    assert nodes(desk, case_id, "ruyang.case_money")[0][3] == datetime(2026, 11, 6, 9)
    with desk.session() as s:
        p = s.get(Payment, pid)
        assert (p.case_id, p.claimed_on, p.claimed_by, p.paid_out_on) == (
            case_id,
            date(2026, 11, 4),
            clerk.operator,
            date(2026, 11, 6),
        )
        outs = s.exec(select(Payout).order_by(Payout.id)).all()
        assert [(o.kind, o.amount_fen, o.payee, o.voucher_no, o.reason) for o in outs] == [
            ("payout", 300_000, "李四", "ZF1", ""),
            ("return", 200_000, "张三", "", "多缴部分退回"),
        ]
        actions = [
            e.action for e in s.exec(select(AuditEntry).where(AuditEntry.entity.in_(["payment", "payout"])))
        ]
    assert actions == ["money_arrive", "money_claim", "money_payout", "money_return"]
    with pytest.raises(Conflict, match="已全部发放或退回"):
        pay_out(handler, pid, voucher_no="ZF2")


def test_refusals(desk):
    clerk = as_role(desk, "case_money")
    case_id = new_case(desk)
    with pytest.raises(PermissionDenied):
        record_arrival(as_role(desk, "window_clerk"), arrived_on=date(2026, 11, 2), amount_fen=1, payer="甲")
    with pytest.raises(InvalidValue, match="金额应大于0"):
        record_arrival(clerk, arrived_on=date(2026, 11, 2), amount_fen=0, payer="甲")
    pid = record_arrival(clerk, arrived_on=date(2026, 11, 2), amount_fen=1000, payer="甲", ref_no="R1")
    with pytest.raises(Conflict, match="R1 已登记"):
        record_arrival(clerk, arrived_on=date(2026, 11, 3), amount_fen=1000, payer="乙", ref_no="R1")
    with pytest.raises(Conflict, match="尚未认领"):
        pay_out(clerk, pid, voucher_no="V")
    with pytest.raises(InvalidValue, match="早于到账日期"):
        claim_payment(clerk, pid, case_id, claimed_on=date(2026, 11, 1))
    claim_payment(clerk, pid, case_id, claimed_on=date(2026, 11, 2))
    with pytest.raises(Conflict, match="已于 2026-11-02 认领到案件"):
        claim_payment(clerk, pid, case_id)
    with pytest.raises(InvalidValue, match="超过该笔案款余额"):
        pay_out(clerk, pid, amount_fen=1001, voucher_no="V")
    with pytest.raises(InvalidValue, match="退回原因"):
        return_money(clerk, pid, reason=" ")


def test_shihe_late_payout_needs_the_bureau_chief_and_is_printable(desk_factory, tmp_path):
    desk = desk_factory("shihe")
    clerk = as_role(desk, "case_money")
    case_id = new_case(desk)
    pid = record_arrival(
        clerk, arrived_on=date(2026, 11, 2), amount_fen=80_000, payer="张三", case_id=case_id
    )
    got = {r: (a, due) for r, a, due, _done in nodes(desk, case_id, "shihe.money")}
    assert got == {
        "shihe.money_balance_track": (datetime(2026, 11, 2, 9), date(2026, 12, 2)),
        "shihe.money_claimed_urge": (datetime(2026, 11, 2, 9), date(2026, 11, 23)),  # 11-22 is a Sunday
        "shihe.money_payout": (datetime(2026, 11, 2, 9), date(2026, 11, 9)),
        "shihe.money_settle": (datetime(2026, 11, 2, 9), date(2026, 11, 5)),
    }
    with pytest.raises(Conflict, match="2026-11-09 届满：逾期发放须书面说明理由"):
        pay_out(clerk, pid, voucher_no="V1", paid_on=date(2026, 11, 20))
    aid = request_late_payout(clerk, pid, reason="申请执行人下落不明，无法通知领取")
    with pytest.raises(Conflict, match=f"审批（编号 {aid}）尚未批准"):
        pay_out(clerk, pid, voucher_no="V1", paid_on=date(2026, 11, 20))
    with pytest.raises(PermissionDenied):
        decide_any(as_role(desk, "deputy_chief"), aid, approve=True)
    assert decide_any(as_role(desk, "bureau_chief"), aid, approve=True) == "late_payout"
    out_id = pay_out(clerk, pid, voucher_no="V1", paid_on=date(2026, 11, 20))
    with desk.session() as s:
        assert s.get(Payout, out_id).approval_id == aid
        assert s.get(Approval, aid).level == "bureau_chief"
    assert all(done == datetime(2026, 11, 20, 9) for *_x, done in nodes(desk, case_id, "shihe.money"))
    form = late_payout_form(desk, aid)
    assert (form.approver, form.status, form.due_on, form.balance_fen) == (
        "执行局长",
        "approved",
        date(2026, 11, 9),
        80_000,
    )

    from docx import Document

    from zhixing_tui.services.printing.late_payout import write_late_payout

    path = write_late_payout(desk, aid, tmp_path / "late.docx")
    text = "\n".join(p.text for p in Document(str(path)).paragraphs) + "\n".join(
        c.text for t in Document(str(path)).tables for r in t.rows for c in r.cells
    )
    assert "案款逾期发放说明及审批表" in text and "申请执行人下落不明，无法通知领取" in text
    assert "800.00" in text


def test_ruyang_asks_no_late_payout_approval(desk):
    clerk = as_role(desk, "case_money")
    case_id = new_case(desk)
    pid = record_arrival(clerk, arrived_on=date(2026, 10, 2), amount_fen=100, payer="张三", case_id=case_id)
    with pytest.raises(Conflict, match="未规定逾期发放须报批"):
        request_late_payout(clerk, pid, reason="x")
    pay_out(clerk, pid, voucher_no="V", paid_on=date(2026, 11, 20))  # late, recorded: the node shows it


def _check_books(desk, d: date):
    t = money_totals(desk, as_of=d)
    assert t.check() == ()
    assert t.arrived_fen == t.claimed_fen + t.unclaimed_fen
    assert t.claimed_fen == t.paid_fen + t.returned_fen + t.balance_fen
    unclaimed = money_page(desk, "unclaimed", as_of=d, limit=100_000)
    balances = money_page(desk, "balances", as_of=d, limit=100_000)
    unpaid = money_page(desk, "unpaid", as_of=d, limit=100_000)
    assert sum(r.amount_fen for r in unclaimed.items) == t.unclaimed_fen
    assert unclaimed.total == t.unclaimed_count
    assert sum(r.balance_fen for r in balances.items) == t.balance_fen
    assert sum(r.balance_fen for r in unpaid.items) == t.balance_fen
    return t


def test_hand_built_books_reconcile_to_the_fen(desk):
    clerk = as_role(desk, "case_money")
    a, b = new_case(desk, 1), new_case(desk, 2)
    p1 = record_arrival(clerk, arrived_on=date(2026, 11, 2), amount_fen=123_456, payer="张三", case_id=a)
    p2 = record_arrival(clerk, arrived_on=date(2026, 11, 3), amount_fen=50_001, payer="王五")
    p3 = record_arrival(clerk, arrived_on=date(2026, 11, 10), amount_fen=7_777, payer="赵六")
    record_arrival(clerk, arrived_on=date(2026, 11, 20), amount_fen=999, payer="不明")
    claim_payment(clerk, p2, b, claimed_on=date(2026, 11, 5))
    claim_payment(clerk, p3, b, claimed_on=date(2026, 11, 12))
    pay_out(clerk, p1, amount_fen=100_000, voucher_no="V1", paid_on=date(2026, 11, 6))
    pay_out(clerk, p2, voucher_no="V2", paid_on=date(2026, 11, 9))
    return_money(clerk, p3, amount_fen=777, reason="多缴", returned_on=date(2026, 11, 13))
    t = _check_books(desk, date(2026, 11, 23))
    assert (t.arrived_fen, t.claimed_fen, t.unclaimed_fen, t.paid_fen, t.returned_fen, t.balance_fen) == (
        182_233,
        181_234,
        999,
        150_001,
        777,
        30_456,
    )
    earlier = _check_books(desk, date(2026, 11, 8))  # p2 claimed, not yet paid; p3 not yet arrived
    assert (earlier.arrived_fen, earlier.claimed_fen, earlier.unclaimed_fen, earlier.paid_fen) == (
        173_457,
        173_457,
        0,
        100_000,
    )
    balances = money_page(desk, "balances", as_of=date(2026, 11, 23))
    assert [
        (r.case_id, r.claimed_fen, r.paid_fen, r.returned_fen, r.balance_fen) for r in balances.items
    ] == [
        (a, 123_456, 100_000, 0, 23_456),
        (b, 57_778, 50_001, 777, 7_000),
    ]
    unpaid = money_page(desk, "unpaid", as_of=date(2026, 11, 23)).items
    assert [(r.payment_id, r.balance_fen, r.age_days, r.due_on, r.late) for r in unpaid] == [
        (p1, 23_456, 21, date(2026, 11, 9), True),
        (p3, 7_000, 13, date(2026, 11, 17), True),
    ]


def test_demo_books_reconcile(demo_desk):
    with demo_desk.session() as s:
        assert s.exec(select(Payout)).first() is not None
    t = _check_books(demo_desk, demo_desk.today())
    assert t.arrived_fen > 0 and t.paid_fen > 0 and t.balance_fen > 0
    _check_books(demo_desk, date(2026, 6, 30))


def test_monthly_money_columns_count_from_the_claim(desk):
    """The workbook's 20-day and one-month columns read 认领 and the balance, not 到账."""
    from zhixing_tui.domain.statistics import Month
    from zhixing_tui.services.stats.monthly import monthly_figures

    clerk = as_role(desk, "case_money")
    case_id = new_case(desk)
    early = record_arrival(clerk, arrived_on=date(2026, 10, 1), amount_fen=10_000, payer="张三")
    late = record_arrival(clerk, arrived_on=date(2026, 10, 1), amount_fen=20_000, payer="张三")
    record_arrival(clerk, arrived_on=date(2026, 10, 2), amount_fen=40_000, payer="不明")  # never claimed
    claim_payment(clerk, early, case_id, claimed_on=date(2026, 10, 2))
    claim_payment(clerk, late, case_id, claimed_on=date(2026, 10, 20))
    pay_out(clerk, early, amount_fen=4_000, voucher_no="V", paid_on=date(2026, 10, 5))
    rows = monthly_figures(desk, Month(2026, 10), as_of=date(2026, 11, 23)).payments
    total = rows[-1]
    # to 10-31: early claimed 29 days ago (> 20, < 1 month) with 6000 left; late 11 days; the
    # unclaimed 40000 belongs to no 部门 (report money lists it)
    assert total[1:3] == [2, 30_000]
    assert total[5:] == [1, 6_000, 0, 0]


def test_imported_arrivals_are_claimed_paid_out_and_reconcile(desk, tmp_path):
    from tests.services.test_importer import make_xlsx
    from zhixing_tui.services.imports.run import import_payments

    case_id = new_case(desk, 3)
    header = ["案号", "到账日期", "金额", "缴款人", "认领日期", "发放日期"]
    rows = [
        ["（2026）豫0326执3号", "2026-10-08", 100, "张三", "2026-10-09", "2026-10-12"],
        ["（2026）豫0326执3号", "2026-10-20", 50, "张三", None, None],
        ["（2026）豫0326执3号", "2026-10-21", 5, "张三", "2026-10-25", "2026-10-22"],  # paid before claimed
    ]
    report = import_payments(desk, make_xlsx(tmp_path / "p.xlsx", rows, header=header), skip_invalid=True,
                             rejects_path=tmp_path / "r.xlsx")  # fmt: skip
    assert [(i.row, i.column) for i in report.invalid] == [(4, "发放日期")]
    with desk.session() as s:
        pays = s.exec(select(Payment.claimed_on, Payment.paid_out_on).order_by(Payment.id)).all()
        outs = s.exec(select(Payout.amount_fen, Payout.payee, Payout.paid_on)).all()
    assert pays == [(date(2026, 10, 9), date(2026, 10, 12)), (date(2026, 10, 20), None)]
    assert outs == [(10_000, "李四", date(2026, 10, 12))]
    t = _check_books(desk, date(2026, 11, 23))
    assert (t.claimed_fen, t.paid_fen, t.balance_fen) == (15_000, 10_000, 5_000)
    # two arrivals, two nodes: the first paid out on 10-12 when it was the case's only money; the
    # second still open (the case holds 50元)
    got = sorted((a.date(), done) for _r, a, _d, done in nodes(desk, case_id, "ruyang.case_money"))
    assert got == [(date(2026, 10, 8), datetime(2026, 10, 12, 9)), (date(2026, 10, 20), None)]


def recovered(desk, case_id: int) -> int:
    from zhixing_tui.storage.models import Case

    with desk.session() as s:
        return s.get(Case, case_id).recovered_fen


def test_recovered_follows_claim_payout_and_return_to_the_fen(desk):
    """执行到位金额: a claim adds the arrival, a 发放 leaves it, a 退回 takes the amount back out;
    each move in the operation's audit entry with before/after."""
    clerk = as_role(desk, "case_money")
    case_id = new_case(desk)
    pid = record_arrival(clerk, arrived_on=date(2026, 11, 2), amount_fen=500_001, payer="张三")
    assert recovered(desk, case_id) == 0  # unclaimed money is nobody's yet
    claim_payment(clerk, pid, case_id, claimed_on=date(2026, 11, 3))
    assert recovered(desk, case_id) == 500_001
    pay_out(clerk, pid, amount_fen=300_000, voucher_no="V1", paid_on=date(2026, 11, 4))
    assert recovered(desk, case_id) == 500_001
    return_money(clerk, pid, amount_fen=1, reason="多缴", returned_on=date(2026, 11, 5))
    assert recovered(desk, case_id) == 500_000
    direct = record_arrival(  # 一案一账号: claimed on arrival
        clerk, arrived_on=date(2026, 11, 6), amount_fen=12_345, payer="张三", case_id=case_id
    )
    assert recovered(desk, case_id) == 512_345
    return_money(clerk, direct, reason="误缴", returned_on=date(2026, 11, 7))
    assert recovered(desk, case_id) == 500_000
    with desk.session() as s:
        moves = [
            (e.action, (e.before or {}).get("recovered_fen"), (e.after or {}).get("recovered_fen"))
            for e in s.exec(
                select(AuditEntry).where(AuditEntry.entity.in_(["payment", "payout"])).order_by(AuditEntry.id)
            )
        ]
        claim = s.exec(select(AuditEntry).where(AuditEntry.action == "money_claim")).one()
    assert moves == [
        ("money_arrive", None, None),
        ("money_claim", 0, 500_001),
        ("money_payout", None, None),
        ("money_return", 500_001, 500_000),
        ("money_arrive", 500_000, 512_345),
        ("money_return", 512_345, 500_000),
    ]
    assert claim.summary.endswith("执行到位金额 0.00元 → 5,000.01元")


def test_claim_on_an_open_case_only_and_a_closed_case_keeps_its_closing_figure(desk):
    from zhixing_tui.services.cases.lifecycle import close_case

    clerk = as_role(desk, "case_money")
    open_id, closed_id = new_case(desk, 1), new_case(desk, 2)
    pid = record_arrival(
        clerk, arrived_on=date(2026, 11, 2), amount_fen=300_000, payer="张三", case_id=closed_id
    )
    close_case(
        desk, closed_id, method="终结执行", closed_on=date(2026, 11, 10), closing_fen=1_000_000,
        recovered_fen=300_000, abandoned_fen=700_000,
    )  # fmt: skip
    late = record_arrival(clerk, arrived_on=date(2026, 11, 12), amount_fen=5_000, payer="张三")
    with pytest.raises(Conflict, match=r"（2026）豫0326执2号 已结案，不能认领案款"):
        claim_payment(clerk, late, closed_id)
    with pytest.raises(Conflict, match="已结案，不能认领案款"):
        record_arrival(clerk, arrived_on=date(2026, 11, 12), amount_fen=1, payer="张三", case_id=closed_id)
    assert recovered(desk, closed_id) == 300_000
    return_money(clerk, pid, amount_fen=1_000, reason="多扣", returned_on=date(2026, 11, 13))
    assert recovered(desk, closed_id) == 300_000  # the closing fixed it
    claim_payment(clerk, late, open_id)
    assert recovered(desk, open_id) == 5_000


def test_no_claim_before_the_case_was_filed(desk):
    """认领 gives the arrival its case, and the 7-day payout counts from the arrival: a claim dated
    before the case was filed (2026-08-03) is refused, nothing written; from the filing day it is
    taken."""
    clerk = as_role(desk, "case_money")
    case_id = new_case(desk)
    early = record_arrival(clerk, arrived_on=date(2026, 7, 30), amount_fen=5_000, payer="张三")
    with pytest.raises(
        InvalidValue, match=r"认领日期 2026-08-02 早于案件 （2026）豫0326执1号 的立案日期 2026-08-03"
    ):
        claim_payment(clerk, early, case_id, claimed_on=date(2026, 8, 2))
    with pytest.raises(
        InvalidValue, match="到账日期 2026-07-31 早于案件 （2026）豫0326执1号 的立案日期 2026-08-03"
    ):
        record_arrival(clerk, arrived_on=date(2026, 7, 31), amount_fen=1, payer="李四", case_id=case_id)
    assert recovered(desk, case_id) == 0
    claim_payment(clerk, early, case_id, claimed_on=date(2026, 8, 3))
    assert recovered(desk, case_id) == 5_000


def test_a_half_claimed_row_is_listed_unclaimed_and_refused_without_none(desk):
    """The invariant: claimed ⇔ case and 认领日期 both set. A row breaking it (no service writes
    one) is listed as not claimed, and claim names the inconsistency in Chinese."""
    clerk = as_role(desk, "case_money")
    case_id = new_case(desk)
    pid = record_arrival(clerk, arrived_on=date(2026, 11, 2), amount_fen=1_000, payer="张三")
    with desk.transaction() as s:
        p = s.get(Payment, pid)
        p.case_id = case_id
        s.add(p)
    assert [r.payment_id for r in money_page(desk, "unclaimed").items] == [pid]
    with pytest.raises(Conflict) as err:
        claim_payment(clerk, pid, case_id)
    assert str(err.value) == f"案款（编号 {pid}）数据不一致：已关联案件但没有认领日期，请核对后再操作"
    assert "None" not in str(err.value)
    with pytest.raises(Conflict, match="数据不一致"):
        pay_out(clerk, pid, voucher_no="V")


def test_demo_unclaimed_arrivals_can_be_claimed(demo_desk):
    unclaimed = money_page(demo_desk, "unclaimed", limit=100_000).items
    assert unclaimed, "the demo shows some money waiting in the general account"
    with demo_desk.session() as s:
        from zhixing_tui.storage.models import Case

        open_case = s.exec(select(Case).where(Case.status == "open").order_by(Case.id)).first()
        before = open_case.recovered_fen
    clerk = as_role(demo_desk, "case_money")
    for row in unclaimed[:3]:
        claim_payment(clerk, row.payment_id, open_case.id)
    assert recovered(demo_desk, open_case.id) == before + sum(r.amount_fen for r in unclaimed[:3])
    _check_books(demo_desk, demo_desk.today())


def test_imported_arrivals_raise_recovered_once(desk, tmp_path):
    """A row naming its case is claimed: an open case's 执行到位金额 is raised to its claimed 案款
    (not added to: an imported figure that counts the money already is kept); importing again
    changes nothing."""
    from tests.services.test_importer import make_xlsx
    from zhixing_tui.services.imports.run import import_payments
    from zhixing_tui.storage.models import Case

    a, b = new_case(desk, 3), new_case(desk, 4)
    with desk.transaction() as s:
        case = s.get(Case, b)
        case.recovered_fen = 900_000  # imported with the case, counting the money below
        s.add(case)
    header = ["案号", "到账日期", "金额", "缴款人"]
    rows = [
        ["（2026）豫0326执3号", "2026-10-08", 100.01, "张三"],
        ["（2026）豫0326执3号", "2026-10-20", 50, "张三"],
        ["（2026）豫0326执4号", "2026-10-20", 50, "张三"],
    ]
    path = make_xlsx(tmp_path / "p.xlsx", rows, header=header)
    import_payments(desk, path)
    assert (recovered(desk, a), recovered(desk, b)) == (15_001, 900_000)
    import_payments(desk, path)
    assert (recovered(desk, a), recovered(desk, b)) == (15_001, 900_000)
    with desk.session() as s:
        entry = s.exec(
            select(AuditEntry).where(AuditEntry.case_id == a).order_by(AuditEntry.id.desc())
        ).first()
    assert (entry.before["recovered_fen"], entry.after["recovered_fen"]) == (10_001, 15_001)

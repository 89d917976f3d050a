"""The 查封/冻结/扣押 register: terms by asset kind ending on the legal day, the node due on the
renewal reminder, 续冻 starting the next term, 解冻 completing it, the checklist's seal making the
row, and the 终本管理组's list of terms ending soon."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import col, select

from zhixing_tui.errors import Conflict, InvalidValue, NotFound, PermissionDenied
from zhixing_tui.services import seals
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.services.deadlines.alerts import overdue_rows
from zhixing_tui.services.window import checklist
from zhixing_tui.storage.models import AuditEntry, DeadlineNode, PropertyControl, QueryItem, Staff

RULE = "national.seal.deposit"


def _staff(desk, role: str) -> str:
    with desk.session() as s:
        name = s.exec(select(Staff.name).where(Staff.role == role, Staff.active).order_by(Staff.id)).first()
    assert name is not None, role
    return name


def _nodes(desk, case_id: int, rule_id: str = RULE) -> list[DeadlineNode]:
    with desk.session() as s:
        return list(
            s.exec(
                select(DeadlineNode)
                .where(DeadlineNode.case_id == case_id, DeadlineNode.rule_id == rule_id)
                .order_by(DeadlineNode.anchor_at, DeadlineNode.id)
            )
        )


def _handled_case(desk, case_no: str, filed_on: date) -> int:
    """A case filed on ``filed_on``, the handler at the desk."""
    cid = register_case(
        desk,
        case_no=case_no,
        filed_on=filed_on,
        claim_fen=900_000,
        applicants=[PartyInput("李四")],
        respondents=[PartyInput("张三")],
    )
    desk.operator = _staff(desk, "handler")
    return cid


@pytest.fixture
def shihe(desk_factory):
    desk = desk_factory("shihe")
    return desk, _handled_case(desk, "（2026）豫1502执8号", date(2026, 3, 2))


def _freeze(desk, cid, on=date(2026, 3, 6), account="6222 0000 1111"):
    return seals.add_seal(
        desk, cid, kind="deposit", on=on, bank="中国工商银行信阳分行", account_no=account, amount_fen=500_000
    )


def test_a_deposit_frozen_2026_03_06_ends_2027_03_06_with_a_reminder_before(shihe):
    desk, cid = shihe
    row = _freeze(desk, cid)
    assert (row.controlled_on, row.term, row.expires_on, row.remind_on) == (
        date(2026, 3, 6),
        "1年",
        date(2027, 3, 6),  # a Saturday: not moved to 03-08
        date(2027, 2, 19),  # 15日 before, a working day
    )
    assert (row.action, row.object, row.state_name) == ("冻结", "中国工商银行信阳分行 6222 0000 1111", "在控")
    (node,) = _nodes(desk, cid)
    assert (node.anchor_event, node.due_on, node.completed_at) == ("sealed", date(2027, 2, 19), None)
    assert node.note == "期满日 2027-03-06（不顺延）"
    with desk.session() as s:
        assert s.exec(select(AuditEntry.summary).where(AuditEntry.action == "seal.add")).one() == (
            "冻结银行存款（中国工商银行信阳分行 6222 0000 1111），金额 5,000.00 元，2026-03-06 起 1年，"
            "期满日 2027-03-06，2027-02-19 前续行"
        )
    # the alerts screen and nightly report: due on the reminder day, not on the legal end
    desk.as_of = date(2027, 2, 19)
    (alert,) = [a for a in overdue_rows(desk).items if a.rule_id == RULE]
    assert (alert.status, alert.due_on, alert.note[:14]) == (
        "due_today",
        date(2027, 2, 19),
        "期满日 2027-03-06",
    )


def test_a_renewal_starts_the_next_term_and_completes_the_old_node(shihe):
    desk, cid = shihe
    first = _freeze(desk, cid)
    desk.as_of = date(2027, 2, 22)
    new = seals.renew_seal(desk, cid, first.id, doc_no="（2026）豫1502执8号之一")
    assert (new.controlled_on, new.expires_on, new.renewed_from_id, new.state) == (
        date(2027, 2, 22),
        date(2028, 2, 22),
        first.id,
        "active",
    )
    old, nxt = _nodes(desk, cid)
    assert (old.completed_event, old.completed_at.date()) == ("renewed", date(2027, 2, 22))
    assert old.completed_at.date() > old.due_on  # after the reminder day: 超期完成, yet before the end
    assert (nxt.anchor_event, nxt.anchor_at.date(), nxt.completed_at) == ("renewed", date(2027, 2, 22), None)
    assert nxt.due_on == date(2028, 2, 7) and "期满日 2028-02-22" in nxt.note
    rows = seals.case_seals(desk, cid)
    assert [(r.id, r.state) for r in rows] == [(first.id, "renewed"), (new.id, "active")]
    with pytest.raises(Conflict, match="编号 1 的冻结已续行，不能再办理"):
        seals.renew_seal(desk, cid, first.id)


def test_a_term_already_ended_cannot_be_renewed(shihe):
    desk, cid = shihe
    first = _freeze(desk, cid)
    desk.as_of = date(2027, 3, 8)
    with pytest.raises(Conflict, match="已于 2027-03-06 期满，不能续行，应重新冻结"):
        seals.renew_seal(desk, cid, first.id)


def test_a_release_completes_the_node(shihe):
    desk, cid = shihe
    row = _freeze(desk, cid)
    released = seals.release_seal(desk, cid, row.id, on=date(2026, 11, 20), reason="被执行人履行完毕")
    assert (released.state, released.released_on) == ("released", date(2026, 11, 20))
    (node,) = _nodes(desk, cid)
    assert (node.completed_event, node.completed_at.date()) == ("released", date(2026, 11, 20))
    with pytest.raises(Conflict, match="的冻结已解除，不能再办理"):
        seals.release_seal(desk, cid, row.id)


def test_renewing_the_newer_of_two_freezes_completes_its_own_node(shihe):
    desk, cid = shihe
    _freeze(desk, cid, on=date(2026, 3, 6), account="1")  # the older
    newer = _freeze(desk, cid, on=date(2026, 4, 10), account="2")
    desk.as_of = date(2027, 3, 1)
    seals.renew_seal(desk, cid, newer.id)
    first, second, third = _nodes(desk, cid)
    assert (first.anchor_at.date(), first.completed_at) == (date(2026, 3, 6), None)  # still open
    assert (second.anchor_at.date(), second.completed_event) == (date(2026, 4, 10), "renewed")
    assert (third.anchor_at.date(), third.completed_at) == (date(2027, 3, 1), None)


def _frozen_deposit(desk, cid, amount=300_000):
    """The 总对总 deposit item of the case found (03-05) and frozen (03-06) from the checklist."""
    checklist.ensure_checklist(desk, cid)
    with desk.session() as s:
        item = s.exec(
            select(QueryItem.id).where(
                QueryItem.case_id == cid, QueryItem.channel == "national", QueryItem.asset_type == "deposit"
            )
        ).one()
    checklist.move_item(desk, item, "feedback", result="found", amount_fen=amount, on=date(2026, 3, 5))
    checklist.move_item(desk, item, "frozen", on=date(2026, 3, 6))
    return item


def test_the_checklist_freeze_makes_the_register_row(shihe):
    desk, cid = shihe
    item = _frozen_deposit(desk, cid)
    with desk.session() as s:
        (row,) = s.exec(select(PropertyControl).where(PropertyControl.case_id == cid)).all()
    assert (row.query_item_id, row.action, row.asset_kind, row.amount_fen, row.expires_on) == (
        item,
        "冻结",
        "deposit",
        300_000,
        date(2027, 3, 6),
    )
    (node,) = _nodes(desk, cid)
    assert node.due_on == date(2027, 2, 19)


def test_a_deduction_in_full_ends_the_freeze_and_its_renewal(shihe):
    """扣划 of the whole frozen deposit: the freeze is over — its row released (已扣划), its 续冻
    node completed, so no 续冻 reminder falls 超期 a year later."""
    desk, cid = shihe
    item = _frozen_deposit(desk, cid)
    checklist.move_item(desk, item, "deducted", on=date(2026, 3, 10))
    with desk.session() as s:
        (row,) = s.exec(select(PropertyControl).where(PropertyControl.case_id == cid)).all()
        assert (row.state, row.released_on, row.release_reason) == ("released", date(2026, 3, 10), "已扣划")
    (node,) = _nodes(desk, cid)
    assert node.completed_at is not None and node.completed_at.date() == date(2026, 3, 10)
    late = [r for r in overdue_rows(desk, date(2027, 6, 1)).items if r.case_id == cid and r.rule_id == RULE]
    assert late == []
    assert f"解冻（编号 {row.id}）2026-03-10：已扣划" in _summaries(desk, cid)


def test_a_deduction_of_part_leaves_the_rest_frozen(shihe):
    desk, cid = shihe
    item = _frozen_deposit(desk, cid)
    checklist.move_item(desk, item, "deducted", amount_fen=100_000, on=date(2026, 3, 10))
    with desk.session() as s:
        (row,) = s.exec(select(PropertyControl).where(PropertyControl.case_id == cid)).all()
        assert (row.state, row.amount_fen) == ("active", 200_000)
    (node,) = _nodes(desk, cid)
    assert node.completed_at is None  # the rest still needs renewing before 2027-03-06
    assert "扣划 1,000.00 元（冻结编号 1），余 2,000.00 元继续冻结" in _summaries(desk, cid)


def _summaries(desk, cid) -> list[str]:
    with desk.session() as s:
        return [e.summary for e in s.exec(select(AuditEntry).where(AuditEntry.case_id == cid))]


def test_the_terms_ending_within_30_days(shihe):
    desk, cid = shihe
    soon = _freeze(desk, cid, on=date(2026, 3, 6), account="1")
    _freeze(desk, cid, on=date(2026, 6, 1), account="2")  # ends 2027-06-01
    lapsed = _freeze(desk, cid, on=date(2026, 1, 20), account="3")  # ended 2027-01-20, never renewed
    page = seals.expiring(desk, days=30, as_of=date(2027, 2, 20))
    assert page.total == 2
    assert [(r.id, r.expires_on, r.days_left(date(2027, 2, 20))) for r in page.items] == [
        (lapsed.id, date(2027, 1, 20), -31),
        (soon.id, date(2027, 3, 6), 14),
    ]
    assert seals.expiring(desk, days=30, as_of=date(2027, 2, 20), limit=1, offset=1).items[0].id == soon.id
    with pytest.raises(InvalidValue, match="天数"):
        seals.expiring(desk, days=0)


def test_refusals_in_chinese(shihe):
    desk, cid = shihe
    with pytest.raises(InvalidValue, match="须写明银行和账号"):
        seals.add_seal(desk, cid, kind="deposit", on=date(2026, 3, 6), bank="工行")
    with pytest.raises(InvalidValue, match="财产类别不认识"):
        seals.add_seal(desk, cid, kind="house", plate_no="豫S12345")
    with pytest.raises(InvalidValue, match="不能晚于今天"):
        seals.add_seal(desk, cid, kind="movable", plate_no="豫S12345", on=date(2030, 1, 1))
    with pytest.raises(NotFound, match="没有编号为 999 的查封冻结登记"):
        seals.release_seal(desk, cid, 999)
    desk.operator = _staff(desk, "window_clerk")
    with pytest.raises(PermissionDenied, match="无权登记查封冻结"):
        seals.add_seal(desk, cid, kind="movable", plate_no="豫S12345", on=date(2026, 3, 6))


def test_the_demo_s_seal_nodes_are_the_ones_the_register_makes(desk_factory):
    """A demo's 续封/续冻 node falls due on the renewal reminder day with the term's end in its note,
    as the node the register makes for the same seal on the same day (the demo once set it due on
    the term's end itself, with no note: 15 days later than the app would, and no 期满日)."""
    desk = desk_factory("shihe", cases=200)
    with desk.session() as s:
        demo = s.exec(
            select(DeadlineNode)
            .where(col(DeadlineNode.rule_id).like("national.seal.%"))
            .order_by(DeadlineNode.id)
        ).all()
    assert len({n.rule_id for n in demo}) >= 2, [n.rule_id for n in demo]
    cid = _handled_case(desk, "（2026）豫1502执9999号", date(2026, 1, 5))
    checked = set()
    for node in demo:
        kind, day = node.rule_id.rsplit(".", 1)[1], node.anchor_at.date()
        if (kind, day) in checked or day < date(2026, 1, 5):
            continue
        checked.add((kind, day))
        seals.add_seal(desk, cid, kind=kind, on=day, bank="工行", account_no=str(node.id), description="对照")
        (app,) = [n for n in _nodes(desk, cid, node.rule_id) if n.anchor_at.date() == day]
        assert (node.due_on, node.note) == (app.due_on, app.note), node.rule_id
        assert node.note.startswith("期满日 ") and node.due_on < date.fromisoformat(node.note[4:14])
    assert len(checked) >= 2

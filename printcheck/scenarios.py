"""What the print check records before printing, so every form has a case to print: the demo leaves
some records out (no 简转繁 decided, no late 案款 request, no asset in disposal). Each is recorded
through the service a clerk's key calls, as the person whose role the service asks for; a court
whose rules have no such record (简转繁 outside 汝阳, late-payout approval outside 浉河) is left as it
is. Nothing here bypasses a rule: a step the services refuse is skipped, and the form it would
have fed prints nothing (the check then says so).
"""

from __future__ import annotations

from dataclasses import replace

from sqlmodel import col, select

from zhixing_tui.errors import ZhixingError
from zhixing_tui.storage.models import Approval, Case, Payment, QueryItem, Staff


def _as(desk, name: str):
    return replace(desk, operator=name)


def _staff(desk, *roles: str) -> str | None:
    with desk.session() as s:
        return s.exec(
            select(Staff.name).where(col(Staff.role).in_(roles), col(Staff.active)).order_by(col(Staff.id))
        ).first()


def decide_simple_to_complex(desk) -> None:
    """The 执行局长 approves one pending 简转繁 request (a decided form beside the pending ones)."""
    from zhixing_tui.services.triage.followup import decide_simple_to_complex as decide

    chief = _staff(desk, "bureau_chief")
    with desk.session() as s:
        aid = s.exec(
            select(Approval.id)
            .where(Approval.kind == "simple_to_complex", Approval.status == "pending")
            .order_by(col(Approval.id).desc())
        ).first()
    if chief and aid:
        decide(_as(desk, chief), aid, approve=True, note="新发现被执行人名下房产需评估拍卖")


def request_late_payout(desk) -> None:
    """A 案款 clerk explains in writing why claimed money was not paid out in time (浉河)."""
    from zhixing_tui.services.money.late import decide_late_payout
    from zhixing_tui.services.money.late import request_late_payout as request

    if desk.profile.money.late_payout is None:
        return
    clerk = _staff(desk, "case_money")
    if clerk is None:
        return
    with desk.session() as s:
        ids = list(
            s.exec(
                select(Payment.id)
                .where(col(Payment.case_id).is_not(None))
                .order_by(col(Payment.arrived_on).desc())
                .limit(40)
            )
        )
    made = []
    for pid in ids:
        try:
            made.append(
                request(_as(desk, clerk), pid, reason="申请执行人下落不明，电话无法接通，无法通知领取")
            )
        except ZhixingError:
            continue
        if len(made) == 2:
            break
    rule = desk.profile.money.late_payout
    approver = _staff(desk, rule.approver_role)
    if made and approver:
        try:
            decide_late_payout(
                _as(desk, approver), made[0], approve=True, note="同意延缓发放，继续联系申请执行人"
            )
        except ZhixingError:
            pass


def start_a_disposal(desk) -> None:
    """The team holding a case with a sealed property puts it into disposal and starts its
    valuation, with the survey the 评估工作交接表 reports."""
    from zhixing_tui.services.disposal import start_disposal
    from zhixing_tui.services.disposal.steps import start_valuation

    with desk.session() as s:
        rows = s.exec(
            select(QueryItem.id, Case.id, Staff.name)
            .join(Case, col(Case.id) == col(QueryItem.case_id))
            .join(Staff, col(Staff.id) == col(Case.handler_id))
            .where(
                QueryItem.asset_type == "real_estate",
                QueryItem.status == "sealed",
                Case.status != "closed",
            )
            .order_by(col(QueryItem.id))
            .limit(20)
        ).all()
    for item_id, case_id, handler in rows:
        team = _as(desk, handler)
        try:
            start_disposal(team, case_id, item_id=item_id)
            start_valuation(
                team,
                case_id,
                item_id=item_id,
                method="appraisal",
                ownership="登记在被执行人名下，设有抵押",
                occupancy="被执行人及其家属居住",
            )
            return
        except ZhixingError:
            continue


def add_scenarios(desk) -> None:
    for step in (decide_simple_to_complex, request_late_payout, start_a_disposal):
        step(desk)

"""A 汝阳 case with one deadline node in each status on 2026-03-09 (a Monday), for the node
service tests and the overdue report."""

from __future__ import annotations

from datetime import date, datetime

from zhixing_tui.services.cases.lifecycle import set_stage
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.services.deadlines.nodes import apply_event
from zhixing_tui.services.desk import Desk
from zhixing_tui.storage.models import Case


def statuses_case(desk: Desk) -> int:
    """（2026）豫0326执6号, registered (filed and received) 2026-03-02, which starts at 09:00 the
    execution period (09-02: 未到期), 网络查控 (03-02), 执行通知书 (03-05), 传统查控 (03-09: 今日到期),
    移转 (03-12) and the 收案登记 stage limit (当日). On 03-09 the nodes are: 网络查控 已完成,
    执行通知书 超期完成, 案款 (due 03-04) 超期, 传统查控 今日到期, 评估 (due 03-11) 临期, the rest
    未到期 or (收案登记, moved on the same day) 已完成."""
    cid = register_case(
        desk,
        case_no="（2026）豫0326执6号",
        filed_on=date(2026, 3, 2),
        claim_fen=1_000_000,
        applicants=[PartyInput(name="张三", kind="person")],
        respondents=[PartyInput(name="李四有限公司", kind="company")],
    )
    with desk.transaction() as s:
        case = s.get(Case, cid)
        assert case is not None
        set_stage(
            s, case, "online_query", case.unit_id, None, "发起网络查控", desk.operator,
            at=datetime(2026, 3, 2, 14), desk=desk,
        )  # fmt: skip
        for ev, at in [
            ("national_query_started", datetime(2026, 3, 2, 15)),  # 已完成
            ("notices_served", datetime(2026, 3, 6, 9)),  # 超期完成
            ("money_arrived", datetime(2026, 2, 25, 9)),  # due 03-04: 超期 on 03-09
            ("disposal_started", datetime(2026, 3, 6, 9)),  # valuation due 03-11: 临期
        ]:
            apply_event(s, desk, case, ev, at, desk.operator)
    return cid

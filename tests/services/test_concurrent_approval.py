"""Two clerks approve the same handoff at the same moment, from two processes: one wins, the other
is told in Chinese that it was decided already, and the case moves once (SQLite and PostgreSQL).

Each process reads the handoff and then dwells a second before writing (a wrapper around the
domain's status check), so both have seen it ``submitted`` before either commits: without the
row lock and the compare-and-set in the services both would approve and the case would move twice.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from datetime import date

from sqlmodel import select

from tests.conftest import AS_OF
from zhixing_tui.services.board import handoffs
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.storage.models import AuditEntry, Handoff, Staff, StageEntry

MONITOR = "吴敦辉"  # 指挥监控组 组长 (监利 004 第七组)


def _clerk(url: str, operator: str, handoff_id: int, start, results) -> None:
    """One clerk's process: wait for the other, then approve."""
    from zhixing_tui.domain import board
    from zhixing_tui.errors import ZhixingError
    from zhixing_tui.services.desk import Desk

    check = board.decide_handoff

    def dwelling(status: str, decision: str) -> str:
        out = check(status, decision)
        time.sleep(1.0)  # the other clerk reads the same handoff meanwhile
        return out

    board.decide_handoff = dwelling
    desk = Desk.open(url, operator=operator, as_of=AS_OF)
    start.wait(timeout=60)
    try:
        handoffs.approve(desk, handoff_id)
        results.put((operator, "ok", ""))
    except ZhixingError as exc:
        results.put((operator, type(exc).__name__, exc.message))
    except Exception as exc:  # a traceback in the product: reported, and the test fails on it
        results.put((operator, "crash", repr(exc)))
    finally:
        desk.engine.dispose()


def test_two_clerks_approving_one_handoff_at_once(desk_factory) -> None:
    desk = desk_factory("jianli", operator="杨琼")  # 线上查控组组长: the case starts there
    case_id = register_case(
        desk,
        case_no="(2026)鄂1088执12号",
        filed_on=date(2026, 10, 9),
        claim_fen=8_000_000,
        applicants=[PartyInput("王建国", "person")],
        respondents=[PartyInput("荆州市长江建材有限公司", "company")],
    )
    hid = handoffs.submit_move(desk, case_id, "offline_query")
    with desk.session() as s:
        chief = s.exec(select(Staff.name).where(Staff.role == "bureau_chief")).first()
        entries_before = len(s.exec(select(StageEntry).where(StageEntry.case_id == case_id)).all())
    assert chief and chief != MONITOR
    url = desk.engine.url.render_as_string(hide_password=False)
    desk.engine.dispose()

    ctx = mp.get_context("spawn")
    start, results = ctx.Barrier(2), ctx.Queue()
    clerks = [ctx.Process(target=_clerk, args=(url, name, hid, start, results)) for name in (MONITOR, chief)]
    for p in clerks:
        p.start()
    outcomes = sorted((results.get(timeout=120) for _ in clerks), key=lambda r: r[1] != "ok")
    for p in clerks:
        p.join(timeout=60)

    (winner, won, _), (_loser, kind, message) = outcomes
    assert won == "ok"
    assert kind == "Conflict", outcomes
    assert message in ("该移送已批准，不能再审批", "该移送刚刚已由他人审批或退回，请刷新后查看")
    with desk.session() as s:
        handoff = s.get(Handoff, hid)
        assert (handoff.status, handoff.decided_by) == ("approved", winner)
        approvals = s.exec(
            select(AuditEntry).where(AuditEntry.action == "handoff_approve", AuditEntry.entity_id == hid)
        ).all()
        assert [a.operator for a in approvals] == [winner]
        entries = s.exec(select(StageEntry).where(StageEntry.case_id == case_id)).all()
        assert len(entries) == entries_before + 1  # moved once

"""services.approvals.decide_any: each kind goes to its own service (with that service's
permission check, effects and audit entry)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlmodel import select

from tests.services.test_triage_service import as_role, new_case, staff_with
from zhixing_tui.errors import Conflict, NotFound, PermissionDenied
from zhixing_tui.services.board import travel as board_travel
from zhixing_tui.services.board.approvals import decide_any
from zhixing_tui.services.triage import decisions as svc
from zhixing_tui.services.triage import followup as follow
from zhixing_tui.storage.models import Approval, AuditEntry, Case


def test_each_kind_is_decided_by_its_own_service(desk_factory):
    desk = as_role(desk_factory("ruyang"), "triage_clerk")
    first = new_case(desk, 1, filed=date(2026, 10, 24))
    svc.decide(desk, first, cls="简易", reason="被执行人愿意履行")
    (s2c,) = follow.raise_simple_to_complex(desk)
    trip = board_travel.request_travel(
        desk, first, scope="in_city", destination="洛阳市", purpose="查找被执行人"
    )

    for aid in (s2c, trip):  # nobody decides their own request, whatever its kind
        with pytest.raises(PermissionDenied, match="^不能审批自己提交的申请：须由有审批权的其他人员审批$"):
            decide_any(desk, aid, approve=True)
    clerk = replace(desk, operator=staff_with(desk, "window_clerk"))
    with pytest.raises(PermissionDenied, match="窗口书记员无权审批简转繁：需要执行局长"):
        decide_any(clerk, s2c, approve=True)
    with pytest.raises(PermissionDenied, match="窗口书记员无权审批此事项：需要执行局长"):
        decide_any(clerk, trip, approve=False, note="不必")
    chief = as_role(replace(desk), "bureau_chief")
    assert decide_any(chief, s2c, approve=True, note="同意") == "simple_to_complex"
    assert decide_any(chief, trip, approve=False, note="改为委托") == "travel"
    with desk.session() as s:
        assert s.get(Case, first).triage_class == "ordinary"  # the 简转繁 service's effect
        rows = {a.id: (a.status, a.decided_by, a.note) for a in s.exec(select(Approval))}
        assert rows == {
            s2c: ("approved", chief.operator, "同意"),
            trip: ("rejected", chief.operator, "改为委托"),
        }
        actions = [a.action for a in s.exec(select(AuditEntry).where(AuditEntry.operator == chief.operator))]
        assert [a for a in actions if a != "nodes"] == ["s2c_approved", "approval_decide"]
    with pytest.raises(Conflict):
        decide_any(chief, s2c, approve=False, note="再议")
    with pytest.raises(NotFound, match="审批事项（编号 999）不存在"):
        decide_any(chief, 999, approve=True)

"""The monthly workbook's figures that follow the clerks' records: 简转繁 from the 简转繁 approvals the
执行局长 approved in the month (not from a decision kind nothing creates), 拘留/罚款 from the measures."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, datetime

import openpyxl
from sqlmodel import func, select

from tests.services.test_measures import as_role, new_case
from tests.triage_fixtures import staff_with, waiting_case
from zhixing_tui.domain.statistics import Month
from zhixing_tui.services.board import handoffs as ho
from zhixing_tui.services.board.distribution import distribute_incoming
from zhixing_tui.services.measures.records import take_measure
from zhixing_tui.services.printing.monthly_workbook import export_monthly
from zhixing_tui.services.stats.monthly import monthly_figures
from zhixing_tui.services.triage import decisions, followup
from zhixing_tui.storage.models import Approval, Case, Staff

FAST = "速执团队"
S2C = 5  # the 简转繁 column of a 繁简分流 row: (部门, 简易, 普通, 特殊, 分流合计, 简转繁, 二次分案)


def _approved_in(desk, month: Month) -> int:
    with desk.session() as s:
        return s.exec(
            select(func.count())
            .select_from(Approval)
            .where(
                Approval.kind == "simple_to_complex",
                Approval.status == "approved",
                Approval.decided_at >= datetime(month.start.year, month.start.month, 1),
                Approval.decided_at < datetime.combine(month.end, datetime.max.time()),
            )
        ).one()


def _sheet_s2c(path) -> dict[str, int]:
    ws = openpyxl.load_workbook(path)["繁简分流"]
    header = [c.value for c in ws[3]]
    col = header.index("简转繁")
    return {r[0]: r[col] for r in ws.iter_rows(min_row=4, values_only=True) if r[0]}


def test_ruyang_demo_s2c_figure_equals_the_approvals_recorded(demo_desk, tmp_path):
    with demo_desk.session() as s:
        months = Counter(
            d.strftime("%Y-%m")
            for d in s.exec(
                select(Approval.decided_at).where(
                    Approval.kind == "simple_to_complex", Approval.status == "approved"
                )
            )
        )
    assert sum(months.values()) >= 1, months  # the demo approves 简转繁 (汝阳 has the approval)
    for month in (Month(2026, 10), Month(2026, 11)):  # each month: the figure equals its approvals
        recorded = _approved_in(demo_desk, month)
        assert recorded == months[f"{month.year}-{month.month:02d}"]
        figures = monthly_figures(demo_desk, month)
        assert figures.triage[-1][0] == "合计" and figures.triage[-1][S2C] == recorded
        path, _ = export_monthly(demo_desk, month, tmp_path / f"{month.month}.xlsx")
        assert _sheet_s2c(path)["合计"] == recorded


def _fast_case(desk, n: int) -> int:
    """A 汝阳 case the center sent to 速执团队 on 2026-09-04, filed 2026-09-01."""
    cid = waiting_case(desk, n, received=date(2026, 9, 1), entered=datetime(2026, 9, 2, 9))
    desk.as_of = date(2026, 9, 4)
    decisions.decide(desk, cid, team=FAST, reason="被执行人存款足以清偿，指定速执")
    return cid


def test_s2c_counts_the_approvals_of_the_month_made_through_the_triage_services(desk, tmp_path):
    desk.operator = staff_with(desk, "query_clerk")
    a, b, c = (_fast_case(desk, n) for n in (1, 2, 3))
    with desk.session() as s:
        handler = s.exec(
            select(Staff.name)
            .join(Case, Case.unit_id == Staff.unit_id)
            .where(Case.id == a, Staff.role == "handler")
        ).first()
    chief = staff_with(desk, "bureau_chief")

    desk.as_of, desk.operator = date(2026, 10, 12), handler
    asked = {
        cid: followup.request_simple_to_complex(desk, cid, "新发现房产需要评估拍卖") for cid in (a, b, c)
    }
    desk.as_of, desk.operator = date(2026, 10, 20), chief
    followup.decide_simple_to_complex(desk, asked[a], approve=True)
    followup.decide_simple_to_complex(desk, asked[b], approve=False, note="可在期限内办结")
    desk.as_of = date(2026, 11, 2)
    followup.decide_simple_to_complex(desk, asked[c], approve=True)

    assert (_approved_in(desk, Month(2026, 10)), _approved_in(desk, Month(2026, 11))) == (1, 1)
    october = {r[0]: r for r in monthly_figures(desk, Month(2026, 10)).triage}
    assert october[FAST][S2C] == 1 and october["合计"][S2C] == 1  # the rejected one is not counted
    # the approval makes no new 分流 decision: the 简易/普通 counts are the initial decisions of September
    assert october["合计"][1:5] == (0, 0, 0, 0)
    september = {r[0]: r for r in monthly_figures(desk, Month(2026, 9)).triage}
    assert september[FAST][4] == 3 and september["合计"][S2C] == 0
    path, _ = export_monthly(desk, Month(2026, 11), tmp_path / "11.xlsx")
    assert _sheet_s2c(path)[FAST] == 1 and _sheet_s2c(path)["合计"] == 1


def test_detentions_and_fines_in_the_workbook_come_from_the_measures_taken(desk_factory, tmp_path):
    """监利: a 线索查控组 member's 拘留数/罚款数 in the monthly workbook are the measures recorded through
    services.measures in the month while the member held the case (a 限消 is neither)."""
    desk = desk_factory("jianli", as_of=date(2026, 11, 23))
    mon = as_role(desk, "monitor")
    cid = new_case(desk)
    for stage in ("offline_query", "clue_query"):
        with desk.session() as s:
            unit = s.get(Case, cid).unit_id
            leader = s.exec(select(Staff.name).where(Staff.unit_id == unit, Staff.is_leader)).first()
        ho.approve(mon, ho.submit_move(replace(desk, operator=leader), cid, stage))
    with desk.session() as s:
        unit = s.get(Case, cid).unit_id
        lead = s.exec(select(Staff.name).where(Staff.unit_id == unit, Staff.is_leader)).first()
    distribute_incoming(replace(desk, operator=lead), seed=7)
    with desk.session() as s:
        member = s.get(Staff, s.get(Case, cid).handler_id).name
    m = replace(desk, operator=member)
    take_measure(m, cid, "拘留", decided_on=date(2026, 11, 23), doc_no="（2026）鄂司惩1号", days=15)
    take_measure(
        m, cid, "罚款", decided_on=date(2026, 11, 23), doc_no="（2026）鄂司惩2号", amount_fen=100_000
    )
    take_measure(m, cid, "罚款", decided_on=date(2026, 11, 23), doc_no="（2026）鄂司惩3号", amount_fen=50_000)
    take_measure(m, cid, "限消", decided_on=date(2026, 11, 23), doc_no="（2026）鄂执1号")

    figures = monthly_figures(desk, Month(2026, 11))
    mine = next(f for f in figures.members if f.member == member)
    assert (mine.detentions, mine.fines) == (1, 2)
    assert all((f.detentions, f.fines) == (0, 0) for f in figures.members if f.member != member)
    path, _ = export_monthly(desk, Month(2026, 11), tmp_path / "m.xlsx")
    ws = openpyxl.load_workbook(path)["线索查控人员"]
    header = [c.value for c in ws[3]]
    row = next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[0] == member)
    assert (row[header.index("拘留数")], row[header.index("罚款数")]) == (1, 2)
    october = monthly_figures(desk, Month(2026, 10))
    assert all((f.detentions, f.fines) == (0, 0) for f in october.members)

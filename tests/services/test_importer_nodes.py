"""The case import creates its deadline nodes in bulk: exactly the nodes the per-case path
(``apply_event`` on 立案 for an open case, ``join_series`` for a 终本 case) creates."""

from __future__ import annotations

import datetime as dt

from sqlmodel import col, delete, select

from zhixing_tui.domain.closing import TERMINATED_THIS_ROUND
from zhixing_tui.profiles.deadline_schema import ZHONGBEN_REQUERY
from zhixing_tui.services.deadlines.nodes import EXECUTION_RULE, apply_event, join_series
from zhixing_tui.services.imports.run import import_cases
from zhixing_tui.storage.models import Case, DeadlineNode

from .test_importer import make_xlsx

HEADER = [
    "案号",
    "立案日期",
    "申请执行人",
    "被执行人",
    "申请执行标的额",
    "承办部门",
    "非诉执行",
    "结案日期",
    "结案方式",
]


def _rows() -> list[list]:
    rows = []
    for i in range(1, 41):
        filed = dt.date(2025, 1, 2) + dt.timedelta(days=15 * i)  # rest days and month ends among them
        closed = filed + dt.timedelta(days=40) if i % 4 == 0 else None
        method = ["终本", "执行完毕"][i % 8 == 0] if closed else None
        rows.append(
            [
                f"（{filed.year}）豫0326执{i}号",
                filed.isoformat(),
                "张三",
                f"李{i}",
                1000 + i,
                ["普执一团队", "速执团队", None][i % 3],
                "是" if i % 5 == 0 else None,
                closed.isoformat() if closed else None,
                method,
            ]
        )
    return rows


def _nodes(s) -> set[tuple]:
    return {
        (
            n.case_id,
            n.rule_id,
            n.name,
            n.source,
            n.period,
            n.anchor_event,
            n.anchor_at,
            n.due_on,
            n.due_at,
            n.owner_unit_id,
            n.owner_staff_id,
            n.completed_at,
            tuple(n.warnings),
            n.note,
        )
        for n in s.exec(select(DeadlineNode))
    }


def test_bulk_nodes_are_the_per_case_paths_nodes(desk, tmp_path):
    report = import_cases(desk, make_xlsx(tmp_path / "cases.xlsx", _rows(), header=HEADER))
    assert report.written and report.inserted == 40
    with desk.session() as s:
        bulk = _nodes(s)
        rules = {rule for _, rule, *_ in bulk}
    assert rules == {EXECUTION_RULE, ZHONGBEN_REQUERY}
    assert any(name.startswith("3个月") or "3个月" in period for _, _, name, _, period, *_ in bulk)

    # the old path, case by case, on the same cases
    with desk.transaction() as s:
        s.exec(delete(DeadlineNode))
        for case in s.exec(select(Case).order_by(col(Case.id))).all():
            if case.closed_on is None:
                at = dt.datetime.combine(case.filed_on, dt.time(9, 0))
                apply_event(s, desk, case.id, "filed", at, desk.operator, record=False, only={EXECUTION_RULE})
            elif case.closing_method == TERMINATED_THIS_ROUND:
                origin = dt.datetime.combine(case.closed_on, dt.time(9, 0))
                join_series(s, desk, case, ZHONGBEN_REQUERY, "closed", origin)
    with desk.session() as s:
        assert _nodes(s) == bulk

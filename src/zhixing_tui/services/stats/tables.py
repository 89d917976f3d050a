"""The tables the monthly workbook and 统计 (F8) share: the month's bounds, the units every unit
table lists, 首执 by unit, 繁简分流 — SQL counts (the database groups the decisions) shaped by the
pure definitions of :mod:`domain.statistics_sheets`. SQL text on a
:class:`~zhixing_tui.storage.reader.Reader`, as :mod:`.aggregates`."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import datetime, time, timedelta
from itertools import chain

from ...domain.statistics import FIRST, TOTAL, UNASSIGNED, IntakeClosing, Month, Settings
from ...domain.statistics_sheets import TriageRow, triage_counts
from ...storage.reader import Reader

__all__ = ["SIMPLE_TO_COMPLEX", "case_units", "first_by_unit", "month_bounds", "triage_table"]

SIMPLE_TO_COMPLEX = "simple_to_complex"


def month_bounds(month: Month) -> tuple[datetime, datetime]:
    """The month's first moment and the first moment after it."""
    return datetime.combine(month.start, time(0)), datetime.combine(month.end + timedelta(days=1), time(0))


def first_by_unit(
    table: dict[tuple[int | None, str], tuple[IntakeClosing, ...]],
    which: int,
    listed: list[str],
    unit_name,
    settings: Settings,
) -> list[IntakeClosing]:
    """首执 rows by unit name (the profile's case-holding units first, even when empty), then 合计."""
    out = {u: IntakeClosing(u, rate_base=settings.rate_base) for u in listed}
    for (uid, type_code), pair in table.items():
        if type_code != FIRST:
            continue
        name = unit_name(uid)
        row = out.setdefault(name, IntakeClosing(name, rate_base=settings.rate_base))
        row.merge(pair[which])
    total = IntakeClosing(TOTAL, rate_base=settings.rate_base)
    for row in out.values():
        total.merge(row)
    return [*out.values(), total]


def case_units(r: Reader, profile) -> tuple[list[str], Callable[[int | None], str]]:
    """The names of the profile's case-holding units (the rows every unit table lists, even when
    empty), and the name of a unit id (未分配 for none)."""
    unit_rows = r.rows("SELECT org_unit.id, org_unit.code, org_unit.name FROM org_unit")
    names = {uid: name for uid, _code, name in unit_rows}
    by_code = {code: name for _uid, code, name in unit_rows}
    stage_units = [code for st in profile.stages if st.kind != "closed" for code in st.units]
    listed = [by_code[u.code] for u in profile.units if u.code in stage_units and u.code in by_code]

    def unit_name(uid: int | None) -> str:
        return names.get(uid, UNASSIGNED) if uid is not None else UNASSIGNED

    return listed, unit_name


def triage_table(r: Reader, month: Month, unit_name, listed: list[str]) -> list[tuple]:
    """繁简分流: the month's decisions (not rejected) counted by the database per unit, kind and
    class, and the 简转繁 approvals."""
    start_at, end_at = month_bounds(month)
    t = "triage_decision"
    rows = r.rows(
        f"SELECT {t}.kind, {t}.final_class, {t}.final_unit_id, count(*) FROM {t}"
        f" WHERE {t}.decided_at >= :start_at AND {t}.decided_at < :end_at AND {t}.status != 'rejected'"
        f" AND {t}.kind != :s2c"  # counted from the approvals below
        f" GROUP BY {t}.kind, {t}.final_class, {t}.final_unit_id",
        start_at=start_at,
        end_at=end_at,
        s2c=SIMPLE_TO_COMPLEX,
    )
    decisions = (TriageRow(unit_name(u), k, f, int(n)) for k, f, u, n in rows)
    return triage_counts(chain(decisions, _simple_to_complex(r, start_at, end_at, unit_name)), listed)


def _simple_to_complex(r: Reader, start_at: datetime, end_at: datetime, unit_name) -> Iterator[TriageRow]:
    """简转繁: the 简转繁审批表 the 执行局长 approved in the month (汝阳 000 §二(二)13: 速执案件30天内未能结案
    的…报执行局长审批), one row each, under the team that keeps the case (the one named in the form)."""
    rows = r.rows(
        "SELECT approval.details, enforcement_case.unit_id FROM approval"
        " JOIN enforcement_case ON enforcement_case.id = approval.case_id"
        " WHERE approval.kind = :s2c AND approval.status = 'approved'"
        " AND approval.decided_at >= :start_at AND approval.decided_at < :end_at",
        s2c=SIMPLE_TO_COMPLEX,
        start_at=start_at,
        end_at=end_at,
    )
    for details, uid in rows:
        form = json.loads(details) if isinstance(details, str) else details  # JSON text on SQLite
        team = (form or {}).get("team") or unit_name(uid)
        yield TriageRow(team, SIMPLE_TO_COMPLEX, "ordinary")

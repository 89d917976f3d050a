"""The monthly figures computed on two connections at once (``services.stats.parallel``) are the
figures computed one statement after another, for several courts; the SQL aggregation equals a
straightforward Python computation of the definitions (rows read one by one) for courts other than
汝阳 too (``test_monthly_sql`` has 汝阳 over three months), 案款 included; and ``both`` itself runs
both parts, in another thread only where the engine can serve two connections."""

from __future__ import annotations

import dataclasses
import threading
from datetime import date, datetime

import pytest
from sqlalchemy import create_engine
from sqlmodel import select

from tests.services.test_monthly_sql import _key, _reference, _scope
from zhixing_tui.domain.periods import compute_due
from zhixing_tui.domain.statistics import FIRST, Month, intake_closing, trend
from zhixing_tui.domain.statistics_sheets import PaymentRow, node_overdue, payments
from zhixing_tui.services.deadlines.calendar import calendar_for
from zhixing_tui.services.desk import Desk
from zhixing_tui.services.stats import parallel
from zhixing_tui.services.stats.monthly import PAYOUT_PERIOD, monthly_figures
from zhixing_tui.storage.models import Case, OrgUnit, Payment, Payout, StageEntry

OCTOBER, AS_OF = Month(2026, 10), date(2026, 11, 23)
PROFILES = ["ruyang", "jianli", "shihe"]


def _same_moment(f):
    return dataclasses.replace(f, produced_at=datetime(2026, 1, 1))


@pytest.mark.parametrize("profile", PROFILES)
def test_two_connections_give_the_figures_of_one(desk_factory, monkeypatch, profile):
    desk = desk_factory(profile, cases=300)
    assert parallel.can_split(desk)  # a database file or a server: the parts do run side by side
    together = monthly_figures(desk, OCTOBER, as_of=AS_OF)
    monkeypatch.setattr(parallel, "can_split", lambda _desk: False)
    alone = monthly_figures(desk, OCTOBER, as_of=AS_OF)
    assert _same_moment(together) == _same_moment(alone)
    assert together.total.old + together.total.new > 0 and together.nodes[-1][2] > 0


def _payments_reference(desk, month: Month, as_of: date, listed: list[str]) -> list[list]:
    """案款 from every arrival read one by one: the unit holding the case (the last stay's for a case
    no unit holds any more), the payouts by the statistics day summed in Python."""
    bound = min(as_of, month.end)
    cal = calendar_for(desk)
    with desk.session() as s:
        names = dict(s.exec(select(OrgUnit.id, OrgUnit.name)).all())
        units = dict(s.exec(select(Case.id, Case.unit_id)).all())
        last: dict[int, int] = {}
        for e in s.exec(
            select(StageEntry).order_by(StageEntry.case_id, StageEntry.entered_at, StageEntry.id)
        ):
            if e.unit_id is not None:
                last[e.case_id] = e.unit_id
        out: dict[int, int] = {}
        for p in s.exec(select(Payout)):
            if p.paid_on <= bound:
                out[p.payment_id] = out.get(p.payment_id, 0) + p.amount_fen
        rows = []
        for p in s.exec(select(Payment)):
            if p.case_id not in units or p.arrived_on > month.end:
                continue
            if not (p.arrived_on >= month.start or p.paid_out_on is None or p.paid_out_on > bound):
                continue
            uid = units[p.case_id] if units[p.case_id] is not None else last.get(p.case_id)
            unit = names.get(uid, "未分配") if uid is not None else "未分配"
            due = compute_due(p.arrived_on, PAYOUT_PERIOD, cal).due_on
            rows.append(
                PaymentRow(
                    unit, p.arrived_on, p.amount_fen, p.paid_out_on, p.claimed_on, out.get(p.id, 0), due
                )
            )
    return payments(rows, month, as_of, listed)


@pytest.mark.parametrize("profile", ["jianli", "shihe"])
def test_sql_aggregation_equals_the_python_definitions_for_other_courts(desk_factory, profile):
    desk = desk_factory(profile, cases=300)
    f = monthly_figures(desk, OCTOBER, as_of=AS_OF)
    settings, cases, nodes, _stays, filed, closed = _reference(desk, OCTOBER, AS_OF)
    listed = [r.unit for r in f.intake[:-1]]
    first = [c for c in _scope(cases, OCTOBER) if c.type_code == FIRST]
    first_ytd = [c for c in _scope(cases, OCTOBER.ytd) if c.type_code == FIRST]
    assert [_key(r) for r in f.intake] == [_key(r) for r in intake_closing(first, OCTOBER, settings, listed)]
    assert [_key(r) for r in f.intake_ytd] == [
        _key(r) for r in intake_closing(first_ytd, OCTOBER.ytd, settings, listed)
    ]
    assert _key(f.types[-1].ytd)[1:] == _key(intake_closing(cases, OCTOBER.ytd, settings)[-1])[1:]
    assert f.nodes == node_overdue(nodes, OCTOBER, AS_OF)
    assert f.trend == trend(filed, closed, OCTOBER)
    pays = _payments_reference(desk, OCTOBER, AS_OF, listed)
    assert f.payments == pays
    assert f.total.closed > 0 and f.nodes[-1][2] > 0


def test_the_payments_table_equals_rows_read_one_by_one(demo_desk):
    f = monthly_figures(demo_desk, OCTOBER, as_of=AS_OF)
    listed = [r.unit for r in f.intake[:-1]]
    assert f.payments == _payments_reference(demo_desk, OCTOBER, AS_OF, listed)
    assert f.payments[-1][1] > 0  # some money arrived in the month


def _Desk(url: str) -> Desk:  # noqa: N802 - a desk on an engine of the test's
    return Desk(engine=create_engine(url), operator="测试")


def test_both_runs_the_first_part_in_a_worker_thread_and_raises_its_error(tmp_path):
    desk = _Desk(f"sqlite:///{tmp_path / 'x.db'}")
    here = threading.get_ident()
    a, b = parallel.both(desk, threading.get_ident, threading.get_ident)
    assert b == here and a != here

    def fails():
        raise ValueError("first")

    with pytest.raises(ValueError, match="first"):
        parallel.both(desk, fails, lambda: 2)
    desk.engine.dispose()


def test_both_runs_one_after_the_other_on_an_in_memory_database():
    desk = _Desk("sqlite://")  # each thread would get a database of its own
    assert not parallel.can_split(desk)
    here = threading.get_ident()
    assert parallel.both(desk, threading.get_ident, lambda: 2) == (here, 2)
    desk.engine.dispose()

"""Every writer of the stays records where a left stay went (``stage_entry.next_stage``, 0018): the
demo, the case import (a case closed on arrival, an open one closed by a later import), a move
and a closing in the app — each checked against the case's next stay by time (what 七组流转 used
to look up)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text

from tests.services.test_importer import make_xlsx
from tests.storage.test_migration_0018_next_stage import mismatches
from zhixing_tui.services.cases.lifecycle import close_case, set_stage
from zhixing_tui.services.imports.run import import_cases
from zhixing_tui.storage.models import Case, StageEntry


def _left(desk) -> int:
    with desk.engine.connect() as conn:
        return conn.execute(
            text("SELECT count(*) FROM stage_entry WHERE next_stage IS NOT NULL")
        ).scalar_one()


def test_the_demo_records_where_each_stay_went(desk_factory):
    for profile in ("ruyang", "jianli"):
        desk = desk_factory(profile, cases=120)
        with desk.engine.connect() as conn:
            assert mismatches(conn) == []
        assert _left(desk) > 100


def test_the_import_records_it_for_a_case_closed_on_arrival_and_one_closed_later(desk, tmp_path):
    def row(number: int, closed: tuple = (None, None, None)) -> list:
        return [f"（2026）豫0326执{number}号", "2026-04-07", "赵六", "钱七", 300, None, None, *closed]

    import_cases(desk, make_xlsx(tmp_path / "a.xlsx", [row(51), row(52, ("2026-07-01", "执行完毕", 300))]))
    import_cases(desk, make_xlsx(tmp_path / "b.xlsx", [row(51, ("2026-09-10", "终结执行", 0))]))
    with desk.engine.connect() as conn:
        assert mismatches(conn) == []
        went = conn.execute(
            text("SELECT stage, next_stage FROM stage_entry WHERE left_at IS NOT NULL ORDER BY id")
        ).all()
    assert len(went) == 2 and all(next_stage == "closed" for _stage, next_stage in went)


def test_a_move_and_a_closing_in_the_app_record_it(desk_factory):
    desk = desk_factory("ruyang", cases=30)
    with desk.transaction() as s:
        case = s.exec(Case.__table__.select().where(Case.status == "open").limit(1)).first()
        case = s.get(Case, case.id)
        first_stage = case.stage
        set_stage(s, case, "fast", None, None, "测试：移送", desk.operator, desk=desk)
        case_id = case.id
    close_case(
        desk, case_id, method="执行完毕", closed_on=dt.date(2026, 11, 23), closing_fen=0, recovered_fen=0
    )
    with desk.engine.connect() as conn:
        assert mismatches(conn) == []
    with desk.session() as s:
        stays = s.exec(
            StageEntry.__table__.select().where(StageEntry.case_id == case_id).order_by(StageEntry.entered_at)
        ).all()
    assert [(e.stage, e.next_stage) for e in stays[-3:]] == [
        (first_stage, "fast"),
        ("fast", "closed"),
        ("closed", None),
    ]

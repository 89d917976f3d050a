"""The planner's statistics after a bulk load (issue 17, "plans that stay good"): the demo and an
import that wrote rows refresh them (``storage.db.optimize``), on SQLite (``sqlite_stat1``) and on
PostgreSQL (``ANALYZE``'s row estimate, and ``VACUUM``'s all-visible pages, without which an
index-only scan reads every row from the table again — the project's servers run without
autovacuum). A dry run writes nothing and refreshes nothing."""

from __future__ import annotations

from tests.services.test_importer import GOOD_ID, make_xlsx
from zhixing_tui.services.imports.run import import_cases


def _statistics(desk, table: str) -> tuple[int, int]:
    """(rows the planner's statistics know of ``table`` — SQLite: entries in sqlite_stat1;
    PostgreSQL: reltuples —, its pages marked all-visible — PostgreSQL only, else 0)."""
    with desk.engine.connect() as conn:
        if desk.engine.dialect.name == "sqlite":
            has_stat = conn.exec_driver_sql(
                "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'"
            ).scalar_one()
            if not has_stat:
                return 0, 0
            known = conn.exec_driver_sql(
                "SELECT count(*) FROM sqlite_stat1 WHERE tbl = ?", (table,)
            ).scalar_one()
            return int(known), 0
        reltuples, allvisible = conn.exec_driver_sql(
            "SELECT reltuples, relallvisible FROM pg_class WHERE relname = %(t)s", {"t": table}
        ).one()
        return max(0, int(reltuples)), int(allvisible)


def _clear(desk) -> None:
    """Forget the statistics on SQLite (sqlite_stat1's rows). PostgreSQL's copy of the template
    keeps the demo's; there the proof of a refresh is the row estimate moving past them."""
    if desk.engine.dialect.name == "sqlite":
        with desk.engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM sqlite_stat1")


def test_the_demo_leaves_statistics_for_what_it_wrote(desk_factory):
    desk = desk_factory("ruyang", cases=40)
    known, allvisible = _statistics(desk, "deadline_node")
    assert known > 0
    if desk.engine.dialect.name == "postgresql":
        assert allvisible > 0


def test_an_import_that_writes_refreshes_them_and_a_dry_run_does_not(desk_factory, tmp_path):
    desk = desk_factory("ruyang", cases=20)
    _clear(desk)
    rows = [
        [f"（2026）豫0326执{n}号", "2026-03-05", "张三", f"李{n}", 100 * n, GOOD_ID, None, None, None, None]
        for n in range(900, 930)
    ]
    path = make_xlsx(tmp_path / "c.xlsx", rows)
    before = _statistics(desk, "enforcement_case")
    import_cases(desk, path, dry_run=True)
    assert _statistics(desk, "enforcement_case") == before  # (SQLite: none; PostgreSQL: the demo's 20)
    report = import_cases(desk, path)
    assert report.written and report.inserted == 30
    known, allvisible = _statistics(desk, "enforcement_case")
    assert known > 0
    if desk.engine.dialect.name == "postgresql":
        assert before[0] == 20 and known == 50 and allvisible > 0  # the 20 demo cases and the 30 imported

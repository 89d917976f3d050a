"""The planner's statistics after a bulk load (issue 17, "plans that stay good"): the demo and an
import that wrote rows refresh them (``storage.db.optimize``), on SQLite (``sqlite_stat1``) and on
PostgreSQL (``ANALYZE``'s row estimate, and ``VACUUM``'s all-visible pages, without which an
index-only scan reads every row from the table again — the project's servers run without
autovacuum). A dry run writes nothing and refreshes nothing; on PostgreSQL an import too small
to move the statistics (PostgreSQL's own rule, 50 rows + 10 %) does not wait for a vacuum of the
whole database, and such imports add up until one of them refreshes."""

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


def _cases(tmp_path, numbers, name="c.xlsx"):
    rows = [
        [f"（2026）豫0326执{n}号", "2026-03-05", "张三", f"李{n}", 100 * n, GOOD_ID, None, None, None, None]
        for n in numbers
    ]
    return make_xlsx(tmp_path / name, rows)


def test_an_import_that_writes_refreshes_them_and_a_dry_run_does_not(desk_factory, tmp_path):
    desk = desk_factory("ruyang", cases=20)
    _clear(desk)
    path = _cases(tmp_path, range(900, 960))
    before = _statistics(desk, "enforcement_case")
    import_cases(desk, path, dry_run=True)
    assert _statistics(desk, "enforcement_case") == before  # (SQLite: none; PostgreSQL: the demo's 20)
    report = import_cases(desk, path)
    assert report.written and report.inserted == 60
    known, allvisible = _statistics(desk, "enforcement_case")
    assert known > 0
    if desk.engine.dialect.name == "postgresql":
        assert before[0] == 20 and known == 80 and allvisible > 0  # the 20 demo cases and the 60 imported


def test_small_imports_refresh_once_they_add_up(desk_factory, tmp_path):
    """SQLite: every import that writes refreshes (a sampled ANALYZE, ~50 ms at 100,000 cases).
    PostgreSQL: 30 cases over the demo's 20 are under 50 + 10 %: no vacuum; 30 more make 60 rows
    the statistics do not know of, and that import refreshes them (the count is the table's own)."""
    desk = desk_factory("ruyang", cases=20)
    _clear(desk)
    assert import_cases(desk, _cases(tmp_path, range(900, 930))).inserted == 30
    first = _statistics(desk, "enforcement_case")
    assert import_cases(desk, _cases(tmp_path, range(930, 960), "d.xlsx")).inserted == 30
    second = _statistics(desk, "enforcement_case")
    if desk.engine.dialect.name == "postgresql":
        assert first[0] == 20  # left as the demo's
        assert second[0] == 80
    else:
        assert first[0] > 0 and second[0] > 0


def test_the_rule_of_staleness(desk_factory):
    """PostgreSQL's default for ANALYZE: 50 rows + 10 % of those the statistics describe, counted
    as the difference in rows or as the rows a caller changed in place."""
    from zhixing_tui.storage.db import statistics_stale

    desk = desk_factory("ruyang", cases=20)
    if desk.engine.dialect.name == "sqlite":
        assert statistics_stale(desk.engine, "enforcement_case")  # ANALYZE is cheap there: always
        return
    assert not statistics_stale(desk.engine, "enforcement_case")  # the demo's 20, counted
    assert not statistics_stale(desk.engine, "enforcement_case", changed=51)
    assert statistics_stale(desk.engine, "enforcement_case", changed=52)  # 50 + 10 % of 20

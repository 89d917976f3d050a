"""``make bench`` at 1,000 cases: the harness runs end to end, and zhixing produces the same rows
as each floor it is paired with. No timing is asserted (speed is a figure, never a test)."""

from __future__ import annotations

import json
from pathlib import Path

from bench import run_all

#: rows whose zhixing figure and floor must produce the same rows
PAIRED = ("report_json", "report_text", "report_xlsx", "import", "import_dry", "search", "demo")
#: rows measured through the app (Pilot in a child process)
APP = ("cold_start", "screen_f4", "case_detail")


def test_the_bench_runs_at_1k_cases_and_every_floor_gives_the_same_rows(tmp_path):
    out = tmp_path / "results.json"
    code = run_all.main(
        [
            "--cases", "1000", "--runs", "1", "--import-rows", "300",
            "--cache", str(tmp_path / "cache"), "--out", str(out), "--no-docs",
            "--only", ",".join(PAIRED + APP),
        ]
    )  # fmt: skip
    doc = json.loads(out.read_text(encoding="utf-8"))
    rows = {r["key"]: r for r in doc["rows"]}
    assert code == 0
    assert set(rows) == set(PAIRED + APP)
    assert not [k for k, r in rows.items() if "error" in r]
    assert {k: rows[k]["same_rows"] for k in PAIRED} == dict.fromkeys(PAIRED, True)
    assert all(rows[k]["zhixing"]["median_s"] > 0 for k in APP)


def test_the_table_lists_every_row_with_its_goal():
    results = [
        {
            "key": "report_json",
            "title": "report overdue --json",
            "zhixing": {"median_s": 1.5, "min_s": 1.4, "max_s": 1.9, "peak_rss_mb": 120.0},
            "floor": {"title": "one pass", "median_s": 1.0, "min_s": 0.9, "max_s": 1.1, "peak_rss_mb": 50.0},
            "ratio": 1.5,
            "goal": "≤ 2× floor",
            "within_goal": True,
            "same_rows": True,
        },
        {"key": "demo", "title": "demo --cases 1,000", "error": "exit 2"},
    ]
    lines = run_all.table(results).splitlines()
    assert lines[2] == (
        "| report overdue --json | 1,500 ms (1,400–1,900) |  | 1,000 ms (900–1,100) | one pass | 1.50× | "
        "≤ 2× floor | 120 MB | yes | yes |"
    )
    assert lines[3] == "| demo --cases 1,000 | failed: exit 2 | | | | | | | | no |"


def test_the_bench_compiles_the_sources_it_measures(tmp_path):
    """As an installed package is: every sample imports bytecode, never compiles source."""
    import importlib.util

    (tmp_path / "src" / "pkg").mkdir(parents=True)
    (tmp_path / "bench").mkdir()
    module = tmp_path / "src" / "pkg" / "mod.py"
    module.write_text("X = 1\n", encoding="utf-8")
    run_all.compile_sources(tmp_path)
    assert Path(importlib.util.cache_from_source(str(module))).exists()


def test_the_replay_floors_write_with_zhixing_s_own_page_cache():
    """The import's and the demo's floors set the page cache (and the demo's sync mode) zhixing's
    writers set: a floor with SQLite's 2 MB default spills index pages to disk on a county's data
    and would make zhixing look faster than the plain writer it is compared with."""
    from bench import rows

    from zhixing_tui.demo import build
    from zhixing_tui.services.imports import cases

    assert rows.IMPORT_CACHE_KIB == cases.WRITE_CACHE_KIB
    assert rows.DEMO_CACHE_KIB == build.CACHE_KIB


def test_warm_file_reads_the_database_and_its_wal_to_the_end(tmp_path):
    from bench.measure import WARM_CHUNK, warm_file

    db = tmp_path / "court.db"
    db.write_bytes(b"x" * (WARM_CHUNK + 5))  # more than one piece
    assert warm_file(db) == WARM_CHUNK + 5
    (tmp_path / "court.db-wal").write_bytes(b"w" * 7)
    assert warm_file(db) == WARM_CHUNK + 12
    assert warm_file(tmp_path / "missing.db") == 0

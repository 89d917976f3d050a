"""``make bench --db postgresql+psycopg://…`` at 300 cases: the harness builds the demo into a
database of its own (created, marked), runs the PostgreSQL rows, and every floor (plain psycopg
on the captured PostgreSQL SQL) gives the same rows as zhixing. Runs when ``ZHIXING_TEST_PG``
names a server (as tests/conftest.py does); no timing is asserted. Also, without a server: the
captured parameters' JSON round trip and the URL split the harness relies on."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from bench import pgdata, run_all
from bench.dbapi import conninfo, decode, encode, is_server
from bench.pgrows import drop_scratch

from tests import pg_scratch

needs_pg = pytest.mark.skipif(not pg_scratch.enabled(), reason="ZHIXING_TEST_PG is not set")

#: rows whose zhixing figure and floor must produce the same rows (on PostgreSQL)
PAIRED = ("report_json", "report_text", "report_xlsx", "import", "import_dry", "search", "demo")
APP = ("cold_start", "screen_f4", "case_detail")


@needs_pg
def test_the_bench_runs_on_postgresql_at_300_cases_with_the_same_rows(tmp_path):
    name = pg_scratch.new_name("bench")
    url = pg_scratch.url_for(name)
    out = tmp_path / "results.json"
    args = [
        "--db",
        url,
        "--cases",
        "300",
        "--runs",
        "1",
        "--import-rows",
        "300",
        "--out",
        str(out),
        "--no-docs",
    ]
    args += ["--cache", str(tmp_path / "cache")]
    try:
        code = run_all.main([*args, "--only", ",".join(PAIRED + APP)])
        assert pgdata.state(url) == (True, pgdata.marker(300))
        doc = json.loads(out.read_text(encoding="utf-8"))
        rows = {r["key"]: r for r in doc["rows"]}
        assert code == 0
        assert doc["backend"] == "postgresql" and doc["not_measured"] == {}
        assert set(rows) == set(PAIRED + APP)
        assert not [k for k, r in rows.items() if "error" in r]
        assert {k: rows[k]["same_rows"] for k in PAIRED} == dict.fromkeys(PAIRED, True)
        assert "psycopg" in rows["report_json"]["floor"]["title"]
        # a second run reuses the marked database (no rebuild: its demo cases are still there)
        assert run_all.main([*args, "--only", "search"]) == 0
    finally:
        pgdata.drop_ours(url)
        drop_scratch(url)


@needs_pg
def test_the_bench_never_builds_into_nor_drops_a_database_it_did_not_mark(tmp_path):
    name = pg_scratch.new_name("notours")
    url = pg_scratch.create(name)
    try:
        import psycopg

        with psycopg.connect(conninfo(url), autocommit=True) as con:
            con.execute("CREATE TABLE keep_me (id integer)")
        out = tmp_path / "results.json"
        assert run_all.main(["--db", url, "--cases", "300", "--no-docs", "--out", str(out)]) == 2
        with pytest.raises(pgdata.NotOurs):
            pgdata.drop_ours(url)
        assert pgdata.user_tables(url) == 1 and not out.exists()
    finally:
        pg_scratch.drop(name)


def test_captured_parameters_keep_their_dates_through_json():
    params = {"as_of_1": date(2026, 11, 20), "at": datetime(2026, 11, 20, 8, 30), "n": 3, "s": ["a", 1]}
    assert decode(json.loads(json.dumps(encode(params)))) == params
    assert decode(json.loads(json.dumps(encode(["x", 2])))) == ["x", 2]


def test_server_urls_and_their_admin_database():
    url = "postgresql+psycopg://postgres@127.0.0.1:5432/zhixing_bench"
    assert is_server(url) and not is_server("bench/.cache/x.db") and not is_server("sqlite:///x.db")
    assert conninfo(url) == "postgresql://postgres@127.0.0.1:5432/zhixing_bench"
    assert pgdata.split(url) == ("postgresql+psycopg://postgres@127.0.0.1:5432/postgres", "zhixing_bench")
    assert pgdata.marker(300) == "zhixing-bench ruyang cases=300 seed=7 as-of=2026-11-20"


def test_the_floors_start_their_sessions_as_zhixing_does():
    """A floor runs zhixing's SQL with the settings zhixing's connections start with (JIT off):
    the bench's copy of them (it imports no zhixing) says the same."""
    from bench.dbapi import SESSION_OPTIONS

    from zhixing_tui.storage.db import POSTGRES_SETTINGS

    assert SESSION_OPTIONS == " ".join(f"-c {k}={v}" for k, v in POSTGRES_SETTINGS.items())

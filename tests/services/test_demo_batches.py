"""The demo's rows do not depend on how its cases are cut into batches: a batch is written (by a
writer thread) while the next is made, and the result is the same as one batch written at once."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from sqlalchemy import inspect, text

from zhixing_tui.demo import build as demo_build
from zhixing_tui.services.desk import Desk

AS_OF = date(2026, 11, 20)


def _tables(desk: Desk) -> dict[str, tuple[int, str]]:
    """Every table: (rows, hash of every row in id order); the desk's clock is fixed on AS_OF, so
    even the moments rows were written at are the same from build to build."""
    out = {}
    with desk.engine.connect() as conn:
        for table in sorted(inspect(conn).get_table_names()):
            h, n = hashlib.sha256(), 0
            for row in conn.execute(text(f'SELECT * FROM "{table}" ORDER BY rowid')):
                h.update(repr(tuple(row)).encode())
                n += 1
            out[table] = (n, h.hexdigest())
    return out


def _build(tmp_path, name: str, batch: int, monkeypatch) -> tuple[Desk, demo_build.DemoSummary]:
    monkeypatch.setattr(demo_build, "BATCH", batch)
    desk = Desk.open(str(tmp_path / name), operator="测试员", as_of=AS_OF)
    return desk, demo_build.build_demo(desk, profile_id="ruyang", cases=240, seed=7, as_of=AS_OF)


def test_rows_do_not_depend_on_the_batches(tmp_path, monkeypatch):
    one, s_one = _build(tmp_path, "one.db", 240, monkeypatch)
    many, s_many = _build(tmp_path, "many.db", 50, monkeypatch)  # five batches, the last short
    again, _ = _build(tmp_path, "again.db", 50, monkeypatch)
    assert s_one.rows == s_many.rows and s_one.by_stage == s_many.by_stage
    tables = _tables(one)
    assert tables["deadline_node"][0] > 0 and tables["audit_entry"][0] > 0
    assert _tables(many) == tables
    assert _tables(again) == tables


def test_a_failing_batch_stops_the_build(tmp_path, monkeypatch):
    """The writer's error reaches the caller (and no later batch is written after it)."""
    calls = []

    def boom(desk, rows, profile, as_of, written):
        calls.append(len(rows.case))
        raise RuntimeError("disk full")

    monkeypatch.setattr(demo_build, "_write_batch", boom)
    monkeypatch.setattr(demo_build, "BATCH", 50)
    desk = Desk.open(str(tmp_path / "x.db"), operator="测试员", as_of=AS_OF)
    with pytest.raises(RuntimeError, match="disk full"):
        demo_build.build_demo(desk, profile_id="ruyang", cases=240, seed=7, as_of=AS_OF)
    assert calls == [50]

"""Engines, URLs, SQLite pragmas and the append-only audit trail."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from zhixing_tui.errors import ZhixingError
from zhixing_tui.services import audit
from zhixing_tui.storage.db import BUSY_TIMEOUT_MS, make_engine, resolve_url, sqlite_path
from zhixing_tui.storage.models import AuditEntry, Staff


def test_sqlite_pragmas_are_set(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'p.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == BUSY_TIMEOUT_MS == 10_000


def test_make_engine_creates_the_folder(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'a' / 'b' / 'x.db'}")
    with engine.connect():
        pass
    assert (tmp_path / "a" / "b" / "x.db").exists()


def test_resolve_url_bare_path_means_sqlite(tmp_path):
    assert resolve_url(tmp_path / "x.db") == f"sqlite:///{tmp_path / 'x.db'}"
    assert resolve_url("rel/x.db") == f"sqlite:///{Path.cwd() / 'rel' / 'x.db'}"


def test_resolve_url_keeps_urls():
    assert resolve_url("postgresql+psycopg://u:p@host/zx") == "postgresql+psycopg://u:p@host/zx"
    assert resolve_url("sqlite:///tmp/a.db") == "sqlite:///tmp/a.db"


def test_resolve_url_uses_zhixing_db_then_default(tmp_path, monkeypatch):
    # ZHIXING_HOME is tmp_path (conftest): the default database lives in its data/ folder.
    assert resolve_url() == f"sqlite:///{tmp_path / 'data' / 'zhixing.db'}"
    monkeypatch.setenv("ZHIXING_DB", str(tmp_path / "env.db"))
    assert resolve_url() == f"sqlite:///{tmp_path / 'env.db'}"
    assert resolve_url(tmp_path / "explicit.db") == f"sqlite:///{tmp_path / 'explicit.db'}"


def test_sqlite_path():
    assert sqlite_path("sqlite:////tmp/x.db") == Path("/tmp/x.db")
    assert sqlite_path("sqlite://") is None
    assert sqlite_path("sqlite:///:memory:") is None
    assert sqlite_path("postgresql://h/db") is None


def test_foreign_keys_are_enforced(desk):
    with pytest.raises(IntegrityError), desk.transaction() as s:
        s.add(Staff(name="某某", role="handler", unit_id=99_999))


def test_audit_entries_cannot_be_updated(desk):
    with desk.transaction() as s:
        entry_id = audit.record(s, operator="测试员", action="test", entity="case", summary="原文").id
        s.flush()
        entry_id = s.exec(select(AuditEntry.id).where(AuditEntry.action == "test")).one()
    with pytest.raises(ZhixingError, match="审计记录只能追加"), desk.transaction() as s:
        s.get(AuditEntry, entry_id).summary = "改写"
    with desk.session() as s:
        assert s.get(AuditEntry, entry_id).summary == "原文"


def test_audit_entries_cannot_be_deleted(desk):
    with desk.session() as s:
        entry_id = s.exec(select(AuditEntry.id)).first()  # the init entry
    assert entry_id is not None
    with pytest.raises(ZhixingError, match="审计记录只能追加"), desk.transaction() as s:
        s.delete(s.get(AuditEntry, entry_id))
    with desk.session() as s:
        assert s.get(AuditEntry, entry_id) is not None


def test_audit_requires_an_operator(desk):
    with pytest.raises(ZhixingError, match="未指定操作人"), desk.transaction() as s:
        audit.record(s, operator="  ", action="x", entity="case")


def test_a_new_database_and_its_wal_and_shm_are_private(tmp_path):
    import os
    import stat

    old = os.umask(0o022)  # the default umask would make them world-readable (0644)
    try:
        engine = make_engine(f"sqlite:///{tmp_path / 'court.db'}")
        with engine.connect() as conn:
            conn.exec_driver_sql("CREATE TABLE t (x)")
            modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in tmp_path.iterdir()}
        engine.dispose()
    finally:
        os.umask(old)
    assert modes == {"court.db": 0o600, "court.db-wal": 0o600, "court.db-shm": 0o600}


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path):
    from zhixing_tui.errors import InvalidValue

    for name, body in (("one.db", b"\x00"), ("notes.db", b"hello")):
        path = tmp_path / name
        path.write_bytes(body)
        with pytest.raises(InvalidValue, match="不是 zhixing 数据库（不是 SQLite 数据库文件），未作任何改动"):
            make_engine(f"sqlite:///{path}")
        assert path.read_bytes() == body
    with pytest.raises(InvalidValue, match="数据库地址无法识别：mysql://h/d"):
        make_engine("mysql://h/d")


def test_postgresql_sessions_run_without_jit(desk):
    """Every zhixing connection to PostgreSQL has JIT off (the statistics' statements spent most of
    their time compiling to machine code: issue 17), options the URL gives kept beside it."""
    from sqlalchemy import text

    from zhixing_tui.storage.db import _postgres_options

    url = make_url("postgresql+psycopg://u@h/db?options=-c%20statement_timeout%3D5000")
    assert _postgres_options(url) == {"options": "-c statement_timeout=5000 -c jit=off"}
    if desk.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only")
    with desk.session() as s:
        assert s.exec(text("SHOW jit")).one()[0] == "off"
        s.rollback()  # a setting given at connection start survives a rollback
        assert s.exec(text("SHOW jit")).one()[0] == "off"

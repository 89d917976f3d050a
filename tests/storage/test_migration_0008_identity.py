"""0008: names made unique (later holders disambiguated), existing audit entries chained in id
order with the operator's staff id, the append-only triggers kept; the downgrade undoes it.
On PostgreSQL (``ZHIXING_TEST_PG`` or a server at 127.0.0.1:5432) the trail also refuses
TRUNCATE, UPDATE and DELETE, and the chain verifies there as on SQLite."""

from __future__ import annotations

import os
import uuid

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from zhixing_tui.domain.audit_chain import GENESIS
from zhixing_tui.storage.db import make_engine
from zhixing_tui.storage.migrate import alembic_config, current_revision, head_revision, upgrade


def _at(engine, revision: str) -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def _old_rows(conn) -> None:
    conn.execute(
        text(
            "INSERT INTO org_unit(id, code, name, kind, sort_order, active) VALUES "
            "(1, 'a', '线上查控组', 'group', 0, TRUE), (2, 'b', '线索查控组', 'group', 10, TRUE)"
        )
    )
    conn.execute(
        text(
            "INSERT INTO staff(id, name, search_key, role, title, unit_id, is_leader, phone, active) VALUES "
            "(1, '吴敦辉', '', 'monitor', '', 1, FALSE, '', TRUE), (2, '吴敦辉', '', 'handler', '', 2, FALSE, '', TRUE), "
            "(3, '张三', '', 'handler', '', NULL, FALSE, '', TRUE), (4, '张三', '', 'handler', '', NULL, FALSE, '', TRUE)"
        )
    )
    for i, operator in enumerate(("吴敦辉", "外来工具", "张三"), start=1):
        conn.execute(
            text(
                "INSERT INTO audit_entry(at, operator, action, entity, summary, after) VALUES "
                f"('2026-11-2{i} 09:00:00', '{operator}', 'x', 'case', '第{i}条', '{{\"n\": {i}}}')"
            )
        )


def test_0008_disambiguates_names_and_chains_the_old_entries(tmp_path):
    from zhixing_tui.services.audit import verify
    from zhixing_tui.services.desk import Desk

    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    _at(engine, "0007")
    with engine.begin() as conn:
        _old_rows(conn)
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        names = conn.execute(text("SELECT name FROM staff ORDER BY id")).scalars().all()
        audit = conn.execute(
            text("SELECT operator, operator_id, prev_hash, entry_hash FROM audit_entry ORDER BY id")
        ).all()
    assert names == ["吴敦辉", "吴敦辉（线索查控组）", "张三", "张三（4）"]
    assert [(r[0], r[1]) for r in audit] == [("吴敦辉", 1), ("外来工具", None), ("张三", 3)]
    assert audit[0][2] == GENESIS and audit[1][2] == audit[0][3] and audit[2][2] == audit[1][3]
    desk = Desk(engine=engine, operator="检查")
    with desk.session() as s:
        report = verify(s)
    assert report.ok and report.count == 3 and report.head.hash == audit[2][3]
    with pytest.raises(DatabaseError, match="审计记录只能追加"), engine.begin() as conn:
        conn.execute(text("UPDATE audit_entry SET summary = 'x'"))
    with pytest.raises(DatabaseError, match="UNIQUE"), engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO staff(name, search_key, role, title, is_leader, phone, active, password_hash, failed_logins) VALUES ('张三', '', 'handler', '', 0, '', 1, '', 0)"
            )
        )

    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0007")
    assert current_revision(engine) == "0007"
    with engine.connect() as conn:
        columns = {r[1] for r in conn.execute(text("PRAGMA table_info(audit_entry)"))}
        assert "entry_hash" not in columns and "operator_id" not in columns
        assert conn.execute(text("SELECT count(*) FROM audit_entry")).scalar_one() == 3
    with pytest.raises(DatabaseError, match="审计记录只能追加"), engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_entry"))
    upgrade(engine)
    assert current_revision(engine) == head_revision()


def _pg_url() -> str | None:
    given = os.environ.get("ZHIXING_TEST_PG", "")
    url = given if "://" in given else "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return None
    try:
        engine = make_engine(url)
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception:
        return None
    return url


@pytest.fixture
def pg_engine():
    url = _pg_url()
    if url is None:
        if os.environ.get("ZHIXING_TEST_PG"):
            pytest.fail("ZHIXING_TEST_PG is set but PostgreSQL cannot be reached (or psycopg is missing)")
        pytest.skip("no PostgreSQL server (set ZHIXING_TEST_PG) or psycopg not installed")
    admin = make_engine(url).execution_options(isolation_level="AUTOCOMMIT")
    name = f"zhixing_0008_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    scratch = make_engine(url.rsplit("/", 1)[0] + f"/{name}")
    try:
        yield scratch
    finally:
        scratch.dispose()
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def test_postgresql_refuses_truncate_update_delete_and_the_chain_verifies(pg_engine):
    from zhixing_tui.services import audit
    from zhixing_tui.services.audit import verify
    from zhixing_tui.services.desk import Desk

    _at(pg_engine, "0007")
    with pg_engine.begin() as conn:
        _old_rows(conn)  # the same rows as on SQLite
    upgrade(pg_engine)
    with pg_engine.connect() as conn:
        names = conn.execute(text("SELECT name FROM staff ORDER BY id")).scalars().all()
    assert names == ["吴敦辉", "吴敦辉（线索查控组）", "张三", "张三（4）"]
    desk = Desk(engine=pg_engine, operator="吴敦辉")
    with desk.transaction() as s:
        audit.record(
            s, operator="吴敦辉", action="y", entity="case", summary="迁移之后", after={"b": [1, "二"]}
        )
    with desk.session() as s:
        report = verify(s)
    assert report.ok and report.count == 4
    for sql in ("TRUNCATE audit_entry", "UPDATE audit_entry SET summary = 'x'", "DELETE FROM audit_entry"):
        with pytest.raises(DatabaseError, match="审计记录只能追加"), pg_engine.begin() as conn:
            conn.execute(text(sql))
    with pg_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_entry")).scalar_one() == 4


def test_sqlite_and_postgresql_hash_the_same_entries_alike(tmp_path, pg_engine):
    sqlite = make_engine(f"sqlite:///{tmp_path / 'same.db'}")
    heads = []
    for engine in (sqlite, pg_engine):
        _at(engine, "0007")
        with engine.begin() as conn:
            _old_rows(conn)
        upgrade(engine)
        with engine.connect() as conn:
            heads.append(
                conn.execute(text("SELECT entry_hash FROM audit_entry ORDER BY id DESC LIMIT 1")).scalar_one()
            )
    assert heads[0] == heads[1]

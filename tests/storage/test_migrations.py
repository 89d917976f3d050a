"""Alembic migrations: empty → head, no drift between models and migrations, upgrades back up."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from zhixing_tui.storage.db import make_engine
from zhixing_tui.storage.migrate import (
    alembic_config,
    backup_sqlite,
    current_revision,
    ensure_schema,
    head_revision,
    upgrade,
)
from zhixing_tui.storage.models import metadata


def _older_revisions() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return [r.revision for r in script.walk_revisions() if r.revision != script.get_current_head()]


def test_empty_database_upgrades_to_head(empty_db_url):
    engine = make_engine(empty_db_url)
    assert current_revision(engine) is None
    backup = ensure_schema(engine)
    assert backup is None  # nothing to back up in an empty database
    assert current_revision(engine) == head_revision()
    tables = set(inspect(engine).get_table_names())
    assert set(metadata.tables) <= tables
    assert {"enforcement_case", "party", "audit_entry", "org_unit", "staff"} <= tables


def test_models_and_migrations_do_not_drift(empty_db_url):
    engine = make_engine(empty_db_url)
    upgrade(engine)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, metadata)
    assert diff == [], f"模型与迁移不一致，请运行 make migration：{diff}"


def test_ensure_schema_at_head_is_a_no_op(tmp_path):
    path = tmp_path / "data" / "zhixing.db"
    engine = make_engine(f"sqlite:///{path}")
    ensure_schema(engine)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO desk_setting(key, value) VALUES ('profile', 'ruyang')"))
    assert ensure_schema(engine) is None
    assert not (path.parent / "backups").exists()
    assert current_revision(engine) == head_revision()


def test_backup_sqlite_copies_the_database_with_wal_content(tmp_path):
    path = tmp_path / "data" / "zhixing.db"
    engine = make_engine(f"sqlite:///{path}")
    ensure_schema(engine)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO desk_setting(key, value) VALUES ('profile', 'jianli')"))
    target = backup_sqlite(engine, "before-test")
    assert target is not None
    assert target.parent == tmp_path / "data" / "backups"
    assert target.name.startswith("zhixing-") and target.name.endswith("-before-test.db")
    copy = make_engine(f"sqlite:///{target}")
    with copy.connect() as conn:
        assert (
            conn.execute(text("SELECT value FROM desk_setting WHERE key='profile'")).scalar_one() == "jianli"
        )


def test_backup_of_in_memory_database_is_none():
    engine = make_engine("sqlite://")
    assert backup_sqlite(engine, "x") is None


@pytest.mark.parametrize("revision", _older_revisions())
def test_older_database_is_backed_up_and_upgraded(tmp_path, revision):
    path = tmp_path / "data" / "old.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, revision)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO desk_setting(key, value) VALUES ('profile', 'ruyang')"))
    backup = ensure_schema(engine)
    assert backup is not None and backup.exists()
    assert backup.parent == path.parent / "backups"
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT value FROM desk_setting")).scalar_one() == "ruyang"
    old = make_engine(f"sqlite:///{backup}")
    assert current_revision(old) == revision


def test_the_database_itself_refuses_to_change_the_audit_trail(empty_db_url):
    """Even raw SQL (another tool opening the file) cannot rewrite history (revision 0002)."""
    from sqlalchemy.exc import DatabaseError

    engine = make_engine(empty_db_url)
    ensure_schema(engine)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO audit_entry(at, operator, action, entity, summary) "
                "VALUES ('2026-11-23 09:00:00', '张三', 'register', 'case', '立案登记')"
            )
        )
    for sql in ("UPDATE audit_entry SET operator = '李四'", "DELETE FROM audit_entry"):
        with pytest.raises(DatabaseError, match="审计记录只能追加"), engine.begin() as conn:
            conn.execute(text(sql))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT operator FROM audit_entry")).scalar_one() == "张三"


def test_downgrade_to_0001_and_back(empty_db_url):
    from alembic import command

    engine = make_engine(empty_db_url)
    ensure_schema(engine)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
    assert current_revision(engine) == "0001"
    with engine.begin() as conn:  # no trigger any more at 0001
        conn.execute(
            text(
                "INSERT INTO audit_entry(at, operator, action, entity, summary) "
                "VALUES ('2026-11-23 09:00:00', '张三', 'x', 'case', '')"
            )
        )
        conn.execute(text("DELETE FROM audit_entry"))
    upgrade(engine)
    assert current_revision(engine) == head_revision()


def test_0003_turns_the_measure_names_into_codes_and_back(tmp_path):
    from alembic import command

    engine = make_engine(f"sqlite:///{tmp_path / 'measures.db'}")
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
        conn.execute(
            text(
                "INSERT INTO enforcement_case(id, case_no, year, court_code, type_code, number, filed_on, "
                "basis, cause, claim_fen, status, stage, stage_entered_at, special_campaign, "
                "criminal_property, recovered_fen, closing_reason, search_text, created_at, updated_at) "
                "VALUES (1, '（2026）豫0326执1号', 2026, '豫0326', '执', 1, '2026-01-05', '', '', 0, 'open', "
                "'intake', '2026-01-05 09:00:00', 0, 0, 0, '', '', '2026-01-05 09:00:00', "
                "'2026-01-05 09:00:00')"
            )
        )
        for kind in ("限消", "终本约谈", "拘留"):
            conn.execute(
                text(
                    "INSERT INTO measure(case_id, kind, decided_on, note, by) "
                    f"VALUES (1, '{kind}', '2026-02-01', '', '张三')"
                )
            )
    upgrade(engine)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT kind, state FROM measure ORDER BY id")).all()
        non_litigation = conn.execute(text("SELECT non_litigation FROM enforcement_case")).scalar_one()
    assert [tuple(r) for r in rows] == [
        ("consumption_ban", "active"),
        ("zhongben_interview", "done"),
        ("detention", "done"),
    ]
    assert not non_litigation
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002")
    with engine.connect() as conn:
        kinds = conn.execute(text("SELECT kind FROM measure ORDER BY id")).scalars().all()
    assert kinds == ["限消", "终本约谈", "拘留"]

"""Revision 0009: the read-side indexes arrive in place (no table rebuilt) and leave on downgrade;
``zhixing db upgrade`` refreshes the planner's statistics afterwards."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, text
from typer.testing import CliRunner

from zhixing_tui.cli.main import app
from zhixing_tui.storage.db import make_engine
from zhixing_tui.storage.migrate import alembic_config, current_revision, upgrade

NEW = {
    ("deadline_node", "ix_deadline_node_case_open", ("case_id", "completed_at", "rule_id", "due_on")),
    (
        "enforcement_case",
        "ix_enforcement_case_stage_entered",
        ("stage", "stage_entered_at", "status", "handler_id"),
    ),
    ("enforcement_case", "ix_enforcement_case_status_stage_unit", ("status", "stage", "unit_id")),
    ("enforcement_case", "ix_enforcement_case_basis", ("basis",)),
    (
        "deadline_node",
        "ix_deadline_node_open_due",
        ("completed_at", "due_on", "rule_id", "anchor_at", "case_id"),
    ),
}
OLD_OPEN_DUE = ("deadline_node", "ix_deadline_node_open_due", ("completed_at", "due_on"))


def _indexes(engine) -> set[tuple[str, str, tuple[str, ...]]]:
    insp = inspect(engine)
    return {
        (table, ix["name"], tuple(ix["column_names"]))
        for table in ("deadline_node", "enforcement_case")
        for ix in insp.get_indexes(table)
    }


def test_0009_adds_the_indexes_and_takes_them_back(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'ix.db'}")
    upgrade(engine, "0007")
    assert not NEW & _indexes(engine)
    assert OLD_OPEN_DUE in _indexes(engine)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO desk_setting(key, value) VALUES ('profile', 'ruyang')"))
    upgrade(engine, "0009")
    assert NEW <= _indexes(engine)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0007")
    assert current_revision(engine) == "0007"
    assert not NEW & _indexes(engine)
    assert OLD_OPEN_DUE in _indexes(engine)
    with engine.connect() as conn:  # the data stayed
        assert conn.execute(text("SELECT value FROM desk_setting")).scalar_one() == "ruyang"


def test_db_upgrade_leaves_planner_statistics(tmp_path):
    path = tmp_path / "old.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, "0007")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO desk_setting(key, value) VALUES ('profile', 'ruyang')"))
    engine.dispose()
    result = CliRunner().invoke(app, ["db", "upgrade", "--db", str(path)])
    assert result.exit_code == 0, result.output
    with engine.connect() as conn:
        stats = {r[0] for r in conn.execute(text("SELECT tbl FROM sqlite_stat1")).all()}
    assert "desk_setting" in stats


def test_the_head_read_from_the_files_is_alembics_head():
    """Opening a database at the head answers without importing alembic (cold start): the head
    it reads from the revision files is the one alembic computes."""
    from zhixing_tui.storage.migrate import file_head, head_revision

    assert file_head() == head_revision()


def test_opening_a_database_at_the_head_does_not_import_alembic(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "head.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    code = (
        "import sys; from zhixing_tui.storage.db import make_engine; "
        "from zhixing_tui.storage.migrate import ensure_schema; "
        f"assert ensure_schema(make_engine({f'sqlite:///{path}'!r})) is None; "
        "print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

"""0014: beside every column naming who did an act, ``<column>_id`` (foreign key to ``staff.id``),
filled on upgrade from the (unique) name; a name off the roster keeps None; the downgrade drops
the columns and an upgrade fills them again. On both engines (``ZHIXING_TEST_PG``)."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, text

from tests.actor_ids import actor_pairs, wrong_ids
from zhixing_tui.services.actors import ACTOR_COLUMNS
from zhixing_tui.storage.migrate import alembic_config, current_revision, head_revision, upgrade
from zhixing_tui.storage.models import metadata

#: the columns the demo always fills for 300 cases (the others depend on what its cases did)
ALWAYS = [("approval", "requested_by"), ("approval", "decided_by"), ("deadline_node", "completed_by"),
          ("intake_record", "saved_by"), ("triage_decision", "decided_by"), ("assignment_draw", "drawn_by"),
          ("measure", "by"), ("measure", "lifted_by"), ("payment", "claimed_by"), ("service_attempt", "by"),
          ("payout", "by")]  # fmt: skip


def _downgrade(engine, revision: str) -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


def _filled(pairs) -> dict[tuple[str, str], int]:
    return {k: sum(1 for _, sid in v if sid is not None) for k, v in pairs.items()}


def test_0014_fills_the_ids_from_the_names_and_the_downgrade_drops_them(desk_factory):
    desk = desk_factory(cases=300)
    engine = desk.engine
    with engine.connect() as conn:
        before = actor_pairs(conn)
        assert wrong_ids(conn) == []  # the demo's bulk rows carry the ids
    filled = _filled(before)
    assert all(filled[k] > 0 for k in ALWAYS), filled

    _downgrade(engine, "0013")
    assert current_revision(engine) == "0013"
    columns = {t: {c["name"] for c in inspect(engine).get_columns(t)} for t in ACTOR_COLUMNS}
    assert all(f"{n}_id" not in columns[t] for t, names in ACTOR_COLUMNS.items() for n in names)
    with engine.begin() as conn:  # an act by somebody who was never on the roster
        outsider = conn.execute(text("SELECT min(id) FROM measure")).scalar_one()
        conn.execute(text("UPDATE measure SET \"by\" = '外来工具' WHERE id = :i"), {"i": outsider})

    upgrade(engine)
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        after = actor_pairs(conn)
        assert wrong_ids(conn) == []
        assert (
            conn.execute(text("SELECT by_id FROM measure WHERE id = :i"), {"i": outsider}).scalar_one()
            is None
        )
    again = _filled(after)
    assert again == {**filled, ("measure", "by"): filled[("measure", "by")] - 1}


def test_every_column_naming_a_person_has_its_staff_id_column():
    """ACTOR_COLUMNS (what the services fill) is exactly the models' ``<name>`` + ``<name>_id`` →
    ``staff.id`` pairs, and the migration's list is the same."""
    from importlib import import_module

    migration = import_module("zhixing_tui.storage.migrations.versions.0014_actor_ids")
    found: dict[str, set[str]] = {}
    for table in metadata.sorted_tables:
        for column in table.columns:
            base = column.name.removesuffix("_id")
            if (
                column.name.endswith("_id")
                and base in table.columns
                and any(fk.target_fullname == "staff.id" for fk in column.foreign_keys)
            ):
                found.setdefault(table.name, set()).add(base)
    assert found == {t: set(n) for t, n in ACTOR_COLUMNS.items()}
    listed: dict[str, set[str]] = {}
    for table, name in migration.ACTOR_COLUMNS:
        listed.setdefault(table, set()).add(name)
    assert listed == found

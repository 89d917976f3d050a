"""Checks shared by the actor-id tests (revision 0014): every column naming a person against its id."""

from __future__ import annotations

from sqlalchemy import text

from zhixing_tui.services.actors import ACTOR_COLUMNS


def actor_pairs(conn) -> dict[tuple[str, str], list[tuple[str | None, int | None]]]:
    """(table, column) → the (name, id) pairs of its rows that name somebody."""
    out = {}
    for table, names in ACTOR_COLUMNS.items():
        for name in names:
            q = f'"{name}"'
            out[(table, name)] = [
                (r[0], r[1])
                for r in conn.execute(
                    text(f"SELECT {q}, {name}_id FROM {table} WHERE {q} IS NOT NULL AND {q} <> ''")
                )
            ]
    return out


def wrong_ids(conn) -> list[tuple[str, str, str | None, int | None]]:
    """Rows whose id is not the roster's id for the name they record (None for a name off the roster)."""
    roster = dict(conn.execute(text("SELECT name, id FROM staff")).all())
    return [
        (table, column, name, sid)
        for (table, column), pairs in actor_pairs(conn).items()
        for name, sid in pairs
        if sid != roster.get(name)
    ]

"""0018: ``stage_entry.next_stage`` — where each stay went, filled on upgrade from each left stay's
next stay (by entered_at, then id), the month indexes widened to carry it; and every writer of
the stays keeps it so afterwards (the demo, the import, a move in the app)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import text

from tests.storage.alembic_steps import migrating

#: every left stay whose next_stage is not the stage of its case's next stay
MISMATCHES = """
SELECT e.id, e.next_stage, (
    SELECT later.stage FROM stage_entry AS later
    WHERE later.case_id = e.case_id
      AND (later.entered_at > e.entered_at OR (later.entered_at = e.entered_at AND later.id > e.id))
    ORDER BY later.entered_at, later.id LIMIT 1
) AS actual
FROM stage_entry AS e
WHERE e.left_at IS NOT NULL
"""


def mismatches(conn) -> list:
    rows = conn.execute(text(MISMATCHES)).all()
    return [r for r in rows if r.next_stage != r.actual]


def _columns(conn) -> set[str]:
    return {r[1] for r in conn.execute(text("PRAGMA table_info(stage_entry)"))}


def _index_columns(conn, name: str) -> list[str]:
    return [r[2] for r in conn.execute(text(f"PRAGMA index_info({name})"))]


def test_0018_fills_where_each_left_stay_went_and_widens_the_month_indexes(tmp_path):
    with migrating(tmp_path, "flow.db") as db:
        conn = db.conn
        db.upgrade("0017")
        stays = [  # case 1: intake → fast → ordinary (still there); case 2: intake, left, nothing after
            (1, 1, "intake", datetime(2026, 10, 1, 9), datetime(2026, 10, 2, 9)),
            (2, 1, "fast", datetime(2026, 10, 2, 9), datetime(2026, 10, 9, 9)),
            (3, 1, "ordinary", datetime(2026, 10, 9, 9), None),
            (4, 2, "intake", datetime(2026, 10, 3, 9), datetime(2026, 10, 4, 9)),
            # two stays begun at the same moment: the higher id is the later
            (5, 3, "intake", datetime(2026, 10, 5, 9), datetime(2026, 10, 5, 9)),
            (6, 3, "closed", datetime(2026, 10, 5, 9), None),
        ]
        for case_id in (1, 2, 3):
            conn.execute(
                text(
                    "INSERT INTO enforcement_case (id, case_no, year, court_code, type_code, number, filed_on, basis, "
                    "cause, claim_fen, status, stage, stage_entered_at, special_campaign, criminal_property, "
                    "non_litigation, recovered_fen, closing_reason, search_text, created_at, updated_at) VALUES "
                    "(:id, :no, 2026, 'c', '执', :id, '2026-10-01', '', '', 0, 'open', 'intake', '2026-10-01', "
                    "0, 0, 0, 0, '', '', '2026-10-01', '2026-10-01')"
                ),
                {"id": case_id, "no": f"（2026）c执{case_id}号"},
            )
        for sid, case_id, stage, entered, left in stays:
            conn.execute(
                text(
                    "INSERT INTO stage_entry (id, case_id, stage, entered_at, left_at, reason) "
                    "VALUES (:id, :case, :stage, :entered, :left, '')"
                ),
                {"id": sid, "case": case_id, "stage": stage, "entered": entered, "left": left},
            )
        db.upgrade("0018")
        assert "next_stage" in _columns(conn)
        got = dict(conn.execute(text("SELECT id, next_stage FROM stage_entry")).all())
        assert got == {1: "fast", 2: "ordinary", 3: None, 4: None, 5: "closed", 6: None}
        assert mismatches(conn) == []
        assert _index_columns(conn, "ix_stage_entry_left")[-1] == "next_stage"
        assert _index_columns(conn, "ix_stage_entry_entered")[-1] == "next_stage"
        db.downgrade("0017")
        assert "next_stage" not in _columns(conn)
        assert _index_columns(conn, "ix_stage_entry_left") == ["left_at", "entered_at", "stage", "case_id"]

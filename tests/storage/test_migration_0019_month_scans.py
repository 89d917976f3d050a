"""0019: 七组流转 reads each stage's stays of a month as a range of the stage's own entries (stage
first), and the statistics' cases come from the filing-day index that carries what they are
counted by; on downgrade 0018's two month indexes come back."""

from __future__ import annotations

from tests.storage.alembic_steps import migrating

NEW = {"ix_stage_entry_stage_entered", "ix_stage_entry_stage_left", "ix_enforcement_case_filed_month"}
OLD = {"ix_stage_entry_entered", "ix_stage_entry_left"}


def test_0019_replaces_the_month_indexes_and_gives_them_back(tmp_path):
    with migrating(tmp_path) as db:
        db.upgrade("0018")
        assert OLD <= db.indexes() and not NEW & db.indexes()
        db.upgrade("0019")
        assert NEW <= db.indexes() and not OLD & db.indexes()
        began = db.plan(
            "SELECT count(*), sum(left_at IS NOT NULL), sum(next_stage = 'closed') FROM stage_entry "
            "WHERE stage = 'fast' AND entered_at >= '2026-10-01' AND entered_at < '2026-11-01'"
        )
        assert (
            "COVERING INDEX ix_stage_entry_stage_entered (stage=? AND entered_at>? AND entered_at<?)" in began
        )
        ended = db.plan(
            "SELECT count(*), sum(next_stage = 'closed') FROM stage_entry WHERE stage = 'fast' "
            "AND left_at >= '2026-10-01' AND left_at < '2026-11-01' AND entered_at < '2026-10-01'"
        )
        assert "COVERING INDEX ix_stage_entry_stage_left (stage=? AND left_at>? AND left_at<?)" in ended
        cases = db.plan(
            "SELECT type_code, triage_class, closing_method, unit_id, count(*), sum(claim_fen), "
            "sum(recovered_fen), max(id) FROM enforcement_case WHERE filed_on <= '2026-10-31' "
            "AND (closed_on IS NULL OR closed_on >= '2026-01-01') GROUP BY 1, 2, 3, 4"
        )
        assert "COVERING INDEX ix_enforcement_case_filed_month" in cases
        db.downgrade("0018")
        assert OLD <= db.indexes() and not NEW & db.indexes()

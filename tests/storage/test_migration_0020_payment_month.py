"""0020: the monthly 案款 table reads the month's arrivals (and the unpaid ones before it) from
``ix_payment_month`` alone; created on upgrade, dropped on downgrade."""

from __future__ import annotations

from tests.storage.alembic_steps import check_added_index


def test_0020_adds_the_index_and_the_arrivals_come_from_it(tmp_path):
    check_added_index(
        tmp_path,
        "0019",
        "0020",
        "ix_payment_month",
        "SELECT count(*), sum(amount_fen), min(id) FROM payment WHERE arrived_on <= '2026-10-31' "
        "AND (arrived_on >= '2026-10-01' OR paid_out_on IS NULL OR paid_out_on > '2026-10-31') "
        "AND claimed_on IS NOT NULL AND case_id IS NOT NULL",
    )

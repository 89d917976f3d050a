"""0017: the filing days of the cases closed in a span (the monthly workbook's due days for a case
without its own node) from the index (closed_on, filed_on) alone; created on upgrade, dropped on
downgrade."""

from __future__ import annotations

from tests.storage.alembic_steps import check_added_index


def test_0017_adds_the_index_and_the_filing_days_come_from_it(tmp_path):
    check_added_index(
        tmp_path,
        "0016",
        "0017",
        "ix_enforcement_case_closed_filed",
        "SELECT DISTINCT filed_on FROM enforcement_case "
        "WHERE closed_on >= '2026-01-01' AND closed_on <= '2026-10-31'",
    )

"""The period engine: parsing the seeds' wording and counting per 民事诉讼法 第八十五条."""

from __future__ import annotations

from datetime import date

import pytest

from zhixing_tui.domain.calendar import default_calendar
from zhixing_tui.domain.periods import compute_due


@pytest.mark.parametrize(
    ("start", "period", "due"),
    [
        (date(2026, 9, 30), "3个工作日", date(2026, 10, 10)),
        (date(2026, 9, 28), "7日", date(2026, 10, 8)),
        (date(2026, 2, 12), "10个工作日", date(2026, 3, 4)),
    ],
)
def test_domain_brief_worked_examples(start: date, period: str, due: date) -> None:
    result = compute_due(start, period, default_calendar())
    assert result.due_on == due
    assert result.warnings == ()

"""Nothing in the demo is later than the moment it was built (issue 14, item 15): a demo built
at noon (the desk's fixed clock on its as-of day) has no 16:30 of that day — in any table."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import DateTime, func, select

from zhixing_tui.storage import models  # models.metadata: every table


@pytest.mark.parametrize("profile", ["jianli", "ruyang"])
def test_no_moment_after_the_build(desk_factory, profile):
    desk = desk_factory(profile, cases=150)
    built_at = desk.now()
    assert built_at == datetime(2026, 11, 23, 12, 0)
    later: dict[str, datetime] = {}
    checked = 0
    with desk.session() as s:
        for table in models.metadata.sorted_tables:
            for column in table.columns:
                if isinstance(column.type, DateTime):
                    query = select(func.max(column))
                    if table.name == "deadline_node" and column.name == "anchor_at":
                        # a later period of a series (终本 re-query every six months) is anchored
                        # where it is scheduled to start: a plan, not something that happened
                        query = query.where(
                            table.c.completed_at.is_not(None) | ~table.c.name.contains("（共")
                        )
                    latest = s.execute(query).scalar()
                    checked += 1
                    if latest is not None and latest > built_at:
                        later[f"{table.name}.{column.name}"] = latest
    assert checked > 20
    assert later == {}

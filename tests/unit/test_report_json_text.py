"""The nightly report's JSON, written row by row through json's C encoder, is byte for byte what
``json.dumps(report_json(rep), ensure_ascii=False, indent=2)`` writes — whatever the text holds."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from zhixing_tui.services.audit import ChainHead
from zhixing_tui.services.deadlines.alerts import AlertRow
from zhixing_tui.services.deadlines.report import OverdueReport, report_json, report_json_text

AS_OF = date(2026, 11, 20)


def _row(n: int, **kw) -> AlertRow:
    values = {
        "node_id": n,
        "case_id": n,
        "case_no": f"（2026）豫0326执{n}号",
        "rule_id": "ruyang.case_money",
        "node": "到账案款认领、发放",
        "source": "000 二(一)5",
        "period": "7日",
        "anchor_at": datetime(2026, 3, 1, 9),
        "due_on": date(2026, 3, 4),
        "due_at": None,
        "status": "overdue",
        "status_name": "超期",
        "days": 261,
        "team_id": 3,
        "team": "财产查控组（财产保全组）",
        "handler_id": None,
        "handler": "",
    }
    return AlertRow(**{**values, **kw})


HOSTILE = [
    _row(1),
    _row(2, node='引号"与反斜杠\\、换行\n和制表\t', handler="王强", days=0, status="due_today"),
    _row(3, team='"rows": []', case_no="\u001b[31m红\u001b[0m", source="", period=""),
    _row(4, team="", node="}, {", rule_id="{\n  }"),
]


@pytest.mark.parametrize(
    "rows", [(), tuple(HOSTILE), (HOSTILE[0],)], ids=["no rows", "hostile text", "one row"]
)
@pytest.mark.parametrize("chain", [None, ChainHead(112084, "4f" * 32, 112084)], ids=["no chain", "chain"])
@pytest.mark.parametrize("team", [None, "速执团队"])
def test_json_text_is_json_dumps_byte_for_byte(rows, chain, team):
    counts = {"overdue": 2, "due_today": 1, "approaching": 0}
    rep = OverdueReport(AS_OF, team, counts, rows, chain)
    expected = json.dumps(report_json(rep), ensure_ascii=False, indent=2)
    assert report_json_text(rep) == expected
    assert json.loads(report_json_text(rep)) == report_json(rep)

"""The nightly overdue report (超期节点报告): rows, JSON, plain text and the .xlsx workbook.

Every form is built from the same :class:`OverdueReport`, which reads
``services.deadlines.alerts.all_overdue_rows`` — the query behind the alerts screen — in one pass, so
the terminal table, the JSON, the workbook and the screen always agree.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from pathlib import Path
from typing import Any

from rich.cells import cell_len

from ...domain.nodes import ALERT_STATUSES, OVERDUE, STATUS_NAMES
from ..desk import Desk
from .alerts import AlertRow, all_overdue_rows

__all__ = [
    "OverdueReport",
    "XLSX_COLUMNS",
    "days_text",
    "overdue_report",
    "report_json",
    "report_text",
    "report_title",
    "write_overdue_xlsx",
]

#: (header, key in a JSON row) for the workbook, in order
XLSX_COLUMNS: tuple[tuple[str, str], ...] = (
    ("组/团队", "team"),
    ("承办人", "handler"),
    ("状态", "status_name"),
    ("天数", "days"),
    ("案号", "case_no"),
    ("节点", "node"),
    ("期限", "period"),
    ("到期日", "due"),
    ("依据", "source"),
    ("规则", "rule_id"),
)


@dataclass(frozen=True, slots=True)
class OverdueReport:
    as_of: date
    team: str | None
    counts: dict[str, int]
    rows: tuple[AlertRow, ...]

    @property
    def has_overdue(self) -> bool:
        return self.counts.get(OVERDUE, 0) > 0


def overdue_report(desk: Desk, as_of: date | None = None, *, team: str | None = None) -> OverdueReport:
    """Every node that is 超期 / 今日到期 / 临期 on ``as_of``, by team, then handler, oldest first.

    One pass of the alerts query: the rows are every alert, so their statuses are the counts."""
    as_of = as_of or desk.today()
    rows = all_overdue_rows(desk, as_of, team=team, order="team")
    counts = dict.fromkeys(ALERT_STATUSES, 0)
    for st, n in Counter(r.status for r in rows).items():
        counts[st] = n
    return OverdueReport(as_of, _team_name(desk, team), counts, rows)


def _team_name(desk: Desk, team: str | None) -> str | None:
    """The unit's name for a team given by code or name (the filter already checked it exists)."""
    if not team:
        return None
    from sqlmodel import or_, select

    from ...storage.models import OrgUnit

    with desk.session() as s:
        name = s.exec(select(OrgUnit.name).where(or_(OrgUnit.code == team, OrgUnit.name == team))).first()
    return name or team


def report_title(rep: OverdueReport) -> str:
    scope = f"（{rep.team}）" if rep.team else ""
    return f"执行流程节点超期报告{scope}　截至 {rep.as_of.isoformat()}"


def days_text(row: AlertRow) -> str:
    if row.status == OVERDUE:
        return f"超期{row.days}天"
    if row.days == 0:
        return "今日到期"
    return f"剩{row.days}天"


def _json_row(r: AlertRow) -> dict[str, Any]:
    return {
        "case_no": r.case_no,
        "node": r.node,
        "rule_id": r.rule_id,
        "source": r.source,
        "period": r.period,
        "due": r.due_on.isoformat(),
        "status": r.status,
        "status_name": r.status_name,
        "days": r.days,
        "team": r.team,
        "handler": r.handler,
    }


def report_json(rep: OverdueReport) -> dict[str, Any]:
    """The documented JSON shape (see ``zhixing report overdue --help``)."""
    return {
        "as_of": rep.as_of.isoformat(),
        "team": rep.team,
        "overdue": rep.counts.get("overdue", 0),
        "due_today": rep.counts.get("due_today", 0),
        "approaching": rep.counts.get("approaching", 0),
        "rows": [_json_row(r) for r in rep.rows],
    }


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - cell_len(text), 0)


def counts_line(rep: OverdueReport) -> str:
    return "　".join(f"{STATUS_NAMES[s]} {rep.counts.get(s, 0)} 项" for s in ALERT_STATUSES)


def report_text(rep: OverdueReport) -> str:
    """Plain text for pipes, files and cron mail: grouped by team, then handler."""
    lines = [report_title(rep), counts_line(rep)]
    if not rep.rows:
        lines.append("没有超期、今日到期或临期的节点。")
        return "\n".join(lines) + "\n"
    w_days = max(cell_len(days_text(r)) for r in rep.rows)
    w_case = max(cell_len(r.case_no) for r in rep.rows)
    w_node = min(max(cell_len(r.node) for r in rep.rows), 60)
    for team, team_rows in groupby(rep.rows, key=lambda r: r.team):
        lines.append("")
        lines.append(f"【{team or '未分配'}】")
        for handler, rows in groupby(team_rows, key=lambda r: r.handler):
            lines.append(f"  承办人：{handler or '未指定'}")
            for r in rows:
                lines.append(
                    "    "
                    + "  ".join(
                        [
                            _pad(days_text(r), w_days),
                            _pad(r.case_no, w_case),
                            _pad(r.node, w_node),
                            f"到期 {r.due_on.isoformat()}",
                            r.source,
                        ]
                    ).rstrip()
                )
    return "\n".join(lines) + "\n"


def write_overdue_xlsx(rep: OverdueReport, path: str | Path) -> Path:
    """The workbook: one sheet of rows (frozen header, autofilter, CJK widths, A4) and a 说明 sheet."""
    from ..printing.xlsx import Col, new_workbook, save_workbook, write_table

    data = report_json(rep)
    title = report_title(rep)
    kinds = {"days": "int", "due": "date"}
    columns = [Col(h, kinds.get(k, "text")) for h, k in XLSX_COLUMNS]
    rows = [[_cell(row, k) for _, k in XLSX_COLUMNS] for row in data["rows"]]
    wb = new_workbook()
    wb.properties.title = title
    write_table(wb, f"超期节点{rep.as_of.isoformat()}", columns, rows, print_title=title)
    notes = [
        ["截至日期", rep.as_of.isoformat()],
        ["范围", rep.team or "全部组/团队"],
        *[[STATUS_NAMES[s], data[s]] for s in ALERT_STATUSES],
        ["超期", "到期日早于截至日期且尚未完成的节点；天数为超过到期日的天数"],
        ["今日到期", "到期日为截至日期当天且尚未完成的节点"],
        ["临期", "在预警期内（默认2个工作日，续封续冻1个月）到期且尚未完成的节点；天数为剩余天数"],
        ["排序", "按组/团队、承办人分组，组内按到期日从早到晚"],
        [
            "计算",
            "期间开始之日不计入；期间届满日为法定休假日的顺延至其后第一个工作日（民事诉讼法第八十五条）",
        ],
    ]
    write_table(wb, "说明", [Col("项目"), Col("内容")], notes, print_title=title, autofilter=False)
    return save_workbook(wb, path)


def _cell(row: dict[str, Any], key: str) -> Any:
    if key == "due":
        return date.fromisoformat(row["due"])
    return row[key]

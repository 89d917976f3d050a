"""The 终本管理组's report (``zhixing report zhongben``): the 终本 cases to act on as of a day.

Built from :func:`.library.zhongben_library` with ``needs_action`` (page by page, so the report and
the 终本案件库 screen agree): a re-query (法〔2016〕373号 第九条第二款) that is 超期 / 今日到期 / 临期, or
property found after the closing on a case not yet resumed. Plain text, JSON and an .xlsx (written
atomically through ``printing.xlsx``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from rich.cells import cell_len

from ...domain.nodes import APPROACHING, DUE_TODAY, OVERDUE
from ..desk import Desk
from .library import LibraryRow, library_counts, zhongben_library

__all__ = [
    "XLSX_COLUMNS",
    "ZhongbenReport",
    "report_json",
    "report_text",
    "report_title",
    "status_text",
    "write_zhongben_xlsx",
    "xlsx_page_budget",
    "zhongben_report",
]

PAGE = 500

#: (header, key in a JSON row) for the workbook, in order
XLSX_COLUMNS: tuple[tuple[str, str], ...] = (
    ("定期查询", "status_text"),
    ("案号", "case_no"),
    ("被执行人", "respondents"),
    ("终本日期", "closed_on"),
    ("下次查询", "next_requery"),
    ("到期日", "next_due"),
    ("上次查询", "last_requery_on"),
    ("新发现财产", "new_property_text"),
    ("恢复执行申请", "resumption_text"),
    ("组/团队", "team"),
    ("承办人", "handler"),
)
_DATES = {"closed_on", "next_due", "last_requery_on"}
#: the workbook's column widths (text wraps in them): the table prints on A4 landscape at ≥ 90 %
_WIDTHS = {
    "status_text": 8,
    "case_no": 22,
    "respondents": 14,
    "closed_on": 11,
    "next_requery": 16,
    "next_due": 11,
    "last_requery_on": 11,
    "new_property_text": 6,
    "resumption_text": 8,
    "team": 10,
    "handler": 8,
}
#: rows of the table on one A4 landscape page, at least (被执行人 and 组/团队 wrap to up to three lines)
_ROWS_A_PAGE = 8


def xlsx_page_budget(rep: ZhongbenReport) -> int:
    """Pages the workbook may take on A4 (make print-check): the table at ≥ 8 rows a page, 说明 one."""
    return max(1, -(-len(rep.rows) // _ROWS_A_PAGE)) + 1


@dataclass(frozen=True, slots=True)
class ZhongbenReport:
    as_of: date
    total: int  # every 终本 case closed by as_of
    rows: tuple[LibraryRow, ...]  # the cases to act on

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def new_property(self) -> int:
        return sum(1 for r in self.rows if r.new_property and not r.resumed_by)

    @property
    def has_overdue(self) -> bool:
        return self.count(OVERDUE) > 0


def zhongben_report(desk: Desk, as_of: date | None = None) -> ZhongbenReport:
    as_of = as_of or desk.today()
    rows: list[LibraryRow] = []
    offset = 0
    while True:
        page = zhongben_library(desk, as_of, limit=PAGE, offset=offset, needs_action=True)
        rows.extend(page.items)
        if not page.has_next:
            break
        offset += PAGE
    return ZhongbenReport(as_of, library_counts(desk, as_of)["total"], tuple(rows))


def report_title(rep: ZhongbenReport) -> str:
    return f"终本案件库定期查询报告　截至 {rep.as_of.isoformat()}"


def counts_line(rep: ZhongbenReport) -> str:
    return (
        f"终本案件 {rep.total} 件，需处理 {len(rep.rows)} 件：定期查询超期 {rep.count(OVERDUE)} 件、"
        f"今日到期 {rep.count(DUE_TODAY)} 件、临期 {rep.count(APPROACHING)} 件；新发现财产 {rep.new_property} 件"
    )


def status_text(row: LibraryRow) -> str:
    if row.status == OVERDUE:
        return f"超期{row.days}天"
    if row.status == DUE_TODAY:
        return "今日到期"
    if row.status == APPROACHING:
        return f"剩{row.days}天"
    if row.status is None:
        return "无待办查询"
    return "未到期"


def _json_row(r: LibraryRow) -> dict[str, Any]:
    return {
        "case_no": r.case_no,
        "respondents": r.respondents,
        "closed_on": r.closed_on.isoformat(),
        "team": r.team,
        "handler": r.handler,
        "next_requery": r.next_requery,
        "next_due": r.next_due.isoformat() if r.next_due else None,
        "status": r.status,
        "status_name": r.status_name,
        "status_text": status_text(r),
        "days": r.days,
        "last_requery_on": r.last_requery_on.isoformat() if r.last_requery_on else None,
        "new_property": r.new_property,
        "new_property_text": "有" if r.new_property else "",
        "resumption_pending": r.resumption_pending,
        "resumption_text": "待审查" if r.resumption_pending else "",
        "resumed_by": r.resumed_by,
    }


def report_json(rep: ZhongbenReport) -> dict[str, Any]:
    """The documented JSON shape (see ``zhixing report zhongben --help``)."""
    return {
        "as_of": rep.as_of.isoformat(),
        "total": rep.total,
        "needs_action": len(rep.rows),
        "overdue": rep.count(OVERDUE),
        "due_today": rep.count(DUE_TODAY),
        "approaching": rep.count(APPROACHING),
        "new_property": rep.new_property,
        "rows": [_json_row(r) for r in rep.rows],
    }


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - cell_len(text), 0)


def report_text(rep: ZhongbenReport) -> str:
    """Plain text for pipes, files and cron mail: one line per case, newest closing first."""
    lines = [report_title(rep), counts_line(rep)]
    if not rep.rows:
        lines.append("没有需要处理的终本案件。")
        return "\n".join(lines) + "\n"
    w_status = max(cell_len(status_text(r)) for r in rep.rows)
    w_case = max(cell_len(r.case_no) for r in rep.rows)
    lines.append("")
    for r in rep.rows:
        parts = [
            _pad(status_text(r), w_status),
            _pad(r.case_no, w_case),
            f"终本 {r.closed_on.isoformat()}",
            f"查询到期 {r.next_due.isoformat()}" if r.next_due else "无待办查询",
            f"上次查询 {r.last_requery_on.isoformat()}" if r.last_requery_on else "结案后未查询",
            f"承办人 {r.handler or '未指定'}",
        ]
        if r.new_property:
            parts.append("【新发现财产】")
        if r.resumption_pending:
            parts.append("【恢复执行申请待审查】")
        lines.append("  ".join(parts))
    return "\n".join(lines) + "\n"


#: "终本案件定期网络查控（每六个月一次）第2期（共10期）" → "第2期（共10期）": every row's next query is
#: of the same series, so the narrow column names only its term
_TERM = re.compile(r"第\d+期（共\d+期）$")


def _cell(key: str, value: Any) -> Any:
    if key in _DATES:
        return date.fromisoformat(value) if value else ""
    if key == "next_requery" and value and (m := _TERM.search(value)):
        return m.group(0)
    return value or ""


def write_zhongben_xlsx(rep: ZhongbenReport, path: str | Path, desk: Desk | None = None) -> Path:
    """The workbook: one sheet of the cases to act on, and a 说明 sheet."""
    from ..printing.xlsx import Col, new_workbook, save_workbook, write_table

    data = report_json(rep)
    court = desk.profile.court.name if desk is not None else ""
    title = f"{court} {report_title(rep)}".strip()
    columns = [
        Col(h, "date", width=_WIDTHS[k]) if k in _DATES else Col(h, width=_WIDTHS[k], wrap=True)
        for h, k in XLSX_COLUMNS
    ]
    rows: list[list[Any]] = [[_cell(k, row[k]) for _, k in XLSX_COLUMNS] for row in data["rows"]]
    wb = new_workbook()
    wb.properties.title = title
    write_table(
        wb,
        f"终本案件{rep.as_of.isoformat()}",
        columns,
        rows,
        heading=[title, counts_line(rep)],
        print_title=title,
        footer=court,
        landscape=True,
    )
    notes: list[list[Any]] = [
        ["截至日期", rep.as_of.isoformat()],
        ["终本案件", rep.total],
        ["需处理", len(rep.rows)],
        ["定期查询超期", data["overdue"]],
        ["今日到期", data["due_today"]],
        ["临期", data["approaching"]],
        ["新发现财产", data["new_property"]],
        [
            "依据",
            "《最高人民法院关于严格规范终结本次执行程序的规定（试行）》（法〔2016〕373号）第九条第二款："
            "终结本次执行程序后的五年内，执行法院应当每六个月通过网络执行查控系统查询一次被执行人的财产",
        ],
        ["到期日", "以终本结案之日起算，第6、12……60个月届满之日（遇休息日顺延），不随实际查询日变动"],
        ["临期", "到期前1个月内"],
        ["新发现财产", "终本结案后，网络查控项目反馈“有财产”，且尚未恢复执行"],
        ["排序", "终本日期从近到远"],
    ]
    write_table(
        wb,
        "说明",
        [Col("项目", width=14), Col("内容", width=60, wrap=True)],
        notes,
        heading=[f"{title} 说明"],
        print_title=title,
        footer=court,
        autofilter=False,
    )
    return save_workbook(wb, path)

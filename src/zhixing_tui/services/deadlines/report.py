"""The nightly overdue report (超期节点报告): rows, JSON, plain text and the .xlsx workbook.

Every form is built from the same :class:`OverdueReport`, which reads
``services.deadlines.alerts.all_overdue_rows`` — the query behind the alerts screen — in one pass, so
the terminal table, the JSON, the workbook and the screen always agree.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from pathlib import Path
from typing import Any

from rich.cells import cell_len

from ...domain.nodes import ALERT_STATUSES, OVERDUE, STATUS_NAMES
from ...profiles.citations import abbreviations, cite
from ..audit import ChainHead, head
from ..desk import Desk
from .alerts import AlertRow, all_overdue_rows

__all__ = [
    "OverdueReport",
    "chain_line",
    "legend_lines",
    "days_text",
    "default_xlsx_name",
    "overdue_report",
    "report_json",
    "report_json_text",
    "report_text",
    "report_title",
    "unassigned_reasons",
    "write_overdue_xlsx",
    "xlsx_page_budget",
]

XLSX_WHAT = "超期节点"
UNASSIGNED = "未分配"
UNASSIGNED_CLOSED = "未分配（案件已结案，原由{unit}办理）"
UNASSIGNED_CLOSED_NONE = "未分配（案件已结案）"
UNASSIGNED_OPEN = "未分配（案件在{stage}阶段，尚未分到组/团队）"


@dataclass(frozen=True, slots=True)
class OverdueReport:
    as_of: date
    team: str | None
    counts: dict[str, int]
    rows: tuple[AlertRow, ...]
    #: the audit chain's head when the report was made: compared with yesterday's report, a
    #: truncated or rewritten trail shows (``zhixing audit verify`` checks the chain itself)
    audit_head: ChainHead | None = None

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
    with desk.session() as s:
        chain = head(s)
    return OverdueReport(as_of, _team_name(desk, team), counts, tuple(rows), chain)


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
        "audit_chain": (
            {"count": rep.audit_head.count, "head": rep.audit_head.hash}
            if rep.audit_head is not None
            else None
        ),
    }


#: each row as ``json.dumps(…, indent=2)`` writes it at depth 2, by json's C encoder (the indenting
#: encoder is pure Python and was a third of the report's time at 100,000 cases)
_ROW_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",\n      ", ": "))


def report_json_text(rep: OverdueReport) -> str:
    """``json.dumps(report_json(rep), ensure_ascii=False, indent=2)``, byte for byte, written faster:
    the rows are flat objects of strings, numbers and nulls, so each is one call of the C encoder
    with the indented separators."""
    doc = report_json(rep)
    rows = doc["rows"]
    doc["rows"] = []
    text = json.dumps(doc, ensure_ascii=False, indent=2)
    if not rows:
        return text
    body = ",\n    ".join("{\n      " + _ROW_ENCODER.encode(r)[1:-1] + "\n    }" for r in rows)
    # the only unescaped '"rows": []' is the key itself: in a string value its quotes are escaped
    return text.replace('"rows": []', '"rows": [\n    ' + body + "\n  ]", 1)


def chain_line(rep: OverdueReport) -> str:
    """The audit chain's head as the report prints it (empty when the report has none)."""
    if rep.audit_head is None:
        return ""
    return f"审计记录：{rep.audit_head.count} 条，链头 {rep.audit_head.hash}"


def _pad(text: str, text_width: int, width: int) -> str:
    return text + " " * max(width - text_width, 0)


def counts_line(rep: OverdueReport) -> str:
    return "　".join(f"{STATUS_NAMES[s]} {rep.counts.get(s, 0)} 项" for s in ALERT_STATUSES)


def report_text(rep: OverdueReport) -> str:
    """Plain text for pipes, files and cron mail: grouped by team, then handler; 依据 by the
    document's short title and clause, the full titles in a 注 at the end."""
    lines = [report_title(rep), counts_line(rep)]
    chain = chain_line(rep)
    if not rep.rows:
        lines.append("没有超期、今日到期或临期的节点。")
        lines.extend([chain] if chain else [])
        return "\n".join(lines) + "\n"
    short = short_citations(rep)
    # each row's texts and their widths on a terminal, measured once (for the columns and the padding)
    measured = [
        (r, d, cell_len(d), cell_len(r.case_no), cell_len(r.node))
        for r, d in zip(rep.rows, map(days_text, rep.rows), strict=True)
    ]
    w_days = max(m[2] for m in measured)
    w_case = max(m[3] for m in measured)
    w_node = min(max(m[4] for m in measured), 60)
    for team, team_rows in groupby(measured, key=lambda m: m[0].team):
        lines.append("")
        lines.append(f"【{team or '未分配'}】")
        for handler, rows in groupby(team_rows, key=lambda m: m[0].handler):
            lines.append(f"  承办人：{handler or '未指定'}")
            for r, days, days_w, case_w, node_w in rows:
                lines.append(
                    "    "
                    + "  ".join(
                        [
                            _pad(days, days_w, w_days),
                            _pad(r.case_no, case_w, w_case),
                            _pad(r.node, node_w, w_node),
                            f"到期 {r.due_on.isoformat()}",
                            short[r.source],
                        ]
                    ).rstrip()
                )
    legend = legend_lines(short)
    if legend:
        lines.append("")
        lines.extend(legend)
    if chain:
        lines.extend(["", chain])
    return "\n".join(lines) + "\n"


def legend_lines(short: dict[str, str]) -> list[str]:
    """The notes naming in full each document the short citations abbreviate (``注：《实施方案》指…``)."""
    return [f"注：{line}" for line in abbreviations(short)]


def short_citations(rep: OverdueReport) -> dict[str, str]:
    """Each 依据 of the report's rows → its short citation, in the order first used (a report
    cites a few dozen sources over tens of thousands of rows: each is formatted once)."""
    return {source: cite(source, short=True) for source in dict.fromkeys(r.source for r in rep.rows)}


def default_xlsx_name(desk: Desk, as_of: date) -> str:
    """``汝阳-2026-12-06-超期节点.xlsx``: the one file-name pattern of every export (xlsx.export_name)."""
    from ..printing.xlsx import export_name

    return export_name(desk.profile.court.short_name, as_of, XLSX_WHAT)


def unassigned_reasons(desk: Desk, rep: OverdueReport) -> dict[int, str]:
    """node id → why a row has no 组/团队, for the rows without one: the case is closed (a 终本
    re-query, a seal renewal — the unit that closed it named) or not yet given to a unit (its stage)."""
    from sqlmodel import col, select

    from ...storage.models import Case, OrgUnit, StageEntry

    ids = {r.case_id for r in rep.rows if not r.team}
    if not ids:
        return {}
    profile = desk.profile
    cases: dict[int, tuple[str, str]] = {}
    last_unit: dict[int, str] = {}
    with desk.session() as s:
        for chunk in _chunks(sorted(ids)):
            for cid, status, stage in s.exec(
                select(Case.id, Case.status, Case.stage).where(col(Case.id).in_(chunk))
            ):
                cases[cid] = (status, stage)
            for cid, name in s.exec(
                select(StageEntry.case_id, OrgUnit.name)
                .join(OrgUnit, col(OrgUnit.id) == col(StageEntry.unit_id))
                .where(col(StageEntry.case_id).in_(chunk))
                .order_by(col(StageEntry.case_id), col(StageEntry.entered_at), col(StageEntry.id))
            ):
                last_unit[cid] = name
    out: dict[int, str] = {}
    for r in rep.rows:
        if r.team or r.case_id not in cases:
            continue
        status, stage = cases[r.case_id]
        if status == "closed":
            before = last_unit.get(r.case_id)
            out[r.node_id] = UNASSIGNED_CLOSED.format(unit=before) if before else UNASSIGNED_CLOSED_NONE
        else:
            name = next((st.name for st in profile.stages if st.code == stage), stage)
            out[r.node_id] = UNASSIGNED_OPEN.format(stage=name)
    return out


def _chunks(ids: list[int], size: int = 500):
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def xlsx_page_budget(rep: OverdueReport) -> int:
    """Pages the overdue workbook may take on A4 landscape (make print-check): the table at ≥ 8 rows
    a page (节点 and 依据 wrap to two to six lines: the national rules cite two documents), plus 说明."""
    return max(1, -(-len(rep.rows) // 8)) + 1


def write_overdue_xlsx(rep: OverdueReport, path: str | Path, desk: Desk | None = None) -> Path:
    """The workbook: the court's name and the day in the title, one sheet of rows (the header repeated
    on every A4 landscape page, 节点 and 依据 wrapped with the rows made tall enough, 依据 as the
    document's short title and clause — the full titles in 说明 —, 组/团队 named on every row —
    未分配 with the reason) and a 说明 sheet.

    ``desk`` gives the court's name and the reasons for unassigned rows (the CLI and the screen pass it)."""
    from ..printing.xlsx import Col, save_workbook
    from ..printing.xlsx_stream import new_stream_workbook, stream_table

    court = desk.profile.court.name if desk is not None else ""
    reasons = unassigned_reasons(desk, rep) if desk is not None else {}
    title = f"{court} {report_title(rep)}".strip()
    short = short_citations(rep)
    columns = [
        Col("组/团队", width=12, wrap=True),
        Col("承办人", width=8, wrap=True),
        Col("状态", width=6, wrap=True),
        Col("天数", "int", width=6),
        Col("案号", width=22, wrap=True),
        Col("节点", width=26, wrap=True),
        Col("期限", width=6, wrap=True),
        Col("到期日", "date", width=11),
        Col("依据", width=22, wrap=True),
    ]
    rows = [
        [
            r.team or reasons.get(r.node_id, UNASSIGNED),
            r.handler,
            r.status_name,
            r.days,
            r.case_no,
            r.node,
            r.period,
            r.due_on,
            short[r.source],
        ]
        for r in rep.rows
    ]
    wb = new_stream_workbook()  # tens of thousands of rows: streamed, the look of write_table
    wb.properties.title = title
    counts = counts_line(rep)
    stream_table(
        wb,
        f"超期节点{rep.as_of.isoformat()}",
        columns,
        rows,
        heading=[title, counts],
        print_title=title,
        footer=court,
        landscape=True,
    )
    notes = [
        ["法院", court],
        ["截至日期", rep.as_of.isoformat()],
        ["范围", rep.team or "全部组/团队"],
        *[[STATUS_NAMES[s], rep.counts.get(s, 0)] for s in ALERT_STATUSES],
        ["超期", "到期日早于截至日期且尚未完成的节点；天数为超过到期日的天数"],
        ["今日到期", "到期日为截至日期当天且尚未完成的节点"],
        ["临期", "在预警期内（默认2个工作日，续封续冻1个月）到期且尚未完成的节点；天数为剩余天数"],
        ["组/团队", "节点规定了负责部门的为该部门，否则为现在持有该案的组/团队；没有的写明未分配的原因"],
        ["依据", "节点期限出自的文件及条款；文件用简称，全称如下"],
        *[["", line] for line in abbreviations(short)],
        ["排序", "按组/团队、承办人分组，组内按到期日从早到晚"],
        [
            "计算",
            "期间开始之日不计入；期间届满日为法定休假日的顺延至其后第一个工作日（民事诉讼法第八十五条）",
        ],
    ]
    stream_table(
        wb,
        "说明",
        [Col("项目", width=12), Col("内容", width=70, wrap=True)],
        notes,
        heading=[f"{title} 说明"],
        print_title=title,
        footer=court,
        autofilter=False,
    )
    return save_workbook(wb, path)

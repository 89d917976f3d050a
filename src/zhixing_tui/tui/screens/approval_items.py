"""How a pending approval of any kind is shown on the approvals screen: its row in the 待审批事项
lane and the details under the list (出差 destination, 类案集中 related cases, 简转繁 days and
reason; any other kind lists its fields)."""

from __future__ import annotations

from rich.text import Text

from ...domain.money import format_money
from ...domain.roles import may_approve, role_name
from ...i18n import approvals as approvals_text
from ...i18n import board as board_text
from ...i18n.triage import RELATED_REASON_NAMES
from ...services.actors import is_own
from ...services.board.query import ApprovalRow
from ..widgets.cells import Column

#: a whole 案号 such as （2025）鄂1088执恢1234号 (24 cells) is never cut, down to 80 columns
CASE_NO_CELLS = 24

COLUMNS = (
    Column("kind", approvals_text.COL_KIND, 8),
    Column("case_no", approvals_text.COL_CASE_NO, CASE_NO_CELLS, weight=1, max_width=26),
    Column("detail", approvals_text.COL_DETAIL, 12, weight=4, max_width=72),
    Column("level", approvals_text.COL_LEVEL, 8, weight=1, max_width=16),
    Column("by", approvals_text.COL_BY, 6),
    Column("at", approvals_text.COL_AT, 16, hide_below=100),
)


def kind_name(kind: str) -> str:
    return approvals_text.KIND_NAMES.get(kind, kind)


def _related_lines(d: dict) -> list[str]:
    related = d.get("related") or []
    lines = [approvals_text.RELATED.format(team=d.get("team", ""), n=len(related))]
    for r in related:
        reasons = "、".join(RELATED_REASON_NAMES.get(x, x) for x in r.get("reasons", []))
        lines.append(
            approvals_text.RELATED_CASE.format(
                case_no=r.get("case_no", ""), team=r.get("team", ""), reasons=reasons
            )
        )
    return lines


def _s2c_lines(d: dict) -> list[str]:
    head = approvals_text.S2C.format(team=d.get("team", ""), days=d.get("days", ""), limit=d.get("limit", ""))
    reason = (d.get("reason") or "").strip()
    return [head, approvals_text.S2C_REASON.format(reason=reason) if reason else approvals_text.S2C_NO_REASON]


def detail_lines(row: ApprovalRow) -> list[str]:
    """The request's details, most telling first (the first line is the list's 内容 cell)."""
    d = row.details
    if row.kind == "travel":
        return [
            approvals_text.TRAVEL.format(
                scope=d.get("scope_name", ""),
                destination=d.get("destination", ""),
                purpose=d.get("purpose", ""),
            )
        ]
    if row.kind == "related_cases":
        return _related_lines(d)
    if row.kind == "simple_to_complex":
        return _s2c_lines(d)
    if row.kind == "extension":
        return [
            approvals_text.EXTENSION.format(period=d.get("period", ""), due=d.get("due_before", "")),
            approvals_text.EXTENSION_REASON.format(reason=d.get("reason", "")),
        ]
    if row.kind == "resumption":
        return [
            approvals_text.RESUMPTION.format(
                received_on=d.get("received_on", ""), reason=d.get("reason", "")
            ),
            approvals_text.RESUMPTION_STEP.format(step=d.get("step_name", "")),
        ]
    if row.kind == "no_detention":
        return [
            approvals_text.NO_DETENTION.format(party=d.get("party", ""), reason=d.get("reason", "")),
            approvals_text.NO_DETENTION_SOURCE.format(source=d.get("source", "")),
        ]
    if row.kind == "late_payout":
        return [
            approvals_text.LATE_PAYOUT.format(
                amount=format_money(int(d.get("balance_fen") or 0)),
                payer=d.get("payer", ""),
                arrived=d.get("arrived_on", ""),
                due=d.get("due_on") or "",
                reason=d.get("reason", ""),
            ),
            approvals_text.NO_DETENTION_SOURCE.format(source=d.get("source", "")),
        ]
    return [approvals_text.OTHER_ITEM.format(key=k, value=v) for k, v in d.items()] or [""]


def row_cells(row: ApprovalRow) -> list[str]:
    return [
        kind_name(row.kind),
        row.case_no,
        "　".join(detail_lines(row)[:2]),
        role_name(row.level),
        row.requested_by,
        row.requested_at.strftime("%Y-%m-%d %H:%M"),
    ]


def title(row: ApprovalRow) -> str:
    """One line naming the request (shown in the rejection dialog)."""
    return f"{kind_name(row.kind)}：{detail_lines(row)[0]}"


def form_text(row: ApprovalRow, role: str | None, operator: str = "", operator_id: int | None = None) -> Text:
    """The highlighted request in full, with a warning when the operator may not decide it (too
    low a level, or their own request)."""
    out = Text()
    out.append(
        approvals_text.FORM_TITLE.format(kind=kind_name(row.kind), case_no=row.case_no) + "\n", style="bold"
    )
    deciders = row.deciders or (row.level,)
    level = approvals_text.OR.join(role_name(r) for r in deciders)
    out.append(
        approvals_text.FORM_WHO.format(
            by=row.requested_by, at=row.requested_at.strftime("%Y-%m-%d %H:%M"), level=level
        )
    )
    for line in detail_lines(row):
        out.append("\n" + line)
    if role is not None and not may_approve(role, deciders):
        out.append(
            "\n" + approvals_text.FORM_CANNOT.format(role=role_name(role), level=level), style="yellow"
        )
    if is_own(row.requested_by_id, row.requested_by, operator_id, operator):
        out.append("\n" + board_text.OWN_REQUEST, style="yellow")
    return out

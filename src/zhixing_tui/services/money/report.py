"""``zhixing report money``: the 财务/综合 desk's 案款 report on a day — the books (到账 = 已认领 +
未认领; 已认领 = 已发放 + 已退回 + 余额), the unclaimed arrivals, the claimed money not yet paid out
with its age and limit, and each case's balance; as text, JSON and an .xlsx workbook."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ...domain.case_money import MoneyTotals
from ...domain.money import format_money
from ..desk import Desk
from .query import BalanceRow, MoneyRow, money_page, money_totals

__all__ = [
    "MoneyReport",
    "money_report",
    "report_json",
    "report_text",
    "write_money_xlsx",
    "xlsx_page_budget",
]

#: rows of a list sheet on one A4 page, at least (the heading and the header row repeated)
_ROWS_A_PAGE = 25

_CHUNK = 1000


@dataclass(frozen=True)
class MoneyReport:
    court: str
    as_of: date
    totals: MoneyTotals
    unclaimed: tuple[MoneyRow, ...]
    unpaid: tuple[MoneyRow, ...]
    balances: tuple[BalanceRow, ...]

    @property
    def reconciles(self) -> bool:
        return not self.totals.check()

    @property
    def mismatch(self) -> str:
        """The identities that fail, one line ("" when the books reconcile)."""
        return "；".join(self.totals.check())


def _all(desk: Desk, view: str, d: date) -> tuple:
    out: list = []
    while True:
        page = money_page(desk, view, as_of=d, offset=len(out), limit=_CHUNK)
        out.extend(page.items)
        if not page.has_next:
            return tuple(out)


def money_report(desk: Desk, as_of: date | None = None) -> MoneyReport:
    d = as_of or desk.today()
    return MoneyReport(
        desk.profile.court.name,
        d,
        money_totals(desk, as_of=d),
        _all(desk, "unclaimed", d),
        _all(desk, "unpaid", d),
        _all(desk, "balances", d),
    )


def _yuan(fen: int) -> str:
    return format_money(fen)


def report_title(rep: MoneyReport) -> str:
    return f"{rep.court} 执行案款报告（截至 {rep.as_of.isoformat()}）"


def _book_lines(t: MoneyTotals) -> list[tuple[str, int]]:
    return [
        ("到账", t.arrived_fen),
        ("已认领", t.claimed_fen),
        ("未认领", t.unclaimed_fen),
        ("已发放", t.paid_fen),
        ("已退回", t.returned_fen),
        ("余额", t.balance_fen),
    ]


def report_text(rep: MoneyReport) -> str:
    t = rep.totals
    lines = [report_title(rep)]
    lines.append("　".join(f"{k} {_yuan(v)}元" for k, v in _book_lines(t)))
    check = t.check()
    lines.append(
        "核对：到账 = 已认领 + 未认领；已认领 = 已发放 + 已退回 + 余额 —— "
        + ("相符" if not check else "不符：" + "；".join(check))
    )
    lines.append(f"未认领 {len(rep.unclaimed)} 笔：")
    for r in rep.unclaimed:
        lines.append(
            f"  {r.arrived_on}　{_yuan(r.amount_fen)}元　{r.payer}　{r.ref_no or '-'}　到账{r.age_days}日"
        )
    lines.append(f"已认领未发放 {len(rep.unpaid)} 笔：")
    for r in rep.unpaid:
        due = f"期限 {r.due_on}" + ("（已超期）" if r.late else "") if r.due_on else "期限 -"
        lines.append(
            f"  {r.case_no}　{r.arrived_on} 到账　余额 {_yuan(r.balance_fen)}元　到账{r.age_days}日　"
            f"认领{r.claimed_days}日　{due}"
        )
    lines.append(f"有余额案件 {len(rep.balances)} 件：")
    for b in rep.balances:
        lines.append(
            f"  {b.case_no}　认领 {_yuan(b.claimed_fen)}　发放 {_yuan(b.paid_fen)}　退回 {_yuan(b.returned_fen)}　"
            f"余额 {_yuan(b.balance_fen)}元"
        )
    return "\n".join(lines) + "\n"


def report_json(rep: MoneyReport) -> dict[str, Any]:
    return {
        "court": rep.court,
        "as_of": rep.as_of.isoformat(),
        "totals": rep.totals.to_json(),
        "reconciles": rep.reconciles,
        "unclaimed": [r.to_json() for r in rep.unclaimed],
        "unpaid": [r.to_json() for r in rep.unpaid],
        "balances": [b.to_json() for b in rep.balances],
    }


def xlsx_page_budget(rep: MoneyReport) -> int:
    """Pages the workbook may take on A4 (make print-check): 汇总 and 说明 one each, every list
    (未认领, 已认领未发放, 余额) at ≥ 25 rows a page."""
    lists = (rep.unclaimed, rep.unpaid, rep.balances)
    return 2 + sum(max(1, -(-len(rows) // _ROWS_A_PAGE)) for rows in lists)


def write_money_xlsx(rep: MoneyReport, path: str | Path, desk: Desk | None = None) -> Path:
    """The workbook: 汇总, 未认领, 已认领未发放, 余额 and 说明 sheets (amounts in 元 from 分), each
    titled with the court's name (its first row, the page header and the footer)."""
    from ..printing.xlsx import Col, new_workbook, save_workbook, write_table

    court = rep.court or (desk.profile.court.name if desk is not None else "")
    title = report_title(rep).strip()
    wb = new_workbook()
    wb.properties.title = title

    def sheet(name: str, cols: list, rows: list, **kw: Any) -> None:
        write_table(
            wb,
            name,
            cols,
            rows,
            heading=[f"{title} {name}"],
            print_title=f"{title} {name}",
            footer=court,
            **kw,
        )

    sheet(
        "汇总",
        [Col("项目", width=24), Col("金额", "money", width=18)],
        [list(x) for x in _book_lines(rep.totals)],
    )
    sheet(
        "未认领",
        [
            Col("到账日期", "date"),
            Col("金额", "money"),
            Col("缴款人", width=20, wrap=True),
            Col("票据/流水号", width=18, wrap=True),
            Col("到账天数", "int"),
        ],
        [[r.arrived_on, r.amount_fen, r.payer, r.ref_no, r.age_days] for r in rep.unclaimed],
    )
    sheet(
        "已认领未发放",
        [
            Col("案号", width=22, wrap=True),
            Col("到账日期", "date"),
            Col("认领日期", "date"),
            Col("到账金额", "money"),
            Col("已发放", "money"),
            Col("已退回", "money"),
            Col("余额", "money"),
            Col("到账天数", "int"),
            Col("认领天数", "int"),
            Col("发放期限", "date"),
            Col("是否超期", width=6, wrap=True),
        ],
        [
            [
                r.case_no,
                r.arrived_on,
                r.claimed_on,
                r.amount_fen,
                r.paid_fen,
                r.returned_fen,
                r.balance_fen,
                r.age_days,
                r.claimed_days,
                r.due_on,
                "超期" if r.late else "",
            ]
            for r in rep.unpaid
        ],  # fmt: skip
    )
    sheet(
        "余额",
        [
            Col("案号", width=22, wrap=True),
            Col("已认领", "money"),
            Col("已发放", "money"),
            Col("已退回", "money"),
            Col("余额", "money"),
            Col("最早认领日期", "date"),
        ],
        [
            [b.case_no, b.claimed_fen, b.paid_fen, b.returned_fen, b.balance_fen, b.first_claimed_on]
            for b in rep.balances
        ],
    )
    notes: list[list[Any]] = [
        ["截至日期", rep.as_of.isoformat()],
        ["到账", "到账日期不晚于截至日期的案款（含未认领）"],
        ["已认领", "截至日期前已认领到案件的案款；未认领 = 到账 − 已认领"],
        ["余额", "已认领 − 已发放 − 已退回（截至日期前的发放、退回）"],
        [
            "发放期限",
            "自到账之日起，按本院执行流程节点中案款发放节点的期限计算（期限与依据见该案的执行流程节点表）",
        ],
        ["核对", "相符" if rep.reconciles else "不符：" + "；".join(rep.totals.check())],
    ]
    sheet("说明", [Col("项目", width=14), Col("内容", width=60, wrap=True)], notes, autofilter=False)
    return save_workbook(wb, path)

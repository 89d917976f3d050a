"""Writing the monthly statistics workbook (``YYYY-MM-执行工作统计.xlsx``) from :class:`MonthlyFigures`.

Sheets: 收结案统计, 节点超期统计, 繁简分流, 七组流转, 线索查控人员, 案款, 收结案趋势 (with a chart of
新收 and 结案 over the last 12 months) and 说明 (every figure's definition, the month's dates,
the profile and its statistics settings, when and by whom the workbook was produced). Every sheet
has a frozen header, widths that fit Chinese, money and percent formats and A4 landscape print
setup (:mod:`.xlsx`). Saved atomically.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment

from ...domain.closing import CLOSING_METHODS
from ...domain.member_stats import DEFINITIONS as MEMBER_DEFINITIONS
from ...domain.statistics import TOTAL, Month, definitions
from ...locations import exports_dir
from ..desk import Desk
from ..stats.monthly import MonthlyFigures, monthly_figures
from .xlsx import Col, new_workbook, put, save_workbook, write_table

__all__ = ["default_path", "export_monthly", "intake_columns", "write_workbook"]


def intake_columns(f: MonthlyFigures) -> list[Col]:
    s = f.settings
    return [
        Col("部门"),
        Col("旧存", "int"),
        Col("新收", "int"),
        Col("结案", "int"),
        *[Col(m, "int") for m in CLOSING_METHODS],
        Col("未结", "int"),
        Col("结案率", "percent"),
        Col("执行完毕率", "percent"),
        Col("终本率", "percent"),
        Col("申请执行标的额", "money"),
        Col("执行到位金额", "money"),
        Col("实际执行到位率", "percent"),
        Col(f"速执(快执){s.fast_days}日内结案率", "percent"),
        Col(f"{s.legal_months}个月法定期限内结案率", "percent"),
    ]


def _intake_rows(f: MonthlyFigures) -> list[list]:
    return [
        [
            r.unit,
            r.old,
            r.new,
            r.closed,
            *[r.by_method[m] for m in CLOSING_METHODS],
            r.pending,
            r.closing_rate,
            r.full_rate,
            r.zhongben_rate,
            r.claim_fen,
            r.recovered_fen,
            r.recovered_rate,
            r.fast_rate,
            r.legal_rate,
        ]
        for r in f.intake
    ]


def _last(rows: list) -> list[int]:
    return [len(rows) - 1] if rows and rows[-1][0] == TOTAL else []


def write_workbook(f: MonthlyFigures, path: str | Path) -> Path:
    wb = new_workbook()
    head = f"{f.court} {f.month.title}"
    rows = _intake_rows(f)
    write_table(
        wb, "收结案统计", intake_columns(f), rows, print_title=f"{head} 收结案统计", bold_rows=_last(rows)
    )

    cols = [
        Col("节点"),
        Col("部门"),
        Col("本月到期", "int"),
        Col("按期完成", "int"),
        Col("超期完成", "int"),
        Col("仍超期", "int"),
    ]
    write_table(
        wb, "节点超期统计", cols, f.nodes, print_title=f"{head} 节点超期统计", bold_rows=_last(f.nodes)
    )

    cols = [Col("部门"), *[Col(h, "int") for h in ("简易", "普通", "特殊", "分流合计", "简转繁", "二次分案")]]
    write_table(wb, "繁简分流", cols, f.triage, print_title=f"{head} 繁简分流", bold_rows=_last(f.triage))

    cols = [
        Col("阶段（组）"),
        Col("收案", "int"),
        Col("本组结案", "int"),
        Col("移出", "int"),
        Col("退回", "int"),
        Col("平均停留天数"),
        Col("阶段期限"),
        Col("期限天数", "int"),
        Col("超期限离开", "int"),
    ]
    flow = [
        [
            r.name,
            r.received,
            r.closed_here,
            r.handed_on,
            r.returned,
            round(r.average_days, 1) if r.average_days is not None else None,
            r.limit,
            r.limit_days,
            r.over_limit,
        ]
        for r in f.flow
    ]
    write_table(wb, "七组流转", cols, flow, print_title=f"{head} 七组流转")

    # The columns of seed 004 第三组 2, defined in domain.member_stats (headings and 说明 alike).
    kinds = ["percent" if h.endswith("率") else "int" for h, _ in MEMBER_DEFINITIONS]
    cols = [Col("姓名")] + [Col(h, k) for (h, _), k in zip(MEMBER_DEFINITIONS, kinds, strict=True)]
    members = [
        [
            m.member,
            m.handled,
            m.closed,
            _ratio(m.closed_rate),
            m.executed,
            _ratio(m.executed_rate),
            m.terminated,
            _ratio(m.terminated_rate),
            m.to_disposal,
            _ratio(m.disposal_rate),
            m.detentions,
            m.fines,
            m.to_refusal,
        ]
        for m in f.members
    ]
    ws = write_table(wb, "线索查控人员", cols, members, print_title=f"{head} 线索查控人员")
    if f.clue_stage is None:
        put(ws, 2, 1, "本院配置中没有线索查控组（阶段），本表为空。")

    cols = [
        Col("部门"),
        Col("到账笔数", "int"),
        Col("到账金额", "money"),
        Col("7日内发放笔数", "int"),
        Col("7日内发放率", "percent"),
        Col("认领超20日未发放笔数", "int"),
        Col("认领超20日未发放余额", "money"),
        Col("认领超一个月仍有余额笔数", "int"),
        Col("认领超一个月余额", "money"),
    ]
    write_table(wb, "案款", cols, f.payments, print_title=f"{head} 案款", bold_rows=_last(f.payments))

    ws = write_table(
        wb,
        "收结案趋势",
        [Col("月份"), Col("新收", "int"), Col("结案", "int")],
        f.trend,
        print_title=f"{head} 近12个月收结案",
    )
    _chart(ws, len(f.trend))

    _notes(wb, f, head)
    return save_workbook(wb, path)


def _chart(ws, n: int) -> None:
    bars = BarChart()
    bars.title = "近12个月新收与结案"
    bars.y_axis.title = "件数"
    bars.x_axis.title = "月份"
    data = Reference(ws, min_col=2, max_col=3, min_row=1, max_row=n + 1)
    bars.add_data(data, titles_from_data=True)
    bars.set_categories(Reference(ws, min_col=1, min_row=2, max_row=n + 1))
    bars.height, bars.width = 9, 20
    ws.add_chart(bars, "E2")


def _notes(wb, f: MonthlyFigures, head: str) -> None:
    s = f.settings
    rows = [
        ("法院", f.court),
        ("统计月份", f"{f.month.title}（{f.month.start:%Y-%m-%d} 至 {f.month.end:%Y-%m-%d}）"),
        (
            "统计日",
            f"{min(f.as_of, f.month.end):%Y-%m-%d}（本月末或制表日，取较早者；用于仍超期、未发放等时点数）",
        ),
        ("法院配置", f.profile_id),
        (
            "统计口径设置",
            f"rate_base={s.rate_base}；amounts_over={s.amounts_over}；fast_days={s.fast_days}；"
            f"fast_stages={','.join(s.fast_stages)}；legal_months={s.legal_months}（可在配置的 [statistics] 中修改）",
        ),
        ("制表时间", f"{f.produced_at:%Y-%m-%d %H:%M:%S}"),
        ("制表人", f.produced_by),
        *definitions(s),
        *([(f"线索查控人员：{h}", d) for h, d in MEMBER_DEFINITIONS] if f.clue_stage else []),
    ]
    ws = write_table(
        wb,
        "说明",
        [Col("项目", width=24), Col("说明", width=100)],
        rows,
        print_title=f"{head} 说明",
        autofilter=False,
    )
    for r in range(2, len(rows) + 2):
        ws.cell(r, 2).alignment = Alignment(wrap_text=True, vertical="top")


def _ratio(rate) -> float | None:
    return None if rate is None else float(rate)


def default_path(month: Month) -> Path:
    return exports_dir() / f"{month.label}-执行工作统计.xlsx"


def export_monthly(desk: Desk, month: Month, out: str | Path | None = None) -> tuple[Path, MonthlyFigures]:
    """Compute the month's figures and write the workbook (default ``exports/YYYY-MM-执行工作统计.xlsx``)."""
    figures = monthly_figures(desk, month)
    return write_workbook(figures, out or default_path(month)), figures

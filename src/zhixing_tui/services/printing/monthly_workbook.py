"""Writing the monthly statistics workbook (``汝阳-2026-10-执行工作统计.xlsx``) from :class:`MonthlyFigures`.

Sheets: 收结案统计 (首执 by unit: 本月 and 本年累计), 质效指标 (首执 rates), 结案方式 (首执), 标的金额
(首执), 各类案件 (首执, 执恢, 执保 … each on its own line, 本月 and 本年累计), 节点超期统计, 繁简分流, 七组流转,
线索查控人员, 案款, 收结案趋势 (with a chart) and 说明 (every figure's definition in plain Chinese,
the month's dates, the court's statistics settings in words, when and by whom it was produced).

Every sheet is titled with the court's name and the month (two heading lines), groups its columns
under 本月 / 本年累计 where it has both, keeps 合计 below the autofilter range, prints on A4 (portrait
or landscape by width, fitted to width at ≥ 85 % — 结案方式, too wide for that, at full size with
本月 and 本年累计 on pages of their own —, title rows repeated, 第 X 页，共 Y 页 and the court in the
footer) through :mod:`.xlsx`. Saved atomically.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.text import RichText
from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties
from openpyxl.drawing.text import Font as DrawingFont

from ...domain.closing import CLOSING_METHODS
from ...domain.member_stats import DEFINITIONS as MEMBER_DEFINITIONS
from ...domain.statistics import TOTAL, IntakeClosing, Month, definitions, settings_text
from ...locations import exports_dir
from ..stats.monthly import MonthlyFigures, monthly_figures
from ..stats.parallel import StatsDesk
from .xlsx import FONT_NAME, Col, export_name, new_workbook, put, save_workbook, write_table

__all__ = ["PAGE_BUDGET", "SHEETS", "default_path", "export_monthly", "page_budget", "write_workbook"]

#: the export's name in the file-name pattern (xlsx.export_name)
WHAT = "执行工作统计"
SHEETS = (
    "收结案统计",
    "质效指标",
    "结案方式",
    "标的金额",
    "各类案件",
    "节点超期统计",
    "繁简分流",
    "七组流转",
    "线索查控人员",
    "案款",
    "收结案趋势",
    "说明",
)
#: pages the whole workbook may take on A4 (make print-check) for a demo court: one a sheet, the node
#: table and 说明 two or three each
PAGE_BUDGET = len(SHEETS) + 4


def page_budget(f: MonthlyFigures) -> int:
    """Pages these figures may take on A4: one a sheet, 结案方式 two (too wide for one page at ≥ 9 pt,
    it prints 本月 and 本年累计 side by side in two slices), the node table at ≥ 25 rows a page,
    说明 three."""
    return len(SHEETS) - 2 + 1 + max(1, -(-len(f.nodes) // 25)) + 3


def _split(rows: list, key=lambda r: r[0]) -> tuple[list, list]:
    """(data rows, the 合计 row(s)): 合计 is written below the filtered range."""
    return [r for r in rows if key(r) != TOTAL], [r for r in rows if key(r) == TOTAL]


def _pairs(f: MonthlyFigures) -> list[tuple[IntakeClosing, IntakeClosing]]:
    return list(zip(f.intake, f.intake_ytd, strict=True))


def _grouped(f: MonthlyFigures, n: int, first: str = "") -> list[tuple[str, int]]:
    return [(first, 1), (f"本月（{f.month.title}）", n), (f"本年累计（{f.ytd.title}）", n)]


def write_workbook(f: MonthlyFigures, path: str | Path) -> Path:
    wb = new_workbook()
    wb.properties.title = f"{f.court} {f.month.title} 执行工作统计"
    wb.properties.creator = f.produced_by
    head = f"{f.court} {f.month.title}"
    when = (
        f"本月 {f.month.start:%Y-%m-%d} 至 {f.month.end:%Y-%m-%d}；本年累计 {f.ytd.start:%Y-%m-%d} 至 "
        f"{f.month.end:%Y-%m-%d}；统计日 {f.stat_day:%Y-%m-%d}；制表 {f.produced_at:%Y-%m-%d}"
    )

    def table(name: str, title: str, cols: list[Col], rows: list, **kw):
        data, totals = _split(rows, kw.pop("key", lambda r: r[0]))
        return write_table(
            wb,
            name,
            cols,
            data,
            totals=totals,
            heading=[f"{head} {title}", when],
            print_title=f"{head} {title}",
            footer=f.court,
            **kw,
        )

    counts = ("旧存", "新收", "结案", "未结")
    block = [*[Col(h, "int") for h in counts], Col("结案率", "percent")]
    cols = [Col("部门"), *block, *block]
    rows = [[m.unit, *_counts(m), *_counts(y)] for m, y in _pairs(f)]
    table("收结案统计", "首次执行案件收结案统计", cols, rows, groups=_grouped(f, 5))

    s = f.settings
    rates = [
        ("执行完毕率", lambda r: r.full_rate),
        ("终本率", lambda r: r.zhongben_rate),
        (f"速执{s.fast_days}日内结案率", lambda r: r.fast_rate),
        (f"{s.legal_months}个月法定期限内结案率", lambda r: r.legal_rate),
    ]
    cols = [Col("部门"), *[Col(h, "percent") for h, _ in rates] * 2]
    rows = [[m.unit, *[fn(m) for _, fn in rates], *[fn(y) for _, fn in rates]] for m, y in _pairs(f)]
    table("质效指标", "首次执行案件质效指标", cols, rows, groups=_grouped(f, len(rates)))

    cols = [Col("部门"), *[Col(h, "int") for h in CLOSING_METHODS] * 2]
    rows = [
        [m.unit, *[m.by_method[x] for x in CLOSING_METHODS], *[y.by_method[x] for x in CLOSING_METHODS]]
        for m, y in _pairs(f)
    ]
    table("结案方式", "首次执行案件结案方式", cols, rows, groups=_grouped(f, len(CLOSING_METHODS)))

    cols = [
        Col("部门"),
        *[Col("申请执行标的额", "money"), Col("执行到位金额", "money"), Col("实际执行到位率", "percent")] * 2,
    ]
    rows = [[m.unit, *_amounts(m), *_amounts(y)] for m, y in _pairs(f)]
    table("标的金额", "首次执行案件标的额与执行到位金额", cols, rows, groups=_grouped(f, 3))

    cols = [Col("案件类型"), *block, *block]
    rows = [[t.name, *_counts(t.month), *_counts(t.ytd)] for t in f.types]
    table("各类案件", "各类执行案件收结案统计", cols, rows, groups=_grouped(f, 5))

    cols = [
        Col("节点", width=30, wrap=True),
        Col("部门", width=14, wrap=True),
        Col("本月到期", "int"),
        Col("按期完成", "int"),
        Col("超期完成", "int"),
        Col("仍超期", "int"),
    ]
    table("节点超期统计", "流程节点超期统计", cols, list(f.nodes))

    cols = [Col("部门"), *[Col(h, "int") for h in ("简易", "普通", "特殊", "分流合计", "简转繁", "二次分案")]]
    table("繁简分流", "繁简分流", cols, list(f.triage))

    cols = [
        Col("阶段（组）"),
        Col("收案", "int"),
        Col("本组结案", "int"),
        Col("移出", "int"),
        Col("退回", "int"),
        Col("平均停留天数", "decimal"),
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
    table("七组流转", "案件流转", cols, flow)

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
    ws = table("线索查控人员", "线索查控人员办案情况", cols, members)
    if f.clue_stage is None:
        put(ws, ws.max_row + 1, 1, "本院配置中没有线索查控组（阶段），本表为空。")

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
    table("案款", "案款到账与发放", cols, list(f.payments))

    ws = table(
        "收结案趋势", "近12个月收结案", [Col("月份"), Col("新收", "int"), Col("结案", "int")], list(f.trend)
    )
    _chart(ws, len(f.trend), header_row=3)

    _notes(wb, f, head)
    return save_workbook(wb, path)


def _counts(r: IntakeClosing) -> list:
    return [r.old, r.new, r.closed, r.pending, r.closing_rate]


def _amounts(r: IntakeClosing) -> list:
    return [r.claim_fen, r.recovered_fen, r.recovered_rate]


def _text(size: int, bold: bool = False) -> RichText:
    """Chart text in 宋体 at ``size`` pt (an office suite's default is smaller and varies)."""
    face = DrawingFont(typeface=FONT_NAME)
    props = CharacterProperties(sz=size * 100, b=bold, latin=face, ea=face)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=props), endParaRPr=props)])


def _chart(ws, n: int, header_row: int) -> None:
    """The trend as bars. Every text runs horizontally at ≥ 10 pt: the unit (件) is in the title,
    not in a rotated axis title (small on paper, and unreadable to a text extractor)."""
    bars = BarChart()
    bars.title = "近12个月新收与结案（件）"
    bars.title.tx.rich.p[0].pPr = ParagraphProperties(defRPr=_text(12, bold=True).p[0].pPr.defRPr)
    for axis in (bars.x_axis, bars.y_axis):
        axis.txPr = _text(10)
        axis.delete = False
    bars.legend.txPr = _text(10)
    data = Reference(ws, min_col=2, max_col=3, min_row=header_row, max_row=header_row + n)
    bars.add_data(data, titles_from_data=True)
    bars.set_categories(Reference(ws, min_col=1, min_row=header_row + 1, max_row=header_row + n))
    bars.height, bars.width = 9, 16
    ws.add_chart(bars, f"A{header_row + n + 2}")


def _notes(wb, f: MonthlyFigures, head: str) -> None:
    rows = [
        ("法院", f.court),
        ("统计月份", f"{f.month.title}（{f.month.start:%Y-%m-%d} 至 {f.month.end:%Y-%m-%d}）"),
        ("本年累计", f"{f.ytd.title}（{f.ytd.start:%Y-%m-%d} 至 {f.ytd.end:%Y-%m-%d}）"),
        ("统计日", f"{f.stat_day:%Y-%m-%d}（本月末或制表日，取较早者；用于仍超期、未发放等时点数）"),
        *settings_text(f.settings),
        ("制表时间", f"{f.produced_at:%Y-%m-%d %H:%M:%S}"),
        ("制表人", f.produced_by),
        *definitions(f.settings),
        *([(f"线索查控人员：{h}", d) for h, d in MEMBER_DEFINITIONS] if f.clue_stage else []),
    ]
    write_table(
        wb,
        "说明",
        [Col("项目", width=22, wrap=True), Col("说明", width=66, wrap=True)],
        rows,
        heading=[f"{head} 执行工作统计说明"],
        print_title=f"{head} 执行工作统计说明",
        footer=f.court,
        autofilter=False,
    )


def _ratio(rate) -> float | None:
    return None if rate is None else float(rate)


def default_path(desk: StatsDesk, month: Month) -> Path:
    """``exports/汝阳-2026-10-执行工作统计.xlsx``: the court's short name, the month, the export."""
    return exports_dir() / export_name(desk.profile.court.short_name, month.label, WHAT)


def export_monthly(
    desk: StatsDesk, month: Month, out: str | Path | None = None
) -> tuple[Path, MonthlyFigures]:
    """Compute the month's figures and write the workbook (default :func:`default_path`)."""
    figures = monthly_figures(desk, month)
    return write_workbook(figures, out or default_path(desk, month)), figures

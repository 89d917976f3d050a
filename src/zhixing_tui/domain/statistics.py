"""Figures of the monthly statistics workbook (月度执行工作统计): definitions and computations.

Pure: plain rows in, plain figures out. The service (:mod:`services.stats.monthly`) queries the rows;
the workbook's 说明 sheet prints :func:`definitions`, so each figure is defined once, here.

Where courts define a figure differently, the definition is a profile setting
(``[statistics]`` in the profile TOML, read by :func:`settings_from`):

``rate_base``     执行完毕率、终本率的分母：``closed`` 结案数（默认）| ``active`` 旧存+新收
``amounts_over``  申请执行标的额、执行到位金额统计哪些案件：``closed`` 本月结案案件（默认）| ``received`` 本月新收案件
``fast_days``     速执（快执）结案期限天数，默认 30（汝阳 000 §二、快执 001：30日）
``fast_stages``   哪些阶段算速执（快执），逗号分隔，默认 ``fast``；简易类（triage_class=simple）也算
``legal_months``  法定执行期限月数，默认 6（最高法《关于人民法院办理执行案件若干期限的规定》第一条）

Which unit a case counts under (``unit`` of :class:`CaseRow`) is decided by the service: the unit
that held the case at the end of the month — for a case closed in the month, the unit that
closed it. See :data:`UNIT_RULE`.

Every figure is computed for a :class:`Span` — the month, or the year to the month's end
(:meth:`Month.ytd`, 本年累计) — and separately for 首执 cases (案件类型代字 ``执``) and for each other
type (执恢, 执保, 执异 …), as courts report them. The 速执 and 6-month rates compare the closing day
with a due day counted the way the deadline nodes count it (民事诉讼法 第八十五条, :mod:`.periods`):
the service gives each case its ``fast_due`` and ``legal_due``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..errors import InvalidValue
from .closing import CLOSING_METHODS, EXECUTED_IN_FULL, TERMINATED_THIS_ROUND
from .periods import add_months

__all__ = [
    "DEFAULTS",
    "FIRST",
    "TYPE_NAMES",
    "TOTAL",
    "UNIT_RULE",
    "CaseRow",
    "IntakeClosing",
    "Month",
    "Settings",
    "Span",
    "definitions",
    "intake_closing",
    "month_of",
    "rate",
    "settings_from",
    "trend",
]

TOTAL = "合计"
UNASSIGNED = "未分配"
#: 首次执行案件 (案号类型代字 执): the cases courts report 结案率、终本率、执行完毕率 for
FIRST = "执"
#: 案件类型代字 → the name the statistics print (最高人民法院《关于人民法院案件案号的若干规定》)
TYPE_NAMES: dict[str, str] = {
    "执": "首次执行（执）",
    "执恢": "恢复执行（执恢）",
    "执保": "财产保全执行（执保）",
    "执异": "执行异议（执异）",
    "执复": "执行复议（执复）",
    "执监": "执行监督（执监）",
    "执协": "执行协调（执协）",
    "执他": "其他执行（执他）",
}

UNIT_RULE = (
    "案件计入月末持有该案的部门（组/团队）；本月结案的案件计入办结该案的部门。"
    "案件在月内移转的，旧存也随案计入月末部门，故各部门旧存之和等于合计，但不一定等于上月各部门未结。"
)

DEFAULTS: dict[str, str] = {
    "rate_base": "closed",
    "amounts_over": "closed",
    "fast_days": "30",
    "fast_stages": "fast",
    "legal_months": "6",
}
_CHOICES = {"rate_base": ("closed", "active"), "amounts_over": ("closed", "received")}


@dataclass(frozen=True)
class Settings:
    rate_base: str = "closed"
    amounts_over: str = "closed"
    fast_days: int = 30
    fast_stages: tuple[str, ...] = ("fast",)
    legal_months: int = 6


def settings_from(values: dict[str, str] | None) -> Settings:
    """Read a profile's ``[statistics]`` table; unknown keys or values raise ``InvalidValue``."""
    merged = dict(DEFAULTS)
    for key, value in (values or {}).items():
        if key not in DEFAULTS:
            raise InvalidValue(
                f"统计口径设置无法识别：{key}，可用：{'、'.join(DEFAULTS)}", field="statistics"
            )
        merged[key] = str(value).strip()
    for key, choices in _CHOICES.items():
        if merged[key] not in choices:
            raise InvalidValue(f"统计口径 {key} 应为 {' 或 '.join(choices)}，实为 {merged[key]}", field=key)
    for key in ("fast_days", "legal_months"):
        if not merged[key].isdigit() or int(merged[key]) <= 0:
            raise InvalidValue(f"统计口径 {key} 应为正整数，实为 {merged[key]}", field=key)
    return Settings(
        rate_base=merged["rate_base"],
        amounts_over=merged["amounts_over"],
        fast_days=int(merged["fast_days"]),
        fast_stages=tuple(s.strip() for s in merged["fast_stages"].split(",") if s.strip()),
        legal_months=int(merged["legal_months"]),
    )


@dataclass(frozen=True)
class Span:
    """A run of days the figures are counted over: a month, or a year to a month's end."""

    start: date
    end: date

    @property
    def title(self) -> str:
        if self.start.month == self.end.month:
            return f"{self.end.year}年{self.end.month}月"
        return f"{self.end.year}年{self.start.month}—{self.end.month}月"

    def __contains__(self, d: object) -> bool:
        return isinstance(d, date) and self.start <= d <= self.end


@dataclass(frozen=True)
class Month:
    """A calendar month: first and last day."""

    year: int
    month: int

    @property
    def start(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def end(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def label(self) -> str:
        return f"{self.year}-{self.month:02d}"

    @property
    def title(self) -> str:
        return f"{self.year}年{self.month}月"

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def ytd(self) -> Span:
        """本年累计: 1 January to the month's last day."""
        return Span(date(self.year, 1, 1), self.end)

    def shift(self, months: int) -> Month:
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)

    def __contains__(self, d: object) -> bool:
        return isinstance(d, date) and self.start <= d <= self.end


#: the years a monthly statistic can be asked for (案号 years are 1990–2100 as well)
MONTH_YEAR_MIN, MONTH_YEAR_MAX = 1990, 2100


def month_of(text: str) -> Month:
    """``"2026-03"`` (also ``2026/3``, ``2026年3月``) → :class:`Month`; ``InvalidValue`` otherwise."""
    m = re.fullmatch(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*", text or "")
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise InvalidValue(f"月份格式无法识别：「{text}」，应为 2026-03 的形式", field="月份", value=text)
    year = int(m.group(1))
    if not MONTH_YEAR_MIN <= year <= MONTH_YEAR_MAX:
        raise InvalidValue(
            f"月份的年份超出范围：应在 {MONTH_YEAR_MIN}–{MONTH_YEAR_MAX} 之间，实为 {year}",
            field="月份",
            value=text,
        )
    return Month(year, int(m.group(2)))


def rate(numerator: int, denominator: int) -> float | None:
    """numerator ÷ denominator, or None (shown blank) when the denominator is 0."""
    return numerator / denominator if denominator else None


@dataclass(frozen=True)
class CaseRow:
    """One case as the statistics need it (the service resolves ``unit`` and ``fast``)."""

    case_id: int
    unit: str
    filed_on: date
    closed_on: date | None = None
    closing_method: str | None = None
    claim_fen: int = 0
    recovered_fen: int = 0
    fast: bool = False  # 速执/快执 case
    fast_due: date | None = None  # the 速执 stage node's due day (§85), None: filed + fast_days
    legal_due: date | None = None  # the execution period's last day (its node), None: filed + 6 months
    type_code: str = FIRST


@dataclass
class IntakeClosing:
    """One row of 收结案统计."""

    unit: str
    old: int = 0  # 旧存
    new: int = 0  # 新收
    closed: int = 0  # 结案
    by_method: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CLOSING_METHODS, 0))
    claim_fen: int = 0
    recovered_fen: int = 0
    fast_closed: int = 0
    fast_in_time: int = 0
    legal_in_time: int = 0
    rate_base: str = "closed"

    @property
    def pending(self) -> int:  # 未结
        return self.old + self.new - self.closed

    @property
    def closing_rate(self) -> float | None:  # 结案率
        return rate(self.closed, self.old + self.new)

    def _base(self) -> int:
        return self.closed if self.rate_base == "closed" else self.old + self.new

    @property
    def full_rate(self) -> float | None:  # 执行完毕率
        return rate(self.by_method[EXECUTED_IN_FULL], self._base())

    @property
    def zhongben_rate(self) -> float | None:  # 终本率
        return rate(self.by_method[TERMINATED_THIS_ROUND], self._base())

    @property
    def recovered_rate(self) -> float | None:  # 实际执行到位率
        return rate(self.recovered_fen, self.claim_fen)

    @property
    def fast_rate(self) -> float | None:  # 速执30日内结案率
        return rate(self.fast_in_time, self.fast_closed)

    @property
    def legal_rate(self) -> float | None:  # 6个月法定期限内结案率
        return rate(self.legal_in_time, self.closed)

    def add(self, c: CaseRow, span: Month | Span, s: Settings) -> None:
        if c.filed_on < span.start and (c.closed_on is None or c.closed_on >= span.start):
            self.old += 1
        elif c.filed_on in span:
            self.new += 1
        else:
            return  # filed after the span, or closed before it: not in its figures
        closed_on = c.closed_on if c.closed_on is not None and c.closed_on in span else None
        if closed_on is not None:
            self.closed += 1
            method = c.closing_method if c.closing_method in self.by_method else "其他"
            self.by_method[method] += 1
            if c.fast:
                self.fast_closed += 1
                if closed_on <= (c.fast_due or c.filed_on + timedelta(days=s.fast_days)):
                    self.fast_in_time += 1
            if closed_on <= (c.legal_due or add_months(c.filed_on, s.legal_months)):
                self.legal_in_time += 1
        if (s.amounts_over == "closed" and closed_on is not None) or (
            s.amounts_over == "received" and c.filed_on in span
        ):
            self.claim_fen += c.claim_fen
            self.recovered_fen += c.recovered_fen

    def merge(self, other: IntakeClosing) -> None:
        for name in (
            "old",
            "new",
            "closed",
            "claim_fen",
            "recovered_fen",
            "fast_closed",
            "fast_in_time",
            "legal_in_time",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for k, v in other.by_method.items():
            self.by_method[k] += v


def intake_closing(
    rows: Iterable[CaseRow], month: Month | Span, settings: Settings, units: Sequence[str] = ()
) -> list[IntakeClosing]:
    """收结案统计 over ``month`` (or any span): one row per unit (``units`` first, in order, even
    when empty), then 合计. Pure reference of the service's SQL aggregation."""
    out: dict[str, IntakeClosing] = {u: IntakeClosing(u, rate_base=settings.rate_base) for u in units}
    for c in rows:
        row = out.get(c.unit)
        if row is None:
            row = out[c.unit] = IntakeClosing(c.unit, rate_base=settings.rate_base)
        row.add(c, month, settings)
    total = IntakeClosing(TOTAL, rate_base=settings.rate_base)
    for row in out.values():
        total.merge(row)
    return [*out.values(), total]


def trend(
    filed: Iterable[date], closed: Iterable[date], last: Month, months: int = 12
) -> list[tuple[str, int, int]]:
    """(YYYY-MM, 新收, 结案) for the ``months`` months ending with ``last``, oldest first."""
    span = [last.shift(-i) for i in range(months - 1, -1, -1)]
    new = dict.fromkeys((m.label for m in span), 0)
    done = dict.fromkeys(new, 0)
    for d in filed:
        key = f"{d.year}-{d.month:02d}"
        if key in new:
            new[key] += 1
    for d in closed:
        key = f"{d.year}-{d.month:02d}"
        if key in done:
            done[key] += 1
    return [(k, new[k], done[k]) for k in new]


def settings_text(s: Settings) -> list[tuple[str, str]]:
    """The court's statistics settings in words (the 说明 sheet prints these, never the keys)."""
    base = "结案数" if s.rate_base == "closed" else "旧存与新收之和"
    amounts = "统计期内结案的案件" if s.amounts_over == "closed" else "统计期内新收的案件"
    return [
        ("执行完毕率、终本率的分母", f"{base}（本院统计口径）。"),
        ("标的额、到位金额统计的案件", f"{amounts}（本院统计口径）。"),
        ("速执（快执）结案期限", f"{s.fast_days}日（本院统计口径）。"),
        ("法定执行期限", f"{s.legal_months}个月（本院统计口径）。"),
    ]


_DAYS_RULE = (
    "期间按《中华人民共和国民事诉讼法》第八十五条计算：立案（到账）当日不计入，从次日起算；"
    "期间届满的最后一日是法定休假日的，以休假日后的第一个工作日为届满日（与流程节点的期限计算相同）。"
)


def definitions(s: Settings) -> list[tuple[str, str]]:
    """(figure, definition) for every figure of the workbook, in plain Chinese, as 说明 prints them."""
    base = "结案数" if s.rate_base == "closed" else "（旧存＋新收）"
    amounts = "统计期内结案的案件" if s.amounts_over == "closed" else "统计期内新收的案件"
    methods = "、".join(CLOSING_METHODS)
    return [
        ("统计部门", UNIT_RULE),
        (
            "首执与各类案件",
            "“首执”指案号类型代字为“执”的首次执行案件，结案率、执行完毕率、终本率等质效指标按首执案件统计；"
            "恢复执行（执恢）、财产保全执行（执保）、执行异议（执异）、执行复议（执复）等其他类型在“各类案件”表中分列，"
            "不计入首执指标。",
        ),
        (
            "本月与本年累计",
            "“本月”为统计月份1日至月末；“本年累计”为当年1月1日至统计月份月末，按同一口径计算。",
        ),
        ("旧存", "立案日期在统计期第一天之前，且在统计期第一天之前尚未结案的案件数。"),
        ("新收", "立案日期在统计期内的案件数。"),
        ("结案", "结案日期在统计期内的案件数。"),
        ("结案方式各列", f"统计期内结案的案件按结案方式分列：{methods}；未填或不在其中的计入“其他”。"),
        ("未结", "旧存＋新收－结案。"),
        ("结案率", "结案 ÷（旧存＋新收）。分母为0时留空。"),
        ("执行完毕率", f"以执行完毕方式结案的案件数 ÷ {base}。"),
        ("终本率", f"以终结本次执行程序方式结案的案件数 ÷ {base}。"),
        ("申请执行标的额", f"{amounts}的申请执行标的额之和（元）。"),
        ("执行到位金额", f"{amounts}的执行到位金额之和（元）。"),
        ("实际执行到位率", "执行到位金额 ÷ 申请执行标的额。"),
        (
            f"速执（快执）{s.fast_days}日内结案率",
            "统计期内结案的速执（快执）案件中，在速执期限届满之日以前结案的比例。速执期限届满日取该案速执阶段流程节点"
            f"（如“速执案件{s.fast_days}天内执结”）的到期日，自案件进入速执（快执）阶段起算；没有该节点的"
            f"（繁简分流为简易类但未进入速执阶段的案件）按立案后{s.fast_days}日计。{_DAYS_RULE}"
            "速执（快执）案件：曾进入速执（快执）阶段或繁简分流为简易类的案件。",
        ),
        (
            f"{s.legal_months}个月法定期限内结案率",
            f"统计期内结案的案件中，在执行期限届满之日以前结案的比例。执行期限届满日取该案“法定执行期限”流程节点的"
            f"到期日：立案后{s.legal_months}个月，公告、鉴定、评估、拍卖、中止、暂缓的期间不计入，经院长批准延长的加上延长期限；"
            f"没有该节点的案件按立案后{s.legal_months}个月计。{_DAYS_RULE}"
            "依据：最高人民法院《关于人民法院办理执行案件若干期限的规定》第一条。",
        ),
        (
            "节点：部门",
            "节点计入对其负责的部门：节点规定了负责部门的，计入该部门；由承办人办理的节点随案件，"
            "计入统计日持有该案的部门（已结案的计入办结该案的部门）。",
        ),
        ("节点：本月到期", "到期日在本月内的流程节点数（按节点与负责部门分列）。"),
        ("节点：按期完成", "本月到期、且完成日期不晚于到期日的节点数。"),
        ("节点：超期完成", "本月到期、完成日期晚于到期日、在统计日以前完成的节点数。"),
        ("节点：仍超期", "本月到期、截至统计日（本月末或制表日，取较早者）仍未完成、且已过到期日的节点数。"),
        (
            "繁简分流",
            "本月作出的分流决定按最终类别（简易、普通、特殊）计数；简转繁为本月经执行局长批准的《简转繁审批表》数"
            "（按批准日期，计入审批表所列团队）；二次分案为本月的二次分案决定数。",
        ),
        ("七组流转：收案", "本月进入该阶段（组）的案件次数。"),
        ("七组流转：本组结案", "本月结案、结案前最后所在阶段为该阶段的案件数。"),
        ("七组流转：移出", "本月离开该阶段转入其他阶段（不含结案）的案件次数。"),
        ("七组流转：退回", "本月指挥监控组退回该阶段提交的流转申请次数。"),
        (
            "七组流转：平均停留天数",
            "本月离开该阶段的案件在该阶段停留天数（离开日期－进入日期）的平均值，保留一位小数；超期限离开为停留天数超过阶段期限天数的次数。",
        ),
        (
            "线索查控人员",
            "监利方案第三组：每名组员本月在办案件（本月内曾由其在线索查控阶段承办）中的结案数率、执行完毕数率、"
            "执行终结数率、移送财产处置组数率；拘留数、罚款数为其在办案件本月决定的措施数；移送拒执打击组数为本月移送次数。",
        ),
        (
            "案款：到账",
            "到账日期在本月内、已认领到案件的案款笔数与金额（未认领的案款不属于任何部门，另见案款报告）。",
        ),
        (
            "案款：7日内发放",
            f"本月到账、在到账后7日期间届满之日以前全部发放（或退回）的笔数及其占本月到账笔数的比例。{_DAYS_RULE}",
        ),
        (
            "案款：认领超20日未发放",
            "截至统计日，认领已超过20日仍未全部发放的笔数与余额（督促发放）；尚未认领的案款不计入。",
        ),
        ("案款：认领超一个月仍有余额", "截至统计日，认领已超过一个月仍有余额的笔数与余额（跟踪管理）。"),
    ]

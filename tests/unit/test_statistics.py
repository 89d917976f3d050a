"""domain.statistics: 收结案 figures against hand-computed numbers; settings; month parsing."""

from __future__ import annotations

from datetime import date as d

import pytest

from zhixing_tui.domain.statistics import (
    CaseRow,
    Month,
    definitions,
    intake_closing,
    month_of,
    settings_from,
    trend,
)
from zhixing_tui.domain.statistics_sheets import (
    NodeRow,
    PaymentRow,
    TriageRow,
    node_overdue,
    payments,
    triage_counts,
)
from zhixing_tui.errors import InvalidValue

MARCH = Month(2026, 3)
ROWS = [
    CaseRow(1, "甲", d(2026, 1, 10)),  # 旧存, open
    CaseRow(2, "甲", d(2026, 2, 1), d(2026, 3, 10), "执行完毕", 100000, 100000),  # 旧存, closed
    CaseRow(
        3, "甲", d(2026, 3, 2), d(2026, 3, 20), "终结本次执行程序", 50000, 0, fast=True
    ),  # 新收, closed, fast 18 days
    CaseRow(4, "乙", d(2026, 3, 5)),  # 新收, open
    CaseRow(5, "乙", d(2025, 8, 1), d(2026, 3, 31), "终结执行", 20000, 5000, fast=True),  # 旧存, closed late
    CaseRow(6, "乙", d(2026, 1, 1), d(2026, 2, 15), "执行完毕"),  # closed before March: not counted
    CaseRow(7, "乙", d(2026, 4, 1)),  # filed after March: not counted
    CaseRow(8, "乙", d(2026, 2, 10), d(2026, 3, 15), None),  # 旧存, closed, method unknown → 其他
]


def test_intake_closing_by_unit_and_total():
    s = settings_from({})
    a, b, total = intake_closing(ROWS, MARCH, s, ["甲", "乙"])
    assert (a.unit, a.old, a.new, a.closed, a.pending) == ("甲", 2, 1, 2, 1)
    assert a.by_method["执行完毕"] == 1 and a.by_method["终结本次执行程序"] == 1
    assert a.closing_rate == pytest.approx(2 / 3)
    assert (a.full_rate, a.zhongben_rate) == (0.5, 0.5)
    assert (a.claim_fen, a.recovered_fen) == (150000, 100000)
    assert a.recovered_rate == pytest.approx(2 / 3)
    assert (a.fast_closed, a.fast_in_time, a.fast_rate) == (1, 1, 1.0)
    assert (a.legal_in_time, a.legal_rate) == (2, 1.0)

    assert (b.old, b.new, b.closed, b.pending) == (2, 1, 2, 1)
    assert b.by_method == {
        "执行完毕": 0,
        "终结本次执行程序": 0,
        "终结执行": 1,
        "不予执行": 0,
        "驳回申请": 0,
        "销案": 0,
        "其他": 1,
    }
    assert (b.full_rate, b.zhongben_rate) == (0.0, 0.0)
    assert (b.fast_closed, b.fast_in_time, b.fast_rate) == (1, 0, 0.0)
    assert (b.legal_in_time, b.legal_rate) == (1, 0.5)  # case 5: 2025-08-01 + 6 months = 2026-02-01 < 03-31

    assert (total.unit, total.old, total.new, total.closed, total.pending) == ("合计", 4, 2, 4, 2)
    assert total.closing_rate == pytest.approx(4 / 6)
    assert (total.claim_fen, total.recovered_fen) == (170000, 105000)
    assert total.legal_rate == 0.75


def test_empty_units_show_zeros_and_blank_rates():
    (empty, total) = intake_closing([], MARCH, settings_from({}), ["丙"])
    assert (empty.unit, empty.old, empty.new, empty.closed, empty.closing_rate, empty.fast_rate) == (
        "丙",
        0,
        0,
        0,
        None,
        None,
    )
    assert total.closing_rate is None


def test_profile_settings_change_the_definitions():
    s = settings_from({"rate_base": "active", "amounts_over": "received", "fast_days": "15"})
    a = intake_closing(ROWS, MARCH, s)[0]
    assert a.full_rate == pytest.approx(1 / 3)  # 执行完毕 ÷ (旧存 + 新收)
    assert a.claim_fen == 50000  # only case 3 was received in March
    assert a.fast_in_time == 0  # 18 days > 15
    texts = dict(definitions(s))
    assert texts["执行完毕率"] == "以执行完毕方式结案的案件数 ÷ （旧存＋新收）。"
    assert "速执（快执）15日内结案率" in texts


def test_the_legal_period_ends_on_the_execution_period_nodes_due_day():
    """The node's due day (pauses and extensions counted in) decides, not filed + 6 months."""
    late = CaseRow(9, "甲", d(2025, 8, 1), d(2026, 3, 31), "执行完毕")
    paused = CaseRow(9, "甲", d(2025, 8, 1), d(2026, 3, 31), "执行完毕", legal_due=d(2026, 4, 1))
    assert intake_closing([late], MARCH, settings_from({}))[0].legal_in_time == 0
    assert intake_closing([paused], MARCH, settings_from({}))[0].legal_in_time == 1


def test_fast_rate_counts_to_the_due_day_the_node_rule_gives():
    """Filed 2026-09-04: 30 calendar days end on 10-04, in the National Day holiday; §85 moves the
    last day to 10-09 (the first working day after it). Closed 10-08: late by calendar days (34 > 30),
    in time as the nodes count."""
    from zhixing_tui.domain.calendar import default_calendar
    from zhixing_tui.domain.periods import compute_due

    due = compute_due(d(2026, 9, 4), "30日", default_calendar()).due_on
    assert due > d(2026, 10, 4) and (d(2026, 10, 8) - d(2026, 9, 4)).days > 30
    row = CaseRow(10, "甲", d(2026, 9, 4), d(2026, 10, 8), "执行完毕", fast=True, fast_due=due)
    f = intake_closing([row], Month(2026, 10), settings_from({}))[0]
    assert (f.fast_closed, f.fast_in_time) == (1, 1)
    calendar_only = CaseRow(10, "甲", d(2026, 9, 4), d(2026, 10, 8), "执行完毕", fast=True)
    assert intake_closing([calendar_only], Month(2026, 10), settings_from({}))[0].fast_in_time == 0


def test_year_to_date_span_counts_from_january():
    ytd = MARCH.ytd
    assert (ytd.start, ytd.end, ytd.title) == (d(2026, 1, 1), d(2026, 3, 31), "2026年1—3月")
    rows = {r.unit: r for r in intake_closing(ROWS, ytd, settings_from({}))}
    # filed before 2026: case 5 only; filed Jan–Mar: 1, 2, 3, 4, 6, 8; closed Jan–Mar: 2, 3, 5, 6, 8
    assert (rows["合计"].old, rows["合计"].new, rows["合计"].closed) == (1, 6, 5)


def test_bad_settings_are_refused():
    with pytest.raises(InvalidValue, match="统计口径设置无法识别：colour"):
        settings_from({"colour": "red"})
    with pytest.raises(InvalidValue, match="rate_base 应为 closed 或 active"):
        settings_from({"rate_base": "all"})
    with pytest.raises(InvalidValue, match="fast_days 应为正整数"):
        settings_from({"fast_days": "0"})


def test_month_of():
    assert month_of("2026-03") == Month(2026, 3)
    assert month_of("2026年3月") == Month(2026, 3)
    assert (month_of("2026/12").start, month_of("2026/12").end) == (d(2026, 12, 1), d(2026, 12, 31))
    assert month_of("2026-02").end == d(2026, 2, 28)
    assert Month(2026, 1).shift(-1) == Month(2025, 12)
    with pytest.raises(InvalidValue, match="月份格式无法识别"):
        month_of("2026-13")


def test_trend_covers_twelve_months_oldest_first():
    series = trend([d(2026, 3, 1), d(2026, 3, 9), d(2025, 4, 1), d(2025, 3, 31)], [d(2026, 2, 2)], MARCH)
    assert len(series) == 12
    assert series[0] == ("2025-04", 1, 0)
    assert series[-1] == ("2026-03", 2, 0)
    assert series[-2] == ("2026-02", 0, 1)


def test_node_overdue_counts():
    nodes = [
        NodeRow("送达", "甲", d(2026, 3, 5), d(2026, 3, 5)),  # on time
        NodeRow("送达", "甲", d(2026, 3, 5), d(2026, 3, 8)),  # late
        NodeRow("送达", "甲", d(2026, 3, 6), None),  # still overdue
        NodeRow("送达", "甲", d(2026, 3, 30), None),  # not yet due on the 20th
        NodeRow("送达", "甲", d(2026, 4, 1), None),  # not in March
    ]
    assert node_overdue(nodes, MARCH, d(2026, 3, 20)) == [
        ("送达", "甲", 4, 1, 1, 1),
        ("合计", "", 4, 1, 1, 1),
    ]


def test_triage_counts():
    rows = [
        TriageRow("速执", "initial", "simple"),
        TriageRow("普执", "initial", "ordinary"),
        TriageRow("普执", "simple_to_complex", "ordinary"),
        TriageRow("普执", "reassign", "ordinary"),
    ]
    assert triage_counts(rows, ["速执", "普执"]) == [
        ("速执", 1, 0, 0, 1, 0, 0),
        ("普执", 0, 1, 0, 1, 1, 1),
        ("合计", 1, 1, 0, 2, 1, 1),
    ]


def test_triage_counts_of_grouped_rows_equal_the_rows_one_by_one():
    """The database counts decisions alike together (``n``): the table is the one of the rows."""
    one_by_one = [TriageRow("普执", "initial", "ordinary")] * 3 + [
        TriageRow("速执", "reassign", "simple")
    ] * 2
    grouped = [TriageRow("普执", "initial", "ordinary", 3), TriageRow("速执", "reassign", "simple", 2)]
    assert triage_counts(grouped, ["速执"]) == triage_counts(one_by_one, ["速执"])
    assert triage_counts(grouped)[-1] == ("合计", 0, 3, 0, 3, 0, 2)


def test_payments_timeliness():
    """7日 from 到账; the 20-day urge and one-month tracking from 认领, on the balance left."""
    rows = [
        PaymentRow("甲", d(2026, 3, 2), 1000, d(2026, 3, 9), d(2026, 3, 2)),  # paid in 7 days
        PaymentRow("甲", d(2026, 3, 2), 2000, d(2026, 3, 12), d(2026, 3, 3)),  # paid late
        # claimed 03-10: 21 days at 03-31 (> 20), not a month; 1500 of 4000 already paid out
        PaymentRow("甲", d(2026, 3, 3), 4000, None, d(2026, 3, 10), 1500),
        # arrived 03-03 but claimed only 03-20: 11 days since 认领 — neither, though 28 days since 到账
        PaymentRow("甲", d(2026, 3, 3), 500, None, d(2026, 3, 20)),
        PaymentRow("甲", d(2026, 3, 5), 300, None, None),  # never claimed: in neither
        PaymentRow("甲", d(2026, 2, 20), 8000, None, d(2026, 2, 21)),  # claimed in February: both
    ]
    (a, total) = payments(rows, MARCH, d(2026, 4, 15))
    assert a == ["甲", 5, 7800, 1, pytest.approx(1 / 5), 2, 10500, 1, 8000]
    assert total[0] == "合计" and total[1:4] == [5, 7800, 1]

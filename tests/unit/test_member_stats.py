"""线索查控 per-member monthly figures over plain rows (监利 004 第三组 2)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from zhixing_tui.domain.member_stats import DEFINITIONS, Holding, MeasureRow, member_figures, rate_text

NOV, DEC = date(2026, 11, 1), date(2026, 12, 1)
KW = {
    "disposal_stage": "disposal",
    "refusal_stage": "refusal",
    "closing_stages": frozenset({"closed", "closing_review"}),
}


def figures(holdings, measures=()):
    return {
        f.member: f for f in member_figures(["李剑", "胡红平", "高健"], holdings, measures, NOV, DEC, **KW)
    }


def test_counts_and_rates():
    h = [
        Holding("李剑", 1, date(2026, 10, 5), date(2026, 11, 3), "closing_review", "执行完毕"),
        Holding("李剑", 2, date(2026, 11, 2), date(2026, 11, 20), "closed", "终结执行"),
        Holding("李剑", 3, date(2026, 11, 4), date(2026, 11, 25), "disposal"),
        Holding("李剑", 4, date(2026, 11, 6), None, None),
        Holding("胡红平", 5, date(2026, 9, 1), date(2026, 11, 10), "refusal"),
        Holding("胡红平", 6, date(2026, 9, 1), date(2026, 10, 30), "refusal"),  # left before the month
        Holding("胡红平", 7, date(2026, 12, 1), None, None),  # arrived after the month
        Holding("龚文杰", 8, date(2026, 11, 1), None, None),  # not a listed member
    ]
    m = [
        MeasureRow(5, "detention", date(2026, 11, 8)),
        MeasureRow(5, "fine", date(2026, 11, 8)),
        MeasureRow(4, "fine", date(2026, 11, 30)),
        MeasureRow(4, "detention", date(2026, 12, 1)),  # next month
        MeasureRow(6, "detention", date(2026, 11, 2)),  # case no longer with 胡红平
        MeasureRow(4, "consumption_ban", date(2026, 11, 9)),
    ]
    f = figures(h, m)
    li = f["李剑"]
    assert (li.handled, li.closed, li.executed, li.terminated, li.to_disposal, li.to_refusal) == (
        4,
        2,
        1,
        1,
        1,
        0,
    )
    assert (li.detentions, li.fines) == (0, 1)
    assert li.closed_rate == Fraction(1, 2) and li.disposal_rate == Fraction(1, 4)
    assert li.row() == [4, 2, "50.00%", 1, "25.00%", 1, "25.00%", 1, "25.00%", 0, 1, 0]
    hu = f["胡红平"]
    assert (hu.handled, hu.to_refusal, hu.detentions, hu.fines, hu.closed) == (1, 1, 1, 1, 0)
    gao = f["高健"]
    assert gao.handled == 0 and gao.closed_rate is None and gao.row()[2] == "—"
    assert list(f) == ["李剑", "胡红平", "高健"]


def test_rate_text_rounds_half_up():
    assert rate_text(Fraction(1, 3)) == "33.33%"
    assert rate_text(Fraction(2, 3)) == "66.67%"
    assert rate_text(Fraction(1, 8)) == "12.50%"
    assert rate_text(Fraction(1, 1)) == "100.00%"
    assert rate_text(None) == "—"


def test_definitions_name_the_seed_figures():
    heads = [h for h, _ in DEFINITIONS]
    for name in [
        "结案数率",
        "执行完毕数率",
        "执行终结数率",
        "移送财产处置组数率",
        "拘留数",
        "罚款数",
        "移送拒执打击组数",
    ]:
        assert name in heads
    assert len(heads) == len(figures([])["李剑"].row())

"""Read-side queries: case search (案号 fragments, names, pinyin), detail, timeline, summary, staff."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.search_fixtures import AS_OF, add_sample_cases, add_work, close_one
from zhixing_tui.domain.pinyin import initials, search_key
from zhixing_tui.errors import NotFound
from zhixing_tui.services.cases import search as search_module
from zhixing_tui.services.cases.detail import case_detail, case_timeline
from zhixing_tui.services.cases.home import home_summary
from zhixing_tui.services.cases.search import (
    SearchStopped,
    case_no_form,
    find_staff,
    query_terms,
    search_cases,
)


@pytest.fixture
def sample(desk):
    return desk, add_sample_cases(desk)


def nos(page) -> list[str]:
    return [r.case_no for r in page.items]


def test_query_terms_fold_width_and_case():
    assert query_terms(" （２０２６）豫0326执１２  ZS ") == ["(2026)豫0326执12", "zs"]
    assert case_no_form("(2026)豫0326执12") == "（2026）豫0326执12"
    assert case_no_form("〔2026〕") == "（2026）"
    assert query_terms("") == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "(2026)豫0326执12",
            [
                "（2026）豫0326执1205号",
                "（2026）豫0326执121号",
                "（2026）豫0326执120号",
                "（2026）豫0326执12号",
            ],
        ),
        ("（２０２６）豫0326执12号", ["（2026）豫0326执12号"]),
        ("2025)豫0326执99", ["（2025）豫0326执99号"]),
        ("执1205", ["（2026）豫0326执1205号"]),
        ("zs", ["（2026）豫0326执12号", "（2025）豫0326执99号"]),  # 张三丰, 张思
        ("ZSF", ["（2026）豫0326执12号"]),
        ("zhangsan", ["（2026）豫0326执12号"]),  # 张三丰, not 张思
        ("sf", []),  # pinyin matches from the start of a name: not the middle of zsf
        ("sanfeng", []),
        ("sxx", ["（2026）豫0326执121号"]),  # 单雄信 read shan
        ("zengguofan", ["（2026）豫0326执1205号"]),
        ("王五", ["（2026）豫0326执120号"]),
        ("llx", ["（2026）豫0326执120号"]),  # the applicant 李林霞
        ("农村商业银行", ["（2026）豫0326执12号"]),
        ("执12 zs", ["（2026）豫0326执12号"]),  # every term must match
        ("无此人", []),
        ("%", []),  # LIKE wildcards are literal
        ("_", []),
    ],
)
def test_search_cases_matches(sample, query, expected):
    desk, _ = sample
    page = search_cases(desk, query)
    assert nos(page) == expected
    assert page.total == len(expected)


def test_search_row_content(sample):
    desk, ids = sample
    (row,) = search_cases(desk, "sxx").items
    assert row.id == ids["（2026）豫0326执121号"]
    assert (row.applicant, row.respondent) == ("赵六", "单雄信")
    assert row.claim_fen == 880_000
    assert (row.stage, row.stage_name) == ("receive", "收案登记")
    assert row.unit_name == "速执团队"
    assert row.handler_name is None
    assert row.status == "open"
    assert row.filed_on == date(2026, 3, 3)


def test_search_pages_in_sql(sample):
    desk, _ = sample
    first = search_cases(desk, "", limit=2, offset=0)
    second = search_cases(desk, "", limit=2, offset=2)
    last = search_cases(desk, "", limit=2, offset=4)
    assert first.total == second.total == last.total == 5
    assert nos(first) == ["（2026）豫0326执1205号", "（2026）豫0326执121号"]
    assert nos(second) == ["（2026）豫0326执120号", "（2026）豫0326执12号"]
    assert nos(last) == ["（2025）豫0326执99号"]
    assert (first.has_prev, first.has_next, first.page_no, first.page_count) == (False, True, 1, 3)
    assert (last.has_prev, last.has_next, last.page_no) == (True, False, 3)
    assert len(search_cases(desk, "", limit=10_000).items) == 5  # limit is clamped, not refused


def test_a_replaced_search_stops_before_counting(sample):
    """A newer query replaced this one (``stop`` true): no second pass to count the cases."""
    desk, _ = sample
    asked = []

    def stop() -> bool:
        asked.append(1)
        return True

    with pytest.raises(SearchStopped):
        search_cases(desk, "", limit=2, stop=stop)  # a full first page would be counted next
    assert asked
    assert search_cases(desk, "", limit=2).total == 5  # the next search is not affected


@pytest.mark.sqlite_only
def test_a_replaced_search_stops_its_running_scan_on_sqlite(sample, monkeypatch):
    """SQLite asks ``stop`` while a statement runs and interrupts it; the connection goes back
    to the pool without the handler (the next search runs to its end)."""
    desk, _ = sample
    monkeypatch.setattr(search_module, "_STOP_CHECK_STEPS", 1)
    with pytest.raises(SearchStopped) as stopped:
        search_cases(desk, "执", limit=2, stop=lambda: True)
    assert "interrupted" in str(stopped.value.__cause__)
    assert search_cases(desk, "执", limit=2).total == 5


def test_case_detail_and_timeline(sample):
    desk, ids = sample
    case_id = ids["（2026）豫0326执12号"]
    add_work(desk, case_id)
    d = case_detail(desk, case_id)
    assert d.case_no == "（2026）豫0326执12号"
    assert [p.name for p in d.applicants] == ["河南汝阳农村商业银行股份有限公司"]
    assert [p.kind for p in d.applicants] == ["company"]
    assert [p.name for p in d.respondents] == ["张三丰"]
    assert (d.claim_fen, d.recovered_fen) == (1_234_567, 0)
    assert (d.stage_name, d.unit_name, d.status) == ("收案登记", "财产查控组（财产保全组）", "open")
    assert (d.cause, d.basis) == ("民间借贷纠纷", "（2025）豫0326民初100号民事判决书")
    assert d.timeline_total == 6  # 立案登记 and its 3 node entries, add_work's 2

    t = case_timeline(desk, case_id)
    assert t.total == 6
    # the node entries carry the moment of their event (filed 2026-01-12, 09:00), add_work's are
    # back-dated to 11-13/11-14, and the 立案登记 entry itself is written now
    assert [(r.operator, r.summary.split("；")[0]) for r in t.items] == [
        ("测试员", "立案"),
        ("测试员", "收案登记"),
        ("测试员", "进入阶段（收案登记）"),
        ("李书记员", "初次接待：申请人到窗口谈话"),
        ("王组长", "移送网络查控组"),
        ("测试员", "立案登记"),
    ]
    assert [r.at for r in t.items[:3]] == [datetime(2026, 1, 12, 9)] * 3
    assert [r.at for r in t.items] == sorted(r.at for r in t.items)  # oldest first
    assert [r.summary for r in case_timeline(desk, case_id, limit=1, offset=4).items] == ["移送网络查控组"]


def test_case_detail_unknown(desk):
    with pytest.raises(NotFound, match="没有编号为 999 的案件"):
        case_detail(desk, 999)


def test_home_summary_counts(sample):
    desk, ids = sample
    add_work(desk, ids["（2026）豫0326执12号"])
    close_one(desk, ids["（2025）豫0326执99号"])
    s = home_summary(desk, AS_OF)
    assert s.today == AS_OF
    assert s.open_total == 4
    assert [(r.key, r.label, r.count) for r in s.by_stage] == [("receive", "收案登记", 4)]
    assert [(r.label, r.count) for r in s.by_unit] == [
        ("财产查控组（财产保全组）", 2),
        ("速执团队", 1),
        ("普执一团队", 1),
    ]
    # add_work's nodes (1 due today, 2 overdue, 1 approaching), and what registering started on the
    # 4 open samples, all long past due: 4 center nodes + 收案登记 (当日) each, and the execution
    # period of the three filed before 2026-05-23; the closed sample's nodes are completed
    assert (s.nodes.due_today, s.nodes.overdue, s.nodes.approaching) == (1, 2 + 4 * 5 + 3, 1)
    assert (s.handoffs_submitted, s.approvals_pending, s.awaiting_approval) == (1, 1, 2)


def test_home_summary_empty(desk):
    s = home_summary(desk)
    assert s.today == desk.today()
    assert (s.open_total, s.by_stage, s.by_unit) == (0, (), ())
    assert (s.nodes.due_today, s.nodes.overdue, s.nodes.approaching, s.awaiting_approval) == (0, 0, 0, 0)


def test_find_staff_by_name_and_initials(desk):
    everyone = find_staff(desk)
    assert everyone, "the roster of an initialised court is not empty"
    person = everyone[len(everyone) // 2]
    short = initials(person.name)
    by_initials = find_staff(desk, short.upper())
    assert person.id in [r.id for r in by_initials]
    assert all(any(word.startswith(short) for word in search_key(r.name).split()) for r in by_initials)
    assert [r.id for r in find_staff(desk, person.name)] == [r.id for r in everyone if person.name in r.name]
    assert find_staff(desk, "无此人员") == []


def test_a_pasted_100000_character_search_is_capped_not_an_error(demo_desk):
    from zhixing_tui.services.cases.search import SEARCH_MAX_CHARS, query_terms

    huge = "张%_" * 33_334
    assert len(query_terms(huge)[0]) == SEARCH_MAX_CHARS
    assert search_cases(demo_desk, huge).total == 0  # SQLite: no "LIKE or GLOB pattern too complex"
    assert len(query_terms(" ".join("abcdefghijkl"))) == 8

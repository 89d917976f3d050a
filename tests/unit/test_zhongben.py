"""The 终本 conditions, pure (domain.zhongben): each national condition met / missing / its exception,
the court items by evidence kind, the 局长's waiver and the refusal message."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pytest

from zhixing_tui.domain import zhongben as zb
from zhixing_tui.domain.zhongben import CaseRecord, DocumentFact, MeasureFact, QueryFact, Statements

FILED = date(2026, 3, 2)
CLOSING = date(2026, 11, 20)
OFFLINE = (("real_estate", "房产"), ("vehicle", "车辆"))


def full() -> CaseRecord:
    """A record on which every national condition is met."""
    return CaseRecord(
        filed_on=FILED,
        closing_on=CLOSING,
        measures=(
            MeasureFact("consumption_ban", "active", date(2026, 3, 2), "（2026）豫0326执123号之一"),
            MeasureFact("dishonest", "active", date(2026, 4, 1), "（2026）豫0326执123号之二"),
            MeasureFact("zhongben_interview", "done", date(2026, 11, 18)),
        ),
        documents=(
            DocumentFact("notice", "served", date(2026, 3, 3), date(2026, 3, 5)),
            DocumentFact("property_order", "made", date(2026, 3, 3)),
        ),
        queries=(
            QueryFact("national", "deposit", "feedback", date(2026, 9, 1), date(2026, 9, 2), "银行存款"),
            QueryFact("offline", "real_estate", "feedback", date(2026, 4, 1), date(2026, 4, 2), "房产"),
            QueryFact("offline", "vehicle", "feedback", date(2026, 4, 1), date(2026, 4, 2), "车辆"),
        ),
        offline_required=OFFLINE,
    )


def by_id(rec: CaseRecord, items=(), **kw) -> dict[str, zb.Condition]:
    return {c.id: c for c in zb.check(rec, items, **kw)}


def test_all_national_conditions_met_with_their_evidence_and_citations():
    got = by_id(full())
    assert list(got) == list(zb.NATIONAL_IDS)
    assert all(c.met for c in got.values()), [c for c in got.values() if not c.met]
    assert (
        got["national.2.consumption_ban"].evidence
        == "限制消费令 2026-03-02 （2026）豫0326执123号之一（执行措施）"
    )
    assert got["national.1.notice"].evidence == "执行通知书 已送达 2026-03-05（文书）"
    assert got["national.1.property_order"].evidence == "报告财产令 已制作 2026-03-03（文书）"
    assert got["national.3.network_query"].evidence == "“总对总”查询 2026-09-01（查控清单）"
    assert got["national.1.notice"].citation == f"{zb.ARTICLE_1}第（一）项"
    assert got["national.4.three_months"].citation.endswith("第一条第（四）项")
    assert got["national.5th_article.interview"].citation == zb.ARTICLE_5
    assert "法〔2016〕373号" in zb.ARTICLE_1
    assert zb.missing(got.values()) == []


def test_notice_and_property_order_missing_when_not_made():
    rec = replace(
        full(), documents=(DocumentFact("notice", "pending"), DocumentFact("property_order", "pending"))
    )
    got = by_id(rec)
    assert (
        not got["national.1.notice"].met and got["national.1.notice"].evidence == "执行通知书未制作（文书）"
    )
    assert not got["national.1.property_order"].met


def test_consumption_ban_by_measure_or_document_and_not_when_lifted():
    base = full()
    others = tuple(m for m in base.measures if m.kind != "consumption_ban")
    none = replace(base, measures=others)
    assert not by_id(none)["national.2.consumption_ban"].met
    doc = replace(
        none, documents=(*base.documents, DocumentFact("consumption_ban", "made", date(2026, 3, 4)))
    )
    assert by_id(doc)["national.2.consumption_ban"].evidence == "限制消费令 已制作 2026-03-04（文书）"
    lifted = replace(doc, measures=(*others, MeasureFact("consumption_ban", "lifted", date(2026, 3, 2), "x")))
    c = by_id(lifted)["national.2.consumption_ban"]
    assert not c.met and "已解除" in c.evidence


def test_dishonest_required_unless_the_handler_records_why_not():
    base = full()
    rec = replace(base, measures=tuple(m for m in base.measures if m.kind != "dishonest"))
    c = by_id(rec)["national.2.dishonest"]
    assert not c.met and "未纳入失信被执行人名单" in c.evidence
    shielded = replace(rec, measures=(*rec.measures, MeasureFact("dishonest", "shielded", date(2026, 4, 1))))
    assert not by_id(shielded)["national.2.dishonest"].met
    exempt = replace(rec, statements=Statements(dishonest_exempt_reason="被执行人为未成年人"))
    c = by_id(exempt)["national.2.dishonest"]
    assert c.met and c.evidence == "不符合纳入失信条件：被执行人为未成年人（承办人记录）"


def test_network_query_must_fall_within_three_months_before_closing():
    base = full()
    old = QueryFact("national", "deposit", "feedback", date(2026, 7, 1), date(2026, 7, 2))
    rec = replace(base, queries=(old, *base.queries[1:]))
    c = by_id(rec)["national.3.network_query"]
    assert not c.met and c.evidence == "最近一次“总对总”查询 2026-07-01，早于 2026-08-20（查控清单）"
    edge = replace(rec, queries=(replace(old, started_on=date(2026, 8, 20)), *base.queries[1:]))
    assert by_id(edge)["national.3.network_query"].met
    none = replace(base, queries=base.queries[1:])
    assert by_id(none)["national.3.network_query"].evidence == "未发起“总对总”查询（查控清单）"


def test_offline_query_needs_every_offline_item_of_the_court_checklist():
    base = full()
    rec = replace(base, queries=base.queries[:2])  # 车辆 not queried
    c = by_id(rec)["national.3.offline_query"]
    assert not c.met and c.evidence == "线下查控未完成：车辆（查控清单）"
    started = replace(base, queries=(*base.queries[:2], QueryFact("offline", "vehicle", "started")))
    assert not by_id(started)["national.3.offline_query"].met


def test_three_months_from_filing_and_the_court_waiver_only_with_a_reason_and_a_complete_list():
    early = replace(full(), filed_on=date(2026, 9, 1))
    c = by_id(early)["national.4.three_months"]
    assert not c.met and c.evidence == "立案 2026-09-01，2026-12-01 后方满三个月"
    # the day three months on is not yet "超过三个月"
    assert not by_id(replace(full(), filed_on=date(2026, 8, 20)))["national.4.three_months"].met
    assert by_id(replace(full(), filed_on=date(2026, 8, 19)))["national.4.three_months"].met
    # no waiver without the profile's clause, whatever the handler writes
    reasoned = replace(early, statements=Statements(early_reason="资料齐全，申请执行人同意"))
    assert not by_id(reasoned)["national.4.three_months"].met
    # 监利 004 第六组 3: waived when the court's list is complete and the reason recorded
    item = Item("jianli.query_records", "（二）查控资料", ["material"], None, "004 第六组 3.(二)")
    c = by_id(reasoned, [item], waiver_source="004 第六组 3")["national.4.three_months"]
    assert not c.met and "须本院所列材料齐全" in c.evidence
    ready = replace(reasoned, materials=frozenset({"jianli.query_records"}))
    c = by_id(ready, [item], waiver_source="004 第六组 3")["national.4.three_months"]
    assert c.met and "依 004 第六组 3 不受三个月限制：资料齐全，申请执行人同意" in c.evidence
    assert not by_id(replace(ready, statements=Statements()), [item], waiver_source="004 第六组 3")[
        "national.4.three_months"
    ].met


def test_whereabouts_and_obstruction_apply_only_when_recorded_and_then_need_evidence():
    base = full()
    got = by_id(base)
    assert got["national.5.whereabouts"].met and got["national.5.whereabouts"].evidence.startswith("不适用")
    assert got["national.5.obstruction"].met and got["national.5.obstruction"].evidence.startswith("不适用")
    lost = replace(base, statements=Statements(whereabouts_unknown=True, obstruction=True))
    got = by_id(lost)
    assert not got["national.5.whereabouts"].met and not got["national.5.obstruction"].met
    found = replace(
        lost,
        statements=Statements(
            whereabouts_unknown=True, obstruction=True, search_note="2026-05-06 到户籍地查找"
        ),
        measures=(*base.measures, MeasureFact("detention", "active", date(2026, 6, 1), "（2026）拘1号")),
    )
    got = by_id(found)
    assert got["national.5.whereabouts"].evidence == "下落不明，已查找：2026-05-06 到户籍地查找（承办人记录）"
    assert (
        got["national.5.obstruction"].evidence
        == "妨害执行，已采取 拘留决定 2026-06-01 （2026）拘1号（执行措施）"
    )
    visit = replace(
        lost,
        statements=Statements(whereabouts_unknown=True),
        queries=(*base.queries, QueryFact("offline", "site_visit", "feedback", None, date(2026, 5, 6))),
    )
    assert by_id(visit)["national.5.whereabouts"].evidence == "下落不明，已实地调查 2026-05-06（查控清单）"


def test_interview_of_the_applicant_is_a_zhongben_interview_measure():
    base = full()
    rec = replace(base, measures=tuple(m for m in base.measures if m.kind != "zhongben_interview"))
    c = by_id(rec)["national.5th_article.interview"]
    assert not c.met and c.evidence == "未记录终本约谈（执行措施）"
    later = replace(base, closing_on=date(2026, 11, 17))  # the interview of 11-18 comes after
    assert not by_id(later)["national.5th_article.interview"].met


@dataclass(frozen=True)
class Item:
    id: str
    name: str
    evidence: list[str]
    within: str | None
    source: str


def test_court_items_by_evidence_kind():
    items = [
        Item("c.q", "结案前三个月内“总对总”", ["query:national"], "3个月", "003 §四(二)4(2)"),
        Item("c.o", "传统查控", ["query:offline"], None, "003"),
        Item("c.ban", "限消令", ["measure:consumption_ban", "document:consumption_ban"], None, "003"),
        Item("c.m", "材料", ["material"], None, "004"),
    ]
    got = {c.id: c for c in zb.court_conditions(full(), items)}
    assert [c.scope for c in got.values()] == ["court"] * 4
    assert got["c.q"].met and got["c.o"].met and got["c.ban"].met
    assert got["c.ban"].citation == "003"
    assert not got["c.m"].met and got["c.m"].evidence == "材料未备（终本材料）"
    ticked = replace(full(), materials=frozenset({"c.m"}))
    assert zb.court_conditions(ticked, items)[3].evidence == "已备入卷（终本材料）"


def test_waive_marks_only_unmet_and_refusal_names_each_with_its_citation():
    rec = replace(full(), measures=(), filed_on=date(2026, 10, 1))
    conds = zb.check(rec)
    blocking = zb.missing(conds)
    assert [c.id for c in blocking] == [
        "national.2.consumption_ban",
        "national.2.dishonest",
        "national.4.three_months",
        "national.5th_article.interview",
    ]
    msg = zb.refusal_message(blocking)
    assert msg.startswith(
        "终本条件不具备，不能以终本结案；尚缺：已发出限制消费令（法〔2016〕373号第一条第（二）项）"
    )
    assert "已约谈申请执行人，告知并听取意见（法〔2016〕373号第五条）" in msg
    waived = zb.waive(conds, ["national.2.dishonest", "national.1.notice"])
    assert [c.id for c in waived if c.overridden] == ["national.2.dishonest"]
    assert len(zb.missing(waived)) == 3


@pytest.mark.parametrize(
    "spec", ["measure:consumption_ban", "document:notice", "query:national", "query:offline", "material"]
)
def test_known_evidence_specs(spec):
    assert zb.check_evidence_spec(spec) == spec


@pytest.mark.parametrize("spec", ["measure:限消", "document:x", "query:local", "material:x", "event:closed"])
def test_unknown_evidence_specs_are_refused(spec):
    with pytest.raises(ValueError, match="不认识的终本证据"):
        zb.check_evidence_spec(spec)


def test_profiles_carry_their_courts_lists():
    from zhixing_tui.profiles import load_profile

    shihe = load_profile("shihe").zhongben
    assert [i.id for i in shihe.items] == [
        "shihe.national_query",
        "shihe.offline_query",
        "shihe.interview",
        "shihe.consumption_ban",
    ]
    assert all("003 §四(二)" in i.source for i in shihe.items) and shihe.override == "off"
    jianli = load_profile("jianli").zhongben
    assert [i.source for i in jianli.materials()] == [f"004 第六组 3.({n})" for n in "一二三四五六"]
    assert (jianli.override, jianli.three_month_waiver) == ("court", "004 第六组 3")
    for pid in ("ruyang", "gushi", "kuaizhi"):
        section = load_profile(pid).zhongben
        assert (section.items, section.override, section.three_month_waiver) == ([], "off", "")


def test_profile_section_refuses_national_ids_and_an_unsourced_override():
    from pydantic import ValidationError

    from zhixing_tui.profiles.zhongben_schema import ZhongbenSection

    with pytest.raises(ValidationError, match="national"):
        ZhongbenSection.model_validate(
            {"items": [{"id": "national.x", "name": "x", "evidence": ["material"], "source": "s"}]}
        )
    with pytest.raises(ValidationError, match="override_source"):
        ZhongbenSection.model_validate({"override": "court"})
    with pytest.raises(ValidationError, match="不认识的终本证据"):
        ZhongbenSection.model_validate(
            {"items": [{"id": "a.b", "name": "x", "evidence": ["measure:限消"], "source": "s"}]}
        )


def test_records_dated_after_the_closing_day_do_not_count():
    rec = replace(full(), closing_on=date(2026, 3, 4))
    got = by_id(rec)
    assert got["national.1.notice"].evidence == "执行通知书 已制作 2026-03-03（文书）"  # served on 03-05
    assert not by_id(replace(full(), closing_on=date(2026, 3, 2)))["national.1.notice"].met
    assert got["national.3.offline_query"].evidence == "线下查控未完成：房产、车辆（查控清单）"
    assert not got["national.2.dishonest"].met  # decided 04-01

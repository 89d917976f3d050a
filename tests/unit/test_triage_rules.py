"""The triage engine against each shipped profile: every criterion and exclusion with the seed's
wording, the boundaries (5万元 inclusive, six months after a prior 终本), and the precedence."""

from __future__ import annotations

from datetime import date

import pytest

from zhixing_tui.domain.triage import (
    FACT_KEYS,
    Facts,
    add_months,
    class_code,
    class_name,
    evaluate,
    parse_facts,
)
from zhixing_tui.errors import InvalidValue
from zhixing_tui.profiles import load_profile
from zhixing_tui.profiles.triage_schema import TriageSection

TODAY = date(2026, 11, 23)


def section(name: str) -> TriageSection:
    return load_profile(name).triage


def run(name: str, **facts):
    return evaluate(section(name), parse_facts(facts), today=TODAY)


def ids(reasons) -> list[str]:
    return [r.id for r in reasons]


RUYANG_POOL = ("普执一团队", "普执二团队", "普执三团队")
KUAIZHI_POOL = ("普执一团队", "普执二团队", "普执三团队", "普执四团队", "普执五团队")

# --- facts --------------------------------------------------------------------------------------


def test_parse_facts_reads_every_kind():
    f = parse_facts(
        {
            "claim_amount": "50000.01",
            "money_found": 60000,
            "filed_on": "2026-03-05",
            "prior_zhongben_closed_on": "2025年10月1日",
            "transfer_only": True,
            "objection_raised": False,
            "severe_conflict": None,
        }
    )
    assert f.claim_fen == 5_000_001
    assert f.money_found_fen == 6_000_000
    assert f.filed_on == date(2026, 3, 5)
    assert f.prior_zhongben_closed_on == date(2025, 10, 1)
    assert f.flags == {"transfer_only": True, "objection_raised": False}
    assert f.to_json() == {
        "claim_amount": "50000.01",
        "filed_on": "2026-03-05",
        "money_found": "60000.00",
        "prior_zhongben_closed_on": "2025-10-01",
        "transfer_only": True,
        "objection_raised": False,
    }
    assert parse_facts(f.to_json()) == f


def test_parse_facts_float_money_is_exact():
    assert parse_facts({"claim_amount": 50000.01}).claim_fen == 5_000_001


@pytest.mark.parametrize(
    ("data", "field", "needle"),
    [
        ({"claim": 1}, "claim", "不认识的键：claim"),
        ({"transfer_only": "yes"}, "transfer_only", "transfer_only"),
        ({"transfer_only": 1}, "transfer_only", "应为 true 或 false"),
        ({"claim_amount": "五万"}, "claim_amount（申请执行标的额（元））", "claim_amount"),
        ({"claim_amount": True}, "claim_amount（申请执行标的额（元））", "claim_amount"),
        ({"claim_amount": -1}, "claim_amount（申请执行标的额（元））", "claim_amount"),
        ({"filed_on": "2026-02-30"}, "filed_on（立案日期）", "filed_on"),
        (
            {"prior_zhongben_closed_on": "昨天"},
            "prior_zhongben_closed_on（同一被执行人在本院前案终本结案日期）",
            "prior",
        ),
    ],
)
def test_parse_facts_rejects_naming_the_key(data, field, needle):
    with pytest.raises(InvalidValue) as exc:
        parse_facts(data)
    assert exc.value.field == field
    assert needle in exc.value.message
    assert exc.value.exit_code == 2


def test_parse_facts_needs_an_object():
    with pytest.raises(InvalidValue, match="JSON 对象"):
        parse_facts([1, 2])


def test_fact_keys_are_the_documented_ones():
    assert len(FACT_KEYS) == 26
    assert set(FACT_KEYS) == {
        "claim_amount", "filed_on", "money_found", "behaviour_by_assistance_notice", "transfer_only",
        "performed_or_willing", "settlement_likely", "likely_rejection", "prior_zhongben_closed_on",
        "no_property_found", "property_not_yet_disposable", "property_to_dispose",
        "transfer_of_registered_property", "return_of_property", "criminal_confiscation_unclear",
        "respondent_is_government", "severe_conflict", "whereabouts_unknown", "notice_service_at_trial",
        "no_clues_from_applicant", "objection_raised", "needs_valuation_sale", "large_complex_sensitive",
        "collective_petition_risk", "special_campaign", "criminal_property_penalty",
    }  # fmt: skip


def test_class_codes():
    assert class_code("简易") == "simple"
    assert class_code("特殊") == "special"
    assert class_code("ordinary") == "ordinary"
    assert class_name("simple") == "简易"
    assert class_name(None) is None
    with pytest.raises(InvalidValue):
        class_code("复杂")


def test_add_months_clamps_to_month_end():
    assert add_months(date(2026, 1, 15), 6) == date(2026, 7, 15)
    assert add_months(date(2025, 8, 31), 6) == date(2026, 2, 28)
    assert add_months(date(2026, 9, 30), 6) == date(2027, 3, 30)


# --- 汝阳 (000 §二.4) ------------------------------------------------------------------------------

RUYANG_TEXT = {
    "simple_1": "银行存款、网络资金账户资金等可足额清偿债权的",
    "simple_2": "向有关单位发送协助执行通知书即可以办结的行为执行案件",
    "simple_3": "不动产、机动车过户案件",
    "simple_4": "被执行人已主动履行、愿意主动履行或者双方有较大和解可能的",
    "simple_5": "查控团队初步判断不予受理或驳回申请的",
    "simple_6": "被执行人在本院有执行案件，且上一个被执行案件因暂无财产可供执行终结本次执行程序，"
    "新案件在上一个案件结案后六个月内立案的案件",
    "simple_7": "其他简单易执、易结案件",
}


def test_ruyang_wording_is_the_seeds():
    s = section("ruyang")
    assert {c.id: c.text for c in s.criteria} == RUYANG_TEXT
    assert [c.id for c in s.criteria if c.manual] == ["simple_7"]
    assert s.classes == ["简易", "普通"]


@pytest.mark.parametrize(
    ("facts", "criterion"),
    [
        ({"claim_amount": 80000, "money_found": 80000}, "simple_1"),
        ({"behaviour_by_assistance_notice": True}, "simple_2"),
        ({"transfer_only": True}, "simple_3"),
        ({"performed_or_willing": True}, "simple_4"),
        ({"settlement_likely": True}, "simple_4"),
        ({"likely_rejection": True}, "simple_5"),
        ({"filed_on": "2026-05-01", "prior_zhongben_closed_on": "2026-01-10"}, "simple_6"),
    ],
)
def test_ruyang_each_simple_criterion_routes_to_fast_team(facts, criterion):
    r = run("ruyang", **facts)
    assert r.cls == "简易"
    assert ids(r.matched) == [criterion]
    assert r.matched[0].text == RUYANG_TEXT[criterion]
    assert r.team == "速执团队"
    assert r.pool == ()
    assert r.to_json() == {
        "class": "简易",
        "team": "速执团队",
        "pool": [],
        "matched": [{"id": criterion, "text": RUYANG_TEXT[criterion]}],
        "excluded_by": [],
    }


def test_ruyang_money_short_by_one_fen_is_not_simple():
    r = run("ruyang", claim_amount="80000.00", money_found="79999.99")
    assert r.cls == "普通"
    assert r.matched == ()
    assert r.team is None
    assert r.pool == RUYANG_POOL
    assert "未符合任何标准，按本院配置认定为普通" in r.notes


def test_ruyang_money_without_claim_decides_nothing():
    assert run("ruyang", money_found=1000).matched == ()


def test_ruyang_nothing_known_is_ordinary_draw():
    r = run("ruyang")
    assert r.to_json() == {
        "class": "普通",
        "team": None,
        "pool": list(RUYANG_POOL),
        "matched": [],
        "excluded_by": [],
    }


@pytest.mark.parametrize(
    ("closed", "filed", "inside"),
    [
        ("2026-01-15", "2026-07-15", True),  # exactly six months: the corresponding day is inside
        ("2026-01-15", "2026-07-16", False),  # the day after: outside
        ("2026-01-15", "2026-01-15", True),  # filed the day the earlier case closed
        ("2026-01-15", "2026-01-14", False),  # filed before the closing: not "after"
        ("2025-08-31", "2026-02-28", True),  # no 31 February: the month's last day
        ("2025-08-31", "2026-03-01", False),
    ],
)
def test_six_month_window_after_prior_zhongben(closed, filed, inside):
    for name in ("ruyang", "shihe"):
        r = run(name, prior_zhongben_closed_on=closed, filed_on=filed)
        assert ("simple_6" in ids(r.matched)) is inside, (name, closed, filed)


def test_six_month_window_uses_today_without_filed_on():
    r = run("ruyang", prior_zhongben_closed_on="2026-05-23")
    assert ids(r.matched) == ["simple_6"]
    assert "未提供立案日期，按 2026-11-23 计算前案终本后的期间" in r.notes
    assert run("ruyang", prior_zhongben_closed_on="2026-05-22").matched == ()


def test_ruyang_criminal_property_penalty_beats_simple_and_campaign():
    r = run("ruyang", criminal_property_penalty=True, special_campaign=True, transfer_only=True)
    assert r.cls == "简易"
    assert r.team == "特执团队"
    assert r.pool == ()
    assert r.route_id == "criminal"
    assert any("刑事涉财产刑案件一律由特执团队办理" in n for n in r.notes)
    assert any("「专项活动执行案件由普执三团队办理」亦适用" in n for n in r.notes)


def test_ruyang_campaign_beats_simple():
    r = run("ruyang", special_campaign=True, performed_or_willing=True)
    assert (r.cls, r.team, r.route_id) == ("简易", "普执三团队", "campaign")
    assert ids(r.matched) == ["simple_4"]


def test_ruyang_criminal_alone_goes_to_special_team():
    r = run("ruyang", criminal_property_penalty=True)
    assert r.to_json() == {"class": "普通", "team": "特执团队", "pool": [], "matched": [], "excluded_by": []}


def test_ruyang_several_simple_criteria_all_listed():
    r = run("ruyang", claim_amount=100, money_found=100, transfer_only=True, likely_rejection=True)
    assert ids(r.matched) == ["simple_1", "simple_3", "simple_5"]
    assert r.matched[0].why == "查控到存款及网络资金 100.00 元 ≥ 标的额 100.00 元"


def test_ruyang_has_no_exclusions():
    r = run("ruyang", property_to_dispose=True, objection_raised=True, transfer_only=True)
    assert (r.cls, r.team, r.excluded_by) == ("简易", "速执团队", ())


# --- 001 快执 ---------------------------------------------------------------------------------------

KUAIZHI_TEXT = {
    "simple_1": "银行存款、网络资金账户资金等可足额清偿债权的",
    "simple_2": "向有关单位发送协助执行通知书即可以办结的行为执行案件",
    "simple_3": "不动产、机动车过户案件",
    "simple_4": "被执行人已主动履行、愿意主动履行或者双方有较大和解可能的",
    "simple_5": "经审查后初步判断不予受理或驳回申请的",
    "simple_6": "其他简单易执、易结案件",
}


def test_kuaizhi_wording_is_the_seeds():
    assert {c.id: c.text for c in section("kuaizhi").criteria} == KUAIZHI_TEXT


@pytest.mark.parametrize(
    ("facts", "criterion"),
    [
        ({"claim_amount": 1, "money_found": 2}, "simple_1"),
        ({"behaviour_by_assistance_notice": True}, "simple_2"),
        ({"transfer_only": True}, "simple_3"),
        ({"performed_or_willing": True}, "simple_4"),
        ({"settlement_likely": True}, "simple_4"),
        ({"likely_rejection": True}, "simple_5"),
    ],
)
def test_kuaizhi_each_simple_criterion_goes_to_fast_team(facts, criterion):
    r = run("kuaizhi", **facts)
    assert r.to_json() == {
        "class": "简易",
        "team": "快执团队",
        "pool": [],
        "matched": [{"id": criterion, "text": KUAIZHI_TEXT[criterion]}],
        "excluded_by": [],
    }


def test_kuaizhi_other_cases_draw_over_five_ordinary_teams():
    r = run("kuaizhi", prior_zhongben_closed_on="2026-10-01", filed_on="2026-11-01")  # not a 001 criterion
    assert r.to_json() == {
        "class": "普通",
        "team": None,
        "pool": list(KUAIZHI_POOL),
        "matched": [],
        "excluded_by": [],
    }
    assert any("四个实施团队" in n for n in r.notes)  # the seed's inconsistency is explained


# --- 固始 (002 §二.11) -------------------------------------------------------------------------------

GUSHI_TEXT = {
    "simple_1": "银行存款、网络资金账户资金等可足额清偿债权的",
    "simple_2": "没有查询到可供执行财产，或者有财产但暂时不能处分的",
    "simple_3": "被执行人已主动履行、愿意主动履行或者双方有较大和解可能的",
    "simple_4": "初步判断存在不予受理或驳回申请可能的",
    "simple_5": "其他简单易执易结案件",
    "ordinary_1": "需要处分房产、土地、车辆、股票、股权、证券、机器设备等财产的",
    "ordinary_2": "执行依据中涉及房产、土地使用权、股权(含上市公司股权)等财产过户的",
    "ordinary_3": "涉及返还房产、商铺、机器设备等行为的",
    "ordinary_4": "生效刑事判决涉及扣押物品的处分或退赔判项不明确，情况较为复杂，无法快速处理的",
    "ordinary_5": "被执行人为党政机关的",
    "ordinary_6": "家事纠纷、劳资纠纷、相邻关系纠纷等案件双方对立严重、需要做沟通协调工作的",
    "ordinary_7": "其他不宜识别为简易案件的",
    "special_1": "涉及标的较大、掺杂历史遗留问题较多、执行申请人数较多，案件整体较为复杂、疑难、敏感、影响较大的",
    "special_2": "案件执行过程中容易引起集体上访可能的",
}


def test_gushi_wording_and_counts_are_the_seeds():
    s = section("gushi")
    assert {c.id: c.text for c in s.criteria} == GUSHI_TEXT
    counts = {k: sum(1 for c in s.criteria if c.cls == k) for k in ("简易", "普通", "特殊")}
    assert counts == {"简易": 5, "普通": 7, "特殊": 2}
    assert s.classes == ["简易", "普通", "特殊"]


GUSHI_TEAM = {"简易": "速执团队", "普通": "普执团队", "特殊": "特执团队"}


@pytest.mark.parametrize(
    ("facts", "criterion", "cls"),
    [
        ({"claim_amount": 5, "money_found": 5}, "simple_1", "简易"),
        ({"no_property_found": True}, "simple_2", "简易"),
        ({"property_not_yet_disposable": True}, "simple_2", "简易"),
        ({"performed_or_willing": True}, "simple_3", "简易"),
        ({"settlement_likely": True}, "simple_3", "简易"),
        ({"likely_rejection": True}, "simple_4", "简易"),
        ({"property_to_dispose": True}, "ordinary_1", "普通"),
        ({"transfer_of_registered_property": True}, "ordinary_2", "普通"),
        ({"return_of_property": True}, "ordinary_3", "普通"),
        ({"criminal_confiscation_unclear": True}, "ordinary_4", "普通"),
        ({"respondent_is_government": True}, "ordinary_5", "普通"),
        ({"severe_conflict": True}, "ordinary_6", "普通"),
        ({"large_complex_sensitive": True}, "special_1", "特殊"),
        ({"collective_petition_risk": True}, "special_2", "特殊"),
    ],
)
def test_gushi_each_criterion_and_its_team(facts, criterion, cls):
    r = run("gushi", **facts)
    assert r.to_json() == {
        "class": cls,
        "team": GUSHI_TEAM[cls],
        "pool": [],
        "matched": [{"id": criterion, "text": GUSHI_TEXT[criterion]}],
        "excluded_by": [],
    }


def test_gushi_transfer_only_is_not_a_gushi_criterion():
    r = run("gushi", transfer_only=True)
    assert (r.cls, r.team, r.matched) == ("普通", "普执团队", ())


def test_gushi_precedence_special_over_ordinary_over_simple():
    r = run("gushi", performed_or_willing=True, property_to_dispose=True)
    assert (r.cls, r.team) == ("普通", "普执团队")
    assert ids(r.matched) == ["simple_3", "ordinary_1"]
    assert r.excluded_by == ()
    assert "同时符合普通、简易的标准，按本院配置的优先顺序（特殊＞普通＞简易）定为普通" in r.notes
    r = run("gushi", no_property_found=True, respondent_is_government=True, collective_petition_risk=True)
    assert (r.cls, r.team) == ("特殊", "特执团队")
    assert ids(r.matched) == ["simple_2", "ordinary_5", "special_2"]


# --- 浉河 (003 §四(一)) -------------------------------------------------------------------------------

SHIHE_SIMPLE = {
    "simple_1": "执行标的额在原则上不超过5万元的案件",
    "simple_2": "经诉讼保全或网络查控到足额银行存款、保险理财产品、支付宝、微信、公积金余额等金钱财产，经扣划即可执行完毕的案件",
    "simple_3": "向有关单位发送协助执行通知书即可以办结的行为执行案件",
    "simple_4": "不动产、机动车过户案件",
    "simple_5": "被执行人已主动履行、愿意主动履行或者双方有较大和解可能的",
    "simple_6": "被执行人在本院有执行案件，且上一个被执行案件因暂无财产可供执行终结本次执行程序，"
    "新案件在上一个案件结案后六个月内立案的案件",
    "simple_7": "其他简单标的较小易执、易结案件",
}
SHIHE_EXCL = {
    "exclusion_1": "需要处分房产、土地、车辆、股票、股权、证券、机器设备等财产的",
    "exclusion_2": "生效法律文书判项中涉及返还房产、商铺、机器设备等行为的",
    "exclusion_3": "生效刑事判决涉及扣押物品的处分或退赔判项不明确，情况较为复杂，无法快速处理的",
    "exclusion_4": "被执行人为党政机关的",
    "exclusion_5": "家事纠纷、劳资纠纷、相邻关系纠纷等案件双方对立严重、需要做思想教育工作的",
    "exclusion_6": "未查控到被执行人有可供执行财产，且同时存在被执行人下落不明、诉讼期间公告送达开庭传票和裁判文书、"
    "申请执行人不能提供准确执行线索等情形的案件",
    "exclusion_7": "当事人提出执行异议的",
    "exclusion_8": "需要进行财产变价处置的",
    "exclusion_9": "其他不适宜由快执团队办理的案件",
}


def test_shihe_wording_is_the_seeds():
    s = section("shihe")
    assert {c.id: c.text for c in s.criteria} == SHIHE_SIMPLE
    assert {e.id: e.text for e in s.exclusions} == SHIHE_EXCL
    assert all(e.blocks == "简易" for e in s.exclusions)


def test_shihe_5wan_inclusive():
    r = run("shihe", claim_amount=50000)
    assert r.to_json() == {
        "class": "简易",
        "team": "快执团队",
        "pool": [],
        "matched": [{"id": "simple_1", "text": SHIHE_SIMPLE["simple_1"]}],
        "excluded_by": [],
    }
    assert r.matched[0].why == "标的额 50,000.00 元 ≤ 50,000.00 元"
    r = run("shihe", claim_amount="50000.01")
    assert "simple_1" not in ids(r.matched)
    assert (r.cls, r.team, r.pool) == ("普通", "执行实施团队", ())


@pytest.mark.parametrize(
    ("facts", "criterion"),
    [
        ({"claim_amount": 300000, "money_found": 300000}, "simple_2"),
        ({"behaviour_by_assistance_notice": True}, "simple_3"),
        ({"transfer_only": True}, "simple_4"),
        ({"performed_or_willing": True}, "simple_5"),
        ({"settlement_likely": True}, "simple_5"),
        ({"prior_zhongben_closed_on": "2026-06-30", "filed_on": "2026-11-02"}, "simple_6"),
    ],
)
def test_shihe_each_simple_criterion(facts, criterion):
    r = run("shihe", **facts)
    assert ids(r.matched) == [criterion]
    assert (r.cls, r.team) == ("简易", "快执团队")


@pytest.mark.parametrize(
    ("facts", "exclusion"),
    [
        ({"property_to_dispose": True}, "exclusion_1"),
        ({"return_of_property": True}, "exclusion_2"),
        ({"criminal_confiscation_unclear": True}, "exclusion_3"),
        ({"respondent_is_government": True}, "exclusion_4"),
        ({"severe_conflict": True}, "exclusion_5"),
        ({"no_property_found": True, "whereabouts_unknown": True}, "exclusion_6"),
        ({"no_property_found": True, "notice_service_at_trial": True}, "exclusion_6"),
        ({"no_property_found": True, "no_clues_from_applicant": True}, "exclusion_6"),
        ({"objection_raised": True}, "exclusion_7"),
        ({"needs_valuation_sale": True}, "exclusion_8"),
    ],
)
def test_shihe_each_exclusion_overrides_a_simple_match(facts, exclusion):
    r = run("shihe", claim_amount=20000, **facts)
    assert r.to_json() == {
        "class": "普通",
        "team": "执行实施团队",
        "pool": [],
        "matched": [{"id": "simple_1", "text": SHIHE_SIMPLE["simple_1"]}],
        "excluded_by": [{"id": exclusion, "text": SHIHE_EXCL[exclusion]}],
    }
    assert "虽符合简易标准，但存在不得列入简易的情形，不作简易处理" in r.notes


def test_shihe_exclusion_6_needs_no_property_and_one_circumstance():
    assert run("shihe", claim_amount=1000, whereabouts_unknown=True).cls == "简易"
    assert run("shihe", claim_amount=1000, no_property_found=True).cls == "简易"


def test_shihe_exclusion_without_a_simple_match_overrides_nothing():
    r = run("shihe", claim_amount=90000, objection_raised=True)
    assert (r.cls, r.matched, r.excluded_by) == ("普通", (), ())


def test_shihe_several_exclusions_all_listed():
    r = run("shihe", transfer_only=True, objection_raised=True, respondent_is_government=True)
    assert ids(r.excluded_by) == ["exclusion_4", "exclusion_7"]


def test_shihe_manual_clauses_are_never_automatic():
    s = section("shihe")
    assert [c.id for c in s.criteria if c.manual] == ["simple_7"]
    assert [e.id for e in s.exclusions if e.manual] == ["exclusion_9"]
    r = run("shihe", claim_amount=10)
    assert ids(r.manual) == ["simple_7", "exclusion_9"]


# --- 监利 ---------------------------------------------------------------------------------------------


def test_jianli_has_no_team_routing():
    s = section("jianli")
    assert s.mode == "none"
    assert s.distribute is not None and s.distribute.unit == "线索查控组"
    r = run("jianli", claim_amount=10, transfer_only=True)
    assert r.to_json() == {"class": None, "team": None, "pool": [], "matched": [], "excluded_by": []}
    assert r.notes[0] == "本院不实行立案后的一次性繁简分流"


# --- every profile ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["ruyang", "kuaizhi", "gushi", "shihe", "jianli"])
def test_routes_name_units_the_profile_defines(name):
    p = load_profile(name)
    names = {u.name for u in p.units}
    assert p.triage.team_names() <= names
    assert p.triage.notes, "every profile states its triage choices"
    for c in [*p.triage.criteria, *p.triage.exclusions]:
        assert c.source and c.text


def test_evaluate_is_pure_and_repeatable():
    s = section("ruyang")
    f = Facts(claim_fen=100, money_found_fen=100)
    assert evaluate(s, f, today=TODAY) == evaluate(s, f, today=TODAY)

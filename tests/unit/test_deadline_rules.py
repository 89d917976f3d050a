"""Every shipped profile's deadline rules load, cite a clause, use known events, parse their periods
and name owners that exist; the national rules are in every profile."""

from __future__ import annotations

import re

import pytest

from zhixing_tui.domain.events import EVENTS
from zhixing_tui.domain.periods import parse_period
from zhixing_tui.errors import ProfileError
from zhixing_tui.profiles import DATA_DIR, PROFILE_IDS, load_profile, parse_profile_text
from zhixing_tui.profiles.deadline_schema import (
    NATIONAL_RULES,
    rule_by_id,
    rules_for,
)

SEED_OF = {"ruyang": "000", "kuaizhi": "001", "gushi": "002", "shihe": "003", "jianli": "004"}
CLAUSE = re.compile(r"^00[0-4] \S")


@pytest.mark.parametrize("pid", PROFILE_IDS)
def test_every_rule_cites_a_clause_and_parses(pid: str) -> None:
    profile = load_profile(pid)
    rules = rules_for(profile)
    ids = [r.id for r in rules]
    assert len(ids) == len(set(ids)), "rule ids are unique"
    units = {u.code for u in profile.units}
    for r in rules:
        parse_period(r.period)
        assert r.anchor in EVENTS and all(e in EVENTS for e in r.completed_by)
        assert r.owner in units or r.owner == "handler", f"{r.id}: owner {r.owner}"
        if r.id.startswith("national."):
            assert "最高人民法院" in r.source
        else:
            assert CLAUSE.match(r.source), f"{r.id}: source {r.source!r}"
            assert r.source.startswith(SEED_OF[pid]), f"{r.id} cites another court's seed"
        assert r.completed_by or r.reanchor_on, f"{r.id} can never be completed"
    if profile.deadlines.warning_window:
        parse_period(profile.deadlines.warning_window)


@pytest.mark.parametrize("pid", PROFILE_IDS)
def test_national_rules_in_every_profile(pid: str) -> None:
    ids = {r.id for r in rules_for(load_profile(pid))}
    assert {r.id for r in NATIONAL_RULES} <= ids
    assert {
        "national.execution_period",
        "national.seal.deposit",
        "national.seal.movable",
        "national.seal.real_estate",
        "national.seal.other_right",
    } <= ids


def test_seal_terms_and_renewal_window() -> None:
    p = load_profile("ruyang")
    terms = {r.subjects[0]: r.period for r in rules_for(p) if r.kind == "seal"}
    assert terms == {"deposit": "1年", "movable": "2年", "real_estate": "3年", "other_right": "3年"}
    for r in rules_for(p):
        if r.kind == "seal":
            assert r.reanchor_on == ["renewed"] and r.ends_with_case is False
            # due on the renewal reminder (deadlines.seal_reminder before the end): 临期 like any node
            assert r.warning_window == "2个工作日"
    assert p.deadlines.seal_reminder == "15日"


def test_the_seed_numbers_per_court() -> None:
    """A sample of DOMAIN §3.1's numbers, rule by rule."""
    expect = {
        "ruyang": {
            "ruyang.network_query": ("received", "当日"),
            "ruyang.notices": ("received", "3日"),
            "ruyang.offline_query": ("received", "7日"),
            "ruyang.center_finish": ("received", "10日"),
            "ruyang.center_finish_property": ("offline_property_found", "15日"),
            "ruyang.valuation": ("disposal_started", "5日"),
            "ruyang.auction_handover": ("reference_price_set", "2日"),
            "ruyang.case_money": ("money_arrived", "7日"),
            "ruyang.resumption": ("resumption_requested", "7日"),
            "stage.fast": ("stage_entered", "30日"),
            "stage.receive": ("stage_entered", "当日"),
        },
        "kuaizhi": {
            "kuaizhi.fast_close": ("stage_entered", "30日"),
            "kuaizhi.materials_submit": ("materials_returned", "2个工作日"),
            "kuaizhi.borrow_return": ("borrow_reason_ended", "1个工作日"),
            "kuaizhi.image_file": ("closed", "15日"),
        },
        "gushi": {"gushi.reassign_handover": ("handoff_decided", "3日")},
        "shihe": {
            "shihe.national_query_start": ("filed", "1个工作日"),
            "shihe.notices": ("filed", "3个工作日"),
            "shihe.offline_start": ("filed", "10个工作日"),
            "shihe.offline_register": ("filed", "15日"),
            "shihe.delegation_send": ("delegation_handed", "1个工作日"),
            "shihe.dishonest_entry": ("dishonest_decided", "1个工作日"),
            "shihe.auction_notice": ("auction_ruling", "3个工作日"),
            "shihe.deal_ruling": ("full_payment", "3个工作日"),
            "shihe.money_payout": ("money_arrived", "7日"),
            "stage.online_query": ("stage_entered", "15日"),
            "stage.offline_query": ("stage_entered", "30日"),
        },
        "jianli": {
            "stage.online_query": ("stage_entered", "3周"),
            "stage.offline_query": ("stage_entered", "2周"),
            "stage.clue_query": ("stage_entered", "8周"),
            "stage.disposal": ("stage_entered", "1周"),
            "stage.refusal": ("stage_entered", "1周"),
            "stage.zhongben": ("stage_entered", "4周"),
            "approval.monitor": ("handoff_submitted", "1周"),
        },
    }
    for pid, rules in expect.items():
        p = load_profile(pid)
        for rid, (anchor, period) in rules.items():
            r = rule_by_id(p, rid)
            assert r is not None, f"{pid}: {rid} missing"
            assert (r.anchor, r.period) == (anchor, period), f"{pid}: {rid}"
    assert rule_by_id(load_profile("ruyang"), "stage.fast").clock == "filed"
    assert rule_by_id(load_profile("ruyang"), "stage.fast").cancelled_by == ["simple_to_complex"]


def test_a_rule_without_a_source_or_with_an_unknown_event_is_refused() -> None:
    text = (DATA_DIR / "gushi.toml").read_text(encoding="utf-8")
    bad_source = (
        text
        + '\n[[deadlines.rules]]\nid = "x.y"\nname = "n"\nanchor = "filed"\nperiod = "3日"\nsource = " "\n'
    )
    with pytest.raises(ProfileError, match="依据"):
        parse_profile_text(bad_source)
    bad_event = (
        text
        + '\n[[deadlines.rules]]\nid = "x.y"\nname = "n"\nanchor = "fild"\nperiod = "3日"\nsource = "002 一"\n'
    )
    with pytest.raises(ProfileError, match="fild"):
        parse_profile_text(bad_event)

"""``zhixing triage explain``: exact JSON for scenarios, Chinese text, bad facts exit 2 naming the key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zhixing_tui.cli.main import app

runner = CliRunner()


def explain(tmp_path: Path, profile: str, facts: object, *extra: str):
    f = tmp_path / "facts.json"
    f.write_text(json.dumps(facts, ensure_ascii=False), encoding="utf-8")
    return runner.invoke(app, ["triage", "explain", "--profile", profile, str(f), *extra])


SCENARIOS = [
    (
        "shihe",
        {"claim_amount": 50000},
        {
            "class": "简易",
            "team": "快执团队",
            "pool": [],
            "matched": [{"id": "simple_1", "text": "执行标的额在原则上不超过5万元的案件"}],
            "excluded_by": [],
        },
    ),
    (
        "shihe",
        {"claim_amount": 50000.01},
        {"class": "普通", "team": "执行实施团队", "pool": [], "matched": [], "excluded_by": []},
    ),
    (
        "shihe",
        {"claim_amount": "30000", "property_to_dispose": True, "objection_raised": True},
        {
            "class": "普通",
            "team": "执行实施团队",
            "pool": [],
            "matched": [{"id": "simple_1", "text": "执行标的额在原则上不超过5万元的案件"}],
            "excluded_by": [
                {"id": "exclusion_1", "text": "需要处分房产、土地、车辆、股票、股权、证券、机器设备等财产的"},
                {"id": "exclusion_7", "text": "当事人提出执行异议的"},
            ],
        },
    ),
    (
        "ruyang",
        {"criminal_property_penalty": True, "performed_or_willing": True},
        {
            "class": "简易",
            "team": "特执团队",
            "pool": [],
            "matched": [
                {"id": "simple_4", "text": "被执行人已主动履行、愿意主动履行或者双方有较大和解可能的"}
            ],
            "excluded_by": [],
        },
    ),
    (
        "ruyang",
        {"special_campaign": True},
        {"class": "普通", "team": "普执三团队", "pool": [], "matched": [], "excluded_by": []},
    ),
    (
        "ruyang",
        {"claim_amount": 12000, "money_found": "12000.00"},
        {
            "class": "简易",
            "team": "速执团队",
            "pool": [],
            "matched": [{"id": "simple_1", "text": "银行存款、网络资金账户资金等可足额清偿债权的"}],
            "excluded_by": [],
        },
    ),
    (
        "ruyang",
        {"claim_amount": 12000, "money_found": 100},
        {
            "class": "普通",
            "team": None,
            "pool": ["普执一团队", "普执二团队", "普执三团队"],
            "matched": [],
            "excluded_by": [],
        },
    ),
    (
        "kuaizhi",
        {},
        {
            "class": "普通",
            "team": None,
            "pool": ["普执一团队", "普执二团队", "普执三团队", "普执四团队", "普执五团队"],
            "matched": [],
            "excluded_by": [],
        },
    ),
    (
        "gushi",
        {"no_property_found": True},
        {
            "class": "简易",
            "team": "速执团队",
            "pool": [],
            "matched": [{"id": "simple_2", "text": "没有查询到可供执行财产，或者有财产但暂时不能处分的"}],
            "excluded_by": [],
        },
    ),
    (
        "gushi",
        {"collective_petition_risk": True, "respondent_is_government": True},
        {
            "class": "特殊",
            "team": "特执团队",
            "pool": [],
            "matched": [
                {"id": "ordinary_5", "text": "被执行人为党政机关的"},
                {"id": "special_2", "text": "案件执行过程中容易引起集体上访可能的"},
            ],
            "excluded_by": [],
        },
    ),
    (
        "jianli",
        {"claim_amount": 1000},
        {"class": None, "team": None, "pool": [], "matched": [], "excluded_by": []},
    ),
]


@pytest.mark.parametrize(("profile", "facts", "expected"), SCENARIOS)
def test_explain_json_exact(tmp_path, profile, facts, expected):
    r = explain(tmp_path, profile, facts, "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == expected


def test_explain_six_months_with_today(tmp_path):
    facts = {"prior_zhongben_closed_on": "2026-05-23"}
    inside = explain(tmp_path, "ruyang", facts, "--json", "--today", "2026-11-23")
    outside = explain(tmp_path, "ruyang", facts, "--json", "--today", "2026-11-24")
    assert [m["id"] for m in json.loads(inside.stdout)["matched"]] == ["simple_6"]
    assert json.loads(outside.stdout)["matched"] == []


def test_explain_text_in_chinese(tmp_path):
    r = explain(tmp_path, "ruyang", {"criminal_property_penalty": True, "transfer_only": True})
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0] == "法院：汝阳县人民法院（ruyang）"
    assert lines[1] == "类别：简易"
    assert lines[2] == "分案：特执团队"
    assert "  simple_3 不动产、机动车过户案件" in lines
    assert "  刑事涉财产刑案件一律由特执团队办理，即使符合简易标准或属专项活动（本院配置的优先顺序）" in lines
    assert any(line.startswith("  「足额查控金融机构存款类") and "亦适用" in line for line in lines)


def test_explain_text_draw_lists_pool(tmp_path):
    r = explain(tmp_path, "kuaizhi", {})
    assert (
        "分案：在以下团队中平均随机分案：普执一团队、普执二团队、普执三团队、普执四团队、普执五团队"
        in r.stdout
    )


@pytest.mark.parametrize(
    ("facts", "key"),
    [
        ({"claim_amont": 5}, "claim_amont"),
        ({"transfer_only": "true"}, "transfer_only"),
        ({"claim_amount": "很多"}, "claim_amount"),
        ({"filed_on": "2026-13-01"}, "filed_on"),
        ({"prior_zhongben_closed_on": 20260101}, "prior_zhongben_closed_on"),
        ([1], "JSON 对象"),
    ],
)
def test_bad_facts_exit_2_naming_the_key(tmp_path, facts, key):
    r = explain(tmp_path, "shihe", facts, "--json")
    assert r.exit_code == 2
    assert r.stdout == ""
    assert r.stderr.startswith("错误：")
    assert key in r.stderr


def test_malformed_json_and_missing_file_exit_2(tmp_path):
    f = tmp_path / "bad.json"
    f.write_text("{claim_amount: 1", encoding="utf-8")
    r = runner.invoke(app, ["triage", "explain", "--profile", "ruyang", str(f)])
    assert r.exit_code == 2
    assert "不是有效的 JSON" in r.stderr
    r = runner.invoke(app, ["triage", "explain", "--profile", "ruyang", str(tmp_path / "none.json")])
    assert r.exit_code == 2
    assert r.stderr.startswith("错误：找不到事实文件")


def test_unknown_profile_exit_2(tmp_path):
    r = explain(tmp_path, "nowhere", {})
    assert r.exit_code == 2
    assert "没有名为 nowhere 的法院配置" in r.stderr


def test_facts_from_stdin():
    r = runner.invoke(
        app, ["triage", "explain", "--profile", "gushi", "-", "--json"], input='{"severe_conflict": true}'
    )
    assert r.exit_code == 0
    assert json.loads(r.stdout)["team"] == "普执团队"


def test_suggest_for_a_case_in_the_database(desk_factory):
    from datetime import date

    from zhixing_tui.services.cases.registry import PartyInput, register_case
    from zhixing_tui.services.triage.decisions import set_case_facts

    desk = desk_factory("shihe")
    cid = register_case(
        desk,
        case_no="（2026）豫1502执7号",
        filed_on=date(2026, 11, 2),
        claim_fen=4_000_000,
        applicants=[PartyInput("李四")],
        respondents=[PartyInput("张三")],
    )
    set_case_facts(desk, cid, {"objection_raised": True})
    db = desk.engine.url.database
    r = runner.invoke(app, ["triage", "suggest", "(2026)豫1502执7号", "--db", db, "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == {
        "case_no": "（2026）豫1502执7号",
        "facts": {"claim_amount": "40000.00", "filed_on": "2026-11-02", "objection_raised": True,
                  "respondent_is_government": False},
        "class": "普通",
        "team": "执行实施团队",
        "pool": [],
        "matched": [{"id": "simple_1", "text": "执行标的额在原则上不超过5万元的案件"}],
        "excluded_by": [{"id": "exclusion_7", "text": "当事人提出执行异议的"}],
        "related": [],
        "related_team": None,
    }  # fmt: skip
    r = runner.invoke(app, ["triage", "suggest", "（2026）豫1502执7号", "--db", db])
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[:3] == ["案号：（2026）豫1502执7号", "类别：普通", "分案：执行实施团队"]
    assert "  当事人提出执行异议：是（书记员填写）" in lines
    r = runner.invoke(app, ["triage", "suggest", "（2026）豫1502执8号", "--db", db])
    assert r.exit_code == 1
    assert r.stderr == "错误：案号 （2026）豫1502执8号 不存在\n"

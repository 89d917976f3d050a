"""profiles.citations: a rule's source printed as the seed document's title and clause."""

from __future__ import annotations

import pytest

from zhixing_tui.profiles.citations import SEED_TITLES, abbreviations, cite

RUYANG = "《汝阳县人民法院关于进一步完善执行权运行机制改革的实施方案（试行）》"


@pytest.mark.parametrize(
    ("source", "printed"),
    [
        ("000 二(一)2", f"{RUYANG}二（一）2"),
        ("000 一(二)；二(二)13", f"{RUYANG}一（二）；二（二）13"),
        ("000_8c48a5c3ab188dfd.txt 阶段 速执团队", f"{RUYANG}阶段 速执团队"),
        ("004 第六组 3.(四)", "《监利市人民法院执行“一站式”改革方案》第六组3（四）"),
        ("002 §二.11(2)", f"{SEED_TITLES['002']}二、11（2）"),
        ("《中华人民共和国民事诉讼法》第八十五条", "《中华人民共和国民事诉讼法》第八十五条"),
        ("", ""),
    ],
)
def test_cite(source, printed):
    assert cite(source) == printed


def test_no_file_number_or_rule_id_survives_on_any_profile_source():
    """Every source a profile's rules carry prints without the seed's file number."""
    from zhixing_tui.profiles import available_profiles, load_profile
    from zhixing_tui.profiles.deadline_schema import rules_for

    for name in available_profiles():
        for rule in rules_for(load_profile(name)):
            for short in (False, True):
                text = cite(rule.source, short=short)
                assert text and not any(f"{n} " in text or f"{n}_" in text for n in SEED_TITLES), (
                    name,
                    rule.id,
                    text,
                )


def test_short_citations_and_their_legend():
    national = (
        "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第四百八十五条（冻结存款不超过一年，"
        "查封扣押动产不超过二年；期满前续行）"
    )
    assert cite("003 四(二)2(6)", short=True) == "《实施细则》四（二）2（6）"
    assert cite(national, short=True) == "《民诉法解释》第四百八十五条"
    assert abbreviations(["003 四(二)2(6)", national, "003 三(一)"]) == [
        f"《实施细则》指{SEED_TITLES['003']}",
        "《民诉法解释》指《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》",
    ]

"""profiles.citation.cite: seed file numbers become the document's title and clause."""

from __future__ import annotations

import pytest

from zhixing_tui.profiles.citation import SEED_TITLES, cite

RUYANG = "《汝阳县人民法院关于进一步完善执行权运行机制改革的实施方案（试行）》"


@pytest.mark.parametrize(
    ("source", "printed"),
    [
        ("000 二(一)2", f"{RUYANG}二（一）2"),
        ("000 §二.4", f"{RUYANG}二.4"),
        ("000 一(一)1 四是(1)；二(一)6", f"{RUYANG}一（一）1 四是（1）；二（一）6"),
        (
            "000 二(二)9；003 §四(二)4(2)",
            f"{RUYANG}二（二）9；《信阳市浉河区人民法院关于推进执行指挥中心实体化运行的实施细则（试行）》四（二）4（2）",
        ),
        ("004 第三组 9", "《监利市人民法院执行“一站式”改革方案》第三组 9"),
        (
            "《最高人民法院关于人民法院办理执行案件若干期限的规定》第一条",
            "《最高人民法院关于人民法院办理执行案件若干期限的规定》第一条",
        ),
        ("", ""),
        (None, ""),
    ],
)
def test_cite(source, printed):
    assert cite(source) == printed


def test_no_file_number_or_rule_id_on_paper():
    text = cite("000 二(一)2")
    assert "000" not in text and "(" not in text


def test_every_seed_has_a_title():
    assert sorted(SEED_TITLES) == ["000", "001", "002", "003", "004"]

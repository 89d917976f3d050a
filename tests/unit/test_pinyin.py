"""Pinyin initials and search keys (zs → 张三)."""

from __future__ import annotations

import pytest

from zhixing_tui.domain.pinyin import full_pinyin, initials, search_key, syllables


@pytest.mark.parametrize(
    ("name", "short", "full"),
    [
        ("张三", "zs", "zhangsan"),
        ("李林霞", "llx", "lilinxia"),
        ("王五", "ww", "wangwu"),
        ("吕布", "lb", "lvbu"),
        ("欧阳修", "oyx", "ouyangxiu"),
        ("诸葛亮", "zgl", "zhugeliang"),
    ],
)
def test_common_names(name: str, short: str, full: str) -> None:
    assert initials(name) == short
    assert full_pinyin(name) == full
    assert search_key(name) == f"{short} {full}"


@pytest.mark.parametrize(
    ("name", "short", "full"),
    [
        ("单雄信", "sxx", "shanxiongxin"),
        ("曾国藩", "zgf", "zengguofan"),
        ("仇英", "qy", "qiuying"),
        ("解缙", "xj", "xiejin"),
        ("查良镛", "zly", "zhaliangyong"),
        ("区永熙", "oyx", "ouyongxi"),
        ("朴正华", "pzh", "piaozhenghua"),
        ("盖聂", "gn", "genie"),
        ("缪立", "ml", "miaoli"),
        ("翟欣", "zx", "zhaixin"),
        ("尉迟恭", "ycg", "yuchigong"),
        ("万俟卨", "mqx", "moqixie"),
        ("长孙无忌", "zswj", "zhangsunwuji"),
        ("覃明", "qm", "qinming"),
    ],
)
def test_surname_readings(name: str, short: str, full: str) -> None:
    assert initials(name) == short
    assert full_pinyin(name) == full


def test_surname_reading_only_for_the_first_character() -> None:
    # 曾 inside a name keeps its ordinary reading; 单 at the start of a non-person text too.
    assert full_pinyin("王曾") == "wangceng"
    assert initials("单位", is_person_name=False) == "dw"
    assert full_pinyin("单位", is_person_name=False) == "danwei"
    assert initials("单位") == "sw"


def test_surname_after_leading_punctuation() -> None:
    assert initials("（单雄信）") == "sxx"
    assert initials(" 曾国藩") == "zgf"


@pytest.mark.parametrize(
    ("text", "short", "full"),
    [
        ("A区3号", "aq3h", "aqu3hao"),
        ("ABC有限公司", "abcyxgs", "abcyouxiangongsi"),
        ("ＡＢＣ公司", "abcgs", "abcgongsi"),
        ("张三（李四）", "zsls", "zhangsanlisi"),
        ("河南·某某公司", "hnmmgs", "henanmoumougongsi"),
        ("张 三", "zs", "zhangsan"),
        ("", "", ""),
        ("——", "", ""),
    ],
)
def test_mixed_text(text: str, short: str, full: str) -> None:
    assert initials(text, is_person_name=False) == short
    assert full_pinyin(text, is_person_name=False) == full


def test_search_key_supports_like_matching() -> None:
    key = search_key("张三")
    assert key == "zs zhangsan"
    for q in ("zs", "zhang", "zhangsan", "san"):
        assert q in key
    assert search_key("") == ""
    assert search_key("单雄信") == "sxx shanxiongxin"
    assert search_key("单位", is_person_name=False) == "dw danwei"


def test_syllables() -> None:
    assert syllables("单雄信") == ["shan", "xiong", "xin"]
    assert syllables("A区3号", is_person_name=False) == ["a", "qu", "3", "hao"]


def test_output_is_ascii_lower_case() -> None:
    for text in ("张三", "吕布", "ABC公司", "绿地"):
        key = search_key(text)
        assert key.isascii() and key == key.lower()

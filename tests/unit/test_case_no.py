"""案号 parsing, normalising and sorting."""

from __future__ import annotations

import pytest

from zhixing_tui.domain.case_no import (
    TYPE_CODES,
    CaseNo,
    case_no_sort_key,
    normalize_case_no,
    parse_case_no,
)
from zhixing_tui.errors import InvalidValue


def test_type_codes_are_the_enforcement_types() -> None:
    assert TYPE_CODES == ("执", "执恢", "执保", "执异", "执复", "执监", "执协", "执他")


def test_text_uses_full_width_parentheses_and_ascii_digits() -> None:
    assert CaseNo(2026, "豫0326", "执", 123).text == "（2026）豫0326执123号"
    assert str(CaseNo(2026, "豫0326", "执", 123)) == "（2026）豫0326执123号"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("（2026）豫0326执123号", CaseNo(2026, "豫0326", "执", 123)),
        ("(2026)豫0326执123号", CaseNo(2026, "豫0326", "执", 123)),
        ("(2026)豫0326执123", CaseNo(2026, "豫0326", "执", 123)),
        ("（２０２６）豫０３２６执１２３号", CaseNo(2026, "豫0326", "执", 123)),
        (" ( 2026 ) 豫 0326 执 123 号 ", CaseNo(2026, "豫0326", "执", 123)),
        ("（2026）\u3000豫0326执123号", CaseNo(2026, "豫0326", "执", 123)),
        ("(2026)豫0326执00123号", CaseNo(2026, "豫0326", "执", 123)),
        ("（2025）鄂1088执恢12号", CaseNo(2025, "鄂1088", "执恢", 12)),
        ("（2024）豫1525执保7号", CaseNo(2024, "豫1525", "执保", 7)),
        ("（2023）豫1502执异3号", CaseNo(2023, "豫1502", "执异", 3)),
        ("（2023）豫15执复3号", CaseNo(2023, "豫15", "执复", 3)),
        ("（2023）豫执监1号", CaseNo(2023, "豫", "执监", 1)),
        ("（2022）京0105执协9号", CaseNo(2022, "京0105", "执协", 9)),
        ("（2022）内0102执他9号", CaseNo(2022, "内0102", "执他", 9)),
        ("〔2022〕豫0326执9号", CaseNo(2022, "豫0326", "执", 9)),
        ("2026豫0326执1号", CaseNo(2026, "豫0326", "执", 1)),
        ("(1990)豫0326执1", CaseNo(1990, "豫0326", "执", 1)),
        ("(2100)豫0326执1", CaseNo(2100, "豫0326", "执", 1)),
    ],
)
def test_parse_good(text: str, expected: CaseNo) -> None:
    assert parse_case_no(text) == expected


def test_longest_type_code_wins() -> None:
    assert parse_case_no("(2026)豫0326执恢5号").type_code == "执恢"
    assert parse_case_no("(2026)豫0326执5号").type_code == "执"


@pytest.mark.parametrize("type_code", TYPE_CODES)
def test_every_type_code_round_trips(type_code: str) -> None:
    text = f"（2026）豫0326{type_code}8号"
    assert parse_case_no(text).type_code == type_code
    assert normalize_case_no(text.replace("（", "(").replace("）", ")")) == text


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("(2026)豫0326执123", "（2026）豫0326执123号"),
        ("（２０２６）鄂１０８８执恢１号", "（2026）鄂1088执恢1号"),
        ("(2026) 豫1502 执保 0042 号", "（2026）豫1502执保42号"),
    ],
)
def test_normalize(text: str, normalized: str) -> None:
    assert normalize_case_no(text) == normalized


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "案号为空"),
        ("   ", "案号为空"),
        ("豫0326执123号", "案号缺少年份：应为（2026）豫0326执123号的形式"),
        ("()豫0326执123号", "案号缺少年份"),
        ("(2026豫0326执1", "括号不完整"),
        ("(二〇二六)豫0326执1", "年份不是数字"),
        ("(26)豫0326执1", "年份应为四位数字"),
        ("(1989)豫0326执1", "年份超出范围：应在1990–2100之间，实为 1989"),
        ("(2101)豫0326执1", "实为 2101"),
        ("(2026)", "缺少法院代字"),
        ("(2026)X0326执1", "法院代字无法识别：「X」不是省级简称"),
        ("(2026)美0326执1", "「美」不是省级简称"),
        ("(2026)0326执1", "缺少省份简称"),
        ("(2026)豫032执1", "法院代字无法识别：「豫032」"),
        ("(2026)豫03261执1", "实为5位"),
        (
            "(2026)豫0326民初1号",
            "案件类型代字无法识别：「民初」，应为 执、执恢、执保、执异、执复、执监、执协、执他 之一",
        ),
        ("(2026)豫0326执字第12号", "「执字第」"),
        ("(2026)豫0326", "缺少案件类型代字"),
        ("(2026)豫0326执", "案号缺少案件序号"),
        ("(2026)豫0326执号", "案号缺少案件序号"),
        ("(2026)豫0326执0号", "案件序号应为正整数"),
        ("(2026)豫0326执12号之一", "案号末尾有多余内容：「之一」"),
        ("(2026)豫0326执12号号", "末尾有多余内容：「号」"),
        ("(2026)豫0326执12abc", "末尾有多余内容：「abc」"),
    ],
)
def test_parse_bad(text: str, reason: str) -> None:
    with pytest.raises(InvalidValue) as info:
        parse_case_no(text)
    assert reason in info.value.message
    assert info.value.field == "案号"
    assert info.value.value == text


def test_parse_rejects_non_text() -> None:
    with pytest.raises(InvalidValue, match="案号应为文字"):
        parse_case_no(123)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        ((1989, "豫0326", "执", 1), "年份超出范围"),
        ((2026, "豫032", "执", 1), "法院代字无法识别"),
        ((2026, "豫0326", "民初", 1), "案件类型代字无法识别"),
        ((2026, "豫0326", "执", 0), "案件序号应为正整数"),
        ((2026, "豫0326", "执", True), "案件序号应为正整数"),
    ],
)
def test_constructor_validates(args: tuple, reason: str) -> None:
    with pytest.raises(InvalidValue, match=reason):
        CaseNo(*args)


def test_case_no_is_frozen_and_hashable() -> None:
    c = CaseNo(2026, "豫0326", "执", 1)
    with pytest.raises(AttributeError):
        c.number = 2  # type: ignore[misc]
    assert {c, parse_case_no("(2026)豫0326执1")} == {c}


def test_sort_key_orders_by_year_court_type_number() -> None:
    texts = [
        "（2026）豫0326执10号",
        "（2025）豫0326执恢3号",
        "（2026）豫0326执9号",
        "（2026）豫0326执恢1号",
        "（2026）鄂1088执2号",
        "（2026）豫0326执2号",
        "不是案号",
        "（2025）豫0326执100号",
    ]
    ordered = sorted(texts, key=case_no_sort_key)
    assert ordered == [
        "（2025）豫0326执100号",
        "（2025）豫0326执恢3号",
        "（2026）豫0326执2号",
        "（2026）豫0326执9号",
        "（2026）豫0326执10号",
        "（2026）豫0326执恢1号",
        "（2026）鄂1088执2号",
        "不是案号",
    ]


def test_sort_key_numeric_not_lexicographic() -> None:
    a = parse_case_no("(2026)豫0326执9")
    b = parse_case_no("(2026)豫0326执10")
    assert case_no_sort_key(a) < case_no_sort_key(b)
    assert case_no_sort_key(a) == case_no_sort_key("(2026)豫0326执9号")

"""居民身份证号 and 统一社会信用代码 checks and the demo-data generators."""

from __future__ import annotations

import random
from datetime import date

import pytest
from stdnum.cn import ric

from zhixing_tui.domain.identity import (
    IdInfo,
    check_credit_code,
    check_identity,
    check_resident_id,
    make_credit_code,
    make_resident_id,
)
from zhixing_tui.errors import InvalidValue

TODAY = date(2026, 6, 1)

_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_CHECK = "10X98765432"


def mod11_2(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character, written out independently of the code under test."""
    total = sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def with_check(first17: str) -> str:
    return first17 + mod11_2(first17)


def wrong_check(first17: str) -> tuple[str, str, str]:
    right = mod11_2(first17)
    wrong = "3" if right != "3" else "4"
    return first17 + wrong, right, wrong


_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc_check(first17: str) -> str:
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_ALPHABET[(31 - total % 31) % 31]


def test_helper_matches_published_examples() -> None:
    # stdnum's documented example and the GB 11643 sample number.
    assert with_check("36042619910101007") == "360426199101010071"
    assert with_check("11010519491231002") == "11010519491231002X"
    assert uscc_check("91110000600037341") == "L"


# --- 居民身份证 ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first17", "birth", "gender", "region"),
    [
        ("41032619850312001", date(1985, 3, 12), "男", "410326"),  # 汝阳县
        ("41152519921130002", date(1992, 11, 30), "女", "411525"),  # 固始县
        ("42108120000229003", date(2000, 2, 29), "男", "421081"),  # leap day
        ("11010519491231002", date(1949, 12, 31), "女", "110105"),
        ("41150219000101005", date(1900, 1, 1), "男", "411502"),
    ],
)
def test_resident_id_good(first17: str, birth: date, gender: str, region: str) -> None:
    number = with_check(first17)
    info = check_resident_id(number, today=TODAY)
    assert info == IdInfo(
        number=number,
        kind="resident_id",
        birth_date=birth,
        gender=gender,
        region_code=region,
        warnings=(),
        region_name=info.region_name,
    )
    assert info.region_name


def test_resident_id_lower_case_x_and_full_width_and_spaces() -> None:
    number = "11010519491231002X"
    assert check_resident_id("11010519491231002x", today=TODAY).number == number
    full = number.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    assert check_resident_id(full, today=TODAY).number == number
    assert check_resident_id(" 110105 19491231 002x ", today=TODAY).number == number
    assert check_resident_id("110105-19491231-002X", today=TODAY).number == number


def test_real_id_with_renamed_region_passes() -> None:
    # 410381 偃师市 is in stdnum's table only for 1993–2021, and stdnum rejects it for people
    # born in 1990 — but a 1990-born person got the number when first issued, after 1993.
    number = with_check("41038119900101123")
    assert not ric.is_valid(number)
    info = check_resident_id(number, today=TODAY)
    assert info.number == number
    assert info.birth_date == date(1990, 1, 1)
    assert info.gender == "男"
    assert info.region_code == "410381"
    assert info.region_name == "河南省偃师市"
    assert info.warnings == ()


def test_county_code_from_before_renaming_passes() -> None:
    # 411525 固始县 dates from 1998; adults born earlier carry it too.
    info = check_resident_id(with_check("41152519700101123"), today=TODAY)
    assert info.warnings == ()


def test_region_abolished_before_birth_is_a_warning_not_an_error() -> None:
    # 412325 睢县 was only used until 1997: someone born in 2005 cannot have been issued it.
    number = with_check("41232520050101123")
    info = check_resident_id(number, today=TODAY)
    assert info.number == number
    assert info.birth_date == date(2005, 1, 1)
    assert len(info.warnings) == 1
    warning = info.warnings[0]
    assert "412325" in warning and "睢县" in warning and "2005" in warning and "请核对" in warning


def test_unknown_region_is_a_warning() -> None:
    number = with_check("99999919900101123")
    info = check_resident_id(number, today=TODAY)
    assert info.warnings and "999999" in info.warnings[0]
    assert "不在行政区划表中" in info.warnings[0]


def test_wrong_check_digit() -> None:
    number, right, wrong = wrong_check("41038119900101123")
    with pytest.raises(InvalidValue) as info:
        check_resident_id(number, today=TODAY)
    assert info.value.message == f"身份证号校验位错误：应为 {right}，实为 {wrong}"
    assert info.value.field == "身份证号"
    assert info.value.value == number


def test_wrong_check_digit_x_expected() -> None:
    with pytest.raises(InvalidValue, match="校验位错误：应为 X，实为 3"):
        check_resident_id("110105194912310023", today=TODAY)


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("", "身份证号为空"),
        ("4103811990010112", "应为18位，实为 16 位"),
        ("4103811990010112345", "应为18位，实为 19 位"),
        ("410381900101123", "15位为旧号码"),
        ("41038119900101A23X", "第15位为「A」，前17位只能是数字"),
        ("41038119900101123Y", "第18位为「Y」，第18位只能是数字或 X"),
        ("4103811990010112X3", "第17位为「X」"),
        (with_check("41038119900230123"), "出生日期不存在：1990-02-30"),
        (with_check("41038120250229123"), "出生日期不存在：2025-02-29"),
        (with_check("41038119901301123"), "出生日期不存在：1990-13-01"),
        (with_check("41038118991231123"), "出生日期过早：1899-12-31"),
        (with_check("41038120260602123"), "出生日期在未来：2026-06-02"),
    ],
)
def test_resident_id_bad(number: str, reason: str) -> None:
    with pytest.raises(InvalidValue) as info:
        check_resident_id(number, today=TODAY)
    assert reason in info.value.message


def test_birth_today_is_allowed() -> None:
    assert check_resident_id(with_check("41038120260601123"), today=TODAY).birth_date == TODAY


def test_resident_id_rejects_non_text() -> None:
    with pytest.raises(InvalidValue, match="应为文字"):
        check_resident_id(410381199001011234, today=TODAY)  # type: ignore[arg-type]


# --- 统一社会信用代码 -------------------------------------------------------------------


@pytest.mark.parametrize(
    "first17",
    ["91110000600037341", "91410326MA44XY7Q0", "12410300005182468", "52411525MJ1234567"],
)
def test_credit_code_good(first17: str) -> None:
    code = first17 + uscc_check(first17)
    info = check_credit_code(code)
    assert info == IdInfo(number=code, kind="credit_code", region_code=first17[2:8])
    assert info.birth_date is None and info.gender is None and info.warnings == ()


def test_credit_code_lower_case_and_spaces() -> None:
    assert check_credit_code(" 9111 0000 6000 3734 1l ").number == "91110000600037341L"


def test_credit_code_wrong_check() -> None:
    with pytest.raises(InvalidValue) as info:
        check_credit_code("91110000600037341M")
    assert info.value.message == "统一社会信用代码校验位错误：应为 L，实为 M"
    assert info.value.field == "统一社会信用代码"


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("", "统一社会信用代码为空"),
        ("91110000600037341", "应为18位，实为 17 位"),
        ("9111000060003734100", "应为18位，实为 19 位"),
        ("911100O0600037341L", "第7位为「O」，第3–8位"),
        ("91110000600O37341L", "第12位为「O」，只能是数字或大写字母（不使用 I、O、Z、S、V）"),
        ("91110000600037341I", "第18位为「I」"),
        ("91110000中00037341L", "第9位为「中」"),
    ],
)
def test_credit_code_bad(code: str, reason: str) -> None:
    with pytest.raises(InvalidValue) as info:
        check_credit_code(code)
    assert reason in info.value.message


# --- dispatch -------------------------------------------------------------------------


def test_check_identity_dispatches_by_shape() -> None:
    rid = with_check("41032619850312001")
    assert check_identity(rid, today=TODAY).kind == "resident_id"
    assert check_identity("11010519491231002x", today=TODAY).kind == "resident_id"
    assert check_identity("91110000600037341L", today=TODAY).kind == "credit_code"


def test_check_identity_reports_id_error_for_id_shaped_input() -> None:
    number, right, wrong = wrong_check("41032619850312001")
    with pytest.raises(InvalidValue, match=f"身份证号校验位错误：应为 {right}，实为 {wrong}"):
        check_identity(number, today=TODAY)
    with pytest.raises(InvalidValue, match="身份证号应为18位"):
        check_identity("12345", today=TODAY)


def test_check_identity_all_digit_credit_code() -> None:
    # An all-digit credit code whose date part is impossible as a birth date.
    first17 = "91410300999999991"
    code = first17 + uscc_check(first17)
    assert code == "914103009999999910"
    assert check_identity(code, today=TODAY).kind == "credit_code"


def test_check_identity_letters_reported_as_credit_code() -> None:
    with pytest.raises(InvalidValue, match="统一社会信用代码校验位错误"):
        check_identity("91110000600037341M", today=TODAY)
    with pytest.raises(InvalidValue, match="证件号码为空"):
        check_identity("  ", today=TODAY)


# --- generators ---------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(200))
def test_make_resident_id_always_valid(seed: int) -> None:
    rng = random.Random(seed)
    birth = date(1940, 1, 1).fromordinal(date(1940, 1, 1).toordinal() + rng.randrange(0, 30000))
    male = rng.random() < 0.5
    region = rng.choice(["410326", "411525", "411502", "421081", "410381"])
    number = make_resident_id(rng, region, birth, male)
    assert number[-1] == mod11_2(number[:17])
    info = check_resident_id(number, today=TODAY)
    assert info.birth_date == birth
    assert info.gender == ("男" if male else "女")
    assert info.region_code == region
    assert number[14:17] != "000"


@pytest.mark.parametrize("seed", range(200))
def test_make_credit_code_always_valid(seed: int) -> None:
    rng = random.Random(seed)
    region = rng.choice(["410326", "411525", "411502", "421081"])
    code = make_credit_code(rng, region)
    assert code[-1] == uscc_check(code[:17])
    info = check_credit_code(code)
    assert info.region_code == region
    assert check_identity(code, today=TODAY).kind == "credit_code"


def test_generators_are_deterministic_per_seed() -> None:
    a = make_resident_id(random.Random(7), "410326", date(1980, 5, 6), True)
    b = make_resident_id(random.Random(7), "410326", date(1980, 5, 6), True)
    assert a == b
    assert make_credit_code(random.Random(7), "410326") == make_credit_code(random.Random(7), "410326")


def test_generators_reject_bad_input() -> None:
    with pytest.raises(InvalidValue, match="地区代码应为6位数字"):
        make_resident_id(random.Random(1), "4103", date(1980, 1, 1), True)
    with pytest.raises(InvalidValue, match="出生日期不应早于1900-01-01"):
        make_resident_id(random.Random(1), "410326", date(1899, 1, 1), True)
    with pytest.raises(InvalidValue, match="地区代码应为6位数字"):
        make_credit_code(random.Random(1), "41032X")

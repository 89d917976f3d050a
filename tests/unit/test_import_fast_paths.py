"""The fast paths an import's row checks take for the common shapes of a cell (a standard 案号, a
plain amount, a plain 身份证号 or mobile number, a date typed as text) must answer exactly as
the general reading does: the same value, or the same error message.

Each test reads a spread of inputs twice, once as is and once with the fast path switched off
(its pattern replaced by one that never matches), and compares."""

from __future__ import annotations

import random
import re
from datetime import date

import pytest

from zhixing_tui.domain import case_no as case_no_mod
from zhixing_tui.domain import contact, identity, money
from zhixing_tui.domain.case_no import parse_case_no
from zhixing_tui.domain.contact import check_phone
from zhixing_tui.domain.identity import check_identity, make_resident_id
from zhixing_tui.domain.money import parse_money
from zhixing_tui.errors import InvalidValue

NEVER = re.compile(r"(?!)")
TODAY = date(2026, 11, 20)


def _outcome(fn, value):
    try:
        return ("ok", fn(value))
    except InvalidValue as exc:
        return ("error", exc.message)


def _same_both_ways(monkeypatch, module, attr, fn, values):
    fast = [_outcome(fn, v) for v in values]
    with monkeypatch.context() as m:
        m.setattr(module, attr, NEVER)
        slow = [_outcome(fn, v) for v in values]
    for v, a, b in zip(values, fast, slow, strict=True):
        assert a == b, v
    return fast


def test_case_no_fast_path_answers_as_the_full_reading(monkeypatch):
    values = [
        "(2025)豫0326执1号",
        "（2025）豫0326执2号",
        "(2025)豫0326执恢12",
        "（2026）豫15执保3号",
        "(2026)豫执异4号",
        "(2025)豫0326执0号",  # number 0
        "(1989)豫0326执1号",  # year out of range
        "(2101)豫0326执1号",
        "(2025)豫0326执12345678号",  # 8 digits
        "(2025)豫0326执00000001号",  # leading zeros: fine
        "(2025)豫032执1号",  # 3 court digits
        "(2025)豫0326执号",
        "(2025)豫0326执1号号",
        "(2025)豫0326执恢恢1号",
        "(2025〕豫0326执1号",
        "(２０２５)豫0326执1号",
        " (2025)豫0326执1号",
        "2025豫0326执1号",
        "(2025)XX0326执1号",
    ]
    rng = random.Random(17)
    alphabet = "()（）〔〕20豫鄂0326执恢保号 x１"
    values += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(5, 16))) for _ in range(3000)]
    got = _same_both_ways(monkeypatch, case_no_mod, "_STANDARD_RE", parse_case_no, values)
    assert got[1] == ("ok", parse_case_no("(2025)豫0326执2号"))
    assert got[5][0] == got[6][0] == got[8][0] == "error"


def test_plain_amounts_read_as_the_decimal_reading_does(monkeypatch):
    rng = random.Random(5)
    values: list[object] = [
        "0", "0.0", "00.5", "1,234.5", "1,234", "12,34", "1234,567", "5.", ".5", "0.00", "007.50",
        "1.234", "48,915.32", " 12", "１２", "123,456,789,012,345.99", "999999999999999.99",
        "9999999999999999", 0, 10**15, 10**15 + 1, -5, 0.0, -0.0, 1e-5, 1e20, 12.345, 7906.2,
    ]  # fmt: skip
    for _ in range(3000):
        x = rng.choice([rng.randrange(0, 10**7) / 100, rng.random() * 10 ** rng.randrange(0, 18)])
        values += [x, f"{x:,.2f}", f"{x:.2f}", repr(x), int(x)]

    def slow(v):  # the general reading: a subclass never takes a fast path
        kind = type(v)
        sub = {str: type("S", (str,), {}), float: type("F", (float,), {}), int: type("I", (int,), {})}
        return parse_money(sub[kind](v) if kind in sub else v)

    for v in values:
        assert _outcome(parse_money, v) == _outcome(slow, v), v
    assert parse_money("48,915.32") == 4_891_532
    assert parse_money(7906.2) == 790_620
    assert _outcome(parse_money, "1.234")[0] == "error"
    assert _outcome(parse_money, "1234,567")[0] == "error"
    with monkeypatch.context() as m:
        m.setattr(money, "_PLAIN_RE", NEVER)
        assert parse_money("48,915.32") == 4_891_532


def test_plain_resident_ids_check_as_cleaned_ones(monkeypatch):
    rng = random.Random(3)
    good = [
        make_resident_id(rng, "410326", date(1960 + i % 50, 1 + i % 12, 1 + i % 28), i % 2 == 0)
        for i in range(300)
    ]
    values = good + [g[:17] + ("0" if g[17] != "0" else "1") for g in good[:50]]  # bad check digits
    values += [g[:6] + "20301301" + g[14:] for g in good[:20]]  # no such birth date / future
    values += [g.lower() for g in good if g.endswith("X")] + [g[:6] + " " + g[6:] for g in good[:20]]
    values += ["91410326MA44A0BB3C", "410326199001011234", "4103261990010112", ""]

    def read(v):
        return check_identity(v, today=TODAY)

    _same_both_ways(monkeypatch, identity, "_RESIDENT_ID_CHARS_RE", read, values)
    assert read(good[0]).number == good[0]


def test_plain_mobiles_check_as_the_full_reading(monkeypatch):
    values = ["13800000000", "19912345678", "12800000000", "138000000001", "+8613800000000",
              "138-0000-0000", " 13800000000", "１3800000000", "0376-6212345", "10086"]  # fmt: skip

    def slow(v):
        return check_phone(type("S", (str,), {})(v))  # a subclass never takes the fast path

    for v in values:
        assert _outcome(check_phone, v) == _outcome(slow, v), v
    assert contact._MOBILE_RE.fullmatch("13800000000")


@pytest.mark.parametrize("text", ["2026/7/8", "2026-07-08", "2026年7月8日", "2026/2/30", "2027/1/1", "明天"])
def test_text_dates_read_once_answer_every_row_alike(text):
    """A date typed as text is read once and remembered: a second row with the same text gets
    the same date, or the same error, naming its own row."""
    from pathlib import Path

    from zhixing_tui.services.imports.fields import CASE_FIELDS
    from zhixing_tui.services.imports.read import Table
    from zhixing_tui.services.imports.rows import RowReader

    table = Table(Path("x.xlsx"), 1, {"filed_on": 0}, {"filed_on": "立案日期"}, iter(()))
    specs = {s.key: s for s in CASE_FIELDS}
    first, second = (RowReader(table, specs, n, [text], TODAY) for n in (2, 3))
    a, b = first.date("filed_on"), second.date("filed_on")
    assert a == b
    assert [(i.row, i.reason) for i in first.issues] == [(2, i.reason) for i in second.issues]
    if text.startswith("2026/2") or text == "明天":
        assert first.issues and "立案日期" in first.issues[0].reason
    if text == "2027/1/1":
        assert first.issues[0].reason == "立案日期晚于今天（2026-11-20），日期不可能"


def test_split_names_of_one_name_answers_as_the_split():
    from zhixing_tui.services.imports import fields

    values = ["张三", "张三、李四", "张三,李四", " 张三 ", "张 三", "", " ", "、", "410326199001011234",
              "ABC公司", "a1", "张三；", "张三\n李四", "张三\u3000", "①", "Ⅻ", "张三、、李四"]  # fmt: skip
    for v in values:
        assert fields.split_names(v) == [p.strip() for p in fields._SPLIT.split(v) if p.strip()], v


def test_standard_case_no_built_without_rechecks_is_the_checked_one():
    """parse_case_no's fast path builds its CaseNo without __post_init__ (its match checked every
    part): the result must equal, hash and print as the checked constructor's."""
    from zhixing_tui.domain.case_no import CaseNo

    for text, parts in [
        ("(2025)豫0326执1号", (2025, "豫0326", "执", 1)),
        ("（2026）豫15执恢0012号", (2026, "豫15", "执恢", 12)),
        ("(1990)京执他9999999", (1990, "京", "执他", 9999999)),
    ]:
        fast, checked = parse_case_no(text), CaseNo(*parts)
        assert type(fast) is CaseNo
        assert (fast, hash(fast), fast.text, repr(fast)) == (
            checked,
            hash(checked),
            checked.text,
            repr(checked),
        )
        assert (fast.year, fast.court_code, fast.type_code, fast.number) == parts
        with pytest.raises(AttributeError):
            fast.year = 2000  # type: ignore[misc]  # still frozen


def test_plain_fen_is_parse_money_or_nothing():
    """RowReader.money's shortcut: plain_fen answers exactly parse_money(_whole(v)), or None."""
    from zhixing_tui.domain.money import plain_fen
    from zhixing_tui.services.imports.rows import _whole

    rng = random.Random(11)
    values: list[object] = [
        0, 1, 10**15, 10**15 + 1, -1, True, False, None, 0.0, -0.0, 100.0, 7906.2, 12.345, 1e15, 1e16,
        float("nan"), float("inf"), "0", "48,915.32", "1.5万", "12.3元", " 12", "", "  ", "1,23", "-5",
    ]  # fmt: skip
    for _ in range(3000):
        x = rng.choice([rng.randrange(0, 10**7) / 100, rng.random() * 10 ** rng.randrange(0, 18)])
        values += [x, -x, f"{x:,.2f}", f"{x:.3f}", repr(x), int(x), float(int(x))]
    taken = 0
    for v in values:
        fen = plain_fen(v)
        if fen is not None:
            taken += 1
            assert _outcome(lambda w: parse_money(_whole(w)), v) == ("ok", fen), v
    assert taken > len(values) // 3
    assert plain_fen(7906.2) == 790_620 and plain_fen("48,915.32") == 4_891_532 and plain_fen(-5) is None


@pytest.mark.parametrize(
    "cell", [7906.2, "48,915.32", 100, 100.0, "1.5万元", "-3", "", "  ", None, "12.345", 1e16, "abc", True]
)
def test_row_money_shortcut_answers_as_the_full_reading(monkeypatch, cell):
    """The same value and the same issues with the shortcut switched off."""
    from pathlib import Path

    from zhixing_tui.services.imports import rows as rows_mod
    from zhixing_tui.services.imports.fields import CASE_FIELDS
    from zhixing_tui.services.imports.read import Table
    from zhixing_tui.services.imports.rows import RowReader

    table = Table(Path("x.xlsx"), 1, {"claim": 0}, {"claim": "申请执行标的额"}, iter(()))
    specs = {s.key: s for s in CASE_FIELDS}

    def read():
        rr = RowReader(table, specs, 2, [cell], TODAY)
        return rr.money("claim", required=True), [i.as_dict() for i in rr.issues]

    fast = read()
    with monkeypatch.context() as m:
        m.setattr(rows_mod, "plain_fen", lambda _v: None)
        assert read() == fast


def test_plain_fen_of_a_float_of_whole_fen_is_its_repr_reading(monkeypatch):
    """plain_fen reads a float holding whole 分 by arithmetic, without its repr: the same 分 as the
    repr's reading (parse_money), for every float it takes; floats it does not take go on to it."""
    from zhixing_tui.domain.money import plain_fen
    from zhixing_tui.services.imports.rows import _whole

    rng = random.Random(19)
    values: list[float] = [0.01, 0.005, 0.015, 0.1 + 0.2, 1 / 3, 2.675, 1.005, 8.325, 4.35, 0.29, 1e-3,
                           9999999999999.99, 1e13 - 0.01, 1e13, 1e13 + 0.5, 123456789012.34, 0.0, -0.0,
                           5e-324, -0.01, float("nan"), float("inf"), 7906.2, 717.2]  # fmt: skip
    for _ in range(20000):
        values.append(rng.randrange(0, 10 ** rng.randrange(1, 16)) / 100)
        values.append(rng.random() * 10 ** rng.randrange(-3, 14))
        values.append(round(rng.random() * 10 ** rng.randrange(0, 13), 2))
    taken = 0
    for v in values:
        fen = plain_fen(v)
        if fen is not None:
            assert _outcome(lambda w: parse_money(_whole(w)), v) == ("ok", fen), v
        if fen is not None and 0.01 <= v < 1e13 and round(v * 100) / 100 == v:
            taken += 1
    assert taken > 20000
    with monkeypatch.context() as m:
        m.setattr(money, "_PLAIN_RE", NEVER)  # the arithmetic alone
        assert plain_fen(7906.2) == 790_620 and plain_fen(0.29) == 29 and plain_fen(1e13) is None
        assert plain_fen(-0.0) is None and plain_fen(0.005) is None and plain_fen(12.345) is None


def test_plain_resident_id_is_check_identity_or_nothing():
    """The fast reading of a row's 身份证号: the number check_identity gives without a warning, or
    None (and check_identity reads it: a warning, a lower-case x, an error …)."""
    from zhixing_tui.domain.identity import plain_resident_id

    rng = random.Random(29)
    good = [
        make_resident_id(rng, rng.choice(["410326", "410381", "110105", "419999"]), date(1950 + i % 70, 1 + i % 12, 1 + i % 28), i % 2 == 0)
        for i in range(600)
    ]  # fmt: skip
    values: list[object] = good + [g[:17] + ("0" if g[17] != "0" else "1") for g in good[:80]]
    values += [g[:6] + "20301301" + g[14:] for g in good[:20]] + [
        g[:6] + "18991231" + g[14:] for g in good[:5]
    ]
    values += [g.lower() for g in good if g.endswith("X")] + [g[:6] + " " + g[6:] for g in good[:20]]
    values += ["91410326MA44A0BB3C", "4103261990010112", "", None, 410326199001011234]
    taken = 0
    for v in values:
        number = plain_resident_id(v, TODAY)
        if number is None:
            continue
        taken += 1
        info = check_identity(v, today=TODAY)  # type: ignore[arg-type]
        assert (info.kind, info.number, info.warnings) == ("resident_id", number, ()), v
    warned = [g for g in good if check_identity(g, today=TODAY).warnings]
    assert warned and all(plain_resident_id(g, TODAY) is None for g in warned)
    assert taken > 300


def test_a_party_s_kind_is_the_row_s_then_by_its_number_then_by_its_name():
    from zhixing_tui.services.imports.case_parties import party_kind

    assert party_kind("某某公司", "11010519491231002X", "organ") == "organ"
    assert party_kind("某某公司", "11010519491231002X", None) == "person"
    assert party_kind("张三", "91410326MA40000000", None) == "company"
    assert party_kind("某某有限公司", None, None) == "company"
    assert party_kind("张三", None, None) == "person"
    assert party_kind("张三", None, None, guess=lambda _n: "other_org") == "other_org"

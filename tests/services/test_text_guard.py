"""NUL characters and over-long text are refused alike on SQLite and PostgreSQL, in Chinese."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func
from sqlmodel import select

from zhixing_tui.errors import InvalidValue
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.storage.models import AuditEntry, Case


def _register(desk, respondent: str = "张三", cause: str = "") -> int:
    return register_case(
        desk,
        case_no="(2026)豫0326执9号",
        filed_on=date(2026, 9, 1),
        claim_fen=100_000,
        applicants=[PartyInput("李四")],
        respondents=[PartyInput(respondent)],
        cause=cause,
    )


def _counts(desk) -> tuple[int, int]:
    with desk.session() as s:
        return s.exec(select(func.count(Case.id))).one(), s.exec(select(func.count(AuditEntry.id))).one()


def test_a_41_character_operator_is_refused_before_anything_is_written(desk):
    before = _counts(desk)
    with pytest.raises(InvalidValue, match="操作人姓名过长：最多 40 个字符，现为 41 个"):
        _register(replace(desk, operator="张" * 41))
    assert _counts(desk) == before
    _register(replace(desk, operator="张" * 40))  # exactly the limit is kept
    cases, entries = _counts(desk)
    assert cases == before[0] + 1 and entries > before[1]


def test_an_operator_with_a_nul_is_refused(desk):
    with pytest.raises(InvalidValue, match="操作人姓名含有控制字符"):
        _register(replace(desk, operator="张\x00三"))
    assert _counts(desk)[0] == 0


def test_nul_in_a_party_name_is_refused(desk):
    with pytest.raises(InvalidValue, match=r"含有空字符（NUL，\\x00），无法保存"):
        _register(desk, respondent="张\x00三")
    assert _counts(desk)[0] == 0


def test_a_cause_longer_than_its_column_is_refused_naming_the_field(desk):
    with pytest.raises(InvalidValue, match=r"enforcement_case\.cause过长：最多 100 个字符，现为 101 个"):
        _register(desk, cause="借" * 101)
    assert _counts(desk)[0] == 0


def test_nul_is_found_in_every_shape_of_parameters():
    """The statement listener's fast scan sees a NUL wherever a driver call carries text: one
    row (tuple, list, mapping), many rows (executemany), nested values."""
    from datetime import date

    from zhixing_tui.storage.guard import _has_nul

    bad = [
        "a\x00",
        ("x", 1, "a\x00"),
        [("x", 1, None), (date(2026, 1, 1), "y\x00")],
        {"k": "v\x00"},
        [{"k": 1}, {"k": "v\x00"}],
        (("a", ("b\x00",)),),
        [(1, [2, "z\x00"])],
    ]
    good = ["a", ("x", 1, 2.5, None, True, b"\x00"), [("x", 1), ("y",)], {"k": "v"}, [{"k": 1}], None, 5]
    assert all(_has_nul(p) for p in bad)
    assert not any(_has_nul(p) for p in good)

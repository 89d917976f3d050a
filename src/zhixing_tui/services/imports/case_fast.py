"""The fast reading of a case-import row: one function for the common, fully valid row.

Most rows of a county's file are plain and valid: a standard 案号 of this court, a date cell or
a date typed as text, a plain amount, one 申请执行人 and one 被执行人 with a plain 身份证号 or
统一社会信用代码, a mobile number. :func:`fast_parser` reads such a row with the columns'
indexes found once, the domain's fast paths inlined, no :class:`RowReader` lookups, and gives
exactly the :class:`CaseRecord` :meth:`CaseImport.parse` gives for it. Anything unusual (a blank
required cell, a cell that needs the full reading, a warning, a problem of any kind) and it
gives up, and the row goes through :meth:`CaseImport.parse`: every issue, warning and message
comes from there. tests/services/test_import_fast_row.py compares both on a spread of rows.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from ...domain.case_no import _STANDARD_RE, YEAR_MAX, YEAR_MIN, _trusted
from ...domain.closing import normalize_closing_method
from ...domain.contact import _MOBILE_RE
from ...domain.identity import plain_resident_id
from ...domain.money import plain_fen
from ...errors import InvalidValue
from ..cases.registry import CheckedParty, check_party_values
from .case_parties import party_kind
from .fields import KIND_WORDS, case_values, guess_kind, parse_yes_no, split_names
from .read import FieldSpec, Table, clean_text
from .rows import RowReader, _date_text

if TYPE_CHECKING:
    from .cases import CaseImport, CaseRecord

__all__ = ["FastRow", "fast_parser"]

#: (row number, cells) → the row's reader and record, or None: read it the full way
FastRow = Callable[[int, list[Any]], "tuple[RowReader, CaseRecord] | None"]

#: the fields in the order the fast reading takes them from a row
_ORDER = (
    "case_no",
    "filed_on",
    "applicant",
    "respondent",
    "claim",
    "respondent_id",
    "respondent_kind",
    "basis",
    "cause",
    "unit",
    "handler",
    "closed_on",
    "closing_method",
    "closing_amount",
    "recovered",
    "applicant_phone",
    "respondent_address",
    "non_litigation",
)
#: what read() sets of a CaseRecord, in its order
_RECORD_FIELDS = ["row", "case_no", "filed_on", "claim_fen", "applicants", "respondents", "values",
                  "unit_name", "handler_name", "unit_id", "handler_id", "warnings"]  # fmt: skip
#: what read() sets of a RowReader (its ``values`` are made at their first use)
_READER_ATTRS = ["table", "specs", "row", "cells", "today", "issues", "warnings", "parsed", "key"]
_PAD = [None]  # appended to a row when the file lacks a column: its index is -1


class _Slow(Exception):
    """The row needs the full reading."""


def fast_parser(
    kind: CaseImport, table: Table, specs: dict[str, FieldSpec], today: date, CaseRecord: type[CaseRecord]
) -> FastRow:
    """The fast reading of ``table``'s rows for ``kind`` (see the module docstring); ``CaseRecord``
    is given by :mod:`.cases`, which imports this module (so this one does not import it)."""
    columns = table.columns
    assert set(columns) <= set(_ORDER), "a case field the fast reading does not know"
    width = max(columns.values()) + 1
    pad = len(columns) < len(_ORDER)
    take = itemgetter(*[columns.get(k, -1) for k in _ORDER])
    filed_label = specs["filed_on"].label
    closed_label = specs["closed_on"].label
    court_code = kind.court_code
    kinds: dict[str, str] = {}  # name → guess_kind(name)
    methods: dict[str, str] = {}  # 结案方式 as written → normalize_closing_method of it
    new = object.__new__
    assert list(CaseRecord.__dataclass_fields__) == _RECORD_FIELDS, "CaseRecord changed: see read()"
    probe = RowReader(table, specs, 0, [], today)
    assert list(vars(probe)) == _READER_ATTRS, "RowReader changed: see read()"
    standard, mobile = _STANDARD_RE.fullmatch, _MOBILE_RE.fullmatch

    def text(v: Any) -> str:
        return "" if v is None else " ".join(v.split()) if type(v) is str else clean_text(v)

    def day(v: Any, label: str) -> date | None:
        if v is None:
            return None
        if type(v) is date:
            d = v
        elif type(v) is str and v.strip():
            try:
                d = _date_text(v, label)
            except InvalidValue:
                raise _Slow from None
        else:
            raise _Slow
        if d > today:
            raise _Slow
        return d

    def fen(v: Any) -> int | None:
        f = plain_fen(v)
        if f is None and not (v is None or (type(v) is str and not v.strip())):
            raise _Slow
        return f

    def guess(name: str) -> str:
        k = kinds.get(name)
        if k is None:
            k = kinds[name] = guess_kind(name)
        return k

    def respondents(names: list[str], raw_id: Any, raw_kind: Any, address: str) -> list[CheckedParty]:
        if raw_id is not None and type(raw_id) is not str:
            raise _Slow  # a number, or anything but text: the full reading says what is wrong
        ids = split_names(text(raw_id))
        if ids and len(ids) != len(names):
            raise _Slow
        words = split_names(text(raw_kind))
        if words:
            if len(words) not in (1, len(names)) or any(w not in KIND_WORDS for w in words):
                raise _Slow
            kinds_of = [KIND_WORDS[w] for w in words] * (len(names) if len(words) == 1 else 1)
        else:
            kinds_of = []
        out = []
        for i, name in enumerate(names):
            number = ids[i] if ids else None
            k = party_kind(name, number, kinds_of[i] if kinds_of else None, guess)
            where = address if i == 0 else ""
            plain = plain_resident_id(number, today) if number and k == "person" else None
            if plain is not None:
                out.append(CheckedParty(name, "person", plain, "", where))
                continue
            try:
                party = check_party_values(name, k, number, "", where, role="respondent", today=today)
            except InvalidValue:
                raise _Slow from None
            if party.warnings:
                raise _Slow
            out.append(party)
        return out

    def read(number: int, cells: list[Any]) -> tuple[RowReader, CaseRecord] | None:
        if len(cells) < width or "\x00" in "".join([c for c in cells if type(c) is str]):
            return None
        (
            v_no, v_filed, v_app, v_resp, v_claim, v_id, v_kind, v_basis, v_cause, v_unit,
            v_handler, v_closed, v_method, v_closing, v_recovered, v_phone, v_address, v_nonlit,
        ) = take(cells + _PAD if pad else cells)  # fmt: skip
        try:
            # 案号: the standard form of this court (else the full reading, and its warning)
            m = standard(v_no) if type(v_no) is str else None
            if m is None or m[2] != court_code:
                return None
            year, serial = int(m[1]), int(m[4])
            if not (YEAR_MIN <= year <= YEAR_MAX and serial > 0):
                return None
            filed_on = day(v_filed, filed_label)  # (a later day than today: _Slow)
            claim = plain_fen(v_claim)
            if filed_on is None or claim is None or type(v_app) is not str or type(v_resp) is not str:
                return None
            app_names = split_names(" ".join(v_app.split()))
            resp_names = split_names(" ".join(v_resp.split()))
            if not app_names or not resp_names:
                return None
            phone = (
                ""
                if v_phone is None
                else " ".join(v_phone.split())
                if type(v_phone) is str
                else text(v_phone)
            )
            if phone and not mobile(phone):  # what check_phone keeps as it is
                return None
            if len(app_names) == 1:
                name = app_names[0]
                applicants = [CheckedParty(name, kinds.get(name) or guess(name), None, phone, "")]
            else:
                applicants = [
                    CheckedParty(name, guess(name), None, phone if i == 0 else "", "")
                    for i, name in enumerate(app_names)
                ]
            if v_address is None:
                address = ""
            elif type(v_address) is str:
                address = " ".join(v_address.split())
            else:
                return None
            if (  # one natural person with a plain 身份证号: what respondents() gives, shorter
                len(resp_names) == 1
                and type(v_id) is str
                and (v_kind is None or (type(v_kind) is str and KIND_WORDS.get(v_kind) == "person"))
                and (pid := plain_resident_id(v_id, today)) is not None
            ):
                resp = [CheckedParty(resp_names[0], "person", pid, "", address)]
            else:
                resp = respondents(resp_names, v_id, v_kind, address)
            values: dict[str, Any] = {}
            if v_basis is not None:
                if type(v_basis) is not str:
                    return None
                if t := " ".join(v_basis.split()):
                    values["basis"] = t
            if v_cause is not None:
                if type(v_cause) is not str:
                    return None
                if t := " ".join(v_cause.split()):
                    values["cause"] = t
            if v_nonlit is not None and not (type(v_nonlit) is str and not v_nonlit.strip()):
                try:
                    values["non_litigation"] = parse_yes_no(v_nonlit, field="非诉执行")
                except InvalidValue:
                    return None
            closed_on = None if v_closed is None else day(v_closed, closed_label)
            method = None
            if v_method is not None:
                if type(v_method) is not str:
                    return None
                if v_method.strip():
                    method = methods.get(v_method)
                    if method is None:
                        try:
                            method = methods[v_method] = normalize_closing_method(v_method)
                        except InvalidValue:
                            return None
            closing_fen = None if v_closing is None else fen(v_closing)
            recovered = None if v_recovered is None else fen(v_recovered)
        except _Slow:
            return None
        if closed_on is None:
            if method is not None or closing_fen is not None:
                return None
        elif closed_on < filed_on or method is None:
            return None
        if closing_fen is not None and recovered is not None and recovered > closing_fen:
            return None
        case_values(values, filed_on, claim, closed_on, method, closing_fen, recovered)
        case_no = _trusted(year, m[2], m[3], serial)
        # the reader and the record made as their constructors would make them, without their calls
        rr = new(RowReader)
        rr.__dict__ = {
            "table": table, "specs": specs, "row": number, "cells": cells, "today": today,
            "issues": [], "warnings": [], "parsed": True, "key": case_no.text,
        }  # fmt: skip
        record = new(CaseRecord)
        record.__dict__ = {
            "row": number, "case_no": case_no, "filed_on": filed_on, "claim_fen": claim,
            "applicants": applicants, "respondents": resp, "values": values,
            "unit_name": " ".join(v_unit.split()) if type(v_unit) is str else text(v_unit),
            "handler_name": "" if v_handler is None else text(v_handler),
            "unit_id": None, "handler_id": None, "warnings": [],
        }  # fmt: skip
        return rr, record

    return read

"""The parties of a case-import row (申请执行人, 被执行人): names, 证件号码, types, phone, address."""

from __future__ import annotations

import re

from ...domain.contact import check_phone
from ...errors import InvalidValue
from ..cases.registry import CheckedParty, check_party_values
from .fields import KIND_WORDS, guess_kind, split_names
from .rows import RowReader

__all__ = ["read_parties"]

_RESIDENT_ID_RE = re.compile(r"[0-9]{17}[0-9Xx]")


def party_kind(name: str, number: str | None, given: str | None, guess=guess_kind) -> str:
    """The kind of a party of an imported row: the one the row gives, else by its number (a
    resident ID is a person, another number an organisation), else guessed from its name
    (``guess``: :func:`.fields.guess_kind`, or a cache of it)."""
    if given:
        return given
    if number:
        return "person" if _RESIDENT_ID_RE.fullmatch(number) else "company"
    return guess(name)


def read_parties(rr: RowReader, key: str, role: str) -> list[CheckedParty]:
    """The 申请执行人 or 被执行人 of a row: names split, each with its 证件号码, type, phone and address
    checked (:func:`check_party`); a problem goes to ``rr.fail`` and gives no parties."""
    names = split_names(rr.text(key, required=True))
    if not names:
        return []
    ids: list[str] = []
    kinds: list[str] = []
    phone = address = ""
    if role == "respondent":
        raw_id = rr.raw("respondent_id")
        if isinstance(raw_id, float | int) and not isinstance(raw_id, bool):
            rr.fail("respondent_id", "证件号码被存成了数字（末几位可能已丢失），请把该列设为文本后重新填写")
            return []
        ids = split_names(rr.text("respondent_id"))
        if ids and len(ids) != len(names):
            rr.fail("respondent_id", f"证件号码有 {len(ids)} 个，被执行人有 {len(names)} 个，无法一一对应")
            return []
        words = split_names(rr.text("respondent_kind"))
        for w in words:
            if w not in KIND_WORDS:
                rr.fail(
                    "respondent_kind",
                    f"被执行人类型无法识别：「{w}」，应为 自然人、法人、非法人组织、党政机关 之一",
                )
                return []
        if words and len(words) not in (1, len(names)):
            rr.fail("respondent_kind", f"被执行人类型有 {len(words)} 个，被执行人有 {len(names)} 个")
            return []
        kinds = [KIND_WORDS[w] for w in words] * (len(names) if len(words) == 1 else 1)
        address = rr.text("respondent_address")
    else:
        text = rr.text("applicant_phone")
        if text:
            try:
                phone = check_phone(text)
            except InvalidValue as exc:
                rr.fail("applicant_phone", exc.message)
                return []
    out: list[CheckedParty] = []
    for i, name in enumerate(names):
        number = ids[i] if ids else None
        kind = party_kind(name, number, kinds[i] if kinds else None)
        try:
            checked = check_party_values(
                name,
                kind,
                number,
                phone if i == 0 else "",
                address if i == 0 else "",
                role=role,
                today=rr.today,
            )
        except InvalidValue as exc:
            rr.fail("respondent_id" if number else key, exc.message)
            return []
        for w in checked.warnings:
            rr.warn(key, w)
        out.append(checked)
    return out

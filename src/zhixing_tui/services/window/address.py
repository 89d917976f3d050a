"""What the 送达地址确认书 of each party shows (固始 002 一、3 and 8: 立案 checks it, enterprises sign
one; 浉河 003 三(三)2: "首次见到被执行人的，应责令其签署送达地址确认书").

One sheet per party: the party and its identity number, and the address and telephone zhixing
knows — for the first applicant and the first respondent what the 初次接待 record confirmed
(送达地址（已确认）, 手机号码; 实际住址, 实际经营地, 工作单位, 联系电话), else what the filing
recorded. The party checks them, corrects by hand, chooses electronic service and signs.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select

from ...errors import NotFound
from ...storage.models import IntakeRecord, Party
from ..cases.heading import case_by_no
from ..desk import Desk

__all__ = ["AddressSheet", "address_sheets"]

ROLE_NAMES = {"applicant": "申请执行人", "respondent": "被执行人"}


@dataclass(frozen=True)
class AddressSheet:
    court: str
    case_no: str
    party: str
    role: str  # 申请执行人 / 被执行人
    is_person: bool
    id_number: str
    address: str  # the address for service as recorded ("" to be written by hand)
    other_addresses: tuple[tuple[str, str], ...]  # (what, address): 实际经营地, 工作单位 …
    phone: str
    confirmed_at_intake: bool  # the address comes from the 初次接待 record


def address_sheets(desk: Desk, case_no: str, party: str | None = None) -> tuple[AddressSheet, ...]:
    """One sheet per party of the case (applicants first), or only the party named ``party``."""
    with desk.session() as s:
        case = case_by_no(s, case_no)
        parties = list(
            s.exec(
                select(Party)
                .where(Party.case_id == case.id)
                .order_by(col(Party.role), col(Party.sort_order), col(Party.id))
            )
        )
        record = s.exec(
            select(IntakeRecord).where(IntakeRecord.case_id == case.id, col(IntakeRecord.is_current))
        ).first()
    answers = dict(record.answers or {}) if record is not None and record.interviewed else {}
    first = {role: next((p.id for p in parties if p.role == role), None) for role in ROLE_NAMES}
    if party is not None:
        wanted = party.strip()
        parties = [p for p in parties if p.name == wanted]
        if not parties:
            raise NotFound(f"案件 {case.case_no} 没有名为「{wanted}」的当事人")
    sheets = []
    for p in parties:
        address, phone, others, confirmed = p.address, p.phone, [], False
        if p.id == first["applicant"] and answers.get("applicant_address"):
            address, phone, confirmed = (
                answers["applicant_address"],
                answers.get("applicant_phone") or phone,
                True,
            )
        elif p.id == first["respondent"] and answers:
            if answers.get("respondent_address"):
                address, confirmed = answers["respondent_address"], True
            phone = answers.get("respondent_phone") or phone
            for key, what in (
                ("respondent_business", "实际经营地"),
                ("respondent_workplace", "工作单位及地点"),
            ):
                if answers.get(key):
                    others.append((what, answers[key]))
        sheets.append(
            AddressSheet(
                court=desk.profile.court.name,
                case_no=case.case_no,
                party=p.name,
                role=ROLE_NAMES.get(p.role, p.role),
                is_person=p.kind == "person",
                id_number=p.id_number or "",
                address=address,
                other_addresses=tuple(others),
                phone=phone,
                confirmed_at_intake=confirmed,
            )
        )
    return tuple(sheets)

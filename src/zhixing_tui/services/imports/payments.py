"""The 案款 import (``zhixing import payments``) and the staff roster import (``zhixing import staff``).

Payments: one row per arrival — 案号, 到账日期, 金额, 缴款人 (optional 领取日期, 发放日期, 备注).
The 案号 must already be in the desk. A payment is known by (案号, 到账日期, 金额, 缴款人): the
same row imported again changes nothing; its 领取/发放 dates and 备注 are filled or corrected.

Staff: 姓名, 角色, 组别 (optional 职务, 电话, 是否组长). A person is known by name; the same name
twice in the file is a bad row, and a name the roster holds twice must be matched by 组别.
角色 is a role's Chinese name (窗口书记员, 承办人, 组长 …) or its id; 组别 a unit's name or code,
blank only for the court's leaders (院长, 副院长).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from ...domain.case_no import parse_case_no
from ...domain.contact import check_phone
from ...domain.money import format_money
from ...domain.pinyin import search_key
from ...domain.roles import ROLES
from ...errors import InvalidValue
from ...storage.models import Case, OrgUnit, Payment, Staff
from .. import audit
from ..desk import Desk
from .cases import unit_lookup
from .core import ImportReport, RowReader
from .read import FieldSpec, clean_text

__all__ = ["PAYMENT_FIELDS", "ROLE_WORDS", "STAFF_FIELDS", "PaymentImport", "StaffImport", "role_from_text"]

F = FieldSpec
PAYMENT_FIELDS: tuple[FieldSpec, ...] = (
    F("case_no", "案号", ("执行案号",), required=True),
    F("arrived_on", "到账日期", ("到账时间", "收款日期", "入账日期", "缴款日期"), required=True),
    F("amount", "金额", ("到账金额", "缴款金额", "案款金额", "收款金额"), required=True),
    F("payer", "缴款人", ("交款人", "付款人", "缴款单位"), required=True),
    F("claimed_on", "领取日期", ("认领日期",)),
    F("paid_out_on", "发放日期", ("支付日期", "付款日期", "发还日期")),
    F("note", "备注", ()),
)

STAFF_FIELDS: tuple[FieldSpec, ...] = (
    F("name", "姓名", ("人员姓名", "名字"), required=True),
    F("role", "角色", ("岗位",), required=True),
    F("unit", "组别", ("团队", "所在组", "所在团队", "部门", "承办部门", "组别/团队"), required=True),
    F("title", "职务", ("职称", "身份")),
    F("phone", "电话", ("联系电话", "手机", "手机号")),
    F("leader", "是否组长", ("组长", "负责人")),
)

#: Words for roles beyond ROLES' own names ("组长/团队长" is also read as 组长 and 团队长).
ROLE_WORDS: dict[str, str] = {"局长": "bureau_chief", "执行局长": "bureau_chief", "副局长": "deputy_chief"}
for _rid, _name in ROLES.items():
    ROLE_WORDS[_rid] = _rid
    ROLE_WORDS[_name] = _rid
    for _part in _name.split("/"):
        ROLE_WORDS.setdefault(_part, _rid)
_UNITLESS_ROLES = {"president", "vice_president"}
_YES = {"是", "Y", "y", "1", "√", "组长", "负责人", "true", "True"}
_NO = {"否", "N", "n", "0", "", "false", "False"}


def role_from_text(text: str) -> str:
    """The role id named by ``text``; ``InvalidValue`` listing the accepted names otherwise."""
    role = ROLE_WORDS.get(text.strip())
    if role is None:
        raise InvalidValue(
            f"角色无法识别：「{text}」，应为 {'、'.join(ROLES.values())} 之一", field="角色", value=text
        )
    return role


# --- payments ---------------------------------------------------------------------------------


@dataclass
class PaymentRecord:
    row: int
    case_no: str
    arrived_on: date
    amount_fen: int
    payer: str
    updates: dict[str, Any]
    case_id: int | None = None


class PaymentImport:
    name = "案款"
    fields = PAYMENT_FIELDS
    key_field = "case_no"

    def key_of(self, rr: RowReader) -> Any | None:
        try:
            no = parse_case_no(clean_text(rr.raw("case_no"))).text
        except InvalidValue:
            return None
        return (no, clean_text(rr.raw("arrived_on")), clean_text(rr.raw("amount")), rr.text("payer"))

    def parse(self, rr: RowReader) -> PaymentRecord | None:
        case_no = rr.parse("case_no", lambda v: parse_case_no(clean_text(v)).text, required=True)
        arrived = rr.date("arrived_on", required=True)
        amount = rr.money("amount", required=True)
        payer = rr.text("payer", required=True)
        if amount == 0:
            rr.fail("amount", "金额应大于0")
        updates: dict[str, Any] = {}
        for key in ("claimed_on", "paid_out_on"):
            d = rr.date(key)
            if d is not None and arrived is not None and d < arrived:
                rr.fail(key, f"{rr.specs[key].label} {d:%Y-%m-%d} 早于到账日期 {arrived:%Y-%m-%d}")
            elif d is not None:
                updates[key] = d
        if rr.has("note"):
            updates["note"] = rr.text("note")[:200]
        if rr.issues or None in (case_no, arrived, amount) or not payer:
            return None
        return PaymentRecord(rr.row, case_no, arrived, amount, payer[:120], updates)

    def check(self, s: Session, records: list[tuple[RowReader, PaymentRecord]]) -> None:
        nos = sorted({rec.case_no for _, rec in records})
        ids: dict[str, tuple[int, date]] = {}
        for start in range(0, len(nos), 500):
            for cid, no, filed in s.exec(
                select(Case.id, Case.case_no, Case.filed_on).where(
                    col(Case.case_no).in_(nos[start : start + 500])
                )
            ):
                ids[no] = (cid, filed)
        for rr, rec in records:
            found = ids.get(rec.case_no)
            if found is None:
                rr.fail("case_no", f"案号 {rec.case_no} 不在本系统中（请先导入案件）")
                continue
            rec.case_id = found[0]
            if rec.arrived_on < found[1]:
                rr.warn("arrived_on", f"到账日期早于立案日期 {found[1]:%Y-%m-%d}")

    def apply(
        self,
        s: Session,
        desk: Desk,
        records: list[tuple[RowReader, PaymentRecord]],
        report: ImportReport,
        tick: Callable[[], None],
    ) -> None:
        for _, rec in records:
            existing = s.exec(
                select(Payment).where(
                    Payment.case_id == rec.case_id,
                    Payment.arrived_on == rec.arrived_on,
                    Payment.amount_fen == rec.amount_fen,
                    Payment.payer == rec.payer,
                )
            ).first()
            money = f"{format_money(rec.amount_fen)}元"
            if existing is None:
                pay = Payment(
                    case_id=rec.case_id,
                    arrived_on=rec.arrived_on,
                    amount_fen=rec.amount_fen,
                    payer=rec.payer,
                    **rec.updates,
                )
                s.add(pay)
                s.flush()
                report.inserted += 1
                self._audit(s, desk, pay, f"导入：新增案款 {money}", None, report, rec.row)
            else:
                before = audit.snapshot(existing, list(rec.updates))
                for k, v in rec.updates.items():
                    setattr(existing, k, v)
                diff = audit.changed(before, audit.snapshot(existing, list(rec.updates)))
                if diff:
                    s.add(existing)
                    report.updated += 1
                    labels = "、".join(PAYMENT_LABELS[k] for k in diff)
                    self._audit(
                        s, desk, existing, f"导入：更新案款 {money} {labels}", before, report, rec.row
                    )
                else:
                    report.unchanged += 1
            tick()

    @staticmethod
    def _audit(s, desk, pay: Payment, summary: str, before, report: ImportReport, row: int) -> None:
        after = audit.snapshot(
            pay, ["arrived_on", "amount_fen", "payer", "claimed_on", "paid_out_on", "note"]
        )
        after.update(source=report.path.name, row=row)
        audit.record(
            s,
            operator=desk.operator,
            action="import",
            entity="payment",
            entity_id=pay.id,
            case_id=pay.case_id,
            summary=summary,
            before=before,
            after=after,
        )


PAYMENT_LABELS = {"claimed_on": "领取日期", "paid_out_on": "发放日期", "note": "备注"}


# --- staff ------------------------------------------------------------------------------------


@dataclass
class StaffRecord:
    row: int
    name: str
    role: str
    unit_text: str
    values: dict[str, Any]
    unit_id: int | None = None
    match_id: int | None = None


STAFF_LABELS = {"role": "角色", "unit_id": "组别", "title": "职务", "phone": "电话", "is_leader": "是否组长"}


class StaffImport:
    name = "人员"
    fields = STAFF_FIELDS
    key_field = "name"

    def key_of(self, rr: RowReader) -> Any | None:
        return rr.text("name") or None

    def parse(self, rr: RowReader) -> StaffRecord | None:
        name = rr.text("name", required=True)
        role = rr.parse("role", lambda v: role_from_text(clean_text(v)), required=True)
        unit_text = rr.text("unit")
        if not unit_text and role is not None and role not in _UNITLESS_ROLES:
            rr.fail("unit", "必填项为空（只有院长、副院长可以不填组别）")
        values: dict[str, Any] = {}
        if rr.has("title"):
            values["title"] = rr.text("title")[:40]
        phone = rr.parse("phone", lambda v: check_phone(clean_text(v)))
        if phone:
            values["phone"] = phone
        if rr.has("leader"):
            flag = rr.text("leader")
            if flag in _YES:
                values["is_leader"] = True
            elif flag in _NO:
                values["is_leader"] = False
            else:
                rr.fail("leader", f"是否组长应填 是 或 否，实为「{flag}」")
        if len(name) > 40:
            rr.fail("name", "姓名过长（最多40个字）")
        if rr.issues or not name or role is None:
            return None
        return StaffRecord(rr.row, name, role, unit_text, values)

    def check(self, s: Session, records: list[tuple[RowReader, StaffRecord]]) -> None:
        units = list(s.exec(select(OrgUnit).order_by(OrgUnit.sort_order, OrgUnit.id)))
        by_name = unit_lookup(units)
        known = "、".join(u.name for u in units)
        people: dict[str, list[Staff]] = {}
        for st in s.exec(select(Staff)):
            people.setdefault(st.name, []).append(st)
        for rr, rec in records:
            if rec.unit_text:
                unit = by_name.get(rec.unit_text.replace("(", "（").replace(")", "）"))
                if unit is None:
                    rr.fail("unit", f"组别「{rec.unit_text}」不存在；本院的组别有：{known}")
                    continue
                rec.unit_id = unit.id
            same = people.get(rec.name, [])
            if len(same) > 1:
                same = [p for p in same if p.unit_id == rec.unit_id]
                if len(same) != 1:
                    rr.fail("name", f"人员名册中有多位「{rec.name}」，无法按组别确定是哪一位")
                    continue
            rec.match_id = same[0].id if same else None

    def apply(
        self,
        s: Session,
        desk: Desk,
        records: list[tuple[RowReader, StaffRecord]],
        report: ImportReport,
        tick: Callable[[], None],
    ) -> None:
        for _, rec in records:
            fields = {"role": rec.role, "unit_id": rec.unit_id, **rec.values}
            if rec.match_id is None:
                st = Staff(name=rec.name, search_key=search_key(rec.name), **fields)
                s.add(st)
                s.flush()
                report.inserted += 1
                summary, before = f"导入：新增人员 {rec.name}", None
            else:
                st = s.get(Staff, rec.match_id)
                before = audit.snapshot(st, list(fields))
                for k, v in fields.items():
                    setattr(st, k, v)
                diff = audit.changed(before, audit.snapshot(st, list(fields)))
                tick()
                if not diff:
                    report.unchanged += 1
                    continue
                s.add(st)
                report.updated += 1
                summary = f"导入：更新人员 {rec.name} {'、'.join(STAFF_LABELS[k] for k in diff)}"
            after = audit.snapshot(st, ["name", *fields])
            after.update(source=report.path.name, row=rec.row)
            audit.record(
                s,
                operator=desk.operator,
                action="import",
                entity="staff",
                entity_id=st.id,
                summary=summary,
                before=before,
                after=after,
            )
            if rec.match_id is None:
                tick()

"""The staff roster import (``zhixing import staff``).

Columns: 姓名, 角色, 组别 (optional 职务, 电话, 是否组长). Only the administrator or the 执行局长
may import the roster. A person is known by name, unique within the court; the same name twice
in the file is a bad row. A row whose name is on the roster with another role is refused: it is
either a second person of that name (who must be entered disambiguated, e.g. 吴敦辉（线索查控组）)
or a role change, which is an explicit act (``zhixing staff role``), never a side effect of an
import. New members have no password until one is set (``zhixing staff password``).
角色 is a role's Chinese name (窗口书记员, 承办人, 组长 …) or its id; 组别 a unit's name or code,
blank only for the court's leaders (院长, 副院长).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, select

from ...domain.contact import check_phone
from ...domain.pinyin import search_key
from ...domain.roles import ROLES, role_name
from ...errors import InvalidValue
from ...storage.models import OrgUnit, Staff
from .. import audit
from ..desk import Desk
from ..permissions import require_roster_keeper
from .fields import unit_lookup
from .read import FieldSpec, clean_text
from .rows import ImportReport, RowReader, Tick

__all__ = ["ROLE_WORDS", "STAFF_FIELDS", "StaffImport", "role_from_text"]

F = FieldSpec
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
    table = Staff.__tablename__
    fields = STAFF_FIELDS
    key_field = "name"

    def __init__(self, desk: Desk) -> None:
        self.desk = desk  # whose permission the import needs

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
        require_roster_keeper(s, self.desk, "导入人员名册")
        units = list(s.exec(select(OrgUnit).order_by(OrgUnit.sort_order, OrgUnit.id)))
        by_name = unit_lookup(units)
        known = "、".join(u.name for u in units)
        units_by_id = {u.id: u for u in units}
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
            if same and same[0].role != rec.role:
                held = same[0]
                where = units_by_id[held.unit_id].name if held.unit_id in units_by_id else "院领导"
                rr.fail(
                    "name",
                    f"人员名册中已有「{rec.name}」（{role_name(held.role)}，{where}），本行角色为"
                    f"{role_name(rec.role)}：如是另一人，请在姓名后加以区分，如「{rec.name}（{rec.unit_text or '院领导'}）」；"
                    "如要变更其角色，请由系统管理员或执行局长用 zhixing staff role 办理",
                )
                continue
            rec.match_id = same[0].id if same else None

    def apply(
        self,
        s: Session,
        desk: Desk,
        records: list[tuple[RowReader, StaffRecord]],
        report: ImportReport,
        tick: Tick,
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

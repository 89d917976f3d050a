"""卷宗管理: the records the 卷宗管理中心 keeps of a case's file (电子卷宗、影像卷宗、纸质卷宗).

Seed 001 二(二)卷宗管理中心: 案件结案后十五日由卷宗扫描员将电子卷宗转化为影像卷宗，和纸质卷宗一并提交
档案管理部门审核归档 — :func:`record_image_file` records the conversion of a closed case
(``image_file_done`` completes ``kuaizhi.image_file``, anchored at ``closed``), once per case, by
卷宗管理 staff (``file_clerk``), the centre's leader or the bureau's leadership; it is also a row of
the 卷宗 register. The register's other movements (外出返回、材料移送、扫描编目、借出归还、移交) are in
:mod:`.register`, its lists (a case's register, the borrowing list) in :mod:`.query`.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func
from sqlmodel import col, select

from ...domain import files as df
from ...domain.roles import require
from ...errors import Conflict
from ...storage.models import AuditEntry, FileMovement
from ...storage.queries import get_case
from .. import audit
from ..deadlines.emitters import emits
from ..deadlines.nodes import apply_event
from ..desk import Desk
from ..fieldwork import check_day
from ..permissions import operator_role
from .register import (
    FILE_ROLES,
    end_borrow_reason,
    lend_file,
    receive_materials,
    record_fieldwork_return,
    record_handover,
    record_scan,
    refuse_materials,
    return_file,
)

__all__ = [
    "FILE_ROLES",
    "IMAGE_ACTION",
    "end_borrow_reason",
    "image_file_on",
    "lend_file",
    "receive_materials",
    "record_fieldwork_return",
    "record_handover",
    "record_image_file",
    "record_scan",
    "refuse_materials",
    "return_file",
]

IMAGE_ACTION = "file.image"


def image_file_on(desk: Desk, case_id: int) -> date | None:
    """The day the case's electronic file was converted to an image file (None when not yet)."""
    with desk.session() as s:
        row = s.exec(
            select(AuditEntry.after)
            .where(AuditEntry.case_id == case_id, AuditEntry.action == IMAGE_ACTION)
            .order_by(col(AuditEntry.id))
        ).first()
    return date.fromisoformat(row["on"]) if row else None


@emits("image_file_done")
def record_image_file(desk: Desk, case_id: int, *, on: date | None = None) -> date:
    """The closed case's 电子卷宗 was converted to an 影像卷宗 on ``on`` (default today); returns the day."""
    with desk.transaction() as s:
        require(operator_role(s, desk), FILE_ROLES, "登记影像卷宗转化")
        case = get_case(s, case_id)
        if case.status != "closed" or case.closed_on is None:
            raise Conflict(f"案件 {case.case_no} 尚未结案：电子卷宗在结案后转化为影像卷宗")
        done = s.exec(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.case_id == case_id, AuditEntry.action == IMAGE_ACTION)
        ).one()
        if done:
            raise Conflict(f"案件 {case.case_no} 的电子卷宗已转化为影像卷宗")
        day = check_day(desk, on, not_before=case.closed_on, since="结案日期")
        audit.record_case(
            s,
            desk,
            case_id,
            IMAGE_ACTION,
            f"电子卷宗转化为影像卷宗（{day.isoformat()}）",
            after={"on": day.isoformat()},
        )
        s.add(
            FileMovement(
                case_id=case_id,
                kind=df.IMAGE,
                moved_on=day,
                from_party="电子卷宗",
                to_party="影像卷宗",
                what="电子卷宗转化为影像卷宗",
                by=desk.operator,
                recorded_at=desk.now(),
            )
        )
        apply_event(s, desk, case, "image_file_done", desk.moment_on(day), desk.operator)
        return day

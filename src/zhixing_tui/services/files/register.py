"""The 卷宗 register's operations (案卷统一流转登记簿, seed 001 二(一)(二)): every movement of a case's
paper file is one :class:`FileMovement` row, recorded in one transaction with its audit entry and the
node event the profile waits for.

- :func:`record_fieldwork_return` 外出办案返回单位 (``materials_returned`` starts ``kuaizhi.materials_submit``:
  移送 within 2 working days);
- :func:`receive_materials` 卷宗管理中心接收登记 (``materials_submitted`` completes it and starts
  ``kuaizhi.scan``: 当日或至迟第二天扫描编目); :func:`refuse_materials` 不予签收 with the 修改意见 (no event:
  the transfer is not done);
- :func:`record_scan` 扫描上传、命名编目 (``files_scanned`` completes ``kuaizhi.scan``);
- :func:`lend_file` 借出 (``file_borrowed``), :func:`end_borrow_reason` 借卷事由消失 (``borrow_reason_ended``
  starts ``kuaizhi.borrow_return``: 1 working day), :func:`return_file` 归还 (``file_returned`` completes it);
- :func:`record_handover` 移交 between units or persons (the register only).

A case's paper file is in one place: it is lent to one borrower at a time.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from ...domain import files as df
from ...domain.periods import add_working_days
from ...domain.roles import require
from ...errors import Conflict, InvalidValue, NotFound
from ...storage.models import Case, FileMovement, Staff
from ...storage.queries import get_case
from .. import audit
from ..actors import same_person
from ..deadlines.calendar import calendar_for
from ..deadlines.emitters import emits
from ..deadlines.nodes import apply_event
from ..desk import Desk
from ..fieldwork import check_day, require_case_team
from ..permissions import operator_role

__all__ = [
    "FILE_ROLES",
    "end_borrow_reason",
    "lend_file",
    "open_borrow",
    "receive_materials",
    "record_fieldwork_return",
    "record_handover",
    "record_scan",
    "refuse_materials",
    "return_file",
]

#: who keeps the files: 卷宗管理 staff, the centre's leader (汝阳 执行事务中心主任, 001 执行局副局长)
FILE_ROLES = {"file_clerk", "center_director", "deputy_chief"}
#: who may register a handover of the file between units: the file centre and anyone who works cases
HANDOVER_ROLES = FILE_ROLES | {"handler", "monitor", "triage_clerk", "window_clerk", "query_clerk"}

PARTY_MAX, TEXT_MAX = 60, 200
ACTION = "file.{}"


def _text(value: str, field: str, *, required: bool = True, limit: int = TEXT_MAX) -> str:
    value = value.strip()
    if required and not value:
        raise InvalidValue(f"请填写{field}", field=field)
    if len(value) > limit:
        raise InvalidValue(f"{field}不能超过{limit}字", field=field, value=value)
    return value


def _handler_name(s: Session, case: Case) -> str:
    if case.handler_id is None:
        return ""
    return s.exec(select(Staff.name).where(Staff.id == case.handler_id)).first() or ""


def open_borrow(s: Session, case_id: int) -> FileMovement | None:
    """The case's file lent and not yet returned (a 借出 row no 归还 row points at)."""
    returned = select(FileMovement.borrow_id).where(
        FileMovement.case_id == case_id, col(FileMovement.borrow_id).is_not(None)
    )
    return s.exec(
        select(FileMovement)
        .where(
            FileMovement.case_id == case_id,
            FileMovement.kind == df.BORROW,
            col(FileMovement.id).not_in(returned),
        )
        .order_by(col(FileMovement.id).desc())
    ).first()


def _add(
    s: Session,
    desk: Desk,
    case: Case,
    kind: str,
    day: date,
    *,
    from_party: str = "",
    to_party: str = "",
    what: str = "",
    reason: str = "",
    borrow_id: int | None = None,
) -> FileMovement:
    row = FileMovement(
        case_id=int(case.id or 0),
        kind=kind,
        moved_on=day,
        from_party=from_party,
        to_party=to_party,
        what=what,
        reason=reason,
        borrow_id=borrow_id,
        by=desk.operator,
        recorded_at=desk.now(),
    )
    s.add(row)
    s.flush()
    arrow = f"{from_party}→{to_party}" if from_party or to_party else ""
    summary = "卷宗登记：" + "，".join(
        x for x in (f"{df.kind_name(kind)}（{day.isoformat()}）", arrow, what, reason) if x
    )
    audit.record_case(
        s,
        desk,
        row.case_id,
        ACTION.format(kind),
        summary,
        entity="file_movement",
        entity_id=row.id,
        after={
            "kind": kind,
            "on": day.isoformat(),
            "from": from_party,
            "to": to_party,
            "what": what,
            **({"reason": reason} if reason else {}),
            **({"borrow_id": borrow_id} if borrow_id else {}),
        },
    )
    return row


@emits("materials_returned")
def record_fieldwork_return(
    desk: Desk, case_id: int, *, on: date | None = None, what: str = "", place: str = ""
) -> int:
    """The handler came back from fieldwork (外出办案) on ``on`` with paper materials ``what``: they are
    due at the 卷宗管理中心 within 2 working days (001). Returns the register row's id."""
    what = _text(what, "材料", required=False)
    place = _text(place, "外出地点", required=False, limit=PARTY_MAX)
    with desk.transaction() as s:
        case = get_case(s, case_id)
        if operator_role(s, desk) not in FILE_ROLES:
            require_case_team(s, desk, case, "登记外出办案返回")
        day = check_day(desk, on, not_before=case.filed_on, since="立案日期")
        row = _add(
            s,
            desk,
            case,
            df.FIELDWORK,
            day,
            from_party=place or "外出办案",
            to_party=desk.operator,
            what=what,
        )
        apply_event(s, desk, case, "materials_returned", desk.moment_on(day), desk.operator)
        return int(row.id or 0)


@emits("materials_submitted")
def receive_materials(
    desk: Desk, case_id: int, *, what: str, from_party: str = "", on: date | None = None
) -> int:
    """The 卷宗管理中心 received and registered (接收登记) the paper materials ``what`` handed in by
    ``from_party`` (default the case's handler); scanning is due the same or the next day."""
    what = _text(what, "材料")
    from_party = _text(from_party, "移送人", required=False, limit=PARTY_MAX)
    with desk.transaction() as s:
        require(operator_role(s, desk), FILE_ROLES, "接收卷宗材料")
        case = get_case(s, case_id)
        day = check_day(desk, on, not_before=case.filed_on, since="立案日期")
        sender = from_party or _handler_name(s, case)
        if not sender:
            raise InvalidValue("请填写移送人（本案尚无承办人）", field="移送人")
        row = _add(s, desk, case, df.SUBMIT, day, from_party=sender, to_party=df.FILE_CENTER, what=what)
        apply_event(s, desk, case, "materials_submitted", desk.moment_on(day), desk.operator)
        return int(row.id or 0)


def refuse_materials(
    desk: Desk, case_id: int, *, what: str, opinion: str, from_party: str = "", on: date | None = None
) -> int:
    """审核不符合规范要求的材料不予签收，同时提出修改意见 (001): the materials go back to ``from_party``
    (default the handler); the transfer stays due."""
    what = _text(what, "材料")
    opinion = _text(opinion, "修改意见")
    from_party = _text(from_party, "移送人", required=False, limit=PARTY_MAX)
    with desk.transaction() as s:
        require(operator_role(s, desk), FILE_ROLES, "审核卷宗材料")
        case = get_case(s, case_id)
        day = check_day(desk, on, not_before=case.filed_on, since="立案日期")
        back_to = from_party or _handler_name(s, case)
        if not back_to:
            raise InvalidValue("请填写移送人（本案尚无承办人）", field="移送人")
        row = _add(
            s,
            desk,
            case,
            df.REFUSE,
            day,
            from_party=df.FILE_CENTER,
            to_party=back_to,
            what=what,
            reason=opinion,
        )
        return int(row.id or 0)


@emits("files_scanned")
def record_scan(desk: Desk, case_id: int, *, on: date | None = None, what: str = "") -> int:
    """The materials received were scanned, uploaded, named and catalogued (扫描上传、命名编目)."""
    what = _text(what, "材料", required=False)
    with desk.transaction() as s:
        require(operator_role(s, desk), FILE_ROLES, "登记卷宗扫描")
        case = get_case(s, case_id)
        last_scan = s.exec(
            select(FileMovement.id)
            .where(FileMovement.case_id == case_id, FileMovement.kind == df.SCAN)
            .order_by(col(FileMovement.id).desc())
        ).first()
        waiting = s.exec(
            select(FileMovement)
            .where(
                FileMovement.case_id == case_id,
                FileMovement.kind == df.SUBMIT,
                col(FileMovement.id) > (last_scan or 0),
            )
            .order_by(col(FileMovement.id).desc())
        ).first()
        if waiting is None:
            raise Conflict(f"案件 {case.case_no} 没有待扫描的材料：先登记接收材料")
        day = check_day(desk, on, not_before=waiting.moved_on, since="接收材料日期")
        row = _add(
            s,
            desk,
            case,
            df.SCAN,
            day,
            from_party=df.FILE_CENTER,
            to_party="电子卷宗",
            what=what or waiting.what,
        )
        apply_event(s, desk, case, "files_scanned", desk.moment_on(day), desk.operator)
        return int(row.id or 0)


@emits("file_borrowed")
def lend_file(
    desk: Desk, case_id: int, *, borrower: str, reason: str, what: str = "", on: date | None = None
) -> int:
    """The 卷宗管理中心 lends the case's paper file (借出、借阅、复制) to ``borrower`` for ``reason``."""
    borrower = _text(borrower, "借卷人", limit=PARTY_MAX)
    reason = _text(reason, "借卷事由")
    what = _text(what, "卷宗", required=False) or "纸质卷宗"
    with desk.transaction() as s:
        require(operator_role(s, desk), FILE_ROLES, "登记借出卷宗")
        case = get_case(s, case_id)
        held = open_borrow(s, case_id)
        if held is not None:
            raise Conflict(
                f"案件 {case.case_no} 的卷宗已于 {held.moved_on.isoformat()} 借给{held.to_party}，尚未归还"
            )
        day = check_day(desk, on, not_before=case.filed_on, since="立案日期")
        row = _add(
            s,
            desk,
            case,
            df.BORROW,
            day,
            from_party=df.FILE_CENTER,
            to_party=borrower,
            what=what,
            reason=reason,
        )
        apply_event(s, desk, case, "file_borrowed", desk.moment_on(day), desk.operator)
        return int(row.id or 0)


def _borrowed(s: Session, case: Case) -> FileMovement:
    held = open_borrow(s, int(case.id or 0))
    if held is None:
        raise NotFound(f"案件 {case.case_no} 的卷宗没有借出未还的记录")
    return held


@emits("borrow_reason_ended")
def end_borrow_reason(desk: Desk, case_id: int, *, on: date | None = None) -> date:
    """The reason the file was borrowed for ended on ``on``: it must be back within 1 working day.
    Recorded by the 卷宗管理中心 or the borrower; returns the day the file is due back."""
    cal = calendar_for(desk)
    with desk.transaction() as s:
        role = operator_role(s, desk)
        case = get_case(s, case_id)
        held = _borrowed(s, case)
        if role not in FILE_ROLES and not same_person(s, desk, held.to_party_id, held.to_party):
            require(role, FILE_ROLES, "登记借卷事由消失")
        if held.reason_ended_on is not None:
            raise Conflict(f"案件 {case.case_no} 的借卷事由已于 {held.reason_ended_on.isoformat()} 登记消失")
        day = check_day(desk, on, not_before=held.moved_on, since="借出日期")
        held.reason_ended_on = day
        s.add(held)
        audit.record_case(
            s,
            desk,
            case_id,
            ACTION.format("reason_ended"),
            f"卷宗登记：借卷事由消失（{day.isoformat()}），{held.to_party}应在1个工作日内归还",
            entity="file_movement",
            entity_id=held.id,
            before={"reason_ended_on": None},
            after={"reason_ended_on": day.isoformat()},
        )
        apply_event(s, desk, case, "borrow_reason_ended", desk.moment_on(day), desk.operator)
        return add_working_days(day, 1, cal)


@emits("file_returned")
def return_file(desk: Desk, case_id: int, *, on: date | None = None, what: str = "") -> int:
    """The borrower returned the whole paper file to the 卷宗管理中心 (归还); returns the row's id."""
    what = _text(what, "卷宗", required=False)
    with desk.transaction() as s:
        require(operator_role(s, desk), FILE_ROLES, "登记归还卷宗")
        case = get_case(s, case_id)
        held = _borrowed(s, case)
        if held.reason_ended_on is not None:
            day = check_day(desk, on, not_before=held.reason_ended_on, since="借卷事由消失日期")
        else:
            day = check_day(desk, on, not_before=held.moved_on, since="借出日期")
        row = _add(
            s,
            desk,
            case,
            df.RETURN,
            day,
            from_party=held.to_party,
            to_party=df.FILE_CENTER,
            what=what or held.what,
            borrow_id=held.id,
        )
        apply_event(s, desk, case, "file_returned", desk.moment_on(day), desk.operator)
        return int(row.id or 0)


def record_handover(
    desk: Desk, case_id: int, *, from_party: str, to_party: str, what: str, on: date | None = None
) -> int:
    """A handover (移交) of the file or part of it between units or persons, for the register."""
    from_party = _text(from_party, "移交人", limit=PARTY_MAX)
    to_party = _text(to_party, "接收人", limit=PARTY_MAX)
    what = _text(what, "移交材料")
    if from_party == to_party:
        raise InvalidValue("移交人与接收人相同", field="接收人", value=to_party)
    with desk.transaction() as s:
        require(operator_role(s, desk), HANDOVER_ROLES, "登记卷宗移交")
        case = get_case(s, case_id)
        day = check_day(desk, on, not_before=case.filed_on, since="立案日期")
        row = _add(s, desk, case, df.HANDOVER, day, from_party=from_party, to_party=to_party, what=what)
        return int(row.id or 0)

"""恢复执行: an application to resume a case closed by 终本, its review, and the 执恢 case it opens.

《最高人民法院关于严格规范终结本次执行程序的规定（试行）》（法〔2016〕373号）第九条第一款: 终结本次执行
程序后，申请执行人发现被执行人有可供执行财产的，可以向执行法院申请恢复执行 … 执行法院核查属实的，应当
恢复执行. Who reviews, and in how many steps, is the court's (profile ``[resumption]``): 汝阳's 终本管理组
decides within 7日 of receiving the materials (000 二(一)6; rule ``ruyang.resumption``); 监利's
application is 组长初审、局长审核 (004 第一组 1).

:func:`request_resumption` records the application (``resumption_requested`` on the old case)
as a pending :class:`Approval` of kind ``resumption`` (the approvals screen lists it);
:func:`decide_resumption` passes one step of the chain or rejects. The last step's approval
records ``resumption_decided`` and ``resumption_filed`` on the old case (its 终本 re-query series
ends there: the case is executed again under the new number) and registers the 执恢 case through
the ordinary registration (same parties, basis and cause; 申请执行标的额 the part not recovered;
the next free 执恢 number of the decision's year), linked to the old one by a
:class:`RelatedCaseLink` with reason 恢复执行. A rejection (不予立案) needs its reason and records
``resumption_decided``. Each call is one transaction with its audit entries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from ...domain.case_no import CaseNo
from ...domain.roles import require
from ...errors import Conflict, InvalidValue, NotFound
from ...storage.models import Approval, Case, Party, RelatedCaseLink
from .. import audit
from ..board.rights import refuse_own
from ..cases.registry import PartyInput, register_case
from ..deadlines.emitters import emits
from ..deadlines.nodes import apply_event
from ..desk import Desk
from ..permissions import operator_role
from .library import RESUMPTION_LINK
from .requery import zhongben_case

__all__ = [
    "KIND",
    "RESUME_TYPE",
    "ResumptionDecision",
    "decide_resumption",
    "next_resumption_no",
    "pending_resumption",
    "request_resumption",
]

KIND = "resumption"
#: the 案号 type code of a resumed case
RESUME_TYPE = "执恢"
#: who may record an application: the 窗口 (前台 恢复执行, 监利 004 一) and the 终本 staff
REQUEST_ROLES = {"window_clerk", "query_clerk", "handler", "supervisor"}


@dataclass(frozen=True, slots=True)
class ResumptionDecision:
    approved: bool
    final: bool  # the chain is over (approved at its last step, or rejected)
    step: str  # the step just decided
    next_step: str | None  # the step that comes next, when not final
    new_case_id: int | None
    new_case_no: str | None


def pending_resumption(s: Session, case_id: int, *, lock: bool = False) -> Approval | None:
    """The case's pending application; ``lock`` holds its row (PostgreSQL) until the transaction
    ends, so a second clerk deciding at the same moment waits and then sees the step decided."""
    query = select(Approval).where(
        Approval.case_id == case_id, Approval.kind == KIND, Approval.status == "pending"
    )
    return s.exec(query.with_for_update() if lock else query).first()


def next_resumption_no(s: Session, court_code: str, year: int) -> str:
    """The next free 执恢 案号 of ``year`` in this court."""
    top = s.exec(
        select(func.max(Case.number)).where(
            Case.year == year, Case.court_code == court_code, Case.type_code == RESUME_TYPE
        )
    ).one()
    return CaseNo(year, court_code, RESUME_TYPE, (top or 0) + 1).text


def _resumed_by(s: Session, case_id: int) -> str | None:
    return s.exec(
        select(Case.case_no)
        .join(RelatedCaseLink, col(RelatedCaseLink.case_id) == col(Case.id))
        .where(RelatedCaseLink.other_case_id == case_id, RelatedCaseLink.reason == RESUMPTION_LINK)
    ).first()


@emits("resumption_requested")
def request_resumption(desk: Desk, case_id: int, *, received_on: date, reason: str) -> int:
    """Record an application to resume ``case_id`` (closed by 终本) received on ``received_on``;
    return the id of the pending approval."""
    reason = (reason or "").strip()
    if not reason:
        raise InvalidValue("请写明恢复执行的理由（如申请执行人提供的财产线索）", field="申请理由")
    if received_on > desk.today():
        raise InvalidValue(
            f"收到申请日期不能晚于今天（{desk.today().isoformat()}）：{received_on.isoformat()}",
            field="收到日期",
            value=received_on,
        )
    steps = desk.profile.resumption.steps
    with desk.transaction() as s:
        require(operator_role(s, desk), REQUEST_ROLES, "登记恢复执行申请")
        case = zhongben_case(s, case_id)
        assert case.closed_on is not None
        if received_on < case.closed_on:
            raise InvalidValue(
                f"收到申请日期 {received_on.isoformat()} 早于终本结案日期 {case.closed_on.isoformat()}",
                field="收到日期",
                value=received_on,
            )
        resumed = _resumed_by(s, case_id)
        if resumed:
            raise Conflict(f"案件 {case.case_no} 已恢复执行（{resumed}），不能再次申请")
        if pending_resumption(s, case_id) is not None:
            raise Conflict(f"案件 {case.case_no} 已有待审查的恢复执行申请")
        row = Approval(
            case_id=case_id,
            kind=KIND,
            level=steps[0].roles[0],
            details={
                "received_on": received_on.isoformat(),
                "reason": reason,
                "step": 0,
                "step_name": steps[0].name,
                "passed": [],
            },
            requested_by=desk.operator,
        )
        s.add(row)
        s.flush()
        audit.record_case(
            s,
            desk,
            case_id,
            "resumption.request",
            f"收到恢复执行申请（{received_on.isoformat()}）：{reason}；待{steps[0].name}",
            entity="approval",
            entity_id=row.id,
            after=dict(row.details),
        )
        apply_event(s, desk, case, "resumption_requested", desk.moment_on(received_on), desk.operator)
        assert row.id is not None
        return row.id


@emits("resumption_decided", "resumption_filed")
def decide_resumption(
    desk: Desk, case_id: int, *, approve: bool, note: str = "", decided_on: date | None = None
) -> ResumptionDecision:
    """Decide the current step of ``case_id``'s pending 恢复执行 application (see the module doc)."""
    note = (note or "").strip()
    day = decided_on or desk.today()
    if day > desk.today():
        raise InvalidValue(f"决定日期不能晚于今天（{desk.today().isoformat()}）", field="决定日期", value=day)
    if not approve and not note:
        raise InvalidValue("不予恢复执行（不予立案）须写明理由", field="理由")
    steps = desk.profile.resumption.steps
    with desk.transaction() as s:
        case = zhongben_case(s, case_id)
        row = pending_resumption(s, case_id, lock=True)
        if row is None:
            raise NotFound(f"案件 {case.case_no} 没有待审查的恢复执行申请")
        refuse_own(s, desk, row.requested_by_id, row.requested_by, "申请")
        details = dict(row.details or {})
        index = min(int(details.get("step", 0)), len(steps) - 1)
        step = steps[index]
        require(operator_role(s, desk), set(step.roles), f"{step.name}（恢复执行申请）")
        received = date.fromisoformat(details["received_on"])
        if day < received:
            raise InvalidValue(
                f"决定日期 {day.isoformat()} 早于收到申请日期 {received.isoformat()}",
                field="决定日期",
                value=day,
            )
        before = {"status": row.status, "step": index, "level": row.level}
        passed = [
            *details.get("passed", []),
            {"step": step.name, "by": desk.operator, "on": day.isoformat(), "note": note, "approve": approve},
        ]
        details["passed"] = passed
        at = desk.moment_on(day)
        if approve and index + 1 < len(steps):  # one step passed, the next reviewer's turn
            nxt = steps[index + 1]
            details.update(step=index + 1, step_name=nxt.name)
            row.details, row.level = details, nxt.roles[0]
            s.add(row)
            audit.record_case(
                s,
                desk,
                case_id,
                "resumption.review",
                f"恢复执行申请{step.name}通过{f'：{note}' if note else ''}；待{nxt.name}",
                entity="approval",
                entity_id=row.id,
                before=before,
                after={"status": row.status, "step": index + 1, "level": row.level},
            )
            return ResumptionDecision(True, False, step.name, nxt.name, None, None)
        row.details = details
        row.status = "approved" if approve else "rejected"
        row.decided_by, row.decided_at, row.note = desk.operator, at, note
        s.add(row)
        new_id = new_no = None
        if approve:
            new_no = next_resumption_no(s, desk.profile.court.code, day.year)
            new_id = _register_resumed(s, desk, case, new_no, day)
            s.add(RelatedCaseLink(case_id=new_id, other_case_id=case_id, reason=RESUMPTION_LINK))
            summary = f"恢复执行申请{step.name}：予以恢复执行，立案 {new_no}{f'（{note}）' if note else ''}"
        else:
            summary = f"恢复执行申请{step.name}：不予恢复执行（不予立案）：{note}"
        audit.record_case(
            s,
            desk,
            case_id,
            "resumption.decide",
            summary,
            entity="approval",
            entity_id=row.id,
            before=before,
            after={"status": row.status, "new_case_no": new_no},
        )
        apply_event(s, desk, case, "resumption_decided", at, desk.operator)
        if approve:
            assert new_id is not None
            audit.record_case(
                s, desk, new_id, "resumption.filed", f"恢复执行立案：原终本案件 {case.case_no}",
                after={"resumes": case.case_no},
            )  # fmt: skip
            apply_event(s, desk, case, "resumption_filed", at, desk.operator)
        return ResumptionDecision(approve, True, step.name, None, new_id, new_no)


def _register_resumed(s: Session, desk: Desk, old: Case, case_no: str, day: date) -> int:
    """Register the 执恢 case in the caller's transaction: the old case's parties, basis and cause;
    申请执行标的额 what was not recovered (never below 0)."""
    parties = s.exec(
        select(Party).where(Party.case_id == old.id).order_by(col(Party.sort_order), col(Party.id))
    ).all()

    def inputs(role: str) -> list[PartyInput]:
        return [
            PartyInput(p.name, p.kind, p.id_number, p.phone, p.address)  # type: ignore[arg-type]
            for p in parties
            if p.role == role
        ]

    return register_case(
        desk,
        case_no=case_no,
        filed_on=day,
        claim_fen=max(old.claim_fen - old.recovered_fen, 0),
        applicants=inputs("applicant"),
        respondents=inputs("respondent"),
        basis=old.basis,
        cause=old.cause,
        session=s,
    )

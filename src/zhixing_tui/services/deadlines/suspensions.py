"""中止 / 暂缓: a suspension stops the execution period; resuming it moves the period's last day.

Both record the ``suspended`` / ``resumed`` event through :func:`.nodes.apply_event` in the same
transaction, with one audit entry on the case.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import col, select

from ...errors import Conflict, InvalidValue, NotFound
from ...storage.models import Case, DeadlineNode, Suspension
from .. import audit
from ..desk import Desk
from .emitters import emits
from .nodes import EXECUTION_RULE, SUMMARY_MAX, apply_event

__all__ = ["SUSPENSION_KINDS", "resume", "suspend"]

SUSPENSION_KINDS = ("中止", "暂缓")


@emits("suspended")
def suspend(desk: Desk, case_id: int, *, kind: str, start_on: date, reason: str) -> int:
    """Record a 中止/暂缓 from ``start_on`` with its reason; the execution period stops running."""
    if kind not in SUSPENSION_KINDS:
        raise InvalidValue(f"中止类型应为 中止 或 暂缓：{kind}", field="类型", value=kind)
    if not reason.strip():
        raise InvalidValue("中止/暂缓必须写明原因", field="原因")
    with desk.transaction() as s:
        case = s.get(Case, case_id)
        if case is None:
            raise NotFound(f"案件（编号 {case_id}）不存在")
        if case.status != "open":
            raise Conflict(f"案件 {case.case_no} 当前不是执行中状态，不能{kind}")
        row = Suspension(case_id=case_id, kind=kind, start_on=start_on, reason=reason.strip())
        s.add(row)
        case.status = "suspended"
        s.add(case)
        s.flush()
        audit.record_case(
            s,
            desk,
            case_id,
            "suspend",
            f"{kind}执行：自 {start_on} 起，原因：{reason.strip()}"[:SUMMARY_MAX],
            entity="suspension",
            entity_id=row.id,
            after=audit.snapshot(row),
        )
        apply_event(s, desk, case, "suspended", start_on, desk.operator, record=False)
        return row.id


@emits("resumed")
def resume(desk: Desk, case_id: int, *, end_on: date) -> date | None:
    """End the open 中止/暂缓 on ``end_on``; return the execution period's new last day."""
    with desk.transaction() as s:
        case = s.get(Case, case_id)
        if case is None:
            raise NotFound(f"案件（编号 {case_id}）不存在")
        row = s.exec(
            select(Suspension).where(
                Suspension.case_id == case_id,
                col(Suspension.end_on).is_(None),
                col(Suspension.kind).in_(SUSPENSION_KINDS),  # not a pause an operation opened (评估 …)
            )
        ).first()
        if row is None:
            raise Conflict(f"案件 {case.case_no} 没有未结束的中止/暂缓")
        if end_on < row.start_on:
            raise InvalidValue(f"恢复日期 {end_on} 早于{row.kind}开始日期 {row.start_on}", field="恢复日期")
        before = audit.snapshot(row)
        row.end_on = end_on
        s.add(row)
        case.status = "open"
        s.add(case)
        s.flush()
        apply_event(s, desk, case, "resumed", end_on, desk.operator, record=False)
        node = s.exec(
            select(DeadlineNode).where(
                DeadlineNode.case_id == case_id, DeadlineNode.rule_id == EXECUTION_RULE
            )
        ).first()
        new_due = node.due_on if node else None
        audit.record_case(
            s,
            desk,
            case_id,
            "resume",
            f"{row.kind}结束，恢复执行：{row.start_on} 至 {end_on} 不计入执行期限"
            + (f"，执行期限顺延至 {new_due}" if new_due else ""),
            entity="suspension",
            entity_id=row.id,
            before=before,
            after=audit.snapshot(row),
        )
        return new_due

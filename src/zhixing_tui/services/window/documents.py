"""Documents of the 查控 checklist (文书): made, then served by the four steps (003 §三(三)2).

Each change runs in one transaction with its audit entry and records the events it reaches
(执行通知书 and 报告财产令 sent, the notice set served, 限制消费令 issued) for the deadline nodes. A
公告送达 records ``service_by_notice``: its 30 days (民事诉讼法 第九十五条) are not counted in the
execution period (``domain.execution_period``).
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from ...domain import checklist as rules
from ...errors import Conflict, InvalidValue, NotFound
from ...storage.models import Case, Document, ServiceAttempt
from .. import audit
from ..deadlines.emitters import emits
from ..desk import Desk
from .checklist import _day, _doc_states, _docs, _emit, _open_case

__all__ = ["add_service_attempt", "make_document"]


def _doc(s: Session, doc_id: int) -> tuple[Document, Case]:
    doc = s.get(Document, doc_id)
    if doc is None:
        raise NotFound(f"文书（编号 {doc_id}）不存在")
    return doc, _open_case(s, doc.case_id)


@emits(*rules.DOCUMENT_EVENTS)
def make_document(desk: Desk, doc_id: int, *, on: date | None = None) -> None:
    """The document was made (制作, 加盖院印): 待制作 → 已制作."""
    day = _day(desk, on, "制作日期")
    with desk.transaction() as s:
        doc, case = _doc(s, doc_id)
        if doc.status != "pending":
            raise Conflict(f"{rules.DOCUMENT_KINDS.get(doc.kind, doc.kind)}已制作，无须重复制作")
        docs = _docs(s, case.id)  # type: ignore[arg-type]
        before_states = _doc_states(docs)
        doc.status = "made"
        doc.made_on = day
        s.add(doc)
        s.flush()
        audit.record_case(
            s,
            desk,
            case.id,
            "document.made",
            f"制作{rules.DOCUMENT_KINDS.get(doc.kind, doc.kind)}",
            entity="document",
            entity_id=doc.id,
            after={"kind": doc.kind, "made_on": day},
        )
        events = rules.document_events(before_states, _doc_states(docs))
        _emit(s, desk, case, [(e, None) for e in events], desk.moment_on(day))


@emits(*rules.DOCUMENT_EVENTS, "service_by_notice")
def add_service_attempt(
    desk: Desk,
    doc_id: int,
    *,
    step: str,
    result: str,
    attempted_on: date | None = None,
    address_kind: str = "",
    note: str = "",
) -> int:
    """Record one service attempt by the four steps; a successful one serves the document."""
    day = _day(desk, attempted_on, "送达日期")
    with desk.transaction() as s:
        doc, case = _doc(s, doc_id)
        name = rules.DOCUMENT_KINDS.get(doc.kind, doc.kind)
        if doc.status == "pending":
            raise Conflict(f"{name}尚未制作，不能送达")
        earlier = [
            (a.step, a.result)
            for a in s.exec(
                select(ServiceAttempt)
                .where(ServiceAttempt.document_id == doc_id)
                .order_by(col(ServiceAttempt.attempted_on), col(ServiceAttempt.id))
            )
        ]
        rules.check_attempt(step, result, address_kind=address_kind, note=note, earlier=earlier)
        if doc.made_on and day < doc.made_on:
            raise InvalidValue(f"送达日期 {day} 早于制作日期 {doc.made_on}", field="送达日期", value=day)
        docs = _docs(s, case.id)  # type: ignore[arg-type]
        before_states = _doc_states(docs)
        attempt = ServiceAttempt(
            document_id=doc_id,
            step=step,
            address_kind=address_kind if step == "mail" else "",
            attempted_on=day,
            result=result,
            refused=result == "refused",
            note=note.strip(),
            by=desk.operator,
        )
        s.add(attempt)
        served = rules.served_by(step, result)
        if served:
            doc.status = "served"
            doc.served_on = day
            s.add(doc)
        s.flush()
        where = f"（{address_kind}）" if step == "mail" else ""
        audit.record_case(
            s,
            desk,
            case.id,
            "document.service",
            f"{name}{rules.SERVICE_STEPS[step]}{where}：{rules.SERVICE_RESULTS[result]}",
            entity="service_attempt",
            entity_id=attempt.id,
            after={
                "document": doc.kind,
                "step": step,
                "address_kind": attempt.address_kind,
                "result": result,
                "on": day,
                "note": attempt.note,
            },
        )
        events = rules.document_events(before_states, _doc_states(docs))
        if step == "notice":  # 公告送达: the 30 days until it counts as served are not counted either
            events.append("service_by_notice")
        _emit(s, desk, case, [(e, None) for e in events], desk.moment_on(day))
        return attempt.id  # type: ignore[return-value]

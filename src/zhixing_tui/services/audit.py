"""The audit trail (留痕): every change a service makes is written here, in the same transaction.

Entries are append-only: the session refuses to flush an update or delete of an AuditEntry,
the database's triggers refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL), and every entry
is chained to the one before it by hash (:mod:`.audit_chain`). Each entry carries the operator's
name as it was and their staff id.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import event
from sqlmodel import Session, SQLModel, select

from ..errors import ZhixingError
from ..storage.models import AuditEntry
from .audit_chain import chain_rows as chain_rows  # bulk inserts chain their rows through audit
from .audit_chain import staff_id_for
from .desk import Desk


def snapshot(obj: SQLModel | None, fields: list[str] | None = None) -> dict[str, Any] | None:
    """A JSON-safe dict of a row's columns (or the named ones) for before/after."""
    if obj is None:
        return None
    data = obj.model_dump(include=set(fields) if fields else None)
    return {k: _jsonable(v) for k, v in data.items()}


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def changed(before: dict[str, Any] | None, after: dict[str, Any] | None) -> dict[str, Any]:
    """Only the keys whose values differ, as {key: [before, after]}."""
    before = before or {}
    after = after or {}
    return {
        k: [before.get(k), after.get(k)]
        for k in sorted(set(before) | set(after))
        if before.get(k) != after.get(k)
    }


def record(
    session: Session,
    *,
    operator: str,
    action: str,
    entity: str,
    entity_id: int | None = None,
    case_id: int | None = None,
    summary: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    at: datetime | None = None,
    operator_id: int | None = None,
) -> AuditEntry:
    """Append one entry. ``operator`` is required: no change without a name behind it.

    ``operator_id`` is the staff id; left out, it is the id the session's desk logged in with
    when the name is the desk's operator, else the roster's id for that (unique) name."""
    if not operator or not operator.strip():
        raise ZhixingError("未指定操作人：每一项修改都必须记录操作人")
    operator = operator.strip()
    if operator_id is None:
        bound = session.info.get("desk_operator")
        if bound is not None and bound[0] == operator and bound[1] is not None:
            operator_id = bound[1]
        else:
            operator_id = staff_id_for(session, operator)
    entry = AuditEntry(
        operator=operator,
        operator_id=operator_id,
        action=action,
        entity=entity,
        entity_id=entity_id,
        case_id=case_id,
        summary=summary,
        before=_jsonable(before) if before is not None else None,
        after=_jsonable(after) if after is not None else None,
    )
    if at is not None:
        entry.at = at
    session.add(entry)
    return entry


def record_case(
    session: Session,
    desk: Desk,
    case_id: int | None,
    action: str,
    summary: str,
    *,
    entity: str = "case",
    entity_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> AuditEntry:
    """One entry about a case by the desk's operator — the common form of :func:`record`.

    ``entity``/``entity_id`` name the row that changed (the case itself unless told otherwise)."""
    return record(
        session,
        operator=desk.operator,
        action=action,
        entity=entity,
        entity_id=case_id if entity == "case" and entity_id is None else entity_id,
        case_id=case_id,
        summary=summary,
        before=before,
        after=after,
        at=at,
    )


def case_timeline(session: Session, case_id: int, *, limit: int = 200, offset: int = 0) -> list[AuditEntry]:
    """The case's history, oldest first ("where has this case been")."""
    stmt = (
        select(AuditEntry)
        .where(AuditEntry.case_id == case_id)
        .order_by(AuditEntry.at, AuditEntry.id)
        .offset(offset)
        .limit(limit)
    )
    return list(session.exec(stmt))


@event.listens_for(Session, "before_flush")
def _guard_append_only(session: Session, _ctx: Any, _instances: Any) -> None:
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, AuditEntry) and (obj in session.deleted or session.is_modified(obj)):
            raise ZhixingError("审计记录只能追加，不能修改或删除")

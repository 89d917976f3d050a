"""The audit trail (留痕): every change a service makes is written here, in the same transaction.

Entries are append-only: the session refuses to flush an update or delete of an AuditEntry,
the database's triggers refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL), and every entry
is chained to the one before it by hash. Each entry carries the operator's name as it was and
their staff id.

The chain (``domain.audit_chain``): the ORM's entries are chained in a ``before_flush`` hook,
bulk inserts through :func:`chain_rows`. The head is read and extended under a lock so two
writers cannot fork it: on SQLite the write transaction is begun (``BEGIN IMMEDIATE``) before
the head is read, so it serialises with every other writer; on PostgreSQL a transaction-scoped
advisory lock is taken. :func:`verify` walks the chain in id order and names the first broken
entry; :func:`head` is what the nightly report prints (count and hash), so a truncated or
rewritten tail shows against yesterday's report.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import event, func, inspect
from sqlmodel import Session, SQLModel, col, select

from ..domain.audit_chain import FIELDS, GENESIS, entry_hash
from ..errors import ZhixingError
from ..storage.models import AuditEntry
from .actors import actor_id, staff_id_for
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
        operator_id = actor_id(session, operator)
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


# --- the hash chain ----------------------------------------------------------------------------
#: the key of PostgreSQL's advisory lock on the chain's head
PG_LOCK_KEY = 7_201_508_001
_LOCKED = "audit_chain_locked"


@dataclass(frozen=True)
class ChainHead:
    count: int
    hash: str
    last_id: int | None


@dataclass(frozen=True)
class ChainBreak:
    id: int
    at: datetime | None
    operator: str
    problem: str  # "prev" (an entry before it is missing or was inserted) | "hash" (edited) | "unchained"


@dataclass(frozen=True)
class ChainReport:
    count: int
    head: ChainHead
    broken: ChainBreak | None

    @property
    def ok(self) -> bool:
        return self.broken is None


def _lock_and_read_head(session: Session) -> str:
    """Take the chain's lock for this transaction (once) and return the current head hash."""
    conn = session.connection()
    if not session.info.get(_LOCKED):
        if conn.dialect.name == "sqlite":
            dbapi = conn.connection.dbapi_connection
            if dbapi is not None and not dbapi.in_transaction:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
        elif conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_LOCK_KEY})")
        session.info[_LOCKED] = True
    last = session.exec(select(AuditEntry.entry_hash).order_by(col(AuditEntry.id).desc()).limit(1)).first()
    return last or GENESIS


def chain_rows(session: Session, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Fill ``prev_hash``/``entry_hash`` (and ``operator_id`` when missing) of rows about to be
    bulk-inserted into ``audit_entry``, in the order they will get their ids (by ``id`` when
    given, else as listed). Call it right before the insert, in the same transaction."""
    if not rows:
        return rows
    prev = _lock_and_read_head(session)
    ordered = sorted(rows, key=lambda r: r["id"]) if all("id" in r for r in rows) else rows
    for row in ordered:
        if "operator_id" not in row:
            row["operator_id"] = staff_id_for(session, row.get("operator"))
        row["prev_hash"] = prev
        row["entry_hash"] = prev = entry_hash(prev, row)
    return rows


def _fields(entry: AuditEntry) -> dict[str, Any]:
    return {name: getattr(entry, name) for name in FIELDS}


@event.listens_for(Session, "before_flush")
def _chain_new_entries(session: Session, _ctx: Any, _instances: Any) -> None:
    new = [obj for obj in session.new if isinstance(obj, AuditEntry)]
    if not new:
        return
    new.sort(key=lambda obj: inspect(obj).insert_order)
    prev = _lock_and_read_head(session)
    for entry in new:
        entry.prev_hash = prev
        entry.entry_hash = prev = entry_hash(prev, _fields(entry))


@event.listens_for(Session, "after_transaction_end")
def _release(session: Session, transaction: Any) -> None:
    if transaction.parent is None:
        session.info.pop(_LOCKED, None)
        session.info.pop("audit_staff_ids", None)


def head(session: Session) -> ChainHead:
    """The chain's head: how many entries, the last one's hash and id."""
    count = session.exec(select(func.count()).select_from(AuditEntry)).one()
    last = session.exec(
        select(AuditEntry.id, AuditEntry.entry_hash).order_by(col(AuditEntry.id).desc()).limit(1)
    ).first()
    if last is None:
        return ChainHead(0, GENESIS, None)
    return ChainHead(count, last[1], last[0])


def _walk(session: Session, page: int) -> Iterable[AuditEntry]:
    last = 0
    while True:
        rows = list(
            session.exec(
                select(AuditEntry).where(col(AuditEntry.id) > last).order_by(col(AuditEntry.id)).limit(page)
            )
        )
        if not rows:
            return
        yield from rows
        session.expunge_all()
        last = rows[-1].id or 0


def verify(session: Session, *, page: int = 2000) -> ChainReport:
    """Walk the chain in id order; the first entry whose link or hash does not hold is named."""
    prev = GENESIS
    count = 0
    last_id: int | None = None
    for entry in _walk(session, page):
        problem = None
        if not entry.entry_hash:
            problem = "unchained"
        elif entry.prev_hash != prev:
            problem = "prev"
        elif entry_hash(prev, _fields(entry)) != entry.entry_hash:
            problem = "hash"
        if problem:
            broken = ChainBreak(entry.id or 0, entry.at, entry.operator, problem)
            return ChainReport(count, ChainHead(count, prev, last_id), broken)
        count += 1
        prev = entry.entry_hash
        last_id = entry.id
    return ChainReport(count, ChainHead(count, prev, last_id), None)

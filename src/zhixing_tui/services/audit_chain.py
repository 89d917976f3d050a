"""The audit trail's hash chain in the database: appending under a lock, verifying, the head.

Every entry is chained when it is written (``domain.audit_chain``): the ORM's entries in a
``before_flush`` hook, bulk inserts through :func:`chain_rows`. The head is read and extended
under a lock so two writers cannot fork the chain: on SQLite the write transaction is begun
(``BEGIN IMMEDIATE``) before the head is read, so it serialises with every other writer; on
PostgreSQL a transaction-scoped advisory lock is taken.

:func:`verify` walks the chain in id order and names the first broken entry; :func:`head`
is what the nightly report prints (count and hash), so a truncated or rewritten tail shows
against yesterday's report.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import event, func, inspect
from sqlmodel import Session, col, select

from ..domain.audit_chain import FIELDS, GENESIS, entry_hash
from ..storage.models import AuditEntry, Staff

__all__ = ["ChainBreak", "ChainHead", "ChainReport", "chain_rows", "head", "verify"]

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


def staff_id_for(session: Session, name: str | None) -> int | None:
    """The id of the staff member with this (unique) name, cached in the session; None if none."""
    if not name:
        return None
    cache: dict[str, int | None] = session.info.setdefault("audit_staff_ids", {})
    if name not in cache:
        cache[name] = session.exec(select(Staff.id).where(Staff.name == name)).one_or_none()
    return cache[name]


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

"""Who did an act, by staff id (issue #16): the ``<column>_id`` beside every column naming a person.

A row records who submitted, decided, requested, drew, saved, lifted or claimed it twice: the
name as it was (the snapshot printed on papers and shown on screens) and the staff id (revision
0014), which is what every comparison and permission decision uses — a rename does not move an
act to somebody else, nor let a submitter approve their own handoff.

The ids are filled in one place, whatever service wrote the name:

- rows the ORM flushes (new rows, and rows whose name column changed): a ``before_flush`` hook
  sets ``<column>_id`` unless the service set it itself;
- decisions written by a compare-and-set UPDATE (``board.rights.settle``): :func:`with_ids`;
- bulk inserts (the demo generator, the case import): :func:`fill_rows`.

A name is resolved as the audit trail resolves its operator: the desk's own name gives the id the
desk logged in with, any other name the roster's id for that (unique) name, None when it is not on
the roster (演示数据, an outside tool).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import event, inspect
from sqlmodel import Session, select

from ..storage.models import Staff

__all__ = [
    "ACTOR_COLUMNS",
    "actor_id",
    "fill_rows",
    "is_own",
    "operator_id",
    "same_person",
    "staff_id_for",
    "with_ids",
]

#: table → the columns naming a person; each has its id in ``<column>_id`` (revision 0014)
ACTOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "handoff": ("submitted_by", "decided_by"),
    "approval": ("requested_by", "decided_by"),
    "case_facts": ("updated_by",),
    "triage_decision": ("approved_by", "decided_by"),
    "assignment_draw": ("drawn_by",),
    "deadline_node": ("completed_by",),
    "urge": ("by",),
    "calendar_year": ("loaded_by",),
    "measure": ("lifted_by", "by"),
    "property_control": ("by",),
    "payment": ("claimed_by",),
    "delegation": ("by",),
    "intake_record": ("saved_by",),
    "service_attempt": ("by",),
    "payout": ("by",),
    "file_movement": ("by", "to_party"),  # to_party: the borrower of a 借出, when on the roster
}

_CACHE = "actor_staff_ids"


def staff_id_for(session: Session, name: str | None) -> int | None:
    """The id of the staff member with this (unique) name, cached in the session; None if none."""
    if not name:
        return None
    cache: dict[str, int | None] = session.info.setdefault(_CACHE, {})
    if name not in cache:
        cache[name] = session.exec(select(Staff.id).where(Staff.name == name)).one_or_none()
    return cache[name]


def actor_id(session: Session, name: str | None) -> int | None:
    """The staff id behind ``name`` written in this session: the desk's login id for the desk's
    own name, else the roster's id for the name, else None."""
    if not name:
        return None
    bound = session.info.get("desk_operator")
    if bound is not None and bound[0] == name and bound[1] is not None:
        return bound[1]
    return staff_id_for(session, name)


def operator_id(session: Session, desk: Any) -> int | None:
    """The staff id of the desk's operator (its login id, else the roster's id for its name)."""
    if desk.operator_id is not None:
        return desk.operator_id
    return staff_id_for(session, desk.operator)


def is_own(staff_id: int | None, name: str, operator_staff_id: int | None, operator_name: str) -> bool:
    """Whether the act recorded as (``staff_id``, ``name``) was the operator's.

    By id whenever the row has one; a row without (its author was never on the roster) can only
    be matched by the name it recorded."""
    if staff_id is not None:
        return staff_id == operator_staff_id
    return name == operator_name


def same_person(session: Session, desk: Any, staff_id: int | None, name: str) -> bool:
    """:func:`is_own` for the desk's operator."""
    return is_own(staff_id, name, operator_id(session, desk), desk.operator)


def with_ids(session: Session, table: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` for an UPDATE or INSERT of ``table`` with the id of every person named in them
    (unless given)."""
    out = dict(values)
    for name in ACTOR_COLUMNS.get(table, ()):
        if name in out and f"{name}_id" not in out:
            out[f"{name}_id"] = actor_id(session, out[name])
    return out


def fill_rows(session: Session, table: str, rows: Iterable[dict[str, Any]]) -> None:
    """Fill ``<column>_id`` of rows about to be bulk-inserted into ``table`` (every row that
    carries the name column; ``insert_rows`` wants the same keys in every row)."""
    pairs = [(name, f"{name}_id") for name in ACTOR_COLUMNS.get(table, ())]
    if not pairs:
        return
    known: dict[str | None, int | None] = {}  # a demo batch names the same few people many times
    for row in rows:
        for name, key in pairs:
            if name in row and key not in row:
                who = row[name]
                if who not in known:
                    known[who] = actor_id(session, who)
                row[key] = known[who]


@event.listens_for(Session, "before_flush")
def _fill_ids(session: Session, _ctx: Any, _instances: Any) -> None:
    for new, objects in ((True, session.new), (False, session.dirty)):
        for obj in objects:
            names = ACTOR_COLUMNS.get(getattr(obj, "__tablename__", ""), ())
            if names:
                _fill_object(session, obj, names, new)


def _fill_object(session: Session, obj: Any, names: tuple[str, ...], new: bool) -> None:
    state = inspect(obj)
    for name in names:
        key = f"{name}_id"
        if new:
            if getattr(obj, key) is None:
                setattr(obj, key, actor_id(session, getattr(obj, name)))
        elif state.attrs[name].history.has_changes() and not state.attrs[key].history.has_changes():
            setattr(obj, key, actor_id(session, getattr(obj, name)))

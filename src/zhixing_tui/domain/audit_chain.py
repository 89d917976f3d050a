"""The audit trail's hash chain: the canonical form of an entry and its hash.

Each entry stores ``prev_hash`` (the ``entry_hash`` of the entry before it, in id order; the
first entry's is :data:`GENESIS`) and ``entry_hash`` = SHA-256 of its canonical form, which
includes ``prev_hash``. Deleting, inserting or editing an entry with SQL breaks the chain at
that entry or the next; rewriting the whole tail shows as a different head than the one the
nightly report printed the day before.

The canonical form is one JSON array, so SQLite and PostgreSQL hash the same bytes:
``["zhixing-audit-1", prev_hash, at, operator, operator_id, action, entity, entity_id, case_id,
summary, before, after]`` with ``at`` as ISO text to the microsecond (``2026-11-23 09:00:00.000000``),
keys of ``before``/``after`` sorted, no whitespace, non-ASCII kept (UTF-8).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

VERSION = "zhixing-audit-1"
#: the ``prev_hash`` of the first entry
GENESIS = "0" * 64
#: the fields the hash covers, in their canonical order (after ``prev_hash``)
FIELDS = (
    "at",
    "operator",
    "operator_id",
    "action",
    "entity",
    "entity_id",
    "case_id",
    "summary",
    "before",
    "after",
)


def moment_text(at: datetime | str | None) -> str | None:
    """A moment as the chain writes it: ISO text with a space and six fraction digits."""
    if at is None:
        return None
    if isinstance(at, str):
        at = datetime.fromisoformat(at)
    return at.isoformat(sep=" ", timespec="microseconds")


#: json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(",", ":")), its encoder made
#: once (dumps builds a new one per call when given options: a third of the hashing at 100,000 rows)
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def canonical(prev_hash: str, entry: Mapping[str, Any]) -> str:
    """The text an entry's hash is taken over (``entry`` maps :data:`FIELDS` to values)."""
    values: list[Any] = [VERSION, prev_hash]
    for name in FIELDS:
        value = entry.get(name)
        if name == "at":
            value = moment_text(value)
        elif name in ("operator_id", "entity_id", "case_id") and value is not None:
            value = int(value)
        elif name == "summary":
            value = value or ""
        values.append(value)
    return _ENCODER.encode(values)


def entry_hash(prev_hash: str, entry: Mapping[str, Any]) -> str:
    """SHA-256 (hex) of the entry's canonical form."""
    return hashlib.sha256(canonical(prev_hash, entry).encode("utf-8")).hexdigest()

"""The append-only audit trail (留痕)."""

from pydantic import NaiveDatetime
from sqlmodel import Field

from ._base import CASE_FK, TableModel, json_field_nullable, now


class AuditEntry(TableModel, table=True):
    """The append-only audit trail (留痕): who, when, what, before and after.

    ``operator_id`` is the staff member's id (None for entries written by a tool outside the
    roster, e.g. an import run before anyone had an account). ``prev_hash`` is the
    ``entry_hash`` of the entry before it (in id order) and ``entry_hash`` the SHA-256 of
    ``prev_hash`` and the entry's canonical content (``domain.audit_chain``, ``services.audit``): a chain whose
    break ``zhixing audit verify`` names."""

    __tablename__ = "audit_entry"

    id: int | None = Field(default=None, primary_key=True)
    at: NaiveDatetime = Field(default_factory=now, index=True)
    operator: str = Field(max_length=40, index=True)
    operator_id: int | None = Field(default=None, index=True)
    action: str = Field(max_length=40, index=True)
    entity: str = Field(max_length=30)
    entity_id: int | None = None
    case_id: int | None = Field(default=None, foreign_key=CASE_FK, index=True)
    summary: str = Field(default="", max_length=300)  # a Chinese sentence for the timeline
    before: dict | None = json_field_nullable()
    after: dict | None = json_field_nullable()
    prev_hash: str = Field(default="", max_length=64)
    entry_hash: str = Field(default="", max_length=64)

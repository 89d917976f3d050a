"""After the demo builder inserts rows with their ids, ordinary inserts still get fresh ids (on
PostgreSQL the sequences are moved past the demo's ids; issue 16: UniqueViolation audit_entry_pkey)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func
from sqlmodel import select

from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.storage.models import AuditEntry, Case, Party


def test_a_case_registered_after_the_demo_gets_new_ids(demo_desk):
    with demo_desk.session() as s:
        top = {m: s.exec(select(func.max(m.id))).one() for m in (Case, Party, AuditEntry)}
    assert all(top.values())  # the demo wrote rows with explicit ids
    cid = register_case(
        demo_desk,
        case_no="(2026)豫0326执99999号",
        filed_on=date(2026, 11, 2),
        claim_fen=100_000,
        applicants=[PartyInput("李四")],
        respondents=[PartyInput("张三")],
    )
    assert cid > top[Case]
    with demo_desk.session() as s:
        assert min(s.exec(select(Party.id).where(Party.case_id == cid)).all()) > top[Party]
        assert s.exec(select(func.max(AuditEntry.id))).one() > top[AuditEntry]

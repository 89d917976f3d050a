"""Rows a 终本 check reads, written directly (the service tests of ``services.zhongben.conditions``
check the rules, not how each row is recorded: the end-to-end test in
tests/services/test_zhongben_close.py records everything through the real services instead)."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from zhixing_tui.domain.checklist import catalogue
from zhixing_tui.services.desk import Desk
from zhixing_tui.storage.models import Document, Measure, QueryItem


def add_measure(
    desk: Desk, case_id: int, kind: str, decided_on: date, *, doc_no: str = "", state: str = "active"
) -> int:
    with desk.transaction() as s:
        m = Measure(case_id=case_id, kind=kind, decided_on=decided_on, doc_no=doc_no, state=state, by="测试")
        s.add(m)
        s.flush()
        return int(m.id)  # type: ignore[arg-type]


def set_document(desk: Desk, case_id: int, kind: str, status: str, on: date) -> None:
    with desk.transaction() as s:
        doc = s.exec(select(Document).where(Document.case_id == case_id, Document.kind == kind)).first()
        doc = doc or Document(case_id=case_id, kind=kind)
        doc.status, doc.made_on = status, on
        if status == "served":
            doc.served_on = on
        s.add(doc)


def set_query(desk: Desk, case_id: int, channel: str, asset_type: str, status: str, on: date) -> None:
    with desk.transaction() as s:
        item = s.exec(
            select(QueryItem).where(
                QueryItem.case_id == case_id, QueryItem.channel == channel, QueryItem.asset_type == asset_type
            )
        ).first()
        item = item or QueryItem(case_id=case_id, channel=channel, asset_type=asset_type)
        item.status, item.started_on = status, on
        if status != "started":
            item.result, item.feedback_on = "none", on
        s.add(item)


def satisfy_national(desk: Desk, case_id: int, on: date) -> None:
    """Every national condition's evidence, dated ``on`` (the case must be filed 3 months before)."""
    set_document(desk, case_id, "notice", "served", on)
    set_document(desk, case_id, "property_order", "served", on)
    add_measure(desk, case_id, "consumption_ban", on, doc_no="（2026）测试限消1号")
    add_measure(desk, case_id, "dishonest", on, doc_no="（2026）测试失信1号")
    add_measure(desk, case_id, "zhongben_interview", on, state="done")
    set_query(desk, case_id, "national", "deposit", "feedback", on)
    for item in catalogue(desk.profile.checklist):
        if item.channel == "offline":
            set_query(desk, case_id, "offline", item.asset_type, "feedback", on)

"""A small, exactly known set of cases for the search and shell tests (汝阳, 豫0326).

Independent of the demo generator, so the tests can name their cases and expect exact rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from zhixing_tui.services.cases.lifecycle import close_case
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.services.desk import Desk
from zhixing_tui.storage.models import Approval, AuditEntry, DeadlineNode, Handoff, OrgUnit

AS_OF = date(2026, 11, 23)


@dataclass(frozen=True)
class Sample:
    case_no: str
    applicant: str
    respondent: str
    filed_on: date
    claim_fen: int
    unit_code: str | None = None


SAMPLES: tuple[Sample, ...] = (
    Sample(
        "（2026）豫0326执12号", "河南汝阳农村商业银行股份有限公司", "张三丰", date(2026, 1, 12), 1_234_567
    ),
    Sample("（2026）豫0326执120号", "李林霞", "王五", date(2026, 3, 2), 50_000_00),
    Sample("（2026）豫0326执121号", "赵六", "单雄信", date(2026, 3, 3), 8_800_00, "fast_team"),
    Sample("（2026）豫0326执1205号", "孙七", "曾国藩", date(2026, 6, 18), 120_000_00, "ordinary_1"),
    Sample("（2025）豫0326执99号", "周八", "张思", date(2025, 12, 30), 3_000_00, "ordinary_1"),
)


def add_sample_cases(desk: Desk) -> dict[str, int]:
    """Register the samples; return case_no → id.

    Each registration writes four audit entries (立案登记, then the 立案, 收案 and entry-stage node
    entries) and starts six nodes (execution period, the 4 center nodes, 收案登记 当日), anchored
    at 09:00 of the filing day; on AS_OF all but the 2026-06-18 case's execution period are 超期.
    """
    ids: dict[str, int] = {}
    for sample in SAMPLES:
        ids[sample.case_no] = register_case(
            desk,
            case_no=sample.case_no,
            filed_on=sample.filed_on,
            claim_fen=sample.claim_fen,
            applicants=[
                PartyInput(sample.applicant, kind="company" if "公司" in sample.applicant else "person")
            ],
            respondents=[PartyInput(sample.respondent)],
            cause="民间借贷纠纷",
            basis="（2025）豫0326民初100号民事判决书",
            unit_code=sample.unit_code,
        )
    return ids


def add_work(desk: Desk, case_id: int, today: date = AS_OF) -> None:
    """Deadline nodes (1 due today, 2 overdue, 1 approaching, 1 later, 1 done), one submitted
    handoff, one pending approval and two more audit entries on ``case_id``."""
    anchor = datetime.combine(today - timedelta(days=10), datetime.min.time())
    dues = [
        today,
        today - timedelta(days=1),
        today - timedelta(days=5),
        today + timedelta(days=2),
        today + timedelta(days=3),
    ]
    with desk.transaction() as s:
        for i, due in enumerate(dues):
            s.add(
                DeadlineNode(
                    case_id=case_id,
                    rule_id=f"t.{i}",
                    name=f"节点{i}",
                    period="3日",
                    anchor_event="filed",
                    anchor_at=anchor,
                    due_on=due,
                )
            )
        s.add(
            DeadlineNode(
                case_id=case_id,
                rule_id="t.done",
                name="已完成",
                period="3日",
                anchor_event="filed",
                anchor_at=anchor,
                due_on=today - timedelta(days=2),
                completed_at=anchor,
            )
        )
        s.add(Handoff(case_id=case_id, from_stage="receive", to_stage="online_query", submitted_by="测试员"))
        s.add(
            Handoff(
                case_id=case_id,
                from_stage="receive",
                to_stage="online_query",
                status="approved",
                submitted_by="测试员",
            )
        )
        s.add(Approval(case_id=case_id, kind="extension", level="bureau_chief", requested_by="测试员"))
        s.add(
            AuditEntry(
                operator="李书记员",
                action="intake",
                entity="case",
                case_id=case_id,
                summary="初次接待：申请人到窗口谈话",
                at=anchor + timedelta(days=1),
            )
        )
        s.add(
            AuditEntry(
                operator="王组长",
                action="move",
                entity="case",
                case_id=case_id,
                summary="移送网络查控组",
                at=anchor + timedelta(days=2),
            )
        )


def unit_id(desk: Desk, code: str) -> int:
    with desk.session() as s:
        unit = s.exec(OrgUnit.__table__.select().where(OrgUnit.code == code)).first()  # type: ignore[attr-defined]
        assert unit is not None
        return unit.id


def close_one(desk: Desk, case_id: int) -> None:
    """销案 the case the day before AS_OF (09:00): its nodes are completed then."""
    close_case(
        desk, case_id, method="销案", closed_on=AS_OF - timedelta(days=1), closing_fen=0, recovered_fen=0
    )

"""The 终本 (终结本次执行程序) check before a closing: which of the national conditions the
case's records show, and the materials ticked on its file (监利 004 lists them).
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from ...domain import board
from ...domain.periods import add_months
from ...errors import InvalidValue
from ...storage.models import Case, CaseFacts, Measure, QueryItem
from ...storage.queries import get_case
from .. import audit
from ..desk import Desk

__all__ = ["MATERIALS_KEY", "present_conditions", "set_material", "zhongben_check", "zhongben_missing_for"]

MATERIALS_KEY = "zhongben_materials"


def present_conditions(s: Session, case: Case, today: date) -> set[str]:
    """The national 终本 conditions the records show, plus the materials ticked on the case."""
    present: set[str] = set()
    items = s.exec(select(QueryItem).where(QueryItem.case_id == case.id)).all()
    for i in items:
        started = i.started_on or i.feedback_on
        if i.channel == "national" and started and started >= _months_before(today, 3):
            present.add("national_query_recent")
        if i.channel == "offline" and i.status != "not_started":
            present.add("traditional_query")
    kinds = set(s.exec(select(Measure.kind).where(Measure.case_id == case.id)).all())
    if "终本约谈" in kinds:
        present.add("zhongben_interview")
    if "限消" in kinds or "限制消费" in kinds:
        present.add("consumption_ban")
    facts = s.get(CaseFacts, case.id)
    if facts is not None:
        present.update(facts.facts.get(MATERIALS_KEY, []))
    return present


def _months_before(d: date, months: int) -> date:
    return add_months(d, -months)


def zhongben_missing_for(s: Session, desk: Desk, case: Case) -> list[tuple[str, str]]:
    return board.zhongben_missing(
        present_conditions(s, case, desk.today()), jianli_materials=desk.profile.flow.model == "pipeline"
    )


def zhongben_check(desk: Desk, case_id: int) -> list[tuple[str, str]]:
    """What a 终本 closing of this case still lacks (empty when it may close)."""
    with desk.session() as s:
        return zhongben_missing_for(s, desk, get_case(s, case_id))


def set_material(desk: Desk, case_id: int, code: str, present: bool = True) -> None:
    """Tick (or untick) one of the 终本 materials on the case's file."""
    known = dict(board.JIANLI_ZHONGBEN_MATERIALS)
    if code not in known:
        raise InvalidValue(f"未知终本材料：{code}；可用：{'、'.join(known)}", field="材料")
    with desk.transaction() as s:
        case = get_case(s, case_id)
        facts = s.get(CaseFacts, case_id) or CaseFacts(case_id=case_id, facts={})
        have = set(facts.facts.get(MATERIALS_KEY, []))
        before = sorted(have)
        have.add(code) if present else have.discard(code)
        facts.facts = {**facts.facts, MATERIALS_KEY: sorted(have)}
        facts.updated_by, facts.updated_at = desk.operator, desk.now()
        s.add(facts)
        audit.record_case(
            s,
            desk,
            case_id,
            "zhongben_material",
            ("已备" if present else "撤销") + f"终本材料：{known[code]}",
            before={"materials": before},
            after={"materials": sorted(have)},
        )
        del case

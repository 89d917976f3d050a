"""An imported row for a case the desk already has (same 案号): fields updated from the non-blank
cells, assignment kept (a different 承办部门/承办人 is a warning), parties added or completed by name,
a 结案日期 closing the case — one audit entry per case. Part of the case import (:mod:`.cases`)."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, select

from ...domain.calendar import WorkCalendar
from ...domain.closing import TERMINATED_THIS_ROUND
from ...profiles.deadline_schema import ZHONGBEN_REQUERY
from ...storage.models import Case, Party, StageEntry
from ...storage.queries import get_case
from .. import audit
from ..cases.registry import PARTY_ROLES, build_search_text, party_row
from ..deadlines.emitters import emits
from ..deadlines.nodes import apply_event, join_series, refresh_execution_period
from ..desk import Desk
from .fields import CASE_FIELD_NAMES
from .rows import RowReader

if TYPE_CHECKING:
    from .cases import CaseImport, CaseRecord

__all__ = ["as_json", "update_case"]


def _join_zhongben_library(
    s: Session, desk: Desk, case: Case | int, closed_on: date, cal: WorkCalendar | None = None
) -> None:
    """An imported 终本 case enters the 终本案件库 at its next re-query (法〔2016〕373号 第九条): the
    earlier ones were made, or not, in the national system."""
    if isinstance(case, int):
        case = get_case(s, case)
    join_series(s, desk, case, ZHONGBEN_REQUERY, "closed", datetime.combine(closed_on, time(9, 0)), cal=cal)


def update_case(
    imp: CaseImport,
    s: Session,
    rr: RowReader,
    rec: CaseRecord,
    case: Case,
    parties: list[Party],
    source: str,
) -> bool:
    """Update an existing case from its row; False when the row changes nothing. The one audit
    entry names what changed."""
    desk = imp.desk
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    names: list[str] = []
    for key in CASE_FIELD_NAMES:
        if key not in rec.values:
            continue
        value = rec.values[key]
        if getattr(case, key) != value:
            before[key], after[key] = as_json(getattr(case, key)), as_json(value)
            names.append(CASE_FIELD_NAMES[key])
            setattr(case, key, value)
    if "non_litigation" in after:  # 3 or 6 months: the open execution period is counted again
        refresh_execution_period(s, desk, case)
    open_case = case.status != "closed"
    if rec.unit_id is not None and open_case and rec.unit_id != case.unit_id:
        rr.warn("unit", "承办部门与本系统记录不同，未修改（分案以本系统为准）")
    if rec.handler_id is not None and open_case and rec.handler_id != case.handler_id:
        rr.warn("handler", "承办人与本系统记录不同，未修改（分案以本系统为准）")
    if case.closed_on is not None and case.status != "closed":
        _close(imp, s, case, before, after)
    party_changes, added = _merge_parties(s, case, rec, parties)
    names.extend(party_changes)
    if not names:
        return False
    if added:
        rows = sorted(parties + added, key=lambda p: (p.role, p.sort_order))
        case.search_text = build_search_text(case.case_no, [(p.name, p.search_key) for p in rows])
    case.updated_at = desk.now()
    s.add(case)
    after.update(source=source, row=rec.row)
    _audit(s, desk, case, f"导入：更新 {'、'.join(dict.fromkeys(names))}", before, after)
    return True


@emits("closed")
def _close(imp: CaseImport, s: Session, case: Case, before: dict[str, Any], after: dict[str, Any]) -> None:
    at = datetime.combine(case.closed_on, time(9, 0))
    before.update(status=case.status, stage=case.stage)
    for entry in s.exec(
        select(StageEntry).where(StageEntry.case_id == case.id, StageEntry.left_at.is_(None))
    ):
        entry.left_at = at
        entry.next_stage = imp.closed_stage  # where it went: the closed stage's stay below, if any
        s.add(entry)
    case.status = "closed"
    if imp.closed_stage:
        s.add(
            StageEntry(**imp._closed_values(case.id, case.unit_id, case.handler_id, at, case.closing_method))
        )
        case.stage, case.stage_entered_at = imp.closed_stage, at  # the unit that closed it stays
    after.update(status=case.status, stage=case.stage)
    apply_event(s, imp.desk, case, "closed", at, imp.desk.operator, record=False)
    if case.closing_method == TERMINATED_THIS_ROUND:
        _join_zhongben_library(s, imp.desk, case, case.closed_on)


def _merge_parties(
    s: Session, case: Case, rec: CaseRecord, parties: list[Party]
) -> tuple[list[str], list[Party]]:
    """Add parties the desk does not have; fill or correct known ones. Nothing is removed."""
    changes: list[str] = []
    added: list[Party] = []
    for role, group in (("applicant", rec.applicants), ("respondent", rec.respondents)):
        mine = [p for p in parties if p.role == role]
        by_name = {p.name: p for p in mine}
        for p in group:
            row = by_name.get(p.name)
            if row is None:
                row = party_row(case.id, p, role, len(mine))
                s.add(row)
                mine.append(row)
                added.append(row)
                by_name[p.name] = row
                changes.append(PARTY_ROLES[role])
                continue
            for attr, label in (("id_number", "证件号码"), ("phone", "联系电话"), ("address", "住所")):
                value = getattr(p, attr)
                if value and getattr(row, attr) != value:
                    setattr(row, attr, value)
                    s.add(row)
                    changes.append(f"{PARTY_ROLES[role]}{label}")
    return changes, added


def _audit(s: Session, desk: Desk, case: Case, summary: str, before: dict | None, after: dict) -> None:
    """The one audit entry per imported case."""
    audit.record_case(s, desk, case.id, "import", summary, before=before, after=after)


def as_json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value

"""Whether a case may close by 终本: the national conditions (法〔2016〕373号 第一条、第五条; the pure rules
are :mod:`zhixing_tui.domain.zhongben`) and the court's own list (``[zhongben]`` of its profile),
read from what the app recorded — measure rows (by kind code), the 查控 checklist, the documents,
the materials ticked on the file and what the handler stated on the case.

Every closing by 终本 passes :func:`require_zhongben` inside its transaction: the 结案审查 submission
(``services.board.handoffs.submit_close``) and the closing itself (``services.cases.lifecycle.
close_in_session``, which the 结案审查 approval and ``close_case`` both use). Only the import of
historical cases already closed in the national system (``services.imports.cases``) writes a 终本
closing without it: the national system checked it when the case was closed there.

A 局长 may override missing items with a reason only where the profile allows it
(``[zhongben] override``): ``court`` — the court's own items; ``all`` — national ones too.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from ...domain import zhongben as rules
from ...domain.checklist import catalogue
from ...domain.roles import require
from ...errors import Conflict, InvalidValue
from ...storage.models import Case, CaseFacts, Document, Measure, QueryItem
from ...storage.queries import get_case
from .. import audit
from ..desk import Desk
from ..permissions import operator_role

__all__ = [
    "MATERIALS_KEY",
    "OVERRIDE_KEY",
    "STATEMENTS_KEY",
    "STATEMENT_FIELDS",
    "case_record",
    "conditions_for",
    "override",
    "record_statements",
    "require_zhongben",
    "set_material",
    "zhongben_check",
]

MATERIALS_KEY = "zhongben_materials"
STATEMENTS_KEY = "zhongben_statements"
OVERRIDE_KEY = "zhongben_override"
#: statement field → Chinese (for messages and the audit trail)
STATEMENT_FIELDS = {
    "dishonest_exempt_reason": "不纳入失信的理由",
    "whereabouts_unknown": "被执行人下落不明",
    "search_note": "查找情况",
    "obstruction": "有妨害执行行为",
    "early_reason": "立案未满三个月终本的理由",
}
_HANDLERS = {"handler", "monitor", "supervisor", "center_director"}


# --- reading ----------------------------------------------------------------------------------
def _facts(s: Session, case_id: int) -> dict:
    row = s.get(CaseFacts, case_id)
    return dict(row.facts) if row is not None else {}


def case_record(s: Session, desk: Desk, case: Case, closing_on: date) -> rules.CaseRecord:
    """What the records of ``case`` show, as the pure rules read it."""
    measures = [
        rules.MeasureFact(m.kind, m.state, m.decided_on, m.doc_no)
        for m in s.exec(select(Measure).where(Measure.case_id == case.id))
    ]
    documents = [
        rules.DocumentFact(d.kind, d.status, d.made_on, d.served_on)
        for d in s.exec(select(Document).where(Document.case_id == case.id))
    ]
    labels = {(i.channel, i.asset_type): i.label for i in catalogue(desk.profile.checklist)}
    queries = [
        rules.QueryFact(
            q.channel,
            q.asset_type,
            q.status,
            q.started_on,
            q.feedback_on,
            labels.get((q.channel, q.asset_type), q.asset_type),
        )
        for q in s.exec(select(QueryItem).where(QueryItem.case_id == case.id))
    ]
    offline = tuple(
        (i.asset_type, i.label) for i in catalogue(desk.profile.checklist) if i.channel == "offline"
    )
    facts = _facts(s, case.id)  # type: ignore[arg-type]
    st = facts.get(STATEMENTS_KEY, {})
    return rules.CaseRecord(
        filed_on=case.filed_on,
        closing_on=closing_on,
        measures=measures,
        documents=documents,
        queries=queries,
        offline_required=offline,
        materials=frozenset(facts.get(MATERIALS_KEY, [])),
        statements=rules.Statements(
            dishonest_exempt_reason=st.get("dishonest_exempt_reason", ""),
            whereabouts_unknown=bool(st.get("whereabouts_unknown", False)),
            search_note=st.get("search_note", ""),
            obstruction=bool(st.get("obstruction", False)),
            early_reason=st.get("early_reason", ""),
        ),
    )


def conditions_for(
    s: Session, desk: Desk, case: Case, closing_on: date | None = None
) -> list[rules.Condition]:
    """Every condition (national, then the court's), with a 局长's recorded override applied."""
    section = desk.profile.zhongben
    rec = case_record(s, desk, case, closing_on or desk.today())
    found = rules.check(rec, section.items, waiver_source=section.three_month_waiver or None)
    ov = _facts(s, case.id).get(OVERRIDE_KEY)  # type: ignore[arg-type]
    if ov and section.override != "off":
        found = rules.waive(found, [i for i in ov.get("waived", []) if _overridable(section.override, i)])
    return found


def _overridable(setting: str, condition_id: str) -> bool:
    if setting == "all":
        return True
    return setting == "court" and not condition_id.startswith("national.")


def require_zhongben(s: Session, desk: Desk, case: Case, closing_on: date | None = None) -> None:
    """Conflict naming every missing condition (with its citation) unless the case may close by 终本."""
    blocking = rules.missing(conditions_for(s, desk, case, closing_on))
    if blocking:
        raise Conflict(rules.refusal_message(blocking))


def zhongben_check(desk: Desk, case_id: int, closing_on: date | None = None) -> list[rules.Condition]:
    """The conditions of a 终本 closing of this case on ``closing_on`` (default today), met or not."""
    with desk.session() as s:
        return conditions_for(s, desk, get_case(s, case_id), closing_on)


# --- recording --------------------------------------------------------------------------------
def _save_facts(s: Session, desk: Desk, case_id: int, key: str, value: object) -> None:
    row = s.get(CaseFacts, case_id) or CaseFacts(case_id=case_id, facts={})
    row.facts = {**row.facts, key: value}
    row.updated_by, row.updated_at = desk.operator, desk.now()
    s.add(row)


def _open(s: Session, case_id: int) -> Case:
    case = get_case(s, case_id)
    if case.status == "closed":
        raise Conflict(f"案件 {case.case_no} 已结案")
    return case


def set_material(desk: Desk, case_id: int, item_id: str, present: bool = True) -> None:
    """Tick (or untick) one of the court's 终本 materials on the case's file (监利 004 第六组 3)."""
    known = {i.id: i.name for i in desk.profile.zhongben.materials()}
    if item_id not in known:
        raise InvalidValue(
            f"未知终本材料：{item_id}；可用：{'、'.join(known) or '（本院未规定终本材料）'}", field="材料"
        )
    with desk.transaction() as s:
        require(operator_role(s, desk), _HANDLERS, "登记终本材料")
        _open(s, case_id)
        have = set(_facts(s, case_id).get(MATERIALS_KEY, []))
        before = sorted(have)
        if present:
            have.add(item_id)
        else:
            have.discard(item_id)
        _save_facts(s, desk, case_id, MATERIALS_KEY, sorted(have))
        audit.record_case(
            s,
            desk,
            case_id,
            "zhongben_material",
            ("已备" if present else "撤销") + f"终本材料：{known[item_id]}",
            before={"materials": before},
            after={"materials": sorted(have)},
        )


def record_statements(desk: Desk, case_id: int, **changes: str | bool) -> None:
    """The handler's statements for the conditions that depend on the situation: why the respondent
    is not put on the 失信 list, 下落不明 (and how he was looked for), 妨害执行, and — where the
    profile allows it — why 终本 comes before 立案满三个月. Only the fields given change."""
    unknown = [k for k in changes if k not in STATEMENT_FIELDS]
    if unknown:
        raise InvalidValue(f"未知终本说明项：{'、'.join(unknown)}", field="说明")
    if "early_reason" in changes and changes["early_reason"] and not desk.profile.zhongben.three_month_waiver:
        raise Conflict("依法〔2016〕373号第一条第（四）项，终本须自立案之日起超过三个月；本院未规定例外")
    with desk.transaction() as s:
        require(operator_role(s, desk), _HANDLERS, "登记终本说明")
        _open(s, case_id)
        before = dict(_facts(s, case_id).get(STATEMENTS_KEY, {}))
        after = dict(before)
        for key, value in changes.items():
            after[key] = value.strip() if isinstance(value, str) else bool(value)
        _save_facts(s, desk, case_id, STATEMENTS_KEY, after)
        shown = "；".join(f"{STATEMENT_FIELDS[k]}：{_show(v)}" for k, v in changes.items())
        audit.record_case(
            s, desk, case_id, "zhongben_statement", f"登记终本说明：{shown}", before=before, after=after
        )


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value) or "（清除）"


def override(desk: Desk, case_id: int, reason: str) -> list[str]:
    """局长 decides that a 终本 closing may go ahead without the items now missing (only where the
    profile allows it, and only those of its scope); return the ids waived. Recorded on the case
    and audited; items missing later still block."""
    reason = reason.strip()
    if not reason:
        raise InvalidValue("局长决定终本缺项须写明理由", field="理由")
    section = desk.profile.zhongben
    if section.override == "off":
        raise Conflict("本院终本规则不允许局长决定终本缺项：缺项须补齐后才能以终本结案")
    with desk.transaction() as s:
        require(operator_role(s, desk), "bureau_chief", "决定终本缺项")
        case = _open(s, case_id)
        blocking = rules.missing(conditions_for(s, desk, case))
        if not blocking:
            raise Conflict(f"案件 {case.case_no} 终本条件均已具备，无须决定")
        fixed = [c for c in blocking if not _overridable(section.override, c.id)]
        if fixed:
            names = "；".join(c.name for c in fixed)
            raise Conflict(f"以下为法定终本条件，局长不能决定免除，须补齐：{names}")
        before = _facts(s, case_id).get(OVERRIDE_KEY)
        record = {
            "by": desk.operator,
            "at": desk.now().isoformat(timespec="seconds"),
            "reason": reason,
            "waived": sorted({c.id for c in blocking} | set((before or {}).get("waived", []))),
            "source": section.override_source,
        }
        _save_facts(s, desk, case_id, OVERRIDE_KEY, record)
        audit.record_case(
            s,
            desk,
            case_id,
            "zhongben_override",
            f"局长决定终本缺项（{section.override_source}）：{'；'.join(c.name for c in blocking)}；理由：{reason}",
            before={"override": before},
            after={"override": record},
        )
        return [c.id for c in blocking]

"""Taking, entering and lifting a measure (执行措施) on a case: one transaction each, audited.

* :func:`take_measure` records a measure on a party of the case with its date, document number
  and the handler, and the deadline events its kind records (``domain.measures.MEASURE_EVENTS``):
  限制消费 → 发布限制消费令 + 作出失信/限消决定 + 采取措施; 失信 → 作出失信/限消决定 + 采取措施;
  罚款、拘留、边控、搜查、悬赏 → 采取措施; 终本约谈 → 终本约谈 (汝阳 000 二(二)9 waits for the
  measures, 浉河 003 三(五)3 for the 录入, the 终本 check for the 约谈 and the 限消).
* :func:`enter_dishonest` records the 录入 of a 失信 or 限消 decision in the national system
  (浉河: 卷宗管理中心, within 1 working day of the decision) → 失信/限消信息录入.
* :func:`lift_measure` lifts a measure still in force (解除限消, 失信 删除/屏蔽/撤销, 解除边控,
  撤销悬赏) with its date, reason and document number.

Who may: the handlers of the case's work and everyone above them on the ladder (承办人, 组长,
副局长, 局长 …; ``domain.roles.at_least``) take and lift measures — the seeds put every measure
in the hands of the implementing team (000 二(二)9, 004 第三组 9, 003 三(五)1 "执行实施团队作出的
决定"); the 录入 is also open to 卷宗管理 staff, who do it in 浉河 (003 三(五)1–3).
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from ...domain import measures as dm
from ...domain.roles import may_approve, require
from ...errors import Conflict, InvalidValue, NotFound
from ...storage.models import Case, Measure, Party
from ...storage.queries import get_case
from .. import audit
from ..deadlines.emitters import emits
from ..deadlines.nodes import apply_event
from ..desk import Desk
from ..permissions import operator_role, operator_role_or_none

__all__ = [
    "measure_rights",
    "ENTER_ROLES",
    "TAKE_ROLES",
    "case_party",
    "enter_dishonest",
    "lift_measure",
    "measure_text",
    "take_measure",
]

#: who may take and lift measures (承办人 and every level above on the ladder)
TAKE_ROLES = {"handler"}
#: who may record the 录入 of a 失信/限消 decision (浉河: 卷宗管理中心)
ENTER_ROLES = {"handler", "file_clerk", "center_director"}


def measure_rights(desk: Desk) -> tuple[bool, bool]:
    """Whether the operator may (take or lift a measure, record a 录入): for the screen's keys —
    a window clerk is not offered 新增 to be refused once the whole form is filled in."""
    role = operator_role_or_none(desk)
    return may_approve(role, TAKE_ROLES), may_approve(role, ENTER_ROLES)


#: kinds taken without a decision document of their own (the 笔录 is the record)
_NO_DOCUMENT = frozenset({dm.INTERVIEW, dm.ZHONGBEN_INTERVIEW})
#: lifting verbs that are operations in the national system, without a document of their own
_LIFT_NO_DOCUMENT = frozenset({"屏蔽", "删除"})


def case_party(s: Session, case: Case, kind: str, party_id: int | None) -> Party:
    """The party ``kind`` is taken on: ``party_id`` when it is the right role on this case, else
    the case's only party of that role; refused when it names another case's party or the wrong
    side, or when the case has several and none was named."""
    role = dm.party_role_for(kind)
    side = "申请执行人" if role == "applicant" else "被执行人"
    if party_id is not None:
        party = s.get(Party, party_id)
        if party is None or party.case_id != case.id:
            raise InvalidValue(f"当事人（编号 {party_id}）不是本案当事人", field="当事人", value=party_id)
        if party.role != role:
            raise InvalidValue(
                f"{dm.kind_name(kind)}的对象应为{side}：{party.name}不是本案{side}",
                field="当事人",
                value=party_id,
            )
        return party
    parties = s.exec(
        select(Party)
        .where(Party.case_id == case.id, Party.role == role)
        .order_by(col(Party.sort_order), col(Party.id))
    ).all()
    if not parties:
        raise Conflict(f"本案没有{side}，不能{dm.kind_name(kind)}")
    if len(parties) > 1:
        names = "、".join(p.name for p in parties)
        raise InvalidValue(f"本案有多名{side}（{names}），请指明对谁{dm.kind_name(kind)}", field="当事人")
    return parties[0]


def measure_text(
    kind: str, party: str, *, days: int | None = None, amount_fen: int | None = None, whom: str = ""
) -> str:
    """One line naming a measure: 对张三决定拘留15日, 发布限制消费令（张三） … ``whom``: who of a
    unit was detained (对某公司的法定代表人王五决定拘留15日)."""
    from ...domain.money import format_money

    if kind == dm.DETENTION:
        return f"对{party}{f'的{whom}' if whom else ''}决定拘留{days}日"
    if kind == dm.FINE:
        return f"对{party}决定罚款{format_money(amount_fen or 0)}元"
    if kind == dm.REWARD:
        return f"发布悬赏公告（{party}），悬赏金{format_money(amount_fen or 0)}元"
    if kind == dm.CONSUMPTION_BAN:
        return f"发布限制消费令（{party}）"
    if kind == dm.DISHONEST:
        return f"将{party}纳入失信被执行人名单"
    if kind == dm.ZHONGBEN_INTERVIEW:
        return f"与申请执行人{party}进行终本约谈"
    return f"对{party}{dm.TAKE_VERBS.get(kind, '')}{dm.kind_name(kind)}"


def _snapshot(m: Measure) -> dict:
    return {
        "kind": m.kind,
        "party_id": m.party_id,
        "decided_on": m.decided_on,
        "entered_on": m.entered_on,
        "days": m.days,
        "amount_fen": m.amount_fen,
        "doc_no": m.doc_no,
        "state": m.state,
        "lifted_on": m.lifted_on,
        "lift_reason": m.lift_reason,
        "lift_doc_no": m.lift_doc_no,
    }


def _events(s: Session, desk: Desk, case: Case, events, day: date, subject: str | None = None) -> None:
    at = desk.moment_on(day)
    for event in events:
        apply_event(s, desk, case, event, at, desk.operator, subject=subject)


@emits(*sorted({e for events in dm.MEASURE_EVENTS.values() for e in events}))
def take_measure(
    desk: Desk,
    case_id: int,
    kind: str,
    *,
    decided_on: date,
    doc_no: str,
    party_id: int | None = None,
    days: int | None = None,
    amount_fen: int | None = None,
    note: str = "",
) -> int:
    """Record a measure taken on a party of ``case_id``; returns the measure's id.

    Refused: an unknown kind, a date after today, 拘留 outside 1–15 days, a fine outside the
    law's limits for a person or a unit, a missing 决定书 number, a party of another case or the
    wrong side, a closed case, or a second 限消/失信/边控/悬赏 in force on the same party.
    """
    kind = dm.require_kind(kind)
    doc_no = doc_no.strip()
    if not doc_no and kind not in _NO_DOCUMENT:
        raise InvalidValue(f"请填写{dm.kind_name(kind)}的文书字号（决定书、令等）", field="文书字号")
    with desk.transaction() as s:
        require(operator_role(s, desk), TAKE_ROLES, "采取执行措施")
        case = get_case(s, case_id)
        if not dm.may_take_measures(case.status):
            raise Conflict(f"案件 {case.case_no} 已结案，不能再采取执行措施")
        party = case_party(s, case, kind, party_id)
        dm.check_measure(
            dm.MeasureInput(kind, decided_on, party.kind, days=days, amount_fen=amount_fen, note=note),
            desk.today(),
        )
        if kind in dm.LASTING_KINDS:
            twin = s.exec(
                select(Measure.id).where(
                    Measure.case_id == case.id,
                    Measure.kind == kind,
                    Measure.party_id == party.id,
                    Measure.state == "active",
                )
            ).first()
            if twin is not None:
                raise Conflict(
                    f"{party.name}已有在执行的{dm.kind_name(kind)}措施（编号 {twin}），不能重复采取"
                )
        m = Measure(
            case_id=case_id,
            kind=kind,
            party_id=party.id,
            decided_on=decided_on,
            days=days,
            amount_fen=amount_fen,
            doc_no=doc_no,
            state=dm.initial_state(kind),
            note=note.strip(),
            by=desk.operator,
            created_at=desk.now(),
        )
        s.add(m)
        s.flush()
        whom = note.strip() if kind == dm.DETENTION and party.kind != "person" else ""
        text = measure_text(kind, party.name, days=days, amount_fen=amount_fen, whom=whom)
        audit.record_case(
            s,
            desk,
            case.id,
            "measure_taken",
            f"{text}（{decided_on.isoformat()}{f'，{doc_no}' if doc_no else ''}）",
            entity="measure",
            entity_id=m.id,
            after=_snapshot(m),
        )
        _events(s, desk, case, dm.MEASURE_EVENTS[kind], decided_on)
        return int(m.id or 0)


def _measure(s: Session, measure_id: int) -> tuple[Measure, Case, str]:
    m = s.get(Measure, measure_id)
    if m is None:
        raise NotFound(f"执行措施（编号 {measure_id}）不存在")
    case = get_case(s, m.case_id)
    party = s.get(Party, m.party_id) if m.party_id is not None else None
    return m, case, party.name if party else ""


@emits(dm.ENTRY_EVENT)
def enter_dishonest(desk: Desk, measure_id: int, *, on: date) -> None:
    """Record that a 失信 (or 限消) decision was entered in the national system on ``on``."""
    with desk.transaction() as s:
        require(operator_role(s, desk), ENTER_ROLES, "录入失信、限消信息")
        m, case, party = _measure(s, measure_id)
        dm.check_entry(m.kind, m.entered_on, m.decided_on, on, desk.today())
        before = _snapshot(m)
        m.entered_on = on
        s.add(m)
        audit.record_case(
            s,
            desk,
            case.id,
            "measure_entered",
            f"{dm.kind_name(m.kind)}信息录入系统（{party}，{on.isoformat()}）",
            entity="measure",
            entity_id=m.id,
            before=before,
            after=_snapshot(m),
        )
        _events(s, desk, case, (dm.ENTRY_EVENT,), on)


def lift_measure(desk: Desk, measure_id: int, *, on: date, reason: str, doc_no: str, verb: str) -> str:
    """Lift a measure still in force with ``verb`` (解除, 删除, 屏蔽, 撤销); returns its new state.

    Refused (Conflict) when it was lifted already or is a one-off act; InvalidValue for a verb
    its kind does not know, a date before the decision or after today, no reason, or no document
    number where the lifting has one (解除, 撤销)."""
    verb = verb.strip()
    if not reason.strip():
        raise InvalidValue("请写明解除（撤销、屏蔽）的理由", field="理由")
    if not doc_no.strip() and verb not in _LIFT_NO_DOCUMENT:
        raise InvalidValue(f"请填写{verb}的文书字号", field="文书字号")
    with desk.transaction() as s:
        require(operator_role(s, desk), TAKE_ROLES, "解除执行措施")
        m, case, party = _measure(s, measure_id)
        state = dm.check_lift(m.kind, m.state, verb, m.decided_on, on, desk.today())
        before = _snapshot(m)
        m.state, m.lifted_on, m.lift_reason = state, on, reason.strip()
        m.lift_doc_no, m.lifted_by = doc_no.strip(), desk.operator
        s.add(m)
        audit.record_case(
            s,
            desk,
            case.id,
            "measure_lifted",
            f"{verb}{dm.kind_name(m.kind)}（{party}，{on.isoformat()}）：{reason.strip()}",
            entity="measure",
            entity_id=m.id,
            before=before,
            after=_snapshot(m),
        )
        return state

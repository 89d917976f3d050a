"""The 繁简分流 queue (read side): the cases waiting for triage, and what the screen shows of one.

"Waiting" comes from the profile: an open case in a stage of ``kind = "triage"`` (汝阳/快执/固始/
石河 ``triage``) that has no first triage decision yet. 监利 has no such stage (its 线索查控组
hands cases out by a member draw), so its queue is empty. The queue is oldest first (the
moment the case entered the stage), paged in SQL, with the days it has waited and the due date
of the triage deadline node when the profile has one: an open node whose rule is fulfilled by
``triage_done`` or ``transferred`` (汝阳 ruyang.center_finish 10日 / center_finish_property 15日),
or the triage stage's own limit (``stage.<code>``).

Everything returned is a plain frozen dataclass, safe to hand from a worker thread to the UI.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import exists, func
from sqlmodel import col, select

from ...domain import triage as engine
from ...domain.roles import at_least
from ...errors import NotFound
from ...i18n.triage import fact_label
from ...profiles.deadline_schema import rules_for
from ...profiles.schema import Profile
from ...storage.models import Approval, Case, CaseFacts, DeadlineNode, TriageDecision
from ...storage.queries import Page, clamp_page
from ..cases.names import stage_names
from ..cases.search import first_parties
from ..desk import Desk
from ..permissions import operator_role_or_none
from .decisions import DECIDE_ROLES, RelatedCase, Suggestion, load_case, suggest_in

__all__ = [
    "TRIAGE_EVENTS",
    "FactChoice",
    "QueueRow",
    "TriageView",
    "facts_form",
    "may_decide",
    "operator_role_or_none",
    "s2c_approval_id",
    "triage_rule_ids",
    "triage_stage_codes",
    "triage_view",
    "updated_clerk_facts",
    "waiting_cases",
]

#: Events that fulfil a node "finish the center's work and hand the case to its team".
TRIAGE_EVENTS = frozenset({"triage_done", "transferred"})


# --- what the profile says ----------------------------------------------------------------------
def triage_stage_codes(profile: Profile) -> tuple[str, ...]:
    """The codes of the profile's triage stages (``kind = "triage"``), in flow order."""
    return tuple(st.code for st in profile.stages if st.kind == "triage")


def triage_rule_ids(profile: Profile) -> tuple[str, ...]:
    """Deadline rules whose node is the triage deadline: fulfilled by the triage/transfer events,
    or the triage stage's own limit."""
    stage_rules = {f"stage.{code}" for code in triage_stage_codes(profile)}
    return tuple(
        r.id for r in rules_for(profile) if TRIAGE_EVENTS.intersection(r.completed_by) or r.id in stage_rules
    )


# --- the queue ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class QueueRow:
    case_id: int
    case_no: str
    applicant: str
    respondent: str
    claim_fen: int
    filed_on: date
    received_on: date | None
    stage: str
    stage_name: str
    waiting_since: datetime  # entered the triage stage
    days_waiting: int  # calendar days from entering the stage to today
    deadline_on: date | None  # due date of the earliest open triage deadline node
    deadline_name: str | None
    days_left: int | None  # negative when overdue
    facts_set: bool  # the clerk has stated facts
    related_pending: bool  # a 类案集中 proposal waits for the 执行局长


def _waiting_conditions(profile: Profile):
    decided = exists().where(TriageDecision.case_id == Case.id, TriageDecision.kind == "initial")
    return (
        Case.status == "open",
        col(Case.stage).in_(triage_stage_codes(profile)),
        ~decided,
    )


def waiting_cases(desk: Desk, *, limit: int = 50, offset: int = 0) -> Page[QueueRow]:
    """The cases waiting for triage, oldest first (entered the triage stage earliest)."""
    limit, offset = clamp_page(limit, offset)
    profile = desk.profile
    today = desk.today()
    where = _waiting_conditions(profile)
    rule_ids = list(triage_rule_ids(profile))
    names = stage_names(desk)
    due = (
        select(func.min(DeadlineNode.due_on))
        .where(
            DeadlineNode.case_id == Case.id,
            col(DeadlineNode.completed_at).is_(None),
            col(DeadlineNode.rule_id).in_(rule_ids),
        )
        .correlate(Case)
        .scalar_subquery()
    )
    has_facts = exists().where(CaseFacts.case_id == Case.id)
    pending = exists().where(
        Approval.case_id == Case.id, Approval.kind == "related_cases", Approval.status == "pending"
    )
    with desk.session() as s:
        total = s.exec(select(func.count()).select_from(Case).where(*where)).one()
        stmt = (
            select(
                Case.id,
                Case.case_no,
                Case.claim_fen,
                Case.filed_on,
                Case.received_on,
                Case.stage,
                Case.stage_entered_at,
                due.label("due_on"),
                has_facts.label("has_facts"),
                pending.label("pending"),
            )
            .where(*where)
            .order_by(col(Case.stage_entered_at), col(Case.id))
            .offset(offset)
            .limit(limit)
        )
        rows = list(s.exec(stmt))
        ids = [r[0] for r in rows]
        parties = first_parties(s, ids)
        node_names = _deadline_names(s, ids, rule_ids)
    items = tuple(
        QueueRow(
            case_id=cid,
            case_no=no,
            applicant=parties.get((cid, "applicant"), ""),
            respondent=parties.get((cid, "respondent"), ""),
            claim_fen=claim,
            filed_on=filed,
            received_on=received,
            stage=stage,
            stage_name=names.get(stage, stage),
            waiting_since=entered,
            days_waiting=max(0, (today - entered.date()).days),
            deadline_on=due_on,
            deadline_name=node_names.get((cid, due_on)) if due_on else None,
            days_left=(due_on - today).days if due_on else None,
            facts_set=bool(facts),
            related_pending=bool(pend),
        )
        for cid, no, claim, filed, received, stage, entered, due_on, facts, pend in rows
    )
    return Page(items=items, total=int(total), offset=offset, limit=limit)


def _deadline_names(s, case_ids: list[int], rule_ids: list[str]) -> dict[tuple[int, date], str]:
    """(case id, due date) → the name of the open triage node due that day (for the page's cases)."""
    if not case_ids or not rule_ids:
        return {}
    # Open or not is checked here, not in SQL: "completed_at IS NULL" looks like a rare value to
    # the planner's statistics (most nodes have a moment of their own) and would lead it to walk
    # every open node of the court instead of the page's few cases by ix_deadline_node_case_open.
    stmt = (
        select(DeadlineNode.case_id, DeadlineNode.due_on, DeadlineNode.name, DeadlineNode.completed_at)
        .where(col(DeadlineNode.case_id).in_(case_ids), col(DeadlineNode.rule_id).in_(rule_ids))
        .order_by(col(DeadlineNode.id))
    )
    out: dict[tuple[int, date], str] = {}
    for cid, due_on, name, completed_at in s.exec(stmt):
        if completed_at is None:
            out.setdefault((cid, due_on), name)
    return out


# --- who may decide -----------------------------------------------------------------------------
def may_decide(role: str | None) -> bool:
    """Whether a person of ``role`` may make a triage decision (the rule ``services.triage.decide``
    enforces; screens use it only to hide keys)."""
    return role is not None and any(at_least(role, needed) for needed in DECIDE_ROLES)


# --- one case -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class TriageView:
    """What the queue screen shows of one case: the suggestion and its context."""

    case_id: int
    case_no: str
    suggestion: Suggestion
    clerk_facts: dict[str, Any]
    decided: bool
    related_pending_id: int | None  # a pending 类案集中 approval
    related_asked: bool  # a 类案集中 proposal was made (any status)
    classes: tuple[str, ...]
    teams: tuple[str, ...]  # every team a decision may name, in the profile's unit order
    related_required: bool  # the profile wants 类案集中 before assigning (固始)

    @property
    def related(self) -> tuple[RelatedCase, ...]:
        return self.suggestion.related


def _teams_in_order(desk: Desk) -> tuple[str, ...]:
    """Route teams in the order of the work stages that hold them (速执, 普执一, 普执二 …)."""
    names = desk.profile.triage.team_names()
    by_code = {u.code: u.name for u in desk.profile.units}
    ordered = [by_code[c] for st in desk.profile.stages for c in st.units if by_code.get(c) in names]
    ordered += [u.name for u in desk.profile.units if u.name in names]
    return tuple(dict.fromkeys(ordered + sorted(names)))


def triage_view(desk: Desk, case_id: int) -> TriageView:
    """The suggestion for one case with the clerk's facts, the decision state and the choices."""
    with desk.session() as s:
        case = load_case(s, case_id)
        sug = suggest_in(s, desk, case)
        facts_row = s.get(CaseFacts, case_id)
        decided = s.exec(
            select(TriageDecision.id).where(
                TriageDecision.case_id == case_id, TriageDecision.kind == "initial"
            )
        ).first()
        approvals = list(
            s.exec(
                select(Approval.id, Approval.status).where(
                    Approval.case_id == case_id, Approval.kind == "related_cases"
                )
            )
        )
    section = desk.profile.triage
    return TriageView(
        case_id=case_id,
        case_no=case.case_no,
        suggestion=sug,
        clerk_facts=dict(facts_row.facts) if facts_row and facts_row.facts else {},
        decided=decided is not None,
        related_pending_id=next((aid for aid, st in approvals if st == "pending"), None),
        related_asked=bool(approvals),
        classes=tuple(section.classes),
        teams=_teams_in_order(desk),
        related_required=section.related_cases and sug.related_team is not None,
    )


# --- the clerk's facts --------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class FactChoice:
    key: str
    label: str
    value: bool  # what the suggestion uses now
    source: str  # where that value came from (Chinese), "" when not known


def _profile_flags(profile: Profile) -> list[str]:
    """The flag facts the profile's criteria, exclusions and routes name, in the order they appear."""
    section = profile.triage
    seen: dict[str, None] = {}
    conditions = [c.when for c in section.criteria] + [e.when for e in section.exclusions]
    conditions += [r.when for r in section.routes]
    for cond in conditions:
        if cond is not None:
            for key in [*cond.all, *cond.any]:
                seen.setdefault(key, None)
    return list(seen)


def facts_form(desk: Desk, view: TriageView) -> list[FactChoice]:
    """The yes/no facts a clerk may state for this profile, with their current value and source."""
    facts = view.suggestion.facts
    sources = view.suggestion.sources
    return [
        FactChoice(key, fact_label(key), facts.flag(key), sources.get(key, ""))
        for key in _profile_flags(desk.profile)
    ]


def updated_clerk_facts(view: TriageView, chosen: dict[str, bool]) -> dict[str, Any]:
    """The clerk's facts after the form: what was stated before, with every flag whose value the
    clerk changed from the one the suggestion used laid over it."""
    facts: engine.Facts = view.suggestion.facts
    out = dict(view.clerk_facts)
    for key, value in chosen.items():
        if value != facts.flag(key):
            out[key] = value
    return out


# --- the 简转繁 form of a case --------------------------------------------------------------------
def s2c_approval_id(desk: Desk, case_id: int) -> int:
    """The latest 简转繁 approval of a case (the one its 审批表 prints)."""
    with desk.session() as s:
        case = load_case(s, case_id)
        aid = s.exec(
            select(Approval.id)
            .where(Approval.case_id == case_id, Approval.kind == "simple_to_complex")
            .order_by(col(Approval.requested_at).desc(), col(Approval.id).desc())
        ).first()
    if aid is None:
        raise NotFound(f"案件 {case.case_no} 没有简转繁审批（速执/快执团队案件立案满期限未结时提出）")
    return int(aid)

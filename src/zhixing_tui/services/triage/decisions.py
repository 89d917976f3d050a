"""繁简分流 use cases: facts of a case, suggestion, decision, fair draw, 类案集中, 二次分案, 简转繁.

The engine (``domain.triage``) suggests; a person decides (accept, or override with a reason).
Random routes are settled by the fair draw (``domain.assignment``), recorded in AssignmentDraw
with the pool, the counts and the seed. Permission checks are here (``domain.roles.require``);
the operator's role is the role of the active staff member with the operator's name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, select

from ...domain import triage as engine
from ...domain.assignment import DrawResult, draw, new_seed, period_of
from ...domain.closing import TERMINATED_THIS_ROUND
from ...domain.roles import require
from ...errors import Conflict, InvalidValue, NotFound
from ...i18n import triage as triage_text
from ...storage.models import (
    Approval,
    AssignmentDraw,
    Case,
    CaseFacts,
    IntakeRecord,
    OrgUnit,
    Party,
    QueryItem,
    Staff,
    TriageDecision,
)
from .. import audit
from ..deadlines.emitters import emits
from ..deadlines.nodes import apply_event
from ..desk import Desk
from ..permissions import operator_role

__all__ = [
    "DECIDE_ROLES",
    "MONEY_ASSET_TYPES",
    "RelatedCase",
    "Suggestion",
    "Decision",
    "assign",
    "decide",
    "derive_facts",
    "record_draw",
    "find_related",
    "pending_approval",
    "set_case_facts",
    "suggest",
    "suggest_by_case_no",
]

#: Roles that may make a triage decision (the ladder above deputy_chief passes too).
DECIDE_ROLES = {"triage_clerk", "query_clerk", "center_director", "monitor", "deputy_chief"}
#: Query-checklist asset types whose amounts are "deposits and online funds found" (money_found);
#: the same pair as ``domain.checklist.MONEY_TYPES``.
MONEY_ASSET_TYPES = ("deposit", "online_funds")
#: 类案集中 reasons (codes → Chinese, i18n)
RELATED_REASONS = triage_text.RELATED_REASON_NAMES


# --- helpers -----------------------------------------------------------------------------------
def load_case(s: Session, case_id: int) -> Case:
    case = s.get(Case, case_id)
    if case is None:
        raise NotFound(f"案件（编号 {case_id}）不存在")
    return case


def _section(desk: Desk):
    return desk.profile.triage


def unit_by_name(s: Session, desk: Desk, name: str) -> OrgUnit:
    """The OrgUnit of a team named in the profile's routes (by the profile's code, else by name)."""
    code = next((u.code for u in desk.profile.units if u.name == name), None)
    unit = s.exec(select(OrgUnit).where(OrgUnit.code == code)).first() if code else None
    unit = unit or s.exec(select(OrgUnit).where(OrgUnit.name == name)).first()
    if unit is None:
        raise NotFound(f"团队「{name}」不存在（数据库未按本院配置初始化？）")
    return unit


def _stage_for_unit(desk: Desk, unit_code: str) -> str:
    """The work stage that holds cases of this unit."""
    for st in desk.profile.stages:
        if unit_code in st.units and st.kind == "work":
            return st.code
    raise Conflict(f"本院配置中没有由单位 {unit_code} 办理的阶段")


def route_teams(desk: Desk) -> set[str]:
    return desk.profile.triage.team_names()


# --- facts --------------------------------------------------------------------------------------
def derive_facts(s: Session, case: Case) -> tuple[engine.Facts, dict[str, str]]:
    """Facts from the case's own records, then the clerk's CaseFacts laid over them.

    Returns the facts and, for each key, where it came from (Chinese).
    """
    src: dict[str, str] = {"claim_amount": "立案信息", "filed_on": "立案信息"}
    flags: dict[str, bool] = {}
    respondents = list(s.exec(select(Party).where(Party.case_id == case.id, Party.role == "respondent")))
    if respondents:
        flags["respondent_is_government"] = any(p.kind == "organ" for p in respondents)
        src["respondent_is_government"] = "被执行人类型"
    if case.special_campaign:
        flags["special_campaign"] = True
        src["special_campaign"] = "立案信息"
    if case.criminal_property:
        flags["criminal_property_penalty"] = True
        src["criminal_property_penalty"] = "立案信息"
    prior = _prior_zhongben(s, case, respondents)
    if prior is not None:
        src["prior_zhongben_closed_on"] = "同一被执行人的前案"
    money = s.exec(
        select(func.coalesce(func.sum(QueryItem.amount_found_fen), 0)).where(
            QueryItem.case_id == case.id,
            QueryItem.result == "found",
            QueryItem.asset_type.in_(MONEY_ASSET_TYPES),
        )
    ).one()
    results = list(
        s.exec(select(QueryItem.result).where(QueryItem.case_id == case.id, QueryItem.result.is_not(None)))
    )
    money_found = int(money) if results else None
    if results:
        src["money_found"] = "查控清单"
        flags["no_property_found"] = all(r == "none" for r in results)
        src["no_property_found"] = "查控清单"
    intake = s.exec(
        select(IntakeRecord).where(IntakeRecord.case_id == case.id, IntakeRecord.is_current)
    ).first()
    if intake is not None:
        for key, value in (
            ("performed_or_willing", intake.performed_or_willing),
            ("settlement_likely", intake.settlement_willing),
            ("notice_service_at_trial", intake.notice_service_at_trial),
        ):
            if value is not None:
                flags[key] = value
                src[key] = "初次接待笔录"
    facts = engine.Facts(
        claim_fen=case.claim_fen,
        filed_on=case.filed_on,
        money_found_fen=money_found,
        prior_zhongben_closed_on=prior,
        flags=flags,
    )
    clerk = s.get(CaseFacts, case.id)
    if clerk is not None and clerk.facts:
        stated = engine.parse_facts(clerk.facts)
        facts = facts.merged(stated)
        src.update({k: "书记员填写" for k in clerk.facts})
    return facts, src


def _prior_zhongben(s: Session, case: Case, respondents: list[Party]) -> date | None:
    """The latest 终本 closing, before this case was filed, of another case against the same respondent."""
    ids = [p.id_number for p in respondents if p.id_number]
    names = [p.name for p in respondents if not p.id_number]
    if not ids and not names:
        return None
    match = (
        or_(Party.id_number.in_(ids), Party.name.in_(names))
        if ids and names
        else (Party.id_number.in_(ids) if ids else Party.name.in_(names))
    )
    stmt = (
        select(func.max(Case.closed_on))
        .join(Party, Party.case_id == Case.id)
        .where(
            Party.role == "respondent",
            match,
            Case.id != case.id,
            Case.closing_method == TERMINATED_THIS_ROUND,
            Case.closed_on <= case.filed_on,
        )
    )
    return s.exec(stmt).one()


def set_case_facts(desk: Desk, case_id: int, facts: dict[str, Any]) -> None:
    """Store the clerk's triage facts for a case (validated; replaces the previous set)."""
    parsed = engine.parse_facts(facts)
    with desk.transaction() as s:
        load_case(s, case_id)
        row = s.get(CaseFacts, case_id)
        before = dict(row.facts) if row else None
        data = parsed.to_json()
        if row is None:
            row = CaseFacts(case_id=case_id, facts=data, updated_by=desk.operator)
        else:
            row.facts, row.updated_by, row.updated_at = data, desk.operator, desk.now()
        s.add(row)
        audit.record_case(
            s,
            desk,
            case_id,
            "triage_facts",
            "填写繁简分流事实",
            entity="case_facts",
            entity_id=case_id,
            before=before,
            after=data,
        )


# --- suggestion ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class RelatedCase:
    case_id: int
    case_no: str
    reasons: tuple[str, ...]
    unit_name: str | None


@dataclass(frozen=True)
class Suggestion:
    case_id: int
    case_no: str
    facts: engine.Facts
    sources: dict[str, str]
    result: engine.TriageResult
    related: tuple[RelatedCase, ...] = ()
    related_team: str | None = None
    notes: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        out = {"case_no": self.case_no, "facts": self.facts.to_json(), **self.result.to_json()}
        out["related"] = [
            {"case_no": r.case_no, "reasons": list(r.reasons), "team": r.unit_name} for r in self.related
        ]
        out["related_team"] = self.related_team
        return out


def find_related(s: Session, case: Case, team_names: set[str]) -> tuple[tuple[RelatedCase, ...], str | None]:
    """Open cases related to ``case`` (类案集中) and the team holding most of them."""
    mine = list(s.exec(select(Party).where(Party.case_id == case.id)))
    found: dict[int, set[str]] = {}

    def add(ids, reason: str) -> None:
        for cid in ids:
            if cid != case.id:
                found.setdefault(cid, set()).add(reason)

    for p in (p for p in mine if p.role == "respondent"):
        cond = Party.id_number == p.id_number if p.id_number else Party.name == p.name
        add(s.exec(select(Party.case_id).where(Party.role == "respondent", cond)), "same_respondent")
    for p in (p for p in mine if p.role == "applicant"):
        cond = Party.id_number == p.id_number if p.id_number else Party.name == p.name
        add(s.exec(select(Party.case_id).where(Party.role == "respondent", cond)), "applicant_is_respondent")
    if case.basis.strip():
        add(s.exec(select(Case.id).where(Case.basis == case.basis)), "same_subject")
    if not found:
        return (), None
    rows = s.exec(
        select(Case.id, Case.case_no, OrgUnit.name)
        .join(OrgUnit, Case.unit_id == OrgUnit.id, isouter=True)
        .where(Case.id.in_(list(found)), Case.status == "open")
        .order_by(Case.id)
        .limit(50)
    ).all()
    related = tuple(
        RelatedCase(cid, no, tuple(sorted(found[cid], key=list(RELATED_REASONS).index)), unit)
        for cid, no, unit in rows
    )
    held = [r.unit_name for r in related if r.unit_name in team_names]
    team = max(dict.fromkeys(held), key=held.count) if held else None
    return related, team


def suggest_in(s: Session, desk: Desk, case: Case) -> Suggestion:
    facts, sources = derive_facts(s, case)
    result = engine.evaluate(_section(desk), facts, today=desk.today())
    related, team = (
        find_related(s, case, route_teams(desk)) if _section(desk).mode == "classes" else ((), None)
    )
    return Suggestion(case.id, case.case_no, facts, sources, result, related, team)


def suggest(desk: Desk, case_id: int) -> Suggestion:
    """The engine's suggestion for a case (read only)."""
    with desk.session() as s:
        return suggest_in(s, desk, load_case(s, case_id))


def suggest_by_case_no(desk: Desk, case_no: str) -> Suggestion:
    from ...domain.case_no import normalize_case_no

    with desk.session() as s:
        cid = s.exec(select(Case.id).where(Case.case_no == normalize_case_no(case_no))).first()
        if cid is None:
            raise NotFound(f"案号 {case_no} 不存在")
        return suggest_in(s, desk, load_case(s, cid))


# --- the fair draw -------------------------------------------------------------------------------
def _month(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day.replace(day=1), time())
    nxt = (start + timedelta(days=32)).replace(day=1)
    return start, nxt


def _team_counts(s: Session, desk: Desk, pool: list[str]) -> dict[str, int]:
    """Assignments to each team of ``pool`` in the current period (decided triage decisions)."""
    start, end = _month(desk.today())
    rows = s.exec(
        select(OrgUnit.name, func.count(TriageDecision.id))
        .join(OrgUnit, TriageDecision.final_unit_id == OrgUnit.id)
        .where(
            TriageDecision.status == "decided",
            TriageDecision.kind.in_(["initial", "reassign"]),
            TriageDecision.decided_at >= start,
            TriageDecision.decided_at < end,
            OrgUnit.name.in_(pool),
        )
        .group_by(OrgUnit.name)
    ).all()
    return {name: int(n) for name, n in rows}


def member_counts(s: Session, scope: str, period: str, members: list[Staff]) -> dict[str, int]:
    """How many cases each of ``members`` drew in ``scope`` this ``period``, by staff id (a draw
    recorded before ids were kept counts by its name), keyed by the member's name for the draw."""
    names = {m.id: m.name for m in members}
    counts = dict.fromkeys(names.values(), 0)
    rows = s.exec(
        select(AssignmentDraw.chosen_staff_id, AssignmentDraw.chosen).where(
            AssignmentDraw.scope == scope, AssignmentDraw.period == period
        )
    )
    for staff_id, chosen in rows:
        name = names.get(staff_id) if staff_id is not None else chosen
        if name in counts:
            counts[name] += 1
    return {n: c for n, c in counts.items() if c}


def record_draw(
    s: Session,
    desk: Desk,
    case: Case,
    scope: str,
    pool: list[str],
    counts,
    seed,
    *,
    staff_ids: dict[str, int] | None = None,
) -> DrawResult:
    """Draw among ``pool`` and record it; ``staff_ids`` (name → id) for a draw among people."""
    result = draw(pool, counts, new_seed() if seed is None else seed)
    row = AssignmentDraw(
        case_id=case.id,
        scope=scope,
        period=period_of(desk.today()),
        pool=list(result.pool),
        counts=dict(result.counts),
        seed=result.seed,
        chosen=result.chosen,
        chosen_staff_id=(staff_ids or {}).get(result.chosen),
        drawn_by=desk.operator,
    )
    s.add(row)
    s.flush()
    audit.record_case(
        s,
        desk,
        case.id,
        "draw",
        result.explain(),
        entity="assignment_draw",
        entity_id=row.id,
        after=result.to_record(),
    )
    return result


# --- decision ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Decision:
    decision_id: int
    cls: str | None
    team: str
    overridden: bool
    draw: DrawResult | None


@emits("triage_done", "transferred")
def assign(
    s: Session,
    desk: Desk,
    case: Case,
    *,
    kind: str,
    sug: Suggestion,
    cls: str | None,
    team: str | None,
    pool: list[str],
    reason: str,
    seed: int | None,
    approved_by: str | None = None,
) -> Decision:
    drawn = None
    if team is None:
        if not pool:
            raise Conflict(f"案件 {case.case_no} 没有可去的团队：请指定团队")
        drawn = record_draw(s, desk, case, "team", pool, _team_counts(s, desk, pool), seed)
        team = drawn.chosen
    unit = unit_by_name(s, desk, team)
    suggested_team = sug.result.team
    # A person who picks the team where the suggestion was a draw overrides the draw, too: only the
    # draw itself (``drawn``) or the suggested team counts as following the suggestion.
    overridden = kind == "initial" and (cls != sug.result.cls or (drawn is None and team != suggested_team))
    if kind == "initial" and overridden and not reason.strip():
        raise InvalidValue("改变系统建议的类别或团队时必须写明理由", field="reason")
    row = TriageDecision(
        case_id=case.id,
        kind=kind,
        facts=sug.facts.to_json(),
        suggested_class=engine.class_code(sug.result.cls or "普通"),
        suggested_unit=suggested_team,
        matched=[r.to_json() for r in sug.result.matched],
        excluded_by=[r.to_json() for r in sug.result.excluded_by],
        final_class=engine.class_code(cls or "普通"),
        final_unit_id=unit.id,
        overridden=overridden,
        reason=reason.strip(),
        approved_by=approved_by,
        decided_by=desk.operator,
    )
    s.add(row)
    # imported here: the stage change (and the 终本 conditions it checks) is for deciding only —
    # the queue and the suggestion, which 繁简分流 (F4) shows on its first open, read without it
    from ..cases.lifecycle import set_stage

    before = audit.snapshot(case, ["triage_class", "stage", "unit_id"])
    case.triage_class = engine.class_code(cls) if cls else None
    what = {"initial": "繁简分流", "reassign": "二次分案"}.get(kind, kind)
    set_stage(
        s,
        case,
        _stage_for_unit(desk, unit.code),
        unit.id,
        None,
        f"{what}：分至{team}",
        desk.operator,
        desk=desk,
    )
    if kind == "initial":
        moment = desk.now()
        apply_event(s, desk, case, "triage_done", moment, desk.operator)
        apply_event(s, desk, case, "transferred", moment, desk.operator)
    s.flush()
    audit.record_case(
        s,
        desk,
        case.id,
        f"triage_{kind}",
        f"{what}：{cls or '不分类'}，分至{team}" + ("（改判）" if overridden else ""),
        entity="triage_decision",
        entity_id=row.id,
        before=before,
        after={"class": cls, "team": team, "reason": row.reason, "overridden": overridden},
    )
    return Decision(row.id, cls, team, overridden, drawn)


def pending_approval(s: Session, case_id: int, kind: str) -> Approval | None:
    return s.exec(
        select(Approval).where(
            Approval.case_id == case_id, Approval.kind == kind, Approval.status == "pending"
        )
    ).first()


def decide(
    desk: Desk,
    case_id: int,
    *,
    cls: str | None = None,
    team: str | None = None,
    reason: str = "",
    seed: int | None = None,
) -> Decision:
    """Accept the suggestion (no ``cls``/``team``) or override it with a reason; assign the case."""
    with desk.transaction() as s:
        if _section(desk).mode == "none":
            raise Conflict("本院不实行立案后的一次性繁简分流；线索查控组的分案请用 distribute_to_member")
        require(operator_role(s, desk), DECIDE_ROLES, "作出繁简分流决定")
        case = load_case(s, case_id)
        if pending_approval(s, case_id, "related_cases"):
            raise Conflict(f"案件 {case.case_no} 的类案集中审批尚未决定")
        if s.exec(select(TriageDecision.id).where(TriageDecision.case_id == case_id)).first():
            raise Conflict(f"案件 {case.case_no} 已经分流；如需改派请用二次分案")
        sug = suggest_in(s, desk, case)
        asked = s.exec(
            select(Approval.id).where(Approval.case_id == case_id, Approval.kind == "related_cases")
        )
        if _section(desk).related_cases and sug.related_team and asked.first() is None:
            raise Conflict(
                f"案件 {case.case_no} 有关联案件由{sug.related_team}办理：请先提出类案集中建议，报执行局长审批"
            )
        final_cls = engine.class_name(engine.class_code(cls)) if cls else sug.result.cls
        if final_cls not in _section(desk).classes:
            raise InvalidValue(f"本院没有“{final_cls}”类别", field="class", value=cls)
        if team is not None and team not in route_teams(desk):
            raise InvalidValue(f"团队「{team}」不是本院分案的团队", field="team", value=team)
        route = (
            sug.result
            if final_cls == sug.result.cls
            else engine.route_for(_section(desk), final_cls, sug.facts, today=desk.today())
        )
        target = team or route.team
        return assign(
            s,
            desk,
            case,
            kind="initial",
            sug=sug,
            cls=final_cls,
            team=target,
            pool=[] if target else list(route.pool),
            reason=reason,
            seed=seed,
        )

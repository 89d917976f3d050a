"""繁简分流 of demo cases, a mixin of ``CaseMaker``: the engine's suggestion on the facts the case's
own records give, the person's decision (now and then overriding it with a reason), the fair draw
between teams, 二次分案, and the 简转繁 and 类案集中 requests for the 执行局长.

The suggestion is the real engine's (``domain.triage.evaluate``) on the facts the triage screen
would derive: the claim, the money the network queries found, whether every query came back
empty, the 初次接待 answers, the case's flags and the clerk's facts. A case is generated with a
team in mind (the stage its history leads to); :meth:`CaseTriage._triage_plan` shapes the facts
the records will show towards that team (the interview's answers, a clerk's fact), and where
the engine still routes elsewhere the case goes where the engine says. Draws count the decisions
of the month so far, so replaying a stored draw gives its team.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ..domain import triage as engine
from ..domain.assignment import DrawResult, draw, period_of
from ..profiles.triage_schema import Condition

#: Share of decisions where the person overrides the suggestion (with a reason).
OVERRIDE_SHARE = 0.04
#: Share of cases in a team for a while that are reassigned (二次分案).
REASSIGN_SHARE = 0.012
#: Facts the case's own records give (the rest a clerk states: CaseFacts).
RECORD_FLAGS = frozenset(
    {
        "performed_or_willing",
        "settlement_likely",
        "no_property_found",
        "notice_service_at_trial",
        "respondent_is_government",
        "special_campaign",
        "criminal_property_penalty",
    }
)
#: Clerk facts that say there is property to dispose of (the queries then find real estate).
PROPERTY_FLAGS = frozenset({"property_to_dispose", "needs_valuation_sale", "transfer_of_registered_property"})

REASONS = {
    "普通": (
        "被执行人名下房产需评估拍卖，难以一次性有效执行",
        "申请执行人反映被执行人有转移财产迹象，需采取强制措施",
        "双方对履行方式分歧较大，短期内难以执结",
    ),
    "简易": (
        "被执行人已筹足款项，承诺近日一次性履行",
        "双方已达成执行和解意向，可速执速结",
        "仅需向不动产登记中心送达协助执行通知书即可办结",
    ),
    "特殊": ("涉众型纠纷，申请执行人人数众多，存在集体信访风险", "案情重大复杂，社会关注度高"),
}
PICK_REASONS = (
    "该被执行人另案由{team}办理，一并交其办理便于统筹",
    "{team}承办人熟悉该类纠纷，经中心主任同意指定",
)
REASSIGN_REASONS = (
    "被执行人另案在{team}办理，二次分案并案执行",
    "原承办团队人员调整，经执行局长同意改由{team}办理",
)
S2C_REASONS = (
    "新发现被执行人名下房产需评估拍卖",
    "被执行人提出执行异议，需审查处理",
    "被执行人下落不明，需采取强制措施",
)


@dataclass
class TriagePlan:
    """The decision a case will carry, settled before its dates are laid out."""

    facts: engine.Facts
    result: engine.TriageResult  # the suggestion
    cls: str  # the final class (Chinese name)
    team: str | None  # the final team, or None for a draw over ``pool``
    pool: tuple[str, ...]
    overridden: bool = False
    reason: str = ""
    clerk: dict[str, bool] = field(default_factory=dict)  # CaseFacts written by the clerk
    drawn: DrawResult | None = None

    def reaches(self, team: str) -> bool:
        return self.team == team or (self.team is None and team in self.pool)


class TriageSetup:
    """What the demo needs of a profile's triage, read once."""

    def __init__(self, profile, plan) -> None:
        self.section = section = profile.triage
        self.active = section.mode == "classes" and plan.triage_stage is not None
        self.stage_of_team: dict[str, str] = {}  # in the profile's order (never a set's: seeds must repeat)
        names = section.team_names() if self.active else set()
        for unit in profile.units:
            stage = plan.stage_of_unit.get(unit.code)
            if unit.name in names and stage:
                self.stage_of_team[unit.name] = stage
        self.team_of_stage = {v: k for k, v in self.stage_of_team.items()}
        self.simple_teams = set(section.fast_teams)
        for r in section.routes:
            if r.cls == "简易":
                self.simple_teams.update([r.team] if r.team else r.pool)
        self.counts: dict[str, dict[str, int]] = {}  # period → team → decisions that month

    def required_flags(self, team: str | None) -> set[str]:
        """Flags every route to ``team`` needs (刑事涉财产刑 for a team that takes only those)."""
        routes = [r for r in self.section.routes if team is not None and (r.team == team or team in r.pool)]
        if not routes or any(r.when is None or not r.when.all for r in routes):
            return set()
        return set.intersection(*(set(r.when.all) for r in routes))

    def simple(self, team: str | None) -> bool | None:
        return None if team is None else team in self.simple_teams

    def toward(self, team: str) -> list[dict[str, bool]]:
        """Sets of facts that could lead the engine to ``team``."""
        section = self.section
        routes = [r for r in section.routes if r.team == team or team in r.pool]
        out: list[dict[str, bool]] = []
        if team in self.simple_teams:
            out += [{"performed_or_willing": True}, {"settlement_likely": True}]
        else:
            out.append({"performed_or_willing": False, "settlement_likely": False})
        classes = {r.cls for r in routes if r.cls}
        for r in routes:
            if r.when is not None and _flags_only(r.when):
                out.append(dict.fromkeys(r.when.all, True))
        for c in section.criteria:
            if c.when is not None and c.cls in classes and c.cls != "简易" and _flags_only(c.when):
                out.append(dict.fromkeys(c.when.all, True))
        if team not in self.simple_teams:
            for e in section.exclusions:
                if e.when is not None and e.blocks == "简易" and _flags_only(e.when):
                    out.append(dict.fromkeys(e.when.all, True))
        return out

    def count(self, day: date, team: str) -> None:
        month = self.counts.setdefault(period_of(day), {})
        month[team] = month.get(team, 0) + 1


def _flags_only(cond: Condition) -> bool:
    return (
        bool(cond.all) and not cond.any and cond.claim_amount_max is None and cond.money_covers_claim is None
    )


class CaseTriage:
    """Needs from the class it is mixed into: rng, as_of, triage (TriageSetup), unit_ids, unit_of_team,
    _id, _audit, _center_staff, roles."""

    def _triage_plan(
        self, team: str, *, claim: int, filed_on: date, money: int, empty: bool, flags: dict[str, bool],
        pinned: bool,
    ) -> TriagePlan:  # fmt: skip
        """The suggestion and decision for a case meant for ``team``; ``flags`` are the record facts
        (changed in place when the facts are shaped toward the team)."""
        rng, setup = self.rng, self.triage
        section = setup.section
        flags = dict(flags, no_property_found=empty)

        def evaluate(extra: dict[str, bool]) -> tuple[engine.Facts, engine.TriageResult]:
            facts = engine.Facts(
                claim_fen=claim, filed_on=filed_on, money_found_fen=money, flags={**flags, **extra}
            )
            return facts, engine.evaluate(section, facts, today=self.as_of)

        facts, result = evaluate({})
        chosen: dict[str, bool] = {}
        if not _reaches(result, team):
            options = setup.toward(team)
            rng.shuffle(options)
            for extra in options:
                f2, r2 = evaluate(extra)
                if _reaches(r2, team):
                    facts, result, chosen = f2, r2, extra
                    break
        flags.update(chosen)
        plan = TriagePlan(facts, result, result.cls or section.default_class, result.team, result.pool)
        plan.clerk = {k: v for k, v in chosen.items() if k not in RECORD_FLAGS}
        if pinned or rng.random() >= OVERRIDE_SHARE:
            return plan
        if len(result.pool) > 1 and rng.random() < 0.3:
            pick = rng.choice(result.pool)
            plan.team, plan.pool = pick, ()
            plan.reason = rng.choice(PICK_REASONS).format(team=pick)
        else:
            others = [c for c in section.classes if c != plan.cls]
            if not others:
                return plan
            cls = rng.choices(others, [0.2 if c == "特殊" else 1.0 for c in others])[0]
            route = engine.route_for(section, cls, facts, today=self.as_of)
            if not route.team and not route.pool:
                return plan
            plan.cls, plan.team, plan.pool = cls, route.team, route.pool
            plan.reason = rng.choice(REASONS[cls])
        plan.overridden = True
        return plan

    def _settle_draw(self, plan: TriagePlan, decided_at: datetime, meant: str | None) -> str:
        """The team the case goes to: the plan's, or the draw's (a pinned case whose draw would go
        elsewhere is assigned by hand instead, with a reason)."""
        if plan.team is not None:
            return plan.team
        counts = self.triage.counts.get(period_of(decided_at.date()), {})
        result = draw(plan.pool, {t: counts.get(t, 0) for t in plan.pool}, self.rng.randrange(2**31))
        if meant is not None and meant in plan.pool and result.chosen != meant:
            plan.team, plan.overridden = meant, True
            plan.reason = self.rng.choice(PICK_REASONS).format(team=meant)
            return meant
        plan.drawn = result
        return result.chosen

    def _decide(
        self, rows, case_id: int, plan: TriagePlan, team: str, decided_at: datetime, unit_before
    ) -> str:
        """Write the clerk's facts, the draw and the decision with their timeline; return the clerk."""
        rng = self.rng
        clerk = self._decider()
        if plan.clerk:
            at = decided_at - timedelta(minutes=rng.randint(30, 240))
            rows.case_facts.append(
                {"case_id": case_id, "facts": dict(plan.clerk), "updated_by": clerk, "updated_at": at}
            )
            self._audit(rows, case_id, at, clerk, "triage_facts", "填写繁简分流事实", entity="case_facts",
                        after=dict(plan.clerk))  # fmt: skip
        if plan.drawn is not None:
            d = plan.drawn
            did = self._id("assignment_draw")
            at = decided_at - timedelta(minutes=2)
            rows.assignment_draw.append(
                {"id": did, "case_id": case_id, "scope": "team", "period": period_of(decided_at.date()),
                 "pool": list(d.pool), "counts": dict(d.counts), "seed": d.seed, "chosen": d.chosen,
                 "drawn_at": at, "drawn_by": clerk}
            )  # fmt: skip
            self._audit(rows, case_id, at, clerk, "draw", d.explain(), entity="assignment_draw", entity_id=did,
                        after=d.to_record())  # fmt: skip
        self._decision_row(rows, case_id, plan, "initial", team, decided_at - timedelta(minutes=1), clerk,
                           plan.reason, plan.overridden, unit_before)  # fmt: skip
        self.triage.count(decided_at.date(), team)
        return clerk

    def _decision_row(
        self, rows, case_id, plan, kind, team, at, clerk, reason, overridden, unit_before
    ) -> None:
        r = plan.result
        tid = self._id("triage_decision")
        rows.triage_decision.append(
            {
                "id": tid,
                "case_id": case_id,
                "kind": kind,
                "facts": plan.facts.to_json(),
                "suggested_class": engine.class_code(r.cls or "普通"),
                "suggested_unit": r.team,
                "matched": [m.to_json() for m in r.matched],
                "excluded_by": [m.to_json() for m in r.excluded_by],
                "final_class": engine.class_code(plan.cls),
                "final_unit_id": self.unit_of_team[team],
                "overridden": overridden,
                "reason": reason,
                "status": "decided",
                "approved_by": None,
                "decided_by": clerk,
                "decided_at": at,
            }
        )
        what = {"initial": "繁简分流", "reassign": "二次分案"}[kind]
        self._audit(
            rows, case_id, at, clerk, f"triage_{kind}", f"{what}：{plan.cls}，分至{team}" + ("（改判）" if overridden else ""),
            entity="triage_decision", entity_id=tid, before=unit_before,
            after={"class": plan.cls, "team": team, "reason": reason, "overridden": overridden},
        )  # fmt: skip

    def _reassign(self, rows, case_id, plan: TriagePlan, old: str, team: str, at: datetime, span) -> str:
        """二次分案 to ``team``; returns the reason (the stage entry's wording is the service's)."""
        clerk = self._decider()
        reason = self.rng.choice(REASSIGN_REASONS).format(team=team)
        before = {"stage": self.triage.stage_of_team[old], "unit_id": self.unit_of_team[old]}
        self._decision_row(
            rows, case_id, plan, "reassign", team, at - timedelta(minutes=1), clerk, reason, False, before
        )
        self.triage.count(at.date(), team)
        span.mark("handoff_decided", at)
        if self.rng.random() < 0.9:
            span.mark("reassigned", at + timedelta(days=self.rng.randint(0, 2), hours=self.rng.uniform(1, 5)))
        return f"二次分案：分至{team}"

    def _decider(self) -> str:
        names = (
            self.roles.get("triage_clerk") or self.roles.get("center_director") or [self.fallback_operator]
        )
        return self.rng.choice(names)

    # --- requests for the 执行局长 ------------------------------------------------------------------
    def _simple_to_complex(
        self, rows, case_id, case_no, filed_on, team, entered_at, handler, span
    ) -> str | None:
        """A 速执/快执 case still open at the limit: the 简转繁审批表 pending, approved (the case becomes
        普通; returns "ordinary") or not raised yet."""
        rng, section = self.rng, self.triage.section
        limit = section.fast_limit_days
        due = filed_on + timedelta(days=limit or 0)
        if not section.simple_to_complex or not limit or team not in section.fast_teams or due > self.as_of:
            return None
        r = rng.random()
        if r >= 0.7:
            return None
        earliest = max(datetime.combine(due, entered_at.time()), entered_at + timedelta(hours=2))
        if r < 0.3:
            at = max(
                earliest, datetime.combine(self.as_of - timedelta(days=rng.randint(0, 5)), entered_at.time())
            )
        else:
            at = earliest + timedelta(days=rng.randint(0, 3), hours=rng.uniform(0, 3))
        if at >= span.end:
            return None
        by_handler = rng.random() < 0.6
        details = {
            "case_no": case_no,
            "filed_on": filed_on.isoformat(),
            "team": team,
            "days": (at.date() - filed_on).days,
            "limit": limit,
            "reason": rng.choice(S2C_REASONS) if by_handler else "",
        }
        aid = self._id("approval")
        row = {"id": aid, "case_id": case_id, "kind": "simple_to_complex", "level": "bureau_chief",
               "details": details, "status": "pending", "requested_by": handler if by_handler else self._decider(),
               "requested_at": at, "decided_by": None, "decided_at": None, "note": ""}  # fmt: skip
        rows.approval.append(row)
        self._audit(rows, case_id, at, row["requested_by"], "s2c_raised",
                    f"简转繁：{team}案件立案已{details['days']}日未结，报执行局长审批",
                    entity="approval", entity_id=aid, after=details)  # fmt: skip
        if r < 0.3:
            return None
        decided = at + timedelta(days=rng.randint(1, 3), hours=rng.uniform(0, 2))
        if decided >= span.end:
            return None
        chief = self._role_name("bureau_chief")
        row.update(status="approved", decided_by=chief, decided_at=decided)
        self._audit(rows, case_id, decided, chief, "s2c_approved", "简转繁：批准，转为普通案件，仍由原团队办理",
                    entity="approval", entity_id=aid, before={"triage_class": "simple"},
                    after={"triage_class": "ordinary", "status": "approved", "note": ""})  # fmt: skip
        span.mark("simple_to_complex", decided)
        return "ordinary"

    def _related(self, rows, case_id, at: datetime, held: tuple[int, str, str]) -> None:
        """类案集中: an open case against the same respondent is held by a team; the proposal waits
        for the 执行局长."""
        other_id, other_no, team = held
        clerk = self._decider()
        details = {
            "team": team,
            "related": [{"case_no": other_no, "reasons": ["same_respondent"], "team": team}],
        }
        rows.related_case_link.append(
            {
                "id": self._id("related_case_link"),
                "case_id": case_id,
                "other_case_id": other_id,
                "reason": "same_respondent",
            }
        )
        aid = self._id("approval")
        rows.approval.append(
            {"id": aid, "case_id": case_id, "kind": "related_cases", "level": "bureau_chief", "details": details,
             "status": "pending", "requested_by": clerk, "requested_at": at, "decided_by": None,
             "decided_at": None, "note": ""}
        )  # fmt: skip
        self._audit(rows, case_id, at, clerk, "related_proposed", f"类案集中：建议交{team}办理，报执行局长审批",
                    entity="approval", entity_id=aid, after=details)  # fmt: skip

    def _role_name(self, role: str) -> str:
        names = self.roles.get(role) or [self.fallback_operator]
        return names[0]


def _reaches(result: engine.TriageResult, team: str) -> bool:
    return result.team == team or (result.team is None and team in result.pool)

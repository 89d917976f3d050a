"""One synthetic case with its whole history, as plain row dicts for bulk insertion.

:class:`CaseMaker` holds what every case draws on (the flow plan, staff by unit, the area's
names) and an id counter per table; :meth:`CaseMaker.make` appends one case's rows to a
:class:`Rows` batch. Everything comes from the one ``random.Random`` it is given, consumed in
a fixed order, so a seed always gives the same rows.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from ..domain import checklist as cl
from ..domain import intake as form
from ..domain.closing import CLOSING_METHODS, EXECUTED_IN_FULL, TERMINATED, TERMINATED_THIS_ROUND
from ..domain.measures import CONSUMPTION_BAN
from ..domain.triage import class_code
from ..services.cases.registry import build_search_text
from . import names as nm
from .closing import CLOSING_REASONS, CaseClosings
from .events import CaseEvents
from .flow import FlowPlan
from .handoff import CaseHandoffs
from .intake import CaseIntake
from .layout import CaseLayout, Span
from .parties import CaseParties, Party_, _key
from .triage import PROPERTY_FLAGS, REASSIGN_SHARE, CaseTriage, TriageSetup
from .work import CaseWork, Checklist

#: closing method → weight among closed cases (every method occurs).
METHOD_WEIGHTS: dict[str, int] = {
    EXECUTED_IN_FULL: 36,
    TERMINATED_THIS_ROUND: 38,
    TERMINATED: 12,
    "不予执行": 3,
    "驳回申请": 3,
    "销案": 4,
    "其他": 4,
}
assert set(METHOD_WEIGHTS) == set(CLOSING_METHODS)


#: tables in insertion order (a row's references come first)
TABLES = (
    "case",
    "party",
    "stage_entry",
    "payment",
    "payout",
    "measure",
    "property_control",
    "intake_record",
    "query_item",
    "document",
    "service_attempt",
    "case_facts",
    "triage_decision",
    "assignment_draw",
    "approval",
    "handoff",
    "related_case_link",
    "audit_entry",
)


@dataclass
class Rows:
    """One batch of rows per table, ready for ``insert(Model)`` with a list of dicts."""

    case: list[dict] = field(default_factory=list)
    party: list[dict] = field(default_factory=list)
    stage_entry: list[dict] = field(default_factory=list)
    payment: list[dict] = field(default_factory=list)
    payout: list[dict] = field(default_factory=list)
    measure: list[dict] = field(default_factory=list)
    property_control: list[dict] = field(default_factory=list)
    intake_record: list[dict] = field(default_factory=list)
    query_item: list[dict] = field(default_factory=list)
    document: list[dict] = field(default_factory=list)
    service_attempt: list[dict] = field(default_factory=list)
    case_facts: list[dict] = field(default_factory=list)
    triage_decision: list[dict] = field(default_factory=list)
    assignment_draw: list[dict] = field(default_factory=list)
    approval: list[dict] = field(default_factory=list)
    handoff: list[dict] = field(default_factory=list)
    related_case_link: list[dict] = field(default_factory=list)
    audit_entry: list[dict] = field(default_factory=list)
    #: handoff rows whose form is built from the checklist once it is written: (row, case stub)
    forms: list[tuple[dict, CaseStub]] = field(default_factory=list)
    #: case id → events the deadline nodes are derived from (event, moment, subject)
    milestones: dict[int, list] = field(default_factory=dict)


@dataclass(frozen=True)
class CaseStub:
    """What ``handoffs.build_form`` reads of a case."""

    id: int
    case_no: str
    claim_fen: int


class CaseMaker(
    CaseParties, CaseLayout, CaseEvents, CaseIntake, CaseWork, CaseTriage, CaseHandoffs, CaseClosings
):
    def __init__(
        self,
        rng: random.Random,
        plan: FlowPlan,
        court_code: str,
        as_of: date,
        staff: dict[str, list[tuple[int, str, bool]]],
        unit_ids: dict[str, int],
        next_ids: dict[str, int],
        fallback_operator: str,
        roles: dict[str, list[str]] | None = None,
    ) -> None:
        self.rng = rng
        self.plan = plan
        self.profile = profile = plan.profile
        self.court = court_code
        self.court_name = profile.court.name
        self.area = nm.area_for(court_code)
        self.roles = roles or {}
        self.catalogue = cl.catalogue(profile.checklist)
        self.item_labels = {(c.channel, c.asset_type): c.label for c in self.catalogue}
        self.triage = TriageSetup(profile, plan)
        fast = profile.triage.fast_limit_days
        for team in profile.triage.fast_teams:  # a fast team's stage is held to the fast limit
            code = self.triage.stage_of_team.get(team)
            if fast and code and not plan.stages[code].has_limit:
                plan.stages[code] = replace(
                    plan.stages[code], limit_days=float(fast), typical_days=fast * 0.7
                )
        names = {u.name: u.code for u in profile.units}
        self.unit_of_team = {
            t: unit_ids[names[t]] for t in self.triage.stage_of_team if names.get(t) in unit_ids
        }
        self.moves = self._move_info()
        # A move between two teams is a 二次分案, which the maker adds itself (with its decision).
        teams = set(self.triage.team_of_stage)
        for code, paths in plan.paths.items():
            kept = [
                p for p in paths if not any(a in teams and b in teams for a, b in zip(p, p[1:], strict=False))
            ]
            plan.paths[code] = kept or paths
        self.held_by_team: dict[str, tuple[Party_, int, str, str]] = {}  # respondent → open team case
        self.as_of = as_of
        self.end_of_day = datetime.combine(as_of, time(17, 30))
        self.staff = staff
        self.unit_ids = unit_ids
        self.ids = next_ids
        self.fallback_operator = fallback_operator
        self.repeat_pool: list[Party_] = []
        self.name_pool: list[tuple[str, bool]] = []
        self.opening_at = datetime.min  # registration and closing moments of the case being made
        self.closing_at: datetime | None = None
        self.causes = [c for c, _ in nm.CAUSES]
        self.cause_weights = [w for _, w in nm.CAUSES]
        self.methods = list(METHOD_WEIGHTS)
        self.method_weights = list(METHOD_WEIGHTS.values())
        self.reach = {code: self._reach_days(code) for code in plan.stages}
        self.stage_counts: dict[str, int] = {}
        self.method_counts: dict[str, int] = {}

    # --- helpers ------------------------------------------------------------------------------
    def _id(self, table: str) -> int:
        value = self.ids[table]
        self.ids[table] = value + 1
        return value

    def _reach_days(self, code: str) -> float:
        path = min(self.plan.paths[code], key=len)
        return sum(self.plan.stages[c].typical_days for c in path[:-1])

    def _office(self, day: date) -> datetime:
        return datetime.combine(day, time(8, 30)) + timedelta(minutes=self.rng.randint(0, 510))

    def _event_at(self, day: date) -> datetime:
        """An office-hours moment on ``day`` after the case's registration, before its closing."""
        at = self._office(day)
        if at <= self.opening_at:
            at = self.opening_at + timedelta(minutes=self.rng.randint(5, 120))
        if self.closing_at is not None and at >= self.closing_at:
            at = self.closing_at - timedelta(minutes=self.rng.randint(1, 60))
        return at

    def _weekday(self, d: date, limit: date) -> date:
        while d.weekday() >= 5 and d + timedelta(days=1) <= limit:
            d += timedelta(days=1)
        return d

    def _handler(self, unit_code: str | None) -> tuple[int | None, str]:
        people = self.staff.get(unit_code or "", [])
        if not people:
            return None, self.fallback_operator
        members = [p for p in people if not p[2]] or people
        pid, name, _leader = self.rng.choice(members if self.rng.random() < 0.85 else people)
        return pid, name

    def _audit(
        self, rows: Rows, case_id: int | None, at: datetime, operator: str, action: str, summary: str, **kw
    ) -> None:
        if action != "register" and at <= self.opening_at:  # the timeline opens with 立案登记
            at = self.opening_at + timedelta(seconds=30)
        rows.audit_entry.append(
            {
                "id": self._id("audit_entry"),
                "at": at,
                "operator": operator,
                "action": action,
                "entity": kw.pop("entity", "case"),
                "entity_id": kw.pop("entity_id", case_id),
                "case_id": case_id,
                "summary": summary,
                "before": kw.pop("before", None),
                "after": kw.pop("after", None),
            }
        )

    def _center_staff(self, stage: str) -> str:
        st = self.plan.stages.get(stage)
        if st is not None and st.units:
            return self._handler(self.rng.choice(st.units))[1]
        names = self.roles.get("window_clerk") or self.roles.get("triage_clerk") or [self.fallback_operator]
        return self.rng.choice(names)

    # --- one case -------------------------------------------------------------------------
    def make(self, rows: Rows, filed_on: date, case_no: tuple[int, str, int], pinned: str | None) -> None:
        rng, plan, setup = self.rng, self.plan, self.triage
        year, type_code, number = case_no
        case_id = self._id("case")
        text_no = f"（{year}）{self.court}{type_code}{number}号"
        r = rng.random()
        lag = 0 if r < 0.85 else 1 if r < 0.97 else rng.randint(2, 3)
        received_on = min(self._weekday(filed_on + timedelta(days=lag), self.as_of), self.as_of)
        received_at = self._office(received_on)
        if received_on == self.as_of:
            received_at = min(received_at, self.end_of_day - timedelta(hours=2))
        age = (self.as_of - received_on).days

        closed = pinned is None and age >= 3 and rng.random() < min(0.92, 0.9 * age / 365 + 0.02)
        method = rng.choices(self.methods, self.method_weights)[0] if closed else None
        if closed:
            options = plan.closing_stages(method)
            quick = method == EXECUTED_IN_FULL  # cases executed in full are mostly the 速执 team's
            weights = [
                plan.share(c) * (3 if quick and setup.simple(setup.team_of_stage.get(c)) else 1)
                for c in options
            ]
            target = rng.choices(options, weights)[0]
        else:
            target = pinned or self._open_target(age)
        path = plan.path_to(rng, target)
        after = _after(path, plan.triage_stage) if setup.active else None
        meant = setup.team_of_stage.get(path[after]) if after is not None else None
        needed = setup.required_flags(meant)
        criminal = "criminal_property_penalty" in needed or rng.random() < 0.012
        campaign = not criminal and ("special_campaign" in needed or rng.random() < 0.015)
        waiting = not closed and target == plan.triage_stage

        cause = nm.CRIMINAL_CAUSE if criminal else rng.choices(self.causes, self.cause_weights)[0]
        basis_year = year if rng.random() < 0.6 else year - 1
        basis = (
            nm.criminal_basis(rng, self.court, basis_year)
            if criminal
            else nm.basis_text(rng, self.court, self.area, basis_year, type_code)
        )
        apps, resps = self._parties(cause)
        if waiting and setup.section.related_cases and self.held_by_team and rng.random() < 0.5:
            resps[0] = self.held_by_team[rng.choice(sorted(self.held_by_team))][0]
        claim = self._claim()
        recovered, abandoned = self._amounts(claim, method, closed, age)
        company = resps[0].kind != "person"
        finds = self._finds(
            method, recovered, claim, simple=setup.simple(meant), company=company, kept=type_code == "执保"
        )
        choices = self._intake_choices(finds, setup.simple(meant))

        # 繁简分流: the engine on what the records will show, the decision, the path through its team.
        tplan = None
        if meant is not None:
            flags = {"respondent_is_government": any(p.kind == "organ" for p in resps)}
            flags.update(special_campaign=campaign, criminal_property_penalty=criminal)
            for key, choice in (("performed_or_willing", "performance"), ("settlement_likely", "settlement")):
                value = form.CHOICE_TRUTH[choice].get(choices[choice])
                if value is not None:
                    flags[key] = value
            notice = form.CHOICE_TRUTH["notice_service_at_trial"].get(choices["notice_service_at_trial"])
            if notice is not None:
                flags["notice_service_at_trial"] = notice
            empty = not (finds.money_fen or finds.real_estate_fen or finds.vehicle_fen or finds.housing_fund_fen
                         or finds.business)  # fmt: skip
            tplan = self._triage_plan(
                meant, claim=claim, filed_on=filed_on, money=finds.money_fen, empty=empty, flags=flags,
                pinned=pinned is not None,
            )  # fmt: skip
            self._shape(tplan, choices, finds, claim)
            if not tplan.reaches(meant):
                meant = tplan.team or rng.choice(tplan.pool)
                path, target = self._reroute(path, target, meant, method)
            after = _after(path, plan.triage_stage)
            if after is None:
                tplan = None
        reassign_to = None
        if tplan is not None and not closed and after == len(path) - 1 and age >= 25 and pinned is None:
            others = [t for t in setup.stage_of_team if t != meant and t not in setup.simple_teams]
            if others and rng.random() < REASSIGN_SHARE:
                reassign_to = rng.choice(others)
                path = path + [setup.stage_of_team[reassign_to]]

        moments, closed_at = self._moments(path, received_at, age, closed)
        team = None
        if tplan is not None:
            team = self._settle_draw(tplan, moments[after], meant if pinned else None)
            old, new = path[after], setup.stage_of_team[team]
            if new != old:
                path = [new if c == old else c for c in path]
            if reassign_to == team:  # the draw chose the team it was to be reassigned to: another one
                reassign_to = next(
                    (t for t in setup.stage_of_team if t not in (team, *setup.simple_teams)), None
                )
                if reassign_to is None:
                    path, moments = path[:-1], moments[:-1]
                else:
                    path[-1] = setup.stage_of_team[reassign_to]
        last_at = closed_at or moments[-1]
        self.opening_at, self.closing_at = received_at, closed_at
        end_day = closed_at.date() if closed_at else self.as_of
        end_at = closed_at or self.end_of_day

        # Who held it where.
        holders = []
        for code in path:
            units = plan.stages[code].units
            unit_code = rng.choice(units) if units else None
            hid, hname = self._handler(unit_code)
            holders.append((self.unit_ids.get(unit_code) if unit_code else None, hid, hname))

        # Parties.
        keyed = []
        for role, group in (("applicant", apps), ("respondent", resps)):
            for order, p in enumerate(group):
                key = _key(p.name, p.kind == "person")
                keyed.append((p.name, key))
                rows.party.append(
                    {
                        "id": self._id("party"),
                        "case_id": case_id,
                        "role": role,
                        "kind": p.kind,
                        "name": p.name,
                        "search_key": key,
                        "id_number": p.id_number,
                        "phone": p.phone,
                        "address": p.address,
                        "sort_order": order,
                    }
                )

        # Stage history and its timeline.
        first: dict[str, tuple[datetime, datetime | None]] = {}
        for i, code in enumerate(path):
            first.setdefault(code, (moments[i], moments[i + 1] if i + 1 < len(path) else closed_at))
        span = Span(first, received_at, end_at)
        self._audit(
            rows, case_id, received_at, holders[0][2], "register", "立案登记",
            after={"case_no": text_no, "claim_fen": claim},
        )  # fmt: skip
        reasons: dict[int, str] = {}
        if tplan is not None:
            before = {"triage_class": None, "stage": path[after - 1], "unit_id": holders[after - 1][0]}
            self._decide(rows, case_id, tplan, team, moments[after], before)
            if reassign_to is not None:
                at = moments[-1]
                reasons[len(path) - 1] = self._reassign(rows, case_id, tplan, team, reassign_to, at, span)
        # where each stay went: the next stay of the path, or the closed stage's stay at the end
        after_path = plan.closed_stage if closed and plan.closed_stage else None
        for i, code in enumerate(path):
            left = moments[i + 1] if i + 1 < len(path) else closed_at
            unit_id, hid, _name = holders[i]
            reason = "立案登记" if i == 0 else reasons.get(i) or plan.label(path[i - 1], code)
            rows.stage_entry.append(
                {
                    "id": self._id("stage_entry"),
                    "case_id": case_id,
                    "stage": code,
                    "unit_id": unit_id,
                    "handler_id": hid,
                    "entered_at": moments[i],
                    "left_at": left,
                    "next_stage": (path[i + 1] if i + 1 < len(path) else after_path) if left else None,
                    "reason": reason,
                }
            )
            if i:
                self._audit(
                    rows, case_id, moments[i], holders[i - 1][2], "stage", reason,
                    before={"stage": path[i - 1]}, after={"stage": code},
                )  # fmt: skip

        # The center's work: the interview, the checklist, documents and service.
        def operator_of(at: datetime) -> str:
            k = max((i for i, m in enumerate(moments) if m <= at), default=0)
            return holders[k][2]

        if "intake" not in plan.stages or "intake" in path:
            self._intake(rows, case_id, span, choices, apps, resps)
        work = next((c for c in path if plan.stages[c].kind == "work"), None)
        needs_offline = method == TERMINATED_THIS_ROUND or (not closed and bool(work) and age > 45)
        docs_stage = "documents" if "documents" in plan.stages else "online_query"
        sheet = Checklist()
        if "online_query" not in plan.stages or "online_query" in path:  # the network queries have begun
            sheet = self._checklist(
                rows, case_id, span, finds, claim, docs_stage, work, needs_offline, company, operator_of
            )

        # Money, measures, controls.
        arrivals = [(i["amount_controlled_fen"], min(d.date() + timedelta(days=rng.randint(1, 3)), end_day))
                    for i, _at, d in sheet.controlled if d is not None]  # fmt: skip
        if sum(a for a, _ in arrivals) != recovered:
            arrivals = []
        first_measure = len(rows.measure)
        work_on = min(first[work][0].date(), end_day) if work else received_on
        recovered = self._payments(  # the 执行到位金额 is the money claimed to the case
            rows, case_id, work_on, end_day, recovered, resps[0].name, method, holders[-1][2], arrivals
        )
        self._measures(rows, case_id, work_on, end_day, method, holders, text_no)
        self._controls(rows, case_id, sheet.controlled, end_day, method)
        bans = [m["decided_on"] for m in rows.measure[first_measure:] if m["kind"] == CONSUMPTION_BAN]
        who = holders[-1][2]
        if bans:
            self._later_document(rows, case_id, sheet.docs, "consumption_ban", bans[0], span, who, company)
        if sheet.controlled:
            on = min(at for _i, at, _d in sheet.controlled).date()
            self._later_document(rows, case_id, sheet.docs, "seal_ruling", on, span, who, company)

        # Approvals and handoffs.
        stub = CaseStub(case_id, text_no, claim)
        self._handoffs(rows, case_id, stub, path, moments, holders, closed, span, recovered=recovered,
                       filed_on=filed_on)  # fmt: skip
        self._travel(rows, case_id, path, moments, holders, closed, span)
        triage_class = class_code(tplan.cls) if tplan is not None else None
        if tplan is not None and not closed:
            final = setup.team_of_stage.get(path[-1])
            if final is not None and final == team:
                handler = holders[-1][2]
                if self._simple_to_complex(
                    rows, case_id, text_no, filed_on, final, moments[-1], handler, span
                ):
                    triage_class = "ordinary"
            if final is not None:
                self.held_by_team[resps[0].id_number or resps[0].name] = (resps[0], case_id, text_no, final)
        if waiting and setup.section.related_cases:
            held = self.held_by_team.get(resps[0].id_number or resps[0].name)
            if held is not None and held[1] != case_id:
                at = moments[-1] + (end_at - moments[-1]) * rng.uniform(0.2, 0.8)
                self._related(rows, case_id, at, held[1:])
        rows.milestones[case_id] = span.milestones

        final_stage = path[-1]
        final_unit, final_handler = holders[-1][0], holders[-1][1]
        if closed:
            reason = rng.choice(CLOSING_REASONS[method])
            self._audit(
                rows, case_id, closed_at, holders[-1][2], "close", f"结案：{method}",
                after={"closing_method": method, "closing_fen": claim, "recovered_fen": recovered},
            )  # fmt: skip
            if plan.closed_stage:
                rows.stage_entry.append(
                    {
                        "id": self._id("stage_entry"),
                        "case_id": case_id,
                        "stage": plan.closed_stage,
                        "unit_id": None,
                        "handler_id": final_handler,
                        "entered_at": closed_at,
                        "left_at": None,
                        "next_stage": None,
                        "reason": f"结案：{method}",
                    }
                )
                final_stage, final_unit = plan.closed_stage, None
            self.method_counts[method] = self.method_counts.get(method, 0) + 1
        self.stage_counts[final_stage] = self.stage_counts.get(final_stage, 0) + 1
        rows.case.append(
            {
                "id": case_id,
                "case_no": text_no,
                "year": year,
                "court_code": self.court,
                "type_code": type_code,
                "number": number,
                "filed_on": filed_on,
                "received_on": received_on,
                "basis": basis,
                "cause": cause,
                "claim_fen": claim,
                "status": "closed" if closed else "open",
                "stage": final_stage,
                "unit_id": final_unit,
                "handler_id": final_handler,
                "stage_entered_at": closed_at or moments[-1],
                "triage_class": triage_class,
                "special_campaign": campaign,
                "criminal_property": criminal,
                "closed_on": closed_at.date() if closed_at else None,
                "closing_method": method,
                "closing_fen": claim if closed else None,
                "abandoned_fen": abandoned if closed else None,
                "recovered_fen": recovered,
                "closing_reason": reason if closed else "",
                "search_text": build_search_text(text_no, keyed),
                "created_at": received_at,
                "updated_at": last_at,
            }
        )

    def _shape(self, tplan, choices: dict[str, str], finds, claim: int) -> None:
        """Make the interview's answers and the finds say what the triage facts say."""
        flags = tplan.facts.flags
        if flags.get("performed_or_willing") and choices["performance"] in ("no", "unknown"):
            choices["performance"] = "willing"
        elif flags.get("performed_or_willing") is False and choices["performance"] in (
            "willing",
            "performed",
        ):
            choices["performance"] = "no"
        if flags.get("settlement_likely") and choices["settlement"] != "willing":
            choices["settlement"] = "willing"
        elif flags.get("settlement_likely") is False and choices["settlement"] == "willing":
            choices["settlement"] = "unwilling"
        if PROPERTY_FLAGS & set(tplan.clerk) and not finds.real_estate_fen:
            finds.real_estate_fen = int(claim * self.rng.uniform(1.2, 3.0)) // 100 * 100


def _after(path: list[str], triage_stage: str | None) -> int | None:
    """The index of the stage the case went to from triage (None when it has not left triage)."""
    if triage_stage is None or triage_stage not in path:
        return None
    i = path.index(triage_stage)
    return i + 1 if i + 1 < len(path) else None

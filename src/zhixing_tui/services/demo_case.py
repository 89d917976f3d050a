"""One synthetic case with its whole history, as plain row dicts for bulk insertion.

:class:`CaseMaker` holds what every case draws on (the flow plan, staff by unit, the area's
names) and an id counter per table; :meth:`CaseMaker.make` appends one case's rows to a
:class:`Rows` batch. Everything comes from the one ``random.Random`` it is given, consumed in
a fixed order, so a seed always gives the same rows.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from ..domain.closing import CLOSING_METHODS, EXECUTED_IN_FULL, TERMINATED, TERMINATED_THIS_ROUND
from ..domain.pinyin import search_key
from . import demo_names as nm
from .cases import build_search_text
from .demo_events import CaseEvents
from .demo_flow import FlowPlan

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

CLOSING_REASONS: dict[str, tuple[str, ...]] = {
    EXECUTED_IN_FULL: ("被执行人已全部履行", "扣划存款后执行完毕", "拍卖款到位后执行完毕"),
    TERMINATED_THIS_ROUND: ("经网络及传统查控，未发现可供执行的财产", "被执行人下落不明且无可供执行财产"),
    TERMINATED: ("双方达成执行和解协议并履行完毕", "申请执行人撤回执行申请", "被执行人死亡且无遗产可供执行"),
    "不予执行": ("仲裁裁决经审查裁定不予执行", "公证债权文书确有错误，裁定不予执行"),
    "驳回申请": ("申请执行人主体不适格，驳回执行申请", "执行依据尚未生效，驳回执行申请"),
    "销案": ("重复立案，予以销案", "立案信息错误，予以销案"),
    "其他": ("移送破产审查", "指定其他法院执行"),
}

#: distinct person names generated before names start repeating
NAME_POOL = 20_000

TABLES = ("case", "party", "stage_entry", "payment", "measure", "property_control", "audit_entry")


@lru_cache(maxsize=NAME_POOL * 2)
def _key(name: str, person: bool) -> str:
    return search_key(name, is_person_name=person)


@dataclass
class Rows:
    """One batch of rows per table, ready for ``insert(Model)`` with a list of dicts."""

    case: list[dict] = field(default_factory=list)
    party: list[dict] = field(default_factory=list)
    stage_entry: list[dict] = field(default_factory=list)
    payment: list[dict] = field(default_factory=list)
    measure: list[dict] = field(default_factory=list)
    property_control: list[dict] = field(default_factory=list)
    audit_entry: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class Party_:
    name: str
    kind: str
    id_number: str | None
    phone: str
    address: str


class CaseMaker(CaseEvents):
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
    ) -> None:
        self.rng = rng
        self.plan = plan
        self.court = court_code
        self.area = nm.area_for(court_code)
        self.as_of = as_of
        self.end_of_day = datetime.combine(as_of, time(17, 30))
        self.last_moment = datetime.combine(as_of, time(22, 0))
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
        self, rows: Rows, case_id: int, at: datetime, operator: str, action: str, summary: str, **kw
    ) -> None:
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

    # --- amounts and parties --------------------------------------------------------------
    def _claim(self) -> int:
        rng = self.rng
        yuan = math.exp(rng.gauss(math.log(60_000), 1.05))
        yuan = min(max(yuan, 800.0), 60_000_000.0)
        r = rng.random()
        if r < 0.3:
            return int(round(yuan, -4 if yuan >= 100_000 else -3)) * 100 or 100_000
        if r < 0.6:
            return int(yuan) * 100
        return int(yuan * 100)

    def _person_name(self) -> tuple[str, bool]:
        """A new name until the pool is full, then a pooled one (namesakes are common; and the
        pinyin search key of each distinct name is computed once)."""
        rng = self.rng
        if len(self.name_pool) < NAME_POOL:
            male = rng.random() < 0.62
            self.name_pool.append((nm.person_name(rng, male), male))
            return self.name_pool[-1]
        return self.name_pool[rng.randrange(NAME_POOL)]

    def _person(self, role: str) -> Party_:
        rng = self.rng
        name, male = self._person_name()
        has_id = rng.random() < (0.97 if role == "respondent" else 0.9)
        return Party_(
            name=name,
            kind="person",
            id_number=nm.resident_id(rng, self.area, male, self.as_of) if has_id else None,
            phone=nm.mobile(rng) if rng.random() < 0.85 else "",
            address=nm.address(rng, self.area),
        )

    def _org(self, kind: str, name: str) -> Party_:
        rng = self.rng
        code = {
            "company": nm.credit_code,
            "organ": nm.organ_credit_code,
            "other_org": nm.other_org_credit_code,
        }[kind](rng, self.area)
        return Party_(name, kind, code, nm.mobile(rng), nm.address(rng, self.area))

    def _company(self) -> Party_:
        return self._org("company", nm.company_name(self.rng, self.area))

    def _parties(self, cause: str) -> tuple[list[Party_], list[Party_]]:
        rng = self.rng
        if cause in ("金融借款合同纠纷", "信用卡纠纷", "借款合同纠纷"):
            apps = [self._org("company", nm.bank_name(rng, self.area))]
        elif cause in ("建设工程施工合同纠纷", "买卖合同纠纷") and rng.random() < 0.5:
            apps = [self._company()]
        elif cause in ("劳务合同纠纷", "追索劳动报酬纠纷") and rng.random() < 0.3:
            apps = [self._person("applicant") for _ in range(rng.randint(2, 4))]
        else:
            apps = [self._person("applicant")]
            if rng.random() < 0.08:
                apps.append(self._person("applicant"))
        resps: list[Party_] = []
        if rng.random() < 0.015:  # 党政机关 as respondent (rare)
            resps.append(self._org("organ", nm.organ_name(rng, self.area)))
        elif rng.random() < 0.006:
            resps.append(self._org("other_org", nm.village_committee(rng, self.area)))
        elif cause in (
            "建设工程施工合同纠纷",
            "买卖合同纠纷",
            "劳务合同纠纷",
            "追索劳动报酬纠纷",
            "物业服务合同纠纷",
        ):
            resps.append(self._company() if rng.random() < 0.6 else self._person("respondent"))
        elif self.repeat_pool and rng.random() < 0.08:  # the same respondent in several cases
            resps.append(rng.choice(self.repeat_pool))
        else:
            resps.append(self._person("respondent"))
        if cause == "机动车交通事故责任纠纷" and rng.random() < 0.25:
            resps.append(self._org("company", nm.insurer_name(rng, self.area)))
        elif rng.random() < 0.18:  # a guarantor or spouse
            resps.append(self._person("respondent"))
        if len(self.repeat_pool) < 400 and resps[0].kind in ("person", "company") and rng.random() < 0.1:
            self.repeat_pool.append(resps[0])
        return apps, resps

    # --- one case -------------------------------------------------------------------------
    def make(self, rows: Rows, filed_on: date, case_no: tuple[int, str, int], pinned: str | None) -> None:
        rng, plan = self.rng, self.plan
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
            target = rng.choices(options, [plan.share(c) for c in options])[0]
        elif pinned is not None:
            target = pinned
        else:
            weights = [
                plan.stages[c].typical_days * plan.share(c) * (1.0 if self.reach[c] <= age else 0.03)
                for c in plan.open_stages
            ]
            target = rng.choices(plan.open_stages, weights)[0]
        path = plan.path_to(rng, target)

        # How long each stay lasts, fitted into the time the case has had.
        stays = [plan.stages[c].typical_days * math.exp(rng.gauss(-0.45, 0.55)) for c in path]
        if closed:
            span = max(1.0, age * rng.uniform(0.2, 1.0))
            stays = [s * span / max(sum(stays), 1e-6) for s in stays]
        else:
            prior = sum(stays[:-1])
            room = age + 0.3
            if prior > room * 0.95:
                scale = room * rng.uniform(0.3, 0.95) / max(prior, 1e-6)
                stays = [s * scale for s in stays]
        moments = [received_at]
        for s in stays[:-1]:
            nxt = moments[-1] + timedelta(days=s)
            day = self._weekday(nxt.date(), self.as_of)
            at = min(self._office(day), self.last_moment)
            if at <= moments[-1]:
                at = moments[-1] + timedelta(minutes=rng.randint(1, 20))
            moments.append(at)
        closed_at = None
        if closed:
            end = moments[-1] + timedelta(days=stays[-1])
            closed_at = self._office(min(self._weekday(end.date(), self.as_of), self.as_of))
            if closed_at <= moments[-1]:
                closed_at = moments[-1] + timedelta(minutes=rng.randint(10, 120))
            closed_at = max(min(closed_at, self.end_of_day), moments[-1] + timedelta(minutes=1))
        last_at = closed_at or moments[-1]
        self.opening_at, self.closing_at = received_at, closed_at
        end_day = closed_at.date() if closed_at else self.as_of

        # Who held it where.
        holders = []
        for code in path:
            units = plan.stages[code].units
            unit_code = rng.choice(units) if units else None
            hid, hname = self._handler(unit_code)
            holders.append((self.unit_ids.get(unit_code) if unit_code else None, hid, hname))

        triage_class = None
        for i, code in enumerate(path[:-1]):
            if plan.stages[code].kind == "triage":
                nxt = path[i + 1]
                triage_class = "simple" if "fast" in nxt else "special" if "special" in nxt else "ordinary"
        criminal = triage_class == "special" and rng.random() < 0.6
        cause = nm.CRIMINAL_CAUSE if criminal else rng.choices(self.causes, self.cause_weights)[0]
        basis_year = year if rng.random() < 0.6 else year - 1
        basis = (
            nm.criminal_basis(rng, self.court, basis_year)
            if criminal
            else nm.basis_text(rng, self.court, self.area, basis_year, type_code)
        )
        apps, resps = self._parties(cause)
        claim = self._claim()

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
        self._audit(
            rows, case_id, received_at, holders[0][2], "register", "立案登记",
            after={"case_no": text_no, "claim_fen": claim},
        )  # fmt: skip
        for i, code in enumerate(path):
            left = moments[i + 1] if i + 1 < len(path) else closed_at
            unit_id, hid, _name = holders[i]
            reason = "立案登记" if i == 0 else plan.label(path[i - 1], code)
            rows.stage_entry.append(
                {
                    "id": self._id("stage_entry"),
                    "case_id": case_id,
                    "stage": code,
                    "unit_id": unit_id,
                    "handler_id": hid,
                    "entered_at": moments[i],
                    "left_at": left,
                    "reason": reason,
                }
            )
            if i:
                self._audit(
                    rows, case_id, moments[i], holders[i - 1][2], "stage", reason,
                    before={"stage": path[i - 1]}, after={"stage": code},
                )  # fmt: skip

        # Money, measures, controls.
        recovered, abandoned = self._amounts(claim, method, closed, age)
        self._payments(rows, case_id, received_on, end_day, recovered, resps[0].name, method, holders[-1][2])
        self._measures(rows, case_id, received_on, end_day, method, holders)
        self._controls(rows, case_id, received_on, end_day, claim, method, type_code, holders)

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
                "special_campaign": triage_class == "ordinary" and rng.random() < 0.05,
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

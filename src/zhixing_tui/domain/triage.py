"""繁简分流 (triage): the facts of a case and a pure evaluation of a profile's criteria.

:func:`parse_facts` reads the facts JSON (every key optional; unknown keys, wrong types and
bad dates raise :class:`InvalidValue` naming the key). :func:`evaluate` applies one profile's
``[triage]`` section: every criterion that matched (with the seed's wording), the exclusions
that overrode a match, the class, and the route (one team, or a pool for an even draw).

Class names are the seeds' own: 简易 / 普通 / 特殊. In the database they are stored as codes
(:data:`CLASS_CODES`: simple / ordinary / special).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from ..errors import InvalidValue
from ..i18n import triage as triage_text
from .dates import parse_date
from .money import format_money, parse_money
from .periods import add_months

__all__ = [
    "CLASS_CODES",
    "CLASS_NAMES_BY_CODE",
    "FACT_KEYS",
    "FLAG_FACTS",
    "WINDOW_FACTS",
    "ConditionLike",
    "Facts",
    "Reason",
    "RouteLike",
    "TriageResult",
    "TriageSectionLike",
    "add_months",
    "class_code",
    "class_name",
    "evaluate",
    "explain_lines",
    "parse_facts",
    "route_for",
    "teams_for_class",
]

CLASS_CODES = {"简易": "simple", "普通": "ordinary", "特殊": "special"}
CLASS_NAMES_BY_CODE = {v: k for k, v in CLASS_CODES.items()}

#: Boolean facts (the keys of :class:`Facts` that are flags); a profile's conditions may name
#: only these (``profiles.triage_schema`` validates against this tuple).
FLAG_FACTS = (
    "behaviour_by_assistance_notice",
    "transfer_only",
    "performed_or_willing",
    "settlement_likely",
    "likely_rejection",
    "no_property_found",
    "property_not_yet_disposable",
    "property_to_dispose",
    "transfer_of_registered_property",
    "return_of_property",
    "criminal_confiscation_unclear",
    "respondent_is_government",
    "severe_conflict",
    "whereabouts_unknown",
    "notice_service_at_trial",
    "no_clues_from_applicant",
    "objection_raised",
    "needs_valuation_sale",
    "large_complex_sensitive",
    "collective_petition_risk",
    "special_campaign",
    "criminal_property_penalty",
)

#: Date facts a ``within_months_of`` window may start from (attributes of :class:`Facts`).
WINDOW_FACTS = ("prior_zhongben_closed_on",)

MONEY_FACTS = ("claim_amount", "money_found")
DATE_FACTS = ("filed_on", "prior_zhongben_closed_on")
FACT_KEYS = ("claim_amount", "filed_on", "money_found", "prior_zhongben_closed_on", *FLAG_FACTS)


def class_code(name: str) -> str:
    """简易 → simple (codes pass through)."""
    if name in CLASS_NAMES_BY_CODE:
        return name
    try:
        return CLASS_CODES[name]
    except KeyError:
        raise InvalidValue(
            f"不认识的类别：{name}（应为 简易、普通 或 特殊）", field="class", value=name
        ) from None


def class_name(code: str | None) -> str | None:
    """simple → 简易 (names pass through; None stays None)."""
    if code is None:
        return None
    return CLASS_NAMES_BY_CODE.get(code, code)


@dataclass(frozen=True)
class Facts:
    """What is known about a case for triage. ``None`` means unknown (not asserted)."""

    claim_fen: int | None = None
    filed_on: date | None = None
    money_found_fen: int | None = None
    prior_zhongben_closed_on: date | None = None
    flags: dict[str, bool] = field(default_factory=dict)

    def flag(self, key: str) -> bool:
        return bool(self.flags.get(key))

    def to_json(self) -> dict[str, Any]:
        """The facts in the JSON form :func:`parse_facts` reads (money as 元 strings)."""
        out: dict[str, Any] = {}
        if self.claim_fen is not None:
            out["claim_amount"] = str(Decimal(self.claim_fen).scaleb(-2))
        if self.filed_on is not None:
            out["filed_on"] = self.filed_on.isoformat()
        if self.money_found_fen is not None:
            out["money_found"] = str(Decimal(self.money_found_fen).scaleb(-2))
        if self.prior_zhongben_closed_on is not None:
            out["prior_zhongben_closed_on"] = self.prior_zhongben_closed_on.isoformat()
        for key in FLAG_FACTS:
            if key in self.flags:
                out[key] = self.flags[key]
        return out

    def merged(self, other: Facts) -> Facts:
        """These facts with every fact ``other`` states laid over them."""
        return Facts(
            claim_fen=other.claim_fen if other.claim_fen is not None else self.claim_fen,
            filed_on=other.filed_on or self.filed_on,
            money_found_fen=other.money_found_fen
            if other.money_found_fen is not None
            else self.money_found_fen,
            prior_zhongben_closed_on=other.prior_zhongben_closed_on or self.prior_zhongben_closed_on,
            flags={**self.flags, **other.flags},
        )


def parse_facts(data: object) -> Facts:
    """Read the facts JSON object. ``null`` counts as not given."""
    if not isinstance(data, dict):
        raise InvalidValue(
            triage_text.ERR_NOT_OBJECT.format(kind=type(data).__name__), field="facts", value=data
        )
    unknown = sorted(k for k in data if k not in FACT_KEYS)
    if unknown:
        raise InvalidValue(
            triage_text.ERR_UNKNOWN_KEY.format(key="、".join(map(str, unknown)), known="、".join(FACT_KEYS)),
            field=str(unknown[0]),
            value=data[unknown[0]],
        )
    values: dict[str, Any] = {}
    flags: dict[str, bool] = {}
    for key, value in data.items():
        if value is None:
            continue
        label = triage_text.fact_label(key)
        if key in MONEY_FACTS:
            values[key] = parse_money(value, field=f"{key}（{label}）")
        elif key in DATE_FACTS:
            values[key] = parse_date(value, field=f"{key}（{label}）")
        elif not isinstance(value, bool):
            raise InvalidValue(
                triage_text.ERR_NOT_BOOL.format(key=key, label=label, value=repr(value)),
                field=key,
                value=value,
            )
        else:
            flags[key] = value
    return Facts(
        claim_fen=values.get("claim_amount"),
        filed_on=values.get("filed_on"),
        money_found_fen=values.get("money_found"),
        prior_zhongben_closed_on=values.get("prior_zhongben_closed_on"),
        flags=flags,
    )


# --- what the evaluation reads of a profile's [triage] section --------------------------------
# Any object of these shapes will do; ``profiles.triage_schema`` (TriageSection, Criterion,
# Exclusion, Route, Condition, MonthsWindow, Distribution) satisfies them structurally, so the
# domain never imports the profile models.


class WindowLike(Protocol):
    """``within_months_of``: filed no later than ``months`` months after the date fact ``fact``."""

    @property
    def fact(self) -> str: ...
    @property
    def months(self) -> int: ...


class ConditionLike(Protocol):
    """A condition over the facts (every given part must hold)."""

    @property
    def all(self) -> Sequence[str]: ...
    @property
    def any(self) -> Sequence[str]: ...
    @property
    def claim_amount_max(self) -> Decimal | None: ...
    @property
    def money_covers_claim(self) -> bool | None: ...
    @property
    def within_months_of(self) -> WindowLike | None: ...


class ClauseLike(Protocol):
    """A seed clause: its id and wording, and the condition under which it matches."""

    @property
    def id(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def when(self) -> ConditionLike | None: ...
    @property
    def manual(self) -> bool: ...
    @property
    def note(self) -> str: ...


class CriterionLike(ClauseLike, Protocol):
    """A clause that points a case to the class ``cls``."""

    @property
    def cls(self) -> str: ...


class ExclusionLike(ClauseLike, Protocol):
    """A clause that keeps a case out of the class ``blocks``."""

    @property
    def blocks(self) -> str: ...


class RouteLike(Protocol):
    """Where a case goes: one ``team``, or an even draw over ``pool``."""

    @property
    def id(self) -> str: ...
    @property
    def cls(self) -> str | None: ...
    @property
    def when(self) -> ConditionLike | None: ...
    @property
    def team(self) -> str | None: ...
    @property
    def pool(self) -> Sequence[str]: ...
    @property
    def text(self) -> str: ...
    @property
    def note(self) -> str: ...


class DistributionLike(Protocol):
    @property
    def text(self) -> str: ...


class TriageSectionLike(Protocol):
    """A profile's ``[triage]`` section: ``profiles.triage_schema.TriageSection``."""

    @property
    def mode(self) -> str: ...
    @property
    def classes(self) -> Sequence[str]: ...
    @property
    def precedence(self) -> Sequence[str]: ...
    @property
    def default_class(self) -> str: ...
    @property
    def criteria(self) -> Sequence[CriterionLike]: ...
    @property
    def exclusions(self) -> Sequence[ExclusionLike]: ...
    @property
    def routes(self) -> Sequence[RouteLike]: ...
    @property
    def distribute(self) -> DistributionLike | None: ...


# --- evaluation ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Reason:
    """A clause that applied: its id, the seed's wording and why it applied to these facts."""

    id: str
    text: str
    why: str = ""
    source: str = ""

    def to_json(self) -> dict[str, str]:
        return {"id": self.id, "text": self.text}


@dataclass(frozen=True)
class TriageResult:
    cls: str | None
    team: str | None
    pool: tuple[str, ...]
    matched: tuple[Reason, ...]
    excluded_by: tuple[Reason, ...]
    notes: tuple[str, ...] = ()
    route_id: str | None = None
    route_text: str = ""
    manual: tuple[Reason, ...] = ()

    @property
    def is_draw(self) -> bool:
        return bool(self.pool)

    def to_json(self) -> dict[str, Any]:
        """The ``triage explain --json`` object: exactly these five keys."""
        return {
            "class": self.cls,
            "team": self.team,
            "pool": list(self.pool),
            "matched": [r.to_json() for r in self.matched],
            "excluded_by": [r.to_json() for r in self.excluded_by],
        }


@dataclass
class _Ctx:
    facts: Facts
    today: date
    notes: list[str]


def _yuan(fen: int) -> str:
    return format_money(fen)


def check(cond: ConditionLike, ctx: _Ctx) -> tuple[bool, list[str]]:
    """Whether every part of ``cond`` holds for the facts, and the reasons (Chinese) if so."""
    f = ctx.facts
    why: list[str] = []
    for key in cond.all:
        if not f.flag(key):
            return False, []
        why.append(triage_text.fact_label(key))
    if cond.any:
        hits = [k for k in cond.any if f.flag(k)]
        if not hits:
            return False, []
        why.append("、".join(triage_text.fact_label(k) for k in hits))
    if cond.claim_amount_max is not None:
        limit = parse_money(cond.claim_amount_max)
        if f.claim_fen is None or f.claim_fen > limit:
            return False, []
        why.append(triage_text.WHY_CLAIM_MAX.format(claim=_yuan(f.claim_fen), limit=_yuan(limit)))
    if cond.money_covers_claim is not None:
        if f.claim_fen is None or f.money_found_fen is None or f.claim_fen <= 0:
            return False, []
        covers = f.money_found_fen >= f.claim_fen
        if covers != cond.money_covers_claim:
            return False, []
        tpl = triage_text.WHY_COVERS if covers else triage_text.WHY_NOT_COVERS
        why.append(tpl.format(found=_yuan(f.money_found_fen), claim=_yuan(f.claim_fen)))
    if cond.within_months_of is not None:
        ok, text = _within(cond, ctx)
        if not ok:
            return False, []
        why.append(text)
    return True, why


def _within(cond: ConditionLike, ctx: _Ctx) -> tuple[bool, str]:
    w = cond.within_months_of
    assert w is not None
    since: date | None = getattr(ctx.facts, w.fact)
    if since is None:
        return False, ""
    filed = ctx.facts.filed_on
    if filed is None:
        filed = ctx.today
        note = triage_text.NOTE_TODAY_AS_FILED.format(today=filed.isoformat())
        if note not in ctx.notes:
            ctx.notes.append(note)
    end = add_months(since, w.months)
    # The window: from the day of the earlier closing up to and including the corresponding
    # day ``months`` later (民事诉讼法 期间以月计算). No rest-day extension: this is a
    # classification window, not a time limit for an act.
    if not since <= filed <= end:
        return False, ""
    return True, triage_text.WHY_WITHIN.format(
        closed=since.isoformat(), filed=filed.isoformat(), months=w.months, end=end.isoformat()
    )


def _route_applies(route: RouteLike, cls: str | None, ctx: _Ctx) -> tuple[bool, list[str]]:
    if route.cls is not None and route.cls != cls:
        return False, []
    if route.when is None:
        return True, []
    return check(route.when, ctx)


def _route_label(route: RouteLike) -> str:
    return route.text or route.id


@dataclass(frozen=True)
class RouteChoice:
    team: str | None = None
    pool: tuple[str, ...] = ()
    route_id: str | None = None
    text: str = ""


def _pick_route(section: TriageSectionLike, cls: str | None, ctx: _Ctx) -> RouteChoice:
    """The first route that applies; later ones that also apply are noted as shadowed."""
    chosen: RouteLike | None = None
    result = RouteChoice()
    for route in section.routes:
        ok, why = _route_applies(route, cls, ctx)
        if not ok:
            continue
        if chosen is None:
            chosen = route
            text = _route_label(route) + (f"（{'；'.join(why)}）" if why else "")
            result = RouteChoice(route.team, tuple(route.pool), route.id, text)
            if route.note:
                ctx.notes.append(route.note)
        else:
            ctx.notes.append(
                triage_text.NOTE_SHADOWED.format(route=_route_label(route), chosen=_route_label(chosen))
            )
    return result


def teams_for_class(section: TriageSectionLike, cls: str) -> tuple[str, ...]:
    """The teams the court's routes send a case of class ``cls`` to (a route's team, or its pool for
    the fair draw), in the profile's order, as the first-match routes reach them: a route for any
    class counts too, and none after the first route of that class with no condition. An override
    that sends a class elsewhere (普通 to 速执团队) is allowed, but the screen asks first."""
    out: list[str] = []
    for route in section.routes:
        if route.cls is not None and route.cls != cls:
            continue
        for team in ([route.team] if route.team else []) + list(route.pool):
            if team not in out:
                out.append(team)
        if route.when is None:
            break  # the first route that always applies: the ones after it are never reached
    return tuple(out)


def route_for(section: TriageSectionLike, cls: str, facts: Facts, *, today: date) -> RouteChoice:
    """Where a case of class ``cls`` goes on ``today`` (used when a person changes the class)."""
    return _pick_route(section, cls, _Ctx(facts=facts, today=today, notes=[]))


def evaluate(section: TriageSectionLike, facts: Facts, *, today: date) -> TriageResult:
    """Apply one profile's triage section to ``facts`` on ``today``. Pure: no database, no clock."""
    ctx = _Ctx(facts=facts, today=today, notes=[])
    if section.mode == "none":
        notes = [triage_text.NOTE_NO_TRIAGE]
        if section.distribute is not None and section.distribute.text:
            notes.append(section.distribute.text)
        return TriageResult(cls=None, team=None, pool=(), matched=(), excluded_by=(), notes=tuple(notes))

    matched: list[Reason] = []
    by_class: dict[str, list[Reason]] = {}
    manual: list[Reason] = []
    for c in section.criteria:
        if c.manual:
            manual.append(Reason(c.id, c.text, source=c.source))
            continue
        assert c.when is not None
        ok, why = check(c.when, ctx)
        if ok:
            r = Reason(c.id, c.text, "；".join(why), c.source)
            matched.append(r)
            by_class.setdefault(c.cls, []).append(r)
            if c.note:
                ctx.notes.append(c.note)

    blocked: dict[str, list[Reason]] = {}
    for e in section.exclusions:
        if e.manual:
            manual.append(Reason(e.id, e.text, source=e.source))
            continue
        assert e.when is not None
        ok, why = check(e.when, ctx)
        if ok:
            blocked.setdefault(e.blocks, []).append(Reason(e.id, e.text, "；".join(why), e.source))
            if e.note:
                ctx.notes.append(e.note)

    excluded_by: list[Reason] = []
    for cls_name, reasons in blocked.items():
        if by_class.get(cls_name):  # only exclusions that overrode an actual match are reported
            excluded_by.extend(reasons)
            ctx.notes.append(triage_text.NOTE_EXCLUDED.format(blocked=cls_name))
    live = [c for c in section.precedence if by_class.get(c) and c not in blocked and c in section.classes]
    if live:
        cls = live[0]
        if len(live) > 1:
            ctx.notes.append(
                triage_text.NOTE_CLASSES_OVERLAP.format(
                    classes="、".join(live),
                    order="＞".join(c for c in section.precedence if c in section.classes),
                    chosen=cls,
                )
            )
    else:
        cls = section.default_class
        if not excluded_by:
            ctx.notes.append(triage_text.NOTE_DEFAULT.format(cls=cls))

    chosen = _pick_route(section, cls, ctx)
    return TriageResult(
        cls=cls,
        team=chosen.team,
        pool=chosen.pool,
        matched=tuple(matched),
        excluded_by=tuple(excluded_by),
        notes=tuple(dict.fromkeys(ctx.notes)),
        route_id=chosen.route_id,
        route_text=chosen.text,
        manual=tuple(manual),
    )


def fact_names() -> list[str]:
    """Every fact key with its Chinese label, for help texts."""
    return [f"{k}：{triage_text.fact_label(k)}" for k in FACT_KEYS]


def explain_lines(result: TriageResult) -> list[str]:
    """The result as Chinese lines: class, route, matched criteria, exclusions, notes."""
    lines = [f"{triage_text.LABEL_CLASS}：{result.cls or triage_text.NO_CLASS}"]
    if result.team:
        lines.append(f"{triage_text.LABEL_ROUTE}：{result.team}")
    elif result.pool:
        lines.append(f"{triage_text.LABEL_ROUTE}：{triage_text.LABEL_POOL}：{'、'.join(result.pool)}")
    else:
        lines.append(f"{triage_text.LABEL_ROUTE}：{triage_text.NO_TEAM}")
    if result.route_text:
        lines.append(f"  依据：{result.route_text}")
    lines.append(f"{triage_text.LABEL_MATCHED}：" + ("" if result.matched else triage_text.LABEL_NONE))
    for r in result.matched:
        lines.append(f"  {r.id} {r.text}")
        if r.why:
            lines.append(f"      （{r.why}）")
    lines.append(f"{triage_text.LABEL_EXCLUDED}：" + ("" if result.excluded_by else triage_text.LABEL_NONE))
    for r in result.excluded_by:
        lines.append(f"  {r.id} {r.text}")
        if r.why:
            lines.append(f"      （{r.why}）")
    if result.notes:
        lines.append(f"{triage_text.LABEL_NOTES}：")
        lines.extend(f"  {n}" for n in result.notes)
    if result.manual:
        lines.append(f"{triage_text.LABEL_MANUAL}：")
        lines.extend(f"  {r.id} {r.text}" for r in result.manual)
    return lines

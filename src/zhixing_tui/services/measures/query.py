"""Reading a case's measures: the rows the measures panel, the CLI and the 终本 check show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import col, func, select

from ...domain import measures as dm
from ...storage.models import Measure, Party
from ...storage.queries import Page, clamp_page, get_case
from ..desk import Desk

__all__ = [
    "MeasureView",
    "PartyChoice",
    "list_measures",
    "measure_page",
    "find_party",
    "party_choices",
    "takes_measures",
]


@dataclass(frozen=True, slots=True)
class MeasureView:
    """A measure as plain values (kind and state as codes and Chinese names)."""

    id: int
    case_id: int
    kind: str
    kind_name: str
    party_id: int | None
    party: str
    decided_on: date
    entered_on: date | None
    days: int | None
    amount_fen: int | None
    doc_no: str
    state: str
    state_name: str
    lifted_on: date | None
    lift_reason: str
    lift_doc_no: str
    lifted_by: str
    by: str
    note: str

    @property
    def in_force(self) -> bool:
        return self.state == "active"

    @property
    def liftable(self) -> bool:
        return self.in_force and self.kind in dm.LIFT_VERBS

    @property
    def needs_entry(self) -> bool:
        """A 失信/限消 decision not yet entered in the national system."""
        return self.kind in dm.ENTRY_KINDS and self.entered_on is None

    def to_json(self) -> dict:
        out = {k: getattr(self, k) for k in self.__slots__}
        return {k: v.isoformat() if isinstance(v, date) else v for k, v in out.items()}


def _view(m: Measure, party: str | None) -> MeasureView:
    return MeasureView(
        id=int(m.id or 0),
        case_id=m.case_id,
        kind=m.kind,
        kind_name=dm.kind_name(m.kind),
        party_id=m.party_id,
        party=party or "",
        decided_on=m.decided_on,
        entered_on=m.entered_on,
        days=m.days,
        amount_fen=m.amount_fen,
        doc_no=m.doc_no,
        state=m.state,
        state_name=dm.state_name(m.state, m.kind),
        lifted_on=m.lifted_on,
        lift_reason=m.lift_reason,
        lift_doc_no=m.lift_doc_no,
        lifted_by=m.lifted_by,
        by=m.by,
        note=m.note,
    )


def measure_page(desk: Desk, case_id: int, *, limit: int = 100, offset: int = 0) -> Page[MeasureView]:
    """A page of the case's measures, in the order they were decided (oldest first)."""
    limit, offset = clamp_page(limit, offset)
    with desk.session() as s:
        get_case(s, case_id)
        total = s.exec(select(func.count(col(Measure.id))).where(Measure.case_id == case_id)).one()
        rows = s.exec(
            select(Measure, Party.name)
            .join(Party, col(Party.id) == col(Measure.party_id), isouter=True)
            .where(Measure.case_id == case_id)
            .order_by(col(Measure.decided_on), col(Measure.id))
            .offset(offset)
            .limit(limit)
        ).all()
        items = tuple(_view(m, name) for m, name in rows)
    return Page(items=items, total=int(total), offset=offset, limit=limit)


def list_measures(desk: Desk, case_id: int) -> list[MeasureView]:
    """Every measure of the case, oldest decision first (a case has a handful)."""
    page = measure_page(desk, case_id, limit=500)
    return list(page.items)


@dataclass(frozen=True, slots=True)
class PartyChoice:
    id: int
    role: str  # applicant | respondent
    kind: str  # person | company | organ | other_org
    name: str


def takes_measures(desk: Desk, case_id: int) -> bool:
    """Whether a new measure may be taken on the case now (the screen hides 新增 otherwise)."""
    with desk.session() as s:
        return dm.may_take_measures(get_case(s, case_id).status)


def party_choices(desk: Desk, case_id: int) -> list[PartyChoice]:
    """The case's parties, respondents first (whom most measures are taken on)."""
    with desk.session() as s:
        get_case(s, case_id)
        rows = s.exec(
            select(Party).where(Party.case_id == case_id).order_by(col(Party.sort_order), col(Party.id))
        ).all()
        out = [PartyChoice(int(p.id or 0), p.role, p.kind, p.name) for p in rows]
    return sorted(out, key=lambda p: p.role != "respondent")


def find_party(desk: Desk, case_id: int, name: str, role: str) -> int:
    """The id of the case's party ``name`` of ``role`` (the CLI names parties, not ids)."""
    from ...errors import NotFound

    for p in party_choices(desk, case_id):
        if p.name == name.strip() and p.role == role:
            return p.id
    side = "申请执行人" if role == "applicant" else "被执行人"
    raise NotFound(f"本案没有名为{name.strip()}的{side}")

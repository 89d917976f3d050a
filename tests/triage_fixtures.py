"""Cases waiting in the triage stage, registered by the tests themselves (汝阳 unless told).

``waiting_case`` registers a case (which records 立案 and 收案 at 09:00 of the day: the profile's
center nodes start, 汝阳 ruyang.center_finish 10日) and moves it into the triage stage at a known
moment (the stage move is recorded for the nodes too: 汝阳's 收案登记 stage limit is met then).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import select

from zhixing_tui.services.cases.lifecycle import set_stage
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.services.desk import Desk
from zhixing_tui.storage.models import Case, OrgUnit, Staff

CODES = {"ruyang": "豫0326", "gushi": "豫1525", "shihe": "豫1502", "jianli": "鄂1088", "kuaizhi": "豫1521"}


def case_no(desk: Desk, n: int) -> str:
    return f"（2026）{CODES[desk.profile_id]}执{n}号"


def staff_with(desk: Desk, role: str) -> str:
    with desk.session() as s:
        name = s.exec(select(Staff.name).where(Staff.role == role, Staff.active).order_by(Staff.id)).first()
    assert name is not None, role
    return name


def waiting_case(
    desk: Desk,
    n: int,
    *,
    received: date,
    entered: datetime,
    claim_fen: int = 1_000_000,
    respondent: str = "张三",
    applicant: str = "李四",
    criminal: bool = False,
) -> int:
    """A case in the triage stage since ``entered``, received (and filed) on ``received``."""
    cid = register_case(
        desk,
        case_no=case_no(desk, n),
        filed_on=received,
        claim_fen=claim_fen,
        applicants=[PartyInput(applicant)],
        respondents=[PartyInput(respondent)],
    )
    stage = next(st for st in desk.profile.stages if st.kind == "triage")
    with desk.transaction() as s:
        case = s.get(Case, cid)
        assert case is not None
        case.criminal_property = criminal
        unit = s.exec(select(OrgUnit.id).where(OrgUnit.code == stage.units[0])).one()
        set_stage(s, case, stage.code, unit, None, "移至繁简分流", desk.operator, at=entered, desk=desk)
    return cid


def placement(desk: Desk, cid: int) -> tuple[str | None, str, str | None]:
    """(team name, stage code, triage class code) of a case."""
    with desk.session() as s:
        case = s.get(Case, cid)
        assert case is not None
        unit = s.get(OrgUnit, case.unit_id) if case.unit_id else None
        return (unit.name if unit else None), case.stage, case.triage_class

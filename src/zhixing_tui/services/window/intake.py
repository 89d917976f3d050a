"""初次接待: load a case's interview record (or a prefilled new one) and save it as a new version.

Every save appends an :class:`IntakeRecord` version (the previous one keeps its text with
``is_current=False``), writes an audit entry with what changed, and — the first time — records
the event ``intake_done`` for the deadline nodes (固始: 网络查询 starts right after the interview).
The columns the triage reads (settlement, performance, public-notice service at trial) are set
from the answers by :func:`domain.intake.derived`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from ...domain import intake as rules
from ...domain.case_no import normalize_case_no
from ...errors import Conflict, InvalidValue, NotFound
from ...storage.models import Case, IntakeRecord, Party
from ...storage.queries import get_case
from .. import audit
from ..deadlines.emitters import emits
from ..deadlines.nodes import apply_event
from ..desk import Desk

__all__ = [
    "IntakeCase",
    "IntakeView",
    "PartyBrief",
    "VersionRow",
    "case_id_by_no",
    "intake_history",
    "load_intake",
    "prefill",
    "save_intake",
]


@dataclass(frozen=True)
class PartyBrief:
    role: str
    name: str
    kind: str
    id_number: str | None
    phone: str
    address: str


@dataclass(frozen=True)
class IntakeCase:
    id: int
    case_no: str
    filed_on: date
    basis: str
    cause: str
    claim_fen: int
    parties: tuple[PartyBrief, ...]

    @property
    def applicants(self) -> list[PartyBrief]:
        return [p for p in self.parties if p.role == "applicant"]

    @property
    def respondents(self) -> list[PartyBrief]:
        return [p for p in self.parties if p.role == "respondent"]


@dataclass(frozen=True)
class IntakeView:
    """A case's intake as the form shows it: the stored answers, or a prefill when none is saved."""

    case: IntakeCase
    court_name: str
    version: int  # 0: nothing saved yet
    interviewed: bool
    answers: dict[str, Any] = field(default_factory=dict)
    saved_by: str = ""
    saved_at: datetime | None = None


@dataclass(frozen=True)
class VersionRow:
    version: int
    interviewed: bool
    saved_by: str
    saved_at: datetime
    is_current: bool


def case_id_by_no(desk: Desk, text: str) -> int | None:
    """The id of the case with this 案号 (half-width parentheses accepted), or None."""
    case_no = normalize_case_no(text)
    with desk.session() as s:
        return s.exec(select(Case.id).where(Case.case_no == case_no)).first()


def _intake_case(s: Session, case: Case) -> IntakeCase:
    parties = s.exec(
        select(Party).where(Party.case_id == case.id).order_by(col(Party.sort_order), col(Party.id))
    ).all()
    return IntakeCase(
        id=case.id,  # type: ignore[arg-type]
        case_no=case.case_no,
        filed_on=case.filed_on,
        basis=case.basis,
        cause=case.cause,
        claim_fen=case.claim_fen,
        parties=tuple(PartyBrief(p.role, p.name, p.kind, p.id_number, p.phone, p.address) for p in parties),
    )


def _current(s: Session, case_id: int) -> IntakeRecord | None:
    return s.exec(
        select(IntakeRecord).where(IntakeRecord.case_id == case_id, col(IntakeRecord.is_current))
    ).first()


def prefill(case: IntakeCase, *, operator: str, today: date, court_name: str) -> dict[str, Any]:
    """A new form: what the filing already knows (parties' contacts), the operator, today."""
    out: dict[str, Any] = {k.key: ([] if k.kind == "checklist" else "") for k in rules.FIELDS}
    app = case.applicants[0] if case.applicants else None
    resp = case.respondents[0] if case.respondents else None
    if app is not None:
        out["applicant_address"] = app.address
        out["applicant_phone"] = app.phone
        out["account_holder"] = app.name
        out["interviewee"] = app.name
        out["interviewee_role"] = "applicant" if app.kind == "person" else "legal_rep"
    if resp is not None:
        out["respondent_id"] = resp.id_number or ""
        out["respondent_address"] = resp.address
        out["respondent_phone"] = resp.phone
    out["interviewer"] = operator
    # the 记录人 is another person (002 一.4, 003 三(一)3): the clerk names them
    out["recorder"] = ""
    out["held_on"] = today.isoformat()
    out["place"] = f"{court_name}执行接待窗口"
    return out


def load_intake(desk: Desk, case_id: int) -> IntakeView:
    """The case and its current intake record, or a prefilled new form (``version`` 0)."""
    with desk.session() as s:
        case = _intake_case(s, get_case(s, case_id))
        court = desk.profile.court.name
        rec = _current(s, case_id)
        if rec is None:
            answers = prefill(case, operator=desk.operator, today=desk.today(), court_name=court)
            return IntakeView(case, court, 0, True, answers)
        answers = {k.key: ([] if k.kind == "checklist" else "") for k in rules.FIELDS}
        answers.update(rec.answers)
        return IntakeView(case, court, rec.version, rec.interviewed, answers, rec.saved_by, rec.saved_at)


@emits("intake_done")
def save_intake(
    desk: Desk,
    case_id: int,
    answers: dict[str, Any],
    *,
    interviewed: bool = True,
    expected_version: int | None = None,
) -> int:
    """Validate and save the form as the case's new current version; return the version number.

    ``expected_version`` is the version the form was opened at: when someone saved in between,
    the save is refused (Conflict) rather than overwriting their text.
    """
    today = desk.today()
    one_person = desk.profile.intake.one_person_may_record
    with desk.transaction() as s:
        case = get_case(s, case_id)
        if case.status == "closed":
            raise Conflict(f"案件 {case.case_no} 已结案，不能再修改初次接待笔录")
        clean = rules.normalize(
            answers, interviewed=interviewed, today=today, one_person=one_person, filed_on=case.filed_on
        )
        columns = rules.derived(clean, interviewed=interviewed)
        old = _current(s, case_id)
        old_version = old.version if old is not None else 0
        if expected_version is not None and expected_version != old_version:
            raise Conflict(
                f"案件 {case.case_no} 的初次接待笔录已由{old.saved_by if old else '他人'}保存为第{old_version}版，"
                "请重新打开后再修改"
            )
        if old is not None and old.answers == clean and old.interviewed == interviewed:
            raise InvalidValue("笔录没有改动，无须保存", field="笔录")
        if old is not None:
            old.is_current = False
            s.add(old)
            s.flush()
        rec = IntakeRecord(
            case_id=case_id,
            version=old_version + 1,
            is_current=True,
            answers=clean,
            saved_by=desk.operator,
            **columns,
        )
        s.add(rec)
        s.flush()
        title = "初次接待谈话笔录" if interviewed else "未进行初次接待原因的说明"
        if old is None:
            before = None
            after: dict[str, Any] = {"version": 1, "interviewed": interviewed, "answers": clean}
            summary = f"保存{title}（第1版）"
        else:
            diff = audit.changed(old.answers, clean)
            before = {"version": old_version, "interviewed": old.interviewed}
            before["answers"] = {k: v[0] for k, v in diff.items()}
            after = {
                "version": rec.version,
                "interviewed": interviewed,
                "answers": {k: v[1] for k, v in diff.items()},
            }
            names = "、".join(
                rules.label_of(k, interviewed=interviewed) for k in diff if k in rules.FIELDS_BY_KEY
            )
            summary = f"修改{title}（第{rec.version}版）：{names or '接待方式'}"
        if not interviewed:
            summary += f"；原因：{clean['no_interview_reason']}"
        audit.record_case(
            s,
            desk,
            case_id,
            "intake.save",
            summary[:300],
            entity="intake_record",
            entity_id=rec.id,
            before=before,
            after=after,
        )
        if old is None:
            apply_event(
                s, desk, case, "intake_done", desk.moment_on(columns["held_on"] or today), desk.operator
            )
        return rec.version


def intake_history(desk: Desk, case_id: int) -> list[VersionRow]:
    """Every saved version of the case's intake, newest first."""
    with desk.session() as s:
        rows = s.exec(
            select(IntakeRecord)
            .where(IntakeRecord.case_id == case_id)
            .order_by(col(IntakeRecord.version).desc())
        ).all()
        return [VersionRow(r.version, r.interviewed, r.saved_by, r.saved_at, r.is_current) for r in rows]


def load_version(desk: Desk, case_id: int, version: int) -> dict[str, Any]:
    """The answers of one saved version (for comparing with the current one)."""
    with desk.session() as s:
        rec = s.exec(
            select(IntakeRecord).where(IntakeRecord.case_id == case_id, IntakeRecord.version == version)
        ).first()
        if rec is None:
            raise NotFound(f"初次接待笔录第{version}版不存在")
        return dict(rec.answers)

"""Cases: registering (立案登记), parties, field corrections, stage changes and closing (结案).

Inputs and outputs are plain dataclasses and ids; no ORM object leaves a session. Every change
runs in one transaction with its audit entry. :func:`set_stage` is a session-level helper the
flow, triage and handoff services reuse to move a case.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from sqlmodel import Session, select

from ... import clock
from ...domain.case_no import parse_case_no
from ...domain.closing import check_closing_amounts, normalize_closing_method
from ...domain.identity import check_identity
from ...domain.pinyin import search_key
from ...errors import Conflict, InvalidValue, NotFound
from ...storage.models import Case, OrgUnit, Party, Staff, StageEntry
from ...storage.queries import get_case
from .. import audit
from ..deadlines.nodes import apply_event
from ..desk import Desk

__all__ = [
    "PARTY_KINDS",
    "PartyInput",
    "add_party",
    "build_search_text",
    "check_party",
    "close_case",
    "register_case",
    "set_stage",
    "update_case_fields",
]

PartyKind = Literal["person", "company", "organ", "other_org"]
#: party kind → Chinese name
PARTY_KINDS: dict[str, str] = {
    "person": "自然人",
    "company": "企业",
    "organ": "党政机关",
    "other_org": "其他组织",
}
PARTY_ROLES: dict[str, str] = {"applicant": "申请执行人", "respondent": "被执行人"}
SEARCH_TEXT_MAX = 600


@dataclass(frozen=True)
class PartyInput:
    """A party as entered: name, kind, and the identity number and contacts when known."""

    name: str
    kind: PartyKind = "person"
    id_number: str | None = None
    phone: str = ""
    address: str = ""


@dataclass(frozen=True)
class CheckedParty:
    """A party after :func:`check_party`: normalised values plus non-blocking warnings."""

    name: str
    kind: str
    id_number: str | None
    phone: str
    address: str
    search_key: str
    warnings: tuple[str, ...] = field(default=())


def check_party(p: PartyInput, *, role: str = "respondent", today: date | None = None) -> CheckedParty:
    """Validate one party. Bad ID numbers raise ``InvalidValue``; an unknown region is a warning."""
    label = PARTY_ROLES.get(role, "当事人")
    name = (p.name or "").strip()
    if not name:
        raise InvalidValue(f"{label}姓名（名称）不能为空", field=f"{label}名称")
    if p.kind not in PARTY_KINDS:
        raise InvalidValue(
            f"{label}「{name}」的类型无法识别：{p.kind}，应为 自然人、企业、党政机关、其他组织 之一",
            field=f"{label}类型",
            value=p.kind,
        )
    number = None
    warnings: tuple[str, ...] = ()
    if p.id_number and p.id_number.strip():
        try:
            info = check_identity(p.id_number, today=today)
        except InvalidValue as exc:
            raise InvalidValue(
                f"{label}「{name}」的{exc.message}", field=exc.field, value=exc.value
            ) from None
        if p.kind == "person" and info.kind != "resident_id":
            raise InvalidValue(
                f"{label}「{name}」是自然人，应填写18位身份证号，而不是统一社会信用代码",
                field="身份证号",
                value=p.id_number,
            )
        if p.kind != "person" and info.kind != "credit_code":
            raise InvalidValue(
                f"{label}「{name}」是{PARTY_KINDS[p.kind]}，应填写统一社会信用代码，而不是身份证号",
                field="统一社会信用代码",
                value=p.id_number,
            )
        number = info.number
        warnings = tuple(f"{label}「{name}」：{w}" for w in info.warnings)
    return CheckedParty(
        name=name,
        kind=p.kind,
        id_number=number,
        phone=(p.phone or "").strip(),
        address=(p.address or "").strip(),
        search_key=search_key(name, is_person_name=p.kind == "person"),
        warnings=warnings,
    )


def build_search_text(case_no: str, parties: list[tuple[str, str]]) -> str:
    """``case_no`` + each party name + its pinyin search key, space separated, lower-case.

    ``parties`` holds (name, search_key) pairs. Cut at the column's 600 characters.
    """
    parts = [case_no]
    for name, key in parties:
        parts.append(name)
        if key:
            parts.append(key)
    return " ".join(parts).lower()[:SEARCH_TEXT_MAX]


def _party_rows(case_id: int, role: str, parties: list[CheckedParty], start: int = 0) -> list[Party]:
    return [
        Party(
            case_id=case_id,
            role=role,
            kind=p.kind,
            name=p.name,
            search_key=p.search_key,
            id_number=p.id_number,
            phone=p.phone,
            address=p.address,
            sort_order=start + i,
        )
        for i, p in enumerate(parties)
    ]


def register_case(
    desk: Desk,
    *,
    case_no: str,
    filed_on: date,
    claim_fen: int,
    applicants: list[PartyInput],
    respondents: list[PartyInput],
    basis: str = "",
    cause: str = "",
    received_on: date | None = None,
    unit_code: str | None = None,
    handler_id: int | None = None,
) -> int:
    """立案登记: validate, store the case and its parties in the profile's entry stage; return its id."""
    parsed = parse_case_no(case_no)
    profile = desk.profile
    _check_court(parsed, profile.court.code, case_no)
    if not isinstance(claim_fen, int) or claim_fen < 0:
        raise InvalidValue("申请执行标的额应为不小于0的金额", field="申请执行标的额", value=claim_fen)
    received_on = received_on or filed_on
    if received_on < filed_on:
        raise InvalidValue(
            f"收案日期 {received_on} 早于立案日期 {filed_on}", field="收案日期", value=received_on
        )
    if not applicants:
        raise InvalidValue("至少需要一名申请执行人", field="申请执行人")
    if not respondents:
        raise InvalidValue("至少需要一名被执行人", field="被执行人")
    today = desk.today()
    apps = [check_party(p, role="applicant", today=today) for p in applicants]
    resps = [check_party(p, role="respondent", today=today) for p in respondents]
    warnings = [w for p in apps + resps for w in p.warnings]
    entry = profile.stage(profile.flow.entry_stage)
    unit_code = unit_code or (entry.units[0] if entry.units else None)

    with desk.transaction() as s:
        if s.exec(select(Case.id).where(Case.case_no == parsed.text)).first() is not None:
            raise Conflict(f"案号 {parsed.text} 已登记，不能重复立案")
        unit_id = _unit_id(s, unit_code)
        if handler_id is not None and s.get(Staff, handler_id) is None:
            raise NotFound(f"承办人（编号 {handler_id}）不存在")
        entered = desk.moment_on(received_on)
        case = Case(
            case_no=parsed.text,
            year=parsed.year,
            court_code=parsed.court_code,
            type_code=parsed.type_code,
            number=parsed.number,
            filed_on=filed_on,
            received_on=received_on,
            basis=basis.strip(),
            cause=cause.strip(),
            claim_fen=claim_fen,
            stage=entry.code,
            search_text=build_search_text(parsed.text, [(p.name, p.search_key) for p in apps + resps]),
        )
        s.add(case)
        s.flush()
        s.add_all(_party_rows(case.id, "applicant", apps) + _party_rows(case.id, "respondent", resps))
        set_stage(
            s, case, entry.code, unit_id, handler_id, "立案登记", desk.operator, at=entered, record=False
        )
        after = audit.snapshot(
            case, ["case_no", "filed_on", "received_on", "claim_fen", "cause", "basis", "stage"]
        )
        after["applicants"] = [p.name for p in apps]
        after["respondents"] = [p.name for p in resps]
        if warnings:
            after["warnings"] = warnings
        audit.record(
            s,
            operator=desk.operator,
            action="register",
            entity="case",
            entity_id=case.id,
            case_id=case.id,
            summary="立案登记",
            after=after,
        )
        # The deadline clocks start here: 立案, 收案 and the entry stage's own limit.
        apply_event(s, desk, case, "filed", desk.moment_on(filed_on), desk.operator)
        apply_event(s, desk, case, "received", entered, desk.operator)
        apply_event(s, desk, case, "stage_entered", entered, desk.operator, subject=entry.code)
        return case.id


def _check_court(parsed, court_code: str, text: str) -> None:
    if parsed.court_code != court_code:
        raise InvalidValue(
            f"案号 {parsed.text} 的法院代字 {parsed.court_code} 与本院代字 {court_code} 不符",
            field="案号",
            value=text,
        )


def _unit_id(s: Session, unit_code: str | None) -> int | None:
    if unit_code is None:
        return None
    unit_id = s.exec(select(OrgUnit.id).where(OrgUnit.code == unit_code)).first()
    if unit_id is None:
        raise NotFound(f"单位 {unit_code} 不存在（数据库未按本院配置初始化？）")
    return unit_id


def set_stage(
    session: Session,
    case: Case,
    stage: str,
    unit_id: int | None,
    handler_id: int | None,
    reason: str,
    operator: str,
    *,
    at: datetime | None = None,
    record: bool = True,
    desk: Desk | None = None,
) -> StageEntry:
    """Move ``case`` to ``stage`` (unit, handler): close the open StageEntry, open a new one.

    With ``record`` (the default) an audit entry ``reason`` is written; callers that audit the
    move themselves pass ``record=False``. ``at`` is the moment of the move (default now). With
    ``desk`` the move is also recorded as the ``stage_entered`` event, which starts the new stage's
    deadline clock (and ends the old stage's).
    """
    moment = clock.now()  # the current clock: the desk's, inside its transaction
    at = at or moment
    for open_entry in session.exec(
        select(StageEntry).where(StageEntry.case_id == case.id, StageEntry.left_at.is_(None))
    ):
        open_entry.left_at = at
        session.add(open_entry)
    before = audit.snapshot(case, ["stage", "unit_id", "handler_id"])
    entry = StageEntry(
        case_id=case.id, stage=stage, unit_id=unit_id, handler_id=handler_id, entered_at=at, reason=reason
    )
    session.add(entry)
    case.stage, case.unit_id, case.handler_id = stage, unit_id, handler_id
    case.stage_entered_at = at
    case.updated_at = moment
    session.add(case)
    session.flush()
    if desk is not None:  # the stage's own clock (a limit such as 监利 线上查控 3周) starts on entry
        apply_event(session, desk, case, "stage_entered", at, operator, subject=stage)
    if record:
        audit.record(
            session,
            operator=operator,
            action="stage",
            entity="case",
            entity_id=case.id,
            case_id=case.id,
            summary=reason or f"移入阶段 {stage}",
            before=before,
            after=audit.snapshot(case, ["stage", "unit_id", "handler_id"]),
            at=at,
        )
    return entry


CLOSING_FIELDS = [
    "status",
    "stage",
    "closed_on",
    "closing_method",
    "closing_fen",
    "recovered_fen",
    "abandoned_fen",
]


def close_in_session(
    s: Session,
    desk: Desk,
    case: Case,
    *,
    method: str,
    closed_on: date,
    closing_fen: int,
    recovered_fen: int,
    abandoned_fen: int = 0,
    reason: str = "",
    at: datetime | None = None,
    summary: str | None = None,
) -> None:
    """结案 inside the caller's transaction: check, record method and amounts, move the case to the
    profile's closed stage, audit, and complete the nodes closing completes. ``close_case`` and
    the 结案审查 approval (handoffs) both close through here."""
    method = normalize_closing_method(method)
    check_closing_amounts(
        method, closing_fen=closing_fen, recovered_fen=recovered_fen, abandoned_fen=abandoned_fen
    )
    if case.status == "closed":
        raise Conflict(f"案件 {case.case_no} 已于 {case.closed_on} 结案，不能重复结案")
    if closed_on < case.filed_on:
        raise InvalidValue(
            f"结案日期 {closed_on} 早于立案日期 {case.filed_on}", field="结案日期", value=closed_on
        )
    closed_stage = next((st.code for st in desk.profile.stages if st.kind == "closed"), None)
    before = audit.snapshot(case, CLOSING_FIELDS)
    at = at or desk.moment_on(closed_on)
    if closed_stage:
        set_stage(
            s,
            case,
            closed_stage,
            case.unit_id,  # a closed case stays counted under the unit that closed it
            case.handler_id,
            f"结案：{method}",
            desk.operator,
            at=at,
            record=False,
        )
    else:
        for open_entry in s.exec(
            select(StageEntry).where(StageEntry.case_id == case.id, StageEntry.left_at.is_(None))
        ):
            open_entry.left_at = at
            s.add(open_entry)
    case.status = "closed"
    case.closed_on = closed_on
    case.closing_method = method
    case.closing_fen = closing_fen
    case.recovered_fen = recovered_fen
    case.abandoned_fen = abandoned_fen
    case.closing_reason = reason.strip()
    case.updated_at = desk.now()
    s.add(case)
    audit.record(
        s,
        operator=desk.operator,
        action="close",
        entity="case",
        entity_id=case.id,
        case_id=case.id,
        summary=summary or f"结案：{method}",
        before=before,
        after=audit.snapshot(case, CLOSING_FIELDS + ["closing_reason"]),
    )
    apply_event(s, desk, case, "closed", at, desk.operator)


def close_case(
    desk: Desk,
    case_id: int,
    *,
    method: str,
    closed_on: date,
    closing_fen: int,
    recovered_fen: int,
    abandoned_fen: int = 0,
    reason: str = "",
) -> None:
    """结案: record method and amounts; the case moves to the profile's closed stage (if any)."""
    with desk.transaction() as s:
        close_in_session(
            s,
            desk,
            get_case(s, case_id),
            method=method,
            closed_on=closed_on,
            closing_fen=closing_fen,
            recovered_fen=recovered_fen,
            abandoned_fen=abandoned_fen,
            reason=reason,
        )


def _refresh_search_text(s: Session, case: Case) -> None:
    rows = s.exec(
        select(Party.name, Party.search_key)
        .where(Party.case_id == case.id)
        .order_by(Party.role, Party.sort_order, Party.id)
    ).all()
    case.search_text = build_search_text(case.case_no, [(n, k) for n, k in rows])


def add_party(desk: Desk, case_id: int, role: str, party: PartyInput) -> int:
    """Add an applicant or respondent to a case; returns the party id."""
    if role not in PARTY_ROLES:
        raise InvalidValue(
            f"当事人身份无法识别：{role}，应为 申请执行人 或 被执行人", field="当事人身份", value=role
        )
    checked = check_party(party, role=role, today=desk.today())
    with desk.transaction() as s:
        case = get_case(s, case_id)
        count = len(s.exec(select(Party.id).where(Party.case_id == case_id, Party.role == role)).all())
        row = _party_rows(case_id, role, [checked], start=count)[0]
        s.add(row)
        s.flush()
        _refresh_search_text(s, case)
        case.updated_at = desk.now()
        s.add(case)
        after = audit.snapshot(row, ["role", "kind", "name", "id_number", "phone", "address"])
        if checked.warnings:
            after["warnings"] = list(checked.warnings)
        audit.record(
            s,
            operator=desk.operator,
            action="add_party",
            entity="party",
            entity_id=row.id,
            case_id=case_id,
            summary=f"追加{PARTY_ROLES[role]}：{checked.name}",
            after=after,
        )
        return row.id


#: Fields :func:`update_case_fields` may change, with their Chinese names.
EDITABLE_FIELDS: dict[str, str] = {
    "case_no": "案号",
    "filed_on": "立案日期",
    "received_on": "收案日期",
    "basis": "执行依据",
    "cause": "案由",
    "claim_fen": "申请执行标的额",
    "special_campaign": "专项活动",
    "criminal_property": "刑事涉财产刑",
}


def update_case_fields(desk: Desk, case_id: int, **changes: Any) -> dict[str, list[Any]]:
    """Correct case fields (立案信息更正); returns {field: [before, after]} of what changed."""
    unknown = sorted(set(changes) - set(EDITABLE_FIELDS))
    if unknown:
        raise InvalidValue(f"不能修改的字段：{'、'.join(unknown)}", field="字段", value=unknown)
    with desk.transaction() as s:
        case = get_case(s, case_id)
        before = audit.snapshot(case, list(changes))
        if "case_no" in changes:
            parsed = parse_case_no(changes["case_no"])
            _check_court(parsed, desk.profile.court.code, changes["case_no"])
            other = s.exec(select(Case.id).where(Case.case_no == parsed.text, Case.id != case_id)).first()
            if other is not None:
                raise Conflict(f"案号 {parsed.text} 已被其他案件使用")
            case.case_no, case.year, case.court_code = parsed.text, parsed.year, parsed.court_code
            case.type_code, case.number = parsed.type_code, parsed.number
        for key in ("basis", "cause"):
            if key in changes:
                setattr(case, key, str(changes[key] or "").strip())
        for key in ("special_campaign", "criminal_property"):
            if key in changes:
                setattr(case, key, bool(changes[key]))
        if "claim_fen" in changes:
            value = changes["claim_fen"]
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise InvalidValue("申请执行标的额应为不小于0的金额", field="申请执行标的额", value=value)
            case.claim_fen = value
        if "filed_on" in changes:
            case.filed_on = changes["filed_on"]
        if "received_on" in changes:
            case.received_on = changes["received_on"]
        if case.received_on is not None and case.received_on < case.filed_on:
            raise InvalidValue(
                f"收案日期 {case.received_on} 早于立案日期 {case.filed_on}",
                field="收案日期",
                value=case.received_on,
            )
        if "case_no" in changes:
            _refresh_search_text(s, case)
        after = audit.snapshot(case, list(changes))
        diff = audit.changed(before, after)
        if not diff:
            return {}
        case.updated_at = desk.now()
        s.add(case)
        names = "、".join(EDITABLE_FIELDS[k] for k in diff)
        audit.record(
            s,
            operator=desk.operator,
            action="update",
            entity="case",
            entity_id=case_id,
            case_id=case_id,
            summary=f"更正立案信息：{names}",
            before={k: v[0] for k, v in diff.items()},
            after={k: v[1] for k, v in diff.items()},
        )
        return diff

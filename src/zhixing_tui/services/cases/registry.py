"""Cases: registering (立案登记), parties and field corrections (立案信息更正).

Inputs and outputs are plain dataclasses and ids; no ORM object leaves a session. Every change
runs in one transaction with its audit entry. :func:`party_row` builds the Party row of a checked
party — registration, 追加当事人 and the case import all build parties through it. Stage moves
and closing live in :mod:`.lifecycle`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from sqlmodel import Session, select

from ...domain.case_no import parse_case_no
from ...domain.dates import parse_date
from ...domain.identity import check_identity
from ...domain.money import parse_money
from ...domain.pinyin import search_key
from ...errors import Conflict, InvalidValue, NotFound
from ...storage.models import Case, OrgUnit, Party, Staff
from ...storage.queries import get_case
from .. import audit
from ..deadlines.emitters import emits
from ..deadlines.nodes import apply_event, refresh_execution_period
from ..desk import Desk
from .lifecycle import set_stage

__all__ = [
    "PARTY_KINDS",
    "PARTY_ROLES",
    "CheckedParty",
    "PartyInput",
    "add_party",
    "build_search_text",
    "check_party",
    "check_party_values",
    "check_registration",
    "party_row",
    "party_values",
    "register_case",
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
    warnings: tuple[str, ...] = field(default=())

    @property
    def search_key(self) -> str:
        """The pinyin search key, read when the party is written (not while a file is checked:
        a dry run of an import never loads the pinyin dictionaries)."""
        return search_key(self.name, is_person_name=self.kind == "person")


def check_party(p: PartyInput, *, role: str = "respondent", today: date | None = None) -> CheckedParty:
    """Validate one party. Bad ID numbers raise ``InvalidValue``; an unknown region is a warning."""
    return check_party_values(p.name, p.kind, p.id_number, p.phone, p.address, role=role, today=today)


def check_party_values(
    name: str,
    kind: str,
    id_number: str | None,
    phone: str,
    address: str,
    *,
    role: str = "respondent",
    today: date | None = None,
) -> CheckedParty:
    """:func:`check_party` of the fields of a :class:`PartyInput`, without building one (an
    import checks two parties a row)."""
    label = PARTY_ROLES.get(role, "当事人")
    name = (name or "").strip()
    if not name:
        raise InvalidValue(f"{label}姓名（名称）不能为空", field=f"{label}名称")
    if kind not in PARTY_KINDS:
        raise InvalidValue(
            f"{label}「{name}」的类型无法识别：{kind}，应为 自然人、企业、党政机关、其他组织 之一",
            field=f"{label}类型",
            value=kind,
        )
    number = None
    warnings: tuple[str, ...] = ()
    if id_number and id_number.strip():
        try:
            info = check_identity(id_number, today=today)
        except InvalidValue as exc:
            raise InvalidValue(
                f"{label}「{name}」的{exc.message}", field=exc.field, value=exc.value
            ) from None
        if kind == "person" and info.kind != "resident_id":
            raise InvalidValue(
                f"{label}「{name}」是自然人，应填写18位身份证号，而不是统一社会信用代码",
                field="身份证号",
                value=id_number,
            )
        if kind != "person" and info.kind != "credit_code":
            raise InvalidValue(
                f"{label}「{name}」是{PARTY_KINDS[kind]}，应填写统一社会信用代码，而不是身份证号",
                field="统一社会信用代码",
                value=id_number,
            )
        number = info.number
        warnings = tuple(f"{label}「{name}」：{w}" for w in info.warnings)
    return CheckedParty(
        name=name,
        kind=kind,
        id_number=number,
        phone=(phone or "").strip(),
        address=(address or "").strip(),
        warnings=warnings,
    )


@dataclass(frozen=True)
class RegistrationProblem:
    """One mistake in a registration as typed: ``field`` names the input (``case_no``,
    ``filed_on``, ``claim``, ``applicant``, ``applicant_id``, ``respondent``, ``respondent_id``)."""

    field: str
    message: str


def check_registration(
    desk: Desk,
    *,
    case_no: str,
    filed_on: str,
    claim: str,
    applicant: PartyInput,
    respondent: PartyInput,
) -> list[RegistrationProblem]:
    """Every mistake of a registration as typed, in the order of the form, at once (a clerk
    corrects them in one go instead of meeting them one save at a time). Reads the database
    (a 案号 already registered) but writes nothing; :func:`register_case` checks again."""
    problems: list[RegistrationProblem] = []

    def check(key: str, run) -> Any:
        try:
            return run()
        except (InvalidValue, Conflict) as exc:
            problems.append(RegistrationProblem(key, exc.message))
            return None

    def case_no_ok() -> None:
        if not case_no.strip():
            raise InvalidValue("请填写案号", field="案号")
        parsed = parse_case_no(case_no)
        _check_court(parsed, desk.profile.court.code, case_no)
        with desk.session() as s:
            if s.exec(select(Case.id).where(Case.case_no == parsed.text)).first() is not None:
                raise Conflict(f"案号 {parsed.text} 已登记，不能重复立案")

    def required(text: str, label: str, parse):
        if not text.strip():
            raise InvalidValue(f"请填写{label}", field=label)
        return parse(text, field=label)

    check("case_no", case_no_ok)
    check("filed_on", lambda: required(filed_on, "立案日期", parse_date))
    check("claim", lambda: required(claim, "申请执行标的额", parse_money))
    today = desk.today()
    checked: list[CheckedParty] = []
    for role, party in (("applicant", applicant), ("respondent", respondent)):
        label = PARTY_ROLES[role]
        if not party.name.strip():
            problems.append(RegistrationProblem(role, f"请填写{label}"))
            party = PartyInput(label, party.kind, party.id_number)  # still check the number
        checked.append(check(f"{role}_id", lambda p=party, r=role: check_party(p, role=r, today=today)))
    if not any(p.field.startswith(("applicant", "respondent")) for p in problems):  # both read well
        check("respondent_id", lambda: check_sides([checked[0]], [checked[1]]))
    return problems


def check_sides(applicants: list[CheckedParty], respondents: list[CheckedParty]) -> None:
    """Nobody applies for enforcement against themselves: an ID number (or 统一社会信用代码) on both
    sides is a typing mistake, refused before anything is written."""
    mine = {p.id_number: p.name for p in applicants if p.id_number}
    for p in respondents:
        if p.id_number and p.id_number in mine:
            raise InvalidValue(
                f"申请执行人{mine[p.id_number]}与被执行人{p.name}的证件号码相同（{p.id_number}）："
                "同一人不能既是申请执行人又是被执行人，请核对",
                field="被执行人证件号码",
                value=p.id_number,
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


def party_values(case_id: int, checked: CheckedParty, role: str, sort_order: int = 0) -> dict[str, Any]:
    """The columns of the Party row of ``checked`` as ``role`` of case ``case_id``, ``sort_order``
    within its role — as they are, for a bulk ``INSERT`` (the case import)."""
    return dict(
        case_id=case_id,
        role=role,
        kind=checked.kind,
        name=checked.name,
        search_key=checked.search_key,
        id_number=checked.id_number,
        phone=checked.phone,
        address=checked.address,
        sort_order=sort_order,
    )


def party_row(case_id: int, checked: CheckedParty, role: str, sort_order: int = 0) -> Party:
    """The Party row of ``checked`` as ``role`` of case ``case_id`` (see :func:`party_values`)."""
    return Party(**party_values(case_id, checked, role, sort_order))


@emits("filed", "received", "stage_entered")
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
    session: Session | None = None,
    non_litigation: bool = False,
) -> int:
    """立案登记: validate, store the case and its parties in the profile's entry stage; return its id.

    With ``session`` the case is registered inside the caller's transaction (恢复执行 registers the
    执恢 case in the same transaction as its decision); else in a transaction of its own.
    ``non_litigation`` (非诉执行) gives the case a 3-month execution period, not 6 (法发〔2006〕35号 第一条)."""
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
    check_sides(apps, resps)
    warnings = [w for p in apps + resps for w in p.warnings]
    entry = profile.stage(profile.flow.entry_stage)
    unit_code = unit_code or (entry.units[0] if entry.units else None)

    with _transaction(desk, session) as s:
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
            non_litigation=bool(non_litigation),
            stage=entry.code,
            search_text=build_search_text(parsed.text, [(p.name, p.search_key) for p in apps + resps]),
        )
        s.add(case)
        s.flush()
        s.add_all(
            [
                party_row(case.id, p, role, i)
                for role, group in (("applicant", apps), ("respondent", resps))
                for i, p in enumerate(group)
            ]
        )
        set_stage(
            s, case, entry.code, unit_id, handler_id, "立案登记", desk.operator, at=entered, record=False
        )
        after = audit.snapshot(
            case, ["case_no", "filed_on", "received_on", "claim_fen", "cause", "basis", "stage"]
        )
        if case.non_litigation:
            after["non_litigation"] = True
        after["applicants"] = [p.name for p in apps]
        after["respondents"] = [p.name for p in resps]
        if warnings:
            after["warnings"] = warnings
        audit.record_case(s, desk, case.id, "register", "立案登记", after=after)
        # The deadline clocks start here: 立案, 收案 and the entry stage's own limit.
        apply_event(s, desk, case, "filed", desk.moment_on(filed_on), desk.operator)
        apply_event(s, desk, case, "received", entered, desk.operator)
        apply_event(s, desk, case, "stage_entered", entered, desk.operator, subject=entry.code)
        return case.id


@contextmanager
def _transaction(desk: Desk, session: Session | None) -> Iterator[Session]:
    """The caller's session when given, else a new transaction of the desk."""
    if session is not None:
        yield session
        return
    with desk.transaction() as s:
        yield s


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
        row = party_row(case_id, checked, role, count)
        s.add(row)
        s.flush()
        _refresh_search_text(s, case)
        case.updated_at = desk.now()
        s.add(case)
        after = audit.snapshot(row, ["role", "kind", "name", "id_number", "phone", "address"])
        if checked.warnings:
            after["warnings"] = list(checked.warnings)
        audit.record_case(
            s,
            desk,
            case_id,
            "add_party",
            f"追加{PARTY_ROLES[role]}：{checked.name}",
            entity="party",
            entity_id=row.id,
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
    "non_litigation": "非诉执行",
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
        for key in ("special_campaign", "criminal_property", "non_litigation"):
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
        if "non_litigation" in diff:  # 3 or 6 months: the open execution period is counted again
            refresh_execution_period(s, desk, case)
        names = "、".join(EDITABLE_FIELDS[k] for k in diff)
        audit.record_case(
            s,
            desk,
            case_id,
            "update",
            f"更正立案信息：{names}",
            before={k: v[0] for k, v in diff.items()},
            after={k: v[1] for k, v in diff.items()},
        )
        return diff

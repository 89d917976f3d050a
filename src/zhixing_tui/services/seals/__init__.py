"""查封/冻结/扣押 register: one row per sealed or frozen asset, its term, renewals and releases.

The term (民诉法解释 第四百八十五条: deposits 1 year, movables 2, real estate and other property
rights 3) ends on the corresponding day and is never moved (``domain.seals``); the row also keeps
the renewal reminder day (the profile's ``deadlines.seal_reminder`` before the end, back to a
working day), which is when the ``national.seal.*`` node falls due. A seal or freeze marked on the
查控 checklist creates its row here (:func:`register_from_checklist`, in the checklist's own
transaction), so nothing is typed twice; :func:`add_seal` records one made outside the checklist.
:func:`renew_seal` (续封/续冻) closes the row and opens the next term from the renewal day
(``renewed`` completes the old node and starts the new one); :func:`release_seal` (解封/解冻)
completes the node. :func:`expiring` is the 终本管理组's list of terms ending soon.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from ...domain import checklist as cl
from ...domain.closing import TERMINATED_THIS_ROUND
from ...domain.money import format_money
from ...domain.roles import may_approve, require
from ...domain.seals import SEAL_KIND_NAMES, SEAL_TERMS, check_kind, reminder_day, term_end
from ...errors import Conflict, InvalidValue, NotFound
from ...storage.models import Case, DeadlineNode, PropertyControl, QueryItem, Staff
from ...storage.queries import MAX_PAGE, Page, get_case
from .. import audit
from ..deadlines.calendar import calendar_for
from ..deadlines.emitters import emits
from ..deadlines.nodes import apply_event
from ..desk import Desk
from ..fieldwork import check_day
from ..permissions import operator_role, operator_role_or_none

__all__ = [
    "seal_rights",
    "ACTIONS",
    "SEAL_ROLES",
    "SealRow",
    "add_seal",
    "case_seals",
    "expiring",
    "register_from_checklist",
    "release_seal",
    "renew_seal",
]

#: who records seals, renewals and releases: the handler, the 查控 clerk, the 终本管理组 (续封续冻材料)
SEAL_ROLES = {"handler", "query_clerk", "group_leader"}


def seal_rights(desk: Desk) -> bool:
    """Whether the operator may record a 查封冻结, its 续行 or 解除 (for the screens' keys: a window
    clerk is not offered them to be refused once the dialog is filled in)."""
    return may_approve(operator_role_or_none(desk), SEAL_ROLES)


#: asset kind → the act's name (冻结 for money and rights, 查封 for things)
ACTIONS = {"deposit": "冻结", "movable": "查封", "real_estate": "查封", "other_right": "冻结"}
_RENEW = {"冻结": "续冻", "查封": "续封", "扣押": "续扣"}
_RELEASE = {"冻结": "解冻", "查封": "解封", "扣押": "解除扣押"}
STATES = {"active": "在控", "renewed": "已续行", "released": "已解除"}


@dataclass(frozen=True)
class SealRow:
    id: int
    case_id: int
    case_no: str
    asset_kind: str
    action: str
    object: str
    amount_fen: int | None
    controlled_on: date
    term: str
    expires_on: date
    remind_on: date | None
    state: str
    renewed_from_id: int | None
    released_on: date | None
    handler: str = ""

    @property
    def kind_name(self) -> str:
        return SEAL_KIND_NAMES.get(self.asset_kind, self.asset_kind)

    @property
    def state_name(self) -> str:
        return STATES.get(self.state, self.state)

    def days_left(self, today: date) -> int:
        return (self.expires_on - today).days


def _object(r: PropertyControl) -> str:
    parts = [p for p in (r.bank, r.account_no, r.plate_no, r.certificate_no, r.description) if p]
    return " ".join(parts)


def _row(r: PropertyControl, case_no: str, handler: str = "") -> SealRow:
    return SealRow(
        r.id,  # type: ignore[arg-type]
        r.case_id,
        case_no,
        r.asset_kind,
        r.action,
        _object(r),
        r.amount_fen,
        r.controlled_on,
        r.term or SEAL_TERMS.get(r.asset_kind, ""),
        r.expires_on,
        r.remind_on,
        r.state,
        r.renewed_from_id,
        r.released_on,
        handler,
    )


def _text(value: str, field: str, limit: int) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise InvalidValue(f"{field}不能超过{limit}字", field=field, value=value)
    return value


def _new_row(desk: Desk, case: Case, kind: str, start: date, **fields) -> PropertyControl:
    end = term_end(kind, start)
    return PropertyControl(
        case_id=case.id,  # type: ignore[arg-type]
        asset_kind=kind,
        controlled_on=start,
        term=SEAL_TERMS[kind],
        expires_on=end,
        remind_on=reminder_day(end, desk.profile.deadlines.seal_reminder, calendar_for(desk)),
        by=desk.operator[:40],
        **fields,
    )


def _summary(r: PropertyControl) -> str:
    money = f"，金额 {format_money(r.amount_fen)} 元" if r.amount_fen else ""
    what = _object(r)
    return (
        f"{r.action}{SEAL_KIND_NAMES.get(r.asset_kind, r.asset_kind)}"
        + (f"（{what}）" if what else "")
        + f"{money}，{r.controlled_on.isoformat()} 起 {r.term}，期满日 {r.expires_on.isoformat()}"
        + (f"，{r.remind_on.isoformat()} 前续行" if r.remind_on else "")
    )


def register_from_checklist(
    s: Session, desk: Desk, case: Case, item: QueryItem, day: date
) -> PropertyControl:
    """The register row of a checklist item just frozen or sealed (in the checklist's transaction;
    the checklist records the ``sealed`` event itself)."""
    kind = cl.SEAL_KIND[item.asset_type]
    row = _new_row(
        desk,
        case,
        kind,
        day,
        action="冻结" if item.status == "frozen" else "查封",
        description=cl.ASSET_TYPES.get(item.asset_type, item.asset_type)[:200],
        amount_fen=item.amount_controlled_fen or None,
        query_item_id=item.id,
    )
    s.add(row)
    s.flush()
    audit.record_case(
        s,
        desk,
        case.id,
        "seal.add",
        _summary(row),
        entity="property_control",
        entity_id=row.id,
    )
    return row


@emits("released")
def release_on_deduction(s: Session, desk: Desk, case: Case, item: QueryItem, day: date) -> None:
    """A checklist item just moved from 冻结 to 扣划 (in the checklist's transaction): the freeze
    the item registered ends with the deduction, and with it the reminder to renew it — a deposit
    deducted in full is no longer frozen (a 续冻 node left open would fall 超期 a year later). A
    deduction of less than the frozen amount leaves the rest frozen: the row stays in force with
    the amount left."""
    rows = s.exec(
        select(PropertyControl).where(
            PropertyControl.case_id == case.id,
            PropertyControl.query_item_id == item.id,
            PropertyControl.state == "active",
        )
    ).all()
    deducted = item.amount_controlled_fen or 0
    for row in rows:
        frozen = row.amount_fen
        if frozen is not None and 0 < deducted < frozen:
            row.amount_fen = frozen - deducted
            s.add(row)
            audit.record_case(
                s,
                desk,
                case.id,
                "seal.deducted",
                f"扣划 {format_money(deducted)} 元（冻结编号 {row.id}），"
                f"余 {format_money(row.amount_fen)} 元继续冻结",
                entity="property_control",
                entity_id=row.id,
                after={"amount_fen": row.amount_fen},
            )
            continue
        _release(s, desk, case, row, day, "已扣划")


@emits("released")
def _release(
    s: Session, desk: Desk, case: Case, row: PropertyControl, day: date, reason: str, doc_no: str = ""
) -> None:
    """End ``row``'s term on ``day`` (解封/解冻, or a freeze deducted): audited, its node completed."""
    row.state, row.released_on, row.release_reason = "released", day, reason
    if doc_no:
        row.note = f"解除文书 {doc_no}"[:200]
    s.add(row)
    audit.record_case(
        s,
        desk,
        case.id,
        "seal.release",
        f"{_RELEASE.get(row.action, '解除')}（编号 {row.id}）{day.isoformat()}"
        + (f"：{reason}" if reason else ""),
        entity="property_control",
        entity_id=row.id,
        after={"released_on": day.isoformat(), "reason": reason, "doc_no": doc_no},
    )
    _answer(s, desk, case, row, "released", desk.moment_on(day))


@emits("sealed")
def add_seal(
    desk: Desk,
    case_id: int,
    *,
    kind: str,
    on: date | None = None,
    action: str = "",
    bank: str = "",
    account_no: str = "",
    plate_no: str = "",
    certificate_no: str = "",
    doc_no: str = "",
    description: str = "",
    amount_fen: int | None = None,
    note: str = "",
) -> SealRow:
    """Register a seal/freeze made on ``on`` (default today); its ``sealed`` node starts."""
    check_kind(kind)
    action = action.strip() or ACTIONS[kind]
    if action not in _RENEW:
        raise InvalidValue(f"措施应为 冻结、查封 或 扣押：{action}", field="措施", value=action)
    if amount_fen is not None and (not isinstance(amount_fen, int) or amount_fen < 0):
        raise InvalidValue("金额应为不小于0的金额", field="金额", value=amount_fen)
    fields = {
        "bank": _text(bank, "银行", 60),
        "account_no": _text(account_no, "账号", 60),
        "plate_no": _text(plate_no, "车牌号", 20),
        "certificate_no": _text(certificate_no, "权证号", 60),
        "doc_no": _text(doc_no, "文书字号", 60),
        "description": _text(description, "财产描述", 200),
        "note": _text(note, "备注", 200),
    }
    if kind == "deposit" and not (fields["bank"] and fields["account_no"]):
        raise InvalidValue("冻结银行存款须写明银行和账号", field="银行/账号")
    if not any(fields[k] for k in ("bank", "account_no", "plate_no", "certificate_no", "description")):
        raise InvalidValue("请写明查封冻结的对象（银行账号、车牌号、权证号或财产描述）", field="对象")
    with desk.transaction() as s:
        require(operator_role(s, desk), SEAL_ROLES, "登记查封冻结")
        case = get_case(s, case_id)
        if case.status == "closed" and case.closing_method != TERMINATED_THIS_ROUND:
            raise Conflict(f"案件 {case.case_no} 已结案")
        day = check_day(desk, on)
        row = _new_row(desk, case, kind, day, action=action, amount_fen=amount_fen, **fields)
        s.add(row)
        s.flush()
        audit.record_case(
            s, desk, case_id, "seal.add", _summary(row), entity="property_control", entity_id=row.id
        )
        apply_event(s, desk, case, "sealed", desk.moment_on(day), desk.operator, subject=kind)
        return _row(row, case.case_no)


def _open_row(s: Session, case: Case, control_id: int) -> PropertyControl:
    row = s.get(PropertyControl, control_id)
    if row is None or row.case_id != case.id:
        raise NotFound(f"案件 {case.case_no} 没有编号为 {control_id} 的查封冻结登记")
    if row.state != "active":
        raise Conflict(f"编号 {control_id} 的{row.action}{STATES.get(row.state, row.state)}，不能再办理")
    return row


def _answer(s: Session, desk: Desk, case: Case, row: PropertyControl, event: str, at: datetime) -> None:
    """Record ``event`` for ``row``'s term; the node completed is the row's own (the node engine
    answers the oldest open node of the kind: when that is another row's, the two are swapped)."""
    rule_id = f"national.seal.{row.asset_kind}"
    open_q = select(DeadlineNode).where(
        DeadlineNode.case_id == case.id,
        DeadlineNode.rule_id == rule_id,
        col(DeadlineNode.completed_at).is_(None),
    )
    mine = next((n for n in s.exec(open_q).all() if n.anchor_at.date() == row.controlled_on), None)
    apply_event(s, desk, case, event, at, desk.operator, subject=row.asset_kind)
    if mine is None or mine.completed_at is not None:
        return
    other = s.exec(
        select(DeadlineNode).where(
            DeadlineNode.case_id == case.id,
            DeadlineNode.rule_id == rule_id,
            DeadlineNode.completed_at == at,
            DeadlineNode.completed_event == event,
        )
    ).first()
    if other is None:
        return
    mine.completed_at, mine.completed_by, mine.completed_event = other.completed_at, other.completed_by, event
    mine.completed_by_id = other.completed_by_id
    other.completed_at = other.completed_by = other.completed_by_id = other.completed_event = None
    s.add(mine)
    s.add(other)


@emits("renewed")
def renew_seal(
    desk: Desk, case_id: int, control_id: int, *, on: date | None = None, doc_no: str = ""
) -> SealRow:
    """续封/续冻: before the term ends, a new term of the same length runs from ``on``; returns it."""
    doc_no = _text(doc_no, "文书字号", 60)
    with desk.transaction() as s:
        require(operator_role(s, desk), SEAL_ROLES, "办理续封续冻")
        case = get_case(s, case_id)
        row = _open_row(s, case, control_id)
        day = check_day(desk, on, not_before=row.controlled_on, since="本期查封冻结之日")
        if day > row.expires_on:
            raise Conflict(
                f"编号 {control_id} 的{row.action}已于 {row.expires_on.isoformat()} 期满，不能续行，应重新{row.action}"
            )
        new = _new_row(
            desk,
            case,
            row.asset_kind,
            day,
            action=row.action,
            amount_fen=row.amount_fen,
            bank=row.bank,
            account_no=row.account_no,
            plate_no=row.plate_no,
            certificate_no=row.certificate_no,
            description=row.description,
            doc_no=doc_no or row.doc_no,
            query_item_id=row.query_item_id,
            renewed_from_id=row.id,
        )
        row.state = "renewed"
        s.add(row)
        s.add(new)
        s.flush()
        audit.record_case(
            s,
            desk,
            case_id,
            "seal.renew",
            f"{_RENEW.get(row.action, '续行')}（原编号 {row.id}，原期满日 {row.expires_on.isoformat()}）："
            + _summary(new),
            entity="property_control",
            entity_id=new.id,
            before={"id": row.id, "expires_on": row.expires_on.isoformat()},
            after={"id": new.id, "expires_on": new.expires_on.isoformat()},
        )
        _answer(s, desk, case, row, "renewed", desk.moment_on(day))
        return _row(new, case.case_no)


@emits("released")
def release_seal(
    desk: Desk, case_id: int, control_id: int, *, on: date | None = None, reason: str = "", doc_no: str = ""
) -> SealRow:
    """解封/解冻: the term ends early; the row's node completes."""
    reason = _text(reason, "解除原因", 200)
    doc_no = _text(doc_no, "文书字号", 60)
    with desk.transaction() as s:
        require(operator_role(s, desk), SEAL_ROLES, "办理解封解冻")
        case = get_case(s, case_id)
        row = _open_row(s, case, control_id)
        day = check_day(desk, on, not_before=row.controlled_on, since="查封冻结之日")
        _release(s, desk, case, row, day, reason, doc_no)
        return _row(row, case.case_no)


def case_seals(desk: Desk, case_id: int) -> list[SealRow]:
    """Every row of the case's register, oldest first (renewals follow their term)."""
    with desk.session() as s:
        case = get_case(s, case_id)
        rows = s.exec(
            select(PropertyControl)
            .where(PropertyControl.case_id == case_id)
            .order_by(col(PropertyControl.controlled_on), col(PropertyControl.id))
        ).all()
        return [_row(r, case.case_no) for r in rows]


def expiring(
    desk: Desk, *, days: int = 30, as_of: date | None = None, limit: int = 100, offset: int = 0
) -> Page[SealRow]:
    """Terms in force whose legal end is within ``days`` of ``as_of`` (default today), soonest
    first — including those already past their end and never renewed or released (lapsed)."""
    if not 1 <= days <= 3660:
        raise InvalidValue(f"天数应在 1–3660 之间：{days}", field="天数", value=days)
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidValue(f"每页行数应在 1–{MAX_PAGE} 之间：{limit}", field="limit", value=limit)
    as_of = as_of or desk.today()
    until = as_of + timedelta(days=days)
    where = [PropertyControl.state == "active", PropertyControl.expires_on <= until]
    with desk.session() as s:
        total = s.exec(select(func.count()).select_from(PropertyControl).where(*where)).one()
        rows = s.exec(
            select(PropertyControl, Case.case_no, Staff.name)
            .join(Case, col(Case.id) == col(PropertyControl.case_id))
            .join(Staff, col(Staff.id) == col(Case.handler_id), isouter=True)
            .where(*where)
            .order_by(col(PropertyControl.expires_on), col(Case.case_no), col(PropertyControl.id))
            .offset(offset)
            .limit(limit)
        ).all()
        items = tuple(_row(r, case_no, name or "") for r, case_no, name in rows)
    return Page(items=items, total=int(total), offset=offset, limit=limit)

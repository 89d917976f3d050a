"""案款: the 案款专员's and 财务's screen — three lists on the day: unclaimed arrivals (age since
到账), claimed money not yet paid out (age since 到账 and 认领, the payout limit of the profile's
``[money].payout_rule``, 超期 in red), and each case's balance; the books' totals on the status
line (到账 = 已认领 + 未认领; 已认领 = 已发放 + 已退回 + 余额).

v switches the list, Enter opens the case, c claims the highlighted arrival to a case (the shared
case picker), p pays it out, t returns it; paged in SQL (] and [). The queries are
``services.money.query`` — ``zhixing report money``'s too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.message import Message

from ...domain.case_money import MoneyTotals
from ...domain.money import format_money
from ...i18n import money as money_text
from ...services.money.query import VIEWS, BalanceRow, MoneyRow, money_page, money_totals
from ...storage.queries import Page
from ..modals.money import ClaimModal, LateReasonModal, OutInput, PayoutModal
from ..widgets.cells import Column
from .paged import PAGE, PagedCaseList, page_fields, paging_bindings

TAB_NAMES = {
    "unclaimed": money_text.TAB_UNCLAIMED,
    "unpaid": money_text.TAB_UNPAID,
    "balances": money_text.TAB_BALANCES,
}
COLUMNS = {
    "unclaimed": (
        Column("id", money_text.COL_ID, 4, fit=True),
        Column("arrived", money_text.COL_ARRIVED, 10),
        Column("amount", money_text.COL_AMOUNT, 10, fit=True),
        Column("payer", money_text.COL_PAYER, 8, weight=2),
        Column("ref", money_text.COL_REF, 8, weight=1, drop=2),
        Column("age", money_text.COL_AGE, 4, fit=True),
    ),
    "unpaid": (
        Column("id", money_text.COL_ID, 4, fit=True),
        Column("case_no", money_text.COL_CASE_NO, 4, fit=True),
        Column("arrived", money_text.COL_ARRIVED, 10),
        Column("balance", money_text.COL_BALANCE, 10, fit=True),
        Column("age", money_text.COL_AGE, 4, fit=True),
        Column("claimed", money_text.COL_CLAIMED_DAYS, 4, fit=True, drop=2),
        Column("due", money_text.COL_DUE, 10, fit=True),
    ),
    "balances": (
        Column("case_no", money_text.COL_CASE_NO, 4, fit=True),
        Column("claimed", money_text.COL_CLAIMED, 10, fit=True),
        Column("paid", money_text.COL_PAID, 10, fit=True),
        Column("returned", money_text.COL_RETURNED, 10, fit=True, drop=2),
        Column("balance", money_text.COL_BALANCE, 10, fit=True),
    ),
}


@dataclass
class MoneyLoaded(Message):
    view: str
    page: Page
    totals: MoneyTotals
    may_handle: bool


@dataclass
class Changed(Message):
    text: str


def row_cells(view: str, r: MoneyRow | BalanceRow) -> list[str | Text]:
    if isinstance(r, BalanceRow):
        return [
            r.case_no,
            format_money(r.claimed_fen),
            format_money(r.paid_fen),
            format_money(r.returned_fen),
            format_money(r.balance_fen),
        ]
    if view == "unclaimed":
        return [
            str(r.payment_id),
            r.arrived_on.isoformat(),
            format_money(r.amount_fen),
            r.payer,
            r.ref_no,
            str(r.age_days),
        ]
    due = Text(r.due_on.isoformat() if r.due_on else "")
    if r.late:
        due = Text(f"{due.plain} {money_text.OVERDUE}", style="bold red")
    return [
        str(r.payment_id),
        r.case_no,
        r.arrived_on.isoformat(),
        format_money(r.balance_fen),
        str(r.age_days),
        str(r.claimed_days if r.claimed_days is not None else ""),
        due,
    ]


def _key(r: MoneyRow | BalanceRow) -> str:
    return f"case-{r.case_id}" if isinstance(r, BalanceRow) else str(r.payment_id)


class MoneyScreen(PagedCaseList[MoneyRow | BalanceRow]):
    SCREEN_ID = "money"
    LIST = "money"
    TITLE = money_text.TITLE
    DEFAULT_CSS = "MoneyScreen #money-status { height: auto; }"
    BINDINGS = [
        Binding("v", "switch_view", money_text.KEY_TAB, id="money.view"),
        Binding("c", "claim", money_text.KEY_CLAIM, id="money.claim"),
        Binding("p", "pay", money_text.KEY_PAY, id="money.pay"),
        Binding("t", "return_money", money_text.KEY_RETURN, id="money.return"),
        Binding("l", "late", money_text.KEY_LATE, id="money.late"),
        *paging_bindings("money", money_text.KEY_REFRESH, money_text.KEY_NEXT, money_text.KEY_PREV),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view = "unclaimed"
        self.may_handle: bool | None = None  # known with the first page: the operator's role

    def fetch(self, offset: int) -> MoneyLoaded:
        from ...services.money.records import may_handle_money

        desk = self.zapp.desk
        view = self.view
        page = money_page(desk, view, offset=offset, limit=PAGE)
        allowed = self.may_handle if self.may_handle is not None else may_handle_money(desk)
        return MoneyLoaded(view, page, money_totals(desk), allowed)

    def row_key(self, row: MoneyRow | BalanceRow) -> str:
        return _key(row)

    @on(MoneyLoaded)
    def show_money(self, message: MoneyLoaded) -> None:
        self.may_handle = message.may_handle
        if message.view != self.view:
            return
        page = message.page
        t = message.totals
        status = money_text.STATUS.format(
            view=TAB_NAMES[self.view], **page_fields(page),
            arrived=format_money(t.arrived_fen), claimed=format_money(t.claimed_fen),
            unclaimed=format_money(t.unclaimed_fen), paid=format_money(t.paid_fen),
            returned=format_money(t.returned_fen), balance=format_money(t.balance_fen),
        )  # fmt: skip
        view = self.view
        self.show_page(page, status, COLUMNS[view], lambda r: row_cells(view, r))

    def open_row(self, row: MoneyRow | BalanceRow) -> None:
        if row.case_id is None:
            self.notify(money_text.NO_CASE, severity="warning")
            return
        self.zapp.open_case(row.case_id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("claim", "pay", "return_money", "late") and not self.may_handle:
            return False  # the 案款 clerk's and the handlers' (services.money.records.MONEY_ROLES)
        if action == "claim":
            return self.view == "unclaimed" and self.row is not None
        if action in ("pay", "return_money"):
            return self.view == "unpaid" and self.row is not None
        if action == "late":  # only where the court asks a written reason approved (浉河)
            return (
                self.view == "unpaid"
                and self.row is not None
                and self.zapp.desk.profile.money.late_payout is not None
            )
        return super().check_action(action, parameters)

    def action_switch_view(self) -> None:
        self.view = VIEWS[(VIEWS.index(self.view) + 1) % len(VIEWS)]
        self.restart()

    def action_claim(self) -> None:
        row = self.row
        if not isinstance(row, MoneyRow) or self.view != "unclaimed":
            self.notify(money_text.NOT_HERE, severity="warning")
            return
        title = money_text.CLAIM_TITLE.format(
            amount=format_money(row.amount_fen), payer=row.payer, arrived=row.arrived_on
        )

        save = partial(self.record_claim, row.payment_id)
        self.app.push_screen(ClaimModal(title, save), callback=self._saved)

    def _saved(self, text: str | None) -> None:
        """A dialog closed after its write went through: say what was done, reload the page."""
        if text is not None:
            self.post_message(Changed(text))

    def record_claim(self, payment_id: int, case_id: int) -> str:
        """Claim the payment for the case (in the dialog's worker thread; a refusal stays there)."""
        from ...services.cases.detail import case_detail
        from ...services.money.records import claim_payment

        desk = self.zapp.desk
        claim_payment(desk, payment_id, case_id)
        return money_text.DONE_CLAIM.format(case_no=case_detail(desk, case_id).case_no)

    def _out(self, returning: bool) -> None:
        row = self.row
        if not isinstance(row, MoneyRow) or self.view != "unpaid":
            self.notify(money_text.NOT_HERE, severity="warning")
            return
        fmt = money_text.RETURN_TITLE if returning else money_text.PAY_TITLE
        title = fmt.format(id=row.payment_id, balance=format_money(row.balance_fen))

        save = partial(self.record_out, row.payment_id, returning=returning)
        modal = PayoutModal(title, self.zapp.desk.today(), returning=returning, save=save)
        self.app.push_screen(modal, callback=self._saved)

    def action_pay(self) -> None:
        self._out(False)

    def action_return_money(self) -> None:
        self._out(True)

    def record_out(self, payment_id: int, value: OutInput, *, returning: bool) -> str:
        """发放 or 退回 (in the dialog's worker thread; a refusal stays in the dialog)."""
        from ...services.money.records import pay_out, return_money

        desk = self.zapp.desk
        if returning:
            return_money(desk, payment_id, reason=value.text, amount_fen=value.amount_fen,
                         returned_on=value.day, voucher_no=value.voucher_no)  # fmt: skip
            return money_text.DONE_RETURN
        pay_out(desk, payment_id, amount_fen=value.amount_fen, payee=value.text or None,
                voucher_no=value.voucher_no, paid_on=value.day)  # fmt: skip
        return money_text.DONE_PAY

    def action_late(self) -> None:
        row = self.row
        if not isinstance(row, MoneyRow) or self.view != "unpaid":
            self.notify(money_text.NOT_HERE, severity="warning")
            return
        what = money_text.PAY_TITLE.format(id=row.payment_id, balance=format_money(row.balance_fen))

        save = partial(self.record_late, row.payment_id)
        self.app.push_screen(LateReasonModal(row.case_no, what, save), callback=self._saved)

    def record_late(self, payment_id: int, reason: str) -> str:
        """File the request and write its 审批表 (.docx) for the signatures (in the dialog's worker
        thread; a refusal stays in the dialog)."""
        from ...services.money.late import request_late_payout
        from ...services.printing.late_payout import write_late_payout

        desk = self.zapp.desk
        approval_id = request_late_payout(desk, payment_id, reason=reason)
        if not desk.profile.prints("late_payout"):  # the court's plan names no paper form for it
            return money_text.LATE_REQUESTED.format(id=approval_id)
        path = write_late_payout(desk, approval_id)
        return money_text.LATE_DONE.format(id=approval_id, path=path)

    @on(Changed)
    def _changed(self, message: Changed) -> None:
        self.notify(message.text)
        self.action_refresh()


__all__ = ["MoneyScreen", "row_cells"]

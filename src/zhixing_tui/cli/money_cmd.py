"""``zhixing money``: register an arrival, claim it to a case (认领), pay it out (发放) or return it
(退回), ask for a late payout's approval, and list the unclaimed, unpaid and balances; plus
``zhixing print late-payout``. Thin: the rules and refusals are services.money's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ..i18n import cli as cli_text
from ..i18n import money as money_text
from .common import DbOpt, JsonOpt, OperatorOpt, echo, new_app, open_desk
from .print_cmd import app as print_app

app = new_app(money_text.HELP_APP)

PaymentArg = Annotated[int, typer.Argument(help=money_text.HELP_PAYMENT_ID)]
DateOpt = Annotated[str | None, typer.Option("--date", help=money_text.HELP_DATE, show_default=False)]
PartAmountOpt = Annotated[
    str | None, typer.Option("--amount", help=money_text.HELP_AMOUNT_PART, show_default=False)
]


def _day(text: str | None):
    from ..domain.dates import parse_date

    return parse_date(text, field="--date") if text else None


def _fen(text: str | None, field: str = "--amount") -> int | None:
    from ..domain.money import parse_money

    return parse_money(text, field=field) if text is not None else None


def _case_id(desk, case_no: str) -> int:
    from ..services.printing.node_table import find_case_id

    return find_case_id(desk, case_no)


@app.command("arrive", help=money_text.HELP_ARRIVE)
def arrive(
    amount: Annotated[str, typer.Argument(help=money_text.HELP_AMOUNT)],
    payer: Annotated[str, typer.Argument(help=money_text.HELP_PAYER)],
    on: DateOpt = None,
    ref: Annotated[str, typer.Option("--ref", help=money_text.HELP_REF, show_default=False)] = "",
    case_no: Annotated[str, typer.Option("--case", help=money_text.HELP_CASE_OPT, show_default=False)] = "",
    note: Annotated[str, typer.Option("--note", help=money_text.HELP_NOTE, show_default=False)] = "",
    db: DbOpt = None,
    operator: OperatorOpt = None,
) -> None:
    from ..domain.case_no import normalize_case_no
    from ..domain.money import format_money
    from ..services.money.records import record_arrival

    desk = open_desk(db, operator)
    case_id = _case_id(desk, case_no) if case_no.strip() else None
    fen = _fen(amount) or 0
    day = _day(on) or desk.today()
    pid = record_arrival(
        desk, arrived_on=day, amount_fen=fen, payer=payer, ref_no=ref, case_id=case_id, note=note
    )
    line = money_text.ARRIVED.format(id=pid, amount=format_money(fen), payer=payer.strip(), day=day)
    if case_id is not None:
        line += money_text.ARRIVED_TO_CASE.format(case_no=normalize_case_no(case_no))
    echo(line)


@app.command("claim", help=money_text.HELP_CLAIM)
def claim(
    payment_id: PaymentArg,
    case_no: Annotated[str, typer.Argument(help=money_text.HELP_CASE_NO)],
    on: DateOpt = None,
    db: DbOpt = None,
    operator: OperatorOpt = None,
) -> None:
    from ..domain.case_no import normalize_case_no
    from ..services.money.records import claim_payment

    desk = open_desk(db, operator)
    claim_payment(desk, payment_id, _case_id(desk, case_no), claimed_on=_day(on))
    echo(money_text.CLAIMED.format(id=payment_id, case_no=normalize_case_no(case_no)))


@app.command("pay", help=money_text.HELP_PAY)
def pay(
    payment_id: PaymentArg,
    voucher: Annotated[str, typer.Option("--voucher", help=money_text.HELP_VOUCHER)],
    amount: PartAmountOpt = None,
    payee: Annotated[str, typer.Option("--payee", help=money_text.HELP_PAYEE, show_default=False)] = "",
    on: DateOpt = None,
    db: DbOpt = None,
    operator: OperatorOpt = None,
) -> None:
    from ..services.money.records import pay_out

    desk = open_desk(db, operator)
    oid = pay_out(
        desk, payment_id, amount_fen=_fen(amount), payee=payee or None, voucher_no=voucher, paid_on=_day(on)
    )
    echo(money_text.PAID.format(id=oid))


@app.command("return", help=money_text.HELP_RETURN)
def return_(
    payment_id: PaymentArg,
    reason: Annotated[str, typer.Option("--reason", help=money_text.HELP_REASON)],
    amount: PartAmountOpt = None,
    voucher: Annotated[str, typer.Option("--voucher", help=money_text.HELP_VOUCHER, show_default=False)] = "",
    on: DateOpt = None,
    db: DbOpt = None,
    operator: OperatorOpt = None,
) -> None:
    from ..services.money.records import return_money

    desk = open_desk(db, operator)
    oid = return_money(
        desk, payment_id, reason=reason, amount_fen=_fen(amount), returned_on=_day(on), voucher_no=voucher
    )
    echo(money_text.RETURNED.format(id=oid))


@app.command("late", help=money_text.HELP_LATE)
def late(
    payment_id: PaymentArg,
    reason: Annotated[str, typer.Option("--reason", help=money_text.HELP_LATE_REASON)],
    db: DbOpt = None,
    operator: OperatorOpt = None,
) -> None:
    from ..services.money.late import request_late_payout

    desk = open_desk(db, operator)
    echo(money_text.LATE_REQUESTED.format(id=request_late_payout(desk, payment_id, reason=reason)))


@app.command("list", help=money_text.HELP_LIST)
def list_(
    view: Annotated[str, typer.Argument(help=money_text.HELP_VIEW)] = "unpaid",
    limit: Annotated[int, typer.Option("--limit", help=money_text.HELP_LIMIT)] = 50,
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    from ..domain.money import format_money
    from ..errors import InvalidValue
    from ..services.money.query import VIEWS, money_page

    if view not in VIEWS:
        raise InvalidValue(money_text.BAD_VIEW.format(view=view), field="view", value=view)
    desk = open_desk(db, operator="report")
    page = money_page(desk, view, limit=limit)
    if as_json:
        echo(
            json.dumps(
                {"total": page.total, "rows": [r.to_json() for r in page.items]}, ensure_ascii=False, indent=2
            )
        )
        return
    echo(money_text.LIST_HEAD.format(view=money_text.VIEW_NAMES[view], total=page.total))
    for r in page.items:
        if view == "unclaimed":
            line = money_text.LIST_UNCLAIMED.format(
                id=r.payment_id, arrived=r.arrived_on, amount=format_money(r.amount_fen), payer=r.payer,
                ref=r.ref_no or "-", age=r.age_days,
            )  # fmt: skip
        elif view == "unpaid":
            line = money_text.LIST_UNPAID.format(
                id=r.payment_id, case_no=r.case_no, arrived=r.arrived_on, balance=format_money(r.balance_fen),
                age=r.age_days, claimed=r.claimed_days, due=r.due_on or "-", late=money_text.LATE_MARK if r.late else "",
            )  # fmt: skip
        else:
            line = money_text.LIST_BALANCE.format(
                case_no=r.case_no, claimed=format_money(r.claimed_fen), paid=format_money(r.paid_fen),
                returned=format_money(r.returned_fen), balance=format_money(r.balance_fen),
            )  # fmt: skip
        echo(line)


@print_app.command("late-payout", help=money_text.PRINT_LATE_HELP)
def print_late_payout(
    approval_id: Annotated[int, typer.Argument(help=money_text.PRINT_APPROVAL_ID_HELP)],
    out: Annotated[
        Path | None, typer.Option("--out", help=money_text.PRINT_OUT_HELP, show_default=False)
    ] = None,
    db: DbOpt = None,
) -> None:
    from ..services.printing.late_payout import write_late_payout

    desk = open_desk(db, operator="print")
    try:
        path = write_late_payout(desk, approval_id, out)
    finally:
        desk.engine.dispose()
    echo(cli_text.WRITTEN.format(path=path))

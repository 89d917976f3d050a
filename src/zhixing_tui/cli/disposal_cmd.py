"""``zhixing disposal …``: 财产处置 of a case's controlled property, step by step — thin wrappers
over services.disposal; and ``zhixing print valuation`` (《评估工作交接表》)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..i18n import cli as cli_text
from ..i18n import disposal as disposal_text
from .common import DbOpt, OperatorOpt, echo, new_app, open_case, open_desk, parse_day
from .print_cmd import app as print_app

app = new_app(disposal_text.HELP_DISPOSAL)
auction_app = new_app(disposal_text.HELP_AUCTION)
vacate_app = new_app(disposal_text.HELP_VACATE)
app.add_typer(auction_app, name="auction")
app.add_typer(vacate_app, name="vacate")

CaseNoArg = Annotated[str, typer.Argument(help=disposal_text.HELP_PRINT_CASE_NO)]
OnOpt = Annotated[str | None, typer.Option("--on", help=disposal_text.HELP_ON, show_default=False)]
NoteOpt = Annotated[str, typer.Option("--note", help=disposal_text.HELP_NOTE, show_default=False)]
ItemOpt = Annotated[
    int | None, typer.Option("--item", help=disposal_text.HELP_PRINT_ITEM, show_default=False)
]


def _money(value: str, field: str) -> int:
    from ..domain.money import parse_money

    return parse_money(value, field=field)


def _run(step: str, case_no: str, db, operator, item, on, note, **kw) -> None:
    from ..services import disposal

    day = parse_day(on)
    desk, number, cid = open_case(db, operator, case_no)
    done = getattr(disposal, step)(desk, cid, item_id=item, on=day, note=note, **kw)
    echo(disposal_text.DONE.format(case_no=number, summary=done.summary))
    if done.move:
        echo(disposal_text.DONE_MOVE.format(label=done.move))


def _plain(group: typer.Typer, name: str, help_text: str, step: str):
    """A command for a step that takes nothing but the case, ``--item``, ``--on`` and ``--note``."""

    @group.command(name, help=help_text)
    def command(
        case_no: CaseNoArg, item: ItemOpt = None, on: OnOpt = None, note: NoteOpt = "",
        db: DbOpt = None, operator: OperatorOpt = None,
    ) -> None:  # fmt: skip
        _run(step, case_no, db, operator, item, on, note)

    return command


@app.command("start", help=disposal_text.HELP_START)
def start(
    case_no: CaseNoArg, item: ItemOpt = None, on: OnOpt = None, note: NoteOpt = "",
    db: DbOpt = None, operator: OperatorOpt = None,
) -> None:  # fmt: skip
    from ..services.disposal import start_disposal

    day = parse_day(on)
    desk, number, cid = open_case(db, operator, case_no)
    started = start_disposal(desk, cid, item_id=item, on=day, note=note)
    echo(disposal_text.DONE_START.format(case_no=number, label=started.label, on=day or desk.today()))


@app.command("value", help=disposal_text.HELP_VALUE)
def value(
    case_no: CaseNoArg,
    method: Annotated[str, typer.Option("--method", help=disposal_text.HELP_METHOD, show_default=False)],
    ownership: Annotated[str, typer.Option("--ownership", help=disposal_text.HELP_OWNERSHIP, show_default=False)] = "",
    occupancy: Annotated[str, typer.Option("--occupancy", help=disposal_text.HELP_OCCUPANCY, show_default=False)] = "",
    item: ItemOpt = None, on: OnOpt = None, note: NoteOpt = "",
    db: DbOpt = None, operator: OperatorOpt = None,
) -> None:  # fmt: skip
    _run("start_valuation", case_no, db, operator, item, on, note,
         method=method, ownership=ownership, occupancy=occupancy)  # fmt: skip


@app.command("price", help=disposal_text.HELP_PRICE)
def price(
    case_no: CaseNoArg,
    amount: Annotated[str, typer.Option("--amount", help=disposal_text.HELP_AMOUNT, show_default=False)],
    item: ItemOpt = None, on: OnOpt = None, note: NoteOpt = "",
    db: DbOpt = None, operator: OperatorOpt = None,
) -> None:  # fmt: skip
    fen = _money(amount, "--amount")
    _run("set_reference_price", case_no, db, operator, item, on, note, price_fen=fen)


handover = _plain(app, "handover", disposal_text.HELP_HANDOVER, "hand_over")
auction_ruling = _plain(auction_app, "ruling", disposal_text.HELP_AUCTION_RULING, "rule_auction")
auction_notice = _plain(auction_app, "notice", disposal_text.HELP_AUCTION_NOTICE, "publish_notice")
auction_serve = _plain(auction_app, "serve", disposal_text.HELP_AUCTION_SERVE, "serve_notice")


@app.command("fail", help=disposal_text.HELP_FAIL)
def fail(
    case_no: CaseNoArg,
    end: Annotated[bool, typer.Option("--end", help=disposal_text.HELP_FAIL_END)] = False,
    item: ItemOpt = None, on: OnOpt = None, note: NoteOpt = "",
    db: DbOpt = None, operator: OperatorOpt = None,
) -> None:  # fmt: skip
    _run("record_failure", case_no, db, operator, item, on, note, end=end)


end = _plain(app, "end", disposal_text.HELP_END, "end_procedure")


@app.command("deal", help=disposal_text.HELP_DEAL)
def deal(
    case_no: CaseNoArg,
    price: Annotated[str, typer.Option("--price", help=disposal_text.HELP_DEAL_PRICE, show_default=False)],
    item: ItemOpt = None, on: OnOpt = None, note: NoteOpt = "",
    db: DbOpt = None, operator: OperatorOpt = None,
) -> None:  # fmt: skip
    fen = _money(price, "--price")
    _run("deal", case_no, db, operator, item, on, note, price_fen=fen)


pay = _plain(app, "pay", disposal_text.HELP_PAY, "full_payment")
ruling = _plain(app, "ruling", disposal_text.HELP_RULING, "rule_deal")
transfer = _plain(app, "transfer", disposal_text.HELP_TRANSFER, "transfer")
vacate_need = _plain(vacate_app, "need", disposal_text.HELP_VACATE_NEED, "vacate_needed")


@vacate_app.command("notice", help=disposal_text.HELP_VACATE_NOTICE)
def vacate_notice(
    case_no: CaseNoArg,
    until: Annotated[str | None, typer.Option("--until", help=disposal_text.HELP_UNTIL, show_default=False)] = None,
    item: ItemOpt = None, on: OnOpt = None, note: NoteOpt = "",
    db: DbOpt = None, operator: OperatorOpt = None,
) -> None:  # fmt: skip
    _run("vacate_notice", case_no, db, operator, item, on, note, until=parse_day(until, "--until"))


vacate_expire = _plain(vacate_app, "expire", disposal_text.HELP_VACATE_EXPIRE, "vacate_expired")
vacate_done = _plain(vacate_app, "done", disposal_text.HELP_VACATE_DONE, "vacated")


@app.command("list", help=disposal_text.HELP_LIST)
def list_(case_no: CaseNoArg, db: DbOpt = None, operator: OperatorOpt = None) -> None:
    from ..domain.money import format_money
    from ..services.disposal import list_disposals

    desk, number, cid = open_case(db, operator or "print", case_no, read_only=True)
    rows = list_disposals(desk, cid)
    if not rows:
        echo(disposal_text.LIST_EMPTY.format(case_no=number))
        return
    echo(disposal_text.LIST_HEAD.format(case_no=number, count=len(rows)))
    for v in rows:
        echo(disposal_text.LIST_ITEM.format(item_id=v.item_id, label=v.label, status=v.status))
        for name, value in disposal_text.detail_pairs(v, format_money):
            echo(disposal_text.LIST_STEP.format(name=name, value=value))
        if v.next_steps:
            echo(disposal_text.LIST_NEXT.format(steps=disposal_text.next_text(v.next_steps)))


@print_app.command("valuation", help=disposal_text.HELP_PRINT_VALUATION)
def print_valuation(
    case_no: CaseNoArg,
    item: ItemOpt = None,
    out: Annotated[
        Path | None, typer.Option("--out", help=disposal_text.HELP_PRINT_OUT, show_default=False)
    ] = None,
    db: DbOpt = None,
) -> None:
    from ..services.printing.valuation_form import write_valuation_form

    desk = open_desk(db, operator="print")
    try:
        path = write_valuation_form(desk, case_no, item_id=item, path=out)
    finally:
        desk.engine.dispose()
    echo(cli_text.WRITTEN.format(path=path))

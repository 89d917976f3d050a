"""``zhixing seal add|renew|release|list`` and ``zhixing seals expiring``: thin wrappers over
services.seals (the 查封/冻结/扣押 register)."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from ..i18n import seals as seals_text
from .common import DbOpt, OperatorOpt, echo, new_app, open_case, open_desk, parse_day

seal_app = new_app(seals_text.HELP_SEAL)
seals_app = new_app(seals_text.HELP_SEALS)

CaseNoArg = Annotated[str, typer.Argument(help=seals_text.HELP_CASE_NO)]
OnOpt = Annotated[str | None, typer.Option("--on", help=seals_text.HELP_ON, show_default=False)]
IdOpt = Annotated[int, typer.Option("--id", help=seals_text.HELP_ID, show_default=False)]
DocOpt = Annotated[str, typer.Option("--doc-no", help=seals_text.HELP_DOC_NO, show_default=False)]


def _kind(kind: str) -> str:
    from ..domain.seals import SEAL_KIND_NAMES

    return SEAL_KIND_NAMES.get(kind, kind)


def _done(template: str, number: str, row) -> str:
    """A term registered (登记 or 续行): the case, the record, its term and when to renew it."""
    return template.format(
        action=row.action,
        case_no=number,
        id=row.id,
        kind=row.kind_name,
        start=row.controlled_on,
        term=row.term,
        end=row.expires_on,
        remind=row.remind_on,
    )


@seal_app.command("add", help=seals_text.HELP_ADD)
def seal_add(
    case_no: CaseNoArg,
    kind: Annotated[str, typer.Option("--kind", help=seals_text.HELP_KIND, show_default=False)],
    on: OnOpt = None,
    action: Annotated[str, typer.Option("--action", help=seals_text.HELP_ACTION, show_default=False)] = "",
    bank: Annotated[str, typer.Option("--bank", help=seals_text.HELP_BANK, show_default=False)] = "",
    account: Annotated[str, typer.Option("--account", help=seals_text.HELP_ACCOUNT, show_default=False)] = "",
    plate: Annotated[str, typer.Option("--plate", help=seals_text.HELP_PLATE, show_default=False)] = "",
    cert: Annotated[str, typer.Option("--cert", help=seals_text.HELP_CERT, show_default=False)] = "",
    doc_no: DocOpt = "",
    desc: Annotated[str, typer.Option("--desc", help=seals_text.HELP_DESC, show_default=False)] = "",
    amount: Annotated[
        str | None, typer.Option("--amount", help=seals_text.HELP_AMOUNT, show_default=False)
    ] = None,
    db: DbOpt = None,
    operator: OperatorOpt = None,
) -> None:
    from ..domain.money import parse_money
    from ..services.seals import add_seal

    day = parse_day(on)
    fen = parse_money(amount, field="--amount") if amount else None
    desk, number, cid = open_case(db, operator, case_no)
    row = add_seal(
        desk,
        cid,
        kind=kind,
        on=day,
        action=action,
        bank=bank,
        account_no=account,
        plate_no=plate,
        certificate_no=cert,
        doc_no=doc_no,
        description=desc,
        amount_fen=fen,
    )
    echo(_done(seals_text.DONE_ADD, number, row))


@seal_app.command("renew", help=seals_text.HELP_RENEW)
def seal_renew(
    case_no: CaseNoArg,
    control: IdOpt,
    on: OnOpt = None,
    doc_no: DocOpt = "",
    db: DbOpt = None,
    operator: OperatorOpt = None,
) -> None:
    from ..services.seals import renew_seal

    day = parse_day(on)
    desk, number, cid = open_case(db, operator, case_no)
    row = renew_seal(desk, cid, control, on=day, doc_no=doc_no)
    echo(_done(seals_text.DONE_RENEW, number, row))


@seal_app.command("release", help=seals_text.HELP_RELEASE)
def seal_release(
    case_no: CaseNoArg,
    control: IdOpt,
    on: OnOpt = None,
    reason: Annotated[str, typer.Option("--reason", help=seals_text.HELP_REASON, show_default=False)] = "",
    doc_no: DocOpt = "",
    db: DbOpt = None,
    operator: OperatorOpt = None,
) -> None:
    from ..services.seals import release_seal

    day = parse_day(on)
    desk, number, cid = open_case(db, operator, case_no)
    row = release_seal(desk, cid, control, on=day, reason=reason, doc_no=doc_no)
    echo(seals_text.DONE_RELEASE.format(case_no=number, id=row.id, on=row.released_on))


@seal_app.command("list", help=seals_text.HELP_LIST)
def seal_list(case_no: CaseNoArg, db: DbOpt = None, operator: OperatorOpt = None) -> None:
    from ..services.seals import case_seals

    desk, _number, cid = open_case(db, operator, case_no, read_only=True)
    rows = case_seals(desk, cid)
    if not rows:
        echo(seals_text.NONE)
        return
    echo(seals_text.LIST_HEADER)
    for r in rows:
        echo(
            seals_text.LIST_LINE.format(
                id=r.id,
                kind=r.kind_name,
                action=r.action,
                object=r.object or "—",
                start=r.controlled_on,
                term=r.term,
                end=r.expires_on,
                remind=r.remind_on or "—",
                state=r.state_name,
            )
        )


@seals_app.command("expiring", help=seals_text.HELP_EXPIRING)
def seals_expiring(
    days: Annotated[int, typer.Option("--days", help=seals_text.HELP_DAYS)] = 30,
    as_json: Annotated[bool, typer.Option("--json", help=seals_text.HELP_JSON)] = False,
    db: DbOpt = None,
    operator: OperatorOpt = None,
) -> None:
    from datetime import timedelta

    from ..services.seals import expiring

    desk = open_desk(db, operator, read_only=True)
    today = desk.today()
    rows: list = []
    total = 0
    while True:  # page by page: the list is as long as the court's terms ending soon
        page = expiring(desk, days=days, limit=500, offset=len(rows))
        rows.extend(page.items)
        total = page.total
        if not page.has_next:
            break
    if as_json:
        out = [
            {
                "id": r.id,
                "case_no": r.case_no,
                "asset_kind": r.asset_kind,
                "action": r.action,
                "object": r.object,
                "controlled_on": r.controlled_on.isoformat(),
                "term": r.term,
                "expires_on": r.expires_on.isoformat(),
                "remind_on": r.remind_on.isoformat() if r.remind_on else None,
                "days_left": r.days_left(today),
                "handler": r.handler,
            }
            for r in rows
        ]
        echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    echo(
        seals_text.EXPIRING_HEADER.format(
            until=today + timedelta(days=days), as_of=today, days=days, total=total
        )
    )
    for r in rows:
        left = r.days_left(today)
        echo(
            seals_text.EXPIRING_LINE.format(
                end=r.expires_on,
                left=seals_text.DAYS_LEFT.format(n=left)
                if left >= 0
                else seals_text.DAYS_LAPSED.format(n=-left),
                case_no=r.case_no,
                kind=r.kind_name,
                action=r.action,
                object=r.object or "—",
                handler=r.handler or "—",
                id=r.id,
            )
        )

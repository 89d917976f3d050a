"""``zhixing file register|scan|borrow|ended|return|list|borrowed``: the 卷宗 register (案卷统一流转登记簿)
on the ``file`` group of :mod:`.casework_cmd` (beside ``file image``). Thin: rules and refusals are the
services' (:mod:`services.files`)."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from ..i18n import files as files_text
from .casework_cmd import CaseNoArg, OnOpt, file_app
from .common import DbOpt, JsonOpt, OperatorOpt, echo, open_case, open_desk, parse_day

WhatOpt = Annotated[str, typer.Option("--what", help=files_text.HELP_WHAT, show_default=False)]


def _kind(text: str) -> str:
    from ..domain import files as df
    from ..errors import InvalidValue

    allowed = (df.FIELDWORK, df.SUBMIT, df.REFUSE, df.HANDOVER)
    text = text.strip()
    for code in allowed:
        if text in (code, df.kind_name(code)):
            return code
    choices = "、".join(df.kind_name(c) for c in allowed)
    raise InvalidValue(files_text.UNKNOWN_KIND.format(kind=text, choices=choices), field="--kind", value=text)


def _entry(desk, case_id: int, entry_id: int):
    """The register's line just written (a case's register is short: its first page holds it)."""
    from ..services.files.query import register_page

    return next(r for r in register_page(desk, case_id, limit=500).items if r.id == entry_id)


@file_app.command("register", help=files_text.HELP_REGISTER)
def register(
    case_no: CaseNoArg,
    kind: Annotated[str, typer.Option("--kind", help=files_text.HELP_KIND)] = files_text.DEFAULT_KIND,
    what: WhatOpt = "",
    from_party: Annotated[str, typer.Option("--from", help=files_text.HELP_FROM, show_default=False)] = "",
    to_party: Annotated[str, typer.Option("--to", help=files_text.HELP_TO, show_default=False)] = "",
    opinion: Annotated[str, typer.Option("--opinion", help=files_text.HELP_OPINION, show_default=False)] = "",
    on: OnOpt = None,
    db: DbOpt = None,
    operator: OperatorOpt = None,
) -> None:
    from ..domain import files as df
    from ..services import files

    code = _kind(kind)
    day = parse_day(on)
    desk, number, cid = open_case(db, operator, case_no)
    if code == df.FIELDWORK:
        rid = files.record_fieldwork_return(desk, cid, on=day, what=what, place=from_party)
    elif code == df.SUBMIT:
        rid = files.receive_materials(desk, cid, what=what, from_party=from_party, on=day)
    elif code == df.REFUSE:
        rid = files.refuse_materials(desk, cid, what=what, opinion=opinion, from_party=from_party, on=day)
    else:
        rid = files.record_handover(desk, cid, from_party=from_party, to_party=to_party, what=what, on=day)
    row = _entry(desk, cid, rid)
    moved = files_text.MOVED.format(from_party=row.from_party, to_party=row.to_party, what=row.what).rstrip()
    echo(
        files_text.DONE_REGISTER.format(
            kind=row.kind_name, case_no=number, moved=moved, on=row.moved_on.isoformat(), id=rid
        )
    )


@file_app.command("scan", help=files_text.HELP_SCAN)
def scan(
    case_no: CaseNoArg, what: WhatOpt = "", on: OnOpt = None, db: DbOpt = None, operator: OperatorOpt = None
) -> None:
    from ..services.files import record_scan

    day = parse_day(on)
    desk, number, cid = open_case(db, operator, case_no)
    rid = record_scan(desk, cid, on=day, what=what)
    echo(files_text.DONE_SCAN.format(case_no=number, on=(day or desk.today()).isoformat(), id=rid))


@file_app.command("borrow", help=files_text.HELP_BORROW)
def borrow(
    case_no: CaseNoArg,
    borrower: Annotated[str, typer.Option("--borrower", help=files_text.HELP_BORROWER, show_default=False)],
    reason: Annotated[str, typer.Option("--reason", help=files_text.HELP_REASON, show_default=False)],
    what: WhatOpt = "",
    on: OnOpt = None,
    db: DbOpt = None,
    operator: OperatorOpt = None,
) -> None:
    from ..services.files import lend_file

    day = parse_day(on)
    desk, number, cid = open_case(db, operator, case_no)
    rid = lend_file(desk, cid, borrower=borrower, reason=reason, what=what, on=day)
    row = _entry(desk, cid, rid)
    echo(
        files_text.DONE_BORROW.format(
            case_no=number, what=row.what, borrower=row.to_party, on=row.moved_on.isoformat(), id=rid
        )
    )


@file_app.command("ended", help=files_text.HELP_ENDED)
def ended(case_no: CaseNoArg, on: OnOpt = None, db: DbOpt = None, operator: OperatorOpt = None) -> None:
    from ..services.files import end_borrow_reason

    day = parse_day(on)
    desk, number, cid = open_case(db, operator, case_no)
    due = end_borrow_reason(desk, cid, on=day)
    echo(
        files_text.DONE_ENDED.format(
            case_no=number, on=(day or desk.today()).isoformat(), due=due.isoformat()
        )
    )


@file_app.command("return", help=files_text.HELP_RETURN)
def return_(
    case_no: CaseNoArg, what: WhatOpt = "", on: OnOpt = None, db: DbOpt = None, operator: OperatorOpt = None
) -> None:
    from ..services.files import return_file

    day = parse_day(on)
    desk, number, cid = open_case(db, operator, case_no)
    rid = return_file(desk, cid, on=day, what=what)
    echo(files_text.DONE_RETURN.format(case_no=number, on=(day or desk.today()).isoformat(), id=rid))


def _table(rows: list[list[str]]) -> list[str]:
    from rich.cells import cell_len

    def cell(c: str) -> str:
        return c or files_text.NONE

    widths = [max(cell_len(cell(r[i])) for r in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(cell(c) + " " * (w - cell_len(cell(c))) for c, w in zip(r, widths, strict=True)).rstrip()
        for r in rows
    ]


@file_app.command("list", help=files_text.HELP_LIST)
def list_(case_no: CaseNoArg, db: DbOpt = None, as_json: JsonOpt = False) -> None:
    from ..services.files.query import register_page

    desk, number, cid = open_case(db, "list", case_no)
    rows = list(register_page(desk, cid, limit=500).items)
    if as_json:
        data = {"case_no": number, "movements": [r.to_json() for r in rows]}
        echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if not rows:
        echo(files_text.NO_MOVEMENTS.format(case_no=number))
        return
    head = [
        files_text.COL_ID, files_text.COL_ON, files_text.COL_KIND, files_text.COL_FROM, files_text.COL_TO,
        files_text.COL_WHAT, files_text.COL_REASON, files_text.COL_BY,
    ]  # fmt: skip
    body = [
        [str(r.id), r.moved_on.isoformat(), r.kind_name, r.from_party, r.to_party, r.what, r.reason, r.by]
        for r in rows
    ]
    for line in _table([head, *body]):
        echo(line)


def borrow_state(r) -> str:
    """借用中 while the reason lasts, 待归还 once it ended, 超期N天 past the return day."""
    if r.overdue:
        return files_text.STATE_LATE.format(days=r.overdue_days)
    return files_text.STATE_DUE if r.return_due else files_text.STATE_OUT


@file_app.command("borrowed", help=files_text.HELP_BORROWED)
def borrowed(
    borrower: Annotated[
        str, typer.Option("--borrower", help=files_text.HELP_BY_BORROWER, show_default=False)
    ] = "",
    as_of: Annotated[
        str | None, typer.Option("--as-of", help=files_text.HELP_AS_OF, show_default=False)
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help=files_text.HELP_LIMIT)] = 100,
    offset: Annotated[int, typer.Option("--offset", help=files_text.HELP_OFFSET)] = 0,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    from ..services.files.query import borrowed_page

    day = parse_day(as_of, "--as-of")
    desk = open_desk(db, "list")
    today = day or desk.today()
    page = borrowed_page(desk, today, limit=limit, offset=offset, borrower=borrower or None)
    if as_json:
        data = {"as_of": today.isoformat(), "total": page.total, "rows": [r.to_json() for r in page.items]}
        echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if not page.total:
        echo(files_text.NO_BORROWED.format(as_of=today.isoformat()))
        return
    echo(files_text.BORROWED_TOTAL.format(total=page.total, as_of=today.isoformat()))
    head = [
        files_text.COL_CASE_NO, files_text.COL_BORROWER, files_text.COL_FILE, files_text.COL_BORROWED_ON,
        files_text.COL_DAYS, files_text.COL_REASON, files_text.COL_ENDED, files_text.COL_DUE, files_text.COL_STATE,
    ]  # fmt: skip
    body = [
        [
            r.case_no,
            r.borrower,
            r.what,
            r.borrowed_on.isoformat(),
            str(r.days_out),
            r.reason,
            r.reason_ended_on.isoformat() if r.reason_ended_on else "",
            r.return_due.isoformat() if r.return_due else "",
            borrow_state(r),
        ]
        for r in page.items
    ]
    for line in _table([head, *body]):
        echo(line)

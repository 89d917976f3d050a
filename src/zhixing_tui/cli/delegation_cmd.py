"""``zhixing delegation need|reply|finish|arrive|receive|done|list``: the 委托 register (the group
and ``send`` are in casework_cmd); thin wrappers over services.delegation."""

from __future__ import annotations

from typing import Annotated

import typer

from ..i18n import casework as casework_text
from ..i18n import delegation as delegation_text
from .casework_cmd import CaseNoArg, NoteOpt, OnOpt, delegation_app
from .common import DbOpt, OperatorOpt, echo, open_case, open_desk, parse_day

IdArg = Annotated[int, typer.Argument(help=delegation_text.HELP_ID)]
TextOpt = Annotated[str, typer.Option("--text", help=delegation_text.HELP_TEXT, show_default=False)]


def _act(act: str, done: str, delegation_id: int, on: str | None, db, operator, **kw) -> None:
    """One act on a 委托 by its id (``act``, a function of services.delegation); ``done`` says so."""
    from ..services import delegation

    day = parse_day(on)
    getattr(delegation, act)(open_desk(db, operator), delegation_id, on=day, **kw)
    echo(done.format(id=delegation_id))


@delegation_app.command("need", help=delegation_text.HELP_NEED)
def delegation_need(
    case_no: CaseNoArg,
    item: Annotated[int, typer.Option("--item", help=casework_text.HELP_ITEM, show_default=False)],
    court: Annotated[str, typer.Option("--court", help=delegation_text.HELP_PLACE, show_default=False)] = "",
    on: OnOpt = None,
    note: NoteOpt = "",
    db: DbOpt = None,
    operator: OperatorOpt = None,
) -> None:
    from ..services.delegation import flag_delegation

    day = parse_day(on)
    desk, number, cid = open_case(db, operator, case_no)
    did = flag_delegation(desk, cid, item, on=day, court=court, note=note)
    echo(delegation_text.DONE_NEED.format(case_no=number, item=item, id=did, on=day or desk.today()))


@delegation_app.command("reply", help=delegation_text.HELP_REPLY)
def delegation_reply(
    delegation_id: IdArg, reply: TextOpt, on: OnOpt = None, db: DbOpt = None, operator: OperatorOpt = None
) -> None:
    _act("record_reply", delegation_text.DONE_REPLY, delegation_id, on, db, operator, reply=reply)


@delegation_app.command("finish", help=delegation_text.HELP_FINISH)
def delegation_finish(
    delegation_id: IdArg, on: OnOpt = None, note: NoteOpt = "", db: DbOpt = None, operator: OperatorOpt = None
) -> None:
    _act("finish_outgoing", delegation_text.DONE_FINISH, delegation_id, on, db, operator, note=note)


@delegation_app.command("arrive", help=delegation_text.HELP_ARRIVE)
def delegation_arrive(
    court: Annotated[str, typer.Option("--court", help=delegation_text.HELP_FROM_COURT, show_default=False)],
    matter: Annotated[str, typer.Option("--matter", help=delegation_text.HELP_MATTER, show_default=False)],
    their_no: Annotated[
        str, typer.Option("--their-no", help=delegation_text.HELP_THEIR_NO, show_default=False)
    ] = "",
    case_no: Annotated[
        str | None, typer.Option("--case", help=delegation_text.HELP_CASE, show_default=False)
    ] = None,
    on: OnOpt = None,
    note: NoteOpt = "",
    db: DbOpt = None,
    operator: OperatorOpt = None,
) -> None:
    from ..services.delegation import register_incoming
    from ..services.printing.node_table import find_case_id

    day = parse_day(on)
    desk = open_desk(db, operator)
    cid = find_case_id(desk, case_no) if case_no else None
    did = register_incoming(
        desk, court=court, matter=matter, their_case_no=their_no, arrived_on=day, case_id=cid, note=note
    )
    echo(delegation_text.DONE_ARRIVE.format(id=did, court=court.strip(), matter=matter.strip()))


@delegation_app.command("receive", help=delegation_text.HELP_RECEIVE)
def delegation_receive(
    delegation_id: IdArg, on: OnOpt = None, db: DbOpt = None, operator: OperatorOpt = None
) -> None:
    _act("receive_incoming", delegation_text.DONE_RECEIVE, delegation_id, on, db, operator)


@delegation_app.command("done", help=delegation_text.HELP_DONE)
def delegation_done(
    delegation_id: IdArg, reply: TextOpt, on: OnOpt = None, db: DbOpt = None, operator: OperatorOpt = None
) -> None:
    _act("finish_incoming", delegation_text.DONE_DONE, delegation_id, on, db, operator, reply=reply)


@delegation_app.command("list", help=delegation_text.HELP_LIST)
def delegation_list(
    direction: Annotated[
        str | None, typer.Option("--direction", help=delegation_text.HELP_DIRECTION, show_default=False)
    ] = None,
    db: DbOpt = None,
    operator: OperatorOpt = None,
) -> None:
    from ..services.delegation import open_delegations

    desk = open_desk(db, operator, read_only=True)
    rows: list = []
    total = 0
    while True:
        page = open_delegations(desk, direction=direction, limit=500, offset=len(rows))
        rows.extend(page.items)
        total = page.total
        if not page.has_next:
            break
    if not rows:
        echo(delegation_text.NONE)
        return
    echo(delegation_text.LIST_HEADER.format(total=total))
    for r in rows:
        echo(
            delegation_text.LIST_LINE.format(
                id=r.id,
                direction=delegation_text.DIRECTIONS[r.direction],
                state=r.state_name,
                case_no=r.case_no or delegation_text.NO_CASE,
                court=r.court or delegation_text.NO_DUE,
                matter=r.matter or delegation_text.NO_DUE,
                age=r.age_days,
                due=r.due_on or delegation_text.NO_DUE,
            )
        )

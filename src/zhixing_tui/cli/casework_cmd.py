"""``zhixing round|file|delegation``: the team's 首轮传统查控 and its 无财产 finding, the 影像卷宗
of a closed case, a 事项委托 sent — thin wrappers over services.fieldwork, services.files and
services.delegation (财产处置 is cli/disposal_cmd.py)."""

from __future__ import annotations

from typing import Annotated

import typer

from ..i18n import casework as casework_text
from .common import DbOpt, OperatorOpt, echo, new_app, open_case, parse_day

round_app = new_app(casework_text.HELP_ROUND)
file_app = new_app(casework_text.HELP_FILE)
delegation_app = new_app(casework_text.HELP_DELEGATION)

CaseNoArg = Annotated[str, typer.Argument(help=casework_text.HELP_CASE_NO)]
OnOpt = Annotated[str | None, typer.Option("--on", help=casework_text.HELP_ON, show_default=False)]
NoteOpt = Annotated[str, typer.Option("--note", help=casework_text.HELP_NOTE, show_default=False)]
ItemOpt = Annotated[int | None, typer.Option("--item", help=casework_text.HELP_ITEM, show_default=False)]


@round_app.command("start", help=casework_text.HELP_ROUND_START)
def round_start(
    case_no: CaseNoArg,
    step: Annotated[list[str], typer.Option("--step", help=casework_text.HELP_STEP, show_default=False)],
    on: OnOpt = None,
    note: NoteOpt = "",
    db: DbOpt = None,
    operator: OperatorOpt = None,
) -> None:
    from ..services.fieldwork import start_first_round

    day = parse_day(on)
    desk, number, cid = open_case(db, operator, case_no)
    steps = start_first_round(desk, cid, steps=step, on=day, note=note)
    echo(
        casework_text.DONE_ROUND_START.format(
            case_no=number, steps=casework_text.STEP_SEPARATOR.join(steps), on=day or desk.today()
        )
    )


@round_app.command("no-property", help=casework_text.HELP_ROUND_NO_PROPERTY)
def round_no_property(
    case_no: CaseNoArg, on: OnOpt = None, note: NoteOpt = "", db: DbOpt = None, operator: OperatorOpt = None
) -> None:
    from ..services.fieldwork import record_no_property

    day = parse_day(on)
    desk, number, cid = open_case(db, operator, case_no)
    record_no_property(desk, cid, on=day, note=note)
    echo(casework_text.DONE_NO_PROPERTY.format(case_no=number, on=day or desk.today()))


@file_app.command("image", help=casework_text.HELP_FILE_IMAGE)
def file_image(case_no: CaseNoArg, on: OnOpt = None, db: DbOpt = None, operator: OperatorOpt = None) -> None:
    from ..services.files import record_image_file

    day = parse_day(on)
    desk, number, cid = open_case(db, operator, case_no)
    done = record_image_file(desk, cid, on=day)
    echo(casework_text.DONE_IMAGE.format(case_no=number, on=done))


@delegation_app.command("send", help=casework_text.HELP_DELEGATION_SEND)
def delegation_send(
    case_no: CaseNoArg,
    court: Annotated[str, typer.Option("--court", help=casework_text.HELP_COURT, show_default=False)],
    item: ItemOpt = None,
    on: OnOpt = None,
    note: NoteOpt = "",
    db: DbOpt = None,
    operator: OperatorOpt = None,
) -> None:
    from ..services.delegation import send_delegation

    day = parse_day(on)
    desk, number, cid = open_case(db, operator, case_no)
    sent = send_delegation(desk, cid, court=court, item_id=item, on=day, note=note)
    echo(
        casework_text.DONE_DELEGATION.format(
            case_no=number, label=sent.label, court=sent.court, on=day or desk.today()
        )
    )

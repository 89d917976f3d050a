"""``zhixing period``: a case's execution period (执行期限) — ``show``, ``extend`` (申请延长) and ``decide``
(院长/副院长 审批)."""

from __future__ import annotations

from typing import Annotated

import typer

from ..i18n import period as period_text
from .common import DbOpt, OperatorOpt, echo, new_app, open_desk

app = new_app(period_text.HELP_APP)

CaseNoArg = Annotated[str, typer.Argument(metavar=period_text.METAVAR_CASE_NO, help=period_text.HELP_CASE_NO)]


@app.command("show", help=period_text.HELP_SHOW)
def show(case_no: CaseNoArg, db: DbOpt = None, operator: OperatorOpt = None) -> None:
    from ..services.deadlines.extensions import execution_period
    from ..services.printing.node_table import find_case_id

    desk = open_desk(db, operator, read_only=True)
    v = execution_period(desk, find_case_id(desk, case_no))
    echo(period_text.SHOW_HEADER.format(case_no=v.case_no))
    kind = period_text.KIND_NON_LITIGATION if v.non_litigation else period_text.KIND_ORDINARY
    echo(period_text.SHOW_KIND.format(kind=kind))
    if v.due_on is None:
        echo(period_text.SHOW_NONE)
    else:
        echo(period_text.SHOW_PERIOD.format(period=v.period, filed_on=v.filed_on))
        tpl = period_text.SHOW_DONE if v.completed else period_text.SHOW_DUE
        echo(tpl.format(due_on=v.due_on))
    if v.note:
        echo(period_text.SHOW_NOTE.format(note=v.note))
    if v.last_request_on is not None:
        echo(period_text.SHOW_LAST_REQUEST.format(day=v.last_request_on))
    for approval_id, period, by in v.pending:
        echo(period_text.SHOW_PENDING.format(id=approval_id, period=period, by=by))
    if v.pauses:
        echo(period_text.SHOW_PAUSES)
        for p in v.pauses:
            how = period_text.PAUSE_BY_EVENT if p.by_event else period_text.PAUSE_BY_HAND
            end = p.end_on.isoformat() if p.end_on else period_text.PAUSE_OPEN
            echo(period_text.SHOW_PAUSE.format(kind=p.kind, start_on=p.start_on, end_on=end, how=how))
    echo(period_text.SHOW_SOURCE.format(source=v.source))


@app.command("extend", help=period_text.HELP_EXTEND)
def extend(
    case_no: CaseNoArg,
    reason: Annotated[str, typer.Option("--reason", help=period_text.HELP_REASON, show_default=False)],
    period: Annotated[
        str | None, typer.Option("--period", help=period_text.HELP_PERIOD, show_default=False)
    ] = None,
    db: DbOpt = None,
    operator: OperatorOpt = None,
) -> None:
    from ..domain.execution_period import DEFAULT_EXTENSION, check_extension_period
    from ..services.deadlines.extensions import request_extension
    from ..services.printing.node_table import find_case_id

    desk = open_desk(db, operator)
    period = period or DEFAULT_EXTENSION
    approval_id = request_extension(desk, find_case_id(desk, case_no), period=period, reason=reason)
    echo(period_text.REQUESTED.format(period=check_extension_period(period), id=approval_id))


@app.command("decide", help=period_text.HELP_DECIDE)
def decide(
    case_no: CaseNoArg,
    approve: Annotated[bool, typer.Option("--approve/--reject", help=period_text.HELP_APPROVE)],
    note: Annotated[str, typer.Option("--note", help=period_text.HELP_NOTE, show_default=False)] = "",
    db: DbOpt = None,
    operator: OperatorOpt = None,
) -> None:
    from ..errors import NotFound
    from ..services.deadlines.extensions import decide_extension, execution_period
    from ..services.printing.node_table import find_case_id

    desk = open_desk(db, operator)  # deciding approves: the approver's password
    v = execution_period(desk, find_case_id(desk, case_no))
    if not v.pending:
        raise NotFound(period_text.NO_PENDING.format(case_no=v.case_no))
    due = decide_extension(desk, v.pending[0][0], approve=approve, note=note)
    echo(period_text.APPROVED.format(due_on=due) if approve else period_text.REJECTED)

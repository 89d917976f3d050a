"""``zhixing zhongben``: the 终本案件库 — record a 6-monthly re-query of a 终本 case, record and decide
a 恢复执行 application. Thin: the rules and refusals are the services' (services/zhongben)."""

from __future__ import annotations

from typing import Annotated

import typer

from ..i18n import zhongben_library as zhongben_library_text
from .common import DbOpt, OperatorOpt, echo, new_app, open_desk

app = new_app(zhongben_library_text.HELP_APP)

CaseNoArg = Annotated[str, typer.Argument(help=zhongben_library_text.HELP_CASE_NO)]
DateOpt = Annotated[
    str | None, typer.Option("--date", help=zhongben_library_text.HELP_DATE, show_default=False)
]


def _day(desk, text: str | None):
    from ..domain.dates import parse_date

    return parse_date(text, field="--date") if text else desk.today()


def _case(desk, case_no: str) -> tuple[int, str]:
    from ..domain.case_no import normalize_case_no
    from ..services.printing.node_table import find_case_id

    return find_case_id(desk, case_no), normalize_case_no(case_no)


def _found(values: list[str]) -> dict[str, int]:
    from ..domain.money import parse_money
    from ..errors import InvalidValue

    out: dict[str, int] = {}
    for value in values:
        name, sep, amount = value.partition("=")
        if not sep or not name.strip():
            raise InvalidValue(
                zhongben_library_text.FOUND_FORMAT.format(value=value), field="--found", value=value
            )
        out[name.strip()] = parse_money(amount.strip() or "0", field="--found")
    return out


@app.command("requery", help=zhongben_library_text.HELP_REQUERY)
def requery(
    case_no: CaseNoArg,
    found: Annotated[
        list[str] | None, typer.Option("--found", help=zhongben_library_text.HELP_FOUND, show_default=False)
    ] = None,
    on: DateOpt = None,
    db: DbOpt = None,
    operator: OperatorOpt = None,
) -> None:
    from ..services.zhongben.requery import record_requery

    desk = open_desk(db, operator)
    case_id, shown = _case(desk, case_no)
    day = _day(desk, on)
    result = record_requery(desk, case_id, on=day, found=_found(found or []))
    outcome = (
        zhongben_library_text.REQUERY_FOUND.format(items="、".join(result.found))
        if result.found
        else zhongben_library_text.REQUERY_NONE
    )
    echo(
        zhongben_library_text.REQUERY_DONE.format(
            case_no=shown, on=day.isoformat(), answered=result.answered, outcome=outcome
        )
    )
    if result.completed:
        echo(zhongben_library_text.REQUERY_COMPLETED.format(names="、".join(result.completed)))
    else:
        echo(zhongben_library_text.REQUERY_NO_NODE)
    if result.created:
        echo(zhongben_library_text.REQUERY_CREATED.format(names="、".join(result.created)))


@app.command("resume-request", help=zhongben_library_text.HELP_REQUEST)
def resume_request(
    case_no: CaseNoArg,
    reason: Annotated[
        str, typer.Option("--reason", help=zhongben_library_text.HELP_REASON, show_default=False)
    ],
    on: DateOpt = None,
    db: DbOpt = None,
    operator: OperatorOpt = None,
) -> None:
    from ..services.zhongben.resumption import request_resumption

    desk = open_desk(db, operator)
    case_id, shown = _case(desk, case_no)
    aid = request_resumption(desk, case_id, received_on=_day(desk, on), reason=reason)
    step = desk.profile.resumption.steps[0].name
    echo(zhongben_library_text.REQUESTED.format(case_no=shown, id=aid, step=step))


@app.command("resume-decide", help=zhongben_library_text.HELP_DECIDE)
def resume_decide(
    case_no: CaseNoArg,
    approve: Annotated[bool, typer.Option("--approve/--reject", help=zhongben_library_text.HELP_APPROVE)],
    note: Annotated[
        str, typer.Option("--note", help=zhongben_library_text.HELP_NOTE, show_default=False)
    ] = "",
    on: DateOpt = None,
    db: DbOpt = None,
    operator: OperatorOpt = None,
) -> None:
    from ..services.zhongben.resumption import decide_resumption

    desk = open_desk(db, operator)
    case_id, shown = _case(desk, case_no)
    d = decide_resumption(desk, case_id, approve=approve, note=note, decided_on=_day(desk, on))
    if not d.final:
        echo(zhongben_library_text.DECIDED_STEP.format(case_no=shown, step=d.step, next=d.next_step))
    elif d.approved:
        echo(zhongben_library_text.DECIDED_YES.format(case_no=shown, new_case_no=d.new_case_no))
    else:
        echo(zhongben_library_text.DECIDED_NO.format(case_no=shown))

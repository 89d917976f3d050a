"""``zhixing zhongben check|record|material|override``: the 终本 conditions of a case before closing
(``check`` exits 1 while any is missing), the handler's statements and the court's materials they
read, and the 局长's decision on a missing item where the court's profile allows one. The commands join
the ``zhongben`` noun of :mod:`.zhongben_cmd` (the 终本案件库) when this module is imported."""

from __future__ import annotations

from typing import Annotated

import typer

from ..i18n import zhongben as zhongben_text
from .common import DbOpt, OperatorOpt, echo, open_desk
from .zhongben_cmd import app

CaseNoArg = Annotated[str, typer.Argument(help=zhongben_text.HELP_CASE_NO)]


def _line(c) -> str:
    fmt = (
        zhongben_text.LINE_MET
        if c.met
        else zhongben_text.LINE_OVERRIDDEN
        if c.overridden
        else zhongben_text.LINE_MISSING
    )
    return fmt.format(name=c.name, evidence=c.evidence, citation=c.citation)


@app.command("check", help=zhongben_text.HELP_CHECK)
def zhongben_check(
    case_no: CaseNoArg,
    on: Annotated[str | None, typer.Option("--on", help=zhongben_text.HELP_ON, show_default=False)] = None,
    db: DbOpt = None,
    operator: OperatorOpt = None,
) -> None:
    from ..domain.case_no import normalize_case_no
    from ..domain.dates import parse_date
    from ..services.printing.node_table import find_case_id
    from ..services.zhongben.conditions import zhongben_check as check

    desk = open_desk(db, operator, read_only=True)
    day = parse_date(on, field="--on") if on else desk.today()
    conditions = check(desk, find_case_id(desk, case_no), day)
    echo(zhongben_text.HEADER.format(case_no=normalize_case_no(case_no), on=day))
    for scope, title in (
        ("national", zhongben_text.SECTION_NATIONAL),
        ("court", zhongben_text.SECTION_COURT),
    ):
        rows = [c for c in conditions if c.scope == scope]
        if rows:
            echo(title)
            for c in rows:
                echo(_line(c))
    blocking = [c for c in conditions if c.blocking]
    if blocking:
        echo(zhongben_text.SOME_MISSING.format(n=len(blocking)))
        raise typer.Exit(1)
    echo(zhongben_text.ALL_MET)


@app.command("record", help=zhongben_text.HELP_RECORD)
def zhongben_record(
    case_no: CaseNoArg,
    dishonest_exempt: Annotated[
        str | None,
        typer.Option("--dishonest-exempt", help=zhongben_text.HELP_DISHONEST_EXEMPT, show_default=False),
    ] = None,
    whereabouts_unknown: Annotated[
        bool | None,
        typer.Option(
            "--whereabouts-unknown/--whereabouts-known",
            help=zhongben_text.HELP_WHEREABOUTS,
            show_default=False,
        ),
    ] = None,
    search_note: Annotated[
        str | None, typer.Option("--search-note", help=zhongben_text.HELP_SEARCH_NOTE, show_default=False)
    ] = None,
    obstruction: Annotated[
        bool | None,
        typer.Option(
            "--obstruction/--no-obstruction", help=zhongben_text.HELP_OBSTRUCTION, show_default=False
        ),
    ] = None,
    early_reason: Annotated[
        str | None, typer.Option("--early-reason", help=zhongben_text.HELP_EARLY_REASON, show_default=False)
    ] = None,
    db: DbOpt = None,
    operator: OperatorOpt = None,
) -> None:
    from ..domain.case_no import normalize_case_no
    from ..errors import InvalidValue
    from ..services.printing.node_table import find_case_id
    from ..services.zhongben.conditions import record_statements

    given = {
        "dishonest_exempt_reason": dishonest_exempt,
        "whereabouts_unknown": whereabouts_unknown,
        "search_note": search_note,
        "obstruction": obstruction,
        "early_reason": early_reason,
    }
    changes = {k: v for k, v in given.items() if v is not None}
    if not changes:
        raise InvalidValue(zhongben_text.NOTHING_TO_RECORD, field=zhongben_text.FIELD_STATEMENTS)
    desk = open_desk(db, operator)
    record_statements(desk, find_case_id(desk, case_no), **changes)
    echo(zhongben_text.RECORDED.format(case_no=normalize_case_no(case_no)))


@app.command("material", help=zhongben_text.HELP_MATERIAL)
def zhongben_material(
    case_no: CaseNoArg,
    item: Annotated[str, typer.Argument(help=zhongben_text.HELP_ITEM)],
    remove: Annotated[bool, typer.Option("--remove", help=zhongben_text.HELP_REMOVE)] = False,
    db: DbOpt = None,
    operator: OperatorOpt = None,
) -> None:
    from ..services.printing.node_table import find_case_id
    from ..services.zhongben.conditions import set_material

    desk = open_desk(db, operator)
    set_material(desk, find_case_id(desk, case_no), item, present=not remove)
    echo((zhongben_text.MATERIAL_REMOVED if remove else zhongben_text.MATERIAL_SET).format(item=item))


@app.command("override", help=zhongben_text.HELP_OVERRIDE)
def zhongben_override(
    case_no: CaseNoArg,
    reason: Annotated[str, typer.Option("--reason", help=zhongben_text.HELP_REASON)],
    db: DbOpt = None,
    operator: OperatorOpt = None,
) -> None:
    from ..services.printing.node_table import find_case_id
    from ..services.zhongben.conditions import override

    desk = open_desk(db, operator)
    waived = override(desk, find_case_id(desk, case_no), reason)
    echo(zhongben_text.OVERRIDDEN.format(items=zhongben_text.ITEM_SEP.join(waived)))

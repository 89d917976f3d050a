"""``zhixing print travel|closing|related|address|submissions``: the forms a court's plan names
(``printed_forms`` of its profile; another court is refused with the reason)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..i18n import cli as cli_text
from ..i18n import printing as printing_text
from .common import DbOpt, echo, open_desk
from .print_cmd import app as print_app

if TYPE_CHECKING:
    from ..services.desk import Desk

CaseNoArg = Annotated[str, typer.Argument(help=printing_text.CASE_NO_HELP)]
OutOpt = Annotated[Path | None, typer.Option("--out", help=printing_text.PAPER_OUT_HELP, show_default=False)]


def _write(db: str | None, write: Callable[[Desk], Path]) -> None:
    """Open the database read-only, ``write`` the paper and say where it went."""
    desk = open_desk(db, operator="print")
    try:
        path = write(desk)
    finally:
        desk.engine.dispose()
    echo(cli_text.WRITTEN.format(path=path))


@print_app.command("travel")
def travel(
    case_no: CaseNoArg,
    approval: Annotated[
        int | None, typer.Option("--id", help=printing_text.TRAVEL_ID_HELP, show_default=False)
    ] = None,
    out: OutOpt = None,
    db: DbOpt = None,
) -> None:
    """写出一案的《出差审批表》（监利 第三组6、7）：出差人、目的地、事由、按距离应报的审批人，签名和审批意见栏；财务凭签字的表报销。"""
    from ..services.board.papers import latest_travel_id
    from ..services.printing.form_layout import require_form
    from ..services.printing.travel_form import FORM, write_travel_form

    def write(desk: Desk) -> Path:
        require_form(desk.profile, FORM)  # before looking for a request: the court has no such form
        aid = approval if approval is not None else latest_travel_id(desk, case_no)
        return write_travel_form(desk, aid, out)

    _write(db, write)


@print_app.command("closing")
def closing(
    case_no: CaseNoArg,
    handoff: Annotated[
        int | None, typer.Option("--id", help=printing_text.CLOSING_ID_HELP, show_default=False)
    ] = None,
    out: OutOpt = None,
    db: DbOpt = None,
) -> None:
    """写出一案的《结案审查表》（监利）：报结的结案方式和金额、终本条件与材料、承办人、组长和结案审查组的意见及签名栏。"""
    from ..services.printing.closing_review import write_closing_review

    _write(db, lambda desk: write_closing_review(desk, case_no, out, handoff_id=handoff))


@print_app.command("related")
def related(
    case_no: CaseNoArg,
    approval: Annotated[
        int | None, typer.Option("--id", help=printing_text.RELATED_ID_HELP, show_default=False)
    ] = None,
    out: OutOpt = None,
    db: DbOpt = None,
) -> None:
    """写出一案的《类案集中审批表》（固始 二、15）：关联执行案件及关联情形、建议承办团队、执行局长审批意见栏。"""
    from ..services.printing.related_cases_form import write_related_cases

    _write(db, lambda desk: write_related_cases(desk, case_no, out, approval_id=approval))


@print_app.command("address")
def address(
    case_no: CaseNoArg,
    party: Annotated[
        str | None, typer.Option("--party", help=printing_text.ADDRESS_PARTY_HELP, show_default=False)
    ] = None,
    out: OutOpt = None,
    db: DbOpt = None,
) -> None:
    """写出一案当事人的《送达地址确认书》（固始、浉河）：每人一页，告知事项、已记录的送达地址和电话、受送达人签名栏。"""
    from ..services.printing.address_form import write_address_confirmation

    _write(db, lambda desk: write_address_confirmation(desk, case_no, out, party=party))


@print_app.command("submissions")
def submissions(
    month: Annotated[
        str | None, typer.Argument(help=printing_text.SUBMISSIONS_MONTH_HELP, show_default=False)
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help=printing_text.SUBMISSIONS_OUT_HELP, show_default=False)
    ] = None,
    db: DbOpt = None,
) -> None:
    """写出一个月的《各组送审案件情况统计表》（监利 第七组3，指挥监控组每月呈报院党组）：各组送审、通过、退回整改、待审批和退回原因。"""
    from ..domain.statistics import Month, month_of
    from ..services.printing.submissions_form import write_group_submissions

    def write(desk: Desk) -> Path:
        today = desk.today()
        chosen = month_of(month) if month else Month(today.year, today.month).shift(-1)
        return write_group_submissions(desk, chosen, out)

    _write(db, write)

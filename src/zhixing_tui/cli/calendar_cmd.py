"""``zhixing calendar``: due dates, loading the State Council's holiday schedules, coverage."""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..i18n import calendar as calendar_text
from .common import DbOpt, JsonOpt, OperatorOpt, echo, new_app, open_desk

if TYPE_CHECKING:
    from ..services.desk import Desk

app = new_app(calendar_text.APP_HELP)

_TIME = re.compile(r"(?P<d>.+?)(?:\s+|T)(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?")


def parse_start(text: str) -> date | datetime:
    """``2026-09-30`` → date; ``2026-09-30 10:00`` (or ``T10:00``, seconds optional) → datetime."""
    from ..domain.dates import parse_date
    from ..errors import InvalidValue

    s = unicodedata.normalize("NFKC", text).strip()
    m = _TIME.fullmatch(s)
    if not m:
        return parse_date(text, field=calendar_text.START_FIELD)
    day = parse_date(m["d"], field=calendar_text.START_FIELD)
    h, mi, sec = int(m["h"]), int(m["m"]), int(m["s"] or 0)
    if h > 23 or mi > 59 or sec > 59:
        raise InvalidValue(
            calendar_text.TIME_INVALID.format(field=calendar_text.START_FIELD, text=text.strip()),
            field=calendar_text.START_FIELD,
        )
    return datetime.combine(day, time(h, mi, sec))


def _existing_desk(db: str | None) -> Desk | None:
    """The Desk when the named database exists; None when it does not (nothing is created)."""
    from ..storage.db import resolve_url, sqlite_path

    url = resolve_url(db)
    path = sqlite_path(url)
    if path is not None and not path.exists():
        return None
    return open_desk(db, need_profile=False, read_only=True)


def _show_start(anchor: date | datetime) -> str:
    if not isinstance(anchor, datetime):
        return anchor.isoformat()
    return anchor.isoformat(sep=" ", timespec="seconds" if anchor.second else "minutes")


@app.command("due", help=calendar_text.DUE_HELP)
def due(
    start: Annotated[str, typer.Argument(help=calendar_text.DUE_START_HELP, show_default=False)],
    period: Annotated[str, typer.Argument(help=calendar_text.DUE_PERIOD_HELP, show_default=False)],
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    from ..domain.calendar import default_calendar
    from ..domain.periods import compute_due, parse_period

    anchor = parse_start(start)
    p = parse_period(period)
    desk = _existing_desk(db)
    if desk is None:
        cal = default_calendar()
    else:
        from ..services.deadlines.calendar import calendar_for

        try:
            cal = calendar_for(desk)
        finally:
            desk.engine.dispose()
    result = compute_due(anchor, p, cal)
    if as_json:
        shown = _show_start(anchor)
        payload = {
            "start": shown,
            "period": p.text,
            "due": result.due_on.isoformat(),
            "warnings": list(result.warnings),
        }
        echo(json.dumps(payload, ensure_ascii=False))
        return
    echo(result.due_on.isoformat())
    for w in result.warnings:
        echo(w)


@app.command("load", help=calendar_text.LOAD_HELP)
def load(
    file: Annotated[Path, typer.Argument(help=calendar_text.LOAD_FILE_HELP, show_default=False)],
    db: DbOpt = None,
    operator: OperatorOpt = None,
) -> None:
    from ..errors import NotFound
    from ..services.deadlines.calendar import load_schedule, read_schedule
    from ..storage.db import resolve_url, sqlite_path

    read_schedule(file)  # a bad file is reported before the database is touched
    path = sqlite_path(resolve_url(db))
    if path is not None and not path.exists():
        raise NotFound(calendar_text.NO_DATABASE.format(path=path))
    desk = open_desk(db, operator, need_profile=False)
    try:
        result = load_schedule(desk, file)
    finally:
        desk.engine.dispose()
    echo(
        calendar_text.LOADED.format(year=result.year, holidays=result.holiday_days, workdays=result.workdays)
    )
    echo(calendar_text.LOADED_SOURCE.format(source=result.source))
    if result.replaced:
        echo(calendar_text.LOADED_REPLACED.format(source=result.previous_source))


@app.command("status", help=calendar_text.STATUS_HELP)
def status(db: DbOpt = None) -> None:
    from ..services.deadlines.calendar import calendar_status

    desk = _existing_desk(db)
    if desk is None:
        echo(calendar_text.STATUS_NO_DB)
        rows = calendar_status(None)
    else:
        try:
            rows = calendar_status(desk)
        finally:
            desk.engine.dispose()
    for row in rows:
        source = {
            "uncovered": calendar_text.STATUS_UNCOVERED,
            "statutory": calendar_text.STATUS_STATUTORY,
        }.get(row.kind, row.source)
        echo(
            calendar_text.STATUS_LINE.format(
                year=row.year, kind=calendar_text.KIND_LABEL[row.kind], source=source
            )
        )

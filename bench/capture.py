"""The SQL zhixing runs, captured as the DB-API got it, for the floors to run once in plain sqlite3
(or psycopg, on PostgreSQL: the PostgreSQL dialect's SQL with its parameters).

``python -m bench.capture overdue --db FILE --as-of 2026-11-20 --out sql.json``: the one query of
the nightly report; ``… search --query 李斌``: the search's count and page queries and the cases
it found. Runs once per bench, outside every timing.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine

from bench.dbapi import encode


def _capture() -> list[tuple[str, list | dict]]:
    """Every statement as the DB-API got it: SQLite's ``?`` with a list of parameters, psycopg's
    ``%(name)s`` with a mapping (dates tagged for JSON, see ``bench.dbapi.encode``)."""
    seen: list[tuple[str, list | dict]] = []

    @event.listens_for(Engine, "before_cursor_execute")
    def _keep(_conn, _cursor, statement, parameters, _context, _many):  # noqa: PLR0913
        kept = dict(parameters) if isinstance(parameters, dict) else list(parameters or ())
        seen.append((statement, encode(kept)))

    return seen


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("what", choices=("overdue", "search"))
    ap.add_argument("--db", required=True)
    ap.add_argument("--as-of", required=True)
    ap.add_argument("--query", default="李斌")
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    from zhixing_tui.services.desk import Desk

    desk = Desk.open(args.db, operator="bench")
    desk.as_of = date.fromisoformat(args.as_of)
    _ = desk.profile  # settings read before the capture starts
    seen = _capture()
    if args.what == "overdue":
        from zhixing_tui.services.deadlines.report import overdue_report

        rep = overdue_report(desk, desk.as_of)
        queries = [(sql, p) for sql, p in seen if "deadline_node" in sql and "ORDER BY" in sql]
        if len(queries) != 1:
            raise SystemExit(f"expected one pass of the report query, saw {len(queries)}")
        sql, params = queries[0]
        out = {"sql": sql, "params": params, "rows": len(rep.rows)}
    else:
        from zhixing_tui.services.cases.search import search_cases

        page = search_cases(desk, args.query, limit=50)
        count = [(sql, p) for sql, p in seen if "count(" in sql.lower() and "enforcement_case" in sql]
        rows = [(sql, p) for sql, p in seen if "ORDER BY enforcement_case.filed_on DESC" in sql]
        out = {  # no count query when the first page holds every case found
            "count_sql": count[0][0] if count else None,
            "count_params": count[0][1] if count else [],
            "page_sql": rows[0][0],
            "page_params": rows[0][1],
            "ids": [r.id for r in page.items],
            "total": page.total,
            "query": args.query,
        }
    desk.engine.dispose()
    Path(args.out).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()

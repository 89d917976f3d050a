"""Floor of the case search: zhixing's own page query, once, in plain sqlite3 (psycopg with the
PostgreSQL dialect's captured SQL when ``--db`` is a URL), and the first parties of the page —
what the search screen does before its list shows; then, timed apart, its count query (the
screen's 共 N 件, which follows the list). Prints ``BENCH {"seconds", "counted", "ids", "total"}``:
the page's query time (no app, no debounce, no drawing), the time with the count too, and the
cases found, which the harness checks against the cases the search screen showed and the total
it counted.
"""

from __future__ import annotations

import argparse
import json
import time

from bench.dbapi import Plain


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--sql", required=True)
    args = ap.parse_args(argv)
    captured = json.loads(open(args.sql, encoding="utf-8").read())
    con = Plain(args.db)
    started = time.perf_counter()
    ids = [r[0] for r in con.captured(captured["page_sql"], captured["page_params"])]
    marks = ", ".join("?" for _ in ids)
    parties = con.execute(
        f"SELECT case_id, role, name FROM party WHERE case_id IN ({marks}) "
        "ORDER BY case_id, role, sort_order, id",
        ids,
    ).fetchall()
    seconds = time.perf_counter() - started
    total = len(ids)
    if captured["count_sql"]:
        total = con.captured(captured["count_sql"], captured["count_params"]).fetchone()[0]
    counted = time.perf_counter() - started
    figures = {"seconds": seconds, "counted": counted, "ids": ids, "total": total, "parties": len(parties)}
    print("BENCH " + json.dumps(figures))


if __name__ == "__main__":
    main()

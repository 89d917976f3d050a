"""Floor of the case search: zhixing's own count and page queries, once, in plain sqlite3 (psycopg
with the PostgreSQL dialect's captured SQL when ``--db`` is a URL), and
the first parties of the page. Prints ``BENCH {"seconds", "ids", "total"}``: the query time only
(no app, no debounce, no drawing) and the cases found, which the harness checks against the
cases the search screen showed."""

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
    total = len(ids)
    if captured["count_sql"]:
        total = con.captured(captured["count_sql"], captured["count_params"]).fetchone()[0]
    marks = ", ".join("?" for _ in ids)
    parties = con.execute(
        f"SELECT case_id, role, name FROM party WHERE case_id IN ({marks}) "
        "ORDER BY case_id, role, sort_order, id",
        ids,
    ).fetchall()
    seconds = time.perf_counter() - started
    print("BENCH " + json.dumps({"seconds": seconds, "ids": ids, "total": total, "parties": len(parties)}))


if __name__ == "__main__":
    main()

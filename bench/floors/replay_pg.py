"""Floor of writing what an import wrote, on PostgreSQL: ``executemany`` of the same rows with psycopg.

``python -m bench.floors.replay_pg --source DONE_URL --into FRESH_URL --template TEMPLATE_URL
[--read FILE.xlsx] [--no-write]``: optionally read every row of FILE with python-calamine (the
import's reading, ``bench.floors.replay.read_file``), then insert into FRESH (a copy of TEMPLATE,
made with ``CREATE DATABASE … TEMPLATE`` before the clock starts) every row that SOURCE has and
TEMPLATE had not (by primary key) — table by table, parents before children (the foreign keys
stay on), one ``executemany`` each, streamed from SOURCE, in one transaction. SOURCE is what
zhixing wrote in the same run; the harness then checks both databases hold the same number of
rows in every table. Plain psycopg: no SQLAlchemy, no zhixing.
"""

from __future__ import annotations

import argparse

from bench.dbapi import SESSION_OPTIONS, conninfo
from bench.floors.replay import read_file

_FKS = """
SELECT c.conrelid::regclass::text, c.confrelid::regclass::text
FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
WHERE c.contype = 'f' AND n.nspname = 'public'
"""
_PKS = """
SELECT t.relname, a.attname
FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY(i.indkey)
WHERE i.indisprimary AND n.nspname = 'public' ORDER BY t.relname, array_position(i.indkey, a.attnum)
"""


def _connect(url: str):
    import psycopg

    return psycopg.connect(conninfo(url), options=SESSION_OPTIONS)


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def ordered_tables(con) -> list[str]:
    """The public tables, every table after the ones its foreign keys point to."""
    names = [r[0] for r in con.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
    parents: dict[str, set[str]] = {n: set() for n in names}
    for child, parent in con.execute(_FKS):
        if child != parent and child in parents:
            parents[child].add(parent.strip('"'))
    out: list[str] = []
    done: set[str] = set()

    def visit(name: str) -> None:
        if name in done:
            return
        done.add(name)
        for p in sorted(parents.get(name, ())):
            visit(p)
        out.append(name)

    for n in sorted(names):
        visit(n)
    return out


def primary_keys(con) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for table, column in con.execute(_PKS):
        out.setdefault(table, []).append(column)
    return out


def replay(source: str, into: str, template: str) -> int:
    with _connect(template) as tpl:
        keys = primary_keys(tpl)
        had = {
            t: {tuple(r) for r in tpl.execute(f"SELECT {', '.join(map(_q, cols))} FROM {_q(t)}")}
            for t, cols in keys.items()
        }
    src, dst = _connect(source), _connect(into)
    from psycopg.types.string import TextLoader

    for json_type in ("json", "jsonb"):  # passed through as text, as they are stored
        src.adapters.register_loader(json_type, TextLoader)
    written = 0
    with src.transaction(), dst.transaction():
        for table in ordered_tables(src):
            cols = [
                r[0]
                for r in src.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
                    "AND table_name = %s ORDER BY ordinal_position",
                    (table,),
                )
            ]
            pk = keys.get(table, [])
            at = [cols.index(c) for c in pk]
            seen = had.get(table, set())
            order = f" ORDER BY {', '.join(map(_q, pk))}" if pk else ""
            names = ", ".join(map(_q, cols))
            rows = src.cursor(name=f"replay_{table}")
            rows.execute(f"SELECT {names} FROM {_q(table)}{order}")
            count = [0]

            def stream(rows=rows, count=count, at=at, seen=seen):
                for r in rows:
                    if seen and tuple(r[i] for i in at) in seen:
                        continue
                    count[0] += 1
                    yield r

            marks = ", ".join(["%s"] * len(cols))
            with dst.cursor() as cur:
                cur.executemany(f"INSERT INTO {_q(table)} ({names}) VALUES ({marks})", stream())
            rows.close()
            written += count[0]
    src.close()
    dst.close()
    return written


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", required=True)
    ap.add_argument("--into", required=True)
    ap.add_argument("--template", required=True)
    ap.add_argument("--read")
    ap.add_argument("--no-write", action="store_true", help="only read the file (the dry run's floor)")
    args = ap.parse_args(argv)
    if args.read:
        print(f"read {read_file(args.read)} rows")
    if not args.no_write:
        print(f"wrote {replay(args.source, args.into, args.template)} rows")


if __name__ == "__main__":
    main()

"""Floor of writing what an import or the demo wrote: ``executemany`` of the same rows.

``python -m bench.floors.replay --source DONE.db --into FRESH.db [--template TEMPLATE.db]
[--read FILE.xlsx]``: optionally read every row of FILE with python-calamine (the import's
reading), then insert into FRESH (a copy of TEMPLATE, made before the clock starts) every row
that SOURCE has and TEMPLATE had not — table by table, one ``executemany`` each, streamed from
SOURCE, in one transaction. SOURCE is what zhixing wrote in the same run, so the floor writes
the same rows into the same schema; the harness then checks the two databases hold the same
number of rows in every table.
"""

from __future__ import annotations

import argparse
import sqlite3


def read_file(path: str) -> int:
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(path)
    n = 0
    for name in wb.sheet_names:
        for _row in wb.get_sheet_by_name(name).iter_rows():
            n += 1
    return n


def tables(con: sqlite3.Connection) -> list[str]:
    rows = con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
    )
    return [r[0] for r in rows]


def max_rowids(path: str | None) -> dict[str, int]:
    if not path:
        return {}
    con = sqlite3.connect(path)
    out = {t: con.execute(f'SELECT coalesce(max(rowid), 0) FROM "{t}"').fetchone()[0] for t in tables(con)}
    con.close()
    return out


def replay(
    source: str, into: str, template: str | None, *, cache_kib: int = 2000, synchronous: str = "NORMAL"
) -> int:
    """``cache_kib`` and ``synchronous``: the page cache and sync mode zhixing's own writer sets
    (the import: a 64 MiB cache; the demo: 128 MiB and no sync), so the floor is not a weaker
    writer than the one it is compared with (SQLite's default cache is 2 MB)."""
    before = max_rowids(template)
    src = sqlite3.connect(source)
    dst = sqlite3.connect(into, isolation_level=None)
    dst.execute("PRAGMA journal_mode=WAL")
    dst.execute(f"PRAGMA synchronous={synchronous}")
    dst.execute(f"PRAGMA cache_size=-{int(cache_kib)}")
    dst.execute("BEGIN")
    written = 0
    for table in tables(src):
        cols = [r[1] for r in src.execute(f'PRAGMA table_info("{table}")')]
        names = ", ".join(f'"{c}"' for c in cols)
        marks = ", ".join("?" for _ in cols)
        rows = src.execute(f'SELECT rowid, {names} FROM "{table}" WHERE rowid > ?', (before.get(table, 0),))
        insert = f'INSERT OR REPLACE INTO "{table}" ({names}) VALUES ({marks})'
        count = [0]

        def stream(rows=rows, count=count):
            for r in rows:
                count[0] += 1
                yield r[1:]

        dst.executemany(insert, stream())
        written += count[0]
    dst.execute("COMMIT")
    dst.close()
    src.close()
    return written


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", required=True)
    ap.add_argument("--into", required=True)
    ap.add_argument("--template")
    ap.add_argument("--read")
    ap.add_argument("--no-write", action="store_true", help="only read the file (the dry run's floor)")
    ap.add_argument(
        "--cache-kib", type=int, default=2000, help="SQLite page cache, as zhixing's writer sets it"
    )
    ap.add_argument("--synchronous", default="NORMAL", choices=("NORMAL", "OFF"))
    args = ap.parse_args(argv)
    if args.read:
        print(f"read {read_file(args.read)} rows")
    if not args.no_write:
        written = replay(
            args.source, args.into, args.template, cache_kib=args.cache_kib, synchronous=args.synchronous
        )
        print(f"wrote {written} rows")


if __name__ == "__main__":
    main()

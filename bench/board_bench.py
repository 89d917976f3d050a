"""Board read-side benchmark: column counts + the first page of every column, and one deep page.

Run: ``.venv/bin/python -m bench.board_bench [--cases 10000] [--profile jianli] [--db FILE]``.
Builds a demo database (or opens ``--db``), reports how many cases are open on the board, then
times the board's queries (best and median of several runs). Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from zhixing_tui.services.board import query as bq
from zhixing_tui.services.desk import Desk

AS_OF = date(2026, 11, 23)


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return min(times), statistics.median(times)


def bench(desk: Desk, runs: int) -> None:
    view = bq.load_board(desk)
    open_cases = sum(c.total for c in view.columns)
    widest = max(view.columns, key=lambda c: c.total)
    print(
        f"{desk.profile.court.name}：看板在办 {open_cases} 件，{len(view.columns)} 列，最多一列 {widest.name} {widest.total} 件"
    )
    deep = max(0, widest.total - bq.PAGE_SIZE)
    cases = [
        ("各列件数与超限数（一条 GROUP BY）", lambda: bq.column_summaries(desk)),
        ("整个看板：件数 + 每列第一页", lambda: bq.load_board(desk)),
        (f"{widest.name} 最后一页（OFFSET {deep}）", lambda: bq.column_page(desk, widest.code, offset=deep)),
        ("只看超限：整个看板", lambda: bq.load_board(desk, bq.BoardFilter(over_limit=True))),
        ("超限截止日（每阶段，Python）", lambda: bq.stage_cutoffs(desk)),
    ]
    for label, fn in cases:
        best, median = timed(fn, runs)
        print(f"  {label}：最快 {best:7.1f} ms，中位 {median:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=10000)
    parser.add_argument("--profile", default="jianli")
    parser.add_argument("--db", help="an existing database to time instead of a fresh demo")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if args.db:
        desk = Desk.open(args.db, operator="bench")
        desk.as_of = AS_OF
        bench(desk, args.runs)
        return
    from zhixing_tui.demo.build import build_demo

    with tempfile.TemporaryDirectory() as tmp:
        desk = Desk.open(str(Path(tmp) / "board.db"), operator="bench")
        started = time.perf_counter()
        build_demo(desk, profile_id=args.profile, cases=args.cases, seed=1, as_of=AS_OF)
        print(f"演示数据 {args.cases} 件：{time.perf_counter() - started:.1f} 秒")
        desk.as_of = AS_OF
        bench(desk, args.runs)
        desk.engine.dispose()


if __name__ == "__main__":
    main()

"""Demo generation benchmark: cases per second for 2,000 and 20,000 cases (and more if asked).

Run: ``.venv/bin/python -m bench.demo_bench [--cases 2000 20000] [--profile ruyang]``.
Each size is built into a fresh SQLite file in a temporary folder; prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from datetime import date
from pathlib import Path

from zhixing_tui.demo.build import build_demo
from zhixing_tui.services.desk import Desk


def run(cases: int, profile: str, seed: int, folder: Path) -> None:
    path = folder / f"demo-{profile}-{cases}.db"
    desk = Desk.open(str(path), operator="bench")
    started = time.perf_counter()
    summary = build_demo(desk, profile_id=profile, cases=cases, seed=seed, as_of=date(2026, 11, 23))
    seconds = time.perf_counter() - started
    desk.engine.dispose()
    rows = sum(summary.rows.values())
    size_mb = sum(p.stat().st_size for p in folder.glob(f"{path.name}*")) / 1e6
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{profile} {cases:>7} 件：{seconds:6.1f} 秒，{cases / seconds:7.0f} 件/秒，"
        f"{rows:>8} 行（{rows / seconds:7.0f} 行/秒），文件 {size_mb:6.1f} MB，进程峰值内存 {peak_mb:5.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--profile", default="ruyang")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.cases:
            run(n, args.profile, args.seed, Path(tmp))


if __name__ == "__main__":
    main()

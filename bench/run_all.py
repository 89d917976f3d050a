"""``make bench``: run every benchmark in ``bench/`` one after another and print their figures.

Run: ``.venv/bin/python -m bench.run_all [--cases 10000] [--rows 20000]``. Each benchmark builds its
own data in a temporary folder (demo cases, an import workbook), times zhixing's code and prints the
figures; nothing is asserted (speed targets are figures, never timed tests). The sizes default to
what runs in a few minutes on a 2-core machine; pass larger ones for county scale.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

#: (module, title, arguments given the parsed options)
BENCHES = (
    ("bench.demo_bench", "演示数据生成", lambda a: ["--cases", str(a.cases)]),
    ("bench.board_bench", "流转看板查询", lambda a: ["--cases", str(a.cases)]),
    ("bench.import_bench", "案件导入", lambda a: ["--rows", str(a.rows)]),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=10_000, help="demo cases for the demo and board benches")
    parser.add_argument("--rows", type=int, default=20_000, help="rows of the import workbook")
    args = parser.parse_args(argv)
    failed = []
    for module, title, extra in BENCHES:
        print(f"== {title}（{module}）", flush=True)
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", module, *extra(args)], check=False)
        print(f"   （用时 {time.perf_counter() - started:.1f} 秒）", flush=True)
        if done.returncode:
            failed.append(module)
    if failed:
        print("失败：" + "、".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Running one measured child process: wall time, its own peak RSS, its output.

Every figure of ``make bench`` is taken in a child process, so an import or a cache warmed by
one measurement never helps the next, and its peak resident set is the child's own (GNU time's
``%M`` where installed, see ``TIME``; else ``ru_maxrss`` from ``os.wait4``), not the harness's.
A child that times a part of its own work (a screen from the key to its data) prints one line ``BENCH {json}`` with ``{"seconds": …}``; that figure is then
used instead of the wall time.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ZHIXING = str(Path(PYTHON).with_name("zhixing"))
MARK = "BENCH "
#: GNU time reports the peak RSS of the command it runs. A child forked straight from the harness
#: would inherit the harness's own high-water mark (Linux carries it across fork and exec), so
#: every command runs under this small launcher, whose child starts from its small one.
TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else None


class ChildFailed(RuntimeError):
    pass


#: read in pieces of this size by :func:`warm_file`
WARM_CHUNK = 8 << 20


def warm_file(path: Path | str) -> int:
    """Read ``path`` (and its ``-wal`` beside it, if any) once from start to end, so that the
    samples after start from its pages in the operating system's page cache, as on a desk whose
    database is in use. Taken before each row's samples: this machine's memory reclaim (Linux
    DAMON with a ``pageout`` scheme) evicts the pages of a file left idle a while, and a row whose
    first sample read the database from disk measured the disk, not zhixing (a 2.7 GB database
    was then found ~20 % resident). Returns the bytes read; a missing file reads nothing."""
    total = 0
    for name in (Path(path), Path(f"{path}-wal")):
        try:
            with open(name, "rb", buffering=0) as f:
                while chunk := f.read(WARM_CHUNK):
                    total += len(chunk)
        except FileNotFoundError:
            continue
    return total


@dataclass
class Sample:
    seconds: float
    rss_mb: float
    stdout: bytes = b""
    extra: dict = field(default_factory=dict)


def run_child(args: list[str], *, stdout_file: Path | None = None, env: dict | None = None) -> Sample:
    """Run ``args`` to the end; raise ChildFailed on an exit status above 1 (the report exits 1
    when something is overdue). Output goes to files, so the child is reaped by ``wait4``."""
    full_env = {**os.environ, "PYTHONHASHSEED": "0", **(env or {})}
    with tempfile.TemporaryDirectory(prefix="zhixing-child-") as tmp:
        out_path = stdout_file or Path(tmp) / "stdout"
        err_path = Path(tmp) / "stderr"
        rss_path = Path(tmp) / "maxrss"
        launch = [TIME, "-f", "%M", "-o", str(rss_path), *args] if TIME else args
        with open(out_path, "wb") as out, open(err_path, "wb") as err:
            started = time.perf_counter()
            proc = subprocess.Popen(launch, stdout=out, stderr=err, cwd=ROOT, env=full_env)
            _pid, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        stdout = out_path.read_bytes()
        stderr = err_path.read_bytes()
        rss_kb = usage.ru_maxrss
        if TIME and rss_path.exists():
            lines = rss_path.read_text().split()
            rss_kb = int(lines[-1]) if lines and lines[-1].isdigit() else rss_kb
    if proc.returncode not in (0, 1):
        tail = stderr.decode("utf-8", "replace")[-2000:]
        raise ChildFailed(f"{' '.join(args)} → exit {proc.returncode}\n{tail}")
    sample = Sample(wall, rss_kb / 1024, stdout)
    for line in stdout.decode("utf-8", "replace").splitlines():
        if line.startswith(MARK):
            sample.extra = json.loads(line[len(MARK) :])
            sample.seconds = float(sample.extra["seconds"])
    return sample


def report_line(figures: dict) -> str:
    """The line a child prints to hand its own figure to the harness."""
    return MARK + json.dumps(figures)


@dataclass
class Stats:
    median: float
    low: float
    high: float
    rss_mb: float
    samples: list[float]

    @classmethod
    def of(cls, samples: list[Sample]) -> Stats:
        secs = [s.seconds for s in samples]
        return cls(statistics.median(secs), min(secs), max(secs), max(s.rss_mb for s in samples), secs)

    def as_dict(self) -> dict:
        return {
            "median_s": round(self.median, 4),
            "min_s": round(self.low, 4),
            "max_s": round(self.high, 4),
            "peak_rss_mb": round(self.rss_mb, 1),
            "samples_s": [round(s, 4) for s in self.samples],
        }

"""Running a few lines in a fresh interpreter — for what is the process's own state (the garbage
collector, the switch interval, which modules are imported) — and reading back the JSON object
its last line prints."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap


def run_fresh(body: str, *, prelude: str = "import json, sys\n") -> dict:
    """``prelude`` + ``body`` (dedented) run by this Python; the last line printed, as JSON."""
    script = prelude + textwrap.dedent(body)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])

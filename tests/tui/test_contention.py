"""Many clerks on one SQLite file: the app (Pilot, recording 督办 by keys), ``report overdue`` in a
loop, a 20,000-row ``import cases`` and a writer loop, each a separate process — no failure, no
lost write (issue 16: an import held the write lock past the busy timeout)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import func, select

from tests.roster import act_as
from tests.triage_fixtures import staff_with
from tests.tui.conftest import errors, until
from tests.tui.test_alerts import AS_OF, SIZE, alerts, open_alerts  # noqa: F401 (fixture)
from zhixing_tui.storage.models import AuditEntry, Case, Urge
from zhixing_tui.tui.app import make_app
from zhixing_tui.tui.modals.urge import UrgeModal

CLI = [sys.executable, "-c", "from zhixing_tui.cli.main import main; main()"]
ROWS = 20_000

WRITER = r"""
import json, sys
from pathlib import Path
from zhixing_tui.services import audit
from zhixing_tui.services.desk import Desk
db, stop = sys.argv[1], Path(sys.argv[2])
desk = Desk.open(db, operator="写入员")
ok, failed, i = 0, [], 0
while not stop.exists() or i < 20:
    i += 1
    try:
        with desk.transaction() as s:
            audit.record(s, operator="写入员", action="probe", entity="desk_setting", summary=f"第{i}次写入")
        ok += 1
    except Exception as exc:
        failed.append(f"{type(exc).__name__}: {exc}")
print(json.dumps({"ok": ok, "failed": failed}, ensure_ascii=False))
"""

REPORTER = r"""
import json, subprocess, sys
from pathlib import Path
db, stop, cli = sys.argv[1], Path(sys.argv[2]), sys.argv[3:]
runs, failed = 0, []
while not stop.exists() or runs < 2:
    r = subprocess.run([*cli, "report", "overdue", "--db", db], capture_output=True, text=True)
    runs += 1
    if r.returncode not in (0, 1) or r.stderr.strip():  # 1: there are overdue nodes
        failed.append(f"exit {r.returncode}: {r.stderr[-500:]}")
print(json.dumps({"runs": runs, "failed": failed}, ensure_ascii=False))
"""


def _csv(path: Path) -> Path:
    lines = ["案号,立案日期,申请执行人,被执行人,申请执行标的额,承办部门"]
    for i in range(1, ROWS + 1):
        lines.append(
            f"（2025）豫0326执{i}号,2025-{1 + i % 12:02d}-{1 + i % 28:02d},张{i % 97}甲,李{i}乙,{1000 + i},速执团队"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
async def test_app_report_import_and_writer_share_one_file(alerts, tmp_path):  # noqa: F811
    desk, ids = alerts
    db = desk.engine.url.database
    stop = tmp_path / "stop"
    env = {**os.environ, "ZHIXING_AS_OF": AS_OF.isoformat()}
    run = dict(env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    procs = {
        "writer": subprocess.Popen([sys.executable, "-c", WRITER, db, str(stop)], **run),
        "report": subprocess.Popen([sys.executable, "-c", REPORTER, db, str(stop), *CLI], **run),
        "import": subprocess.Popen(
            [
                *CLI,
                "import",
                "cases",
                str(_csv(tmp_path / "cases.csv")),
                "--db",
                db,
                "--operator",
                staff_with(desk, "window_clerk"),
            ],
            **run,
        ),
    }
    urged = 0
    try:
        app = make_app(desk, operator=act_as(desk, "supervisor"), today=AS_OF)  # 督办 is theirs
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_alerts(pilot)
            while procs["import"].poll() is None or urged < 3:
                await pilot.press("j", "j", "u")
                await until(pilot, lambda: isinstance(app.screen, UrgeModal))
                await pilot.press("enter", "enter")  # the handler, the suggested 督办事项
                await pilot.press(*"申请人催问")
                await pilot.press("enter")
                await until(pilot, lambda: app.screen is screen, timeout=180)
                urged += 1
            assert errors(app) == []
    finally:
        stop.touch()
        out = {name: p.communicate(timeout=600) for name, p in procs.items()}

    assert procs["import"].returncode == 0, out["import"]
    assert out["import"][0].splitlines()[-1] == f"已写入：新增 {ROWS}，更新 0，未变 0"
    writer = json.loads(out["writer"][0])
    report = json.loads(out["report"][0])
    assert writer["failed"] == [] and report["failed"] == []
    assert writer["ok"] >= 20 and report["runs"] >= 2
    with desk.session() as s:
        assert s.exec(select(func.count()).select_from(Case)).one() == ROWS + 2
        probes = s.exec(select(func.count(AuditEntry.id)).where(AuditEntry.action == "probe")).one()
        assert probes == writer["ok"]  # every write that said it was saved is there
        notes = s.exec(select(Urge.note).order_by(Urge.id)).all()
        assert notes == ["申请人催问"] * urged  # every 督办 the app said it saved

"""繁简分流 (F4) shows its queue and the suggestion without what only a decision needs: opening the
screen imports neither the stage change (``services.cases.lifecycle``) nor the 终本 conditions it
checks (issue 17, F4's first open); a decision imports them when it is made
(``tests/services/test_triage_service.py`` decides). Their tables' models are defined at the start
with every other table's (``storage.models``; see ``tests/tui/test_lazy_imports.py`` for why)."""

from __future__ import annotations

import subprocess
import sys

DECIDING = (
    "zhixing_tui.services.cases.lifecycle",
    "zhixing_tui.services.zhongben.conditions",
)


def _loaded(imports: str) -> list[str]:
    code = f"import sys; {imports}; print(sorted(m for m in {DECIDING!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return eval(out.stdout)  # a list of module names printed by the child


def test_the_triage_screen_and_its_queue_import_no_stage_change():
    assert _loaded("import zhixing_tui.tui.app, zhixing_tui.tui.screens.triage") == []
    assert _loaded("import zhixing_tui.services.triage.queue") == []

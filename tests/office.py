"""LibreOffice for the print checks: convert a written .docx/.xlsx the way a clerk's office suite
would open it.

``soffice`` needs a writable profile of its own (two instances sharing one — pytest-xdist workers —
or a HOME it cannot write make it exit 77, "The user interface language cannot be determined"), a
UTF-8 locale and the headless VCL. :func:`convert` gives each call all three in a temporary folder.
Tests that need it use :data:`needs_soffice`: they are skipped only where LibreOffice is absent,
and never in CI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

#: CI sets ZHIXING_REQUIRE_SOFFICE=1 (``.ci/run``): there a missing LibreOffice fails instead of skipping
REQUIRED = os.environ.get("ZHIXING_REQUIRE_SOFFICE") == "1"

needs_soffice = pytest.mark.skipif(
    SOFFICE is None and not REQUIRED, reason="LibreOffice (soffice) is not installed"
)


def convert(path: Path, to: str, outdir: Path, *, timeout: float = 180) -> Path:
    """Convert ``path`` with LibreOffice to ``to`` (``pdf``, ``txt:Text`` …) in ``outdir``; return
    the converted file. Raises AssertionError with soffice's output when it fails."""
    assert SOFFICE is not None, "LibreOffice (soffice) is not installed"
    with tempfile.TemporaryDirectory(prefix="zhixing-soffice-") as home:
        env = {
            **os.environ,
            "HOME": home,
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "SAL_USE_VCLPLUGIN": "svp",
        }
        done = subprocess.run(
            [
                SOFFICE,
                f"-env:UserInstallation={Path(home, 'profile').as_uri()}",
                "--headless",
                "--norestore",
                "--nologo",
                "--convert-to",
                to,
                "--outdir",
                str(outdir),
                str(path),
            ],
            capture_output=True,
            timeout=timeout,
            check=False,
            env=env,
        )
    suffix = to.split(":", 1)[0]
    target = outdir / f"{path.stem}.{suffix}"
    assert done.returncode == 0 and target.exists(), (
        f"soffice exited {done.returncode}: {done.stdout.decode(errors='replace')}"
        f"{done.stderr.decode(errors='replace')}"
    )
    return target

"""Cold start: the app and its home screen import nothing the home screen does not need —
neither pypinyin (its phrase dictionary is read when a name is first turned into pinyin) nor
alembic (a database at the head revision opens without it)."""

from __future__ import annotations

import subprocess
import sys


def test_the_app_and_home_screen_import_neither_pypinyin_nor_alembic():
    code = (
        "import sys; import zhixing_tui.tui.app, zhixing_tui.tui.screens.home; "
        "print(sorted(m for m in ('pypinyin', 'alembic') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_pinyin_still_reads_names_once_asked():
    from zhixing_tui.domain.pinyin import search_key

    assert "zs" in search_key("张三")

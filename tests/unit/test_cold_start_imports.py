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


def test_the_app_leaves_dialogs_palette_and_form_widgets_to_their_first_use():
    """The login and operator dialogs, the help, the palette's providers, the case detail's
    service and the form widgets (TextArea, SelectionList …) load when first used, not before
    今日概况's figures (issue 17, cold start)."""
    later = (
        "zhixing_tui.tui.modals",
        "zhixing_tui.tui.commands",
        "zhixing_tui.services.accounts",
        "zhixing_tui.services.cases.detail",
        "textual.widgets._text_area",
        "textual.widgets._selection_list",
    )
    code = (
        "import sys; import zhixing_tui.tui.app, zhixing_tui.tui.screens.home; "
        f"print(sorted(m for m in {later!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_intake_screen_leaves_textarea_to_its_first_form():
    """初次接待 opens on its case picker; TextArea (about 0.2 s to import) loads with the form."""
    code = (
        "import sys; import zhixing_tui.tui.screens.intake; "
        "print('textual.widgets._text_area' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

"""The app is opened only on a terminal: from a script or cron it is refused at once (exit 2),
not started to draw into the void and poll a closed input for ever."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from zhixing_tui.cli import tui_cmd
from zhixing_tui.cli.main import app

runner = CliRunner()

REFUSED = "错误：界面须在终端中打开：{stream}不是终端。脚本与定时任务请用子命令（如 zhixing report overdue，见 zhixing --help）\n"


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("args", [["tui"], []], ids=["zhixing tui", "zhixing"])
def test_the_app_off_a_terminal_is_refused_before_anything_is_opened(tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, [*args, "--db", "court.db"] if args else ["--db", "court.db"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == REFUSED.format(stream="标准输入")
    assert list(tmp_path.iterdir()) == []  # no database looked for, none created


def test_which_stream_is_missing(monkeypatch):
    monkeypatch.setattr(sys, "stdin", _Tty())
    monkeypatch.setattr(sys, "stderr", _Tty())
    assert tui_cmd.terminal_missing() is None
    monkeypatch.setattr(sys, "stderr", io.StringIO())  # drawn into a file: Textual draws on stderr
    assert tui_cmd.terminal_missing() == "标准错误输出"
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    assert tui_cmd.terminal_missing() == "标准输入"
    monkeypatch.setattr(sys, "stderr", _Tty())
    closed = io.StringIO()
    closed.close()  # its isatty() raises ValueError
    monkeypatch.setattr(sys, "stdin", closed)
    assert tui_cmd.terminal_missing() == "标准输入"
    monkeypatch.setattr(sys, "stdin", None)  # pythonw, or a daemon that closed fd 0
    assert tui_cmd.terminal_missing() == "标准输入"


def test_a_process_started_with_its_input_from_dev_null_ends_at_once(tmp_path):
    """The console script's own process, as cron starts it: it used to run the app for ever."""
    env = {**os.environ, "ZHIXING_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", "from zhixing_tui.cli.entry import main; main()", "tui", "--db", "x.db"],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr == REFUSED.format(stream="标准输入")
    assert not (tmp_path / "x.db").exists()

"""``zhixing_tui.startup``: the collector is off from the console script's start until the app is
drawn (or another command runs), then frozen and back on; a process that never began is left
alone. Each case runs in a fresh interpreter (the collector's state is the process's)."""

from __future__ import annotations

from tests.fresh import run_fresh


def _run(body: str) -> dict:
    return run_fresh(body, prelude="import gc, json\nfrom zhixing_tui import startup\n")


def test_begin_turns_the_collector_off_and_done_back_on_frozen():
    got = _run(
        """
        threshold = gc.get_threshold()
        startup.begin()
        off = not gc.isenabled()
        startup.begin()  # twice: still one start
        junk = [[i] for i in range(1000)]
        startup.done()
        print(json.dumps({"off": off, "on": gc.isenabled(), "frozen": gc.get_freeze_count() > 0,
                          "same": gc.get_threshold() == threshold}))
        """
    )
    assert got == {"off": True, "on": True, "frozen": True, "same": True}


def test_done_without_begin_changes_nothing():
    got = _run(
        """
        startup.done()
        print(json.dumps({"on": gc.isenabled(), "frozen": gc.get_freeze_count()}))
        """
    )
    assert got == {"on": True, "frozen": 0}


def test_a_collector_turned_off_elsewhere_stays_off():
    got = _run(
        """
        gc.disable()
        startup.begin()
        startup.done()
        print(json.dumps({"on": gc.isenabled()}))
        """
    )
    assert got == {"on": False}


def test_a_command_other_than_the_app_turns_it_back_on():
    """``zhixing db ...`` (any command but the app): back on before the command runs."""
    got = _run(
        """
        from typer.testing import CliRunner
        startup.begin()
        from zhixing_tui.cli.main import app
        seen = {}
        import zhixing_tui.cli.main as m
        real = m.startup.done
        def done():
            real()
            seen["on"] = gc.isenabled()
        m.startup.done = done
        result = CliRunner().invoke(app, ["profiles", "list"])
        assert result.exit_code == 0, result.output
        print(json.dumps({"on": gc.isenabled(), "seen": seen.get("on")}))
        """
    )
    assert got == {"on": True, "seen": True}


def test_finish_freezes_what_is_left_in_the_console_script_only():
    """A command that is done: everything still alive frozen, so that the interpreter's last
    collection at exit does not walk it — in the console script's process, not in one (a test)
    that goes on after the command."""
    got = _run(
        """
        startup.finish()
        alone = gc.get_freeze_count()
        startup.begin()
        startup.done()
        after_start = gc.get_freeze_count()
        junk = [[i] for i in range(1000)]
        startup.finish()
        print(json.dumps({"alone": alone, "more": gc.get_freeze_count() >= after_start + 1000}))
        """
    )
    assert got == {"alone": 0, "more": True}


def test_the_console_script_hands_the_interpreter_lock_over_sooner():
    """``begin`` shortens the switch interval for the process (database threads beside a busy
    one get the lock back without waiting 5 ms each statement); a process that never began
    keeps Python's default."""
    got = _run(
        """
        import sys
        before = sys.getswitchinterval()
        startup.begin()
        startup.done()
        print(json.dumps({"before": before, "after": sys.getswitchinterval()}))
        """
    )
    assert got == {"before": 0.005, "after": 0.0005}

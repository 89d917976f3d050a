"""cli.common.gc_paused: no cyclic collection while a report is built and printed, and the collector
left as it was found (the CLI runs inside a test's process too)."""

from __future__ import annotations

import gc

import pytest

from zhixing_tui.cli.common import gc_paused


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_paused_inside_and_restored_after(enabled):
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        with gc_paused():
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
        with pytest.raises(RuntimeError), gc_paused():
            raise RuntimeError("a report that fails")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()

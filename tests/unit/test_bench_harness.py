"""``make bench`` is not a broken target: its harness and every benchmark it runs import and parse
their options. (The benchmarks themselves print figures; they are run by hand, never timed here.)"""

from __future__ import annotations

import importlib

import pytest
from bench import run_all


@pytest.mark.parametrize("module", [m for m, _, _ in run_all.BENCHES])
def test_every_benchmark_imports_and_has_a_main(module):
    assert callable(importlib.import_module(module).main)


def test_the_harness_passes_the_sizes_on():
    class Options:
        cases, rows = 1234, 567

    args = {module: extra(Options) for module, _, extra in run_all.BENCHES}
    assert args["bench.demo_bench"] == ["--cases", "1234"]
    assert args["bench.import_bench"] == ["--rows", "567"]

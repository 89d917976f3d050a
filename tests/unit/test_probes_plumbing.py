"""``bench/probes.py``'s plumbing (the full run is ``make probes``, not part of ``make test``): a
probe row passes only with runs and nothing wrong; the table; one real probe run end to end."""

from __future__ import annotations

from bench.probe_checks import tiny_db
from bench.probe_kit import Row, Run, Work
from bench.probes import table


def test_a_row_passes_only_when_it_ran_and_nothing_went_wrong():
    assert not Row("p", "e").ok  # a probe that never ran proves nothing
    assert Row("p", "e", runs=3).ok
    for wrong in ("lost", "tracebacks", "locks", "failed"):
        assert not Row("p", "e", runs=3, **{wrong: 1}).ok
    row = Row("p", "e", runs=1)
    row.saw(Run(1, "", "Traceback (most recent call last):\nsqlite3.OperationalError: database is locked"))
    assert (row.tracebacks, row.locks, row.ok) == (1, 1, False)
    assert Run(2, "", "错误：不行\n").chinese_error(2)
    assert not Run(1, "", "错误：不行\n").chinese_error(2)


def test_the_table_has_a_line_per_probe_and_says_fail():
    text = table([Row("kill", "whole", runs=2), Row("modes", "0600", runs=1, failed=1)])
    lines = text.splitlines()
    assert lines[0].split() == [
        "probe",
        "runs",
        "data",
        "lost",
        "tracebacks",
        "lock",
        "failures",
        "expected",
        "result",
    ]
    assert lines[1].split()[-1] == "PASS" and lines[2].split()[-1] == "FAIL"
    md = table([Row("kill", "whole", runs=2)], markdown=True).splitlines()
    assert md[2] == "| kill | 2 | 0 | 0 | 0 | whole | PASS |"


def test_the_tiny_file_probe_runs_the_cli_and_passes(tmp_path):
    row = tiny_db(Work(tmp_path))
    assert (row.runs, row.ok) == (2, True), row

"""The fair draw: fewest assignments first, seeded tie-break, replayable from its record."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date

import pytest

from zhixing_tui.domain.assignment import draw, period_of, replay
from zhixing_tui.errors import InvalidValue

POOL = ["普执一团队", "普执二团队", "普执三团队"]


def test_fewest_wins_without_randomness():
    r = draw(POOL, {"普执一团队": 4, "普执二团队": 3, "普执三团队": 5}, seed=123)
    assert r.chosen == "普执二团队"
    assert r.tied == ("普执二团队",)
    assert (
        r.explain()
        == "本期已分案：普执一团队 4 件，普执二团队 3 件，普执三团队 5 件；普执二团队 最少，分给 普执二团队。"
    )


def test_missing_counts_are_zero_and_foreign_counts_ignored():
    r = draw(POOL, {"普执一团队": 1, "速执团队": 0}, seed=7)
    assert r.counts == {"普执一团队": 1, "普执二团队": 0, "普执三团队": 0}
    assert r.tied == ("普执二团队", "普执三团队")
    assert r.chosen in r.tied


def test_tie_break_is_reproducible_from_the_seed():
    counts = {m: 2 for m in POOL}
    for seed in range(50):
        first = draw(POOL, counts, seed)
        assert draw(POOL, counts, seed) == first
        assert first.chosen == random.Random(seed).choice(tuple(POOL))
    assert len({draw(POOL, counts, s).chosen for s in range(50)}) == 3  # every member can win a tie


@pytest.mark.parametrize("size", [2, 3, 5])
def test_even_over_300_draws(size):
    pool = [f"团队{i}" for i in range(size)]
    counts: Counter[str] = Counter()
    rng = random.Random(2026)
    for n in range(300):
        r = draw(pool, counts, rng.randrange(2**31))
        counts[r.chosen] += 1
        assert max(counts[m] for m in pool) - min(counts[m] for m in pool) <= 1, n
    assert sum(counts.values()) == 300
    assert {counts[m] for m in pool} <= {300 // size, -(-300 // size)}


def test_replay_from_record_gives_the_same_winner():
    counts = {"普执一团队": 1, "普执二团队": 1, "普执三团队": 1}
    r = draw(POOL, counts, seed=99)
    record = r.to_record()
    assert record == {"pool": POOL, "counts": counts, "seed": 99, "chosen": r.chosen}
    again = replay(record)
    assert again.chosen == r.chosen
    assert "以随机种子 99 抽取" in again.explain()


def test_replay_reads_a_row_like_object():
    class Row:
        pool = POOL
        counts = {"普执一团队": 0, "普执二团队": 0, "普执三团队": 0}
        seed = 5

    assert replay(Row()).chosen == draw(POOL, Row.counts, 5).chosen


@pytest.mark.parametrize(
    ("pool", "seed", "field"),
    [([], 1, "pool"), (["甲", "甲"], 1, "pool"), (["甲"], "1", "seed"), (["甲"], True, "seed")],
)
def test_bad_draws_rejected(pool, seed, field):
    with pytest.raises(InvalidValue) as exc:
        draw(pool, {}, seed)
    assert exc.value.field == field


def test_period_is_the_month():
    assert period_of(date(2026, 11, 23)) == "2026-11"
    assert period_of(date(2027, 1, 1)) == "2027-01"

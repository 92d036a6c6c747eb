"""Systematic sampling on a fractional interval gives every row probability n/N."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from minping.sampling.systematic import systematic_positions


class FixedStart(random.Random):
    """A generator whose ``getrandbits`` returns a chosen start (for enumeration)."""

    def __init__(self, start: int) -> None:
        super().__init__(0)
        self.start = start

    def getrandbits(self, k: int) -> int:
        return self.start


@pytest.mark.parametrize(("pool", "n"), [(10, 3), (7, 7), (100, 9), (13, 1), (1000, 333)])
def test_every_row_is_picked_by_exactly_n_of_the_pool_starts(pool: int, n: int) -> None:
    counts: Counter[int] = Counter()
    for start in range(pool):
        positions = systematic_positions(FixedStart(start), pool, n)
        assert len(set(positions)) == n
        assert all(0 <= p < pool for p in positions)
        counts.update(positions)
    assert set(counts) == set(range(pool))
    assert set(counts.values()) == {n}


def test_positions_are_evenly_spaced_at_the_interval() -> None:
    positions = systematic_positions(FixedStart(4), 50, 5)
    assert positions == [0, 10, 20, 30, 40]
    positions = systematic_positions(FixedStart(5), 50, 5)
    assert positions == [1, 11, 21, 31, 41]


def test_asking_for_more_than_the_pool_takes_everyone() -> None:
    assert systematic_positions(random.Random(1), 3, 5) == [0, 1, 2]
    assert systematic_positions(random.Random(1), 0, 5) == []

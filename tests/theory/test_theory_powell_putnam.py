"""Powell's commitment problem and Putnam's win-sets against brute force."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parley.theory import commitment_problem, intersect_intervals, intersect_sets, majority_winset
from parley.theory.putnam import Interval


def brute_peace(p_later: float, delta: float, ca: float, shift_in: int) -> float:
    """Best peace for A on a grid of B's offers before the shift (A gets its war value
    after it): the offers are independent, so each period's best grid offer counts."""
    offers = np.linspace(0.0, 1.0, 101)
    before = sum(delta**t * offers.max() for t in range(shift_in))
    return before + delta**shift_in * (p_later / (1 - delta) - ca)


@given(st.floats(0.3, 0.9), st.floats(0.5, 0.95), st.floats(0.0, 3.0), st.integers(1, 4))
@settings(max_examples=40, deadline=None)
def test_threshold_matches_grid_search(p_now: float, delta: float, ca: float, t: int) -> None:
    grid = np.linspace(0.0, 1.0, 2001)
    war_now = p_now / (1 - delta) - ca
    fights = np.array([war_now > brute_peace(q, delta, ca, t) for q in grid])
    got = commitment_problem(p_now, 0.5, delta, ca, t)
    if fights.all() or not fights.any():
        assert got.threshold_p_later >= 1.0 - 5e-4 or got.threshold_p_later <= 5e-4
        return
    first_peace = grid[np.argmin(fights)]    # smallest p_later with no war
    assert got.threshold_p_later == pytest.approx(first_peace, abs=1e-3)
    for q in (0.1, 0.4, 0.8):
        assert commitment_problem(p_now, q, delta, ca, t).war == (q < got.threshold_p_later)


def test_no_shift_means_no_war_and_bigger_costs_tolerate_bigger_shifts() -> None:
    assert not commitment_problem(0.6, 0.6, 0.9, 0.0).war
    small = commitment_problem(0.6, 0.3, 0.9, 0.5)
    large = commitment_problem(0.6, 0.3, 0.9, 30.0)
    assert large.max_shift > small.max_shift
    assert small.war and not large.war


def grid_majority(ideals: list[float], q: float, quota: float) -> np.ndarray:
    xs = np.linspace(-2, 3, 50001)
    v = np.array(ideals)
    prefer = np.abs(xs[:, None] - v[None, :]) < np.abs(q - v)[None, :]
    passes = prefer.sum(axis=1) > quota * len(ideals)
    return xs[passes]


@given(st.lists(st.floats(0.0, 1.0), min_size=1, max_size=9), st.floats(0.0, 1.0),
       st.sampled_from([0.5, 2 / 3, 0.75]))
@settings(max_examples=60, deadline=None)
def test_majority_winset_matches_grid(ideals: list[float], q: float, quota: float) -> None:
    got = majority_winset(ideals, q, quota)
    xs = grid_majority(ideals, q, quota)
    if xs.size < 3:
        assert got.width < 4e-4        # at most three grid steps
        return
    assert got.low == pytest.approx(xs.min(), abs=2e-4)
    assert got.high == pytest.approx(xs.max(), abs=2e-4)


def test_two_level_intersection() -> None:
    # Putnam's point: agreement needs overlapping win-sets
    us = majority_winset([0.2, 0.5, 0.9], 0.0)       # moves up from 0 pass up to 1.0
    them = Interval(0.7, 1.4)
    both = intersect_intervals(us, them)
    assert (both.low, both.high) == pytest.approx((0.7, 1.0))
    assert intersect_intervals(Interval(0, 1), Interval(2, 3)).empty
    assert intersect_sets({"a", "b", "c"}, ["b", "c", "d"], ("c", "b")) == {"b", "c"}

"""Rubinstein bargaining against finite-horizon backward induction."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parley.theory import (
    rubinstein,
    rubinstein_fixed_costs,
    rubinstein_interval,
    rubinstein_limit,
)


def backward_discount(d1: float, d2: float, rounds: int) -> float:
    """Player 1's share when player 1 proposes in round 0 and the game ends after
    ``rounds`` rounds (the last proposer takes everything)."""
    share_proposer = 1.0  # the last round's proposer
    for r in range(rounds - 2, -1, -1):
        # round r's proposer offers the responder what it would get as next proposer,
        # discounted by the responder's factor
        responder_d = d2 if r % 2 == 0 else d1
        share_proposer = 1.0 - responder_d * share_proposer
    return share_proposer


def backward_fixed(c1: float, c2: float, rounds: int) -> float:
    """As :func:`backward_discount` with a fixed cost per round of delay (shares >= 0)."""
    share_proposer = 1.0
    for r in range(rounds - 2, -1, -1):
        responder_c = c2 if r % 2 == 0 else c1
        share_proposer = 1.0 - max(0.0, share_proposer - responder_c)
    return share_proposer


@given(st.floats(0.0, 0.95), st.floats(0.0, 0.95))
@settings(max_examples=60, deadline=None)
def test_discounting_is_the_limit_of_backward_induction(d1: float, d2: float) -> None:
    got = rubinstein(d1, d2)
    assert got.player1 + got.player2 == pytest.approx(1.0)
    assert backward_discount(d1, d2, 2001) == pytest.approx(got.player1, abs=1e-9)


def test_textbook_values() -> None:
    # equal discount factors: 1/(1+d); d1 = 0 (impatient proposer) gets 1 - d2
    assert rubinstein(0.9, 0.9).player1 == pytest.approx(1 / 1.9)
    assert rubinstein(0.0, 0.6).player1 == pytest.approx(0.4)
    with pytest.raises(ValueError):
        rubinstein(1.0, 0.5)


def test_frequent_offers_converge_to_the_ratio_of_rates() -> None:
    lim = rubinstein_limit(0.05, 0.15)
    assert lim.player1 == pytest.approx(0.75)
    gaps = [abs(rubinstein_interval(0.05, 0.15, dt).player1 - lim.player1)
            for dt in (1.0, 0.1, 0.01, 0.001)]
    assert gaps == sorted(gaps, reverse=True)
    assert gaps[-1] < 1e-3
    # first-mover advantage: at dt > 0 the proposer gets more than the limit
    assert rubinstein_interval(0.1, 0.1, 1.0).player1 > 0.5


@pytest.mark.parametrize(("c1", "c2", "expect"), [
    (0.1, 0.2, 1.0), (0.2, 0.1, 0.1), (0.3, 0.05, 0.05), (0.01, 0.5, 1.0)])
def test_fixed_costs_corners_match_backward_induction(c1: float, c2: float,
                                                      expect: float) -> None:
    got = rubinstein_fixed_costs(c1, c2)
    assert got.unique and got.player1 == pytest.approx(expect)
    # long odd and even horizons both converge to the corner
    assert backward_fixed(c1, c2, 2001) == pytest.approx(expect)
    assert backward_fixed(c1, c2, 2000) == pytest.approx(expect)


def test_equal_fixed_costs_have_many_equilibria() -> None:
    got = rubinstein_fixed_costs(0.2, 0.2)
    assert not got.unique and got.low == 0.2 and got.high == 1.0
    # finite horizons select different points of [c, 1] depending on who moves last
    ends = {round(backward_fixed(0.2, 0.2, n), 9) for n in (200, 201)}
    assert all(0.2 - 1e-9 <= e <= 1.0 for e in ends) and len(ends) == 2
    assert math.isclose(rubinstein_fixed_costs(1.5, 1.5).player1, 1.0)

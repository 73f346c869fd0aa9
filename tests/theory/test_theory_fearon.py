"""Fearon's bargaining range and screening offer against grid search."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parley.theory import bargaining_range, screening_offer

X = np.linspace(0.0, 1.0, 20001)


def test_range_matches_a_grid_of_deals() -> None:
    p, ca, cb = 0.6, 0.15, 0.1
    ok = (p - ca <= X) & (1 - p - cb <= 1 - X)
    got = bargaining_range(p, ca, cb)
    assert got.low == pytest.approx(X[ok].min(), abs=1e-4)
    assert got.high == pytest.approx(X[ok].max(), abs=1e-4)
    assert got.width == pytest.approx(ca + cb)
    assert bargaining_range(0.95, 0.1, 0.2).high == 1.0


def grid_eu(x: np.ndarray, p: float, ca: float, cb: float | None, low: float, high: float,
            uncertain: str) -> np.ndarray:
    """A's expected utility of each offer by quadrature over a grid of B's type."""
    theta = np.linspace(low, high, 4001)
    if uncertain == "cost":
        accept = x[:, None] <= p + theta[None, :]
        war = np.full_like(theta, p - ca)
    else:
        assert cb is not None
        accept = x[:, None] <= theta[None, :] + cb
        war = theta - ca
    return np.where(accept, x[:, None], war[None, :]).mean(axis=1)


@given(st.floats(0.2, 0.8), st.floats(0.0, 0.3), st.floats(0.0, 0.2), st.floats(0.01, 0.4))
@settings(max_examples=25, deadline=None)
def test_cost_screening_optimum_matches_grid_search(p: float, ca: float, a: float,
                                                    span: float) -> None:
    b = a + span
    got = screening_offer(p, ca, low=a, high=b, uncertain="cost")
    eu = grid_eu(X, p, ca, None, a, b, "cost")
    assert got.expected_utility == pytest.approx(eu.max(), abs=2e-3)
    assert got.offer == pytest.approx(X[np.argmax(eu)], abs=0.02 * span + 2e-3)
    # the probability of war at the optimum: share of types that reject
    assert 0.0 <= got.p_war <= 1.0


@given(st.floats(0.0, 0.2), st.floats(0.0, 0.2), st.floats(0.1, 0.5), st.floats(0.05, 0.4))
@settings(max_examples=25, deadline=None)
def test_strength_screening_optimum_matches_grid_search(ca: float, cb: float, a: float,
                                                        span: float) -> None:
    b = a + span
    got = screening_offer(0.0, ca, cb, low=a, high=b, uncertain="strength")
    eu = grid_eu(X, 0.0, ca, cb, a, b, "strength")
    assert got.expected_utility == pytest.approx(eu.max(), abs=2e-3)
    if got.offer < 1.0:
        expect = max(0.0, 1 - (ca + cb) / span)
        assert got.p_war == pytest.approx(expect, abs=1e-9)


def test_fearon_risk_return_example() -> None:
    # c_B ~ U[0, 0.4], p = 0.5, c_A = 0.1: offer p + (b - c_A)/2 = 0.65, war if c_B < 0.15
    got = screening_offer(0.5, 0.1, low=0.0, high=0.4)
    assert got.offer == pytest.approx(0.65)
    assert got.p_war == pytest.approx(0.375)
    # with no uncertainty about costs worth mentioning there is no war
    assert screening_offer(0.5, 0.3, low=0.2, high=0.25).p_war == 0.0

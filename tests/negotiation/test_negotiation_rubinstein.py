"""Rubinstein (1982): immediate agreement at the subgame-perfect share.

The closed form (1 - d2) / (1 - d1 d2) is checked against the published numbers and
against an independent backward induction of the finite-horizon game, whose first
proposer's share converges to it as the horizon grows (Rubinstein 1982; Osborne &
Rubinstein 1990, ch. 3).
"""

from __future__ import annotations

import pytest

from parley.negotiation import build_space, run_sao
from parley.negotiation.pie import pie_scenario, share_of_first, spe_share


def backward_induction(d1: float, d2: float, horizon: int) -> float:
    """First proposer's share in the alternating-offers game that ends after ``horizon``
    periods (the last proposer takes the whole pie), solved from the end."""
    # share of the player proposing in period k, counting back from the last period
    proposer_share = 1.0
    for k in range(horizon - 1, 0, -1):
        # the proposer of period k is player 1 when k is odd (period 1 is player 1's)
        responder_delta = d2 if k % 2 == 1 else d1
        proposer_share = 1.0 - responder_delta * proposer_share
    return proposer_share


@pytest.fixture(scope="module")
def pie_space():  # type: ignore[no-untyped-def]
    return build_space(pie_scenario())


@pytest.mark.parametrize(("d1", "d2", "expected"),
                         [(0.9, 0.9, 0.526316), (0.9, 0.8, 0.714286)])
def test_closed_form_matches_published_values(d1: float, d2: float, expected: float) -> None:
    assert spe_share(d1, d2) == pytest.approx(expected, abs=5e-7)


@pytest.mark.parametrize(("d1", "d2"), [(0.9, 0.9), (0.9, 0.8), (0.5, 0.95), (0.99, 0.7)])
def test_backward_induction_converges_to_closed_form(d1: float, d2: float) -> None:
    short = abs(backward_induction(d1, d2, 11) - spe_share(d1, d2))
    long = abs(backward_induction(d1, d2, 2001) - spe_share(d1, d2))
    assert long < 1e-9 < short


@pytest.mark.parametrize(("d1", "d2", "expected"),
                         [(0.9, 0.9, 0.526316), (0.9, 0.8, 0.714286), (0.6, 0.95, 0.116279)])
def test_rubinstein_agents_agree_immediately(pie_space, d1: float, d2: float,  # type: ignore[no-untyped-def]
                                             expected: float) -> None:
    res = run_sao(pie_space, {"a": f"rubinstein:delta={d1},opponent_delta={d2}",
                              "b": f"rubinstein:delta={d2},opponent_delta={d1}"}, rounds=20)
    assert res.agreement is not None
    assert res.agreement.round == 0 and len(res.trace) == 1
    assert share_of_first(pie_space.scenario, res.agreement.package) == pytest.approx(
        expected, abs=1e-6)
    assert share_of_first(pie_space.scenario, res.agreement.package) == pytest.approx(
        backward_induction(d1, d2, 4001), abs=1e-6)


def test_greedy_responder_rejects_spe_demand(pie_space) -> None:  # type: ignore[no-untyped-def]
    # a responder who believes it is more patient than it is asks for more and rejects
    res = run_sao(pie_space, {"a": "rubinstein:delta=0.9,opponent_delta=0.8",
                              "b": "rubinstein:delta=0.99,opponent_delta=0.9"}, rounds=1)
    assert res.agreement is None and res.trace[0].responses == {"b": "reject"}

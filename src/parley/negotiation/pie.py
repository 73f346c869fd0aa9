"""Rubinstein's (1982) two-party split-the-pie game as a scenario.

Rubinstein, A. (1982). "Perfect equilibrium in a bargaining model", Econometrica 50(1),
97–109: two players alternate offers over the division of a pie of size 1, player
``i`` discounting by ``delta_i`` per period. The unique subgame-perfect equilibrium
has immediate agreement, the first proposer getting ``(1 - delta_2) / (1 - delta_1
delta_2)``. :func:`pie_scenario` builds the pie on a grid of shares of step 10^-6 so that the
:class:`~parley.negotiation.strategies.Rubinstein` agents can play it in
:func:`~parley.negotiation.sao.run_sao`.
"""

from __future__ import annotations

from typing import Any

from parley.scenario.load import scenario_from_dict
from parley.scenario.model import Scenario


def spe_share(delta_1: float, delta_2: float) -> float:
    """The first proposer's subgame-perfect share ``(1 - d2) / (1 - d1 d2)``."""
    return (1.0 - delta_2) / (1.0 - delta_1 * delta_2)


def pie_document() -> dict[str, Any]:
    """The scenario document: player 1's share is ``k1 / 1000 + k2 / 10^6`` with
    ``k1 = 0..1000`` and ``k2 = 0..999`` (a grid of step ``10^-6``; ``k1 = 1000`` forces
    ``k2 = 0``). Player 2's utility is ``1.000999 - share``: an affine image of
    ``1 - share``, which the Rubinstein agents read as ``1 - share`` because they
    normalise utilities to the range of the space (two issues keep the scenario small:
    2,001 options for 10^6 + 1 divisions)."""
    coarse = [f"c{k}" for k in range(1001)]
    fine = [f"f{k}" for k in range(1000)]
    return {
        "parley": 1, "id": "split_the_pie", "title": "Rubinstein split-the-pie",
        "parties": [{"id": "a", "name": "Player 1 (first proposer)"},
                    {"id": "b", "name": "Player 2"}],
        "issues": [
            {"id": "thousandths", "name": "Player 1's share, thousandths",
             "options": [{"id": o} for o in coarse]},
            {"id": "millionths", "name": "Player 1's share, further millionths",
             "options": [{"id": o} for o in fine]},
        ],
        "preferences": {
            "a": {"judgment": "utility is the share",
                  "weights": {"thousandths": 1.0, "millionths": 0.001},
                  "values": {"thousandths": {o: k / 1000 for k, o in enumerate(coarse)},
                             "millionths": {o: k / 1000 for k, o in enumerate(fine)}},
                  "reservation": 0.0},
            "b": {"judgment": "utility is the rest of the pie (plus a constant)",
                  "weights": {"thousandths": 1.0, "millionths": 0.001},
                  "values": {"thousandths": {o: (1000 - k) / 1000
                                             for k, o in enumerate(coarse)},
                             "millionths": {o: (999 - k) / 1000 for k, o in enumerate(fine)}},
                  "reservation": 0.0},
        },
        "rules": [{"id": "whole_pie",
                   "forbid": {"thousandths": ["c1000"], "millionths": fine[1:]}}],
    }


def pie_scenario() -> Scenario:
    """A two-party split-the-pie scenario with shares on a grid of step ``10^-6``."""
    return scenario_from_dict(pie_document(), "split_the_pie")


def share_of_first(scenario: Scenario, package: Any) -> float:
    """Player 1's share in a package of :func:`pie_scenario` (an option-index vector)."""
    return float(package[0]) / 1000 + float(package[1]) / 1_000_000

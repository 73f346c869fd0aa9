"""Rationalist bargaining theory in closed form, one module per model.

- :mod:`~parley.theory.rubinstein`: alternating offers (discounting, frequent offers,
  fixed costs);
- :mod:`~parley.theory.fearon`: the bargaining range and screening under private
  information;
- :mod:`~parley.theory.powell`: war as a commitment problem under shifting power;
- :mod:`~parley.theory.putnam`: two-level games, win-sets and their intersection;
- :mod:`~parley.theory.tsebelis`: veto players and the winset of the status quo.

docs/theory.md shows how to apply each to a scenario.
"""

from __future__ import annotations

from parley.theory.fearon import BargainingRange, ScreeningOffer, bargaining_range, screening_offer
from parley.theory.powell import CommitmentResult, commitment_problem
from parley.theory.putnam import (
    Interval,
    intersect_intervals,
    intersect_sets,
    majority_winset,
)
from parley.theory.rubinstein import (
    Split,
    rubinstein,
    rubinstein_fixed_costs,
    rubinstein_interval,
    rubinstein_limit,
)
from parley.theory.tsebelis import Winset1D, Winset2D, winset_1d, winset_2d

__all__ = [
    "BargainingRange", "CommitmentResult", "Interval", "ScreeningOffer", "Split", "Winset1D",
    "Winset2D", "bargaining_range", "commitment_problem", "intersect_intervals",
    "intersect_sets", "majority_winset", "rubinstein", "rubinstein_fixed_costs",
    "rubinstein_interval", "rubinstein_limit", "screening_offer", "winset_1d", "winset_2d",
]

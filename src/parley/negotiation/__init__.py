"""Negotiation simulation: protocols, strategies, tournaments.

- :mod:`~parley.negotiation.space`: the feasible packages listed once, sorted per party;
- :mod:`~parley.negotiation.strategy` / :mod:`~parley.negotiation.strategies`: agents
  registered by name with declared traits;
- :mod:`~parley.negotiation.sao`: multilateral stacked alternating offers;
- :mod:`~parley.negotiation.mediated`: a mediator's single negotiating text;
- :mod:`~parley.negotiation.pie`: Rubinstein's two-party split-the-pie;
- :mod:`~parley.negotiation.tournament`: every strategy combination across seeds.
"""

from __future__ import annotations

from parley.negotiation import strategies as _strategies  # noqa: F401  (registers them)
from parley.negotiation.result import Agreement, NegotiationResult, TraceEntry
from parley.negotiation.sao import run_sao
from parley.negotiation.space import NegotiationSpace, build_space
from parley.negotiation.strategy import STRATEGIES, Strategy, UnknownStrategy, make_strategy

__all__ = ["STRATEGIES", "Agreement", "NegotiationResult", "NegotiationSpace", "Strategy",
           "TraceEntry", "UnknownStrategy", "build_space", "make_strategy", "run_sao"]

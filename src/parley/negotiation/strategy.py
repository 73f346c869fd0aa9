"""Negotiation strategies: small classes registered by name with declared traits.

As in the Axelrod library (Knight et al. 2016), every strategy is a class with a
registered ``name`` and class-level traits that tools can filter on:

- ``stochastic``: whether the strategy draws random numbers (always from the
  :class:`numpy.random.Generator` it is given, so runs replay from a seed);
- ``uses_opponent_model``: whether it reacts to what the other parties offer.

A strategy sees only its own utilities (through the shared
:class:`~parley.negotiation.space.NegotiationSpace` lookups), its own reservation
value for the current round and the offers put to it. The base class never lets
an agent accept a package below its current reservation value.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from parley.negotiation.space import NegotiationSpace
from parley.scenario.model import ACCEPT_TOL

#: Registered strategies by name.
STRATEGIES: dict[str, type[Strategy]] = {}


def threshold(rv: float) -> float:
    """The utility a party needs to accept at reservation value ``rv``
    (the same slack as :attr:`parley.scenario.model.Scenario.threshold`)."""
    return rv - ACCEPT_TOL * max(1.0, abs(rv))


def register(cls: type[Strategy]) -> type[Strategy]:
    """Class decorator adding a strategy to :data:`STRATEGIES` under ``cls.name``."""
    if not cls.name or cls.name in STRATEGIES:
        raise ValueError(f"strategy name {cls.name!r} is empty or taken")
    STRATEGIES[cls.name] = cls
    return cls


class UnknownStrategy(ValueError):
    """A strategy name or parameter that is not registered."""


def parse_strategy(spec: str) -> tuple[str, dict[str, float]]:
    """Split ``"name"`` or ``"name:key=value,key=value"`` into a name and float parameters."""
    name, _, rest = spec.partition(":")
    params: dict[str, float] = {}
    for item in filter(None, (s.strip() for s in rest.split(","))):
        key, eq, value = item.partition("=")
        try:
            if not eq:
                raise ValueError
            params[key.strip()] = float(value)
        except ValueError:
            raise UnknownStrategy(f"strategy {spec!r}: parameters must be key=number") from None
    return name.strip(), params


def make_strategy(spec: str) -> Strategy:
    """A fresh strategy object from a spec (see :func:`parse_strategy`).

    Raises
    ------
    UnknownStrategy
        For an unregistered name or a parameter the strategy does not take.
    """
    name, params = parse_strategy(spec)
    if name not in STRATEGIES:
        raise UnknownStrategy(f"unknown strategy {name!r}; known: {', '.join(sorted(STRATEGIES))}")
    cls = STRATEGIES[name]
    unknown = set(params) - set(cls.parameters)
    if unknown:
        raise UnknownStrategy(f"strategy {name!r} takes no parameter {sorted(unknown)[0]!r}; "
                              f"it takes: {', '.join(cls.parameters) or 'none'}")
    return cls(**params)


class Strategy:
    """Base class of negotiation strategies.

    Subclasses set ``name``, the traits and ``parameters`` (defaults of their float
    parameters), and override :meth:`target` (the utility the agent aims for at
    relative time ``t``) and, when needed, :meth:`propose`, :meth:`wants` and
    :meth:`walks_away`.
    """

    name: ClassVar[str] = ""
    stochastic: ClassVar[bool] = False
    uses_opponent_model: ClassVar[bool] = False
    parameters: ClassVar[dict[str, float]] = {}

    def __init__(self, **params: float) -> None:
        self.params = {**self.parameters, **params}
        self.space: NegotiationSpace | None = None
        self.party = -1
        self.rng = np.random.default_rng(0)
        self.u_max = 0.0
        self.u_min = 0.0
        self.received: dict[int, list[float]] = {}

    @classmethod
    def traits(cls) -> dict[str, Any]:
        """The declared traits (JSON-ready)."""
        return {"stochastic": cls.stochastic, "uses_opponent_model": cls.uses_opponent_model,
                "parameters": dict(cls.parameters)}

    # ----------------------------------------------------------- lifecycle
    def setup(self, space: NegotiationSpace, party: int, rng: np.random.Generator) -> None:
        """Bind the agent to a party of ``space`` for one run (called by the protocol)."""
        self.space = space
        self.party = party
        self.rng = rng
        self.u_max = space.max_utility(party)
        self.u_min = space.min_utility(party)
        self.received = {}

    def observe(self, proposer: int, utility: float) -> None:
        """Record an offer by another party, worth ``utility`` to this agent."""
        self.received.setdefault(proposer, []).append(utility)

    def observe_offer(self, proposer: int, package: np.ndarray) -> None:
        """See the package another party offered (default: ignored)."""

    # ------------------------------------------------------------ decisions
    def floor(self, rv: float) -> float:
        """The lowest utility the agent concedes to: its reservation value, within range."""
        return min(max(rv, self.u_min), self.u_max)

    def target(self, t: float, rv: float) -> float:
        """The utility the agent aims for at relative time ``t`` (default: its best)."""
        return self.u_max

    def propose(self, t: float, rv: float) -> int:
        """Row of the package to offer: the one worth least to the agent among those worth
        at least its target (an O(log n) lookup)."""
        assert self.space is not None
        return self.space.closest_above(self.party, max(self.target(t, rv), self.floor(rv)))

    def wants(self, t: float, rv: float, utility: float) -> bool:
        """Whether the agent accepts an offer worth ``utility`` (before the rv check)."""
        return utility >= self.target(t, rv) - ACCEPT_TOL * max(1.0, abs(utility))

    def walks_away(self, t: float, rv: float) -> bool:
        """Whether the agent leaves the talks now (default: never)."""
        return False

    def accepts(self, t: float, rv: float, utility: float) -> bool:
        """Whether the agent accepts: it must want the offer and the offer must clear its
        current reservation value."""
        return utility >= threshold(rv) and self.wants(t, rv, utility)

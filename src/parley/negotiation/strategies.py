"""The registered strategies (see :mod:`parley.negotiation.strategy` for the base class).

Time-dependent tactics follow Faratin, Sierra & Jennings (1998, "Negotiation
decision functions for autonomous agents", Robotics and Autonomous Systems 24,
§4.1): with ``alpha(t) = t^(1/e)`` (their polynomial family with ``kappa = 0``) the
agent aims for ``floor + (u_max - floor) * (1 - t^(1/e))``, where ``floor`` is its
reservation value and ``t`` the relative time in ``[0, 1]``. ``e < 1`` is Boulware
(holds out until late), ``e = 1`` linear, ``e > 1`` conceder. NegMAS's
``PolyAspiration`` writes the same curve as ``1 - t^E`` with ``E = 1/e``.

Imitative (tit-for-tat) tactics follow Faratin et al. (1998, §4.3) in the spirit
of Axelrod (1984): the agent concedes as much as the others have conceded to it.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from parley.negotiation.space import NegotiationSpace
from parley.negotiation.strategy import Strategy, register


class TimeDependent(Strategy):
    """Concede with time: ``floor + (u_max - floor)(1 - t^(1/e))`` (Faratin et al. 1998)."""

    name: ClassVar[str] = "time_dependent"
    parameters: ClassVar[dict[str, float]] = {"e": 1.0}

    def target(self, t: float, rv: float) -> float:
        """The time-dependent aspiration level."""
        e = self.params["e"]
        if e <= 0:
            return self.u_max
        lo = self.floor(rv)
        return lo + (self.u_max - lo) * (1.0 - t ** (1.0 / e))


register(TimeDependent)


@register
class Boulware(TimeDependent):
    """Time-dependent with ``e = 0.2``: concedes little until near the deadline."""

    name: ClassVar[str] = "boulware"
    parameters: ClassVar[dict[str, float]] = {"e": 0.2}


@register
class Linear(TimeDependent):
    """Time-dependent with ``e = 1``: concedes at a constant rate."""

    name: ClassVar[str] = "linear"
    parameters: ClassVar[dict[str, float]] = {"e": 1.0}


@register
class Conceder(TimeDependent):
    """Time-dependent with ``e = 2``: concedes early."""

    name: ClassVar[str] = "conceder"
    parameters: ClassVar[dict[str, float]] = {"e": 2.0}


@register
class LinearOpponentModel(TimeDependent):
    """Time-dependent concession that offers what the others seem to like.

    Among the ``band_size`` packages just above its aspiration level (in its own
    utility order), it offers the one whose options the other parties have offered
    most often: a frequency opponent model in the manner of the ANAC agents (e.g. Baarslag et
    al. 2013, "Predicting the performance of opponent models in automated
    negotiation"), issue by issue, summed over the other proposers.
    """

    name: ClassVar[str] = "linear_om"
    uses_opponent_model: ClassVar[bool] = True
    parameters: ClassVar[dict[str, float]] = {"e": 1.0, "band_size": 500.0}

    def setup(self, space: NegotiationSpace, party: int, rng: np.random.Generator) -> None:
        """Also reset the option counts."""
        super().setup(space, party, rng)
        sc = space.scenario
        self.counts = [np.zeros(len(o)) for o in sc.options]

    def observe_offer(self, proposer: int, package: np.ndarray) -> None:
        """Count the options of another party's offer."""
        for i, k in enumerate(package):
            self.counts[i][int(k)] += 1.0

    def propose(self, t: float, rv: float) -> int:
        """The best-liked package (by the frequency model) in the band above the target."""
        assert self.space is not None
        space = self.space
        k = min(space.at_least(self.party, max(self.target(t, rv), self.floor(rv))),
                space.size - 1)
        rows = space.order[self.party, k:k + max(1, int(self.params["band_size"]))]
        if not any(c.any() for c in self.counts):
            return int(rows[0])
        pk = space.packages[rows]
        score = np.zeros(rows.size)
        for i, c in enumerate(self.counts):
            score += c[pk[:, i]]
        return int(rows[int(np.argmax(score))])


@register
class HardLiner(Strategy):
    """Always offers its best package and accepts only a package worth as much."""

    name: ClassVar[str] = "hardliner"


@register
class TitForTat(Strategy):
    """Absolute tit-for-tat: concede (in own utility) what the others conceded on average.

    The others' concession is how much more their latest offer is worth to this agent
    than their first one. ``courtesy`` (share of the range ``u_max - floor``) is given
    up front so that two imitators can start moving (a "nice" opening, Axelrod 1984).
    """

    name: ClassVar[str] = "tit_for_tat"
    uses_opponent_model: ClassVar[bool] = True
    parameters: ClassVar[dict[str, float]] = {"courtesy": 0.02}

    def conceded(self) -> float:
        """Mean over the other proposers of their concession to this agent."""
        gains = [h[-1] - h[0] for h in self.received.values() if h]
        return float(np.mean(gains)) if gains else 0.0

    def target(self, t: float, rv: float) -> float:
        """Best utility less the others' mean concession and the courtesy step."""
        lo = self.floor(rv)
        step = self.params["courtesy"] * (self.u_max - lo)
        return max(lo, self.u_max - step - max(0.0, self.conceded()))


@register
class RelativeTitForTat(TitForTat):
    """Relative tit-for-tat: concede the same *share* of the range as the others did.

    The others' share is their mean concession divided by ``u_max`` less the utility
    of their first offer to this agent (Faratin et al. 1998, relative tit-for-tat).
    """

    name: ClassVar[str] = "relative_tft"

    def target(self, t: float, rv: float) -> float:
        """Best utility less the others' mean conceded share of this agent's range."""
        lo = self.floor(rv)
        shares = [(h[-1] - h[0]) / (self.u_max - h[0]) for h in self.received.values()
                  if h and self.u_max - h[0] > 1e-12]
        share = max(0.0, float(np.mean(shares))) if shares else 0.0
        share = min(1.0, share + self.params["courtesy"])
        return self.u_max - share * (self.u_max - lo)


@register
class WalkAway(TimeDependent):
    """Linear concession, but leaves the talks when they are not worth staying in.

    After relative time ``patience`` the agent walks away as soon as no offer it has
    received is worth its current reservation value: with moving reservation values
    (continued war changes the outside option) this is the party that ends talks.
    """

    name: ClassVar[str] = "walk_away"
    parameters: ClassVar[dict[str, float]] = {"e": 1.0, "patience": 0.5}

    def walks_away(self, t: float, rv: float) -> bool:
        """True once past ``patience`` with nothing on the table worth ``rv``."""
        if t < self.params["patience"]:
            return False
        best = max((max(h) for h in self.received.values() if h), default=-np.inf)
        return bool(best < rv)


@register
class RandomAcceptable(Strategy):
    """Zero-intelligence-constrained (Gode & Sunder 1993): offers a uniformly random
    package worth at least its reservation value and accepts any such package."""

    name: ClassVar[str] = "random"
    stochastic: ClassVar[bool] = True

    def target(self, t: float, rv: float) -> float:
        """Its reservation value (within range)."""
        return self.floor(rv)

    def propose(self, t: float, rv: float) -> int:
        """A random row among the packages worth at least ``rv`` (its best if none)."""
        assert self.space is not None
        k = min(self.space.at_least(self.party, self.floor(rv)), self.space.size - 1)
        pos = int(self.rng.integers(k, self.space.size))
        return int(self.space.order[self.party, pos])


@register
class Rubinstein(Strategy):
    """Subgame-perfect play of Rubinstein's (1982) alternating-offers split-the-pie game.

    With discount factors ``delta`` (own) and ``opponent_delta``, a proposer asks for
    ``x* = (1 - opponent_delta) / (1 - delta * opponent_delta)`` of the pie and a
    responder accepts any share of at least ``delta * x*`` (the value of proposing
    next round). The agent reads its utility, rescaled to ``[0, 1]`` over the package
    space, as its share of the pie; it is meant for two-party pies such as
    :func:`parley.negotiation.pie.pie_scenario`.
    """

    def share(self, utility: float) -> float:
        """Utility rescaled to the space's range (the pie share)."""
        span = self.u_max - self.u_min
        return (utility - self.u_min) / span if span > 0 else 1.0

    name: ClassVar[str] = "rubinstein"
    parameters: ClassVar[dict[str, float]] = {"delta": 0.9, "opponent_delta": 0.9,
                                              "tolerance": 1e-6}

    def spe_share(self) -> float:
        """The proposer's subgame-perfect share ``(1 - d_j) / (1 - d_i d_j)``."""
        di, dj = self.params["delta"], self.params["opponent_delta"]
        return (1.0 - dj) / (1.0 - di * dj)

    def target(self, t: float, rv: float) -> float:
        """The subgame-perfect demand, in utility."""
        return self.u_min + self.spe_share() * (self.u_max - self.u_min)

    def propose(self, t: float, rv: float) -> int:
        """The package whose share for this agent is closest to ``x*``."""
        assert self.space is not None
        return self.space.nearest(self.party, self.target(t, rv))

    def wants(self, t: float, rv: float, utility: float) -> bool:
        """Accept a share worth at least waiting one round to propose (``delta * x*``),
        less ``tolerance`` (a grid step of the pie)."""
        need = self.params["delta"] * self.spe_share() - self.params["tolerance"]
        return self.share(utility) >= need

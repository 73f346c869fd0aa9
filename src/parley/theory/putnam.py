"""Putnam's two-level game: win-sets and their intersection.

Putnam (1988), "Diplomacy and Domestic Politics: The Logic of Two-Level Games",
International Organization 42(3), 427-460. A *win-set* is the set of Level I
(international) agreements that would be ratified at Level II (at home, p. 437); an
agreement is possible only if the parties' win-sets overlap (p. 438), and a smaller
win-set is a bargaining advantage (the "Schelling conjecture", p. 440).

Win-sets are given either as intervals on one issue dimension (:class:`Interval`) or
as finite sets of agreements (any hashable ids). A one-dimensional win-set can be
derived from a ratifying body: with ideal points ``v_i`` and symmetric single-peaked
preferences, member ``i`` prefers ``x`` to no agreement ``q`` iff ``|x - v_i| < |q - v_i|``;
``x`` is ratified when at least ``quota`` of the members prefer it.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Interval:
    """A closed interval ``[low, high]`` (``empty`` when it contains no point).

    Open ends of preferred-to sets are reported as closed; the boundary points tie
    with the status quo.
    """

    low: float
    high: float

    @property
    def empty(self) -> bool:
        """Whether no point lies in the interval."""
        return self.high < self.low

    @property
    def width(self) -> float:
        """Length of the interval (0 when empty)."""
        return max(0.0, self.high - self.low)

    def contains(self, x: float) -> bool:
        """Whether ``x`` lies in the interval."""
        return self.low <= x <= self.high

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {"low": self.low, "high": self.high, "empty": self.empty, "width": self.width}


EMPTY = Interval(math.inf, -math.inf)


def intersect_intervals(*intervals: Interval) -> Interval:
    """The common part of several win-sets on one dimension (Putnam 1988, p. 438)."""
    if not intervals:
        raise ValueError("give at least one interval")
    low = max(i.low for i in intervals)
    high = min(i.high for i in intervals)
    return Interval(low, high) if low <= high else EMPTY


def intersect_sets(*winsets: Iterable[Hashable]) -> frozenset[Hashable]:
    """The agreements in every win-set (finite win-sets, Putnam 1988, p. 438)."""
    if not winsets:
        raise ValueError("give at least one win-set")
    out = frozenset(winsets[0])
    for w in winsets[1:]:
        out &= frozenset(w)
    return out


def majority_winset(ideals: Sequence[float], status_quo: float,
                    quota: float = 0.5) -> Interval:
    """Agreements a ratifying body prefers to no agreement (``status_quo``).

    ``x`` is ratified when more than ``quota`` of the members strictly prefer it to
    ``status_quo`` (``quota=0.5``: simple majority; ``quota`` must be at least 0.5 so the
    win-set is one interval on one side of the status quo). Reported as a closed
    interval; it touches ``status_quo`` at one end. ``EMPTY`` when no agreement passes.

    Parameters
    ----------
    ideals:
        Members' ideal points.
    status_quo:
        The no-agreement outcome ``q``.
    quota:
        Share of members that must prefer the agreement (strictly more than it).
    """
    v = np.asarray(ideals, dtype=float)
    if v.size == 0:
        raise ValueError("give at least one ideal point")
    if not 0.5 <= quota < 1.0:
        raise ValueError("quota must lie in [0.5, 1)")
    need = math.floor(quota * v.size) + 1          # strictly more than quota * n
    q = float(status_quo)
    above = np.sort(v[v > q])[::-1]                # members who like moves up
    below = np.sort(v[v < q])                      # members who like moves down
    if above.size >= need:
        # x > q passes when x < 2 v_i - q for `need` members: the need-th largest v
        return Interval(q, float(2.0 * above[need - 1] - q))
    if below.size >= need:
        return Interval(float(2.0 * below[need - 1] - q), q)
    return EMPTY

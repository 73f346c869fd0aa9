"""Rubinstein's alternating-offers bargaining over a pie of size 1.

Two players alternate proposals; player 1 proposes first. Three versions:

- **Discounting** (Rubinstein 1982, Econometrica 50(1), 97-109, Theorem; also
  Osborne & Rubinstein 1990, *Bargaining and Markets*, chapter 3): with discount
  factors ``d1, d2`` in [0, 1) per round, the unique subgame-perfect equilibrium gives
  the first proposer ``(1 - d2) / (1 - d1 * d2)`` and the responder the rest, agreed at
  once.
- **Frequent offers** (Binmore, Rubinstein & Wolinsky 1986, RAND Journal of Economics
  17(2), 176-188): with ``d_i = exp(-r_i * dt)`` and ``dt -> 0`` the first
  mover's advantage vanishes and player 1's share tends to ``r2 / (r1 + r2)``.
- **Fixed bargaining costs** (Rubinstein 1982, the fixed-bargaining-cost case of the Theorem):
  each round of delay costs player ``i`` the amount ``c_i``. If ``c1 < c2`` player 1
  takes the whole pie; if ``c1 > c2`` player 1 gets ``c2``; if ``c1 = c2 = c < 1`` every
  share in ``[c, 1]`` is an equilibrium outcome for player 1.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Split:
    """Shares of the pie in equilibrium (``low``/``high`` bound player 1's share when
    the equilibrium is not unique)."""

    player1: float
    player2: float
    unique: bool = True
    low: float | None = None
    high: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return asdict(self)


def _check_discount(name: str, d: float) -> None:
    if not 0.0 <= d < 1.0:
        raise ValueError(f"{name} must lie in [0, 1), not {d}")


def rubinstein(d1: float, d2: float) -> Split:
    """Equilibrium split with discount factors ``d1`` (first proposer) and ``d2``.

    Source: Rubinstein (1982), Theorem (discounting case): player 1 gets ``(1 - d2) / (1 - d1 d2)``.

    Parameters
    ----------
    d1, d2:
        Per-round discount factors in ``[0, 1)``.
    """
    _check_discount("d1", d1)
    _check_discount("d2", d2)
    x = (1.0 - d2) / (1.0 - d1 * d2)
    return Split(x, 1.0 - x)


def rubinstein_interval(r1: float, r2: float, dt: float) -> Split:
    """Equilibrium split when offers are ``dt`` apart and players discount at rates ``r_i``.

    ``d_i = exp(-r_i * dt)`` (Binmore, Rubinstein & Wolinsky 1986).
    """
    if r1 <= 0 or r2 <= 0 or dt <= 0:
        raise ValueError("discount rates and the time between offers must be positive")
    return rubinstein(math.exp(-r1 * dt), math.exp(-r2 * dt))


def rubinstein_limit(r1: float, r2: float) -> Split:
    """The limit of :func:`rubinstein_interval` as ``dt -> 0``: shares ``r2/(r1+r2)``
    and ``r1/(r1+r2)`` (Binmore, Rubinstein & Wolinsky 1986; Osborne & Rubinstein 1990,
    chapter 4): the more patient player (lower rate) gets more."""
    if r1 <= 0 or r2 <= 0:
        raise ValueError("discount rates must be positive")
    return Split(r2 / (r1 + r2), r1 / (r1 + r2))


def rubinstein_fixed_costs(c1: float, c2: float) -> Split:
    """Equilibrium split with fixed per-round costs ``c1`` (first proposer) and ``c2``.

    Source: Rubinstein (1982), fixed-bargaining-cost case: ``c1 < c2`` gives
    player 1 everything; ``c1 > c2`` gives player 1 exactly ``c2``; equal costs
    ``c < 1`` allow every share in ``[c, 1]`` (``unique=False``; ``player1`` reports the
    lower end).
    """
    if c1 <= 0 or c2 <= 0:
        raise ValueError("bargaining costs must be positive")
    if c1 < c2:
        return Split(1.0, 0.0)
    if c1 > c2:
        share = min(c2, 1.0)
        return Split(share, 1.0 - share)
    if c1 >= 1.0:
        return Split(1.0, 0.0)
    return Split(c1, 1.0 - c1, unique=False, low=c1, high=1.0)

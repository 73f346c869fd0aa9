"""Fearon's bargaining range and the risk-return trade-off under private information.

Fearon (1995), "Rationalist Explanations for War", International Organization 49(3),
379-414. Two states divide an issue space ``[0, 1]``; ``x`` is A's share. War gives A
the expected share ``p`` at cost ``c_A`` and B ``1 - p`` at cost ``c_B`` (both in
issue-space units).

- **Bargaining range** (Fearon 1995, the bargaining-range argument and Figure 1): every
  ``x`` in ``[p - c_A, p + c_B]`` is preferred by both to war; the range has width
  ``c_A + c_B > 0`` whenever war is costly.
- **Screening with private information** (Fearon 1995, section "Private information
  and incentives to misrepresent"): A makes a take-it-or-leave-it offer ``x`` and B
  fights if ``x`` exceeds its acceptance threshold ``p + c_B``. When A is uncertain
  about B's threshold it faces a risk-return trade-off: a larger demand pays more if
  accepted but is rejected more often. We solve Fearon's trade-off in closed form for
  a uniform prior (our derivation; the uniform case is the textbook illustration):

  *uncertain cost* ``c_B ~ U[a, b]`` (A's war payoff ``p - c_A`` is known):
  ``x* = p + (b - c_A) / 2`` clipped to ``[p + a, p + b]``;

  *uncertain strength* ``p ~ U[a, b]`` (A's war payoff ``p - c_A`` then depends on the
  unknown ``p`` too): ``x* = b - c_A`` clipped to ``[a + c_B, b + c_B]``; the probability
  of war is ``max(0, 1 - (c_A + c_B) / (b - a))``.

  Offers are also clipped to the issue space ``[0, 1]``; the expected utility is
  concave on the uncertain stretch and monotone outside it, so clipping is optimal.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal


@dataclass(frozen=True)
class BargainingRange:
    """Deals both sides prefer to war, ``[low, high]`` (A's share), within ``[0, 1]``."""

    low: float
    high: float
    width: float
    empty: bool

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return asdict(self)


@dataclass(frozen=True)
class ScreeningOffer:
    """A's optimal take-it-or-leave-it offer under uncertainty, and what follows."""

    offer: float
    p_war: float
    expected_utility: float
    uncertain: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return asdict(self)


def bargaining_range(p: float, c_a: float, c_b: float) -> BargainingRange:
    """The bargaining range ``[p - c_A, p + c_B]`` (Fearon 1995, Figure 1), cut to [0, 1].

    Parameters
    ----------
    p:
        A's probability of winning a war (its expected share).
    c_a, c_b:
        Costs of war to A and B, in units of the issue.
    """
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"p must lie in [0, 1], not {p}")
    low, high = max(0.0, p - c_a), min(1.0, p + c_b)
    return BargainingRange(low, high, max(0.0, high - low), high < low)


def _clip(x: float, low: float, high: float) -> float:
    return min(max(x, low), high)


def screening_offer(p: float, c_a: float, c_b: float | None = None, *,
                    low: float, high: float,
                    uncertain: Literal["cost", "strength"] = "cost") -> ScreeningOffer:
    """A's optimal offer when B's cost or the balance of power is uniformly uncertain.

    Source: Fearon (1995), section "Private information and incentives to
    misrepresent" (the risk-return trade-off); closed forms in the module docstring.

    Parameters
    ----------
    p:
        A's probability of winning (ignored when ``uncertain="strength"``).
    c_a:
        A's cost of war.
    c_b:
        B's cost of war (needed when ``uncertain="strength"``).
    low, high:
        The uniform prior's support: of ``c_B`` (``cost``) or of ``p`` (``strength``).
    uncertain:
        What A does not know.
    """
    if not low < high:
        raise ValueError("the prior needs low < high")
    span = high - low
    if uncertain == "cost":
        k, w, w0 = p, 0.0, p - c_a
    elif uncertain == "strength":
        if c_b is None:
            raise ValueError("uncertain='strength' needs c_b")
        k, w, w0 = c_b, 1.0, -c_a
    else:
        raise ValueError(f"unknown uncertainty {uncertain!r}")
    # B's threshold is theta + k with theta ~ U[low, high]; A's war payoff is w*theta + w0.
    interior = (high + k * (1.0 - w) + w0) / (2.0 - w)
    offer = _clip(_clip(interior, low + k, high + k), 0.0, 1.0)
    cut = _clip(offer - k, low, high)             # B fights when theta < cut
    p_war = (cut - low) / span
    war_part = (w * (cut**2 - low**2) / 2.0 + w0 * (cut - low)) / span
    eu = offer * (1.0 - p_war) + war_part
    return ScreeningOffer(offer, p_war, eu, uncertain)

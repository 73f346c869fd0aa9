"""Bargaining solutions picked from a discrete Pareto frontier.

Conventions (selectable, defaults follow NegMAS 0.16 ``negmas.preferences.ops``):

- disagreement point ``d``: ``negmas`` uses ``max(reservation value, minimum utility over
  the whole feasible space)``; ``reservation`` uses the reservation value itself.
- ideal point for Kalai–Smorodinsky: ``space`` takes each party's maximum over the whole
  feasible space (NegMAS); ``acceptable`` takes it over the acceptable set (the textbook
  Kalai & Smorodinsky 1975 ideal, restricted to individually rational outcomes).

Solutions (all discrete: a frontier point, no lotteries):

- Nash (1950): maximise ``prod_i (u_i - d_i)``; the weighted (asymmetric) version of
  Kalai (1977) / Roth (1979) maximises ``sum_i w_i log(u_i - d_i)`` with ``w`` the
  parties' capability shares.
- Kalai–Smorodinsky (1975), NegMAS's discrete reading: with gains
  ``a_i = (u_i - d_i)/(ideal_i - d_i)``, the point minimising ``max_i a_i - min_i a_i``.
- Egalitarian (Kalai 1977; NegMAS calls it "kalai"): maximise ``min_i (u_i - d_i)``.
- Utilitarian: maximise ``sum_i u_i`` (raw utilities, as NegMAS's max welfare).

Ties are broken by the larger utility sum, then by frontier order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

SOLUTIONS = ("nash", "nash_weighted", "kalai_smorodinsky", "egalitarian", "utilitarian")


@dataclass(frozen=True)
class Conventions:
    """Which disagreement and ideal points the solutions use."""

    disagreement: Literal["negmas", "reservation"] = "negmas"
    ideal: Literal["space", "acceptable"] = "space"


def disagreement_point(reservation: np.ndarray, space_min: np.ndarray,
                       conventions: Conventions) -> np.ndarray:
    """The disagreement point under ``conventions``."""
    if conventions.disagreement == "negmas":
        return np.maximum(reservation, space_min)
    return reservation.astype(float).copy()


def _pick(score: np.ndarray, front: np.ndarray, *, maximise: bool = True) -> int | None:
    valid = np.isfinite(score)
    if not valid.any():
        return None
    s = np.where(valid, score, -np.inf if maximise else np.inf)
    best = s.max() if maximise else s.min()
    tol = 1e-12 * abs(float(best))
    ties = np.flatnonzero(np.abs(s - best) <= tol) if np.isfinite(best) else np.flatnonzero(
        s == best)
    if ties.size == 1:
        return int(ties[0])
    sums = front[ties].sum(axis=1)
    return int(ties[np.argmax(sums)])


def nash(front: np.ndarray, d: np.ndarray, weights: np.ndarray | None = None) -> int | None:
    """Index of the (weighted) Nash bargaining point on ``front``.

    The symmetric product is taken over all frontier points (gains of zero give a
    product of zero, as in NegMAS); the weighted version needs every gain positive.
    """
    if front.shape[0] == 0:
        return None
    gains = front - d
    if weights is None:
        score = np.prod(gains, axis=1)
        score = np.where(np.all(gains >= 0, axis=1), score, np.nan)
        return _pick(score, front)
    with np.errstate(divide="ignore", invalid="ignore"):
        score = np.where(np.all(gains > 0, axis=1),
                         (np.log(np.where(gains > 0, gains, 1.0)) * weights).sum(axis=1), np.nan)
    return _pick(score, front)


def kalai_smorodinsky(front: np.ndarray, d: np.ndarray, ideal: np.ndarray) -> int | None:
    """Index of the Kalai–Smorodinsky point (smallest spread of normalised gains)."""
    if front.shape[0] == 0:
        return None
    span = ideal - d
    gains = front - d
    with np.errstate(divide="ignore", invalid="ignore"):
        a = np.where(span != 0, gains / np.where(span != 0, span, 1.0), gains)
    spread = a.max(axis=1) - a.min(axis=1)
    spread = np.where(np.all(gains >= 0, axis=1), spread, np.nan)
    return _pick(spread, front, maximise=False)


def egalitarian(front: np.ndarray, d: np.ndarray) -> int | None:
    """Index of the egalitarian point: the largest smallest gain."""
    if front.shape[0] == 0:
        return None
    gains = front - d
    score = np.where(np.all(gains >= 0, axis=1), gains.min(axis=1), np.nan)
    return _pick(score, front)


def utilitarian(front: np.ndarray) -> int | None:
    """Index of the utilitarian point: the largest utility sum."""
    if front.shape[0] == 0:
        return None
    return _pick(front.sum(axis=1), front)


def solve_all(front: np.ndarray, d: np.ndarray, ideal: np.ndarray,
              weights: np.ndarray) -> dict[str, int | None]:
    """Every solution's index on ``front`` (``None`` when the frontier is empty)."""
    return {
        "nash": nash(front, d),
        "nash_weighted": nash(front, d, weights),
        "kalai_smorodinsky": kalai_smorodinsky(front, d, ideal),
        "egalitarian": egalitarian(front, d),
        "utilitarian": utilitarian(front),
    }

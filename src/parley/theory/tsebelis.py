"""Veto players: the winset of the status quo.

Tsebelis (1995), "Decision Making in Political Systems", British Journal of Political
Science 25(3), 289-325; Tsebelis (2002), *Veto Players: How Political Institutions
Work*, Princeton University Press, chapter 1. Each veto player ``i`` has an ideal point
``v_i`` and Euclidean preferences; it prefers ``x`` to the status quo ``SQ`` when ``x``
is closer to ``v_i``. The *winset* ``W(SQ)`` is the set of points every veto player
prefers to ``SQ``: the intersection of the discs (intervals in one dimension) centred
on the ``v_i`` that pass through ``SQ``. When ``W(SQ)`` is empty the status quo cannot be
changed (policy stability); this happens exactly when ``SQ`` lies in the unanimity core,
the convex hull of the ideal points.

The computations are geometric:

- one dimension: ``W(SQ) = [max_i (v_i - d_i), min_i (v_i + d_i)]`` with
  ``d_i = |SQ - v_i|``; it is empty (only ``SQ`` itself) when ``SQ`` lies between the
  smallest and the largest ideal;
- two dimensions: ``W(SQ)`` has interior iff all directions ``v_i - SQ`` lie in an open
  half-plane (``SQ`` outside the convex hull), tested by the largest angular gap
  between them exceeding pi; its area is that of the intersection of discs, from its
  vertices (pairwise circle intersections inside every disc) as a polygon plus the
  circular segments between consecutive vertices (walking the boundary
  anticlockwise, each segment lies to the right of its chord).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Winset1D:
    """The winset of the status quo on one dimension: ``[low, high]``."""

    low: float
    high: float
    width: float
    empty: bool

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {"low": self.low, "high": self.high, "width": self.width, "empty": self.empty}


@dataclass(frozen=True)
class Winset2D:
    """The winset of the status quo in the plane: empty or not, and its area."""

    empty: bool
    area: float
    vertices: np.ndarray

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {"empty": self.empty, "area": self.area,
                "vertices": [[float(a), float(b)] for a, b in self.vertices]}


def winset_1d(ideals: Any, status_quo: float) -> Winset1D:
    """Points every veto player prefers to ``status_quo`` on one dimension.

    Source: Tsebelis (2002), chapter 1 (winset of the status quo as the intersection of
    the players' preferred-to sets).
    """
    v = np.asarray(ideals, dtype=float).ravel()
    if v.size == 0:
        raise ValueError("give at least one veto player")
    d = np.abs(v - status_quo)
    low, high = float(np.max(v - d)), float(np.min(v + d))
    width = max(0.0, high - low)
    empty = bool(v.min() <= status_quo <= v.max())    # SQ in the unanimity core
    return Winset1D(low, high, 0.0 if empty else width, empty)


def _circle_points(c1: np.ndarray, r1: float, c2: np.ndarray, r2: float) -> list[np.ndarray]:
    dvec = c2 - c1
    dist = float(np.hypot(*dvec))
    if dist == 0.0 or dist > r1 + r2 or dist < abs(r1 - r2):
        return []
    a = (r1 * r1 - r2 * r2 + dist * dist) / (2 * dist)
    h = math.sqrt(max(r1 * r1 - a * a, 0.0))
    mid = c1 + a * dvec / dist
    perp = np.array([-dvec[1], dvec[0]]) / dist
    return [mid + h * perp, mid - h * perp]


def winset_2d(ideals: Any, status_quo: Any) -> Winset2D:
    """The winset of the status quo with Euclidean preferences in two dimensions.

    Source: Tsebelis (2002), chapter 1 (figures of circular indifference curves
    through the status quo; the unanimity core). Emptiness by the half-plane test and
    area by the arc-polygon construction described in the module docstring.

    Parameters
    ----------
    ideals:
        Veto players' ideal points, shape ``(n, 2)``.
    status_quo:
        The status quo, shape ``(2,)``.
    """
    v = np.asarray(ideals, dtype=float).reshape(-1, 2)
    sq = np.asarray(status_quo, dtype=float).reshape(2)
    if v.shape[0] == 0:
        raise ValueError("give at least one veto player")
    w = v - sq
    r = np.hypot(w[:, 0], w[:, 1])
    scale = max(1.0, float(np.abs(v).max()), float(np.abs(sq).max()))
    tol = 1e-9 * scale
    none = np.zeros((0, 2))
    if np.any(r <= tol):
        return Winset2D(True, 0.0, none)
    ang = np.sort(np.arctan2(w[:, 1], w[:, 0]))
    gaps = np.diff(np.concatenate([ang, [ang[0] + 2 * math.pi]]))
    if gaps.max() <= math.pi + 1e-12:
        return Winset2D(True, 0.0, none)

    def inside(p: np.ndarray) -> bool:
        return bool(np.all(np.hypot(*(v - p).T) <= r + tol))

    # a disc inside every other disc is the winset (discs all pass through SQ)
    for i in np.argsort(r):
        if inside(v[i] + r[i] * np.array([1.0, 0.0])) and all(
                float(np.hypot(*(v[i] - v[j]))) + r[i] <= r[j] + tol for j in range(len(v))):
            return Winset2D(False, float(math.pi * r[i] ** 2), none)
    pts: list[np.ndarray] = [sq]
    for i in range(len(v)):
        for j in range(i + 1, len(v)):
            for p in _circle_points(v[i], r[i], v[j], r[j]):
                if inside(p) and all(float(np.hypot(*(p - q))) > 1e3 * tol for q in pts):
                    pts.append(p)
    verts = np.array(pts)
    centre = verts.mean(axis=0)
    order = np.argsort(np.arctan2(verts[:, 1] - centre[1], verts[:, 0] - centre[0]))
    verts = verts[order]
    x, y = verts[:, 0], verts[:, 1]
    area = 0.5 * abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))))
    m = len(verts)
    for k in range(m):
        a, b = verts[k], verts[(k + 1) % m]
        best = 0.0
        for i in range(len(v)):
            if abs(np.hypot(*(a - v[i])) - r[i]) > 1e3 * tol or \
                    abs(np.hypot(*(b - v[i])) - r[i]) > 1e3 * tol:
                continue
            t1 = math.atan2(a[1] - v[i][1], a[0] - v[i][0])
            t2 = math.atan2(b[1] - v[i][1], b[0] - v[i][0])
            minor = (t2 - t1) % (2 * math.pi)
            for phi, start in ((minor, t1), (2 * math.pi - minor, t2)):
                midang = start + phi / 2
                mid = v[i] + r[i] * np.array([math.cos(midang), math.sin(midang)])
                chord = b - a
                right = chord[0] * (mid[1] - a[1]) - chord[1] * (mid[0] - a[0]) < 0
                if right and inside(mid):
                    seg = 0.5 * r[i] ** 2 * (phi - math.sin(phi))
                    if best == 0.0 or seg < best:
                        best = seg
        area += best
    return Winset2D(False, float(area), verts)

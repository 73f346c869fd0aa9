"""Veto-player winsets against brute-force grids."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parley.theory import winset_1d, winset_2d

coord = st.floats(-1.0, 1.0, allow_nan=False)


@given(st.lists(coord, min_size=1, max_size=6), coord)
@settings(max_examples=60, deadline=None)
def test_1d_winset_matches_grid(ideals: list[float], sq: float) -> None:
    xs = np.linspace(-4, 4, 80001)
    v = np.array(ideals)
    ok = np.all(np.abs(xs[:, None] - v) < np.abs(sq - v), axis=1)
    got = winset_1d(ideals, sq)
    if ok.sum() < 3:
        assert got.empty or got.width < 3e-4
    else:
        assert not got.empty
        assert got.low == pytest.approx(xs[ok].min(), abs=2e-4)
        assert got.high == pytest.approx(xs[ok].max(), abs=2e-4)
    assert got.empty == (min(ideals) <= sq <= max(ideals))


def grid_area(ideals: np.ndarray, sq: np.ndarray, n: int = 1201) -> float:
    r = np.hypot(*(ideals - sq).T)
    lo = (ideals - r[:, None]).min(axis=0)
    hi = (ideals + r[:, None]).max(axis=0)
    gx = np.linspace(lo[0], hi[0], n)
    gy = np.linspace(lo[1], hi[1], n)
    xx, yy = np.meshgrid(gx, gy)
    inside = np.ones_like(xx, dtype=bool)
    for c, rad in zip(ideals, r, strict=True):
        inside &= np.hypot(xx - c[0], yy - c[1]) < rad
    return float(inside.sum() * (gx[1] - gx[0]) * (gy[1] - gy[0]))


@given(st.lists(st.tuples(coord, coord), min_size=1, max_size=5), st.tuples(coord, coord))
@settings(max_examples=40, deadline=None)
def test_2d_winset_area_matches_grid(ideals: list[tuple[float, float]],
                                     sq: tuple[float, float]) -> None:
    v, q = np.array(ideals), np.array(sq)
    r = np.hypot(*(v - q).T)
    got = winset_2d(v, q)
    ref = grid_area(v, q)
    scale = float((2 * r.max()) ** 2) / 1200 * 4 + 1e-9     # grid error ~ perimeter * step
    assert got.area == pytest.approx(ref, abs=max(scale, 0.01 * ref))
    if got.empty:
        assert ref <= scale


def test_2d_textbook_cases() -> None:
    # status quo inside the triangle of ideals: in the unanimity core, winset empty
    tri = np.array([[0, 0], [2, 0], [1, 2]])
    assert winset_2d(tri, [1, 0.5]).empty
    # on the edge of the hull: still nothing beats it
    assert winset_2d(tri, [1, 0]).empty
    # outside: two players 2 apart, SQ at (1, 1): a lens of two quarter-disc segments
    lens = winset_2d([[0, 0], [2, 0]], [1, 1])
    assert not lens.empty and lens.area == pytest.approx(np.pi - 2)
    # one veto player: the whole disc through SQ
    assert winset_2d([[0, 0]], [3, 4]).area == pytest.approx(25 * np.pi)

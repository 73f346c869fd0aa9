"""Tests for :mod:`parley.bargaining.pareto` against brute-force references.

The references are written here straight from the definition of Pareto dominance:
``y`` dominates ``x`` when ``y >= x`` in every coordinate and ``y > x`` in at least
one; equal vectors do not dominate each other.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from parley.bargaining.pareto import FoldTooLarge, fold_frontier, nondominated

# --------------------------------------------------------------------- references


def dominates(y: np.ndarray, x: np.ndarray) -> bool:
    """Whether ``y`` Pareto-dominates ``x``."""
    return bool(np.all(y >= x) and np.any(y > x))


def brute_nondominated(points: np.ndarray) -> list[int]:
    """O(n^2) reference: row i is kept iff no other row dominates it."""
    n = points.shape[0]
    return [i for i in range(n)
            if not any(dominates(points[j], points[i]) for j in range(n) if j != i)]


def brute_nondominated_fast(points: np.ndarray) -> list[int]:
    """The same O(n^2) definition, vectorised (for the larger inputs)."""
    ge = (points[None, :, :] >= points[:, None, :]).all(axis=2)  # [i, j]: row j >= row i
    gt = (points[None, :, :] > points[:, None, :]).any(axis=2)
    return np.flatnonzero(~(ge & gt).any(axis=1)).tolist()


# --------------------------------------------------------------------- strategies

#: Small value sets make ties and duplicate rows common.
_VALUE_SETS = [
    st.sampled_from([0.0, 0.5, 1.0]),
    st.sampled_from([-1.0, 0.0, 1.0, 2.0]),
    st.floats(-1, 1, allow_nan=False, width=64),
    st.integers(-3, 3).map(float),
]


@st.composite
def point_sets(draw: st.DrawFn, d_min: int = 1, d_max: int = 6, n_max: int = 40) -> np.ndarray:
    """Point sets with many exact duplicates and ties."""
    d = draw(st.integers(d_min, d_max))
    elements = draw(st.sampled_from(_VALUE_SETS))
    n_distinct = draw(st.integers(1, n_max))
    base = draw(arrays(np.float64, (n_distinct, d), elements=elements))
    n = draw(st.integers(0, n_max))
    rows = draw(st.lists(st.integers(0, n_distinct - 1), min_size=n, max_size=n))
    return base[rows] if rows else np.zeros((0, d))


# ---------------------------------------------------------------- nondominated


@settings(deadline=None, max_examples=300)
@given(point_sets())
def test_nondominated_matches_brute_force(points: np.ndarray) -> None:
    got = nondominated(points)
    assert got.tolist() == brute_nondominated(points)
    assert got.dtype.kind == "i"


@settings(deadline=None, max_examples=40)
@given(st.integers(2, 6), st.integers(600, 1600), st.integers(0, 2**32 - 1),
       st.sampled_from([2, 3, 5, 0]))
def test_nondominated_many_rows(d: int, n: int, seed: int, levels: int) -> None:
    """Inputs larger than the internal 512-row blocks (levels=0: continuous values)."""
    rng = np.random.default_rng(seed)
    if levels:
        points = rng.integers(0, levels, size=(n, d)).astype(float)
    else:
        # continuous values on a curved front, so that many rows are non-dominated
        raw = rng.random((n, d))
        points = raw / np.linalg.norm(raw, axis=1, keepdims=True) * rng.random((n, 1)) ** 0.1
    assert nondominated(points).tolist() == brute_nondominated_fast(points)


@settings(deadline=None, max_examples=200)
@given(point_sets())
def test_frontier_invariants(points: np.ndarray) -> None:
    front = set(nondominated(points).tolist())
    for i in front:
        for j in front:
            assert not dominates(points[j], points[i])
    for i in set(range(points.shape[0])) - front:
        assert any(dominates(points[j], points[i]) for j in front)


@pytest.mark.parametrize(("points", "expected"), [
    # the docstring example: ties (rows 0 and 4) are both kept
    ([[1, 0], [0, 1], [0.5, 0.5], [0.4, 0.4], [1, 0]], [0, 1, 2, 4]),
    ([[0.3, 0.3, 0.3]], [0]),
    ([[1, 1, 1], [1, 1, 1], [1, 1, 1]], [0, 1, 2]),
    ([[1, 1, 1], [1, 1, 0], [0, 1, 1], [1, 0, 1]], [0]),
    ([[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 0]], [0, 1, 2]),
    ([[2], [1], [2], [0]], [0, 2]),
    ([[0, 5], [0, 4], [1, 4], [1, 4]], [0, 2, 3]),
    ([[-1.0, -2.0], [-1.0, -2.0]], [0, 1]),
    ([[1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 7], [6, 5, 4, 3, 2, 1]], [1, 2]),
])
def test_nondominated_small_cases(points: list[list[float]], expected: list[int]) -> None:
    assert nondominated(np.array(points, dtype=float)).tolist() == expected


def test_nondominated_degenerate_shapes() -> None:
    assert nondominated(np.zeros((0, 3))).tolist() == []
    assert nondominated(np.zeros((4, 0))).tolist() == [0, 1, 2, 3]
    assert nondominated(np.array([[np.inf, 0.0], [1.0, 1.0]])).tolist() == [0, 1]


# ---------------------------------------------------------------- fold_frontier

#: Dyadic values: every sum is exact, so the order of additions cannot matter.
_DYADIC = st.integers(-8, 8).map(lambda k: k / 4)


@st.composite
def minkowski_problems(draw: st.DrawFn) -> tuple[list[np.ndarray], np.ndarray | None]:
    d = draw(st.integers(2, 4))
    n_parts = draw(st.integers(1, 4))
    parts = [draw(arrays(np.float64, (draw(st.integers(1, 5)), d), elements=_DYADIC))
             for _ in range(n_parts)]
    if not draw(st.booleans()):
        return parts, None
    # floors: -inf (unconstrained) or a level near the achievable range
    floors = np.array([draw(st.one_of(st.just(-np.inf), st.integers(-12, 12).map(lambda k: k / 4)))
                       for _ in range(d)])
    return parts, floors


def brute_fold(parts: list[np.ndarray], floors: np.ndarray | None) -> tuple[
        set[tuple[int, ...]], set[tuple[float, ...]]]:
    """Every choice of one row per part whose sum is on the frontier of the sums >= floors."""
    combos = list(itertools.product(*[range(p.shape[0]) for p in parts]))
    sums = np.array([sum(p[c] for p, c in zip(parts, combo, strict=True))
                     for combo in combos])
    keep = np.ones(len(combos), dtype=bool) if floors is None else np.all(sums >= floors, axis=1)
    combos = [c for c, k in zip(combos, keep, strict=True) if k]
    sums = sums[keep]
    front = brute_nondominated(sums) if len(combos) else []
    return {combos[i] for i in front}, {tuple(sums[i]) for i in front}


@settings(deadline=None, max_examples=400)
@given(minkowski_problems())
def test_fold_frontier_matches_brute_force(problem: tuple[list[np.ndarray], np.ndarray | None]
                                           ) -> None:
    parts, floors = problem
    choice = fold_frontier(parts, floors)
    assert choice.ndim == 2 and choice.shape[1] == len(parts)
    sums = np.array([sum(p[c] for p, c in zip(parts, row, strict=True)) for row in choice])
    sums = sums.reshape(choice.shape[0], parts[0].shape[1])
    want_combos, want_vectors = brute_fold(parts, floors)
    # same frontier, as a set of utility vectors
    assert {tuple(s) for s in sums} == want_vectors
    # every returned sum meets the floors and no returned sum dominates another
    if floors is not None:
        assert np.all(sums >= floors)
    assert nondominated(sums).size == sums.shape[0]
    # and, as documented, every package on the frontier is returned, each exactly once
    rows = [tuple(int(c) for c in row) for row in choice]
    assert len(rows) == len(set(rows))
    assert set(rows) == want_combos


@settings(deadline=None, max_examples=100)
@given(minkowski_problems())
def test_fold_floors_equal_filtering_the_unconstrained_frontier(
        problem: tuple[list[np.ndarray], np.ndarray | None]) -> None:
    """If y dominates x and x clears the floors, so does y: floors commute with the frontier."""
    parts, floors = problem
    if floors is None:
        floors = np.zeros(parts[0].shape[1])
    free = fold_frontier(parts)
    free_sums = np.array([sum(p[c] for p, c in zip(parts, row, strict=True)) for row in free])
    kept = {tuple(int(c) for c in row) for row, s in zip(free, free_sums, strict=True)
            if np.all(s >= floors)}
    floored = {tuple(int(c) for c in row) for row in fold_frontier(parts, floors)}
    assert floored == kept


def test_fold_small_example() -> None:
    # parts {(0,1),(1,0)} + {(0,0),(1,1)}: sums (0,1) (1,2) (1,0) (2,1); frontier (1,2), (2,1)
    a = np.array([[0.0, 1.0], [1.0, 0.0]])
    b = np.array([[0.0, 0.0], [1.0, 1.0]])
    got = {tuple(r) for r in fold_frontier([a, b]).tolist()}
    assert got == {(0, 1), (1, 1)}
    # a floor of 1.5 on the second coordinate keeps only (1,2)
    got = {tuple(r) for r in fold_frontier([a, b], np.array([-np.inf, 1.5])).tolist()}
    assert got == {(0, 1)}
    # an unreachable floor leaves nothing
    assert fold_frontier([a, b], np.array([5.0, -np.inf])).shape[0] == 0


def test_fold_empty_result_shape() -> None:
    # pruned empty at the first part: still one column per part
    a = np.array([[0.0, 1.0], [1.0, 0.0]])
    b = np.array([[0.0, 0.0], [1.0, 1.0]])
    assert fold_frontier([a, b, b], np.array([5.0, -np.inf])).shape == (0, 3)


def test_fold_too_large() -> None:
    parts = [np.array([[float(k), float(-k)] for k in range(10)])] * 3
    with pytest.raises(FoldTooLarge):
        fold_frontier(parts, max_candidates=50)


# ------------------------------------------------- large inputs (the bitset filter path)


def _chunked_oracle(points: np.ndarray) -> np.ndarray:
    """All-pairs dominance, written independently, in row chunks to bound memory."""
    keep = np.ones(points.shape[0], dtype=bool)
    for start in range(0, points.shape[0], 128):
        x = points[start:start + 128]
        ge = (points[None, :, :] >= x[:, None, :]).all(axis=2)
        gt = (points[None, :, :] > x[:, None, :]).any(axis=2)
        keep[start:start + 128] = ~(ge & gt).any(axis=1)
    return np.flatnonzero(keep)


@pytest.mark.parametrize("d", [3, 4, 5, 6])
@pytest.mark.parametrize("kind", ["continuous", "grid", "correlated"])
def test_large_inputs_match_all_pairs_oracle(d: int, kind: str) -> None:
    rng = np.random.default_rng(100 * d + len(kind))
    n = 5000  # above the size where the bitset filter takes over
    if kind == "continuous":
        pts = rng.random((n, d))
        pts = np.concatenate([pts, pts[:250]])  # exact duplicates
    elif kind == "grid":
        pts = rng.integers(0, 5, size=(n, d)).astype(float)  # many ties per coordinate
    else:  # anti-correlated: a large frontier
        base = rng.random((n, 1))
        pts = np.concatenate([base, 1 - base + 0.05 * rng.random((n, d - 1))], axis=1)
    got = nondominated(pts)
    assert np.array_equal(got, _chunked_oracle(pts))

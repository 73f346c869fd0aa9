"""Pareto frontiers: a vectorised non-dominated filter and a block-folding frontier.

Dominance is the usual one: ``y`` dominates ``x`` when ``y >= x`` for every party
and ``y > x`` for at least one. Equal utility vectors do not dominate each other,
so ties are all kept.

Folding uses a property of additive utilities over a product space: the frontier
of a Minkowski sum ``A + B`` is contained in ``frontier(A) + frontier(B)``. Each
block of linked issues is reduced to its own frontier first, then the blocks are
added one at a time, pruning after each step, so the full product space is never
listed. Acceptability bounds (a partial sum that cannot reach a party's
reservation value even with the best remaining blocks) prune further.
"""

from __future__ import annotations

import numpy as np

#: Candidate rows compared against the frontier at once.
_BLOCK = 512
#: Largest boolean comparison tensor (rows x frontier x parties) built at once.
_MAX_CELLS = 1 << 23


def _dominated_by(front: np.ndarray, x: np.ndarray) -> np.ndarray:
    """For each row of ``x``: is it dominated by some row of ``front``?

    ``front`` is scanned in growing chunks and rows of ``x`` leave the search as soon
    as a dominator is found, so dominated rows (usually most) cost little when
    ``front`` is ordered with strong points first.
    """
    n, d = x.shape
    out = np.zeros(n, dtype=bool)
    if front.shape[0] == 0 or n == 0:
        return out
    alive = np.arange(n)
    start, step = 0, 32
    while start < front.shape[0] and alive.size:
        step = max(1, min(step, _MAX_CELLS // max(1, alive.size * d)))
        f = front[start:start + step]
        xa = x[alive]
        ge = f[None, :, 0] >= xa[:, None, 0]
        for j in range(1, d):
            ge &= f[None, :, j] >= xa[:, None, j]
        hit = ge.any(axis=1)
        if hit.any():
            rows = np.flatnonzero(hit)
            sub_ge = ge[rows]
            xs = xa[rows]
            eq = f[None, :, 0] == xs[:, None, 0]
            for j in range(1, d):
                eq &= f[None, :, j] == xs[:, None, j]
            dom = np.zeros(alive.size, dtype=bool)
            dom[rows] = (sub_ge & ~eq).any(axis=1)
            out[alive[dom]] = True
            alive = alive[~dom]
        start += f.shape[0]
        step *= 2
    return out


def _nd_2d(points: np.ndarray) -> np.ndarray:
    x, y = points[:, 0], points[:, 1]
    order = np.lexsort((-y, -x))  # x descending, then y descending
    xs, ys = x[order], y[order]
    new_group = np.empty(xs.size, dtype=bool)
    new_group[0] = True
    new_group[1:] = xs[1:] != xs[:-1]
    group_id = np.cumsum(new_group) - 1
    starts = np.flatnonzero(new_group)
    group_max = ys[starts][group_id]
    running = np.maximum.accumulate(ys)
    prev = np.full(starts.size, -np.inf)
    prev[1:] = running[starts[1:] - 1]
    keep = (ys == group_max) & (ys > prev[group_id])
    return np.sort(order[keep])


#: Quantile buckets per coordinate in the bitset filter.
_BUCKETS = 128
#: Inputs at least this large (and with d >= 3) use the bitset filter.
_BITSET_MIN = 4096


def _nd_bitset(pts: np.ndarray) -> np.ndarray:
    """Positions (into ``pts``, already sorted so dominators come first) of the frontier.

    Each coordinate is cut into quantile buckets. For every bucket ``k`` of every
    coordinate ``j`` a packed bitset marks the frontier points found so far whose
    bucket in ``j`` is at least ``k``. For a candidate ``x``, AND-ing one bitset per
    coordinate gives the frontier points that *may* dominate it (bucket >= x's in
    every coordinate: necessary for ``f >= x``) and, one bucket higher, points that
    *certainly* dominate it (``f > x`` everywhere). Only candidates in between are
    compared exactly, and only against the flagged points. This is a bitmap-index
    skyline filter in the spirit of Tan, Eng & Ooi (2001), "Efficient progressive
    skyline computation", VLDB.
    """
    n, d = pts.shape
    cuts = np.quantile(pts, np.linspace(0.0, 1.0, _BUCKETS + 1)[1:-1], axis=0).T
    code = np.stack([np.searchsorted(cuts[j], pts[:, j], side="right") for j in range(d)],
                    axis=1)  # bucket of each coordinate, 0.._BUCKETS-1
    levels = np.arange(_BUCKETS + 1)[:, None]
    ge = np.zeros((d, _BUCKETS + 1, 8), dtype=np.uint64)  # grows as the frontier grows
    front = np.empty(n, dtype=np.int64)  # frontier position -> index into pts
    size = 0
    for start in range(0, n, _BLOCK):
        block = pts[start:start + _BLOCK]
        bc = code[start:start + _BLOCK]
        dominated = np.zeros(block.shape[0], dtype=bool)
        if size:
            words = (size + 63) // 64
            maybe = ge[0, bc[:, 0], :words].copy()
            sure = ge[0, bc[:, 0] + 1, :words].copy()
            for j in range(1, d):
                maybe &= ge[j, bc[:, j], :words]
                sure &= ge[j, bc[:, j] + 1, :words]
            dominated = np.asarray(np.any(sure, axis=1))
            unsure = np.flatnonzero(maybe.any(axis=1) & ~dominated)
            if unsure.size:
                bits = np.unpackbits(maybe[unsure].view(np.uint8), axis=1,
                                     bitorder="little")[:, :size].astype(bool)
                row, col = np.nonzero(bits)
                f = pts[front[col]]
                x = block[unsure[row]]
                hit = np.all(f >= x, axis=1) & np.any(f > x, axis=1)
                dom = np.zeros(unsure.size, dtype=bool)
                dom[row[hit]] = True
                dominated[unsure] = dom
        idx = np.flatnonzero(~dominated)
        if idx.size > 1:
            idx = idx[~_dominated_by(block[idx], block[idx])]
        if idx.size == 0:
            continue
        new = idx + start
        lo, hi = size, size + new.size
        need = (hi + 63) // 64
        if need > ge.shape[2]:
            grown = np.zeros((d, _BUCKETS + 1, max(need, 2 * ge.shape[2])), dtype=np.uint64)
            grown[:, :, :ge.shape[2]] = ge
            ge = grown
        w0 = lo // 64
        seg = np.zeros((d, _BUCKETS + 1, (need - w0) * 64), dtype=bool)
        cols = np.arange(lo, hi) - w0 * 64
        for j in range(d):
            seg[j][:, cols] = levels <= code[new, j][None, :]
        ge[:, :, w0:need] |= np.packbits(seg, axis=-1, bitorder="little").view(np.uint64)
        front[lo:hi] = new
        size = hi
    return front[:size]


def nondominated(points: np.ndarray) -> np.ndarray:
    """Indices (ascending) of the rows of ``points`` that no other row dominates.

    Parameters
    ----------
    points:
        Array of shape ``(n, d)``: one utility vector per row (larger is better).

    Examples
    --------
    >>> import numpy as np
    >>> nondominated(np.array([[1, 0], [0, 1], [0.5, 0.5], [0.4, 0.4], [1, 0]])).tolist()
    [0, 1, 2, 4]
    """
    points = np.asarray(points, dtype=float)
    n = points.shape[0]
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    d = points.shape[1]
    if d == 0:
        return np.arange(n)
    if d == 1:
        return np.flatnonzero(points[:, 0] == points[:, 0].max())
    if d == 2:
        return _nd_2d(points)
    # Sort so that every dominator comes before what it dominates: by sum, then
    # lexicographically (a dominator has a larger sum, or an equal rounded sum and
    # is lexicographically larger).
    keys = [-points[:, j] for j in range(d - 1, -1, -1)]
    order = np.lexsort([*keys, -points.sum(axis=1)])
    sorted_pts = points[order]
    if n >= _BITSET_MIN:
        return np.sort(order[_nd_bitset(sorted_pts)])
    front_idx: list[np.ndarray] = []
    front = np.zeros((0, d))
    for start in range(0, n, _BLOCK):
        block = sorted_pts[start:start + _BLOCK]
        alive = ~_dominated_by(front, block)
        cand = block[alive]
        if cand.shape[0] > 1:
            alive_in = ~_dominated_by(cand, cand)
            cand = cand[alive_in]
            idx = np.flatnonzero(alive)[alive_in] + start
        else:
            idx = np.flatnonzero(alive) + start
        if idx.size:
            front_idx.append(idx)
            front = np.concatenate([front, cand])
    if not front_idx:
        return np.zeros(0, dtype=np.int64)
    return np.sort(order[np.concatenate(front_idx)])


class FoldTooLarge(RuntimeError):
    """Folding would compare more candidate points than allowed."""


def fold_frontier(parts: list[np.ndarray], floors: np.ndarray | None = None, *,
                  max_candidates: int = 20_000_000) -> np.ndarray:
    """Frontier of the Minkowski sum of point sets, with each point's part indices.

    Parameters
    ----------
    parts:
        One ``(m_b, d)`` array per block: the utility contributions of its combos.
    floors:
        Optional length-``d`` lower bounds: only sums ``>= floors`` in every
        coordinate are wanted (use ``-inf`` for unconstrained coordinates).
    max_candidates:
        Raise :class:`FoldTooLarge` rather than build more candidate sums in one step.

    Returns
    -------
    numpy.ndarray
        Integer array of shape ``(k, len(parts))``: for each frontier point of the
        sum (restricted to the floors), the row chosen in every part. Points of the
        sum with equal utility vectors are all returned.
    """
    d = parts[0].shape[1] if parts else 0
    if floors is None:
        floors = np.full(d, -np.inf)
    # best achievable from blocks b.. onwards, per coordinate (for floor pruning)
    best_rest = np.zeros((len(parts) + 1, d))
    for b in range(len(parts) - 1, -1, -1):
        best_rest[b] = best_rest[b + 1] + parts[b].max(axis=0)
    choice = np.zeros((1, 0), dtype=np.int64)
    acc = np.zeros((1, d))
    for b, part in enumerate(parts):
        local = nondominated(part)
        pts = part[local]
        if acc.shape[0] * local.size > max_candidates:
            raise FoldTooLarge(f"{acc.shape[0] * local.size} candidates")
        cand = (acc[:, None, :] + pts[None, :, :]).reshape(-1, d)
        ci = np.repeat(np.arange(acc.shape[0]), local.size)
        cj = np.tile(local, acc.shape[0])
        reach = np.all(cand + best_rest[b + 1] >= floors, axis=1)
        cand, ci, cj = cand[reach], ci[reach], cj[reach]
        keep = nondominated(cand)
        acc = cand[keep]
        choice = np.concatenate([choice[ci[keep]], cj[keep, None]], axis=1)
        if acc.shape[0] == 0:
            return np.zeros((0, len(parts)), dtype=np.int64)
    ok = np.all(acc >= floors, axis=1)
    return choice[ok]

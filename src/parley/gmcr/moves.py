"""Unilateral moves and improvements of a decision maker, as sparse structures.

A unilateral move of decision maker ``i`` from state ``s`` changes any non-empty subset of the
options ``i`` controls and lands on a feasible state; an irreversible option may only change in
its permitted direction (Fang, Hipel & Kilgour 1993, ch. 2).  A unilateral improvement is a move
to a state ``i`` strictly prefers.

Two representations are offered:

* :class:`MoveGraph`, compressed sparse rows over state indices (0-based positions in the
  ascending list of feasible codes): the explicit reachable lists, for inspection and for movers
  with irreversible options;
* *kernels*, which answer the only questions the stability engines ask -- "the minimum of a
  value over the states ``i`` can move (or improve) to from each state" -- in O(n) time without
  listing moves.  Without irreversible options, ``i``'s moves from ``s`` reach exactly the other
  feasible states that agree with ``s`` outside ``i``'s options, so a grouped reduction suffices
  (:class:`GroupKernel`); otherwise :class:`CsrKernel` reduces over a :class:`MoveGraph`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, TypeAlias

import numpy as np
from numpy.typing import NDArray

from parley.gmcr.model import Conflict

__all__ = [
    "BIG",
    "CsrKernel",
    "GroupKernel",
    "MoveGraph",
    "MoveKernel",
    "make_kernel",
    "move_graph",
    "unilateral_improvements",
    "unilateral_moves",
]

Ints: TypeAlias = NDArray[np.int64]

#: Sentinel for "no state": larger than any rank.  Values passed to kernels must lie in
#: ``[-BIG, BIG]``.
BIG = 1 << 31
_SPAN = 2 * BIG + 1
_CHUNK = 1 << 22  # candidate (state, configuration) pairs built at once


@dataclass(frozen=True)
class MoveGraph:
    """Moves in compressed sparse row form.

    Attributes
    ----------
    indptr:
        Length ``n + 1``; the moves from state index ``s`` are
        ``indices[indptr[s]:indptr[s + 1]]``.
    indices:
        Target state indices (0-based; state number = index + 1).
    """

    indptr: Ints
    indices: Ints

    @property
    def n_states(self) -> int:
        """Number of states (rows)."""
        return len(self.indptr) - 1

    def degrees(self) -> Ints:
        """Number of moves from each state."""
        return np.diff(self.indptr)

    def targets(self, s: int) -> Ints:
        """Target indices of the moves from state index ``s``."""
        return self.indices[self.indptr[s]:self.indptr[s + 1]]

    def sources(self) -> Ints:
        """Source state index of every edge."""
        return np.repeat(np.arange(self.n_states, dtype=np.int64), self.degrees())

    def keep(self, edge_mask: NDArray[np.bool_]) -> MoveGraph:
        """The sub-graph of the edges where ``edge_mask`` is true."""
        counts = np.add.reduceat(np.append(edge_mask, False).astype(np.int64), self.indptr[:-1])
        counts[self.degrees() == 0] = 0
        indptr = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
        return MoveGraph(indptr, self.indices[edge_mask])

    def min_over(self, values: Ints) -> Ints:
        """Minimum of ``values`` over each state's targets (:data:`BIG` where it has none)."""
        ext = np.append(values[self.indices], BIG)
        out = np.minimum.reduceat(ext, self.indptr[:-1])
        out[self.degrees() == 0] = BIG
        return out.astype(np.int64)


def _lookup(codes: Ints, query: Ints) -> Ints:
    """Index of each ``query`` code among the sorted feasible ``codes``; -1 if infeasible."""
    pos = np.searchsorted(codes, query)
    pos = np.minimum(pos, len(codes) - 1)
    return np.where(codes[pos] == query, pos, -1).astype(np.int64)


def move_graph(codes: Ints, mover_mask: int, fwd_mask: int = 0, back_mask: int = 0) -> MoveGraph:
    """Unilateral moves of the owner of ``mover_mask`` between the feasible ``codes``.

    Parameters
    ----------
    codes:
        Feasible state codes, ascending.
    mover_mask:
        Bits of the options the mover controls.
    fwd_mask, back_mask:
        Bits of the options that may only be taken (``fwd``) or only be withdrawn (``back``).

    Returns
    -------
    MoveGraph
        Targets listed in order of the mover's option configuration.
    """
    bits = [b for b in range(63) if mover_mask >> b & 1]
    configs = np.zeros(1 << len(bits), dtype=np.int64)
    for j, b in enumerate(bits):
        configs |= ((np.arange(len(configs)) >> j) & 1).astype(np.int64) << b
    n = len(codes)
    rows = max(1, _CHUNK // len(configs))
    counts: list[Ints] = []
    targets: list[Ints] = []
    for start in range(0, n, rows):
        c = codes[start:start + rows, None]
        own = c & mover_mask
        cand = (c & ~mover_mask) | configs[None, :]
        ok = cand != c
        ok &= (own & fwd_mask & ~configs[None, :]) == 0
        ok &= (configs[None, :] & back_mask & ~own) == 0
        idx = _lookup(codes, cand.ravel()).reshape(cand.shape)
        ok &= idx >= 0
        counts.append(ok.sum(axis=1))
        targets.append(idx[ok])
    indptr = np.concatenate(([0], np.cumsum(np.concatenate(counts)))).astype(np.int64)
    indices = np.concatenate(targets).astype(np.int64) if targets else np.zeros(0, np.int64)
    return MoveGraph(indptr, indices)


def unilateral_moves(conflict: Conflict, dm: int) -> MoveGraph:
    """All unilateral moves of decision maker ``dm`` (index) in ``conflict``."""
    fwd, back = conflict.direction_masks()
    return move_graph(conflict.feasible_codes(), conflict.dm_mask(dm), fwd, back)


def unilateral_improvements(conflict: Conflict, dm: int) -> MoveGraph:
    """The unilateral moves of ``dm`` to states it strictly prefers."""
    g = unilateral_moves(conflict, dm)
    ranks = conflict.ranks()[dm]
    return g.keep(ranks[g.indices] > ranks[g.sources()])


class MoveKernel(Protocol):
    """Reductions over one decision maker's moves (see module docstring)."""

    def min_moves(self, values: Ints) -> Ints:
        """Per state, the minimum of ``values`` over its move targets (BIG if none)."""
        ...

    def min_improvements(self, values: Ints) -> Ints:
        """Per state, the minimum of ``values`` over its improvement targets (BIG if none)."""
        ...


class CsrKernel:
    """Kernel over an explicit :class:`MoveGraph` (any irreversibility)."""

    def __init__(self, moves: MoveGraph, ranks: Ints) -> None:
        self.moves = moves
        self.improvements = moves.keep(ranks[moves.indices] > ranks[moves.sources()])

    def min_moves(self, values: Ints) -> Ints:
        """Per state, the minimum of ``values`` over its move targets (BIG if none)."""
        return self.moves.min_over(values)

    def min_improvements(self, values: Ints) -> Ints:
        """Per state, the minimum of ``values`` over its improvement targets (BIG if none)."""
        return self.improvements.min_over(values)


def _groups(keys: Ints) -> tuple[Ints, Ints]:
    """For keys already sorted: group id of every position and start position of every group."""
    new = np.ones(len(keys), dtype=bool)
    new[1:] = keys[1:] != keys[:-1]
    return np.cumsum(new) - 1, np.flatnonzero(new)


class GroupKernel:
    """Kernel for a mover without irreversible options.

    The feasible states are grouped by their code outside the mover's options; within a group
    the mover can go from any state to any other.  ``min_moves`` is the group minimum excluding
    the state itself (the second smallest value at the group's first minimiser).
    ``min_improvements`` sorts each group by the mover's rank, descending, and takes a
    segmented running minimum up to the last state of strictly higher rank.
    """

    def __init__(self, codes: Ints, mover_mask: int, ranks: Ints) -> None:
        key = codes & ~np.int64(mover_mask)
        self.order = np.argsort(key, kind="stable")
        self.gid, self.starts = _groups(key[self.order])
        self.order2 = np.lexsort((-ranks, key))
        gid2, starts2 = _groups(key[self.order2])
        self.n_groups = len(starts2)
        self.offsets = (self.n_groups - 1 - gid2).astype(np.int64) * _SPAN
        r = ranks[self.order2]
        new_block = np.ones(len(r), dtype=bool)
        new_block[1:] = (gid2[1:] != gid2[:-1]) | (r[1:] != r[:-1])
        pos = np.arange(len(r))
        block_start = np.maximum.accumulate(np.where(new_block, pos, 0))
        self.valid = block_start > starts2[gid2]
        self.prev = np.maximum(block_start - 1, 0)

    def min_moves(self, values: Ints) -> Ints:
        """Per state, the minimum of ``values`` over its move targets (BIG if none)."""
        v = values[self.order]
        m1 = np.minimum.reduceat(v, self.starts)[self.gid]
        hit = np.flatnonzero(v == m1)
        g = self.gid[hit]
        first = hit[np.concatenate(([True], g[1:] != g[:-1]))]
        v2 = v.copy()
        v2[first] = BIG
        m2 = np.minimum.reduceat(v2, self.starts)
        res = m1.copy()
        res[first] = m2[self.gid[first]]
        out = np.empty_like(res)
        out[self.order] = res
        return out

    def min_improvements(self, values: Ints) -> Ints:
        """Per state, the minimum of ``values`` over its improvement targets (BIG if none)."""
        v = values[self.order2] + self.offsets
        running = np.minimum.accumulate(v) - self.offsets
        res = np.where(self.valid, running[self.prev], BIG)
        out = np.empty_like(res)
        out[self.order2] = res
        return out


def make_kernel(codes: Ints, mover_mask: int, fwd_mask: int, back_mask: int,
                ranks: Ints) -> MoveKernel:
    """The fastest exact kernel for this mover: grouped unless it has irreversible options."""
    if mover_mask & (fwd_mask | back_mask):
        return CsrKernel(move_graph(codes, mover_mask, fwd_mask, back_mask), ranks)
    return GroupKernel(codes, mover_mask, ranks)

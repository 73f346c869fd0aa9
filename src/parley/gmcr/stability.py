"""Individual stability and equilibria: Nash (R), GMR, SMR and SEQ.

Definitions (Fang, Hipel & Kilgour 1993, ch. 3; Kilgour & Hipel 2005, "The graph model for
conflict resolution: past, present, and future", Group Decision and Negotiation 14(6)), for a
decision maker ``i``, its opponents ``H = N \\ {i}`` and a state ``s``; ``R_i(s)`` are ``i``'s
unilateral moves from ``s`` and ``R_i^+(s)`` its unilateral improvements:

* **Nash (R)**: ``R_i^+(s)`` is empty.
* **GMR**: for every ``s1`` in ``R_i^+(s)`` some ``s2`` in ``R_H(s1)`` has ``s2 <=_i s``.
* **SMR**: for every ``s1`` in ``R_i^+(s)`` some ``s2`` in ``R_H(s1)`` has ``s2 <=_i s`` and
  ``s3 <=_i s`` for every ``s3`` in ``R_i(s2)``.
* **SEQ**: as GMR with ``R_H^+(s1)`` in place of ``R_H(s1)``.

``R_H(s1)`` is the set of states the opponents can reach from ``s1`` by a *legal* sequence of
unilateral moves: any opponent may move any number of times, but no one twice in a row;
``R_H^+`` uses unilateral improvements (each mover improves at its own step).  An equilibrium
under a concept is a state stable for every decision maker.

Algorithm
---------
Every condition above compares ``P_i(s)`` with the *minimum* of a value over a reachable set
(``P_i`` for GMR and SEQ, ``max(P_i(s2), max P_i(R_i(s2)))`` for SMR).  That minimum is found
without listing reachable sets: with ``A_j(s)`` the minimum over sequences whose first mover is
``j``, the fixed point ``A_j(s) = min over t in R_j(s) of min(f(t), min_{k != j} A_k(t))`` is
iterated from one-move values until it stops changing (every sweep extends the sequences by one
move; there are finitely many values, so it terminates).  Each sweep is a few O(n) reductions
(:mod:`parley.gmcr.moves`); no n x n matrix is formed.

The GMCR+ compatibility variant (``variant="gmcr_plus"``) restricts sanctions to sequences in
which every opponent moves *at most once*, in any order; it is computed by recursion over the
subsets of opponents still free to move (``|H| * 2**(|H|-1)`` reductions).  It can only find
fewer sanctions, so it never marks more states GMR, SMR or SEQ stable than the standard variant.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias

import numpy as np
from numpy.typing import NDArray

from parley.gmcr.model import Conflict
from parley.gmcr.moves import BIG, MoveKernel, make_kernel

__all__ = ["CONCEPTS", "StabilityResult", "Variant", "analyze_stability", "stability_masks"]

Ints: TypeAlias = NDArray[np.int64]
Bools: TypeAlias = NDArray[np.bool_]
Variant = Literal["standard", "gmcr_plus"]

#: Solution concepts, in the order of the JSON contract.
CONCEPTS: tuple[str, ...] = ("nash", "gmr", "smr", "seq")

Reducer = Callable[[Ints], Ints]


def _reach_min(f: Ints, reducers: Sequence[Reducer]) -> Ints:
    """Minimum of ``f`` over the states reachable by legal sequences (no mover twice in a row)."""
    if not reducers:
        return np.full(f.shape, BIG, dtype=np.int64)
    a = [red(f) for red in reducers]
    while True:
        new = []
        for j, red in enumerate(reducers):
            h = f
            for k, ak in enumerate(a):
                if k != j:
                    h = np.minimum(h, ak)
            new.append(red(h))
        if all(np.array_equal(x, y) for x, y in zip(new, a, strict=True)):
            break
        a = new
    out = a[0]
    for ak in a[1:]:
        out = np.minimum(out, ak)
    return out


def _reach_min_once(f: Ints, reducers: Sequence[Reducer]) -> Ints:
    """As :func:`_reach_min`, but every mover moves at most once (GMCR+ variant)."""
    m = len(reducers)
    best: dict[int, Ints] = {0: np.full(f.shape, BIG, dtype=np.int64)}
    for free in sorted(range(1, 1 << m), key=lambda u: bin(u).count("1")):
        acc = np.full(f.shape, BIG, dtype=np.int64)
        for j in range(m):
            if free >> j & 1:
                acc = np.minimum(acc, reducers[j](np.minimum(f, best[free & ~(1 << j)])))
        best[free] = acc
    return best[(1 << m) - 1]


def stability_masks(codes: Ints, dm_masks: Sequence[int], ranks: Sequence[Ints],
                    fwd_mask: int = 0, back_mask: int = 0,
                    variant: Variant = "standard") -> list[dict[str, Bools]]:
    """Stability of every feasible state for every decision maker, as boolean arrays.

    Parameters
    ----------
    codes:
        Feasible state codes, ascending.
    dm_masks:
        Bit mask of each decision maker's options.
    ranks:
        Each decision maker's preference rank per state (higher preferred, ties equal),
        non-negative and below ``2**31``.
    fwd_mask, back_mask:
        Options that may only be taken / only be withdrawn.
    variant:
        ``"standard"`` sanctions (legal sequences) or ``"gmcr_plus"`` (each opponent once).

    Returns
    -------
    list of dict
        Per decision maker, ``{concept: mask over states}`` for the concepts in
        :data:`CONCEPTS`.
    """
    codes = np.asarray(codes, dtype=np.int64)
    ranks = [np.asarray(r, dtype=np.int64) for r in ranks]
    kernels: list[MoveKernel] = [make_kernel(codes, m, fwd_mask, back_mask, r)
                                 for m, r in zip(dm_masks, ranks, strict=True)]
    reach = _reach_min if variant == "standard" else _reach_min_once
    out = []
    for i, (ki, p) in enumerate(zip(kernels, ranks, strict=True)):
        others = [k for j, k in enumerate(kernels) if j != i]
        moves = [k.min_moves for k in others]
        improvements = [k.min_improvements for k in others]
        best_move = -ki.min_moves(-p)  # best rank i can move to; -BIG if it cannot move

        def sanctioned(worst_reachable: Ints, _ki: MoveKernel = ki, _p: Ints = p) -> Bools:
            # every improvement s1 of i has a reachable s2 with P_i(s2) <= P_i(s)
            return np.asarray(-_ki.min_improvements(-worst_reachable) <= _p)

        counter = np.maximum(p, best_move)  # i's best after its own counter-response
        out.append({
            "nash": np.asarray(best_move <= p),
            "gmr": sanctioned(reach(p, moves)),
            "smr": sanctioned(reach(counter, moves)),
            "seq": sanctioned(reach(p, improvements)),
        })
    return out


@dataclass(frozen=True)
class StabilityResult:
    """Stable states per decision maker and concept, and the equilibria.

    Attributes
    ----------
    dm_names:
        Decision makers, in model order.
    codes:
        Decimal code of every feasible state; state number ``k`` has code ``codes[k - 1]``.
    stable:
        ``stable[dm][concept]``: sorted state numbers stable for ``dm`` under ``concept``.
    equilibria:
        ``equilibria[concept]``: sorted state numbers stable for every decision maker.
    variant:
        ``"standard"`` or ``"gmcr_plus"``.
    """

    dm_names: tuple[str, ...]
    codes: tuple[int, ...]
    stable: dict[str, dict[str, tuple[int, ...]]]
    equilibria: dict[str, tuple[int, ...]]
    variant: Variant = "standard"

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract: ``states``, ``stable.<dm>.<concept>``, ``equilibria.<concept>``."""
        return {
            "states": [{"number": k + 1, "code": c} for k, c in enumerate(self.codes)],
            "stable": {dm: {c: list(v[c]) for c in CONCEPTS} for dm, v in self.stable.items()},
            "equilibria": {c: list(self.equilibria[c]) for c in CONCEPTS},
            "variant": self.variant,
        }


def _numbers(mask: Bools) -> tuple[int, ...]:
    return tuple(int(k) + 1 for k in np.flatnonzero(mask))


def analyze_stability(conflict: Conflict, variant: Variant = "standard") -> StabilityResult:
    """Stability analysis of a conflict under Nash, GMR, SMR and SEQ.

    Parameters
    ----------
    conflict:
        A conflict whose decision makers all have preferences.
    variant:
        ``"standard"`` (legal sequences of opponents' moves) or ``"gmcr_plus"`` (each opponent
        moves at most once), see the module docstring.

    Returns
    -------
    StabilityResult
    """
    codes = conflict.feasible_codes()
    fwd, back = conflict.direction_masks()
    dm_masks = [conflict.dm_mask(i) for i in range(len(conflict.decision_makers))]
    masks = stability_masks(codes, dm_masks, conflict.ranks(), fwd, back, variant)
    names = tuple(dm.name for dm in conflict.decision_makers)
    stable = {name: {c: _numbers(m[c]) for c in CONCEPTS} for name, m in zip(names, masks,
                                                                             strict=True)}
    equilibria = {}
    for c in CONCEPTS:
        both = np.ones(len(codes), dtype=bool)
        for m in masks:
            both &= m[c]
        equilibria[c] = _numbers(both)
    return StabilityResult(names, tuple(int(x) for x in codes), stable, equilibria, variant)

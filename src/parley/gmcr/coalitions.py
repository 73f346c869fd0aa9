"""Coalition moves, coalition improvements and coalition Nash stability of the equilibria.

A *coalition* is a set of at least one decision maker acting together.  A coalition move from
state ``s`` changes any non-empty subset of the options its members control (respecting
irreversible options) and lands on a feasible state; it is a *coalition improvement* when
**every** member strictly prefers the new state.  A state is *coalition Nash stable* for a
coalition when the coalition has no coalition improvement from it (Kilgour, Hipel, Fang & Peng
2001, "Coalition analysis in group decision support", Group Decision and Negotiation 10(2);
Kilgour & Hipel 2005).  An equilibrium that some coalition can jointly improve on is fragile even
though no decision maker can leave it alone.

A coalition of one is an ordinary decision maker, so its coalition Nash stability is Nash
stability.  Coalition versions of GMR, SMR and SEQ (in which the other coalitions sanction) are
not computed here.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from parley.gmcr.model import Conflict
from parley.gmcr.moves import MoveGraph, move_graph
from parley.gmcr.stability import CONCEPTS, analyze_stability

__all__ = [
    "MAX_DMS_ALL_COALITIONS",
    "CoalitionResult",
    "coalition_analysis",
    "coalition_improvements",
    "coalition_moves",
]

#: Up to this many decision makers, every coalition of two or more is analysed by default.
MAX_DMS_ALL_COALITIONS = 5


def _check(conflict: Conflict, members: Sequence[int]) -> tuple[int, ...]:
    m = len(conflict.decision_makers)
    out = tuple(sorted(set(members)))
    if not out or any(not 0 <= i < m for i in out):
        raise ValueError(f"a coalition is a non-empty set of decision makers 0..{m - 1}")
    return out


def coalition_moves(conflict: Conflict, members: Sequence[int]) -> MoveGraph:
    """Moves of the coalition ``members`` (decision maker indices): any of their options change.

    Parameters
    ----------
    conflict:
        The conflict.
    members:
        Indices of the coalition's decision makers.

    Returns
    -------
    MoveGraph
        Over state indices (state number = index + 1).
    """
    mask = 0
    for i in _check(conflict, members):
        mask |= conflict.dm_mask(i)
    fwd, back = conflict.direction_masks()
    return move_graph(conflict.feasible_codes(), mask, fwd, back)


def coalition_improvements(conflict: Conflict, members: Sequence[int]) -> MoveGraph:
    """The coalition moves that every member strictly prefers to the state moved from."""
    members = _check(conflict, members)
    g = coalition_moves(conflict, members)
    ranks = conflict.ranks()
    src = g.sources()
    better = np.ones(len(g.indices), dtype=bool)
    for i in members:
        better &= ranks[i][g.indices] > ranks[i][src]
    return g.keep(better)


@dataclass(frozen=True)
class CoalitionResult:
    """Coalition Nash stability of some states.

    Attributes
    ----------
    coalitions:
        The coalitions analysed, as tuples of decision maker names.
    states:
        The state numbers analysed (usually the equilibria), ascending.
    improvements:
        ``improvements[state][k]``: the states coalition ``k`` can jointly improve to from
        ``state`` (empty when the state is coalition Nash stable for it).
    """

    coalitions: tuple[tuple[str, ...], ...]
    states: tuple[int, ...]
    improvements: dict[int, tuple[tuple[int, ...], ...]]

    def stable(self, state: int) -> bool:
        """True when no analysed coalition can jointly improve on ``state``."""
        return not any(self.improvements[state])

    def to_dict(self) -> dict[str, Any]:
        """JSON form: per state, whether it is coalition stable and who can improve to where."""
        return {
            "coalitions": [list(c) for c in self.coalitions],
            "states": [
                {"number": s, "coalition_stable": self.stable(s),
                 "improvements": [{"coalition": list(c), "to": list(t)}
                                  for c, t in zip(self.coalitions, self.improvements[s],
                                                  strict=True) if t]}
                for s in self.states],
        }


def default_coalitions(conflict: Conflict) -> tuple[tuple[int, ...], ...]:
    """The conflict's own coalitions, or else every coalition of two or more decision makers.

    Raises
    ------
    ValueError
        If the conflict names no coalitions and has more than :data:`MAX_DMS_ALL_COALITIONS`
        decision makers.
    """
    if conflict.coalitions:
        return tuple(_check(conflict, c) for c in conflict.coalitions)
    m = len(conflict.decision_makers)
    if m > MAX_DMS_ALL_COALITIONS:
        raise ValueError(f"{m} decision makers: name the coalitions to analyse (every "
                         f"coalition is tried only up to {MAX_DMS_ALL_COALITIONS})")
    return tuple(c for size in range(2, m + 1) for c in itertools.combinations(range(m), size))


def coalition_analysis(conflict: Conflict, coalitions: Sequence[Sequence[int]] | None = None,
                       states: Sequence[int] | None = None) -> CoalitionResult:
    """Which coalitions can jointly improve on each state.

    Parameters
    ----------
    conflict:
        A conflict whose decision makers all have preferences.
    coalitions:
        Decision maker indices per coalition; by default :func:`default_coalitions`.
    states:
        State numbers to check; by default every equilibrium under any of Nash, GMR, SMR, SEQ.

    Returns
    -------
    CoalitionResult
    """
    groups = (default_coalitions(conflict) if coalitions is None
              else tuple(_check(conflict, c) for c in coalitions))
    n = len(conflict.feasible_codes())
    if states is None:
        eq = analyze_stability(conflict).equilibria
        states = sorted({s for c in CONCEPTS for s in eq[c]})
    for s in states:
        if not 1 <= s <= n:
            raise ValueError(f"state {s} does not exist; states are 1..{n}")
    codes = conflict.feasible_codes()
    fwd, back = conflict.direction_masks()
    ranks = conflict.ranks()
    names = tuple(tuple(conflict.decision_makers[i].name for i in c) for c in groups)
    improvements: dict[int, tuple[tuple[int, ...], ...]] = {}
    for s in sorted(set(states)):
        per = []
        for c in groups:
            mask = 0
            for i in c:
                mask |= conflict.dm_mask(i)
            t = _targets_from(codes, s - 1, mask, fwd, back)
            better = np.ones(len(t), dtype=bool)
            for i in c:
                better &= ranks[i][t] > ranks[i][s - 1]
            per.append(tuple(int(x) + 1 for x in np.sort(t[better])))
        improvements[s] = tuple(per)
    return CoalitionResult(names, tuple(sorted(set(states))), improvements)


def _targets_from(codes: NDArray[np.int64], s: int, mask: int, fwd: int,
                  back: int) -> NDArray[np.int64]:
    """Indices of the states one coalition move (options in ``mask``) away from index ``s``.

    Only the configurations of the coalition's options from this one state are built, so the
    cost is ``2**(options in mask)`` per state rather than a move graph over all states.
    """
    bits = [b for b in range(63) if mask >> b & 1]
    j = np.arange(1 << len(bits), dtype=np.int64)
    configs = np.zeros(len(j), dtype=np.int64)
    for k, b in enumerate(bits):
        configs |= ((j >> k) & 1) << b
    code = int(codes[s])
    own = code & mask
    cand = (code & ~mask) | configs
    ok = (cand != code) & ((own & fwd & ~configs) == 0) & ((configs & back & ~own) == 0)
    pos = np.minimum(np.searchsorted(codes, cand), len(codes) - 1)
    ok &= codes[pos] == cand
    return pos[ok].astype(np.int64)

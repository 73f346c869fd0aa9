"""Status quo analysis: how the conflict can travel from the status quo to each equilibrium.

Stability says which states nobody leaves once they are reached; status quo analysis asks
whether, and how, they can be reached from where the conflict stands now.  Li, Kilgour & Hipel
(2005, "Status quo analysis in the graph model for conflict resolution", J. Operational Research
Society 56(6)) track moves and countermoves forward from the status quo; Xu, Kilgour, Hipel &
Kemkes (2010, "Using matrices to link conflict evolution and resolution in a graph model",
European J. Operational Research 207(1)) state the core problem as a shortest path in a graph
whose edges are coloured by their mover, and Kilgour & Hipel (2005) survey the idea.

A *path* is a sequence of unilateral moves, each by one decision maker, in which **no decision
maker moves twice in a row** -- the same convention as the legal sequences behind sanctions
(Fang, Hipel & Kilgour 1993, ch. 3): two consecutive moves by one decision maker are one move
of that decision maker.  Two kinds of path are searched separately:

* *improvement paths*, in which every move is a unilateral improvement for its mover -- the
  evolution that self-interested, myopic decision makers would follow;
* *move paths*, in which any unilateral move is allowed -- what is reachable at all.

The search is a breadth-first search over pairs (state, last mover) on the sparse move graphs of
:mod:`parley.gmcr.moves`, one vectorised step per path length, so the first time a state is
reached its path is a shortest one.  Ties between equally short paths are broken towards the
lowest-numbered decision maker and state, so results are deterministic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from parley.gmcr.model import Conflict
from parley.gmcr.moves import MoveGraph, unilateral_moves
from parley.gmcr.stability import CONCEPTS, analyze_stability

__all__ = ["Path", "StatusQuoResult", "shortest_paths", "status_quo_analysis"]

Ints = NDArray[np.int64]


@dataclass(frozen=True)
class Path:
    """A path of unilateral moves between states.

    Attributes
    ----------
    states:
        State numbers visited, the start first; ``len(states) == len(movers) + 1``.
    movers:
        Name of the decision maker making each move; no name appears twice in a row.
    """

    states: tuple[int, ...]
    movers: tuple[str, ...]

    @property
    def length(self) -> int:
        """Number of moves."""
        return len(self.movers)

    @property
    def target(self) -> int:
        """The state the path ends in."""
        return self.states[-1]

    def to_dict(self) -> dict[str, Any]:
        """``{"target", "length", "states", "movers"}``."""
        return {"target": self.target, "length": self.length, "states": list(self.states),
                "movers": list(self.movers)}


def shortest_paths(graphs: Sequence[MoveGraph], start: int) -> tuple[Ints, Ints, Ints]:
    """Breadth-first search over (state, last mover) from one state.

    Parameters
    ----------
    graphs:
        One move graph per decision maker over the same states (indices 0..n-1).
    start:
        Index of the start state.

    Returns
    -------
    dist, parent_state, parent_mover:
        Arrays of shape ``(m, n)`` for ``m`` decision makers: the fewest moves reaching state
        ``t`` with decision maker ``k`` moving last (``-1`` if unreachable), and the state and
        last mover (``-1`` for the start) it was reached from.
    """
    m, n = len(graphs), graphs[0].n_states
    dist = np.full((m, n), -1, dtype=np.int64)
    parent_state = np.full((m, n), -1, dtype=np.int64)
    parent_mover = np.full((m, n), -1, dtype=np.int64)
    sources = [g.sources() for g in graphs]
    # frontier[j]: states first reached at the current depth with j moving last; row m = start
    frontier = np.zeros((m + 1, n), dtype=bool)
    frontier[m, start] = True
    depth = 0
    while frontier.any():
        depth += 1
        nxt = np.zeros((m + 1, n), dtype=bool)
        for k, g in enumerate(graphs):
            rows = np.delete(frontier, k, axis=0)
            others = np.delete(np.arange(m + 1), k)
            can = np.asarray(rows.any(axis=0))
            edge = can[sources[k]] & (dist[k, g.indices] < 0)
            if not edge.any():
                continue
            src, tgt = sources[k][edge], g.indices[edge]
            # first edge per target, scanning sources ascending: lowest-numbered predecessor
            order = np.lexsort((src, tgt))
            tgt_sorted = tgt[order]
            first = order[np.concatenate(([True], tgt_sorted[1:] != tgt_sorted[:-1]))]
            t, s = tgt[first], src[first]
            dist[k, t] = depth
            parent_state[k, t] = s
            prev = others[np.argmax(rows[:, s], axis=0)]
            parent_mover[k, t] = np.where(prev == m, -1, prev)
            nxt[k, t] = True
        frontier = nxt
    return dist, parent_state, parent_mover


def _trace(dist: Ints, parent_state: Ints, parent_mover: Ints, start: int, target: int,
           names: Sequence[str]) -> Path | None:
    if target == start:
        return Path((start + 1,), ())
    reached = np.flatnonzero(dist[:, target] >= 0)
    if reached.size == 0:
        return None
    k = int(reached[np.argmin(dist[reached, target])])
    states, movers = [target], []
    t = target
    while k >= 0:
        movers.append(names[k])
        t, k = int(parent_state[k, t]), int(parent_mover[k, t])
        states.append(t)
    return Path(tuple(s + 1 for s in reversed(states)), tuple(reversed(movers)))


@dataclass(frozen=True)
class StatusQuoResult:
    """Shortest paths from the status quo to target states (usually the equilibria).

    Attributes
    ----------
    status_quo:
        State number of the status quo.
    targets:
        The target state numbers, ascending.
    improvement_paths:
        Shortest path of unilateral improvements to each reachable target, shortest first.
    move_paths:
        Shortest path of unilateral moves to each reachable target, shortest first.
    """

    status_quo: int
    targets: tuple[int, ...]
    improvement_paths: tuple[Path, ...]
    move_paths: tuple[Path, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON form; targets without a path are listed under ``unreachable``."""
        def block(paths: tuple[Path, ...]) -> dict[str, Any]:
            hit = {p.target for p in paths}
            return {"paths": [p.to_dict() for p in paths],
                    "unreachable": [t for t in self.targets if t not in hit]}
        return {"status_quo": self.status_quo, "targets": list(self.targets),
                "convention": "no decision maker moves twice in a row",
                "improvements": block(self.improvement_paths), "moves": block(self.move_paths)}


def status_quo_analysis(conflict: Conflict, status_quo: int | None = None,
                        targets: Sequence[int] | None = None) -> StatusQuoResult:
    """Shortest improvement paths and move paths from the status quo to each target.

    Parameters
    ----------
    conflict:
        A conflict whose decision makers all have preferences.
    status_quo:
        State *number* to start from; by default the conflict's ``status_quo`` code.
    targets:
        State numbers to reach; by default every equilibrium under any of Nash, GMR, SMR, SEQ.

    Returns
    -------
    StatusQuoResult

    Raises
    ------
    ValueError
        If no status quo is given or known, or a state number is out of range.
    """
    codes = conflict.feasible_codes()
    n = len(codes)
    if status_quo is None:
        if conflict.status_quo is None:
            raise ValueError("no status quo: give a state number")
        status_quo = conflict.number_of(conflict.status_quo)
    if targets is None:
        eq = analyze_stability(conflict).equilibria
        targets = sorted({s for c in CONCEPTS for s in eq[c]})
    for s in (status_quo, *targets):
        if not 1 <= s <= n:
            raise ValueError(f"state {s} does not exist; states are 1..{n}")
    names = [dm.name for dm in conflict.decision_makers]
    ranks = conflict.ranks()
    moves = [unilateral_moves(conflict, i) for i in range(len(names))]
    improvements = [g.keep(r[g.indices] > r[g.sources()]) for g, r in zip(moves, ranks,
                                                                          strict=True)]
    start = status_quo - 1
    result = []
    for graphs in (improvements, moves):
        found = shortest_paths(graphs, start)
        paths = [p for t in sorted(set(targets))
                 if (p := _trace(*found, start, t - 1, names)) is not None]
        result.append(tuple(sorted(paths, key=lambda p: (p.length, p.target))))
    return StatusQuoResult(status_quo, tuple(sorted(set(targets))), result[0], result[1])

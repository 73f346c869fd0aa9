"""A brute-force GMCR reference written straight from the definitions, plus test generators.

Nothing here uses ``parley.gmcr.moves`` or ``parley.gmcr.stability``: feasibility is re-checked
rule by rule, moves are found by comparing every pair of states bit by bit, and the opponents'
reachable sets are built explicitly by exploring legal move sequences (state, last mover) with
Python sets.  Definitions: Fang, Hipel & Kilgour (1993), ch. 3; Kilgour & Hipel (2005).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st

from parley.gmcr import (
    AtMostOne,
    Conflict,
    DecisionMaker,
    ExactlyOne,
    Implication,
    InfeasiblePattern,
    Option,
    Ranking,
)


def _bit(code: int, k: int) -> bool:
    return bool(code >> k & 1)


def feasible_states(conflict: Conflict) -> list[int]:
    """Feasible codes, ascending, by checking each rule on each code in plain Python."""
    out = []
    for code in range(1 << len(conflict.options)):
        ok = True
        for r in conflict.restrictions:
            if isinstance(r, InfeasiblePattern):
                bad = all(_bit(code, o) == t for o, t in r.conditions)
            elif isinstance(r, ExactlyOne):
                bad = sum(_bit(code, o) for o in r.options) != 1
            elif isinstance(r, AtMostOne):
                bad = sum(_bit(code, o) for o in r.options) > 1
            else:
                assert isinstance(r, Implication)
                bad = (all(_bit(code, o) == t for o, t in r.when)
                       and not all(_bit(code, o) == t for o, t in r.then))
            ok = ok and not bad
        if ok:
            out.append(code)
    return out


@dataclass
class Reference:
    """Brute-force analysis of one conflict (states are codes; preferences are payoffs)."""

    conflict: Conflict
    payoff: list[dict[int, int]]  # per DM, code -> rank (higher preferred)

    def __post_init__(self) -> None:
        self.states = feasible_states(self.conflict)
        self.n_dms = len(self.conflict.decision_makers)
        self._moves: dict[tuple[int, int], set[int]] = {}
        self._reach: dict[tuple[tuple[int, ...], int, bool, bool], set[int]] = {}

    def moves(self, dm: int, s: int) -> set[int]:
        """R_dm(s): change any non-empty subset of dm's options, feasibly and legally."""
        if (dm, s) not in self._moves:
            self._moves[dm, s] = self._find_moves(dm, s)
        return self._moves[dm, s]

    def _find_moves(self, dm: int, s: int) -> set[int]:
        own = set(self.conflict.decision_makers[dm].options)
        out = set()
        for t in self.states:
            if t == s:
                continue
            legal = True
            for k, opt in enumerate(self.conflict.options):
                before, after = _bit(s, k), _bit(t, k)
                if before == after:
                    continue
                if k not in own:
                    legal = False
                elif opt.direction == "fwd" and before:
                    legal = False  # a forward-only option cannot be withdrawn
                elif opt.direction == "back" and not before:
                    legal = False  # a backward-only option cannot be taken
            if legal:
                out.add(t)
        return out

    def improvements(self, dm: int, s: int) -> set[int]:
        """R_dm^+(s)."""
        return {t for t in self.moves(dm, s) if self.payoff[dm][t] > self.payoff[dm][s]}

    def reachable(self, coalition: Iterable[int], s: int, improving: bool) -> set[int]:
        """R_H(s) (or R_H^+(s)): explore (state, last mover) pairs; no one moves twice in a row."""
        members = list(coalition)
        step = self.improvements if improving else self.moves
        seen: set[tuple[int, int]] = set()
        frontier = [(s, -1)]
        reached: set[int] = set()
        while frontier:
            state, last = frontier.pop()
            for j in members:
                if j == last:
                    continue
                for t in step(j, state):
                    if (t, j) not in seen:
                        seen.add((t, j))
                        reached.add(t)
                        frontier.append((t, j))
        return reached

    def reachable_once(self, coalition: Iterable[int], s: int, improving: bool) -> set[int]:
        """GMCR+ variant: sequences in which every member moves at most once, any order."""
        members = list(coalition)
        step = self.improvements if improving else self.moves
        reached: set[int] = set()
        for size in range(1, len(members) + 1):
            for order in itertools.permutations(members, size):
                current = {s}
                for j in order:
                    current = {t for x in current for t in step(j, x)}
                reached |= current
        return reached

    def stable(self, dm: int, s: int, concept: str, once: bool = False) -> bool:
        """Stability of state s for dm under concept, straight from the definition."""
        p = self.payoff[dm]
        others = [j for j in range(self.n_dms) if j != dm]
        def reach(h: list[int], s1: int, improving: bool) -> set[int]:
            key = (tuple(h), s1, improving, once)
            if key not in self._reach:
                find = self.reachable_once if once else self.reachable
                self._reach[key] = find(h, s1, improving)
            return self._reach[key]

        for s1 in self.improvements(dm, s):
            if concept == "nash":
                return False
            if concept == "gmr":
                ok = any(p[s2] <= p[s] for s2 in reach(others, s1, False))
            elif concept == "seq":
                ok = any(p[s2] <= p[s] for s2 in reach(others, s1, True))
            else:
                ok = any(p[s2] <= p[s] and all(p[s3] <= p[s] for s3 in self.moves(dm, s2))
                         for s2 in reach(others, s1, False))
            if not ok:
                return False
        return True

    def stable_numbers(self, dm: int, concept: str, once: bool = False) -> tuple[int, ...]:
        """Sorted state numbers (1-based by ascending code) stable for dm."""
        return tuple(k + 1 for k, s in enumerate(self.states)
                     if self.stable(dm, s, concept, once))


def reference_for(conflict: Conflict) -> Reference:
    """A :class:`Reference` with payoffs taken from the conflict's rankings."""
    states = feasible_states(conflict)
    payoff = []
    for dm in conflict.decision_makers:
        pref = dm.preferences
        assert pref is not None
        ranks = pref.ranks(np.asarray(states, dtype=np.int64))
        payoff.append({s: int(r) for s, r in zip(states, ranks, strict=True)})
    return Reference(conflict, payoff)


@st.composite
def conflicts(draw: st.DrawFn, max_dms: int = 4, max_options: int = 7) -> Conflict:
    """Random conflicts: 2-4 DMs with 1-3 options each (at most ``max_options`` in all),
    random infeasible patterns and rules, irreversible options and rankings with ties."""
    n_dms = draw(st.integers(2, max_dms))
    counts = [draw(st.integers(1, 3)) for _ in range(n_dms)]
    while sum(counts) > max_options:
        i = counts.index(max(counts))
        counts[i] -= 1
    n = sum(counts)
    options = tuple(Option(f"o{k}", draw(st.sampled_from(["both", "both", "fwd", "back"])))
                    for k in range(n))
    owners: list[tuple[int, ...]] = []
    k = 0
    for c in counts:
        owners.append(tuple(range(k, k + c)))
        k += c
    restrictions: list[object] = []
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["pattern", "pattern", "atmost", "exactly", "implies"]))
        opts = draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=min(3, n), unique=True))
        if kind == "pattern":
            restrictions.append(InfeasiblePattern(tuple((o, draw(st.booleans())) for o in opts)))
        elif kind == "atmost":
            restrictions.append(AtMostOne(tuple(opts)))
        elif kind == "exactly" and len(opts) >= 2:
            restrictions.append(ExactlyOne(tuple(opts)))
        elif kind == "implies" and len(opts) >= 2:
            restrictions.append(Implication(((opts[0], draw(st.booleans())),),
                                            ((opts[1], draw(st.booleans())),)))
    bare = Conflict(options, tuple(DecisionMaker(f"dm{i}", o) for i, o in enumerate(owners)),
                    tuple(restrictions))  # type: ignore[arg-type]
    n_states = len(bare.feasible_codes())
    if n_states == 0:
        restrictions = []
        bare = Conflict(options, bare.decision_makers)
        n_states = 1 << n
    dms = []
    for i, o in enumerate(owners):
        levels = draw(st.integers(1, max(1, n_states)))
        scores = draw(st.lists(st.integers(0, levels - 1), min_size=n_states, max_size=n_states))
        tiers = tuple(tuple(k + 1 for k in range(n_states) if scores[k] == lvl)
                      for lvl in sorted(set(scores), reverse=True))
        dms.append(DecisionMaker(f"dm{i}", o, Ranking(tiers)))
    return Conflict(options, tuple(dms), bare.restrictions)


def random_conflict(rng: np.random.Generator, n_dms: int, options_per_dm: int,
                    irreversible: bool = True) -> Conflict:
    """A seeded random conflict for the contract tests (rankings with ties)."""
    n = n_dms * options_per_dm
    dirs = rng.choice(["both", "fwd", "back"], size=n, p=[0.6, 0.2, 0.2]) if irreversible \
        else np.array(["both"] * n)
    options = tuple(Option(f"o{k}", str(d)) for k, d in enumerate(dirs))  # type: ignore[arg-type]
    restrictions = (InfeasiblePattern(((0, True), (n - 1, True))),)
    probe = Conflict(options, tuple(DecisionMaker(f"dm{i}", tuple(
        range(i * options_per_dm, (i + 1) * options_per_dm))) for i in range(n_dms)),
        restrictions)
    n_states = len(probe.feasible_codes())
    dms = []
    for dm in probe.decision_makers:
        scores = rng.integers(0, max(2, n_states // 2), size=n_states)
        tiers = tuple(tuple(int(k) + 1 for k in np.flatnonzero(scores == lvl))
                      for lvl in sorted(set(scores.tolist()), reverse=True))
        dms.append(DecisionMaker(dm.name, dm.options, Ranking(tiers)))
    return Conflict(options, tuple(dms), restrictions)

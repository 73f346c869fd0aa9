"""The inverse question: which single preference changes decide whether a state is an equilibrium.

An analyst who wants a state (say, a ceasefire) to be stable, or who fears that it is stable only
by a hair, asks the reverse of stability analysis: *which preferences would make this state an
equilibrium, or stop it being one?*  The inverse approach to the graph model searches whole
preference profiles for that (Kinsara, Kilgour & Hipel 2015, "Inverse approach to the graph model
for conflict resolution", IEEE Trans. Systems, Man, and Cybernetics: Systems 45(5); Kilgour &
Hipel 2005 survey the graph model).  This module answers a narrower, local version: it tries
every *single* change of one decision maker's preferences and reports the changes that flip the
target's status under one concept.

The single changes are:

* for an explicit :class:`~parley.gmcr.preferences.Ranking`:
  - ``move_state``: take one state out of its tier and put it anywhere else -- tied with
    another tier, or alone between two tiers (or at the top or bottom); the order of all other
    states is kept;
  - ``swap_tiers``: exchange two adjacent tiers;
* for an option :class:`~parley.gmcr.preferences.Prioritization`:
  - ``remove_statement``: drop one statement;
  - ``negate_statement``: replace a statement by its negation;
  - ``swap_statements``: exchange two adjacent statements.

Every candidate is checked by a full stability analysis of the changed conflict (the engines of
:mod:`parley.gmcr.stability`); statement truth tables are evaluated once and candidate ranks are
built with array operations.  Under Nash, GMR and SMR a decision maker's stability does not
depend on the others' preferences, so when another decision maker is unstable at the target no
change of this one's preferences can flip the target, and its candidates are skipped.  The cost
is one analysis per candidate: about ``2 n (tiers)`` candidates per ranking over ``n`` states,
so this is meant for conflicts of up to a few hundred states.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from parley.gmcr.model import Conflict
from parley.gmcr.preferences import Not, Prioritization, Ranking, dense_ranks
from parley.gmcr.stability import CONCEPTS, Variant, stability_masks

__all__ = ["ChangeKind", "InverseResult", "PreferenceChange", "inverse_question"]

Ints = NDArray[np.int64]
ChangeKind = Literal["move_state", "swap_tiers", "remove_statement", "negate_statement",
                     "swap_statements"]


@dataclass(frozen=True)
class PreferenceChange:
    """One change of one decision maker's preferences.

    Attributes
    ----------
    dm:
        Name of the decision maker whose preferences change.
    kind:
        One of ``move_state``, ``swap_tiers``, ``remove_statement``, ``negate_statement``,
        ``swap_statements`` (see the module docstring).
    description:
        The change in words.
    preferences:
        The decision maker's preferences after the change.
    """

    dm: str
    kind: ChangeKind
    description: str
    preferences: Ranking | Prioritization

    def to_dict(self) -> dict[str, Any]:
        """``{"dm", "kind", "description", "preferences"}``; preferences as tiers or texts."""
        p = self.preferences
        prefs: Any = ([list(t) for t in p.tiers] if isinstance(p, Ranking) else p.texts())
        return {"dm": self.dm, "kind": self.kind, "description": self.description,
                "preferences": prefs}


@dataclass(frozen=True)
class InverseResult:
    """The single preference changes that flip a target state's status under one concept.

    Attributes
    ----------
    target:
        State number.
    concept:
        ``nash``, ``gmr``, ``smr`` or ``seq``.
    is_equilibrium:
        Whether the target is an equilibrium now.  If it is, every change listed stops it being
        one; otherwise every change listed makes it one.
    changes:
        The changes, by decision maker in model order.
    """

    target: int
    concept: str
    is_equilibrium: bool
    changes: tuple[PreferenceChange, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON form with ``effect`` = ``makes_equilibrium`` or ``breaks_equilibrium``."""
        return {"target": self.target, "concept": self.concept,
                "is_equilibrium": self.is_equilibrium,
                "effect": "breaks_equilibrium" if self.is_equilibrium else "makes_equilibrium",
                "changes": [c.to_dict() for c in self.changes]}


def _tiers_of(ranks: Ints) -> tuple[tuple[int, ...], ...]:
    """Tiers of state numbers, most preferred first, from ranks over state indices."""
    return tuple(tuple(int(k) + 1 for k in np.flatnonzero(ranks == r))
                 for r in sorted(set(ranks.tolist()), reverse=True))


def _ranking_candidates(ranks: Ints) -> list[tuple[ChangeKind, str, Ints]]:
    """Every ranking one ``move_state`` or ``swap_tiers`` away, as dense ranks, deduplicated."""
    n = len(ranks)
    base = dense_ranks(ranks)
    top = int(base.max()) if n else 0
    tiers = _tiers_of(base)  # tiers[t] has rank top - t
    seen = {tuple(base.tolist())}
    out: list[tuple[ChangeKind, str, Ints]] = []

    def add(kind: ChangeKind, text: str, new: Ints) -> None:
        key = tuple(new.tolist())
        if key not in seen:
            seen.add(key)
            out.append((kind, text, new))

    doubled = 2 * base
    for s in range(n):
        for v in range(-1, 2 * top + 2):
            vals = doubled.copy()
            vals[s] = v
            new = dense_ranks(vals)
            if v % 2 == 0:
                others = [x for x in tiers[top - v // 2] if x != s + 1]
                if not others:
                    continue
                text = f"move state {s + 1} to tie with {', '.join(map(str, others))}"
            elif v == 2 * top + 1:
                text = f"move state {s + 1} to the top, alone"
            elif v == -1:
                text = f"move state {s + 1} to the bottom, alone"
            else:
                below = [x for x in tiers[top - (v - 1) // 2] if x != s + 1]
                text = (f"move state {s + 1} alone just above "
                        f"{', '.join(map(str, below)) if below else 'its old place'}")
            add("move_state", text, new)
    for t in range(len(tiers) - 1):
        new = base.copy()
        hi, lo = top - t, top - t - 1
        new[base == hi], new[base == lo] = lo, hi
        add("swap_tiers", f"swap tiers {list(tiers[t])} and {list(tiers[t + 1])}", new)
    return out


def _prioritization_candidates(
        pref: Prioritization, codes: Ints,
        show: Callable[[str], str] = str) -> list[tuple[ChangeKind, str, Ints, Prioritization]]:
    """Every prioritisation one statement removal, negation or adjacent swap away.

    ``show`` rewrites a statement for the description (e.g. option numbers to option ids).
    """
    sts = list(pref.statements)
    txt = [show(str(s)) for s in sts]
    L = len(sts)
    truth = np.array([s.evaluate(codes) for s in sts], dtype=np.int64).reshape(L, len(codes))
    out: list[tuple[ChangeKind, str, Ints, Prioritization]] = []

    def score(rows: Ints) -> Ints:
        weights = (np.int64(1) << np.arange(len(rows) - 1, -1, -1, dtype=np.int64))
        return dense_ranks(weights @ rows if len(rows) else np.zeros(len(codes), np.int64))

    for k in range(L):
        keep = [j for j in range(L) if j != k]
        out.append(("remove_statement", f"remove statement {k + 1} ({txt[k]})",
                    score(truth[keep]), Prioritization(tuple(sts[j] for j in keep))))
        neg = truth.copy()
        neg[k] = 1 - neg[k]
        st = sts[k]
        negated = st.arg if isinstance(st, Not) else Not(st)
        out.append(("negate_statement",
                    f"negate statement {k + 1} ({txt[k]} -> {show(str(negated))})",
                    score(neg), Prioritization((*tuple(sts[:k]), negated, *tuple(sts[k + 1:])))))
    for k in range(L - 1):
        order = list(range(L))
        order[k], order[k + 1] = k + 1, k
        out.append(("swap_statements", f"swap statements {k + 1} ({txt[k]}) and {k + 2} "
                    f"({txt[k + 1]})", score(truth[order]),
                    Prioritization(tuple(sts[j] for j in order))))
    return out


def inverse_question(conflict: Conflict, target: int, concept: str,
                     dms: Sequence[int] | None = None,
                     variant: Variant = "standard") -> InverseResult:
    """The single preference changes that make ``target`` an equilibrium or stop it being one.

    Parameters
    ----------
    conflict:
        A conflict whose decision makers all have preferences.
    target:
        State number.
    concept:
        ``nash``, ``gmr``, ``smr`` or ``seq``.
    dms:
        Indices of the decision makers whose preferences may change (default: all).
    variant:
        Sanction variant, as in :func:`parley.gmcr.stability.analyze_stability`.

    Returns
    -------
    InverseResult

    Raises
    ------
    ValueError
        For an unknown concept or a state number out of range.
    """
    if concept not in CONCEPTS:
        raise ValueError(f"concept must be one of {', '.join(CONCEPTS)}")
    codes = conflict.feasible_codes()
    if not 1 <= target <= len(codes):
        raise ValueError(f"state {target} does not exist; states are 1..{len(codes)}")
    t = target - 1
    fwd, back = conflict.direction_masks()
    masks = [conflict.dm_mask(i) for i in range(len(conflict.decision_makers))]
    ranks = conflict.ranks()

    def stable_at(rk: list[Ints]) -> list[bool]:
        return [bool(m[concept][t]) for m in stability_masks(codes, masks, rk, fwd, back,
                                                             variant)]

    now = stable_at(ranks)
    is_eq = all(now)
    changes: list[PreferenceChange] = []
    for i in (range(len(masks)) if dms is None else dms):
        dm = conflict.decision_makers[i]
        if concept != "seq" and not all(now[:i] + now[i + 1:]):
            continue  # i's preferences cannot change the others' Nash/GMR/SMR stability
        cands: list[tuple[ChangeKind, str, Ints, Ranking | Prioritization]]
        if isinstance(dm.preferences, Ranking):
            cands = [(kind, text, new, Ranking(_tiers_of(new)))
                     for kind, text, new in _ranking_candidates(ranks[i])]
        elif isinstance(dm.preferences, Prioritization):
            cands = list(_prioritization_candidates(dm.preferences, codes, conflict.with_keys))
        else:
            raise ValueError(f"decision maker {dm.name!r} has no preferences")
        for kind, text, new, pref in cands:
            rk = list(ranks)
            rk[i] = new
            if all(stable_at(rk)) != is_eq:
                changes.append(PreferenceChange(dm.name, kind, text, pref))
    return InverseResult(target, concept, is_eq, tuple(changes))

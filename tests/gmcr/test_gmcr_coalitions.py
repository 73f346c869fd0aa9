"""Coalition moves, improvements and coalition Nash stability against a brute force."""

from __future__ import annotations

import itertools

import pytest
from gmcr_bruteforce import conflicts, reference_for
from hypothesis import HealthCheck, given, settings
from test_gmcr_textbook import CHICKEN, PRISONERS

from parley.gmcr import Conflict, DecisionMaker, Option, Ranking
from parley.gmcr.coalitions import (
    coalition_analysis,
    coalition_improvements,
    coalition_moves,
    default_coalitions,
)


def bf_coalition_moves(conflict: Conflict, members: tuple[int, ...], s: int,
                       states: list[int]) -> set[int]:
    """Coalition moves from code s, bit by bit: only members' options change, legally."""
    own = {o for i in members for o in conflict.decision_makers[i].options}
    out = set()
    for t in states:
        if t == s:
            continue
        ok = True
        for k, opt in enumerate(conflict.options):
            before, after = bool(s >> k & 1), bool(t >> k & 1)
            if before != after and (k not in own or (opt.direction == "fwd" and before)
                                    or (opt.direction == "back" and not before)):
                ok = False
        if ok:
            out.add(t)
    return out


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(conflicts())
def test_coalition_moves_and_improvements_match_brute_force(conflict: Conflict) -> None:
    ref = reference_for(conflict)
    m = len(conflict.decision_makers)
    everyone = [s for s in range(1, len(ref.states) + 1)]
    for size in range(1, m + 1):
        for c in itertools.combinations(range(m), size):
            g, gi = coalition_moves(conflict, c), coalition_improvements(conflict, c)
            res = coalition_analysis(conflict, [c], everyone)
            for k, s in enumerate(ref.states):
                bf = bf_coalition_moves(conflict, c, s, ref.states)
                bf_up = {t for t in bf if all(ref.payoff[i][t] > ref.payoff[i][s] for i in c)}
                assert {ref.states[t] for t in g.targets(k)} == bf
                assert {ref.states[t] for t in gi.targets(k)} == bf_up
                assert {ref.states[t - 1] for t in res.improvements[k + 1][0]} == bf_up
                assert res.stable(k + 1) == (not bf_up)
            if size == 1:  # a coalition of one: moves and improvements are the DM's own
                assert {ref.states[t] for t in gi.targets(0)} == ref.improvements(
                    c[0], ref.states[0])


def test_prisoners_dilemma_mutual_defection_is_not_coalition_stable() -> None:
    res = coalition_analysis(PRISONERS)
    assert res.coalitions == (("A", "B"),)
    assert res.states == (1, 4)
    # together the prisoners can move from mutual defection (4) to mutual cooperation (1)
    assert res.improvements[4] == ((1,),)
    assert res.stable(1) and not res.stable(4)
    doc = res.to_dict()
    assert doc["states"][1] == {"number": 4, "coalition_stable": False,
                                "improvements": [{"coalition": ["A", "B"], "to": [1]}]}


def test_chicken_equilibria_are_coalition_stable() -> None:
    res = coalition_analysis(CHICKEN)
    assert all(res.stable(s) for s in res.states)


def test_default_coalitions() -> None:
    opts = tuple(Option(f"o{k}") for k in range(6))
    dms = tuple(DecisionMaker(f"d{k}", (k,), Ranking(((),))) for k in range(6))
    with pytest.raises(ValueError, match="name the coalitions"):
        default_coalitions(Conflict(opts, dms))
    assert default_coalitions(Conflict(opts, dms, coalitions=((0, 1), (2, 3, 4, 5)))) == \
        ((0, 1), (2, 3, 4, 5))
    assert len(default_coalitions(Conflict(opts[:3], tuple(
        DecisionMaker(f"d{k}", (k,)) for k in range(3))))) == 4
    with pytest.raises(ValueError, match="non-empty"):
        coalition_moves(PRISONERS, [])

"""The inverse question against brute force on small conflicts."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from gmcr_bruteforce import Reference, conflicts, feasible_states
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_gmcr_textbook import CHICKEN, PRISONERS

from parley.gmcr import CONCEPTS, Conflict, DecisionMaker, Prioritization, Ranking
from parley.gmcr.inverse import inverse_question
from parley.gmcr.preferences import Lit, Not

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def weak_order(payoff: dict[int, int]) -> frozenset[tuple[int, int]]:
    """The preference relation as the set of pairs (a, b) with a at least as good as b."""
    return frozenset((a, b) for a in payoff for b in payoff if payoff[a] >= payoff[b])


def bf_equilibrium(conflict: Conflict, payoff: list[dict[int, int]], code: int,
                   concept: str) -> bool:
    ref = Reference(conflict, payoff)
    return all(ref.stable(i, code, concept) for i in range(ref.n_dms))


def bf_ranking_neighbours(payoff: dict[int, int]) -> set[frozenset[tuple[int, int]]]:
    """Orders one move away: one state placed anywhere, the others' order unchanged; or two
    adjacent levels exchanged.  Built from payoff values, not from tier lists."""
    levels = sorted(set(payoff.values()))
    out = set()
    for s in payoff:
        # place s at any real value: on a level, or strictly between / outside levels
        for v in [lv for lv in levels] + [lv + 0.5 for lv in levels] + [levels[0] - 0.5]:
            new = dict(payoff)
            new[s] = v  # type: ignore[assignment]
            out.add(weak_order(new))
    for a, b in itertools.pairwise(levels):
        swap = {a: b, b: a}
        out.add(weak_order({s: swap.get(p, p) for s, p in payoff.items()}))
    out.discard(weak_order(payoff))
    return out


@SETTINGS
@given(conflicts(max_dms=3, max_options=4), st.data())
def test_ranking_changes_match_brute_force(conflict: Conflict, data: st.DataObject) -> None:
    states = feasible_states(conflict)
    codes = np.asarray(states, dtype=np.int64)
    payoff = [{s: int(r) for s, r in zip(states, dm.preferences.ranks(codes), strict=True)}
              for dm in conflict.decision_makers if dm.preferences is not None]
    target = data.draw(st.integers(1, len(states)))
    concept = data.draw(st.sampled_from(CONCEPTS))
    code = states[target - 1]
    now = bf_equilibrium(conflict, payoff, code, concept)
    res = inverse_question(conflict, target, concept)
    assert res.is_equilibrium == now
    for i, dm in enumerate(conflict.decision_makers):
        expected = set()
        for order in bf_ranking_neighbours(payoff[i]):
            new_payoff = {s: sum((s, x) in order for x in states) for s in states}
            if bf_equilibrium(conflict, [*payoff[:i], new_payoff, *payoff[i + 1:]], code,
                              concept) != now:
                expected.add(order)
        got = []
        for c in res.changes:
            if c.dm != dm.name:
                continue
            assert isinstance(c.preferences, Ranking)
            ranks = c.preferences.ranks(codes)
            got.append(weak_order({s: int(r) for s, r in zip(states, ranks, strict=True)}))
        assert len(got) == len(set(got))
        assert set(got) == expected


@st.composite
def prioritised(draw: st.DrawFn) -> Conflict:
    base = draw(conflicts(max_dms=3, max_options=4))
    n = len(base.options)
    dms = []
    for dm in base.decision_makers:
        lits = draw(st.lists(st.tuples(st.integers(0, n - 1), st.booleans()), min_size=1,
                             max_size=4))
        dms.append(DecisionMaker(dm.name, dm.options, Prioritization(
            tuple(Lit(o) if pos else Not(Lit(o)) for o, pos in lits))))
    return Conflict(base.options, tuple(dms), base.restrictions)


@SETTINGS
@given(prioritised(), st.data())
def test_statement_changes_match_brute_force(conflict: Conflict, data: st.DataObject) -> None:
    states = feasible_states(conflict)

    def payoff_of(p: Prioritization) -> dict[int, int]:
        # score straight from the definition: statement k of L weighs 2**(L-k)
        L = len(p.statements)
        return {s: sum(2 ** (L - 1 - k) for k, st_ in enumerate(p.statements)
                       if bool(st_.evaluate(np.array([s]))[0])) for s in states}

    prefs = [dm.preferences for dm in conflict.decision_makers]
    payoff = [payoff_of(p) for p in prefs]  # type: ignore[arg-type]
    target = data.draw(st.integers(1, len(states)))
    concept = data.draw(st.sampled_from(CONCEPTS))
    code = states[target - 1]
    now = bf_equilibrium(conflict, payoff, code, concept)
    res = inverse_question(conflict, target, concept)
    assert res.is_equilibrium == now
    for i, dm in enumerate(conflict.decision_makers):
        p = prefs[i]
        assert isinstance(p, Prioritization)
        sts = list(p.statements)
        expected = set()
        for k in range(len(sts)):
            variants = [("remove_statement", sts[:k] + sts[k + 1:]),
                        ("negate_statement", [*sts[:k], Not(sts[k]), *sts[k + 1:]])]
            if k + 1 < len(sts):
                variants.append(("swap_statements",
                                 [*sts[:k], sts[k + 1], sts[k], *sts[k + 2:]]))
            for kind, new in variants:
                new_payoff = payoff_of(Prioritization(tuple(new)))
                if bf_equilibrium(conflict, [*payoff[:i], new_payoff, *payoff[i + 1:]], code,
                                  concept) != now:
                    expected.add((kind, k))
        got = {(c.kind, int(c.description.split()[2]) - 1) for c in res.changes
               if c.dm == dm.name}
        assert got == expected
        for c in res.changes:
            assert isinstance(c.preferences, Prioritization)


def test_prisoners_dilemma_cooperation_made_nash() -> None:
    # Mutual cooperation (1) is not Nash: each prisoner gains by defecting alone.  Nash needs
    # both to stop preferring defecting alone, and one change touches only one prisoner, so no
    # single change makes it Nash.
    res = inverse_question(PRISONERS, 1, "nash")
    assert not res.is_equilibrium and res.changes == ()
    # Mutual defection (4) stops being Nash when a prisoner comes to prefer cooperating alone
    # (its state) to mutual defection.
    res = inverse_question(PRISONERS, 4, "nash")
    assert res.is_equilibrium
    texts = {(c.dm, c.description) for c in res.changes}
    assert ("A", "move state 3 to the top, alone") in texts
    # swapping the singleton tiers [4] and [3] is the same order, reported once as a move
    assert ("A", "move state 3 alone just above 4") in texts
    assert not any("swap tiers [4] and [3]" in d for _, d in texts)
    assert all(c.to_dict()["dm"] in ("A", "B") for c in res.changes)


def test_cooperation_loses_gmr_when_the_threat_stops_hurting() -> None:
    # Mutual cooperation (1) is GMR stable because defecting alone (2) can be answered with
    # mutual defection (4), which A likes less than 1.  If A came to like 4 better than 1 (here:
    # 1 moved to the bottom), the threat no longer deters A.
    res = inverse_question(PRISONERS, 1, "gmr")
    assert res.is_equilibrium and res.to_dict()["effect"] == "breaks_equilibrium"
    assert ("A", "move state 1 to the bottom, alone") in {(c.dm, c.description)
                                                          for c in res.changes}
    # In Chicken, mutual swerving (1) fails SEQ for both drivers (neither would crash on
    # purpose), so no change of one driver's preferences alone makes it SEQ stable.
    assert inverse_question(CHICKEN, 1, "seq").changes == ()


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="concept"):
        inverse_question(PRISONERS, 1, "xyz")
    with pytest.raises(ValueError, match="does not exist"):
        inverse_question(PRISONERS, 7, "nash")

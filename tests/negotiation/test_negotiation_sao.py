"""Stacked alternating offers: invariants over random scenarios, replay, bad input."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from negotiation_scenarios import load_small, small_docs

import parley
from parley.negotiation import STRATEGIES, UnknownStrategy, build_space, run_sao
from parley.negotiation.common import turn_takers

NAMES = sorted(STRATEGIES)


def _all_packages(scenario: parley.Scenario) -> np.ndarray:
    return np.array(list(itertools.product(*[range(len(o)) for o in scenario.options])))


@settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(small_docs(), st.lists(st.sampled_from(NAMES), min_size=4, max_size=4),
       st.integers(1, 30), st.integers(0, 2**16))
def test_agreements_acceptable_and_offers_feasible(doc: dict[str, Any], names: list[str],
                                                   rounds: int, seed: int) -> None:
    sc = load_small(doc)
    space = build_space(sc)
    strategies = dict(zip(sc.parties, names, strict=False))
    res = run_sao(space, strategies, rounds=rounds, seed=seed)
    # reference: feasibility and acceptability straight from the scenario's own definitions
    for entry in res.trace:
        assert sc.feasible(entry.package[None, :])[0]
        np.testing.assert_allclose(entry.utilities, sc.utilities(entry.package)[0], atol=1e-12)
        assert entry.round < rounds
    if res.agreement is not None:
        pkg = res.agreement.package[None, :]
        assert sc.acceptable(pkg)[0]
        assert res.reason == "agreement"
        # every required party that makes offers accepted it (or proposed it)
        last = res.trace[-1]
        required = sc.required(pkg)[0]
        for p in np.flatnonzero(required):
            pid = sc.parties[p]
            assert last.responses.get(pid) == "accept" or last.proposer == pid
    else:
        assert res.reason.startswith(("deadline", *[f"{p} walked" for p in sc.parties]))
    # replay: same seed, same trace
    again = run_sao(space, strategies, rounds=rounds, seed=seed)
    assert again.to_dict() == res.to_dict()


def test_random_strategy_depends_on_seed_only() -> None:
    space = build_space(parley.load_scenario())
    a = run_sao(space, default="random", rounds=40, seed=3).to_dict()
    b = run_sao(space, default="random", rounds=40, seed=3).to_dict()
    c = run_sao(space, default="random", rounds=40, seed=4).to_dict()
    assert a == b and a["trace"] != c["trace"]


def test_ratifier_makes_no_offers() -> None:
    sc = parley.load_scenario()
    space = build_space(sc)
    assert sc.parties[4] == "us_congress" and 4 not in turn_takers(space)
    res = run_sao(space, default="conceder", rounds=100, seed=0)
    assert all(e.proposer != "us_congress" for e in res.trace)


def test_hardliners_never_agree_unless_best_is_shared() -> None:
    sc = parley.load_scenario()
    space = build_space(sc)
    res = run_sao(space, default="hardliner", rounds=20, seed=0)
    assert res.agreement is None and res.reason.startswith("deadline")
    # every offer is the proposer's best package
    for e in res.trace:
        p = sc.parties.index(e.proposer)
        assert e.utilities[p] == pytest.approx(space.max_utility(p))


def test_moving_reservation_schedule_is_used() -> None:
    sc = parley.load_scenario()
    space = build_space(sc)
    rounds = 30
    sched = np.repeat(sc.reservation[None, :], rounds, axis=0)
    sched[10:, 0] = 10.0  # Ukraine's outside option jumps above anything on offer
    res = run_sao(space, {"ukraine": "walk_away"}, default="boulware", rounds=rounds,
                  seed=0, reservation=sched)
    assert res.agreement is None
    assert res.reason == "ukraine walked away in round 15"
    assert res.reservation_values[0] == 10.0
    fn = run_sao(space, {"ukraine": "walk_away"}, default="boulware", rounds=rounds, seed=0,
                 reservation=lambda r: sched[r])
    assert fn.to_dict() == res.to_dict()


@pytest.mark.parametrize(("strategies", "message"), [
    ({"nobody": "linear"}, "unknown party 'nobody'"),
    ({"ukraine": "nonsense"}, "unknown strategy 'nonsense'"),
    ({"ukraine": "linear:zz=1"}, "takes no parameter 'zz'"),
    ({"ukraine": "linear:e"}, "key=number"),
])
def test_bad_strategy_specs(strategies: dict[str, str], message: str) -> None:
    space = build_space(parley.load_scenario())
    with pytest.raises(UnknownStrategy, match=message):
        run_sao(space, strategies, rounds=5)


def test_opponent_model_agent_stays_on_its_concession_curve() -> None:
    sc = parley.load_scenario()
    space = build_space(sc)
    rounds = 100
    res = run_sao(space, default="linear_om", rounds=rounds, seed=0)
    for e in res.trace:
        p = sc.parties.index(e.proposer)
        t = e.round / (rounds - 1)
        hi = space.utilities[:, p].max()
        floor = min(max(sc.reservation[p], space.utilities[:, p].min()), hi)
        assert e.utilities[p] >= floor + (hi - floor) * (1 - t) - 1e-12
    # the frequency model finds a deal where plain linear agents miss each other
    assert res.agreement is not None and sc.acceptable(res.agreement.package[None, :])[0]
    assert run_sao(space, default="linear", rounds=rounds, seed=0).agreement is None

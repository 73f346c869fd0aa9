"""Monthly bargaining on one compilation equals parley.analyze with the month's RVs."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

import parley
from parley.dynamics import reservation_path
from parley.dynamics.analyze import analyze_dynamics
from parley.dynamics.bargaining import bargain_months, compile_bargaining, count_acceptable

TOY = Path(__file__).resolve().parent.parent / "fixtures" / "toy.yaml"


@pytest.fixture(scope="module")
def scenario() -> parley.Scenario:
    return parley.load_scenario()


def check_against_analyze(scenario: parley.Scenario, rv: np.ndarray) -> None:
    compiled = compile_bargaining(scenario)
    mb = bargain_months(compiled, rv)
    for m in range(rv.shape[0]):
        plain = parley.analyze(dataclasses.replace(scenario, reservation=rv[m].copy()),
                               repairs=0)
        assert mb.zopa_size[m] == plain.zopa.size
        assert plain.frontier is not None
        assert mb.frontier_size[m] == plain.frontier.packages.shape[0]
        for name, idx in (("nash", mb.nash[m]), ("kalai_smorodinsky", mb.ks[m])):
            sol = plain.solutions[name]
            if sol is None:
                assert idx == -1
            else:
                assert scenario.package_dict(compiled.packages[idx]) == sol.package
        if plain.frontier.packages.shape[0]:
            dims = list(scenario.bargaining)
            np.testing.assert_allclose(mb.best[m, dims],
                                       plain.frontier.utilities[:, dims].max(axis=0))


def test_default_scenario_months_match_analyze(scenario: parley.Scenario) -> None:
    rv = reservation_path(scenario, 24)
    check_against_analyze(scenario, rv[[0, 9, 24]])
    stalled = reservation_path(scenario, 24, europe_share=0.8)
    check_against_analyze(scenario, stalled[[24]])


def test_toy_scenario_with_arbitrary_reservation_values() -> None:
    toy = parley.load_scenario(TOY)
    rng = np.random.default_rng(7)
    rv = toy.reservation[None, :] + rng.uniform(-0.3, 0.3, size=(6, toy.n_parties))
    check_against_analyze(toy, rv)


def test_lower_reservation_values_never_shrink_the_zopa(scenario: parley.Scenario) -> None:
    compiled = compile_bargaining(scenario)
    rng = np.random.default_rng(3)
    base = scenario.reservation + rng.uniform(-0.1, 0.1, size=(4, scenario.n_parties))
    lower = base - rng.uniform(0, 0.1, size=base.shape)
    a, _ = count_acceptable(compiled, base)
    b, _ = count_acceptable(compiled, lower)
    assert np.all(b >= a)


def test_sampled_zopa_when_the_space_is_not_enumerated(scenario: parley.Scenario) -> None:
    compiled = compile_bargaining(scenario, max_enumerate=1000, seed=2)
    size, share = count_acceptable(compiled, scenario.reservation[None, :])
    assert size[0] == -1
    exact = parley.analyze(scenario, repairs=0).zopa.share
    assert share[0] == pytest.approx(exact, abs=0.005)


def reference_ripeness(nash_u: np.ndarray, rv: np.ndarray, has: np.ndarray, delta: float,
                       parties: list[int]) -> np.ndarray:
    """Double loop over months: is the Nash deal now better than any later outcome?"""
    n = rv.shape[0]
    v = np.where(has[:, None], nash_u, rv)
    ripe = np.zeros(n, dtype=bool)
    for t in range(n):
        if not has[t]:
            continue
        ok = True
        for p in parties:
            cont = rv[t, p]
            for s in range(t + 1, n):
                cont = max(cont, delta ** (s - t) * v[s, p])
            ok &= bool(nash_u[t, p] > cont)
        ripe[t] = ok
    return ripe


def test_ripeness_and_cost_of_delay_match_a_plain_loop(scenario: parley.Scenario) -> None:
    result = analyze_dynamics(scenario, 12, lookahead=0, europe_share=0.3)
    run = result.run
    compiled = compile_bargaining(scenario)
    rv = reservation_path(scenario, 12, europe_share=0.3)
    mb = bargain_months(compiled, rv)
    has = mb.nash >= 0
    nash_u = np.where(has[:, None], compiled.utilities[np.maximum(mb.nash, 0)], np.nan)
    parties = [scenario.parties.index(p) for p in result.ripeness_parties]
    expect = reference_ripeness(nash_u, rv, has, result.discount, parties)
    np.testing.assert_array_equal(run.ripe, expect)
    doc = result.to_dict()
    assert doc["ripe_months"] == np.flatnonzero(expect).tolist()
    ua = scenario.parties.index("ukraine")
    per_month = doc["cost_of_delay"]["ukraine"]["per_month"]
    assert per_month == pytest.approx([nash_u[t, ua] - nash_u[t + 1, ua] for t in range(12)])
    disc = doc["cost_of_delay"]["ukraine"]["per_month_discounted"]
    assert disc == pytest.approx([nash_u[t, ua] - result.discount * nash_u[t + 1, ua]
                                  for t in range(12)])


def test_fallback_reports_us_savings(scenario: parley.Scenario) -> None:
    doc = analyze_dynamics(scenario, 24, europe_share=0.5).to_dict()
    fb = doc["fallback"]
    p = doc["parameters"]
    assert fb["us_cost_saved"] == pytest.approx(0.5 * (p["aid_us"] + p["aid_us_enablers"]) * 24)
    assert fb["europe_extra_cost"] == pytest.approx(fb["us_cost_saved"])
    assert fb["territory_at_horizon"]["fallback"] >= fb["territory_at_horizon"]["baseline"]
    assert analyze_dynamics(scenario, 3).to_dict()["fallback"] is None


def test_scenario_without_dynamics_is_refused() -> None:
    with pytest.raises(ValueError, match="no `dynamics` section"):
        analyze_dynamics(parley.load_scenario(TOY))


@pytest.mark.parametrize("path", [None, TOY])
def test_scan_and_fold_candidates_give_the_same_months(path: Path | None) -> None:
    s = parley.load_scenario(path)
    rng = np.random.default_rng(11)
    rv = s.reservation[None, :] + rng.uniform(-0.15, 0.15, size=(4, s.n_parties))
    fold = compile_bargaining(s, method="fold")
    scan = compile_bargaining(s, method="scan")
    a, b = bargain_months(fold, rv), bargain_months(scan, rv)
    np.testing.assert_array_equal(a.frontier_size, b.frontier_size)
    for m in range(rv.shape[0]):
        for ia, ib in ((a.nash[m], b.nash[m]), (a.ks[m], b.ks[m])):
            assert (ia < 0) == (ib < 0)
            if ia >= 0:
                np.testing.assert_array_equal(fold.packages[ia], scan.packages[ib])
    with pytest.raises(ValueError, match="unknown method"):
        compile_bargaining(s, method="milp")

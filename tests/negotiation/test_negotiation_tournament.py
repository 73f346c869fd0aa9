"""Tournaments: pairings, worker-independent results, metrics checked by hand."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import parley
from parley.negotiation import build_space, run_sao
from parley.negotiation.tournament import combinations, run_tournament

TOY = Path(__file__).parents[1] / "fixtures" / "toy.yaml"


def test_pairing_counts() -> None:
    s = ["a", "b", "c"]
    assert len(combinations(5, s, "all")) == 3 ** 5
    assert combinations(2, s, "same") == [("a", "a"), ("b", "b"), ("c", "c")]
    focal = combinations(4, s, "focal")
    assert len(focal) == 1 + 4 * 2 and len(set(focal)) == len(focal)
    with pytest.raises(ValueError, match="unknown pairing"):
        combinations(2, s, "some")


def test_results_do_not_depend_on_workers() -> None:
    sc = parley.load_scenario(TOY)
    names = ["random", "linear", "tit_for_tat"]
    one = run_tournament(sc, names, seeds=4, rounds=15, pairing="all", workers=1).to_dict()
    two = run_tournament(sc, names, seeds=4, rounds=15, pairing="all", workers=2).to_dict()
    assert one == two


def test_metrics_match_individual_runs() -> None:
    sc = parley.load_scenario(TOY)
    space = build_space(sc)
    analysis = parley.analyze(sc, repairs=0)
    res = run_tournament(sc, ["conceder", "random"], seeds=3, rounds=20, pairing="same",
                         space=space, analysis=analysis)
    # re-play combination 1 (everyone random), rep 2 with the documented generator
    rng = np.random.default_rng([0, 1, 2])
    run = run_sao(space, dict.fromkeys(sc.parties, "random"), rounds=20, seed=None, rng=rng)
    summary = res.runs[1 * 3 + 2]
    assert summary.agreed == run.agreed and summary.rounds == run.rounds
    if run.agreement is not None:
        np.testing.assert_allclose(summary.gains, run.agreement.utilities - sc.reservation)
        nash = analysis.solutions["nash"]
        dims = list(sc.bargaining)
        nu = np.array([nash.utilities[sc.parties[p]] for p in dims])
        assert summary.nash_distance == pytest.approx(
            float(np.linalg.norm(nu - run.agreement.utilities[dims])))
        assert summary.frontier_distance is not None and summary.frontier_distance >= 0
    doc = res.to_dict()
    rates = [c["agreement_rate"] for c in doc["combinations"]]
    agreed = sum(r.agreed for r in res.runs)
    assert doc["overall"]["agreement_rate"] == pytest.approx(agreed / len(res.runs))
    assert doc["overall"]["agreement_rate"] == pytest.approx(np.mean(rates))


def test_frontier_distance_is_zero_on_the_frontier() -> None:
    sc = parley.load_scenario(TOY)
    analysis = parley.analyze(sc, repairs=0)
    from parley.negotiation.tournament import _distances

    u = analysis.frontier.utilities[0]
    front_d, _ = _distances(analysis, sc, u)
    assert front_d == pytest.approx(0.0)

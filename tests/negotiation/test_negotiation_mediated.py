"""Mediated single negotiating text: targets, bias, invariants."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from negotiation_scenarios import load_small, small_docs

import parley
from parley.negotiation import STRATEGIES, build_space
from parley.negotiation.mediated import run_mediated


@pytest.fixture(scope="module")
def default() -> tuple[Any, Any]:
    sc = parley.load_scenario()
    return build_space(sc), parley.analyze(sc, repairs=0)


@pytest.mark.parametrize(("target", "key"), [("nash", "nash"), ("ks", "kalai_smorodinsky")])
def test_neutral_mediator_lands_on_the_solution(default: Any, target: str, key: str) -> None:
    space, analysis = default
    res = run_mediated(space, default="linear", rounds=80, target=target, analysis=analysis)
    assert res.agreement is not None
    assert space.scenario.package_dict(res.agreement.package) == analysis.solutions[key].package


def test_biased_mediator_favours_itself(default: Any) -> None:
    space, analysis = default
    us = space.scenario.party_index("us")
    gains = []
    for bias in (0.0, 0.5, 1.0):
        res = run_mediated(space, default="linear", rounds=80, mediator="us", bias=bias,
                           analysis=analysis)
        assert res.agreement is not None and space.scenario.acceptable(
            res.agreement.package[None, :])[0]
        gains.append(res.agreement.utilities[us])
    assert gains[0] <= gains[1] <= gains[2] and gains[0] < gains[2]
    # bias 1: the US's best package on the acceptable frontier
    assert gains[2] == pytest.approx(analysis.frontier.utilities[:, us].max())


def test_bad_mediator_arguments(default: Any) -> None:
    space, analysis = default
    with pytest.raises(ValueError, match="unknown proposal"):
        run_mediated(space, start="nope", analysis=analysis)
    with pytest.raises(ValueError, match="unknown mediator party"):
        run_mediated(space, mediator="un", bias=0.5, analysis=analysis)
    with pytest.raises(ValueError, match="between 0 and 1"):
        run_mediated(space, mediator="us", bias=2.0, analysis=analysis)


@settings(deadline=None, max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(small_docs(), st.lists(st.sampled_from(sorted(STRATEGIES)), min_size=4, max_size=4),
       st.integers(1, 20), st.integers(0, 1000), st.floats(0, 1))
def test_mediated_invariants(doc: dict[str, Any], names: list[str], rounds: int, seed: int,
                             bias: float) -> None:
    sc = load_small(doc)
    space = build_space(sc)
    strategies = dict(zip(sc.parties, names, strict=False))
    res = run_mediated(space, strategies, rounds=rounds, seed=seed, mediator=sc.parties[0],
                       bias=bias)
    for entry in res.trace:
        assert sc.feasible(entry.package[None, :])[0]
        np.testing.assert_allclose(entry.utilities, sc.utilities(entry.package)[0], atol=1e-12)
    if res.agreement is not None:
        assert sc.acceptable(res.agreement.package[None, :])[0]
    again = run_mediated(space, strategies, rounds=rounds, seed=seed, mediator=sc.parties[0],
                         bias=bias)
    assert again.to_dict() == res.to_dict()

"""Monte Carlo fast path against a from-scratch recomputation, and seed/worker invariance."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from uq_helpers import default_dict, reference, toy_dict

from parley.scenario import scenario_from_dict
from parley.uncertainty import compile_scenario, monte_carlo
from parley.uncertainty.chunks import plan, run_chunk
from parley.uncertainty.sampling import draw_quantiles, to_values


def _check_against_reference(doc: dict[str, Any], seed: int, n: int) -> None:
    compiled = compile_scenario(scenario_from_dict(doc))
    assert compiled.params
    theta = to_values(compiled.dists, draw_quantiles(seed, 0, n, len(compiled.params)))
    out = run_chunk(compiled, plan(n, n, seed)[0])
    for k in range(n):
        ref = reference(doc, {p.path: theta[k, j] for j, p in enumerate(compiled.params)})
        assert out.acceptable[k].tolist() == ref["acceptable"]
        assert out.zopa_size[k] == ref["zopa_size"]
        for name, pkg in ref["solutions"].items():
            code = int(out.solutions[name][k])
            assert (None if code < 0 else compiled.decode(code)) == pkg, (k, name)


def test_toy_samples_match_a_from_scratch_analysis() -> None:
    _check_against_reference(toy_dict(), seed=3, n=25)


def test_default_samples_match_a_from_scratch_analysis() -> None:
    _check_against_reference(default_dict(), seed=11, n=3)


def test_base_values_reproduce_the_file() -> None:
    sc = scenario_from_dict(toy_dict())
    compiled = compile_scenario(sc)
    new, _ = compiled.substitute(compiled.base)
    assert np.array_equal(new.weights, sc.weights)
    assert np.array_equal(new.reservation, sc.reservation)
    assert all(np.array_equal(a, b) for a, b in zip(new.values, sc.values, strict=True))


def test_result_is_independent_of_workers_and_chunking() -> None:
    sc = scenario_from_dict(toy_dict())
    one = monte_carlo(sc, 120, seed=5, workers=1, chunk_size=120).to_dict()
    two = monte_carlo(sc, 120, seed=5, workers=2, chunk_size=7).to_dict()
    for doc in (one, two):
        doc.pop("run")
    assert one == two
    other = monte_carlo(sc, 120, seed=6, workers=1).to_dict()
    assert other["proposals"] != one["proposals"]


def test_document_contract() -> None:
    sc = scenario_from_dict(toy_dict())
    doc = monte_carlo(sc, 60, seed=1, workers=1).to_dict()
    assert doc["samples"] == 60
    for entry in doc["proposals"].values():
        assert 0 <= entry["p_acceptable"] <= 1
    shares = [x["share"] for x in doc["nash_frequency"]]
    assert sum(shares) + doc["p_zopa_empty"] == pytest.approx(1.0)
    assert shares == sorted(shares, reverse=True)
    assert set(doc["nash_frequency"][0]["package"]) == {"land", "money", "guarantee"}
    assert sum(x["share"] for x in doc["ks_frequency"]) + doc["p_zopa_empty"] == pytest.approx(1)

"""Sensitivity: Sobol indices on the Ishigami function (closed form) and tornado flip
points against a grid search."""

from __future__ import annotations

import math

import numpy as np
import pytest
from uq_helpers import toy_dict

from parley.scenario import scenario_from_dict
from parley.uncertainty import compile_scenario
from parley.uncertainty.sobol import scenario_sobol, sobol_indices
from parley.uncertainty.tornado import tornado

A, B = 7.0, 0.1


def _ishigami_closed_form() -> tuple[list[float], list[float]]:
    """Ishigami & Homma (1990); indices as in Saltelli et al. (2008, sec. 4.6)."""
    v1 = 0.5 * (1 + B * math.pi ** 4 / 5) ** 2
    v2 = A ** 2 / 8
    v13 = B ** 2 * math.pi ** 8 * (1 / 18 - 1 / 50)
    var = v1 + v2 + v13
    return [v1 / var, v2 / var, 0.0], [(v1 + v13) / var, v2 / var, v13 / var]


def test_ishigami_indices_match_closed_form() -> None:
    def model(q: np.ndarray) -> dict[str, np.ndarray]:
        x = -math.pi + 2 * math.pi * q
        y = np.sin(x[:, 0]) + A * np.sin(x[:, 1]) ** 2 + B * x[:, 2] ** 4 * np.sin(x[:, 0])
        return {"y": y}

    s1, st = _ishigami_closed_form()
    assert s1[0] == pytest.approx(0.314, abs=1e-3) and st[2] == pytest.approx(0.244, abs=1e-3)
    [res] = sobol_indices(model, ("x1", "x2", "x3"), n_base=4096, seed=1)
    assert res.s1 == pytest.approx(s1, abs=0.03)
    assert res.st == pytest.approx(st, abs=0.03)


def test_scenario_sobol_runs_and_flags_constant_outputs() -> None:
    compiled = compile_scenario(scenario_from_dict(toy_dict()))
    out = {r.output: r for r in scenario_sobol(compiled, n_base=16, seed=2, workers=1)}
    assert set(out) == {"min_margin.p1", "min_margin.p2", "zopa_size", "nash_product"}
    doc = out["min_margin.p1"].to_dict()
    assert len(doc["indices"]) == len(compiled.params)
    # p1's margin over its required parties does not involve the capability
    cap = next(i for i in doc["indices"] if i["parameter"] == "parties[0].capability")
    assert cap["ST"] == pytest.approx(0.0, abs=1e-9)


def test_tornado_flip_points_match_a_grid_search() -> None:
    compiled = compile_scenario(scenario_from_dict(toy_dict()))
    result = tornado(compiled)
    flips = [(j, f) for j, bar in enumerate(result.bars) for f in bar.flips]
    assert flips, "the toy scenario should have at least one flip"
    ids = compiled.proposal_ids
    for j, bar in enumerate(result.bars):
        for side, end in (("low", bar.low), ("high", bar.high)):
            grid = np.linspace(bar.value, end, 801)
            acc = []
            for x in grid:
                theta = compiled.base.copy()
                theta[j] = x
                acc.append(compiled.margins(theta)[0])
            acc_arr = np.array(acc)
            for k, pid in enumerate(ids):
                changed = np.flatnonzero(acc_arr[:, k] != acc_arr[0, k])
                found = [f for f in bar.flips if f.proposal == pid and f.side == side]
                if changed.size == 0:
                    assert not found
                    continue
                assert len(found) == 1
                step = abs(grid[1] - grid[0])
                assert abs(found[0].at - grid[changed[0]]) <= step + 1e-12
                assert found[0].becomes == ("acceptable" if acc_arr[changed[0], k]
                                            else "unacceptable")


def test_tornado_target_prefers_the_most_flipped_then_the_least_certain() -> None:
    from parley.uncertainty.tornado import tornado_target

    doc = {"proposals": {"a": {"p_acceptable": 0.5}, "b": {"p_acceptable": 0.9},
                         "c": {"p_acceptable": 0.1}}}
    flip = {"proposal": "b", "side": "low", "at": 0.1, "becomes": "unacceptable"}
    assert tornado_target(doc, {"bars": [{"flips": [flip]}]}) == "b"
    assert tornado_target(doc, {"bars": [{"flips": []}]}) == "a"
    assert tornado_target({"proposals": {}}, {"bars": []}) is None

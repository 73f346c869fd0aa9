"""Tests for :mod:`parley.bargaining.milp` against a brute-force reference.

The reference enumerates every package with :func:`itertools.product`, keeps the
acceptable ones (:meth:`Scenario.acceptable`), and takes the argmax of each criterion
straight from its definition (see :mod:`parley.bargaining.solutions`):

- utilitarian: the largest utility sum of the bargaining parties;
- egalitarian: the largest smallest gain ``u - d`` among points with every gain
  ``>= 0``; among Pareto-optimal points tied at that value, the largest utility sum;
- Nash: the largest product of gains among points with every gain ``>= 0`` (ties, which
  matter when that product is 0, go to the largest utility sum);
- weighted Nash: the largest ``sum w log(gain)`` among points with every gain ``> 0``.

Objective values are compared, not packages, since ties are allowed. Gains within
``ZERO`` of 0 count as 0 (rounding noise of sums taken in a different order).
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import parley
from parley.bargaining.milp import MilpWarning, solve_points
from parley.bargaining.solutions import Conventions
from parley.errors import ScenarioError
from parley.scenario.model import Scenario
from parley.space import build_blocks

TOY = Path(__file__).resolve().parent.parent / "fixtures" / "toy.yaml"
#: Gains within this of zero are treated as zero.
ZERO = 1e-12
#: Tolerance of value comparisons (absolute and relative).
TOL = 1e-8

Values = dict[str, tuple[float, ...] | None]


# --------------------------------------------------------------------- reference


def all_packages(scenario: Scenario) -> np.ndarray:
    """Every package of the (unconstrained) product space."""
    ranges = [range(len(o)) for o in scenario.options]
    return np.array(list(itertools.product(*ranges)), dtype=np.int64)


def reference_disagreement(scenario: Scenario, conventions: Conventions) -> np.ndarray:
    """``d`` from its definition: ``max(rv, min over feasible packages)`` or ``rv``."""
    rv = scenario.reservation.astype(float)
    if conventions.disagreement == "reservation":
        return rv
    pk = all_packages(scenario)
    u = scenario.utilities(pk)[scenario.feasible(pk)]
    d: np.ndarray = np.maximum(rv, u.min(axis=0))
    return d


def pareto_rows(points: np.ndarray) -> np.ndarray:
    """Rows no other row dominates (``>=`` everywhere, ``>`` somewhere), O(n^2)."""
    ge = (points[None, :, :] >= points[:, None, :]).all(axis=2)
    gt = (points[None, :, :] > points[:, None, :]).any(axis=2)
    keep: np.ndarray = ~np.any(ge & gt, axis=1)
    return keep


def criteria(utilities: np.ndarray, d: np.ndarray, w: np.ndarray) -> dict[str, np.ndarray]:
    """Each criterion for each row of bargaining-party ``utilities`` (NaN = not eligible)."""
    gains = utilities - d
    nonneg = np.all(gains >= -ZERO, axis=1)
    positive = np.all(gains > ZERO, axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.log(np.where(gains > 0, gains, 1.0))
    return {
        "utilitarian": utilities.sum(axis=1),
        "egalitarian": np.where(nonneg, gains.min(axis=1), np.nan),
        "nash": np.where(nonneg, np.prod(np.clip(gains, 0.0, None), axis=1), np.nan),
        "nash_weighted": np.where(positive, (logs * w).sum(axis=1), np.nan),
    }


def close(a: float, b: float, tol: float = TOL) -> bool:
    """``a`` and ``b`` agree to ``tol`` (absolute or relative)."""
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


def reference_values(scenario: Scenario, d: np.ndarray, w: np.ndarray) -> Values:
    """Brute-force optimum of each criterion, with the tie-break sum where it matters."""
    dims = list(scenario.bargaining)
    pk = all_packages(scenario)
    u = scenario.utilities(pk)
    ok = scenario.acceptable(pk, u)
    out: Values = dict.fromkeys(("utilitarian", "egalitarian", "nash", "nash_weighted"))
    if not ok.any():
        return out
    front = u[ok][:, dims]
    front = front[pareto_rows(front)]
    sums = front.sum(axis=1)
    for name, score in criteria(front, d, w).items():
        if np.all(np.isnan(score)):
            continue
        best = float(np.nanmax(score))
        ties = np.flatnonzero(np.abs(np.nan_to_num(score, nan=-np.inf) - best)
                              <= 1e-12 * max(1.0, abs(best)))
        out[name] = (best, float(sums[ties].max()))
    return out


def milp_values(scenario: Scenario, points: dict[str, np.ndarray | None], d: np.ndarray,
                w: np.ndarray) -> Values:
    """The criteria at the MILP's packages (each checked to be acceptable)."""
    dims = list(scenario.bargaining)
    out: Values = {}
    for name in ("utilitarian", "egalitarian", "nash", "nash_weighted"):
        pkg = points[name]
        if pkg is None:
            out[name] = None
            continue
        assert pkg.dtype == np.int64 and pkg.shape == (scenario.n_issues,)
        u = scenario.utilities(pkg[None, :])
        assert scenario.acceptable(pkg[None, :], u)[0], name
        value = float(criteria(u[:, dims], d, w)[name][0])
        out[name] = (value, float(u[0, dims].sum()))
    return out


def check_against_reference(scenario: Scenario, conventions: Conventions) -> dict[str, Any]:
    """Solve by MILP and compare every criterion with the brute-force reference."""
    dims = list(scenario.bargaining)
    d_all = reference_disagreement(scenario, conventions)
    d = d_all[dims]
    w = scenario.capability[dims] / scenario.capability[dims].sum()
    blocks = build_blocks(scenario)
    ideal = np.array([b.contrib.max(axis=0) for b in blocks]).sum(axis=0)
    stats: dict[str, Any] = {}
    points = solve_points(scenario, blocks, d_all, ideal, w, conventions, stats=stats)
    assert set(points) == {"nash", "nash_weighted", "egalitarian", "utilitarian",
                           "kalai_smorodinsky"}
    assert points["kalai_smorodinsky"] is None
    want = reference_values(scenario, d, w)
    got = milp_values(scenario, points, d, w)
    for name, ref in want.items():
        val = got[name]
        if ref is None:
            assert val is None, (name, val)
            continue
        assert val is not None, (name, ref)
        assert not math.isnan(val[0]), (name, val, ref)
        if name == "nash":
            assert close(val[0], ref[0], 1e-7), (name, val, ref)
        else:
            assert close(val[0], ref[0]), (name, val, ref)
        # tie-breaks by the larger utility sum: egalitarian, and Nash when every product is 0
        if name == "egalitarian" or (name == "nash" and ref[0] <= ZERO):
            assert close(val[1], ref[1]), (name, val, ref)
    return stats


# ------------------------------------------------------------------- toy fixture


@pytest.mark.parametrize("disagreement", ["negmas", "reservation"])
def test_toy_matches_brute_force(disagreement: str) -> None:
    scenario = parley.load_scenario(TOY)
    stats = check_against_reference(scenario, Conventions(disagreement))  # type: ignore[arg-type]
    assert stats["solves"] >= 1


# ------------------------------------------------------------- random scenarios

_TEST = "test"
_OFFSET = 1 / 7919  # keeps reservation values off the utility grid (no boundary ties)


@st.composite
def scenario_docs(draw: st.DrawFn) -> dict[str, Any]:
    """Random small scenario documents in the file format (every number from a judgment)."""
    n_parties = draw(st.integers(2, 4))
    n_issues = draw(st.integers(2, 5))
    sizes = [draw(st.integers(2, 4)) for _ in range(n_issues)]
    coarse = draw(st.booleans())  # coarse grids make exact ties common
    value_st = (st.integers(0, 4).map(lambda k: k / 4) if coarse
                else st.integers(-1000, 1000).map(lambda k: k / 1000))
    weight_st = (st.integers(0, 3).map(float) if coarse
                 else st.integers(0, 1000).map(lambda k: k / 1000))
    issues = [{"id": f"i{k}", "options": [{"id": f"o{j}"} for j in range(s)]}
              for k, s in enumerate(sizes)]

    def option(i: int) -> str:
        return f"o{draw(st.integers(0, sizes[i] - 1))}"

    def two_issues() -> tuple[int, int]:
        a = draw(st.integers(0, n_issues - 1))
        b = draw(st.integers(0, n_issues - 2))
        return a, b if b < a else b + 1

    with_ratifier = draw(st.booleans())
    party_ids = [f"p{k}" for k in range(n_parties)]
    parties: list[dict[str, Any]] = []
    for k, pid in enumerate(party_ids):
        veto = True if k == 0 else draw(st.booleans())
        parties.append({"id": pid, "veto": veto,
                        "capability": {"value": draw(st.integers(1, 5)), "judgment": _TEST}})
    if with_ratifier:
        parties.append({"id": "r", "role": "ratifier"})
    prefs: dict[str, Any] = {}
    for party in parties:
        # an indifferent party (the same utility everywhere, rv just below it) has gain 0
        # under the negmas disagreement point: every Nash product is then 0
        flat = party["id"] != "p0" and draw(st.integers(0, 5)) == 0
        weights = [1.0 if flat else draw(weight_st) for _ in range(n_issues)]
        values = [[0.5 if flat else draw(value_st) for _ in range(s)] for s in sizes]
        interactions = []
        for _ in range(0 if flat else draw(st.integers(0, 2))):
            a, b = two_issues()
            interactions.append({"when": {f"i{a}": option(a), f"i{b}": option(b)},
                                 "value": draw(st.integers(-6, 6)) / 20})
        lo = sum(w * min(v) for w, v in zip(weights, values, strict=True))
        hi = sum(w * max(v) for w, v in zip(weights, values, strict=True))
        frac = draw(st.integers(0, 9)) / 10
        prefs[party["id"]] = {
            "judgment": _TEST,
            "weights": {f"i{i}": w for i, w in enumerate(weights)},
            "values": {f"i{i}": {f"o{j}": v for j, v in enumerate(vs)}
                       for i, vs in enumerate(values)},
            "interactions": interactions,
            "reservation": lo - _OFFSET if flat else lo + frac * (hi - lo) + _OFFSET,
        }
    rules: list[dict[str, Any]] = []
    for k in range(draw(st.integers(0, 2))):
        a, b = two_issues()
        if draw(st.booleans()):
            rules.append({"id": f"rule{k}", "forbid": {f"i{a}": option(a), f"i{b}": option(b)}})
        else:
            allowed = sorted({option(b) for _ in range(2)})
            rules.append({"id": f"rule{k}", "if": {f"i{a}": option(a)},
                          "then": {f"i{b}": allowed}})
    ratification: list[dict[str, Any]] = []
    non_veto = [p["id"] for p in parties if p.get("role") == "ratifier" or not p["veto"]]
    if draw(st.booleans()) and non_veto:
        a = draw(st.integers(0, n_issues - 1))
        when: dict[str, Any] = {f"i{a}": sorted({option(a) for _ in range(2)})}
        if draw(st.booleans()):
            b = draw(st.sampled_from([i for i in range(n_issues) if i != a]))
            when[f"i{b}"] = option(b)
        ratification.append({"id": "ratify", "ratifier": draw(st.sampled_from(non_veto)),
                             "when": when, "judgment": _TEST})
    return {
        "parley": 1, "id": "random", "parties": parties, "issues": issues,
        "preferences": prefs, "rules": rules, "ratification": ratification,
        "analysis": {"disagreement": draw(st.sampled_from(["negmas", "reservation"]))},
    }


def build(doc: dict[str, Any]) -> Scenario:
    """The scenario of a generated document (rejects documents the loader refuses)."""
    try:
        return parley.scenario_from_dict(doc)
    except ScenarioError:
        assume(False)
        raise  # unreachable


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_docs())
def test_random_scenarios_match_brute_force(doc: dict[str, Any]) -> None:
    scenario = build(doc)
    conventions = Conventions(scenario.settings.disagreement, scenario.settings.ideal)
    check_against_reference(scenario, conventions)


def test_generator_reaches_every_case() -> None:
    """The strategy produces empty ZOPAs, ratification, rules and all-zero Nash products."""
    seen = {"empty": False, "ratify": False, "rules": False, "zero_nash": False}

    @settings(max_examples=150, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(scenario_docs())
    def probe(doc: dict[str, Any]) -> None:
        scenario = build(doc)
        pk = all_packages(scenario)
        ok = scenario.acceptable(pk)
        seen["empty"] |= not ok.any()
        seen["ratify"] |= bool(scenario.ratification)
        seen["rules"] |= bool(scenario.forbidden)
        conv = Conventions(scenario.settings.disagreement, scenario.settings.ideal)
        dims = list(scenario.bargaining)
        d = reference_disagreement(scenario, conv)[dims]
        w = scenario.capability[dims] / scenario.capability[dims].sum()
        nash = reference_values(scenario, d, w)["nash"]
        seen["zero_nash"] |= nash is not None and nash[0] <= ZERO

    probe()
    assert all(seen.values()), seen


# ------------------------------------------------- medium scenarios (several cuts)


def linked_scenario(seed: int, n_issues: int = 6, n_options: int = 5,
                    n_parties: int = 3) -> Scenario:
    """Random continuous values with interactions pairing issues (15,625 packages)."""
    rng = np.random.default_rng(seed)
    parties = [{"id": f"p{k}", "capability": {"value": k + 1, "judgment": _TEST}}
               for k in range(n_parties)]
    issues = [{"id": f"i{i}", "options": [{"id": f"o{j}"} for j in range(n_options)]}
              for i in range(n_issues)]
    prefs: dict[str, Any] = {}
    for k in range(n_parties):
        w = rng.uniform(0, 1, n_issues)
        v = rng.uniform(0, 1, (n_issues, n_options))
        inter = [{"when": {f"i{a}": f"o{rng.integers(n_options)}",
                           f"i{a + 1}": f"o{rng.integers(n_options)}"},
                  "value": float(rng.uniform(-0.3, 0.3))} for a in range(0, n_issues - 1, 2)]
        lo, hi = float((w * v.min(axis=1)).sum()), float((w * v.max(axis=1)).sum())
        prefs[f"p{k}"] = {
            "judgment": _TEST,
            "weights": {f"i{i}": float(w[i]) for i in range(n_issues)},
            "values": {f"i{i}": {f"o{j}": float(v[i, j]) for j in range(n_options)}
                       for i in range(n_issues)},
            "interactions": inter, "reservation": lo + 0.3 * (hi - lo)}
    return parley.scenario_from_dict({"parley": 1, "id": "linked", "parties": parties,
                                      "issues": issues, "preferences": prefs})


@pytest.mark.parametrize("seed", range(10))
def test_linked_scenarios_match_brute_force(seed: int) -> None:
    stats = check_against_reference(linked_scenario(seed), Conventions())
    assert stats["nash_converged"] and stats["nash_weighted_converged"]
    assert 1 <= stats["nash_iterations"] <= 10


def test_iteration_cap_warns_and_keeps_an_acceptable_package() -> None:
    scenario = linked_scenario(2)  # needs 3 outer-approximation iterations
    blocks = build_blocks(scenario)
    dims = list(scenario.bargaining)
    d_all = reference_disagreement(scenario, Conventions())
    w = scenario.capability[dims] / scenario.capability[dims].sum()
    with pytest.warns(MilpWarning, match="outer approximation stopped"):
        points = solve_points(scenario, blocks, d_all, d_all, w, Conventions(),
                              max_iterations=1)
    pkg = points["nash"]
    assert pkg is not None and scenario.acceptable(pkg[None, :])[0]


# ------------------------------------------------------------------- public API


def _api_values(result: parley.AnalysisResult) -> Values:
    sc = result.scenario
    dims = list(sc.bargaining)
    d = result.disagreement[dims]
    w = sc.capability[dims] / sc.capability[dims].sum()
    out: Values = {}
    for name in ("utilitarian", "egalitarian", "nash", "nash_weighted"):
        sol = result.solutions[name]
        if sol is None:
            out[name] = None
            continue
        u = np.array([[sol.utilities[sc.parties[p]] for p in dims]])
        out[name] = (float(criteria(u, d, w)[name][0]), float(u.sum()))
    return out


def _compare_api(scenario: Scenario) -> None:
    by_milp = parley.analyze(scenario, method="milp", repairs=0)
    by_fold = parley.analyze(scenario, method="fold", repairs=0)
    assert by_milp.method == "milp"
    doc = by_milp.to_dict()
    assert doc["frontier"] == []
    assert doc["frontier_enumerated"] is False
    np.testing.assert_array_equal(by_milp.disagreement, by_fold.disagreement)
    got, want = _api_values(by_milp), _api_values(by_fold)
    for name in ("utilitarian", "egalitarian", "nash", "nash_weighted"):
        g, f = got[name], want[name]
        if f is None:
            assert g is None, name
            continue
        assert g is not None, name
        assert close(g[0], f[0], 1e-7), (name, g, f)
        if name == "egalitarian":
            assert close(g[1], f[1]), (name, g, f)
    assert by_milp.solutions["kalai_smorodinsky"] is None


def test_api_milp_matches_fold_on_toy() -> None:
    _compare_api(parley.load_scenario(TOY))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_docs())
def test_api_milp_matches_fold_random(doc: dict[str, Any]) -> None:
    _compare_api(build(doc))


# ------------------------------------------------------------------------ scale


def test_large_linear_space_utilitarian_closed_form() -> None:
    """12 issues x 10 options (10^12 packages): the utilitarian point is per-issue argmax."""
    rng = np.random.default_rng(20251124)
    n_issues, n_options, n_parties = 12, 10, 3
    weights = rng.uniform(0.1, 1.0, size=(n_parties, n_issues))
    values = rng.uniform(0.0, 1.0, size=(n_parties, n_issues, n_options))
    parties = [{"id": f"p{k}", "capability": {"value": k + 1, "judgment": _TEST}}
               for k in range(n_parties)]
    issues = [{"id": f"i{i}", "options": [{"id": f"o{j}"} for j in range(n_options)]}
              for i in range(n_issues)]
    prefs = {}
    for k in range(n_parties):
        lowest = float((weights[k] * values[k].min(axis=1)).sum())
        prefs[f"p{k}"] = {
            "judgment": _TEST,
            "weights": {f"i{i}": float(weights[k, i]) for i in range(n_issues)},
            "values": {f"i{i}": {f"o{j}": float(values[k, i, j]) for j in range(n_options)}
                       for i in range(n_issues)},
            "reservation": lowest - 0.5,  # every package is acceptable
        }
    doc = {"parley": 1, "id": "large", "parties": parties, "issues": issues,
           "preferences": prefs}
    scenario = parley.scenario_from_dict(doc)
    assert scenario.n_packages == 10**12
    result = parley.analyze(scenario, method="milp", repairs=0)
    assert result.method == "milp" and not result.enumerated
    per_issue = (weights[:, :, None] * values).sum(axis=0)  # (issues, options)
    closed_form = float(per_issue.max(axis=1).sum())
    sol = result.solutions["utilitarian"]
    assert sol is not None
    assert close(sum(sol.utilities.values()), closed_form, 1e-9)
    best = {f"i{i}": f"o{int(per_issue[i].argmax())}" for i in range(n_issues)}
    assert sol.package == best
    for name in ("nash", "nash_weighted", "egalitarian"):
        assert result.solutions[name] is not None, name
    doc_out = result.to_dict()
    assert doc_out["frontier"] == [] and doc_out["frontier_enumerated"] is False

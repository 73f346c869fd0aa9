"""ZOPA, Pareto frontier and bargaining solutions against brute force over random scenarios.

Random scenario *documents* are drawn by :func:`scenario_docs`; :class:`Reference`
recomputes everything a test needs (utilities, feasibility, who must consent,
acceptability) from the document dict itself, by listing every package with
``itertools.product``. Nothing of parley is used to build these references.

Numbers are drawn on a dyadic grid (multiples of 1/16 for weights and values,
1/32 for reservation values and interaction terms), so every utility is an exact
binary fraction and sums do not depend on the order of additions: frontiers can be
compared exactly, as sets of utility vectors.

:func:`scenario_docs` and :class:`Reference` are also used by ``test_proposals.py``.
"""

from __future__ import annotations

import copy
import itertools
import math
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import parley
from parley import Conventions, ScenarioError, analyze, scenario_from_dict
from parley.scenario.model import Scenario

SOLUTION_NAMES = ("nash", "nash_weighted", "kalai_smorodinsky", "egalitarian", "utilitarian")
NEGMAS = Conventions("negmas", "space")
TEXTBOOK = Conventions("reservation", "acceptable")

# ------------------------------------------------------------------ strategies


def _grid(den: int, lo: int, hi: int) -> st.SearchStrategy[float]:
    return st.integers(lo, hi).map(lambda k: k / den)


@st.composite
def conditions(draw: st.DrawFn, sizes: list[int]) -> dict[str, Any]:
    """A condition on one or two issues: ``{issue: option}`` or ``{issue: [options]}``."""
    n_issues = draw(st.integers(1, min(2, len(sizes))))
    chosen = draw(st.lists(st.integers(0, len(sizes) - 1), min_size=n_issues,
                           max_size=n_issues, unique=True))
    out: dict[str, Any] = {}
    for i in chosen:
        opts = draw(st.lists(st.integers(0, sizes[i] - 1), min_size=1, max_size=sizes[i] - 1,
                             unique=True))
        ids = [f"o{j}" for j in sorted(opts)]
        out[f"i{i}"] = ids[0] if len(ids) == 1 and draw(st.booleans()) else ids
    return out


@st.composite
def scenario_docs(draw: st.DrawFn, max_issues: int = 5, max_options: int = 4) -> dict[str, Any]:
    """A random, schema-valid scenario document (its rules may still leave nothing feasible)."""
    n_issues = draw(st.integers(2, max_issues))
    sizes = [draw(st.integers(2, max_options)) for _ in range(n_issues)]
    n_total = draw(st.integers(2, 4))
    has_ratifier = draw(st.integers(0, 2)) == 0
    n_main = n_total - 1 if has_ratifier else n_total
    parties: list[dict[str, Any]] = []
    for k in range(n_main):
        party: dict[str, Any] = {"id": f"p{k}"}
        if k > 0:
            role = draw(st.sampled_from(["party", "party", "mediator"]))
            if role != "party":
                party["role"] = role
            veto = draw(st.sampled_from([None, None, True, False]))
            if veto is not None:
                party["veto"] = veto
        parties.append(party)
    if has_ratifier:
        parties.append({"id": "r", "role": "ratifier"})
    for party in parties:
        if draw(st.booleans()):
            party["capability"] = {"value": draw(_grid(4, 1, 8)), "judgment": "test"}

    preferences: dict[str, Any] = {}
    for party in parties:
        weights = [draw(_grid(16, 0, 16)) for _ in range(n_issues)]
        if not any(weights):
            weights[draw(st.integers(0, n_issues - 1))] = 1.0
        block: dict[str, Any] = {
            "judgment": "test",
            "weights": {f"i{i}": w for i, w in enumerate(weights)},
            "values": {f"i{i}": {f"o{j}": draw(_grid(16, 0, 16)) for j in range(s)}
                       for i, s in enumerate(sizes)},
            "reservation": draw(_grid(32, 0, 25)),
        }
        n_terms = draw(st.integers(0, 2))
        if n_terms:
            block["interactions"] = [
                {"when": draw(conditions(sizes)), "value": draw(_grid(32, -8, 8))}
                for _ in range(n_terms)]
        preferences[party["id"]] = block

    rules = []
    for k in range(draw(st.integers(0, 2))):
        if draw(st.booleans()):
            rules.append({"id": f"rule{k}", "forbid": draw(conditions(sizes))})
        else:
            rules.append({"id": f"rule{k}", "if": draw(conditions(sizes)),
                          "then": draw(conditions(sizes))})
    doc: dict[str, Any] = {
        "parley": 1,
        "id": "random",
        "parties": parties,
        "issues": [{"id": f"i{i}", "options": [{"id": f"o{j}"} for j in range(s)]}
                   for i, s in enumerate(sizes)],
        "preferences": preferences,
        "rules": rules,
    }
    if has_ratifier:
        doc["ratification"] = [{"id": f"rat{k}", "ratifier": "r", "when": draw(conditions(sizes))}
                               for k in range(draw(st.integers(1, 2)))]
    if draw(st.integers(0, 3)) == 0:
        ids = [p["id"] for p in parties]
        doc["analysis"] = {"bargaining_parties": draw(
            st.lists(st.sampled_from(ids), min_size=1, max_size=len(ids), unique=True))}
    return doc


def load(doc: dict[str, Any]) -> Scenario:
    """Build the scenario, discarding (via ``assume``) documents with nothing feasible."""
    try:
        return scenario_from_dict(doc)
    except ScenarioError as err:
        assert all("feasib" in p.message or "contradict" in p.message for p in err.problems), err
        assume(False)
        raise  # unreachable


# ------------------------------------------------------------------ reference


def brute_nondominated(points: np.ndarray) -> np.ndarray:
    """Indices of rows no other row dominates (>= everywhere, > somewhere); O(n^2)."""
    if points.shape[0] == 0:
        return np.zeros(0, dtype=np.int64)
    ge = (points[None, :, :] >= points[:, None, :]).all(axis=2)
    gt = (points[None, :, :] > points[:, None, :]).any(axis=2)
    return np.flatnonzero(~(ge & gt).any(axis=1))


def _option_index(option: str) -> int:
    return int(option[1:])


def _matches(cond: dict[str, Any], packages: np.ndarray) -> np.ndarray:
    ok = np.ones(packages.shape[0], dtype=bool)
    for issue, opts in cond.items():
        opts = opts if isinstance(opts, list) else [opts]
        ok &= np.isin(packages[:, _option_index(issue)], [_option_index(o) for o in opts])
    return ok


@dataclass
class Reference:
    """Everything about a random document, by brute force from the dict."""

    doc: dict[str, Any]

    @cached_property
    def parties(self) -> list[str]:
        return [p["id"] for p in self.doc["parties"]]

    @cached_property
    def sizes(self) -> list[int]:
        return [len(i["options"]) for i in self.doc["issues"]]

    @cached_property
    def packages(self) -> np.ndarray:
        return np.array(list(itertools.product(*[range(s) for s in self.sizes])),
                        dtype=np.int64)

    def utilities_of(self, packages: np.ndarray) -> np.ndarray:
        packages = np.atleast_2d(packages)
        out = np.zeros((packages.shape[0], len(self.parties)))
        for k, pid in enumerate(self.parties):
            pref = self.doc["preferences"][pid]
            for i in range(len(self.sizes)):
                w = pref["weights"][f"i{i}"]
                table = np.array([pref["values"][f"i{i}"][f"o{j}"]
                                  for j in range(self.sizes[i])])
                out[:, k] += w * table[packages[:, i]]
            for term in pref.get("interactions", []):
                out[:, k] += term["value"] * _matches(term["when"], packages)
        return out

    @cached_property
    def utilities(self) -> np.ndarray:
        return self.utilities_of(self.packages)

    def feasible_of(self, packages: np.ndarray) -> np.ndarray:
        packages = np.atleast_2d(packages)
        ok = np.ones(packages.shape[0], dtype=bool)
        for rule in self.doc.get("rules", []):
            if "forbid" in rule:
                ok &= ~_matches(rule["forbid"], packages)
            else:
                ok &= ~_matches(rule["if"], packages) | _matches(rule["then"], packages)
        return ok

    @cached_property
    def feasible(self) -> np.ndarray:
        return self.feasible_of(self.packages)

    @cached_property
    def veto(self) -> np.ndarray:
        return np.array([p.get("veto", p.get("role", "party") != "ratifier")
                         for p in self.doc["parties"]])

    def required_of(self, packages: np.ndarray) -> np.ndarray:
        packages = np.atleast_2d(packages)
        req = np.repeat(self.veto[None, :], packages.shape[0], axis=0)
        for rule in self.doc.get("ratification", []):
            req[:, self.parties.index(rule["ratifier"])] |= _matches(rule["when"], packages)
        return req

    @cached_property
    def required(self) -> np.ndarray:
        return self.required_of(self.packages)

    @cached_property
    def reservation(self) -> np.ndarray:
        return np.array([self.doc["preferences"][p]["reservation"] for p in self.parties])

    def acceptable_of(self, packages: np.ndarray) -> np.ndarray:
        u = self.utilities_of(packages)
        clears = (u >= self.reservation) | ~self.required_of(packages)
        return self.feasible_of(packages) & clears.all(axis=1)

    @cached_property
    def acceptable(self) -> np.ndarray:
        clears = (self.utilities >= self.reservation) | ~self.required
        return self.feasible & clears.all(axis=1)

    @cached_property
    def bargaining(self) -> list[int]:
        named = self.doc.get("analysis", {}).get("bargaining_parties")
        if named is not None:
            return [self.parties.index(p) for p in named]
        return [k for k, p in enumerate(self.doc["parties"]) if p.get("role") != "ratifier"]

    @cached_property
    def capability(self) -> np.ndarray:
        return np.array([p["capability"]["value"] if "capability" in p else 1.0
                         for p in self.doc["parties"]])

    @cached_property
    def space_min(self) -> np.ndarray:
        return self.utilities[self.feasible].min(axis=0)

    @cached_property
    def space_max(self) -> np.ndarray:
        return self.utilities[self.feasible].max(axis=0)

    @cached_property
    def frontier_index(self) -> np.ndarray:
        """Indices (into ``packages``) of acceptable packages on the bargaining frontier."""
        acc = np.flatnonzero(self.acceptable)
        return acc[brute_nondominated(self.utilities[acc][:, self.bargaining])]

    @cached_property
    def frontier_vectors(self) -> set[tuple[float, ...]]:
        return {tuple(u) for u in self.utilities[self.frontier_index][:, self.bargaining]}

    def index_of(self, package: dict[str, str]) -> int:
        vec = [_option_index(package[f"i{i}"]) for i in range(len(self.sizes))]
        return int(np.ravel_multi_index(vec, self.sizes))


# ---------------------------------------------------- solution criteria (by hand)


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def disagreement(ref: Reference, conv: Conventions) -> np.ndarray:
    """NegMAS: d = max(rv, min over every feasible package); otherwise d = rv."""
    if conv.disagreement == "negmas":
        return np.maximum(ref.reservation, ref.space_min)
    return ref.reservation.copy()


def ideal(ref: Reference, conv: Conventions) -> np.ndarray:
    """NegMAS: max over every feasible package; otherwise max over the acceptable set."""
    if conv.ideal == "space" or not ref.acceptable.any():
        return ref.space_max
    return ref.utilities[ref.acceptable].max(axis=0)


def criterion(name: str, u: np.ndarray, ref: Reference, conv: Conventions) -> np.ndarray:
    """Each solution's objective for utility rows ``u`` (bargaining parties only), to be
    maximised; -inf where the criterion is undefined (a gain below zero, or not above
    zero for the weighted Nash product)."""
    dims = ref.bargaining
    d = disagreement(ref, conv)[dims]
    gains = u - d
    ok = np.all(gains >= 0, axis=1)
    if name == "utilitarian":
        return u.sum(axis=1)
    if name == "egalitarian":
        score = gains.min(axis=1)
    elif name == "nash":
        score = np.prod(gains, axis=1)
    elif name == "nash_weighted":
        w = ref.capability[dims] / ref.capability[dims].sum()
        ok = np.all(gains > 0, axis=1)
        with np.errstate(divide="ignore"):
            score = (w * np.log(np.where(ok[:, None], gains, 1.0))).sum(axis=1)
    elif name == "kalai_smorodinsky":
        span = ideal(ref, conv)[dims] - d
        a = np.where(span != 0, gains / np.where(span != 0, span, 1.0), gains)
        score = -(a.max(axis=1) - a.min(axis=1))  # minimise the spread
    else:  # pragma: no cover
        raise ValueError(name)
    return np.where(ok, score, -np.inf)


def best_value(name: str, ref: Reference, conv: Conventions) -> float:
    """The optimum of a criterion. KS is taken over the frontier (its definition); the
    others are monotone in every utility, so their optimum over the acceptable set is
    reached on the frontier and is computed over the whole acceptable set."""
    dims = ref.bargaining
    rows = ref.frontier_index if name == "kalai_smorodinsky" else np.flatnonzero(ref.acceptable)
    if rows.size == 0:
        return -np.inf
    return float(criterion(name, ref.utilities[rows][:, dims], ref, conv).max())


def check_solutions(res: parley.AnalysisResult, ref: Reference, conv: Conventions) -> None:
    dims = ref.bargaining
    np.testing.assert_array_equal(res.disagreement, disagreement(ref, conv))
    for name in SOLUTION_NAMES:
        best = best_value(name, ref, conv)
        sol = res.solutions[name]
        if best == -np.inf:
            assert sol is None, name
            continue
        assert sol is not None, name
        k = ref.index_of(sol.package)
        u = ref.utilities[k]
        # the reported utilities are the package's, the package is on the frontier
        np.testing.assert_allclose([sol.utilities[p] for p in ref.parties], u, atol=1e-12)
        np.testing.assert_allclose([sol.margins[p] for p in ref.parties], u - ref.reservation,
                                   atol=1e-12)
        assert ref.acceptable[k]
        assert tuple(u[dims]) in ref.frontier_vectors, name
        got = float(criterion(name, u[None, dims], ref, conv)[0])
        assert close(got, best), (name, got, best)


def check_frontier(res: parley.AnalysisResult, ref: Reference) -> None:
    front = res.frontier
    assert front is not None
    dims = ref.bargaining
    idx = [ref.index_of(sc_pkg) for sc_pkg in
           (res.scenario.package_dict(p) for p in front.packages)]
    assert len(idx) == len(set(idx)), "a frontier package is listed twice"
    # reported utilities are the packages' utilities, and every package is acceptable
    np.testing.assert_array_equal(front.utilities,
                                  ref.utilities[idx].reshape(front.utilities.shape))
    assert ref.acceptable[idx].all()
    # the same frontier, as a set of utility vectors over the bargaining parties
    assert {tuple(u) for u in front.utilities[:, dims]} == ref.frontier_vectors


# ----------------------------------------------------------------------- tests

_SETTINGS = settings(deadline=None, max_examples=120,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@_SETTINGS
@given(scenario_docs())
def test_analysis_matches_brute_force(doc: dict[str, Any]) -> None:
    sc = load(doc)
    ref = Reference(doc)
    for method in ("fold", "scan"):
        res = analyze(sc, NEGMAS, repairs=0, method=method)
        assert res.method == method
        assert res.n_feasible == int(ref.feasible.sum())
        assert res.n_packages == ref.packages.shape[0]
        assert res.zopa.exact and res.zopa.size == int(ref.acceptable.sum())
        np.testing.assert_array_equal(res.space_min, ref.space_min)
        np.testing.assert_array_equal(res.space_max, ref.space_max)
        check_frontier(res, ref)
        check_solutions(res, ref, NEGMAS)
    res = analyze(sc, TEXTBOOK, repairs=0)
    check_frontier(res, ref)
    check_solutions(res, ref, TEXTBOOK)


# ------------------------------------------------------------------ invariance


def _scale_party(doc: dict[str, Any], pid: str, a: float) -> dict[str, Any]:
    """u_p -> a * u_p: scale the option values, interaction terms and reservation value."""
    out = copy.deepcopy(doc)
    pref = out["preferences"][pid]
    for table in pref["values"].values():
        for opt in table:
            table[opt] *= a
    for term in pref.get("interactions", []):
        term["value"] *= a
    pref["reservation"] *= a
    return out


def _shift_party(doc: dict[str, Any], pid: str, issue: str, c: float) -> tuple[
        dict[str, Any], float]:
    """u_p -> u_p + c * w_p[issue]: add c to every option value of the issue, and the same
    amount to the reservation value."""
    out = copy.deepcopy(doc)
    pref = out["preferences"][pid]
    shift = c * pref["weights"][issue]
    for opt in pref["values"][issue]:
        pref["values"][issue][opt] += c
    pref["reservation"] += shift
    return out, shift


def _check_mapped(name: str, res_t: parley.AnalysisResult, ref: Reference,
                  transform: np.ndarray, conv: Conventions) -> None:
    """The transformed solution, read back in the original scenario, is optimal there,
    and its utilities are the original ones under the affine map."""
    best = best_value(name, ref, conv)
    sol = res_t.solutions[name]
    if best == -np.inf:
        assert sol is None
        return
    assert sol is not None
    k = ref.index_of(sol.package)
    u = ref.utilities[k]
    scale, shift = transform
    np.testing.assert_allclose([sol.utilities[p] for p in ref.parties], scale * u + shift,
                               rtol=1e-12, atol=1e-12)
    got = float(criterion(name, u[None, ref.bargaining], ref, conv)[0])
    assert close(got, best), (name, got, best)


@settings(deadline=None, max_examples=60,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(scenario_docs(max_issues=4), st.data())
def test_nash_and_ks_invariant_under_scaling_one_party(doc: dict[str, Any],
                                                       data: st.DataObject) -> None:
    sc = load(doc)
    ref = Reference(doc)
    pid = data.draw(st.sampled_from(ref.parties))
    a = data.draw(st.sampled_from([0.25, 0.5, 0.75, 2.0, 3.0, 4.0]))
    doc_t = _scale_party(doc, pid, a)
    k = ref.parties.index(pid)
    scale = np.ones(len(ref.parties))
    scale[k] = a
    transform = np.stack([scale, np.zeros(len(ref.parties))])
    for conv in (NEGMAS, TEXTBOOK):
        res = analyze(sc, conv, repairs=0)
        res_t = analyze(scenario_from_dict(doc_t), conv, repairs=0)
        assert res_t.zopa.size == res.zopa.size
        assert ({tuple(u) for u in res_t.frontier.utilities[:, ref.bargaining]}
                == {tuple(u * scale[ref.bargaining])
                    for u in res.frontier.utilities[:, ref.bargaining]})
        np.testing.assert_array_equal(res_t.disagreement, res.disagreement * scale)
        for name in ("nash", "nash_weighted", "kalai_smorodinsky"):
            _check_mapped(name, res_t, ref, transform, conv)


@settings(deadline=None, max_examples=60,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(scenario_docs(max_issues=4), st.data())
def test_solutions_invariant_under_shifting_one_party(doc: dict[str, Any],
                                                      data: st.DataObject) -> None:
    sc = load(doc)
    ref = Reference(doc)
    pid = data.draw(st.sampled_from(ref.parties))
    issue = data.draw(st.sampled_from([f"i{i}" for i in range(len(ref.sizes))]))
    c = data.draw(_grid(8, -8, 8))
    doc_t, shift = _shift_party(doc, pid, issue, c)
    k = ref.parties.index(pid)
    offset = np.zeros(len(ref.parties))
    offset[k] = shift
    transform = np.stack([np.ones(len(ref.parties)), offset])
    for conv in (NEGMAS, TEXTBOOK):
        res = analyze(sc, conv, repairs=0)
        res_t = analyze(scenario_from_dict(doc_t), conv, repairs=0)
        assert res_t.zopa.size == res.zopa.size
        np.testing.assert_array_equal(res_t.disagreement, res.disagreement + offset)
        # gains u - d do not move, so every solution (utilitarian too: all sums move alike)
        for name in SOLUTION_NAMES:
            _check_mapped(name, res_t, ref, transform, conv)


def _one_issue_doc(a_values: dict[str, float], b_values: dict[str, float],
                   rv: tuple[float, float] = (0.0, 0.0),
                   capability: tuple[float, float] | None = None) -> dict[str, Any]:
    parties: list[dict[str, Any]] = [{"id": "A"}, {"id": "B"}]
    if capability is not None:
        for party, cap in zip(parties, capability, strict=True):
            party["capability"] = {"value": cap, "judgment": "test"}
    return {
        "parley": 1, "id": "one_issue", "parties": parties,
        "issues": [{"id": "share", "options": [{"id": o} for o in a_values]}],
        "preferences": {
            "A": {"judgment": "test", "weights": {"share": 1}, "values": {"share": a_values},
                  "reservation": rv[0]},
            "B": {"judgment": "test", "weights": {"share": 1}, "values": {"share": b_values},
                  "reservation": rv[1]},
        },
    }


def test_egalitarian_is_not_scale_invariant() -> None:
    """Egalitarian compares raw gains across parties, so rescaling one party's utility
    (which leaves that party's preferences unchanged) can move it; Nash does not move.

    With d = rv = 0 the two packages give gains x = (0.2, 0.7) and y = (0.4, 0.3).
    Egalitarian picks y (min 0.3 > 0.2); Nash picks x (0.14 > 0.12). Halving B's
    utility gives x = (0.2, 0.35) and y = (0.4, 0.15): egalitarian now picks x
    (0.2 > 0.15), Nash still x (0.07 > 0.06).
    """
    conv = Conventions("reservation", "space")
    doc = _one_issue_doc({"x": 0.2, "y": 0.4}, {"x": 0.7, "y": 0.3})
    res = analyze(scenario_from_dict(doc), conv, repairs=0)
    assert res.solutions["egalitarian"].package == {"share": "y"}
    assert res.solutions["nash"].package == {"share": "x"}
    half = analyze(scenario_from_dict(_scale_party(doc, "B", 0.5)), conv, repairs=0)
    assert half.solutions["egalitarian"].package == {"share": "x"}
    assert half.solutions["nash"].package == {"share": "x"}


# ----------------------------------------------------------------- closed forms


def _split_doc(r_a: float, r_b: float, capability: tuple[float, float] | None = None
               ) -> dict[str, Any]:
    """Divide one unit: option k gives A k/100 and B (100-k)/100."""
    a_values = {f"x{k:03d}": k / 100 for k in range(101)}
    b_values = {f"x{k:03d}": (100 - k) / 100 for k in range(101)}
    return _one_issue_doc(a_values, b_values, (r_a, r_b), capability)


_RV = st.floats(0.0, 0.45, allow_nan=False)
_STEP = 0.01 + 1e-9


def _share(res: parley.AnalysisResult, name: str) -> float:
    sol = res.solutions[name]
    assert sol is not None
    return sol.utilities["A"]


@settings(deadline=None, max_examples=40)
@given(_RV, _RV)
def test_nash_on_a_linear_split(r_a: float, r_b: float) -> None:
    """max (x - r_A)(1 - x - r_B)  =>  x* = (1 + r_A - r_B) / 2."""
    res = analyze(scenario_from_dict(_split_doc(r_a, r_b)), repairs=0)
    assert abs(_share(res, "nash") - (1 + r_a - r_b) / 2) <= _STEP
    # the egalitarian point (max min gain) is the same point here
    assert abs(_share(res, "egalitarian") - (1 + r_a - r_b) / 2) <= _STEP


@settings(deadline=None, max_examples=40)
@given(_RV, _RV, st.floats(0.05, 0.95))
def test_weighted_nash_on_a_linear_split(r_a: float, r_b: float, w: float) -> None:
    """max w log(x - r_A) + (1 - w) log(1 - x - r_B)  =>  x* = r_A + w (1 - r_A - r_B)."""
    res = analyze(scenario_from_dict(_split_doc(r_a, r_b, (w, 1 - w))), repairs=0)
    assert abs(_share(res, "nash_weighted") - (r_a + w * (1 - r_a - r_b))) <= _STEP


@settings(deadline=None, max_examples=40)
@given(_RV, _RV)
def test_kalai_smorodinsky_on_a_linear_split(r_a: float, r_b: float) -> None:
    """Ideal (1, 1), d = r: (x - r_A)/(1 - r_A) = (1 - x - r_B)/(1 - r_B)
    =>  x* = (1 - r_B) / (2 - r_A - r_B)."""
    res = analyze(scenario_from_dict(_split_doc(r_a, r_b)), repairs=0)
    np.testing.assert_allclose(res.ideal, [1.0, 1.0])
    np.testing.assert_allclose(res.disagreement, [r_a, r_b])
    assert abs(_share(res, "kalai_smorodinsky") - (1 - r_b) / (2 - r_a - r_b)) <= _STEP


def test_linear_split_frontier_is_the_acceptable_grid() -> None:
    res = analyze(scenario_from_dict(_split_doc(0.2, 0.3)), repairs=0)
    shares = sorted(round(u, 10) for u in res.frontier.utilities[:, 0])
    assert shares == [round(k / 100, 10) for k in range(20, 71)]
    assert res.zopa.size == 51


@pytest.mark.parametrize("scale", [1.0, 1e-3, 1e-5])
def test_nash_on_a_scaled_split(scale: float) -> None:
    """Nash is invariant to rescaling both utilities (and reservation values) together:
    r = (0.1, 0.3) gives x* = (1 + 0.1 - 0.3) / 2 = 0.4 at every scale."""
    doc = _split_doc(0.1, 0.3)
    for pid in ("A", "B"):
        doc = _scale_party(doc, pid, scale)
    res = analyze(scenario_from_dict(doc), repairs=0)
    assert abs(_share(res, "nash") / scale - 0.4) <= _STEP


# --------------------------------------------------------- rounding at the boundary


def test_package_at_its_reservation_value_is_acceptable_everywhere() -> None:
    doc = {
        "parley": 1, "id": "boundary", "parties": [{"id": "A"}],
        "issues": [{"id": f"i{k}", "options": [{"id": "o0"}, {"id": "o1"}]} for k in range(3)],
        "preferences": {"A": {
            "judgment": "test", "weights": {"i0": 1, "i1": 1, "i2": 1},
            "values": {"i0": {"o0": 0.1, "o1": 0}, "i1": {"o0": 0.1, "o1": 0},
                       "i2": {"o0": 0.6, "o1": 0}},
            "reservation": 0.8}},
        # links i0 and i2 into one block; does not touch the package below
        "rules": [{"id": "link", "forbid": {"i0": "o1", "i2": "o1"}}],
        "proposals": [{"id": "p", "package": {"i0": "o0", "i1": "o0", "i2": "o0"}}],
    }
    sc = scenario_from_dict(doc)
    res = analyze(sc)
    # 0.1 + 0.1 + 0.6 = 0.8 = rv: the package is (weakly) acceptable
    assert res.proposals["p"].acceptable
    assert res.zopa.size == 1
    assert res.frontier is not None and res.frontier.packages.shape[0] == 1
    assert res.solutions["utilitarian"] is not None

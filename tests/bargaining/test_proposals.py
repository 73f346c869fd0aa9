"""Proposal evaluation (:mod:`parley.bargaining.proposals`) against brute force.

Random documents come from ``test_frontier_and_solutions.scenario_docs``; the
reference (utilities, feasibility, acceptability, frontier) is recomputed from the
document dict by :class:`test_frontier_and_solutions.Reference`, with no parley code.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_frontier_and_solutions import Reference, load, scenario_docs

from parley import analyze, load_scenario, scenario_from_dict

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _package_dict(ref: Reference, k: int) -> dict[str, str]:
    return {f"i{i}": f"o{j}" for i, j in enumerate(ref.packages[k])}


def _brute_drivers(ref: Reference, k: int, party: int) -> dict[str, float]:
    """Per issue, the party's best gain from changing that issue alone (feasible changes
    only); issues where no change helps are left out."""
    base = ref.packages[k]
    u0 = ref.utilities[k, party]
    out: dict[str, float] = {}
    for i, size in enumerate(ref.sizes):
        gains = []
        for o in range(size):
            if o == base[i]:
                continue
            cand = base.copy()
            cand[i] = o
            if ref.feasible_of(cand)[0]:
                gains.append(ref.utilities_of(cand)[0, party] - u0)
        if gains and max(gains) > 0:
            out[f"i{i}"] = max(gains)
    return out


@settings(deadline=None, max_examples=120,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(scenario_docs(max_issues=4), st.data())
def test_proposal_evaluation_matches_brute_force(doc: dict[str, Any],
                                                 data: st.DataObject) -> None:
    load(doc)  # discard documents with nothing feasible
    ref = Reference(doc)
    k = data.draw(st.sampled_from(np.flatnonzero(ref.feasible).tolist()), label="package")
    limit = data.draw(st.integers(1, 6), label="repairs")
    stances = data.draw(st.dictionaries(
        st.sampled_from(ref.parties), st.sampled_from(["accepted", "rejected", "mixed",
                                                        "unknown"])), label="observed")
    doc = copy.deepcopy(doc)
    doc["proposals"] = [{"id": "prop", "package": _package_dict(ref, k), "observed": stances}]
    res = analyze(scenario_from_dict(doc), repairs=limit)
    pr = res.proposals["prop"]
    parties = ref.parties
    u = ref.utilities[k]
    margin = u - ref.reservation
    required = ref.required[k]

    assert pr.package == _package_dict(ref, k)
    assert [pr.utilities[p] for p in parties] == pytest.approx(u, abs=1e-12)
    assert [pr.margins[p] for p in parties] == pytest.approx(margin, abs=1e-12)
    assert pr.required == tuple(p for p, r in zip(parties, required, strict=True) if r)
    assert pr.acceptable == bool(ref.acceptable[k])

    # rejected_by: exactly the required parties with a negative margin
    assert [r.party for r in pr.rejections] == [
        p for j, p in enumerate(parties) if required[j] and margin[j] < 0]
    for rej in pr.rejections:
        j = parties.index(rej.party)
        assert rej.margin == pytest.approx(margin[j], abs=1e-12)
        want = _brute_drivers(ref, k, j)
        assert {d.issue: d.gain for d in rej.drivers} == pytest.approx(want, abs=1e-12)
        gains = [d.gain for d in rej.drivers]
        assert gains == sorted(gains, reverse=True)
        for d in rej.drivers:
            i = int(d.issue[1:])
            assert d.current == f"o{ref.packages[k][i]}"
            cand = ref.packages[k].copy()
            cand[i] = int(d.best[1:])
            assert ref.feasible_of(cand)[0]
            assert ref.utilities_of(cand)[0, j] - u[j] == pytest.approx(d.gain, abs=1e-12)
            assert d.clears_alone == (d.gain >= -margin[j])

    # repairs: acceptable packages at the smallest Hamming distance, best margins first
    acceptable = np.flatnonzero(ref.acceptable)
    if pr.acceptable or acceptable.size == 0:
        assert pr.repairs == ()
        assert pr.repair_distance is None
    else:
        dist = (ref.packages[acceptable] != ref.packages[k]).sum(axis=1)
        dmin = int(dist.min())
        assert pr.repair_distance == dmin
        nearest = acceptable[dist == dmin]
        req = ref.required[nearest]
        margins = np.where(req, ref.utilities[nearest] - ref.reservation, np.inf).min(axis=1)
        assert len(pr.repairs) == min(limit, nearest.size)
        assert [r.min_margin for r in pr.repairs] == pytest.approx(
            sorted(margins, reverse=True)[:limit], abs=1e-12)
        seen = set()
        for rep in pr.repairs:
            idx = ref.index_of(rep.package)
            seen.add(idx)
            assert ref.acceptable[idx]
            differ = {f"i{i}" for i in np.flatnonzero(ref.packages[idx] != ref.packages[k])}
            assert len(differ) == dmin
            assert set(rep.changes) == differ
            for issue, (old, new) in rep.changes.items():
                assert old == pr.package[issue] and new == rep.package[issue]
            assert [rep.utilities[p] for p in parties] == pytest.approx(
                ref.utilities[idx], abs=1e-12)
        assert len(seen) == len(pr.repairs)

    # distance to the frontier (Euclidean, bargaining parties) and domination
    dims = ref.bargaining
    front = ref.utilities[ref.frontier_index][:, dims]
    if front.shape[0] == 0:
        assert pr.frontier_distance is None and pr.dominated_by is None
    else:
        diff = front - u[dims]
        assert pr.frontier_distance == pytest.approx(
            float(np.sqrt((diff ** 2).sum(axis=1)).min()), abs=1e-12)
        dominated = bool(np.any(np.all(diff >= 0, axis=1) & np.any(diff > 0, axis=1)))
        assert (pr.dominated_by is not None) == dominated
        if pr.dominated_by is not None:
            v = ref.utilities[ref.index_of(pr.dominated_by)][dims]
            assert np.all(v >= u[dims]) and np.any(v > u[dims])
            assert tuple(v) in ref.frontier_vectors

    # back-test: an observed acceptance agrees when the margin is >= 0, a rejection when < 0
    for party, stance in stances.items():
        j = parties.index(party)
        want = {"accepted": margin[j] >= 0, "rejected": margin[j] < 0}.get(stance)
        assert pr.observed_agreement[party] == want


@settings(deadline=None, max_examples=60,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(scenario_docs(max_issues=4), st.data())
def test_frontier_package_has_zero_frontier_distance(doc: dict[str, Any],
                                                     data: st.DataObject) -> None:
    load(doc)
    ref = Reference(doc)
    if ref.frontier_index.size == 0:
        return
    k = data.draw(st.sampled_from(ref.frontier_index.tolist()))
    doc = copy.deepcopy(doc)
    doc["proposals"] = [{"id": "f", "package": _package_dict(ref, k)}]
    pr = analyze(scenario_from_dict(doc)).proposals["f"]
    assert pr.acceptable
    assert pr.frontier_distance == 0.0
    assert pr.dominated_by is None
    assert pr.rejections == () and pr.repairs == () and pr.repair_distance is None


def test_toy_proposal_by_hand() -> None:
    """toy.yaml, p1 = (land split, money some, guarantee yes), worked out by hand.

    u_a = 0.5*0.5 + 0.3*0.6 + 0.2*1 = 0.63 (rv 0.3); u_b = 0.6*0.6 + 0.4*0.5 = 0.56 (rv 0.35);
    u_c = ROC(3) weights 11/18 money, 5/18 land, 2/18 guarantee with linear option ranks:
    11/18*0.5 + 5/18*1 + 0 = 21/36 (rv 0.2); u_r = 0.4 < 0.5, and "money: some" makes r's
    consent required: r rejects by 0.1. r's best single change is money -> none (+0.6),
    which alone clears its reservation; it is also the only repair at distance 1.
    """
    sc = load_scenario(FIXTURES / "toy.yaml")
    pr = analyze(sc).proposals["p1"]
    assert pr.utilities == pytest.approx({"a": 0.63, "b": 0.56, "c": 21 / 36, "r": 0.4})
    assert pr.required == ("a", "b", "c", "r")
    assert not pr.acceptable
    assert [r.party for r in pr.rejections] == ["r"]
    (rej,) = pr.rejections
    assert rej.margin == pytest.approx(-0.1)
    assert [(d.issue, d.current, d.best) for d in rej.drivers] == [("money", "some", "none")]
    assert rej.drivers[0].gain == pytest.approx(0.6)
    assert rej.drivers[0].clears_alone
    assert pr.repair_distance == 1
    assert [r.changes for r in pr.repairs] == [{"money": ("some", "none")}]
    # observed: a accepted (margin 0.33 >= 0: agrees); b rejected (margin 0.21 >= 0: disagrees)
    assert pr.observed_agreement == {"a": True, "b": False}

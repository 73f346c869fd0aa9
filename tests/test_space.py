"""Tests for :mod:`parley.space`: block decomposition and chunked enumeration.

Random scenario documents (1–6 issues of 1–4 options, with forbid / if-then rules,
interaction terms and ratification conditions that link issues into blocks) are
enumerated with tiny chunk sizes so that every code path of the head/tail split is
used. Feasibility and acceptability are recomputed here from the document dict by
listing the full product space; utilities and required parties are compared with
:meth:`Scenario.utilities` and :meth:`Scenario.required`, the direct definitions.

Numbers are multiples of 1/16 (exact in binary), so sums do not depend on their order.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from parley import ScenarioError, scenario_from_dict
from parley.scenario.model import Scenario
from parley.space import Enumerator, build_blocks, decode, feasible_count

_NUM = st.integers(0, 16).map(lambda k: k / 16)


@st.composite
def _condition(draw: st.DrawFn, sizes: list[int], max_issues: int = 2) -> dict[str, list[str]]:
    k = draw(st.integers(1, min(max_issues, len(sizes))))
    chosen = draw(st.lists(st.integers(0, len(sizes) - 1), min_size=k, max_size=k, unique=True))
    return {f"i{i}": [f"o{j}" for j in sorted(draw(st.lists(
        st.integers(0, sizes[i] - 1), min_size=1, max_size=sizes[i], unique=True)))]
        for i in chosen}


@st.composite
def space_docs(draw: st.DrawFn) -> dict[str, Any]:
    sizes = draw(st.lists(st.integers(1, 4), min_size=1, max_size=6))
    n_parties = draw(st.integers(1, 3))
    ratifier = draw(st.booleans())
    ids = [f"p{k}" for k in range(n_parties)] + (["r"] if ratifier else [])
    parties: list[dict[str, Any]] = [{"id": pid} for pid in ids]
    if ratifier:
        parties[-1]["role"] = "ratifier"
    if n_parties > 1 and draw(st.booleans()):
        parties[1]["veto"] = False
    prefs = {}
    for pid in ids:
        weights = [draw(_NUM) for _ in sizes]
        weights[0] = weights[0] or 1.0
        prefs[pid] = {
            "judgment": "test",
            "weights": {f"i{i}": w for i, w in enumerate(weights)},
            "values": {f"i{i}": {f"o{j}": draw(_NUM) for j in range(s)}
                       for i, s in enumerate(sizes)},
            "reservation": draw(st.integers(0, 24).map(lambda k: k / 16)),
            "interactions": [{"when": draw(_condition(sizes)), "value": draw(_NUM) - 0.5}
                             for _ in range(draw(st.integers(0, 2)))],
        }
    rules: list[dict[str, Any]] = []
    for k in range(draw(st.integers(0, 3))):
        if draw(st.booleans()):
            rules.append({"id": f"f{k}", "forbid": draw(_condition(sizes, 3))})
        else:
            rules.append({"id": f"t{k}", "if": draw(_condition(sizes)),
                          "then": draw(_condition(sizes))})
    doc: dict[str, Any] = {
        "parley": 1, "id": "space", "parties": parties,
        "issues": [{"id": f"i{i}", "options": [{"id": f"o{j}"} for j in range(s)]}
                   for i, s in enumerate(sizes)],
        "preferences": prefs, "rules": rules,
    }
    if ratifier:
        doc["ratification"] = [{"id": f"rat{k}", "ratifier": "r", "when": draw(_condition(sizes))}
                               for k in range(draw(st.integers(1, 3)))]
    return doc


# --------------------------------------------------------------------- reference


def _matches(cond: dict[str, list[str]], packages: np.ndarray) -> np.ndarray:
    ok = np.ones(packages.shape[0], dtype=bool)
    for issue, opts in cond.items():
        ok &= np.isin(packages[:, int(issue[1:])], [int(o[1:]) for o in opts])
    return ok


def brute_force(doc: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """Every feasible package and whether it is acceptable, straight from the document."""
    sizes = [len(i["options"]) for i in doc["issues"]]
    packages = np.array(list(itertools.product(*[range(s) for s in sizes])), dtype=np.int64)
    feasible = np.ones(len(packages), dtype=bool)
    for rule in doc["rules"]:
        if "forbid" in rule:
            feasible &= ~_matches(rule["forbid"], packages)
        else:
            feasible &= ~_matches(rule["if"], packages) | _matches(rule["then"], packages)
    ok = feasible.copy()
    for party in doc["parties"]:
        pid = party["id"]
        pref = doc["preferences"][pid]
        u = np.zeros(len(packages))
        for i, s in enumerate(sizes):
            table = np.array([pref["values"][f"i{i}"][f"o{j}"] for j in range(s)])
            u += pref["weights"][f"i{i}"] * table[packages[:, i]]
        for term in pref["interactions"]:
            u += term["value"] * _matches(term["when"], packages)
        needed = np.full(len(packages), party.get("veto", party.get("role") != "ratifier"))
        for rule in doc.get("ratification", []):
            if rule["ratifier"] == pid:
                needed |= _matches(rule["when"], packages)
        ok &= (u >= pref["reservation"]) | ~needed
    return packages[feasible], ok[feasible]


def _load(doc: dict[str, Any]) -> Scenario:
    try:
        return scenario_from_dict(doc)
    except ScenarioError as err:
        assert "contradict" in str(err), err
        assume(False)
        raise


# ------------------------------------------------------------------------- tests


@settings(deadline=None, max_examples=200,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(space_docs(), st.integers(1, 40), st.integers(1, 24))
def test_chunks_list_every_feasible_package_once(doc: dict[str, Any], chunk_size: int,
                                                 tail_limit: int) -> None:
    sc = _load(doc)
    feasible, acceptable = brute_force(doc)
    blocks = build_blocks(sc)
    assert feasible_count(blocks) == len(feasible)
    en = Enumerator(sc, blocks, chunk_size=chunk_size, tail_limit=tail_limit)
    assert en.total == len(feasible)
    bound = max(chunk_size, tail_limit, *(b.size for b in blocks))
    seen = []
    for chunk in en.chunks():
        assert 0 < chunk.choice.shape[0] <= bound
        packages = decode(sc, blocks, chunk.choice)
        np.testing.assert_array_equal(chunk.utilities, sc.utilities(packages))
        np.testing.assert_array_equal(chunk.required, sc.required(packages))
        seen.extend(map(tuple, packages.tolist()))
    assert len(seen) == len(set(seen)), "a package was listed twice"
    assert set(seen) == set(map(tuple, feasible.tolist()))
    assert en.count_acceptable() == int(acceptable.sum())


@settings(deadline=None, max_examples=100,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(space_docs())
def test_blocks_partition_the_issues(doc: dict[str, Any]) -> None:
    sc = _load(doc)
    blocks = build_blocks(sc)
    issues = sorted(i for b in blocks for i in b.issues)
    assert issues == list(range(sc.n_issues))
    # the feasible space is the product of the blocks' combos, so the count is their product
    feasible, _ = brute_force(doc)
    assert int(np.prod([b.size for b in blocks])) == len(feasible)
    # default-sized enumeration agrees with the tiny-chunk one
    en = Enumerator(sc, blocks)
    assert sum(c.choice.shape[0] for c in en.chunks()) == len(feasible)
    assert en.count_acceptable() == int(brute_force(doc)[1].sum())


def test_toy_fixture_counts() -> None:
    from pathlib import Path

    from parley import load_scenario

    sc = load_scenario(Path(__file__).parent / "fixtures" / "toy.yaml")
    blocks = build_blocks(sc)
    # 3 x 3 x 2 = 18 packages; "money: lots" needs "guarantee: yes": 3 packages removed
    assert sc.n_packages == 18
    assert feasible_count(blocks) == 15

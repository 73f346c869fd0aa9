"""Ordinal weights and values (:mod:`parley.scenario.ordinal`) against published tables and
closed forms computed here with exact fractions."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parley import load_scenario, scenario_from_dict
from parley.scenario import ordinal

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

#: Rank-order centroid weights as tabulated by Barron & Barrett (1996), Management
#: Science 42(11):1515-1523 (four decimals).
BARRON_BARRETT_ROC = {
    1: [1.0],
    2: [0.7500, 0.2500],
    3: [0.6111, 0.2778, 0.1111],
    4: [0.5208, 0.2708, 0.1458, 0.0625],
    5: [0.4567, 0.2567, 0.1567, 0.0900, 0.0400],
    6: [0.4083, 0.2417, 0.1583, 0.1028, 0.0611, 0.0278],
}


def roc_exact(n: int) -> list[Fraction]:
    """w_k = (1/n) sum_{j=k..n} 1/j."""
    return [sum((Fraction(1, j) for j in range(k, n + 1)), Fraction(0)) / n
            for k in range(1, n + 1)]


def rank_sum_exact(n: int) -> list[Fraction]:
    """w_k = 2 (n + 1 - k) / (n (n + 1))."""
    return [Fraction(2 * (n + 1 - k), n * (n + 1)) for k in range(1, n + 1)]


def rank_reciprocal_exact(n: int) -> list[Fraction]:
    """w_k = (1/k) / sum_j 1/j."""
    total = sum(Fraction(1, j) for j in range(1, n + 1))
    return [Fraction(1, k) / total for k in range(1, n + 1)]


def linear_exact(n: int) -> list[Fraction]:
    """v_r = (n - r) / (n - 1), r = 1..n (a single option scores 1)."""
    return [Fraction(1)] if n == 1 else [Fraction(n - r, n - 1) for r in range(1, n + 1)]


def roc_values_exact(n: int) -> list[Fraction]:
    w = roc_exact(n)
    return [x / w[0] for x in w]


EXACT = {
    ("roc", False): roc_exact,
    ("rank_sum", False): rank_sum_exact,
    ("rank_reciprocal", False): rank_reciprocal_exact,
    ("linear", True): linear_exact,
    ("roc", True): roc_values_exact,
}


@pytest.mark.parametrize("n", sorted(BARRON_BARRETT_ROC))
def test_roc_matches_barron_barrett_table(n: int) -> None:
    w = ordinal.roc_weights(n)
    np.testing.assert_allclose(w, BARRON_BARRETT_ROC[n], atol=5e-5)
    assert w.sum() == pytest.approx(1.0, abs=1e-12)
    assert np.all(np.diff(w) < 0)


@pytest.mark.parametrize("n", range(1, 13))
def test_weight_closed_forms(n: int) -> None:
    for method, fn in [("roc", ordinal.roc_weights), ("rank_sum", ordinal.rank_sum_weights),
                       ("rank_reciprocal", ordinal.rank_reciprocal_weights)]:
        w = fn(n)
        np.testing.assert_allclose(w, [float(x) for x in EXACT[method, False](n)], rtol=1e-12)
        assert w.sum() == pytest.approx(1.0, abs=1e-12), method
        assert np.all(np.diff(w) < 0), method


@pytest.mark.parametrize("n", range(1, 13))
def test_value_closed_forms(n: int) -> None:
    np.testing.assert_allclose(ordinal.linear_values(n), [float(x) for x in linear_exact(n)],
                               rtol=1e-12)
    np.testing.assert_allclose(ordinal.roc_values(n), [float(x) for x in roc_values_exact(n)],
                               rtol=1e-12)
    for v in (ordinal.linear_values(n), ordinal.roc_values(n)):
        assert v[0] == 1.0
        assert np.all(np.diff(v) < 0)
    if n > 1:
        assert ordinal.linear_values(n)[-1] == 0.0


def test_small_cases_by_hand() -> None:
    assert ordinal.rank_sum_weights(3) == pytest.approx([1 / 2, 1 / 3, 1 / 6])
    assert ordinal.rank_reciprocal_weights(3) == pytest.approx([6 / 11, 3 / 11, 2 / 11])
    assert ordinal.linear_values(5) == pytest.approx([1, 0.75, 0.5, 0.25, 0])
    with pytest.raises(ValueError):
        ordinal.roc_weights(0)


@st.composite
def rankings(draw: st.DrawFn) -> list[str | list[str]]:
    """A ranking of 1..8 items with random tie groups (a group of one is a plain id)."""
    n = draw(st.integers(1, 8))
    items = [f"x{k}" for k in draw(st.permutations(range(n)))]
    out: list[str | list[str]] = []
    pos = 0
    while pos < n:
        size = draw(st.integers(1, n - pos))
        group = items[pos:pos + size]
        out.append(group[0] if size == 1 and draw(st.booleans()) else group)
        pos += size
    return out


@settings(deadline=None, max_examples=200)
@given(rankings(), st.sampled_from(sorted(EXACT)))
def test_ties_share_the_mean_of_their_positions(ranking: list[str | list[str]],
                                                method: tuple[str, bool]) -> None:
    name, values = method
    got = ordinal.from_ranking(ranking, name, values=values)
    groups = [[g] if isinstance(g, str) else g for g in ranking]
    n = sum(len(g) for g in groups)
    table = EXACT[method](n)
    assert sorted(got) == sorted(x for g in groups for x in g)
    pos = 0
    previous = None
    for group in groups:
        mean = sum(table[pos:pos + len(group)], Fraction(0)) / len(group)
        for item in group:
            assert got[item] == pytest.approx(float(mean), rel=1e-12, abs=1e-15)
        if previous is not None:  # groups ranked lower never score more
            assert got[group[0]] < previous + 1e-15
        previous = got[group[0]]
        pos += len(group)
    if not values:  # sharing means keeps the total
        assert sum(got.values()) == pytest.approx(1.0, abs=1e-12)


# ------------------------------------------------------------ through the loader


def test_toy_fixture_ordinal_party() -> None:
    sc = load_scenario(FIXTURES / "toy.yaml")
    c = sc.party_index("c")
    weights = dict(zip(sc.issues, sc.weights[c], strict=True))
    # weight_ranks: [money, land, guarantee] -> ROC for n = 3
    assert weights == pytest.approx({"money": 11 / 18, "land": 5 / 18, "guarantee": 2 / 18})
    values = {issue: dict(zip(sc.options[i], sc.values[i][c], strict=True))
              for i, issue in enumerate(sc.issues)}
    assert values["money"] == pytest.approx({"none": 1.0, "some": 0.5, "lots": 0.0})
    # [split, [all_a, all_b]]: the tie shares positions 2 and 3 (0.5 and 0): 0.25 each
    assert values["land"] == pytest.approx({"split": 1.0, "all_a": 0.25, "all_b": 0.25})
    assert values["guarantee"] == pytest.approx({"no": 1.0, "yes": 0.0})


def _ordinal_doc(block: dict[str, Any]) -> dict[str, Any]:
    issues = [{"id": i, "options": [{"id": f"{i}{k}"} for k in range(4)]} for i in "abcd"]
    cardinal = {"judgment": "test", "weights": {i: 0.25 for i in "abcd"},
                "values": {i: {f"{i}{k}": k / 3 for k in range(4)} for i in "abcd"},
                "reservation": 0}
    return {"parley": 1, "id": "ordinal", "parties": [{"id": "p"}, {"id": "q"}],
            "issues": issues, "preferences": {"p": {"judgment": "test", **block,
                                                    "reservation": 0.1},
                                              "q": cardinal}}


@pytest.mark.parametrize(("weights", "values"), [("roc", "linear"), ("rank_sum", "roc"),
                                                 ("rank_reciprocal", "linear")])
def test_ordinal_block_loads_with_the_closed_form_numbers(weights: str, values: str) -> None:
    block = {
        "ordinal": {"weights": weights, "values": values},
        "weight_ranks": ["c", ["a", "d"], "b"],
        "option_ranks": {i: [f"{i}3", f"{i}2", f"{i}1", f"{i}0"] for i in "abcd"},
    }
    sc = scenario_from_dict(_ordinal_doc(block))
    w = [float(x) for x in EXACT[weights, False](4)]
    expected = {"c": w[0], "a": (w[1] + w[2]) / 2, "d": (w[1] + w[2]) / 2, "b": w[3]}
    assert dict(zip(sc.issues, sc.weights[0], strict=True)) == pytest.approx(expected)
    v = [float(x) for x in EXACT[values, True](4)]
    for i, issue in enumerate(sc.issues):
        # best option is {issue}3, so option k sits at position 4 - k
        assert sc.values[i][0] == pytest.approx([v[3], v[2], v[1], v[0]]), issue
    # the derived numbers are in the assumptions ledger with their origin
    assert any("weight_ranks" in e.origin for e in sc.ledger)


def test_option_ranks_alongside_cardinal_values() -> None:
    block = {"weights": {i: 0.25 for i in "abcd"},
             "values": {i: {f"{i}{k}": 0.5 for k in range(4)} for i in "abc"},
             "option_ranks": {"d": [["d0", "d1"], "d2", "d3"]}}
    sc = scenario_from_dict(_ordinal_doc(block))
    # linear for 4 positions: 1, 2/3, 1/3, 0; the tie shares (1 + 2/3)/2 = 5/6
    assert sc.values[3][0] == pytest.approx([5 / 6, 5 / 6, 1 / 3, 0.0])
    assert sc.values[0][0] == pytest.approx([0.5] * 4)

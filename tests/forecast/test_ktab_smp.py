"""The KTAB Spatial Model of Politics against KTAB's own reference runs, plus properties."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parley.forecast import SpatialInput, parse_ktab_csv, run_smp
from parley.forecast.smp import cond_pce, distances, risk_attitudes

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ktab"
CASES = ["ktab_smp_dummyData_3Dim", "ktab_smp_SOE_Pol_Comp"]


def _case(name: str) -> tuple[dict[str, Any], SpatialInput]:
    ref = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return ref, parse_ktab_csv(ref["inputs_csv_verbatim"], f"{name}.json")


@pytest.mark.parametrize("name", CASES)
def test_reproduces_ktab_reference_every_round(name: str) -> None:
    ref, data = _case(name)
    result = run_smp(data)
    # full-precision history from running KTAB: [actor][dimension][state]
    expected = np.array(ref["our_run"]["full_precision_position_history_0to100"])
    expected = expected.transpose(2, 0, 1)
    assert result.rounds == expected.shape[0] - 1
    assert np.abs(result.positions - expected).max() <= 0.1
    # and the published 1-decimal reference output, by actor and dimension name
    published = ref["published_reference_output"]["position_history_0to100_1dp"]
    doc = result.to_dict()
    for actor, dims in published.items():
        for dim, series in dims.items():
            got = np.array(doc["positions"][actor][dim])
            assert got.shape == (len(series),)
            assert np.abs(got - np.array(series)).max() <= 0.1


@pytest.mark.parametrize("name", CASES)
def test_reproduces_ktab_risk_and_win_probabilities(name: str) -> None:
    ref, data = _case(name)
    out = ref["published_reference_output"]
    result = run_smp(data)
    assert np.allclose(result.risk[0], out["turn1_inferred_risk_attitudes"], atol=1e-3)
    probs = np.array([out["winning_probability_history"][a] for a in data.actors]).T
    assert np.allclose(result.win_probability, probs, atol=1e-4)
    moves = np.linalg.norm(np.diff(result.positions / 100, axis=0), axis=2).sum(axis=1)
    ratio = moves / (moves[0] + 1e-4)
    assert np.allclose(ratio, out["fractional_change_per_step"], atol=1e-4)


def test_json_contract() -> None:
    _, data = _case("ktab_smp_dummyData_3Dim")
    doc = run_smp(data).to_dict()
    json.dumps(doc)
    assert doc["rounds"] == 10
    assert set(doc["positions"]) == set(data.actors)
    assert set(doc["positions"]["SActor-00"]) == {"Pstn1", "Pstn2", "Pstn3"}
    assert doc["positions"]["SActor-00"]["Pstn1"][0] == pytest.approx(75.79)
    assert len(doc["positions"]["SActor-00"]["Pstn1"]) == 11
    assert set(doc["forecast"]) == {"Pstn1", "Pstn2", "Pstn3"}
    for dim, value in doc["forecast"].items():
        k = data.dimensions.index(dim)
        final = [doc["positions"][a][dim][-1] for a in data.actors]
        assert min(final) - 1e-9 <= value <= max(final) + 1e-9, k


@pytest.mark.parametrize("name", CASES)
def test_invariant_to_actor_order(name: str) -> None:
    _, data = _case(name)
    base = run_smp(data)
    n = len(data.actors)
    for order in (list(reversed(range(n))), list(np.random.default_rng(7).permutation(n))):
        other = run_smp(data.reordered([int(i) for i in order]))
        assert other.rounds == base.rounds
        assert np.allclose(other.positions, base.positions[:, order, :], atol=1e-6)
        # KTAB votes on a group of near-equal positions (within 1e-3) at its first
        # member's position, so win probabilities (and the forecast) can move by a
        # hair when the order changes; positions themselves are order-free.
        assert np.allclose(other.forecast, base.forecast, atol=0.01)


def test_reproducible() -> None:
    _, data = _case("ktab_smp_SOE_Pol_Comp")
    a, b = run_smp(data), run_smp(data)
    assert np.array_equal(a.positions, b.positions)
    assert a.to_dict() == b.to_dict()


def test_building_blocks() -> None:
    x = np.array([[0.0, 0.0], [1.0, 0.0]])
    s = np.array([[0.3, 0.0], [0.2, 0.2]])
    d = distances(x, s)
    assert d[0, 1] == pytest.approx(1.0)  # only the first dimension matters to actor 0
    assert d[1, 0] == pytest.approx(np.sqrt(0.5))
    assert np.allclose(np.diag(d), 0.0)
    # two voters, equal weight, opposite preferences: a fair coin
    p = cond_pce(np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([1.0, 1.0]))
    assert np.allclose(p, [0.5, 0.5])
    r = risk_attitudes(np.array([0.1, 0.2, 0.7]))
    assert r[0] == pytest.approx(-0.5) and r[2] == pytest.approx(1.0)
    assert np.allclose(risk_attitudes(np.array([0.5, 0.5])), 0.0)


@st.composite
def spatial_inputs(draw: st.DrawFn) -> SpatialInput:
    n = draw(st.integers(3, 6))
    m = draw(st.integers(1, 3))
    unit = st.floats(0.0, 100.0, allow_nan=False)
    pos = np.array(draw(st.lists(st.lists(unit, min_size=m, max_size=m), min_size=n, max_size=n)))
    raw = np.array(draw(st.lists(st.lists(st.floats(0.05, 1.0), min_size=m, max_size=m),
                                 min_size=n, max_size=n)))
    total = np.array(draw(st.lists(st.floats(0.1, 1.0), min_size=n, max_size=n)))
    sal = 100.0 * raw / raw.sum(axis=1, keepdims=True) * total[:, None]
    cap = np.array(draw(st.lists(st.floats(1.0, 200.0), min_size=n, max_size=n)))
    names = tuple(f"a{i}" for i in range(n))
    return SpatialInput("t", "", names, names, tuple(f"d{k}" for k in range(m)), cap, pos, sal)


@settings(max_examples=40, deadline=None)
@given(spatial_inputs())
def test_positions_stay_in_initial_range(data: SpatialInput) -> None:
    result = run_smp(data, max_rounds=15)
    lo = data.position.min(axis=0)
    hi = data.position.max(axis=0)
    # bargains are convex combinations, rounded to 1e-4 on the 0-1 scale
    assert np.all(result.positions >= lo - 0.01)
    assert np.all(result.positions <= hi + 0.01)
    assert np.all(result.forecast >= lo - 0.01) and np.all(result.forecast <= hi + 0.01)
    assert 1 <= result.rounds <= 15
    assert np.allclose(result.win_probability.max(axis=1) <= 1.0, True)
    assert np.all((result.risk >= -0.5 - 1e-9) & (result.risk <= 1.0 + 1e-9))
    again = run_smp(data, max_rounds=15)
    assert np.array_equal(result.positions, again.positions)

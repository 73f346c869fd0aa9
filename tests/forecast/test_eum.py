"""Bueno de Mesquita's expected-utility model (Scholz et al. 2011 reading)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from eum_bruteforce import one_round, prob
from hypothesis import given, settings
from hypothesis import strategies as st

from parley.forecast import SpatialInput
from parley.forecast.eum import (
    EUMOptions,
    expected_utility,
    median_position,
    risk_exponents,
    run_eum,
    run_eum_1d,
    success_probability,
)

FIXTURES = Path(__file__).parent.parent / "fixtures" / "eum"


def _case(name: str) -> tuple[dict[str, Any], list[str], np.ndarray, np.ndarray, np.ndarray]:
    doc = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    inp = doc["inputs"]
    names = [a["actor"] for a in inp]
    arrays = (np.array([a[k] for a in inp], dtype=float)
              for k in ("position", "capability", "salience"))
    return doc, names, *arrays  # type: ignore[return-value]


@pytest.mark.parametrize("case", ["eum_scholz_eu_emissions", "eum_scholz_sultan_regression_only"])
def test_reproduces_scholz_reference_every_round(case: str) -> None:
    doc, names, x, c, s = _case(case)
    run = run_eum_1d(x, c, s, EUMOptions(tol=None, max_rounds=10))
    ref = doc["outputs_from_running_reference_implementation"]["rounds"]
    assert run.positions.shape[0] == len(ref) == 11
    for rd in ref:
        t = rd["round"]
        got = dict(zip(names, run.positions[t], strict=True))
        assert got == pytest.approx(rd["positions"], abs=1e-9)
        assert run.median[t] == pytest.approx(rd["median"], abs=1e-9)
        assert run.mean[t] == pytest.approx(rd["mean"], abs=1e-9)
        if t == 0:
            continue
        risk = dict(zip(names, run.risk[t - 1], strict=True))
        assert risk == pytest.approx(rd["risk_exponent_r_used_this_round"], abs=1e-9)
        moved = {names[i]: (int(run.kind[t - 1, i]), names[int(run.partner[t - 1, i])],
                            float(run.eu_ij[t - 1, i]), float(run.eu_ji[t - 1, i]))
                 for i in np.flatnonzero(run.kind[t - 1])}
        assert set(moved) == {m["actor"] for m in rd["moves"]}
        for m in rd["moves"]:
            kind, partner, eu_ij, eu_ji = moved[m["actor"]]
            assert {1: "confrontation", 2: "compromise"}[kind] == m["type"]
            assert partner == m["with_actor"]
            assert eu_ij == pytest.approx(m["eu_receiver"], abs=1e-9)
            assert eu_ji == pytest.approx(m["eu_proposer"], abs=1e-9)
    final = doc["outputs_from_running_reference_implementation"]
    assert run.median[-1] == pytest.approx(final["final_forecast_median"])
    assert run.mean[-1] == pytest.approx(final["final_mean"])


def test_published_means_within_digitising_precision() -> None:
    """BDM (1994) as reproduced by Scholz et al. (2011), digitised: means within 0.1."""
    doc, _, x, c, s = _case("eum_scholz_eu_emissions")
    run = run_eum_1d(x, c, s, EUMOptions(tol=None, max_rounds=9))
    published = doc["published_comparator"]["steps_0_to_9"]["original_mean"]
    assert np.abs(run.mean - np.array(published)).max() < 0.1


def test_three_actors_by_hand() -> None:
    """x = 0, 1, 2; c = s = 1; range 2. Worked by hand (r = 1 everywhere):

    voter 0 votes (|0 − b| − |0 − a|)/2, so on 0 vs 2: +1, 0, −1 → support 1;
    the all-pairs total is 4 + 2 + 4 = 10, so P(0 beats 2) = 0.1 (contest: 1/2).
    P(0 beats 1) = 0.5/10 = 0.05, P(1 beats 0) = 1/10.
    EU(1→0) = 0.1·1 + 0.9·(−1) = −0.8, EU(2→0) = 0.1·2 + 0.9·(−2) = −1.6,
    so danger_0 = danger_2 = −2.4 and danger_1 = 2·(−0.9) = −1.8:
    R = (−1, +1, −1) and r = (2, 0.5, 2). Every EU is negative, so nobody moves.
    """
    x, c, s = np.array([0.0, 1.0, 2.0]), np.ones(3), np.ones(3)
    ones = np.ones(3)
    p = success_probability(x, c, s, ones, 2.0)
    assert p[0, 2] == pytest.approx(0.1)
    assert p[0, 1] == pytest.approx(0.05)
    assert p[1, 0] == pytest.approx(0.1)
    assert success_probability(x, c, s, ones, 2.0, "contest")[0, 2] == pytest.approx(0.5)
    assert risk_exponents(x, c, s, 2.0) == pytest.approx([2.0, 0.5, 2.0])
    run = run_eum_1d(x, c, s)
    assert run.converged and run.positions.shape[0] == 2
    assert run.median[0] == 1.0 and run.mean[0] == pytest.approx(1.0)


def test_three_actors_half_salience_by_hand() -> None:
    """x = 0, 1, 2; c = 1; s = 0.5; range 2. Worked by hand.

    Risk step (r = 1): P as in the case above (halving every vote changes no ratio),
    EU(1→0) = 0.5(0.1·1 + 0.9·(−1)) + 0.5·1 = 0.1, EU(2→0) = 0.5(0.2 − 1.8) + 1 = 0.2,
    EU(0→1) = 0.05: dangers (0.3, 0.1, 0.3), so R = (1, −1, 1) and r = (0.5, 2, 0.5).
    Offer step, voters' losses (|x_k − x_a|/2)^{r_k}: voter 0 (0, √½, 1), voter 1
    (¼, 0, ¼), voter 2 (1, √½, 0); all-pairs total 0.5·(4 + 1 + 4) = 4.5.
    P(1 beats 0) = (0.125 + 0.5(1 − √½)) / 4.5 = 0.0603215, P(0 beats 1) = 0.5√½ / 4.5
    = 0.0785674. For actor 1 (r = 2; U_s = 1.75, U_f = −0.25, U_sq = 1 at d = ½):
    EU(1→0) = 0.5(0.0603215·1.75 − 0.9396785·0.25) + 0.875 − 1 = −0.1896785.
    For actor 0 (r = ½; U_s = 0, U_f = 2 − 4√¾, U_sq = 2 − 4√½):
    EU(0→1) = 0.5·0.9214326·(2 − 4√¾) − (2 − 4√½) = 0.1538918 and
    EU(1→0) = 0.1405343 < EU(0→1): no confrontation, and actor 1, whose expected
    utilities against 0 and 2 are both negative, is offered nothing it accepts.
    """
    x, c, s = np.array([0.0, 1.0, 2.0]), np.ones(3), np.full(3, 0.5)
    r = risk_exponents(x, c, s, 2.0)
    assert r == pytest.approx([0.5, 2.0, 0.5])
    p = success_probability(x, c, s, r, 2.0)
    assert p[1, 0] == pytest.approx(0.0603215, abs=1e-6)
    assert p[0, 1] == pytest.approx(0.0785674, abs=1e-6)
    assert p[0, 2] == pytest.approx(1 / 9)
    assert expected_utility(p[1, 0], 0.5, 0.5, 2.0) == pytest.approx(-0.1896785, abs=1e-6)
    assert expected_utility(p[0, 1], 0.5, 0.5, 0.5) == pytest.approx(0.1538918, abs=1e-6)
    assert expected_utility(p[1, 0], 0.5, 0.5, 0.5) == pytest.approx(0.1405343, abs=1e-6)
    run = run_eum_1d(x, c, s, EUMOptions(tol=None, max_rounds=1))
    assert run.positions[1, 1] == 1.0 and run.kind[0, 1] == 0


def test_three_actors_compromise_by_hand() -> None:
    """A low-salience middle actor: B (x=1, s=0.2) between A (x=0) and C (x=3).

    Checked against the loop-by-loop reference of tests/forecast/eum_bruteforce.py
    and, for the compromise formula, by hand from its own expected utilities.
    """
    x, c, s = np.array([0.0, 1.0, 3.0]), np.array([1.0, 1.0, 2.0]), np.array([0.9, 0.2, 0.9])
    run = run_eum_1d(x, c, s, EUMOptions(tol=None, max_rounds=1))
    ref = one_round(list(x), list(c), list(s), 3.0)
    assert run.risk[0] == pytest.approx(ref["r"], abs=1e-12)
    assert run.positions[1] == pytest.approx(ref["x"], abs=1e-12)
    kinds = [{0: "none", 1: "confrontation", 2: "compromise"}[int(k)] for k in run.kind[0]]
    assert kinds == ref["kinds"]
    for i in np.flatnonzero(run.kind[0] == 2):
        j = int(run.partner[0, i])
        step = (x[j] - x[i]) * abs(run.eu_ij[0, i] / run.eu_ji[0, i])
        assert run.positions[1, i] == pytest.approx(x[i] + step)


positions = st.lists(st.integers(0, 20), min_size=3, max_size=6)


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_matches_bruteforce_round(data: st.DataObject) -> None:
    n = data.draw(st.integers(3, 6))
    x = np.array(data.draw(st.lists(st.integers(0, 20), min_size=n, max_size=n)), float)
    if np.ptp(x) == 0:
        x[0] += 1.0
    c = np.array(data.draw(st.lists(st.integers(1, 9), min_size=n, max_size=n)), float)
    s = np.array(data.draw(st.lists(st.integers(1, 10), min_size=n, max_size=n)), float) / 10
    mode = data.draw(st.sampled_from(["all-pairs", "contest"]))
    risk = data.draw(st.sampled_from(["perceiver", "own"]))
    capit = data.draw(st.booleans())
    opts = EUMOptions(probability=mode, risk=risk, capitulation=capit, tol=None, max_rounds=1)
    run = run_eum_1d(x, c, s, opts)
    span = float(np.ptp(x))
    ref = one_round(list(x), list(c), list(s), span, mode, risk, capit)
    assert run.risk[0] == pytest.approx(ref["r"], abs=1e-9)
    assert run.positions[1] == pytest.approx(ref["x"], abs=1e-9)
    ones = [1.0] * n
    pv = success_probability(x, c, s, np.ones(n), span, mode)
    assert pv[0, 1] == pytest.approx(prob(0, 1, list(x), list(c), list(s), ones, span, mode))


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_forecast_within_range_of_positions(data: st.DataObject) -> None:
    n = data.draw(st.integers(2, 7))
    m = data.draw(st.integers(1, 3))
    pos = np.array(data.draw(st.lists(st.floats(0, 100), min_size=n * m, max_size=n * m)))
    sal = np.array(data.draw(st.lists(st.floats(1, 100), min_size=n * m, max_size=n * m)))
    cap = np.array(data.draw(st.lists(st.floats(0.1, 10), min_size=n, max_size=n)))
    opts = EUMOptions(
        probability=data.draw(st.sampled_from(["all-pairs", "contest"])),
        risk=data.draw(st.sampled_from(["perceiver", "own"])),
        forecast=data.draw(st.sampled_from(["median", "mean"])),
        updates=data.draw(st.sampled_from(["simultaneous", "sequential"])),
        capitulation=data.draw(st.booleans()), max_rounds=15)
    names = tuple(f"a{i}" for i in range(n))
    spatial = SpatialInput("t", "", names, names, tuple(f"d{k}" for k in range(m)), cap,
                           pos.reshape(n, m), sal.reshape(n, m))
    result = run_eum(spatial, opts)
    lo, hi = pos.reshape(n, m).min(axis=0), pos.reshape(n, m).max(axis=0)
    assert np.all(result.forecast >= lo - 1e-9) and np.all(result.forecast <= hi + 1e-9)
    traj = result.positions
    assert np.all(traj >= lo - 1e-9) and np.all(traj <= hi + 1e-9)
    assert traj.shape == (result.rounds + 1, n, m)


def test_median_is_weighted_median() -> None:
    x = np.array([0.0, 10.0, 20.0, 30.0])
    # weights 1, 1, 3, 1: the weighted median (half of 6 reached at 20) is 20
    assert median_position(x, np.array([1.0, 1.0, 3.0, 1.0]), np.ones(4), 30.0) == 20.0


def test_bad_option_is_rejected() -> None:
    with pytest.raises(ValueError, match="probability"):
        EUMOptions(probability="bogus")  # type: ignore[arg-type]


def test_to_dict_contract() -> None:
    _, names, x, c, s = _case("eum_scholz_eu_emissions")
    spatial = SpatialInput("eu", "", tuple(names), tuple(names), ("date",), c,
                           x[:, None], 100 * s[:, None])
    doc = run_eum(spatial, EUMOptions(tol=None, max_rounds=10)).to_dict()
    assert doc["rounds"] == 10
    assert doc["positions"]["Belgium"]["date"][1] == pytest.approx(8.415932, abs=1e-6)
    assert len(doc["positions"]["Belgium"]["date"]) == 11
    assert doc["forecast"]["date"] == pytest.approx(7.0)
    assert doc["moves"][0]["type"] == "compromise"
    json.dumps(doc)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_linear_support_matches_voter_sum(data: st.DataObject) -> None:
    """The prefix-sum path for r = 1 equals the voter-by-voter sum (ties included)."""
    from parley.forecast.eum import _linear_support

    n = data.draw(st.integers(2, 9))
    x = np.array(data.draw(st.lists(st.integers(0, 12), min_size=n, max_size=n)), float)
    w = np.array(data.draw(st.lists(st.floats(0.0, 5.0), min_size=n, max_size=n)))
    span = max(1.0, float(np.ptp(x)))
    brute = np.array([[sum(w[k] * max(0.0, abs(x[k] - x[j]) - abs(x[k] - x[i]))
                           for k in range(n)) / span for j in range(n)] for i in range(n)])
    assert _linear_support(x, w, span) == pytest.approx(brute, abs=1e-9)

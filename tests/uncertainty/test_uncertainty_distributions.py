"""Distributions: closed-form moments and quantiles, ranges respected, scenario validation."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from uq_helpers import default_dict

import parley
from parley.errors import ScenarioError
from parley.scenario import scenario_from_dict
from parley.uncertainty.sampling import Distribution, draw_quantiles, sample_generator, to_values

Q = (np.arange(200_000) + 0.5) / 200_000  # midpoint rule over the quantiles


def _mean(d: Distribution) -> float:
    return float(d.ppf(Q).mean())


def test_uniform_and_triangular_moments() -> None:
    assert _mean(Distribution("uniform", 1.0, 0.0, 4.0)) == pytest.approx(2.0, abs=1e-6)
    # triangular(a, m, b): mean (a+m+b)/3, variance (a²+b²+m²-ab-am-bm)/18
    a, m, b = 1.0, 2.0, 6.0
    x = Distribution("triangular", m, a, b).ppf(Q)
    assert x.mean() == pytest.approx((a + m + b) / 3, abs=1e-5)
    assert x.var() == pytest.approx((a * a + b * b + m * m - a * b - a * m - b * m) / 18,
                                    rel=1e-4)
    # CDF at the mode is (m - a)/(b - a)
    assert Distribution("triangular", m, a, b).ppf(np.array([0.2]))[0] == pytest.approx(m)


def test_pert_mean_is_the_classic_formula() -> None:
    a, m, b = 0.0, 1.0, 10.0
    assert _mean(Distribution("pert", m, a, b)) == pytest.approx((a + 4 * m + b) / 6, rel=1e-5)


def test_normal_truncation_matches_closed_form() -> None:
    # mean of N(mu, s) truncated to [a, b]: mu + s (phi(α) - phi(β)) / (Φ(β) - Φ(α))
    mu, s, a, b = 1.0, 2.0, 0.0, 6.0
    al, be = (a - mu) / s, (b - mu) / s
    pdf, cdf = stats.norm.pdf, stats.norm.cdf
    expected = mu + s * (pdf(al) - pdf(be)) / (cdf(be) - cdf(al))
    assert _mean(Distribution("normal", mu, a, b, sd=s)) == pytest.approx(expected, rel=1e-5)


def test_lognormal_median_and_untruncated_mean() -> None:
    d = Distribution("lognormal", 2.0, 0.0, 1e9, sd=0.5)
    assert d.ppf(np.array([0.5]))[0] == pytest.approx(2.0, rel=1e-9)
    assert _mean(d) == pytest.approx(2.0 * math.exp(0.5 ** 2 / 2), rel=1e-3)


@settings(max_examples=60, deadline=None)
@given(kind=st.sampled_from(["uniform", "triangular", "pert", "normal", "lognormal"]),
       low=st.floats(0.01, 5), width=st.floats(0.01, 5), pos=st.floats(0, 1),
       sd=st.floats(0.01, 3), q=st.lists(st.floats(0, 1), min_size=1, max_size=20))
def test_draws_stay_in_range_and_are_monotone(kind: str, low: float, width: float, pos: float,
                                              sd: float, q: list[float]) -> None:
    high = low + width
    d = Distribution(kind, low + pos * width, low, high, sd if kind in ("normal",
                                                                      "lognormal") else None)
    qs = np.sort(np.array(q))
    x = d.ppf(qs)
    assert np.all((x >= low) & (x <= high))
    assert np.all(np.diff(x) >= -1e-12 * max(1.0, high))


def test_sample_streams_depend_only_on_seed_and_index() -> None:
    a = draw_quantiles(7, 10, 20, 3)
    b = draw_quantiles(7, 0, 30, 3)[10:20]
    assert np.array_equal(a, b)
    ss = np.random.SeedSequence(7).spawn(12)[11]
    assert np.array_equal(sample_generator(7, 11).random(3), np.random.default_rng(ss).random(3))
    dists = (Distribution("uniform", 0.5, 0, 1), Distribution("triangular", 1, 0, 2))
    assert to_values(dists, a[:, :2]).shape == (10, 2)


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "s.yaml"
    p.write_text(text)
    return p


@pytest.mark.parametrize(("extra", "message"), [
    ("dist: normal", "needs `sd`"),
    ("dist: pert\n      sd: 0.1", "only used by"),
    ("dist: gamma", "dist"),
    ("sd: 0.1", "`sd` needs"),
    ("dist: normal\n      sd: -1", "must be positive"),
])
def test_bad_distributions_are_located(tmp_path: Path, extra: str, message: str) -> None:
    text = parley.scenario.default_scenario_path().read_text()
    old = "      value: 0.55\n      range: [0.42, 0.65]\n"
    assert old in text
    path = _write(tmp_path, text.replace(old, old + f"      {extra}\n", 1))
    with pytest.raises(ScenarioError) as err:
        parley.load_scenario(path)
    text_err = str(err.value)
    assert message in text_err
    assert f"{path}:" in text_err and "preferences.ukraine.reservation" in text_err


def test_dist_without_range_is_rejected() -> None:
    doc = default_dict()
    doc["preferences"]["us"]["reservation"] = {"value": 0.5, "dist": "uniform",
                                               "judgment": "x"}
    with pytest.raises(ScenarioError, match="needs `range"):
        scenario_from_dict(doc)


def test_range_alone_is_uniform_and_dists_are_read() -> None:
    from uq_helpers import toy_dict

    from parley.uncertainty.compiled import uncertain_params

    params = {p.path: p.dist for p in uncertain_params(scenario_from_dict(toy_dict()))}
    assert params["preferences.r.reservation"].kind == "uniform"
    assert params["preferences.a.weights.land"].kind == "pert"
    assert params["preferences.b.values.land.split"].sd == 0.3
    assert params["preferences.a.interactions[0].value"].low == -0.25
    assert "preferences.b.reservation" not in params  # no_deal: derived, not drawn

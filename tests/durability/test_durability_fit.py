"""The Weibull fit with censoring: the bundled baseline, and checks independent of our code."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from scipy import stats

from parley.durability.data import cow_spells, data_dir
from parley.durability.fit import fit_baseline, fit_weibull, information, loglik, score


def test_bundled_spells_match_the_derived_counts() -> None:
    spells = cow_spells()
    assert spells.n == 33
    assert spells.events == 14
    # 13 new wars between the same states (years to it) plus one coded resumption (0.1 y)
    gaps = sorted(float(y) for y, e in zip(spells.years, spells.event, strict=True)
                  if e and y >= 1)
    assert gaps == [2, 2, 3, 3, 6, 6, 7, 8, 9, 11, 12, 16, 28]
    assert np.isclose(spells.years[spells.war == 184][0], 0.1)
    assert spells.years.min() >= 0.1 and spells.years.max() <= 2007 - 1946


def test_baseline_reproduces_the_derived_fit() -> None:
    """λ = 73.22 (SE 36.98), ρ = 0.628 (SE 0.152) from the evidence notes (lifelines).

    Tolerances are half a unit in the last reported digit: 0.005 years for λ and its SE,
    0.0005 for ρ and its SE.
    """
    fit = fit_baseline()
    assert fit.n == 33 and fit.events == 14
    assert fit.scale == pytest.approx(73.22, abs=0.005)
    assert fit.shape == pytest.approx(0.628, abs=0.0005)
    assert fit.scale_se == pytest.approx(36.98, abs=0.005)
    assert fit.shape_se == pytest.approx(0.152, abs=0.0005)
    assert fit.shape < 1  # the hazard falls as peace lasts


def test_checked_in_baseline_is_the_fit_output() -> None:
    stored = json.loads((data_dir() / "baseline_weibull.json").read_text(encoding="utf-8"))
    fit = fit_baseline().to_dict()
    for key in ("lambda", "rho", "lambda_se", "rho_se", "loglik"):
        assert fit[key] == pytest.approx(stored[key], rel=1e-9), key
    assert np.allclose(fit["log_parameter_covariance"], stored["log_parameter_covariance"],
                       rtol=1e-9)


def test_gradient_is_zero_at_the_maximum() -> None:
    spells = cow_spells()
    fit = fit_baseline()
    g = score(fit.theta, spells.years, spells.event)
    assert np.abs(g).max() < 1e-8
    # and it is a maximum: nearby points have a lower likelihood
    for step in ([0.05, 0], [0, 0.05], [-0.05, 0.03]):
        assert loglik(fit.theta + np.array(step), spells.years, spells.event) < fit.loglik


def test_analytic_derivatives_match_finite_differences() -> None:
    spells = cow_spells()
    theta = np.array([math.log(50.0), math.log(0.8)])
    h = 1e-5

    def ll(th: np.ndarray) -> float:
        return loglik(th, spells.years, spells.event)

    numeric = np.array([(ll(theta + h * e) - ll(theta - h * e)) / (2 * h) for e in np.eye(2)])
    assert np.allclose(score(theta, spells.years, spells.event), numeric, rtol=1e-6)

    def sc(th: np.ndarray) -> np.ndarray:
        return score(th, spells.years, spells.event)

    hessian = np.column_stack([(sc(theta + h * e) - sc(theta - h * e)) / (2 * h)
                               for e in np.eye(2)])
    assert np.allclose(information(theta, spells.years, spells.event), -hessian, rtol=1e-5)


def test_uncensored_fit_agrees_with_scipy() -> None:
    rng = np.random.default_rng(7)
    t = stats.weibull_min.rvs(0.7, scale=20.0, size=400, random_state=rng)
    ours = fit_weibull(t, np.ones_like(t))
    shape, _, scale = stats.weibull_min.fit(t, floc=0)
    assert ours.shape == pytest.approx(shape, rel=1e-4)
    assert ours.scale == pytest.approx(scale, rel=1e-4)


@pytest.mark.parametrize(("scale", "shape"), [(73.0, 0.63), (5.0, 1.5)])
def test_censored_fit_recovers_parameters(scale: float, shape: float) -> None:
    rng = np.random.default_rng(2026)
    n = 5000
    t = scale * rng.weibull(shape, size=n)
    censor = rng.uniform(0, 3 * scale, size=n)
    years = np.minimum(t, censor)
    event = t <= censor
    assert 0.2 < event.mean() < 0.9
    fit = fit_weibull(years, event)
    assert fit.scale == pytest.approx(scale, rel=0.06)
    assert fit.shape == pytest.approx(shape, rel=0.04)
    # the truth lies within 3 standard errors on the log scale
    z = (fit.theta - np.log([scale, shape])) / np.sqrt(np.diag(fit.cov))
    assert np.all(np.abs(z) < 3)


def test_fit_refuses_bad_input() -> None:
    with pytest.raises(ValueError, match="event"):
        fit_weibull(np.array([1.0, 2.0]), np.array([0, 0]))
    with pytest.raises(ValueError, match="positive"):
        fit_weibull(np.array([0.0, 2.0]), np.array([1, 1]))
    with pytest.raises(ValueError, match="same length"):
        fit_weibull(np.array([1.0, 2.0]), np.array([1]))

"""Survival model: closed forms, monotonicity in the hazard ratio, seeded Monte Carlo bands."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parley.durability.fit import fit_baseline
from parley.durability.model import (
    HORIZONS,
    draw_parameters,
    log_multiplier,
    median_years,
    p_renewed_war,
    p_renewed_war_bands,
    survival,
)

LAM, RHO = 73.22, 0.628


def test_closed_form_survival_values() -> None:
    assert survival(LAM, LAM, RHO) == pytest.approx(math.exp(-1))
    assert survival(0.0, LAM, RHO) == pytest.approx(1.0)
    # the Weibull-implied failure probabilities recorded with the derived baseline
    recorded = {1: 0.065, 2: 0.099, 5: 0.169, 10: 0.249, 20: 0.358, 30: 0.435}
    for t, p in recorded.items():
        assert p_renewed_war(t, LAM, RHO) == pytest.approx(p, abs=0.0006)
    # proportional hazards: S(t | HR) = S0(t) ** HR
    for hr in (0.43, 1.0, 2.0):
        assert survival(10, LAM, RHO, math.log(hr)) == pytest.approx(
            survival(10, LAM, RHO) ** hr)
    # the worked illustration of the evidence notes: HR 0.43 at 10 years gives about 12%
    assert p_renewed_war(10, LAM, RHO, math.log(0.43)) == pytest.approx(0.116, abs=0.002)


def test_median_years() -> None:
    for hr in (0.43, 1.0, 3.0):
        m = median_years(LAM, RHO, math.log(hr))
        assert survival(m, LAM, RHO, math.log(hr)) == pytest.approx(0.5)


def test_log_multiplier_ignores_direction_only_covariates() -> None:
    lhr = {"peacekeepers": math.log(0.43)}
    assert log_multiplier({"peacekeepers": 1, "demilitarized_zone": 1}, lhr) == pytest.approx(
        math.log(0.43))
    assert log_multiplier({"peacekeepers": 0}, lhr) == 0
    assert log_multiplier({"peacekeepers": 0.5}, lhr) == pytest.approx(0.5 * math.log(0.43))


@settings(max_examples=200, deadline=None)
@given(scale=st.floats(0.5, 500), shape=st.floats(0.2, 3), t=st.floats(0.01, 50),
       hr_low=st.floats(0.01, 0.99), hr_high=st.floats(0.01, 0.99))
def test_hazard_ratio_below_one_lowers_the_risk(scale: float, shape: float, t: float,
                                                hr_low: float, hr_high: float) -> None:
    hr_low, hr_high = sorted((hr_low, hr_high))
    p0 = float(p_renewed_war(t, scale, shape))
    p_low = float(p_renewed_war(t, scale, shape, math.log(hr_low)))
    p_high = float(p_renewed_war(t, scale, shape, math.log(hr_high)))
    assert p_low <= p_high <= p0
    if p0 > 1e-12 and p0 < 1 - 1e-12:
        assert p_high < p0


@settings(max_examples=25, deadline=None)
@given(hr=st.floats(0.05, 0.95), seed=st.integers(0, 2**32 - 1))
def test_bands_shift_down_with_a_protective_effect(hr: float, seed: int) -> None:
    # with the hazard ratio fixed, every draw is lower, so the mean and both ends are too
    fit = fit_baseline()
    draws = draw_parameters(fit, {"x": (math.log(hr), 0.0)}, 500, np.random.default_rng(seed))
    base = p_renewed_war_bands(draws, {})
    treated = p_renewed_war_bands(draws, {"x": 1})
    for h in map(str, HORIZONS):
        assert base[h].low <= base[h].mean <= base[h].high
        assert treated[h].low <= treated[h].mean <= treated[h].high
        assert treated[h].mean < base[h].mean
        assert treated[h].low <= base[h].low and treated[h].high <= base[h].high


def test_draws_are_seed_reproducible_and_order_independent() -> None:
    fit = fit_baseline()
    effects = {"a": (-0.8, 0.4), "b": (0.2, 0.1)}
    one = draw_parameters(fit, effects, 300, np.random.default_rng(5))
    two = draw_parameters(fit, dict(reversed(list(effects.items()))), 300,
                          np.random.default_rng(5))
    assert np.array_equal(one.scale, two.scale) and np.array_equal(one.shape, two.shape)
    assert all(np.array_equal(one.log_hr[k], two.log_hr[k]) for k in effects)
    other = draw_parameters(fit, effects, 300, np.random.default_rng(6))
    assert not np.array_equal(one.scale, other.scale)


def test_draws_follow_the_fitted_sampling_distribution() -> None:
    fit = fit_baseline()
    draws = draw_parameters(fit, {"pk": (-0.853, 0.366)}, 20_000, np.random.default_rng(1))
    logs = np.log(np.column_stack([draws.scale, draws.shape]))
    assert np.allclose(logs.mean(axis=0), fit.theta, atol=0.02)
    assert np.allclose(np.cov(logs.T), fit.cov, rtol=0.05, atol=1e-3)
    assert draws.log_hr["pk"].std() == pytest.approx(0.366, rel=0.03)


def test_bad_arguments_are_refused() -> None:
    fit = fit_baseline()
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match="samples"):
        draw_parameters(fit, {}, 0, rng)
    with pytest.raises(ValueError, match="negative"):
        draw_parameters(fit, {"x": (0.0, -1.0)}, 10, rng)
    with pytest.raises(ValueError, match="level"):
        p_renewed_war_bands(draw_parameters(fit, {}, 10, rng), {}, level=1.0)
    with pytest.raises(ValueError, match="negative"):
        survival(-1.0, LAM, RHO)

"""The Weibull proportional-hazards model of renewed war, and its Monte Carlo bands.

Survival to ``t`` years after the deal, with covariates ``x`` (provisions such as
peacekeepers present) and hazard ratios ``HR_k``:

``S(t | x) = exp(-(t / lam) ** rho * prod_k HR_k ** x_k)``

so that ``P(renewed war by T) = 1 - S(T | x)`` and the median time to renewed war is
``lam * (ln 2 / prod_k HR_k ** x_k) ** (1 / rho)`` (Fortna 2004, *Peace Time*, ch. 3
uses this form; see also Box-Steffensmeier & Jones 2004, *Event History Modeling*,
ch. 3). Uncertainty comes from drawing ``(log lam, log rho)`` from the normal
approximation to their sampling distribution and each log hazard ratio from a normal
with its standard error, then reading percentiles of the probabilities across draws.
All functions are pure; randomness comes only from the generator passed in.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from parley.durability.fit import WeibullFit

#: Horizons (years after the deal) reported for every package.
HORIZONS: tuple[int, ...] = (1, 2, 5, 10)


def cumulative_hazard(t: np.ndarray | float, scale: np.ndarray | float,
                      shape: np.ndarray | float,
                      log_multiplier: np.ndarray | float = 0.0) -> np.ndarray:
    """``(t / lam) ** rho * exp(log_multiplier)``, broadcast over all arguments."""
    t_arr = np.asarray(t, dtype=float)
    if np.any(t_arr < 0):
        raise ValueError("times must not be negative")
    return np.asarray((t_arr / scale) ** shape * np.exp(log_multiplier), dtype=float)


def survival(t: np.ndarray | float, scale: np.ndarray | float, shape: np.ndarray | float,
             log_multiplier: np.ndarray | float = 0.0) -> np.ndarray:
    """``S(t | x) = exp(-(t / lam) ** rho * prod HR ** x)``; ``log_multiplier = sum x log HR``."""
    return np.exp(-cumulative_hazard(t, scale, shape, log_multiplier))


def p_renewed_war(t: np.ndarray | float, scale: np.ndarray | float,
                  shape: np.ndarray | float,
                  log_multiplier: np.ndarray | float = 0.0) -> np.ndarray:
    """Probability of renewed war by ``t`` years, ``1 - S(t | x)`` (via ``expm1``)."""
    return -np.expm1(-cumulative_hazard(t, scale, shape, log_multiplier))


def median_years(scale: float, shape: float, log_multiplier: float = 0.0) -> float:
    """Median time to renewed war: ``lam * (ln 2 / exp(log_multiplier)) ** (1 / rho)``."""
    return float(scale * (math.log(2.0) * math.exp(-log_multiplier)) ** (1.0 / shape))


def log_multiplier(covariates: Mapping[str, float],
                   log_hr: Mapping[str, np.ndarray | float]) -> np.ndarray:
    """``sum_k x_k log HR_k`` over the covariates that have a hazard ratio.

    Covariates without an entry in ``log_hr`` (direction-only effects) contribute 0.
    With arrays of drawn log hazard ratios the result is an array of draws.
    """
    total: np.ndarray = np.zeros(())
    for name, x in covariates.items():
        if name in log_hr and x:
            total = total + float(x) * np.asarray(log_hr[name], dtype=float)
    return total


@dataclass(frozen=True)
class Band:
    """A Monte Carlo mean and the percentile interval around it."""

    mean: float
    low: float
    high: float

    def to_dict(self) -> dict[str, float]:
        """``{mean, low, high}``."""
        return {"mean": self.mean, "low": self.low, "high": self.high}


@dataclass(frozen=True)
class ParameterDraws:
    """Joint draws of the baseline parameters and the log hazard ratios.

    Attributes
    ----------
    scale, shape:
        Drawn ``lam`` and ``rho``, shape ``(samples,)``.
    log_hr:
        Drawn log hazard ratio per covariate, each of shape ``(samples,)``.
    """

    scale: np.ndarray
    shape: np.ndarray
    log_hr: dict[str, np.ndarray]

    @property
    def samples(self) -> int:
        """Number of draws."""
        return int(self.scale.size)


def draw_parameters(fit: WeibullFit, effects: Mapping[str, tuple[float, float]],
                    samples: int, rng: np.random.Generator) -> ParameterDraws:
    """Draw from the sampling distribution of the baseline and the effects.

    Parameters
    ----------
    fit:
        The baseline fit; ``(log lam, log rho)`` is drawn from
        ``N(fit.theta, fit.cov)``.
    effects:
        Covariate name to ``(log HR, SE of log HR)``; each is drawn independently
        from ``N(log HR, SE**2)`` (an SE of 0 keeps it fixed). Draws are made in the
        sorted order of the names, so the result does not depend on the mapping's order.
    samples:
        Number of draws (at least 1).
    rng:
        The random generator; the caller owns the seed.
    """
    if samples < 1:
        raise ValueError("samples must be at least 1")
    theta = rng.multivariate_normal(fit.theta, fit.cov, size=samples, method="cholesky")
    drawn: dict[str, np.ndarray] = {}
    for name in sorted(effects):
        mu, se = effects[name]
        if se < 0:
            raise ValueError(f"standard error of {name!r} must not be negative")
        drawn[name] = mu + se * rng.standard_normal(samples)
    return ParameterDraws(np.exp(theta[:, 0]), np.exp(theta[:, 1]), drawn)


def p_renewed_war_bands(draws: ParameterDraws, covariates: Mapping[str, float],
                        horizons: tuple[int, ...] = HORIZONS,
                        level: float = 0.95) -> dict[str, Band]:
    """Monte Carlo mean and central ``level`` interval of P(renewed war by each horizon).

    Parameters
    ----------
    draws:
        Parameter draws (:func:`draw_parameters`); using the same draws for every
        package keeps comparisons between packages free of sampling noise.
    covariates:
        Covariate values of the package (0 = absent, 1 = present).
    horizons:
        Years after the deal.
    level:
        Coverage of the interval, e.g. 0.95 for the 2.5th–97.5th percentiles.

    Returns
    -------
    dict
        Horizon (as text, e.g. ``"5"``) to :class:`Band`.
    """
    mean, low, high = _bands(draws, covariates, np.asarray(horizons, dtype=float), level)
    return {str(h): Band(float(mean[k]), float(low[k]), float(high[k]))
            for k, h in enumerate(horizons)}


def _bands(draws: ParameterDraws, covariates: Mapping[str, float], t: np.ndarray,
           level: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean and central ``level`` interval of P(renewed war by t) over the draws, per t."""
    if not 0 < level < 1:
        raise ValueError("level must lie strictly between 0 and 1")
    lm = log_multiplier(covariates, draws.log_hr)
    p = p_renewed_war(t[:, None], draws.scale[None, :], draws.shape[None, :], lm)
    q = np.quantile(p, [(1 - level) / 2, (1 + level) / 2], axis=1)
    return p.mean(axis=1), q[0], q[1]


def survival_curve_bands(draws: ParameterDraws, covariates: Mapping[str, float],
                         years: np.ndarray, level: float = 0.95) -> dict[str, list[float]]:
    """Monte Carlo mean and central ``level`` interval of S(t | x) on a grid of years.

    The same draws as :func:`p_renewed_war_bands`; returns ``{"years", "mean", "low",
    "high"}`` as lists (survival probability: no renewed war by ``t``).
    """
    mean, low, high = _bands(draws, covariates, np.asarray(years, dtype=float), level)
    return {"years": [float(x) for x in years], "mean": (1 - mean).tolist(),
            "low": (1 - high).tolist(), "high": (1 - low).tolist()}

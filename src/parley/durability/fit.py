"""Weibull maximum-likelihood fit of time to renewed war, with right-censoring.

Parametrisation (the one lifelines uses, and NOTES in the evidence folder):
``S(t) = exp(-(t / lam) ** rho)``, with scale ``lam`` in years and shape ``rho``
(``rho < 1``: the hazard falls as peace lasts). The fit works on
``theta = (log lam, log rho)``, so both stay positive and the sampling distribution
used for uncertainty is closer to normal.

With ``z_i = rho * (log t_i - log lam)`` and ``H_i = exp(z_i)`` (the cumulative hazard
at ``t_i``), the log-likelihood of spells ``t_i`` with event indicators ``d_i`` is
``sum_i d_i * (log rho - log t_i + z_i) - sum_i H_i`` (Klein & Moeschberger 2003,
*Survival Analysis*, §3.5 and §12.2). Setting the derivative in ``log lam`` to zero
gives ``lam ** rho = sum_i t_i ** rho / D`` (``D`` events); substituting leaves one
monotone equation in ``rho``, solved by bracketing. Standard errors come from the
observed information (the negative Hessian) at the maximum.

Run ``python -m parley.durability.fit`` to print the baseline fitted from the bundled
data; ``data/durability/baseline_weibull.json`` holds its output and a test checks that
a fresh fit reproduces it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

import numpy as np
from scipy.optimize import brentq

from parley.durability.data import Spells, cow_spells


@dataclass(frozen=True)
class WeibullFit:
    """A fitted Weibull survival model and its sampling covariance.

    Attributes
    ----------
    theta:
        ``(log lam, log rho)`` at the maximum.
    cov:
        Covariance of ``theta`` (inverse observed information), shape ``(2, 2)``.
    n, events:
        Number of spells and of observed events.
    loglik:
        Log-likelihood at the maximum.
    """

    theta: np.ndarray
    cov: np.ndarray
    n: int
    events: int
    loglik: float

    @property
    def scale(self) -> float:
        """The scale ``lam`` in years."""
        return float(math.exp(self.theta[0]))

    @property
    def shape(self) -> float:
        """The shape ``rho``."""
        return float(math.exp(self.theta[1]))

    @property
    def scale_se(self) -> float:
        """Standard error of ``lam`` (delta method from the log scale)."""
        return self.scale * float(math.sqrt(self.cov[0, 0]))

    @property
    def shape_se(self) -> float:
        """Standard error of ``rho`` (delta method from the log scale)."""
        return self.shape * float(math.sqrt(self.cov[1, 1]))

    def to_dict(self) -> dict[str, object]:
        """JSON-ready summary: parameters, standard errors, covariance of the log parameters."""
        return {
            "lambda": self.scale, "rho": self.shape,
            "lambda_se": self.scale_se, "rho_se": self.shape_se,
            "log_parameter_covariance": self.cov.tolist(),
            "n": self.n, "events": self.events, "loglik": self.loglik,
        }


def _check(years: np.ndarray, event: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    t = np.asarray(years, dtype=float)
    d = np.asarray(event, dtype=float)
    if t.ndim != 1 or t.shape != d.shape:
        raise ValueError("years and event must be 1-D arrays of the same length")
    if not np.all(np.isfinite(t)) or np.any(t <= 0):
        raise ValueError("durations must be positive and finite")
    if not np.all((d == 0) | (d == 1)):
        raise ValueError("event indicators must be 0/1 or booleans")
    if d.sum() < 1:
        raise ValueError("at least one event is needed to fit a Weibull model")
    return t, d


def loglik(theta: np.ndarray, years: np.ndarray, event: np.ndarray) -> float:
    """Censored Weibull log-likelihood at ``theta = (log lam, log rho)``.

    Parameters
    ----------
    theta:
        Log scale and log shape.
    years, event:
        Durations (positive) and event indicators (1 = renewed war, 0 = censored).

    Returns
    -------
    float
        ``sum d_i (log rho - log t_i + z_i) - sum exp(z_i)``, ``z_i = rho (log t_i - log lam)``.
    """
    t, d = _check(years, event)
    a, b = float(theta[0]), float(theta[1])
    z = math.exp(b) * (np.log(t) - a)
    return float(np.sum(d * (b - np.log(t) + z)) - np.sum(np.exp(z)))


def score(theta: np.ndarray, years: np.ndarray, event: np.ndarray) -> np.ndarray:
    """Gradient of :func:`loglik` with respect to ``(log lam, log rho)``."""
    t, d = _check(years, event)
    rho = math.exp(float(theta[1]))
    z = rho * (np.log(t) - float(theta[0]))
    h = np.exp(z)
    return np.array([rho * (h.sum() - d.sum()), d.sum() + np.sum(d * z) - np.sum(h * z)])


def information(theta: np.ndarray, years: np.ndarray, event: np.ndarray) -> np.ndarray:
    """Observed information: minus the Hessian of :func:`loglik` in ``(log lam, log rho)``."""
    t, d = _check(years, event)
    rho = math.exp(float(theta[1]))
    z = rho * (np.log(t) - float(theta[0]))
    h = np.exp(z)
    d_aa = -rho**2 * h.sum()
    d_ab = rho * (h.sum() - d.sum()) + rho * np.sum(h * z)
    d_bb = np.sum(d * z) - np.sum(h * z * (1.0 + z))
    return -np.array([[d_aa, d_ab], [d_ab, d_bb]])


def fit_weibull(years: np.ndarray, event: np.ndarray) -> WeibullFit:
    """Maximum-likelihood Weibull fit with right-censoring.

    Parameters
    ----------
    years:
        Durations, positive.
    event:
        1 (or ``True``) where the spell ended in the event, 0 where it is censored.

    Returns
    -------
    WeibullFit
        The estimate, its covariance (inverse observed information) and log-likelihood.

    Raises
    ------
    ValueError
        On empty, non-positive or event-free input, or when the likelihood has no
        interior maximum (e.g. every duration equal).
    """
    t, d = _check(years, event)
    log_t = np.log(t)
    # rescale time so that t ** rho cannot overflow while bracketing
    shift = float(log_t.max())
    u = log_t - shift
    n_events = d.sum()
    mean_event_log = float(np.sum(d * u) / n_events)

    def profile(rho: float) -> float:
        w = np.exp(rho * (u - u.max()))
        return float(np.sum(w * u) / w.sum() - 1.0 / rho - mean_event_log)

    lo, hi = 1e-3, 1.0
    while profile(hi) < 0:
        hi *= 2.0
        if hi > 1e4:
            raise ValueError("no finite maximum-likelihood shape (durations nearly equal?)")
    if profile(lo) > 0:
        raise ValueError("no finite maximum-likelihood shape")
    rho = float(brentq(profile, lo, hi, xtol=1e-14, rtol=1e-14, maxiter=500))
    w = np.exp(rho * u)
    log_scale = shift + math.log(float(w.sum()) / n_events) / rho
    theta = np.array([log_scale, math.log(rho)])
    info = information(theta, t, d)
    cov = np.linalg.inv(info)
    return WeibullFit(theta, cov, int(t.size), int(n_events), loglik(theta, t, d))


def fit_baseline(spells: Spells | None = None) -> WeibullFit:
    """The interstate baseline: a Weibull fit to the bundled COW recurrence spells.

    Parameters
    ----------
    spells:
        Spells to fit; default :func:`parley.durability.data.cow_spells` (33 wars ending
        1946–1997, 14 followed by renewed war). The result is λ ≈ 73.2 years and
        ρ ≈ 0.63 (SE 37.0 and 0.15), as in the derived baseline of the evidence notes.
    """
    s = cow_spells() if spells is None else spells
    return fit_weibull(s.years, s.event)


def main() -> None:
    """Print the baseline fit as JSON (the content of ``baseline_weibull.json``)."""
    fit = fit_baseline()
    doc = {
        "about": "Weibull fit S(t) = exp(-(t/lambda)^rho), t in years, to "
                 "cow_interstate_recurrence_1946_1997.csv; output of "
                 "`python -m parley.durability.fit`",
        **fit.to_dict(),
    }
    print(json.dumps(doc, indent=1))


if __name__ == "__main__":  # pragma: no cover
    main()

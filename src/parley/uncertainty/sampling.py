"""Distributions of uncertain numbers and reproducible draws.

Every distribution lives on the number's ``range [low, high]`` and is sampled by
its quantile function (inverse CDF), so the same code maps Monte Carlo uniforms,
Sobol/Saltelli points and tornado end points to parameter values:

- ``uniform``: flat on the range (a range without ``dist``).
- ``triangular``: minimum ``low``, mode ``value``, maximum ``high``.
- ``pert`` (beta-PERT): a beta distribution on the range with mode ``value`` and the
  usual shape parameters ``1 + 4 (mode - low) / (high - low)`` and
  ``1 + 4 (high - mode) / (high - low)`` (Malcolm et al. 1959; Vose 2008, ch. 9),
  so its mean is ``(low + 4 mode + high) / 6``.
- ``normal``: mean ``value``, standard deviation ``sd``, truncated to the range.
- ``lognormal``: median ``value``, ``sd`` the standard deviation of the logarithm,
  truncated to the range.

Seeds: sample ``k`` of a run with seed ``s`` uses the generator of
``SeedSequence(s, spawn_key=(k,))`` (the ``k``-th child of ``SeedSequence(s).spawn``),
so a sample's draw depends on nothing but the seed and its index: not on how the
samples are chunked or how many workers run them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import stats

KINDS = ("uniform", "triangular", "pert", "normal", "lognormal")


@dataclass(frozen=True)
class Distribution:
    """A number's distribution over ``[low, high]``; ``value`` is its central value."""

    kind: str
    value: float
    low: float
    high: float
    sd: float | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown distribution {self.kind!r}")
        if not self.low <= self.value <= self.high:
            raise ValueError(f"value {self.value} lies outside [{self.low}, {self.high}]")
        if self.kind in ("normal", "lognormal") and (self.sd is None or self.sd <= 0):
            raise ValueError(f"{self.kind} needs a positive sd")

    @property
    def width(self) -> float:
        """``high - low``."""
        return self.high - self.low

    def ppf(self, q: np.ndarray) -> np.ndarray:
        """Quantile function: the values at probabilities ``q`` (in ``[0, 1]``)."""
        q = np.asarray(q, dtype=float)
        a, b, m = self.low, self.high, self.value
        if self.width == 0:
            return np.full(q.shape, m)
        if self.kind == "uniform":
            return a + q * (b - a)
        if self.kind == "triangular":
            c = (m - a) / (b - a)
            left = a + np.sqrt(q * (b - a) * (m - a))
            right = b - np.sqrt((1 - q) * (b - a) * (b - m))
            return np.clip(np.where(q < c, left, right), a, b)
        if self.kind == "pert":
            alpha, beta = self.pert_shape
            # boost's beta inverse fails below ~1e-200: such tails are the end points
            inner = np.clip(q, 1e-12, 1 - 1e-12)
            return np.clip(a + (b - a) * stats.beta.ppf(inner, alpha, beta), a, b)
        sd = float(self.sd or 1.0)
        if self.kind == "normal":
            lo, hi = (a - m) / sd, (b - m) / sd
            return np.clip(stats.truncnorm.ppf(q, lo, hi, loc=m, scale=sd), a, b)
        # lognormal: normal on the log scale, truncated to [log a, log b]
        mu = math.log(m)
        lo = -np.inf if a == 0 else (math.log(a) - mu) / sd
        hi = (math.log(b) - mu) / sd
        return np.clip(np.exp(stats.truncnorm.ppf(q, lo, hi, loc=mu, scale=sd)), a, b)

    @property
    def pert_shape(self) -> tuple[float, float]:
        """The beta shape parameters of the PERT distribution."""
        a, b, m = self.low, self.high, self.value
        return 1 + 4 * (m - a) / (b - a), 1 + 4 * (b - m) / (b - a)

    def to_dict(self) -> dict[str, float | str | None]:
        """JSON form."""
        return {"dist": self.kind, "value": self.value, "low": self.low, "high": self.high,
                "sd": self.sd}


def sample_generator(seed: int, index: int) -> np.random.Generator:
    """The generator of sample ``index`` in a run seeded with ``seed``."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(index,)))


def draw_quantiles(seed: int, start: int, stop: int, n_params: int) -> np.ndarray:
    """Uniform quantiles ``(stop - start, n_params)`` of samples ``start..stop-1``."""
    out = np.empty((stop - start, n_params))
    for row, k in enumerate(range(start, stop)):
        out[row] = sample_generator(seed, k).random(n_params)
    return out


def to_values(dists: tuple[Distribution, ...], quantiles: np.ndarray) -> np.ndarray:
    """Parameter values ``(n, d)`` from quantiles ``(n, d)``, column by column."""
    quantiles = np.atleast_2d(quantiles)
    if quantiles.shape[1] != len(dists):
        raise ValueError(f"{quantiles.shape[1]} quantile columns for {len(dists)} parameters")
    out = np.empty(quantiles.shape)
    for j, dist in enumerate(dists):
        out[:, j] = dist.ppf(quantiles[:, j])
    return out

"""Variance-based (Sobol) sensitivity indices through SALib.

Saltelli's sampling scheme as implemented by SALib (Saltelli 2002; Saltelli et al.
2010, with the Jansen estimator of total effects) on a scrambled Sobol sequence:
``N (d + 2)`` model runs give first-order indices ``S1`` (share of output variance
explained by one input alone) and total-order indices ``ST`` (including all its
interactions), with bootstrap confidence intervals. Inputs are sampled in quantile
space ``[0, 1]^d`` and mapped through each number's quantile function, so the
indices refer to the numbers' stated distributions, not to uniform stand-ins.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from parley.uncertainty.chunks import ChunkResult, plan_rows


@dataclass(frozen=True)
class SobolIndices:
    """Indices of one output: per input ``S1``, ``ST`` and their confidence half-widths."""

    output: str
    names: tuple[str, ...]
    s1: np.ndarray
    s1_conf: np.ndarray
    st: np.ndarray
    st_conf: np.ndarray
    variance: float

    def to_dict(self) -> dict[str, Any]:
        """JSON form (``null`` indices when the output does not vary)."""
        def clean(x: float) -> float | None:
            return float(x) if np.isfinite(x) else None

        return {"output": self.output, "variance": self.variance,
                "indices": [{"parameter": n, "S1": clean(a), "S1_conf": clean(b),
                             "ST": clean(c), "ST_conf": clean(d)}
                            for n, a, b, c, d in zip(self.names, self.s1, self.s1_conf,
                                                     self.st, self.st_conf, strict=True)]}


def saltelli_points(n_params: int, n_base: int, seed: int) -> np.ndarray:
    """The ``n_base * (n_params + 2)`` Saltelli points in ``[0, 1]^d`` (``n_base`` a power
    of 2)."""
    from SALib.sample import sobol as sample  # type: ignore[import-untyped]

    if n_base < 2 or n_base & (n_base - 1):
        raise ValueError("the Sobol base sample size must be a power of 2 (at least 2)")
    problem = {"num_vars": n_params, "names": [f"x{j}" for j in range(n_params)],
               "bounds": [[0.0, 1.0]] * n_params}
    return np.asarray(sample.sample(problem, n_base, calc_second_order=False, seed=seed))


def analyze(names: tuple[str, ...], outputs: dict[str, np.ndarray],
            seed: int) -> list[SobolIndices]:
    """Indices of each output column evaluated at :func:`saltelli_points`."""
    from SALib.analyze import sobol as sobol_analyze  # type: ignore[import-untyped]

    problem = {"num_vars": len(names), "names": list(names),
               "bounds": [[0.0, 1.0]] * len(names)}
    out = []
    nan = np.full(len(names), np.nan)
    for key, y in outputs.items():
        y = np.asarray(y, dtype=float)
        var = float(y.var())
        if not var > 0:
            out.append(SobolIndices(key, names, nan, nan, nan, nan, 0.0))
            continue
        si = sobol_analyze.analyze(problem, y, calc_second_order=False, seed=seed)
        out.append(SobolIndices(key, names, np.asarray(si["S1"]), np.asarray(si["S1_conf"]),
                                np.asarray(si["ST"]), np.asarray(si["ST_conf"]), var))
    return out


def sobol_indices(func: Callable[[np.ndarray], dict[str, np.ndarray]], names: tuple[str, ...],
                  n_base: int = 256, seed: int = 0) -> list[SobolIndices]:
    """Sobol indices of a function of quantiles ``(n, d) -> {output: (n,)}``."""
    points = saltelli_points(len(names), n_base, seed)
    return analyze(names, func(points), seed)


def scenario_outputs(compiled_ids: tuple[str, ...], result: ChunkResult) -> dict[str, np.ndarray]:
    """The key outputs of a scenario run: each proposal's smallest margin, the ZOPA
    size and the Nash product (0 when the ZOPA is empty)."""
    out = {f"min_margin.{pid}": result.min_margin[:, j] for j, pid in enumerate(compiled_ids)}
    out["zopa_size"] = result.zopa_size.astype(float)
    out["nash_product"] = result.nash_product
    return out


def scenario_sobol(compiled: Any, n_base: int = 64, seed: int = 0, **run: Any
                   ) -> list[SobolIndices]:
    """Sobol indices of the key outputs over the scenario's uncertain numbers.

    ``run`` is passed to :func:`parley.uncertainty.montecarlo.run_specs` (``workers``,
    ``client``, ``progress``).
    """
    from parley.uncertainty.montecarlo import run_specs

    names = tuple(p.path for p in compiled.params)
    points = saltelli_points(len(names), n_base, seed)
    result, _ = run_specs(compiled, plan_rows(points), **run)
    return analyze(names, scenario_outputs(compiled.proposal_ids, result), seed)

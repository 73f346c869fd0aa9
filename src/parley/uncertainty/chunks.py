"""Chunks of samples: the unit of work sent to a process or a cluster worker.

A chunk covers samples ``start..stop-1``. Its outputs depend only on the compiled
scenario, the seed and those indices (see :func:`parley.uncertainty.sampling.sample_generator`),
so any split of the samples over any number of workers gives the same results.
Chunks of explicit quantile rows (Sobol points) work the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from parley.bargaining.solutions import SOLUTIONS
from parley.uncertainty.compiled import Compiled
from parley.uncertainty.sampling import draw_quantiles, to_values

#: Samples per chunk unless told otherwise (fixed, so results never depend on it anyway).
CHUNK_SIZE = 100


@dataclass(frozen=True)
class ChunkSpec:
    """Samples ``start..stop-1``: drawn from ``seed``, or taken from ``quantiles`` rows."""

    index: int
    start: int
    stop: int
    seed: int | None = None
    quantiles: np.ndarray | None = None


@dataclass(frozen=True, eq=False)
class ChunkResult:
    """Outputs of a chunk's samples, one row per sample."""

    index: int
    start: int
    stop: int
    acceptable: np.ndarray  # (n, n_proposals) bool
    min_margin: np.ndarray  # (n, n_proposals)
    zopa_size: np.ndarray  # (n,)
    solutions: dict[str, np.ndarray]  # name -> (n,) package codes, -1 if none
    nash_product: np.ndarray  # (n,)

    def columns(self) -> dict[str, np.ndarray]:
        """Flat named columns (for Parquet)."""
        out: dict[str, np.ndarray] = {"sample": np.arange(self.start, self.stop)}
        for j in range(self.acceptable.shape[1]):
            out[f"acceptable_{j}"] = self.acceptable[:, j]
            out[f"min_margin_{j}"] = self.min_margin[:, j]
        out["zopa_size"] = self.zopa_size
        out.update({f"solution_{k}": v for k, v in self.solutions.items()})
        out["nash_product"] = self.nash_product
        return out

    @classmethod
    def from_columns(cls, index: int, cols: dict[str, np.ndarray],
                     n_proposals: int) -> ChunkResult:
        """Inverse of :meth:`columns`."""
        sample = np.asarray(cols["sample"])
        start, stop = int(sample[0]), int(sample[-1]) + 1
        acc = np.stack([np.asarray(cols[f"acceptable_{j}"], dtype=bool)
                        for j in range(n_proposals)], axis=1).reshape(-1, n_proposals)
        mar = np.stack([np.asarray(cols[f"min_margin_{j}"], dtype=float)
                        for j in range(n_proposals)], axis=1).reshape(-1, n_proposals)
        return cls(index, start, stop, acc, mar, np.asarray(cols["zopa_size"], dtype=np.int64),
                   {k: np.asarray(cols[f"solution_{k}"], dtype=np.int64) for k in SOLUTIONS},
                   np.asarray(cols["nash_product"], dtype=float))


def plan(samples: int, chunk_size: int = CHUNK_SIZE, seed: int | None = None) -> list[ChunkSpec]:
    """Split ``samples`` draws into chunks."""
    if samples < 1 or chunk_size < 1:
        raise ValueError("samples and chunk size must be positive")
    return [ChunkSpec(k, start, min(samples, start + chunk_size), seed)
            for k, start in enumerate(range(0, samples, chunk_size))]


def plan_rows(quantiles: np.ndarray, chunk_size: int = CHUNK_SIZE) -> list[ChunkSpec]:
    """Chunks of explicit quantile rows (e.g. Sobol points)."""
    n = quantiles.shape[0]
    return [ChunkSpec(k, start, min(n, start + chunk_size),
                      quantiles=quantiles[start:min(n, start + chunk_size)])
            for k, start in enumerate(range(0, n, chunk_size))]


def run_chunk(compiled: Compiled, spec: ChunkSpec) -> ChunkResult:
    """Evaluate every sample of one chunk."""
    d = len(compiled.params)
    if spec.quantiles is not None:
        q = spec.quantiles
    elif spec.seed is not None:
        q = draw_quantiles(spec.seed, spec.start, spec.stop, d)
    else:
        raise ValueError("a chunk needs a seed or quantile rows")
    theta = to_values(compiled.dists, q) if d else np.zeros((spec.stop - spec.start, 0))
    n, m = theta.shape[0], compiled.proposals.shape[0]
    acc = np.zeros((n, m), dtype=bool)
    mar = np.zeros((n, m))
    zopa = np.zeros(n, dtype=np.int64)
    sols = {name: np.full(n, -1, dtype=np.int64) for name in SOLUTIONS}
    prod = np.zeros(n)
    for r in range(n):
        out = compiled.evaluate(theta[r])
        acc[r], mar[r], zopa[r], prod[r] = (out.acceptable, out.min_margin, out.zopa_size,
                                            out.nash_product)
        for name, code in out.solutions.items():
            sols[name][r] = code
    return ChunkResult(spec.index, spec.start, spec.stop, acc, mar, zopa, sols, prod)


def merge(results: list[ChunkResult]) -> ChunkResult:
    """Concatenate chunk results in sample order."""
    results = sorted(results, key=lambda r: r.start)
    return ChunkResult(
        -1, results[0].start, results[-1].stop,
        np.concatenate([r.acceptable for r in results]),
        np.concatenate([r.min_margin for r in results]),
        np.concatenate([r.zopa_size for r in results]),
        {k: np.concatenate([r.solutions[k] for r in results]) for k in SOLUTIONS},
        np.concatenate([r.nash_product for r in results]))

"""Monte Carlo over the uncertain numbers of a scenario.

For each draw the full bargaining analysis is repeated on the compiled scenario:
which named proposals every required party (veto players and triggered ratifiers)
accepts, the ZOPA, its frontier and the bargaining solutions on it (the same code as
:func:`parley.analyze`). The run reports, for every proposal, the share of draws in
which it is acceptable; the share with an empty ZOPA; and how often each package is
the Nash, Kalai–Smorodinsky, ... solution.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from parley.bargaining.solutions import SOLUTIONS
from parley.scenario.model import Scenario
from parley.uncertainty.chunks import CHUNK_SIZE, ChunkResult, ChunkSpec, merge, plan, run_chunk
from parley.uncertainty.compiled import Compiled, compile_scenario
from parley.uncertainty.parallel import connect, default_workers, run_dask, run_local
from parley.uncertainty.store import ChunkStore, fingerprint

Progress = Callable[[int, int], None]


def _summary(x: np.ndarray) -> dict[str, float]:
    return {"mean": float(x.mean()), "p05": float(np.quantile(x, 0.05)),
            "median": float(np.median(x)), "p95": float(np.quantile(x, 0.95))}


def frequency(compiled: Compiled, codes: np.ndarray) -> list[dict[str, Any]]:
    """``[{package, share}]`` of the package codes (``-1``, no solution, left out),
    most frequent first, ties by code."""
    n = codes.size
    found = codes[codes >= 0]
    if found.size == 0:
        return []
    uniq, counts = np.unique(found, return_counts=True)
    order = np.lexsort((uniq, -counts))
    return [{"package": compiled.decode(int(uniq[k])), "share": float(counts[k] / n)}
            for k in order]


@dataclass(frozen=True, eq=False)
class MonteCarloResult:
    """Per-sample outputs of a Monte Carlo run and their summary (``to_dict``)."""

    compiled: Compiled
    samples: int
    seed: int
    outputs: ChunkResult
    workers: int
    backend: str
    resumed_chunks: int = 0

    def p_acceptable(self) -> dict[str, float]:
        """Share of draws in which each proposal is acceptable."""
        acc = self.outputs.acceptable
        return {pid: float(acc[:, j].mean())
                for j, pid in enumerate(self.compiled.proposal_ids)}

    def to_dict(self) -> dict[str, Any]:
        """The JSON document (``parley uncertainty --format json``)."""
        c, o = self.compiled, self.outputs
        proposals = {}
        for j, spec in enumerate(c.scenario.proposals):
            proposals[spec.id] = {"name": spec.name,
                                  "p_acceptable": float(o.acceptable[:, j].mean()),
                                  "min_margin": _summary(o.min_margin[:, j])}
        solutions = {name: frequency(c, o.solutions[name]) for name in SOLUTIONS}
        zopa = o.zopa_size
        return {
            "scenario": c.scenario.id,
            "samples": self.samples,
            "seed": self.seed,
            "method": c.method,
            "parameters": [p.to_dict() for p in c.params],
            "proposals": proposals,
            "p_zopa_empty": float((o.solutions["nash"] < 0).mean()),
            "zopa_size": _summary(zopa.astype(float)) if (zopa >= 0).all() else None,
            "nash_product": _summary(o.nash_product),
            "nash_frequency": solutions["nash"],
            "ks_frequency": solutions["kalai_smorodinsky"],
            "solution_frequency": solutions,
            "run": {"workers": self.workers, "backend": self.backend,
                    "resumed_chunks": self.resumed_chunks},
        }


def run_specs(compiled: Compiled, specs: list[ChunkSpec], *, workers: int | None = None,
              client: Any = None, store: ChunkStore | None = None,
              progress: Progress | None = None, retries: int = 3,
              task: Callable[[Compiled, ChunkSpec], ChunkResult] = run_chunk
              ) -> tuple[ChunkResult, int]:
    """Run chunks (skipping those in ``store``), returning merged outputs and how many
    chunks came from the store."""
    done: list[ChunkResult] = []
    todo = []
    for spec in specs:
        old = store.read(spec) if store is not None else None
        if old is None:
            todo.append(spec)
        else:
            done.append(old)
    resumed = len(done)
    total = sum(s.stop - s.start for s in specs)

    def finished(result: ChunkResult) -> None:
        if store is not None:
            store.write(result)
        done.append(result)
        if progress is not None:
            progress(sum(r.stop - r.start for r in done), total)

    if progress is not None:
        progress(sum(r.stop - r.start for r in done), total)
    if todo:
        if client is not None:
            run_dask(compiled, todo, client, finished, retries=retries, task=task)
        else:
            run_local(compiled, todo, default_workers() if workers is None else workers,
                      finished)
    return merge(done), resumed


def monte_carlo(scenario: Scenario | Compiled, samples: int = 1000, seed: int = 0, *,
                workers: int | None = None, cluster: Any = None,
                store: Path | str | None = None, resume: bool = False,
                chunk_size: int = CHUNK_SIZE, progress: Progress | None = None,
                retries: int = 3) -> MonteCarloResult:
    """Monte Carlo over the scenario's uncertain numbers.

    Parameters
    ----------
    scenario:
        A loaded scenario, or one already compiled with :func:`compile_scenario`.
    samples, seed:
        Number of draws and the seed; the results depend on nothing else.
    workers:
        Local worker processes (default: all cores; 1 runs in this process).
    cluster:
        Run on Dask instead: a scheduler address, a cluster object or a ``Client``.
    store:
        Directory where each finished chunk is written as Parquet.
    resume:
        Reuse chunks of the same run already in ``store``.
    """
    compiled = scenario if isinstance(scenario, Compiled) else compile_scenario(scenario)
    specs = plan(samples, chunk_size, seed)
    chunk_store = None
    if store is not None:
        chunk_store = ChunkStore(store, fingerprint(compiled, seed, samples, chunk_size),
                                 compiled.proposals.shape[0])
    reader = chunk_store if resume else None
    client, own = (None, False) if cluster is None else connect(cluster)
    n_workers = (len(client.scheduler_info()["workers"]) if client is not None
                 else (workers or default_workers()))
    try:
        if reader is None and chunk_store is not None:
            outputs, resumed = _run_fresh(compiled, specs, workers, client, chunk_store,
                                          progress, retries)
        else:
            outputs, resumed = run_specs(compiled, specs, workers=workers, client=client,
                                         store=reader, progress=progress, retries=retries)
    finally:
        if own and client is not None:
            client.close()
    backend = "dask" if client is not None else ("local" if (workers or default_workers()) > 1
                                                  else "serial")
    return MonteCarloResult(compiled, samples, seed, outputs, n_workers, backend, resumed)


def _run_fresh(compiled: Compiled, specs: list[ChunkSpec], workers: int | None, client: Any,
               store: ChunkStore, progress: Progress | None,
               retries: int) -> tuple[ChunkResult, int]:
    """Run every chunk (ignoring stored ones) and write each to ``store``."""

    class _WriteOnly(ChunkStore):
        def read(self, spec: ChunkSpec) -> ChunkResult | None:
            return None

    writer = _WriteOnly(store.directory, store.run, store.n_proposals)
    return run_specs(compiled, specs, workers=workers, client=client, store=writer,
                     progress=progress, retries=retries)

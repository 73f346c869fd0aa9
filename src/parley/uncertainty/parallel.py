"""Running chunks: in this process, on local processes, or on a Dask cluster.

All three give the same results (each chunk is a pure function of the compiled
scenario and its spec); they differ in where the work runs. Results stream back
as chunks finish (``on_done`` is called once per chunk, in completion order).
On Dask every chunk is submitted with ``retries``: a chunk whose worker dies is
rescheduled on another worker by the scheduler.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any

from parley.uncertainty.chunks import ChunkResult, ChunkSpec, run_chunk
from parley.uncertainty.compiled import Compiled

OnDone = Callable[[ChunkResult], None]

_COMPILED: Compiled | None = None


def default_workers() -> int:
    """Local worker processes by default: every core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _init(compiled: Compiled) -> None:
    global _COMPILED
    _COMPILED = compiled


def _run_global(spec: ChunkSpec) -> ChunkResult:
    assert _COMPILED is not None
    return run_chunk(_COMPILED, spec)


def run_local(compiled: Compiled, specs: list[ChunkSpec], workers: int,
              on_done: OnDone) -> None:
    """Run ``specs`` on ``workers`` local processes (1: in this process)."""
    if workers <= 1 or len(specs) <= 1:
        for spec in specs:
            on_done(run_chunk(compiled, spec))
        return
    with ProcessPoolExecutor(max_workers=min(workers, len(specs)), initializer=_init,
                             initargs=(compiled,)) as pool:
        futures = [pool.submit(_run_global, spec) for spec in specs]
        for fut in as_completed(futures):
            on_done(fut.result())


def connect(cluster: Any) -> tuple[Any, bool]:
    """A ``distributed.Client`` for ``cluster`` and whether we created it.

    ``cluster`` is a scheduler address (``tcp://host:8786``), a Dask cluster object
    (``LocalCluster``, ``dask_jobqueue.SLURMCluster``, ``dask_kubernetes`` clusters:
    anything a ``Client`` accepts), or a ``Client`` already connected.
    """
    from distributed import Client

    if isinstance(cluster, Client):
        return cluster, False
    return Client(cluster), True


def run_dask(compiled: Compiled, specs: list[ChunkSpec], client: Any, on_done: OnDone,
             *, retries: int = 3, task: Callable[[Compiled, ChunkSpec], ChunkResult] = run_chunk
             ) -> None:
    """Run ``specs`` on a Dask cluster through ``client``, streaming results back."""
    from distributed import as_completed as dask_completed

    [shared] = client.scatter([compiled], broadcast=True, hash=False)
    futures = [client.submit(task, shared, spec, retries=retries, pure=False)
               for spec in specs]
    for fut in dask_completed(futures):
        on_done(fut.result())
        fut.release()

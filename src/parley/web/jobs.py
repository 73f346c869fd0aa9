"""A small in-process job runner: analyses run in a thread pool, progress in the database.

A run row goes ``queued`` -> ``running`` -> ``done`` or ``failed``; ``progress`` is the
share of its engines finished and ``stage`` names the one running. Requests only insert
the row and return its id; the work never happens inside a request. Runs left
``queued``/``running`` by a stopped server are marked failed at the next start.
"""

from __future__ import annotations

import json
import logging
import math
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from parley.errors import ScenarioError
from parley.web.db import AnalysisRun, ScenarioVersion, utcnow
from parley.web.engines import ENGINES
from parley.web.validation import ScenarioCache

log = logging.getLogger("parley.web.jobs")


def _jsonable(doc: Any) -> Any:
    """Replace non-finite floats (not valid JSON, refused by PostgreSQL) with None."""
    if isinstance(doc, float):
        return doc if math.isfinite(doc) else None
    if isinstance(doc, dict):
        return {str(k): _jsonable(v) for k, v in doc.items()}
    if isinstance(doc, list | tuple):
        return [_jsonable(v) for v in doc]
    return doc


class TooManyRuns(Exception):
    """The user already has the most unfinished runs allowed."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(f"you already have {limit} unfinished analysis runs; wait for one "
                         "to finish")


class JobRunner:
    """Runs analysis rows in a pool of ``workers`` threads."""

    def __init__(self, sessions: sessionmaker[Session], cache: ScenarioCache,
                 workers: int = 2) -> None:
        self.sessions = sessions
        self.cache = cache
        self.workers = max(1, workers)
        self._pool: ThreadPoolExecutor | None = None
        self._futures: dict[int, Future[None]] = {}
        self._lock = threading.Lock()

    def _executor(self) -> ThreadPoolExecutor:
        """The thread pool, started on first use (and again after a shutdown)."""
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=self.workers,
                                                thread_name_prefix="parley-job")
            return self._pool

    def recover(self) -> int:
        """Mark runs a previous process left unfinished as failed; return how many."""
        with self.sessions() as db:
            result = db.execute(
                update(AnalysisRun).where(AnalysisRun.status.in_(("queued", "running")))
                .values(status="failed", error="the server stopped before the run finished",
                        finished_at=utcnow()))
            db.commit()
            return int(getattr(result, "rowcount", 0) or 0)

    def enqueue(self, db: Session, *, scenario_id: int, version_id: int, user_id: int,
                engines: list[str], limit: int,
                options: dict[str, Any] | None = None) -> AnalysisRun:
        """Insert a queued run row and submit it; TooManyRuns if the user has ``limit``
        runs queued or running already (one user cannot fill the pool). ``options`` maps
        engine names to their request options (negotiation, tournament)."""
        active = db.scalar(select(func.count()).select_from(AnalysisRun).where(
            AnalysisRun.requested_by == user_id,
            AnalysisRun.status.in_(("queued", "running"))))
        if (active or 0) >= limit:
            raise TooManyRuns(limit)
        run = AnalysisRun(scenario_id=scenario_id, version_id=version_id,
                          requested_by=user_id, engines=list(dict.fromkeys(engines)),
                          options=options or None, status="queued", progress=0.0, stage="queued")
        db.add(run)
        db.commit()
        self.submit(run.id)
        return run

    def submit(self, run_id: int) -> None:
        """Queue the run with this id."""
        future = self._executor().submit(self._run, run_id)
        with self._lock:
            self._futures[run_id] = future
        future.add_done_callback(lambda _f: self._forget(run_id))

    def _forget(self, run_id: int) -> None:
        with self._lock:
            self._futures.pop(run_id, None)

    def wait(self, run_id: int, timeout: float | None = None) -> None:
        """Block until the run finishes (for tests and the CLI)."""
        with self._lock:
            future = self._futures.get(run_id)
        if future is not None:
            future.result(timeout=timeout)

    def shutdown(self) -> None:
        """Wait for running jobs and stop the threads (a later submit starts new ones).

        Queued runs that had not started are cancelled and stay ``queued`` until the
        next start marks them failed.
        """
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def _update(self, run_id: int, **values: Any) -> None:
        with self.sessions() as db:
            db.execute(update(AnalysisRun).where(AnalysisRun.id == run_id).values(**values))
            db.commit()

    def _reporter(self, run_id: int, k: int, n: int) -> Callable[[float], None]:
        """Progress of engine ``k`` of ``n``, written at most every 2% of the run."""
        last = [-1.0]

        def report(fraction: float) -> None:
            overall = (k + min(1.0, max(0.0, fraction))) / n
            if overall - last[0] >= 0.02:
                last[0] = overall
                self._update(run_id, progress=round(overall, 4))

        return report

    def _run(self, run_id: int) -> None:
        try:
            with self.sessions() as db:
                run = db.get(AnalysisRun, run_id)
                if run is None:
                    return
                version = db.get(ScenarioVersion, run.version_id)
                assert version is not None
                text, digest, engines = version.yaml_text, version.content_hash, list(
                    run.engines)
                options = dict(run.options or {})
            self._update(run_id, status="running", started_at=utcnow(), stage="compiling")
            scenario = self.cache.get(text, digest)
            result: dict[str, Any] = {}
            n = len(engines)
            for k, name in enumerate(engines):
                self._update(run_id, stage=name, progress=k / n)
                result[name] = _jsonable(ENGINES[name].execute(
                    scenario, 0, self._reporter(run_id, k, n), options.get(name)))
            json.dumps(result, allow_nan=False)
            self._update(run_id, status="done", progress=1.0, stage="done", result=result,
                         finished_at=utcnow())
        except ScenarioError as err:
            self._update(run_id, status="failed", error=str(err), finished_at=utcnow())
        except Exception as exc:  # the run fails, the server goes on
            log.exception("analysis run %s failed", run_id)
            self._update(run_id, status="failed", error=f"{type(exc).__name__}: {exc}",
                         finished_at=utcnow())

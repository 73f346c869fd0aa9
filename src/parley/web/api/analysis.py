"""Background analysis runs and the quick what-if analysis."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import select

from parley.errors import Problem, ScenarioError
from parley.web.api.common import READ_ERRORS, WRITE_ERRORS, PathId, run_out
from parley.web.db import AnalysisRun, ScenarioVersion
from parley.web.deps import DB, Caller, User, get_cache
from parley.web.engines import plan
from parley.web.schemas import (
    ErrorOut,
    ProblemsOut,
    RunCreate,
    RunOut,
    StrategyOut,
    WhatIf,
)
from parley.web.store import get_readable, get_version
from parley.web.whatif import what_if

router = APIRouter(tags=["analysis"])


@router.post("/scenarios/{scenario_id}/runs", response_model=RunOut, status_code=202,
             responses=WRITE_ERRORS)
def start_run(scenario_id: PathId, body: RunCreate, db: DB, who: User,
              request: Request) -> RunOut:
    """Queue a background analysis; poll ``GET /api/runs/{id}`` for progress and result."""
    row = get_readable(db, scenario_id, who)
    version = get_version(db, row, body.version)
    scenario = get_cache(request).get(version.yaml_text, version.content_hash)
    options = {name: opts.model_dump() for name, opts in
               (("negotiation", body.negotiation), ("tournament", body.tournament))
               if opts is not None}
    engines = plan(scenario, body.engines, options)
    run = request.app.state.jobs.enqueue(
        db, scenario_id=row.id, version_id=version.id, user_id=who.id, engines=engines,
        limit=request.app.state.settings.max_active_runs, options=options)
    return run_out(run, version.number)


@router.get("/scenarios/{scenario_id}/runs", response_model=list[RunOut],
            responses=READ_ERRORS)
def list_runs(scenario_id: PathId, db: DB, who: Caller) -> list[RunOut]:
    """The scenario's runs, newest first (without results)."""
    row = get_readable(db, scenario_id, who)
    pairs = db.execute(select(AnalysisRun, ScenarioVersion.number)
                       .join(ScenarioVersion, ScenarioVersion.id == AnalysisRun.version_id)
                       .where(AnalysisRun.scenario_id == row.id)
                       .order_by(AnalysisRun.id.desc())).all()
    return [run_out(run, number, with_result=False) for run, number in pairs]


@router.get("/runs/{run_id}", response_model=RunOut, responses=READ_ERRORS)
def get_run(run_id: PathId, db: DB, who: Caller) -> RunOut:
    """A run's status and progress, and its result once done."""
    run = db.get(AnalysisRun, run_id)
    if run is None:
        raise HTTPException(404, f"no run {run_id}")
    get_readable(db, run.scenario_id, who)
    version = db.get(ScenarioVersion, run.version_id)
    assert version is not None
    return run_out(run, version.number)


@router.post("/scenarios/{scenario_id}/whatif", responses={
    **READ_ERRORS, 422: {"model": ProblemsOut, "description": "Unknown party or issue, or a "
                                                             "bad number"},
    413: {"model": ErrorOut, "description": "Request body over the size limit"}})
async def whatif(scenario_id: PathId, body: WhatIf, request: Request, who: Caller
                 ) -> dict[str, Any]:
    """Re-run the bargaining analysis with moved weights or reservation values (not saved).

    Answers the analysis JSON document (``parley schema analysis``) plus a ``whatif``
    member with the overrides and the time taken. Open to anyone who may read the
    scenario: nothing is written.
    """
    def work() -> dict[str, Any]:
        with request.app.state.sessions() as db:
            row = get_readable(db, scenario_id, who)
            version = get_version(db, row, body.version)
            text, digest = version.yaml_text, version.content_hash
        scenario = get_cache(request).get(text, digest)
        limit = request.app.state.settings.whatif_max_packages
        if scenario.n_packages > limit:
            raise ScenarioError([Problem(None, None, None, "", (
                f"{scenario.n_packages:,} packages is over the what-if limit of {limit:,}; "
                "start a background run instead"))])
        with request.app.state.whatif_slots:  # at most one analysis per core at a time
            return what_if(scenario, body.weights, body.reservation)

    return await run_in_threadpool(work)


@router.get("/strategies", response_model=list[StrategyOut])
def strategies() -> list[StrategyOut]:
    """The registered negotiation strategies (``parley strategies``), by name."""
    from parley.negotiation import STRATEGIES

    out = []
    for name, cls in sorted(STRATEGIES.items()):
        first = (cls.__doc__ or "").strip().split("\n\n")[0]
        out.append(StrategyOut(name=name, description=" ".join(first.split()).replace("``", ""),
                               **cls.traits()))
    return out

"""The analysis pages: live what-if, background runs with their results, the report."""

from __future__ import annotations

import threading
from collections import OrderedDict

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from parley.errors import ScenarioError
from parley.web.api.common import PathId
from parley.web.db import AnalysisRun, ScenarioVersion
from parley.web.deps import DB, get_cache
from parley.web.edit import editable_fields
from parley.web.engines import ENGINES, applicable
from parley.web.pages.common import caller, check_csrf, login_redirect, render
from parley.web.store import can_write, get_readable, get_version
from parley.web.whatif import reservation_table, weight_table

router = APIRouter()

_reports: OrderedDict[str, str] = OrderedDict()
_reports_lock = threading.Lock()
_REPORTS_KEPT = 8


@router.get("/scenarios/{scenario_id}/analysis")
def analysis_page(scenario_id: PathId, request: Request, db: DB) -> Response:
    """Live what-if: sliders for weights and reservation values, frontier chart, Nash point."""
    who = caller(request, db)
    row = get_readable(db, scenario_id, who)
    version = get_version(db, row)
    try:
        scenario = get_cache(request).get(version.yaml_text, version.content_hash)
    except ScenarioError as err:
        return render(request, "error.html", who, 422, title="Cannot analyse this scenario",
                      problems=err.problems)
    editable = {f.path for f in editable_fields(version.yaml_text)}
    bargaining = [scenario.parties[k] for k in scenario.bargaining]
    names = {p.id: p.name or p.id for p in scenario.doc.parties}
    data = {
        "scenario_id": row.id, "version": version.number,
        "parties": list(scenario.parties), "bargaining": bargaining, "names": names,
        "issues": list(scenario.issues), "weights": weight_table(scenario),
        "reservation": reservation_table(scenario),
        "editable": sorted(editable), "can_edit": can_write(row, who),
    }
    return render(request, "analysis.html", who, row=row, version=version, data=data,
                  scenario=scenario, names=names, bargaining=bargaining)


@router.get("/scenarios/{scenario_id}/runs")
def runs_page(scenario_id: PathId, request: Request, db: DB) -> Response:
    """The scenario's background runs and a form to start one."""
    who = caller(request, db)
    row = get_readable(db, scenario_id, who)
    pairs = db.execute(select(AnalysisRun, ScenarioVersion.number)
                       .join(ScenarioVersion, ScenarioVersion.id == AnalysisRun.version_id)
                       .where(AnalysisRun.scenario_id == row.id)
                       .order_by(AnalysisRun.id.desc())).all()
    version = get_version(db, row)
    try:
        names = applicable(get_cache(request).get(version.yaml_text, version.content_hash),
                           everything=True)
    except ScenarioError:
        names = []
    engines = [(n, ENGINES[n].title, ENGINES[n].default) for n in names]
    return render(request, "runs.html", who, row=row, runs=pairs, engines=engines)


@router.post("/scenarios/{scenario_id}/runs")
async def start_run(scenario_id: PathId, request: Request, db: DB) -> Response:
    """Queue a background run of the chosen engines on the newest version."""
    who = caller(request, db)
    if who is None:
        return login_redirect(request)
    form = await request.form()
    check_csrf(request, who, form)
    row = get_readable(db, scenario_id, who)
    version = get_version(db, row)
    scenario = get_cache(request).get(version.yaml_text, version.content_hash)
    chosen = [str(e) for e in form.getlist("engine") if str(e) in ENGINES]
    engines = [e for e in (chosen or applicable(scenario)) if ENGINES[e].applies(scenario)]
    run = request.app.state.jobs.enqueue(
        db, scenario_id=row.id, version_id=version.id, user_id=who.id,
        engines=engines or ["bargaining"], limit=request.app.state.settings.max_active_runs)
    return RedirectResponse(f"/runs/{run.id}", status_code=303)


@router.get("/runs/{run_id}")
def run_page(run_id: PathId, request: Request, db: DB) -> Response:
    """A run's progress (updated live) and, once done, each engine's results."""
    who = caller(request, db)
    run = db.get(AnalysisRun, run_id)
    if run is None:
        return render(request, "error.html", who, 404, title="No such run", problems=[])
    row = get_readable(db, run.scenario_id, who)
    version = db.get(ScenarioVersion, run.version_id)
    return render(request, "run.html", who, row=row, run=run, version=version,
                  titles={n: e.title for n, e in ENGINES.items()})


@router.get("/scenarios/{scenario_id}/report.html")
async def report(scenario_id: PathId, request: Request, db: DB) -> Response:
    """The decision memo of the newest version (``parley report``), as self-contained HTML."""
    who = caller(request, db)
    row = get_readable(db, scenario_id, who)
    version = get_version(db, row)
    text, digest = version.yaml_text, version.content_hash
    samples = request.app.state.settings.report_samples
    with _reports_lock:
        cached = _reports.get(digest)
    if cached is None:
        scenario = get_cache(request).get(text, digest)

        def build() -> str:
            from parley.report import build_report, render_html

            return render_html(build_report(scenario, samples=samples))

        cached = await run_in_threadpool(build)
        with _reports_lock:
            _reports[digest] = cached
            while len(_reports) > _REPORTS_KEPT:
                _reports.popitem(last=False)
    return HTMLResponse(cached, headers={
        "Content-Disposition": f'inline; filename="scenario-{row.id}-v{version.number}.html"'})

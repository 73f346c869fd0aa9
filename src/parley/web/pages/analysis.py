"""The analysis pages: live what-if, background runs with their results, the report."""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections import OrderedDict
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from sqlalchemy import select

from parley.errors import Problem, ScenarioError
from parley.scenario.model import Scenario
from parley.web.api.common import PathId
from parley.web.db import AnalysisRun, ScenarioVersion
from parley.web.deps import DB, get_cache
from parley.web.edit import editable_fields
from parley.web.engines import ENGINES, applicable, plan
from parley.web.negotiation import negotiation_svg, strategy_names
from parley.web.pages.common import caller, posted_form, render
from parley.web.store import can_write, get_readable, get_version
from parley.web.whatif import reservation_table, weight_table

router = APIRouter()
log = logging.getLogger("parley.web.pages")

_reports: OrderedDict[str, str] = OrderedDict()
_reports_lock = threading.Lock()
_REPORTS_KEPT = 8
_charts: OrderedDict[str, str] = OrderedDict()
_charts_lock = threading.Lock()
_CHARTS_KEPT = 32


def negotiation_form(scenario: Scenario | None) -> dict[str, Any] | None:
    """What the negotiation forms need: parties (id, name), strategy names, defaults."""
    if scenario is None:
        return None
    from parley.web.negotiation import (
        DEFAULT_ROUNDS,
        DEFAULT_STRATEGY,
        TOURNAMENT_ROUNDS,
        TOURNAMENT_SEEDS,
        TOURNAMENT_STRATEGIES,
    )

    names = {p.id: p.name or p.id for p in scenario.doc.parties}
    return {"parties": [(p, names.get(p, p)) for p in scenario.parties],
            "strategies": strategy_names(), "default": DEFAULT_STRATEGY,
            # the web defaults first: the first checked one is the focal baseline
            "t_order": [*TOURNAMENT_STRATEGIES,
                        *(n for n in strategy_names() if n not in TOURNAMENT_STRATEGIES)],
            "rounds": DEFAULT_ROUNDS, "t_strategies": TOURNAMENT_STRATEGIES,
            "t_seeds": TOURNAMENT_SEEDS, "t_rounds": TOURNAMENT_ROUNDS}


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
                  scenario=scenario, names=names, bargaining=bargaining,
                  negotiation=negotiation_form(scenario))


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
    scenario: Scenario | None
    try:
        scenario = get_cache(request).get(version.yaml_text, version.content_hash)
        names = applicable(scenario, everything=True)
    except ScenarioError:
        scenario, names = None, []
    engines = [(n, ENGINES[n].title, ENGINES[n].default) for n in names
               if ENGINES[n].configure is None]
    return render(request, "runs.html", who, row=row, runs=pairs, engines=engines,
                  negotiation=negotiation_form(scenario))


@router.post("/scenarios/{scenario_id}/runs")
async def start_run(scenario_id: PathId, request: Request, db: DB) -> Response:
    """Queue a background run of the chosen engines on the newest version."""
    who, form = await posted_form(request, db)
    row = get_readable(db, scenario_id, who)
    version = get_version(db, row)
    scenario = get_cache(request).get(version.yaml_text, version.content_hash)
    chosen = [str(e) for e in form.getlist("engine") if str(e) in ENGINES]
    engines = [e for e in (chosen or applicable(scenario)) if ENGINES[e].applies(scenario)]
    run = request.app.state.jobs.enqueue(
        db, scenario_id=row.id, version_id=version.id, user_id=who.id,
        engines=engines or ["bargaining"], limit=request.app.state.settings.max_active_runs)
    return RedirectResponse(f"/runs/{run.id}", status_code=303)


def _form_options(form: Any, kind: str) -> dict[str, Any]:
    """Negotiation or tournament options from a page form, checked by the API's models."""
    from pydantic import ValidationError

    from parley.web.schemas import NegotiationOptions, TournamentOptions

    def text(key: str) -> str | None:
        value = form.get(key)
        return str(value).strip() if value is not None and str(value).strip() else None

    raw: dict[str, Any] = {}
    if kind == "negotiation":
        for key in ("protocol", "default", "rounds", "seed", "target", "mediator", "bias"):
            if (value := text(key)) is not None:
                raw[key] = value
        raw["strategies"] = {str(k)[len("strategy."):]: str(v).strip()
                             for k, v in form.multi_items()
                             if str(k).startswith("strategy.") and str(v).strip()}
        model: type[NegotiationOptions | TournamentOptions] = NegotiationOptions
    else:
        for key in ("seeds", "seed", "rounds", "pairing", "protocol"):
            if (value := text(key)) is not None:
                raw[key] = value
        chosen = [str(v) for v in form.getlist("tournament_strategy") if str(v).strip()]
        if chosen:
            raw["strategies"] = chosen
        model = TournamentOptions
    try:
        return model.model_validate(raw).model_dump()
    except ValidationError as err:
        raise ScenarioError([Problem(None, None, None, ".".join(
            [kind, *map(str, e["loc"])]), e["msg"]) for e in err.errors()]) from None


@router.post("/scenarios/{scenario_id}/runs/{kind}")
async def start_negotiation(scenario_id: PathId, kind: str, request: Request,
                            db: DB) -> Response:
    """Queue a negotiation (or tournament) run of the newest version with the form's
    protocol, strategies, rounds and seed."""
    if kind not in ("negotiation", "tournament"):
        return render(request, "error.html", None, 404, title="Not found", problems=[])
    who, form = await posted_form(request, db)
    row = get_readable(db, scenario_id, who)
    version = get_version(db, row)
    scenario = get_cache(request).get(version.yaml_text, version.content_hash)
    options = {kind: _form_options(form, kind)}
    engines = plan(scenario, None, options)
    run = request.app.state.jobs.enqueue(
        db, scenario_id=row.id, version_id=version.id, user_id=who.id, engines=engines,
        limit=request.app.state.settings.max_active_runs, options=options)
    return RedirectResponse(f"/runs/{run.id}", status_code=303)


def _chart(run: AnalysisRun) -> str | None:
    """The run's negotiation chart as sanitised inline SVG (cached by the document's hash)."""
    if not run.result or not isinstance(run.result.get("negotiation"), dict):
        return None
    doc = run.result["negotiation"]
    key = hashlib.sha256(json.dumps(doc, sort_keys=True).encode()).hexdigest()
    with _charts_lock:
        cached = _charts.get(key)
    if cached is None:
        try:
            cached = negotiation_svg(doc)
        except Exception:  # a chart that cannot be drawn must not take the page down
            log.exception("negotiation chart of run %s", run.id)
            return None
        with _charts_lock:
            _charts[key] = cached
            while len(_charts) > _CHARTS_KEPT:
                _charts.popitem(last=False)
    return cached


def _labels(request: Request, version: ScenarioVersion | None) -> dict[str, Any]:
    """Names of the parties, issues and options of a run's scenario version."""
    out: dict[str, Any] = {"parties": {}, "issues": {}, "options": {}}
    if version is None:
        return out
    try:
        scenario = get_cache(request).get(version.yaml_text, version.content_hash)
    except ScenarioError:
        return out
    out["parties"] = {p.id: p.name or p.id for p in scenario.doc.parties}
    out["issues"] = {i.id: i.name or i.id for i in scenario.doc.issues}
    out["options"] = {i.id: {o.id: o.label or o.id for o in i.options}
                      for i in scenario.doc.issues}
    return out


@router.get("/runs/{run_id}")
def run_page(run_id: PathId, request: Request, db: DB) -> Response:
    """A run's progress (updated live) and, once done, each engine's results."""
    who = caller(request, db)
    run = db.get(AnalysisRun, run_id)
    if run is None:
        return render(request, "error.html", who, 404, title="No such run", problems=[])
    row = get_readable(db, run.scenario_id, who)
    version = db.get(ScenarioVersion, run.version_id)
    chart = _chart(run) if run.status == "done" else None
    labels = _labels(request, version) if run.result else {}
    return render(request, "run.html", who, row=row, run=run, version=version,
                  titles={n: e.title for n, e in ENGINES.items()},
                  negotiation_chart=Markup(chart) if chart else None, labels=labels)


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

"""A scenario: overview with the number form, the YAML editor, history and diffs."""

from __future__ import annotations

from contextlib import suppress
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from parley.errors import Problem, ScenarioError
from parley.web.api.common import MAX_ID, PathId
from parley.web.deps import DB, get_cache
from parley.web.diff import field_changes, unified_diff
from parley.web.edit import Field, apply_edits, editable_fields
from parley.web.pages.common import caller, posted_form, render, split_problems
from parley.web.store import (
    Conflict,
    can_write,
    get_readable,
    get_version,
    get_writable,
    list_versions,
    save_version,
    set_visibility,
    user_names,
)

router = APIRouter()


def _base_version(raw: Any, latest: int) -> int:
    """The form's ``base_version`` (the newest version when missing or not a number)."""
    try:
        value = int(str(raw))
    except ValueError:
        return latest
    return value if 1 <= value <= MAX_ID else latest


def _groups(fields: list[Field]) -> list[dict[str, Any]]:
    """Fields by party: weights, option values by issue, reservation."""
    parties: dict[str, dict[str, Any]] = {}
    for f in fields:
        g = parties.setdefault(f.party, {"party": f.party, "weights": [], "values": {},
                                         "reservation": None})
        if f.kind == "weight":
            g["weights"].append(f)
        elif f.kind == "value":
            g["values"].setdefault(f.issue, []).append(f)
        else:
            g["reservation"] = f
    return list(parties.values())


def _scenario_page(request: Request, db: DB, scenario_id: PathId, *, status: int = 200,
                   submitted: dict[str, str] | None = None,
                   problems: list[Any] | None = None, notice: str = "") -> Response:
    who = caller(request, db)
    row = get_readable(db, scenario_id, who)
    version = get_version(db, row)
    scenario = None
    with suppress(ScenarioError):  # stored under older limits: still show the numbers
        scenario = get_cache(request).get(version.yaml_text, version.content_hash)
    fields = editable_fields(version.yaml_text)
    errors, general = split_problems(problems or [], [f.path for f in fields])
    owner = user_names(db, {row.owner_id}).get(row.owner_id, "?")
    return render(request, "scenario.html", who, status, row=row, version=version,
                  scenario=scenario, groups=_groups(fields), errors=errors, general=general,
                  submitted=submitted or {}, can_edit=can_write(row, who), owner=owner,
                  notice=notice)


@router.get("/scenarios/{scenario_id}")
def scenario_page(scenario_id: PathId, request: Request, db: DB, saved: int | None = None
                  ) -> Response:
    """Overview and the form for weights, option values and reservation values."""
    notice = f"Saved as version {saved}." if saved else ""
    return _scenario_page(request, db, scenario_id, notice=notice)


@router.post("/scenarios/{scenario_id}/edit")
async def edit(scenario_id: PathId, request: Request, db: DB) -> Response:
    """Save the form's numbers as a new version, or show the problems next to the fields."""
    who, form = await posted_form(request, db)
    row = get_writable(db, scenario_id, who)
    base = _base_version(form.get("base_version"), row.latest_version)
    old = get_version(db, row, base).yaml_text
    current = {f.path: f.value for f in editable_fields(old)}
    submitted = {k[2:]: str(v) for k, v in form.items() if k.startswith("f:")}
    changes: dict[str, Any] = {}
    problems = []
    for path, raw in submitted.items():
        if path not in current:
            continue
        try:
            value = float(raw)
        except ValueError:
            problems.append(Problem(None, None, None, path, f"{raw!r} is not a number"))
            continue
        if value != current[path]:
            changes[path] = value
    message = str(form.get("message", ""))[:1000] or "edited numbers"
    try:
        if problems:  # still check the numbers that parse, to show every problem at once
            try:
                get_cache(request).get(apply_edits(old, changes))
            except ScenarioError as err:
                problems += err.problems
            raise ScenarioError(problems)
        if not changes:
            return RedirectResponse(f"/scenarios/{scenario_id}", status_code=303)
        text = apply_edits(old, changes)
        saved = save_version(db, get_cache(request), who, scenario_id, text, message=message,
                             base_version=base)
    except ScenarioError as err:
        return _scenario_page(request, db, scenario_id, status=422, submitted=submitted,
                              problems=err.problems)
    except Conflict as exc:
        return _scenario_page(request, db, scenario_id, status=409, submitted=submitted,
                              notice=str(exc))
    return RedirectResponse(f"/scenarios/{scenario_id}?saved={saved.version.number}",
                            status_code=303)


@router.post("/scenarios/{scenario_id}/visibility")
async def visibility(scenario_id: PathId, request: Request, db: DB) -> Response:
    """Make the scenario public or private."""
    who, form = await posted_form(request, db)
    set_visibility(db, who, scenario_id, form.get("public") == "on")
    return RedirectResponse(f"/scenarios/{scenario_id}", status_code=303)


@router.get("/scenarios/{scenario_id}/yaml")
def yaml_page(scenario_id: PathId, request: Request, db: DB) -> Response:
    """The full YAML text, editable by the owner."""
    who = caller(request, db)
    row = get_readable(db, scenario_id, who)
    version = get_version(db, row)
    return render(request, "yaml.html", who, row=row, version=version, text=version.yaml_text,
                  problems=[], can_edit=can_write(row, who), message="")


@router.post("/scenarios/{scenario_id}/yaml")
async def save_yaml(scenario_id: PathId, request: Request, db: DB) -> Response:
    """Save edited YAML text as a new version, or list its problems with line numbers."""
    who, form = await posted_form(request, db)
    row = get_writable(db, scenario_id, who)
    text = str(form.get("yaml", "")).replace("\r\n", "\n")
    message = str(form.get("message", ""))[:1000] or "edited YAML"
    base = _base_version(form.get("base_version"), row.latest_version)
    try:
        saved = save_version(db, get_cache(request), who, scenario_id, text, message=message,
                             base_version=base)
    except (ScenarioError, Conflict) as err:
        problems = err.problems if isinstance(err, ScenarioError) else []
        version = get_version(db, row)
        return render(request, "yaml.html", who, 409 if isinstance(err, Conflict) else 422,
                      row=row, version=version, text=text, problems=problems,
                      can_edit=True, message=message,
                      conflict=str(err) if isinstance(err, Conflict) else "")
    return RedirectResponse(f"/scenarios/{scenario_id}?saved={saved.version.number}",
                            status_code=303)


@router.get("/scenarios/{scenario_id}/versions")
def history(scenario_id: PathId, request: Request, db: DB) -> Response:
    """Every version, with a form to compare two of them."""
    who = caller(request, db)
    row = get_readable(db, scenario_id, who)
    versions = list_versions(db, row)
    names = user_names(db, {v.author_id for v in versions})
    return render(request, "versions.html", who, row=row, versions=versions, names=names)


@router.get("/scenarios/{scenario_id}/diff")
def diff_page(scenario_id: PathId, request: Request, db: DB,
              a: Annotated[int, Query(ge=1, le=MAX_ID)] = 1,
              b: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None) -> Response:
    """What changed between two versions: changed fields and the unified text diff."""
    who = caller(request, db)
    row = get_readable(db, scenario_id, who)
    b = row.latest_version if b is None else b
    va, vb = get_version(db, row, a), get_version(db, row, b)
    text = unified_diff(va.yaml_text, vb.yaml_text, f"version {a}", f"version {b}")
    return render(request, "diff.html", who, row=row, a=a, b=b,
                  changes=field_changes(va.yaml_text, vb.yaml_text),
                  lines=text.splitlines())

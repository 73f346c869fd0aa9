"""Scenarios and their versions: list, get, create, duplicate, save, edit, history, diff."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from parley.web.api.common import (
    MAX_ID,
    READ_ERRORS,
    WRITE_ERRORS,
    PathId,
    VersionQuery,
    scenario_out,
    version_out,
)
from parley.web.deps import DB, Caller, User, get_cache
from parley.web.diff import field_changes, unified_diff
from parley.web.edit import apply_edits, editable_fields
from parley.web.schemas import (
    DiffOut,
    FieldChange,
    FieldOut,
    ScenarioCreate,
    ScenarioEdit,
    ScenarioMeta,
    ScenarioOut,
    ScenarioUpdate,
    VersionOut,
    VersionText,
)
from parley.web.store import (
    Conflict,
    can_write,
    create_scenario,
    duplicate,
    get_readable,
    get_version,
    get_writable,
    list_readable,
    list_versions,
    save_version,
    set_visibility,
    user_names,
)

router = APIRouter(prefix="/scenarios", tags=["scenarios"])


@router.get("", response_model=list[ScenarioOut], responses=READ_ERRORS)
def list_scenarios(db: DB, who: Caller) -> list[ScenarioOut]:
    """Scenarios the caller may read (public ones, plus their own private ones)."""
    return [scenario_out(db, row, can_edit=can_write(row, who))
            for row in list_readable(db, who)]


@router.post("", response_model=ScenarioOut, status_code=201, responses=WRITE_ERRORS)
def create(body: ScenarioCreate, db: DB, who: User, request: Request,
           response: Response) -> ScenarioOut:
    """Create a scenario from YAML text (checked exactly as ``parley validate`` does)."""
    saved = create_scenario(db, get_cache(request), who, body.yaml, message=body.message,
                            public=body.public)
    response.headers["Location"] = f"/api/scenarios/{saved.scenario.id}"
    return scenario_out(db, saved.scenario, yaml=body.yaml, can_edit=True)


@router.get("/{scenario_id}", response_model=ScenarioOut, responses=READ_ERRORS)
def get(scenario_id: PathId, db: DB, who: Caller) -> ScenarioOut:
    """A scenario with its newest version's YAML text."""
    row = get_readable(db, scenario_id, who)
    return scenario_out(db, row, yaml=get_version(db, row).yaml_text,
                        can_edit=can_write(row, who))


@router.put("/{scenario_id}", response_model=ScenarioOut, responses=WRITE_ERRORS)
def update(scenario_id: PathId, body: ScenarioUpdate, db: DB, who: User,
           request: Request) -> ScenarioOut:
    """Save new YAML text as the next version (earlier versions are kept unchanged)."""
    saved = save_version(db, get_cache(request), who, scenario_id, body.yaml,
                         message=body.message, base_version=body.base_version)
    return scenario_out(db, saved.scenario, yaml=body.yaml, can_edit=True)


@router.patch("/{scenario_id}", response_model=ScenarioOut, responses=WRITE_ERRORS)
def set_meta(scenario_id: PathId, body: ScenarioMeta, db: DB, who: User) -> ScenarioOut:
    """Make the scenario public or private."""
    row = set_visibility(db, who, scenario_id, body.public)
    return scenario_out(db, row, can_edit=True)


@router.post("/{scenario_id}/edits", response_model=ScenarioOut, responses=WRITE_ERRORS)
def edit(scenario_id: PathId, body: ScenarioEdit, db: DB, who: User,
         request: Request) -> ScenarioOut:
    """Change some weights, option values or reservation values; saves the next version.

    The numbers are replaced in place in the YAML text, so comments, sources and
    judgments are kept.
    """
    row = get_writable(db, scenario_id, who)
    if body.base_version is not None and body.base_version != row.latest_version:
        raise Conflict(row.latest_version)  # before any parsing: stale edits are cheap
    base = get_version(db, row, body.base_version)
    text = apply_edits(base.yaml_text, dict(body.changes))
    saved = save_version(db, get_cache(request), who, scenario_id, text,
                         message=body.message or "edited numbers",
                         base_version=body.base_version)
    return scenario_out(db, saved.scenario, yaml=text, can_edit=True)


@router.post("/{scenario_id}/duplicate", response_model=ScenarioOut, status_code=201,
             responses=WRITE_ERRORS)
def copy(scenario_id: PathId, db: DB, who: User, request: Request,
         version: VersionQuery = None) -> ScenarioOut:
    """Copy a scenario (newest version, or ``version``) into a new scenario of the caller."""
    saved = duplicate(db, get_cache(request), who, scenario_id, version)
    return scenario_out(db, saved.scenario, yaml=saved.version.yaml_text, can_edit=True)


@router.get("/{scenario_id}/fields", response_model=list[FieldOut], responses=READ_ERRORS)
def fields(scenario_id: PathId, db: DB, who: Caller,
           version: VersionQuery = None) -> list[FieldOut]:
    """The numbers the edit form offers: weights, option values, reservation values."""
    row = get_readable(db, scenario_id, who)
    text = get_version(db, row, version).yaml_text
    return [FieldOut(**f.to_dict()) for f in editable_fields(text)]


@router.get("/{scenario_id}/versions", response_model=list[VersionOut], responses=READ_ERRORS)
def versions(scenario_id: PathId, db: DB, who: Caller) -> list[VersionOut]:
    """Every version, newest first."""
    row = get_readable(db, scenario_id, who)
    rows = list_versions(db, row)
    names = user_names(db, {v.author_id for v in rows})
    return [version_out(v, names) for v in rows]


@router.get("/{scenario_id}/versions/{number}", response_model=VersionText,
            responses=READ_ERRORS)
def version_text(scenario_id: PathId, number: PathId, db: DB, who: Caller) -> VersionText:
    """One version with its YAML text."""
    row = get_readable(db, scenario_id, who)
    v = get_version(db, row, number)
    names = user_names(db, {v.author_id})
    return VersionText(**version_out(v, names).model_dump(), yaml=v.yaml_text)


@router.get("/{scenario_id}/diff", response_model=DiffOut, responses=READ_ERRORS)
def diff(scenario_id: PathId, db: DB, who: Caller, a: Annotated[int, Query(ge=1, le=MAX_ID)],
         b: Annotated[int, Query(ge=1, le=MAX_ID)]) -> DiffOut:
    """Unified diff of the YAML texts of versions ``a`` and ``b``, and the changed fields."""
    row = get_readable(db, scenario_id, who)
    va, vb = get_version(db, row, a), get_version(db, row, b)
    return DiffOut(a=a, b=b,
                   unified=unified_diff(va.yaml_text, vb.yaml_text, f"version {a}",
                                        f"version {b}"),
                   changes=[FieldChange(**c) for c in field_changes(va.yaml_text,
                                                                    vb.yaml_text)])

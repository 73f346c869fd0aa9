"""Shared response declarations and converters of the API routers."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Path, Query
from sqlalchemy.orm import Session

from parley.web.db import AnalysisRun, ScenarioRow, ScenarioVersion
from parley.web.schemas import ErrorOut, ProblemsOut, RunOut, ScenarioOut, VersionOut
from parley.web.store import user_names

#: Largest id or version number (the database columns are 32-bit integers).
MAX_ID = 2_147_483_647
#: A row id or version number in a path.
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
#: An optional version number in a query string.
VersionQuery = Annotated[int | None, Query(ge=1, le=MAX_ID)]

#: Error responses most endpoints can give (for the OpenAPI document).
READ_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "Bad bearer token"},
    404: {"model": ErrorOut, "description": "No such scenario, or it is private"},
}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **READ_ERRORS,
    401: {"model": ErrorOut, "description": "Not logged in"},
    403: {"model": ErrorOut, "description": "Not the owner, or missing CSRF token"},
    409: {"model": ErrorOut, "description": "The scenario moved past base_version"},
    413: {"model": ErrorOut, "description": "Request body over the size limit"},
    422: {"model": ProblemsOut, "description": "The scenario has problems"},
    429: {"model": ErrorOut, "description": "Too many unfinished runs of this user"},
}


def scenario_out(db: Session, row: ScenarioRow, *, yaml: str | None = None,
                 can_edit: bool = False) -> ScenarioOut:
    """API form of a scenario row."""
    names = user_names(db, {row.owner_id})
    return ScenarioOut(id=row.id, title=row.title, owner=names.get(row.owner_id),
                       public=row.is_public, latest_version=row.latest_version,
                       created_at=row.created_at, updated_at=row.updated_at, yaml=yaml,
                       can_edit=can_edit)


def version_out(v: ScenarioVersion, names: dict[int, str]) -> VersionOut:
    """API form of a version row (without text)."""
    return VersionOut(number=v.number, content_hash=v.content_hash,
                      author=names.get(v.author_id), message=v.message,
                      created_at=v.created_at)


def run_out(run: AnalysisRun, version_number: int, *, with_result: bool = True) -> RunOut:
    """API form of a run row."""
    return RunOut(id=run.id, scenario_id=run.scenario_id, version=version_number,
                  engines=list(run.engines), options=run.options, status=run.status,
                  progress=run.progress, stage=run.stage, error=run.error,
                  created_at=run.created_at, started_at=run.started_at,
                  finished_at=run.finished_at, result=run.result if with_result else None)

"""The scenario library: list, create (paste, upload, or start from the default), duplicate."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile

from parley.errors import ScenarioError
from parley.scenario import default_scenario_path
from parley.web.api.common import PathId
from parley.web.deps import DB, get_cache
from parley.web.pages.common import caller, posted_form, render, require_login
from parley.web.store import can_write, create_scenario, duplicate, list_readable, user_names

router = APIRouter()


@router.get("/")
def library(request: Request, db: DB) -> Response:
    """Every scenario the visitor may read."""
    who = caller(request, db)
    rows = list_readable(db, who)
    names = user_names(db, {r.owner_id for r in rows})
    items = [{"row": r, "owner": names.get(r.owner_id, "?"), "can_edit": can_write(r, who)}
             for r in rows]
    return render(request, "library.html", who, items=items)


@router.get("/scenarios/new")
def new_form(request: Request, db: DB) -> Response:
    """The form for a new scenario (prefilled with the bundled default)."""
    who = require_login(request, db)
    text = default_scenario_path().read_text(encoding="utf-8")
    return render(request, "new.html", who, text=text, problems=[], message="", public=True)


@router.post("/scenarios/new")
async def create(request: Request, db: DB) -> Response:
    """Validate and store a new scenario; problems are listed with their lines."""
    who, form = await posted_form(request, db)
    upload = form.get("file")
    text = str(form.get("yaml", ""))
    if isinstance(upload, UploadFile) and upload.filename:
        raw = await upload.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("utf-8", errors="replace")
    message = str(form.get("message", ""))[:1000]
    public = form.get("public") == "on"
    try:
        saved = create_scenario(db, get_cache(request), who, text, message=message,
                                public=public)
    except ScenarioError as err:
        return render(request, "new.html", who, 422, text=text, problems=err.problems,
                      message=message, public=public)
    return RedirectResponse(f"/scenarios/{saved.scenario.id}", status_code=303)


@router.post("/scenarios/{scenario_id}/duplicate")
async def copy(scenario_id: PathId, request: Request, db: DB) -> Response:
    """Copy a scenario into a new one owned by the visitor."""
    who, _ = await posted_form(request, db)
    saved = duplicate(db, get_cache(request), who, scenario_id)
    return RedirectResponse(f"/scenarios/{saved.scenario.id}", status_code=303)

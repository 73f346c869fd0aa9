"""Server-rendered pages (Jinja2, autoescaped): library, scenario, history, analysis, runs."""

from __future__ import annotations

from fastapi import APIRouter

from parley.web.pages.analysis import router as analysis_router
from parley.web.pages.auth import router as auth_router
from parley.web.pages.library import router as library_router
from parley.web.pages.scenario import router as scenario_router

router = APIRouter(include_in_schema=False)
for sub in (auth_router, library_router, scenario_router, analysis_router):
    router.include_router(sub)

__all__ = ["router"]

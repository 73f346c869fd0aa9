"""The JSON API under ``/api`` (routers by concern), described by ``/openapi.json``."""

from __future__ import annotations

from fastapi import APIRouter

from parley.web.api.account import router as account_router
from parley.web.api.analysis import router as analysis_router
from parley.web.api.scenarios import router as scenarios_router

router = APIRouter(prefix="/api")
router.include_router(account_router)
router.include_router(scenarios_router)
router.include_router(analysis_router)

__all__ = ["router"]

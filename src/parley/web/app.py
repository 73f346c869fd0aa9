"""The FastAPI application factory: ``create_app(settings)``."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from parley import __version__
from parley.errors import ScenarioError
from parley.web.db import make_engine, make_sessionmaker
from parley.web.jobs import JobRunner, TooManyRuns
from parley.web.limits import BodyLimit, SecurityHeaders
from parley.web.migrate import upgrade
from parley.web.pages.common import LoginRequired, login_redirect
from parley.web.settings import Settings
from parley.web.store import Conflict, Forbidden, NotFound
from parley.web.validation import ScenarioCache, problem_dict

HERE = Path(__file__).resolve().parent


def plotly_js_path() -> Path:
    """``plotly.min.js`` from the installed ``plotly`` package (never a CDN)."""
    import plotly  # type: ignore[import-untyped]

    return Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app: migrate the database, start the job runner, mount API and pages."""
    settings = settings or Settings()
    engine = make_engine(settings.database_url)
    upgrade(engine)
    sessions = make_sessionmaker(engine)
    cache = ScenarioCache(settings.cache_size, max_bytes=settings.max_body_bytes,
                          max_packages=settings.max_packages)
    jobs = JobRunner(sessions, cache, settings.job_workers)
    jobs.recover()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        jobs.shutdown()
        engine.dispose()

    # no /docs or /redoc: FastAPI's viewers load their scripts from a CDN, which the
    # Content-Security-Policy (and the no-CDN rule) forbids; /openapi.json is served
    app = FastAPI(title="parley", version=__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None,
                  description="Scenarios, versions and analyses of negotiated ends to wars. "
                              "Reads are public or private per scenario; writes need a "
                              "session cookie (with CSRF token) or a bearer token.")
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = sessions
    app.state.cache = cache
    app.state.jobs = jobs
    app.state.whatif_slots = threading.BoundedSemaphore(settings.whatif_concurrency)

    from parley.web.api import router as api_router
    from parley.web.pages import router as pages_router

    app.include_router(api_router)
    app.include_router(pages_router)

    @app.get("/static/plotly.min.js", include_in_schema=False)
    def plotly_js() -> Response:
        return FileResponse(plotly_js_path(), media_type="text/javascript",
                            headers={"Cache-Control": "public, max-age=86400"})

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def _error(request: Request, status: int, detail: str, **extra: Any) -> Response:
        if request.url.path.startswith("/api"):
            return JSONResponse({"detail": detail, **extra}, status)
        from parley.web.pages.common import render

        titles = {403: "Not allowed", 404: "Not found", 409: "Conflict",
                  422: "Problems found"}
        return render(request, "error.html", None, status,
                      title=titles.get(status, f"Error {status}"), detail=detail,
                      problems=extra.get("problem_objects", []))

    @app.exception_handler(ScenarioError)
    async def _problems(request: Request, exc: ScenarioError) -> Response:
        n = len(exc.problems)
        if request.url.path.startswith("/api"):
            return JSONResponse({"detail": f"{n} problem{'s' if n != 1 else ''} found",
                                 "problems": [problem_dict(p) for p in exc.problems]}, 422)
        return _error(request, 422, f"{n} problem{'s' if n != 1 else ''} found",
                      problem_objects=exc.problems)

    @app.exception_handler(LoginRequired)
    async def _login(request: Request, exc: LoginRequired) -> Response:
        return login_redirect(request)

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc: NotFound) -> Response:
        return _error(request, 404, str(exc))

    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, exc: Forbidden) -> Response:
        return _error(request, 403, str(exc))

    @app.exception_handler(TooManyRuns)
    async def _too_many(request: Request, exc: TooManyRuns) -> Response:
        return _error(request, 429, str(exc))

    @app.exception_handler(Conflict)
    async def _conflict(request: Request, exc: Conflict) -> Response:
        return _error(request, 409, str(exc), latest_version=exc.latest)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api") or request.url.path.startswith("/static"):
            return await http_exception_handler(request, exc)
        return _error(request, exc.status_code, str(exc.detail))

    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app

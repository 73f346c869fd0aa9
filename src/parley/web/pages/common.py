"""What every page needs: the template environment, the caller, CSRF checks, redirects."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session

from parley import __version__
from parley.errors import Problem
from parley.web.auth import (
    CSRF_FIELD,
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    Principal,
    csrf_ok,
    csrf_token,
    resolve_token,
)

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

#: Autoescaping on for every template, whatever its name: user text is always escaped.
ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                         undefined=jinja2.StrictUndefined, trim_blocks=True,
                         lstrip_blocks=True)


def dom_id(path: str) -> str:
    """A stable element id for a field path (``a.b[1]`` -> ``a--b-1-``)."""
    return "".join(c if c.isalnum() or c in "_-" else "-" if c in "[]" else "--"
                   for c in path)


ENV.filters["dom_id"] = dom_id


def caller(request: Request, db: Session) -> Principal | None:
    """The logged-in user of a page request (session cookie only), or None."""
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    user = resolve_token(db, token, "session")
    if user is None:
        return None
    return Principal(user.id, user.name, user.is_admin, "cookie", token)


class LoginRequired(Exception):
    """A page needs a logged-in user; the app answers with :func:`login_redirect`."""


def require_login(request: Request, db: Session) -> Principal:
    """The logged-in user, or :class:`LoginRequired` (a redirect to the login page)."""
    who = caller(request, db)
    if who is None:
        raise LoginRequired
    return who


async def posted_form(request: Request, db: Session) -> tuple[Principal, Any]:
    """The logged-in user and the posted form, its CSRF token checked (403 if wrong).

    Logged-out visitors get :class:`LoginRequired`.
    """
    who = require_login(request, db)
    form = await request.form()
    check_csrf(request, who, form)
    return who, form


def page_csrf(request: Request, who: Principal | None) -> str:
    """The CSRF token forms of this page must carry ("" when logged out)."""
    if who is None or who.session_token is None:
        return ""
    return csrf_token(request.app.state.settings.secret_key, who.session_token)


def check_csrf(request: Request, who: Principal, form: Any) -> None:
    """403 unless the form carries the session's CSRF token."""
    assert who.session_token is not None
    if not csrf_ok(request.app.state.settings.secret_key, who.session_token,
                   form.get(CSRF_FIELD)):
        raise HTTPException(403, "missing or wrong CSRF token; reload the page and retry")


def render(request: Request, template: str, who: Principal | None, status: int = 200,
           **context: Any) -> HTMLResponse:
    """Render a template with the common context (user, CSRF token, version)."""
    html = ENV.get_template(template).render(
        request=request, user=who, csrf=page_csrf(request, who), parley_version=__version__,
        **context)
    return HTMLResponse(html, status_code=status)


def login_redirect(request: Request) -> RedirectResponse:
    """Send a logged-out visitor to the login page, coming back here afterwards."""
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target, safe='/')}", status_code=303)


def new_login_csrf() -> str:
    """A random value for the login form's double-submit cookie."""
    return secrets.token_urlsafe(24)


def split_problems(problems: list[Problem], paths: list[str]) -> tuple[
        dict[str, list[str]], list[Problem]]:
    """Problems attached to form fields (by path prefix) and the rest."""
    by_field: dict[str, list[str]] = {}
    rest: list[Problem] = []
    for problem in problems:
        match = next((p for p in paths if problem.path == p
                      or problem.path.startswith(p + ".")), None)
        if match is None:
            rest.append(problem)
        else:
            by_field.setdefault(match, []).append(problem.message)
    return by_field, rest


__all__ = ["CSRF_FIELD", "LOGIN_CSRF_COOKIE", "SESSION_COOKIE", "caller", "check_csrf",
           "dom_id", "login_redirect", "new_login_csrf", "page_csrf", "render",
           "split_problems"]

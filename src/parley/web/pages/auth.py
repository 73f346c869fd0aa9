"""Login and logout pages (session cookie; the login form uses a double-submit cookie)."""

from __future__ import annotations

import datetime as dt
import hmac

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from parley.web.auth import AuthError, authenticate, issue_token, revoke_token
from parley.web.deps import DB
from parley.web.pages.common import (
    CSRF_FIELD,
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    caller,
    check_csrf,
    new_login_csrf,
    render,
)

router = APIRouter()


def _safe_next(target: str | None) -> str:
    """Only local paths: never redirect to another site after login."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def _login_page(request: Request, error: str = "", status: int = 200,
                next_url: str = "/") -> Response:
    token = request.cookies.get(LOGIN_CSRF_COOKIE) or new_login_csrf()
    response = render(request, "login.html", None, status, login_csrf=token, error=error,
                      next_url=_safe_next(next_url))
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict",
                        secure=request.app.state.settings.cookie_secure)
    return response


@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:
    """The login form."""
    return _login_page(request, next_url=next)


@router.post("/login")
async def login(request: Request, db: DB) -> Response:
    """Check name and password; start a session and go back where the user came from."""
    form = await request.form()
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    sent = str(form.get(CSRF_FIELD, ""))
    next_url = _safe_next(str(form.get("next", "/")))
    if not cookie or not hmac.compare_digest(cookie, sent):
        return _login_page(request, "The form expired; please try again.", 403, next_url)
    try:
        user = authenticate(db, str(form.get("name", "")), str(form.get("password", "")))
    except AuthError as exc:
        return _login_page(request, str(exc), 401, next_url)
    settings = request.app.state.settings
    token = issue_token(db, user, "session", label="login",
                        lifetime=dt.timedelta(days=settings.session_days))
    db.commit()
    response = RedirectResponse(next_url, status_code=303)
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="lax",
                        secure=settings.cookie_secure, max_age=settings.session_days * 86400)
    response.delete_cookie(LOGIN_CSRF_COOKIE)
    return response


@router.post("/logout")
async def logout(request: Request, db: DB) -> Response:
    """End the session."""
    who = caller(request, db)
    if who is not None:
        check_csrf(request, who, await request.form())
        assert who.session_token is not None
        revoke_token(db, who.session_token)
        db.commit()
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response

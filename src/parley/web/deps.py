"""Request dependencies: the database session, who is calling, and the CSRF check."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session

from parley.web.auth import (
    CSRF_HEADER,
    SESSION_COOKIE,
    Principal,
    csrf_ok,
    resolve_token,
)
from parley.web.settings import Settings
from parley.web.validation import ScenarioCache

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def get_db(request: Request) -> Iterator[Session]:
    """A database session for the request."""
    with request.app.state.sessions() as db:
        yield db


def get_settings(request: Request) -> Settings:
    """The app's settings."""
    settings: Settings = request.app.state.settings
    return settings


def get_cache(request: Request) -> ScenarioCache:
    """The compiled-scenario cache."""
    cache: ScenarioCache = request.app.state.cache
    return cache


DB = Annotated[Session, Depends(get_db)]


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(401, detail, headers={"WWW-Authenticate": "Bearer"})


def optional_principal(request: Request, db: DB) -> Principal | None:
    """The caller: a bearer token wins over the session cookie; a bad token is a 401."""
    header = request.headers.get("authorization")
    if header:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise _unauthorized("use 'Authorization: Bearer <token>'")
        user = resolve_token(db, token.strip(), "api")
        if user is None:
            raise _unauthorized("invalid or expired token")
        return Principal(user.id, user.name, user.is_admin, "token")
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        user = resolve_token(db, cookie, "session")
        if user is not None:
            return Principal(user.id, user.name, user.is_admin, "cookie", cookie)
    return None


Caller = Annotated[Principal | None, Depends(optional_principal)]


def require_principal(request: Request, who: Caller) -> Principal:
    """A logged-in caller (401 otherwise); cookie callers of unsafe methods need CSRF."""
    if who is None:
        raise _unauthorized("log in or send a bearer token to change anything")
    if who.via == "cookie" and request.method not in SAFE_METHODS:
        secret = request.app.state.settings.secret_key
        assert who.session_token is not None
        if not csrf_ok(secret, who.session_token, request.headers.get(CSRF_HEADER)):
            raise HTTPException(403, "missing or wrong CSRF token (X-CSRF-Token header)")
    return who


User = Annotated[Principal, Depends(require_principal)]

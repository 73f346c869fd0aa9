"""Health, the current user, and bearer tokens."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, HTTPException, Request
from sqlalchemy import text

from parley import __version__
from parley.web.api.common import READ_ERRORS
from parley.web.auth import AuthError, authenticate, issue_token
from parley.web.deps import DB, User
from parley.web.schemas import ErrorOut, Health, Me, TokenOut, TokenRequest

router = APIRouter(tags=["account"])


@router.get("/health", response_model=Health, tags=["system"])
def health(db: DB) -> Health:
    """200 when the server and its database answer."""
    db.execute(text("SELECT 1"))
    return Health(status="ok", version=__version__, database=db.get_bind().dialect.name)


@router.post("/tokens", response_model=TokenOut, status_code=201,
             responses={401: {"model": ErrorOut, "description": "Wrong name or password"}})
def create_token(body: TokenRequest, db: DB, request: Request) -> TokenOut:
    """Exchange a name and password for a bearer token (valid for a year)."""
    try:
        user = authenticate(db, body.name, body.password)
    except AuthError as exc:
        raise HTTPException(401, str(exc)) from None
    token = issue_token(db, user, "api", label=body.label or "api",
                        lifetime=dt.timedelta(days=365))
    db.commit()
    return TokenOut(token=token)


@router.get("/me", response_model=Me, responses=READ_ERRORS)
def me(who: User) -> Me:
    """Who the credentials belong to (401 without any)."""
    return Me(id=who.id, name=who.name, is_admin=who.is_admin)

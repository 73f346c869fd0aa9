"""Accounts, passwords, bearer tokens, login sessions and CSRF tokens.

* Passwords are hashed with Argon2id (argon2-cffi's defaults).
* API clients send ``Authorization: Bearer <token>``; pages use the ``parley_session``
  cookie (HttpOnly, SameSite=Lax). Both are random 256-bit tokens of which only the
  SHA-256 is stored, in ``api_tokens`` (``kind`` = ``api`` or ``session``).
* Every state-changing request authenticated by the cookie must carry a CSRF token, in the
  form field ``csrf_token`` or the ``X-CSRF-Token`` header: an HMAC of the session token
  under the server's secret key. Bearer-token requests need none (a browser never adds
  that header by itself). The login form uses a double-submit cookie instead.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from parley.web.db import ApiToken, User, utcnow

SESSION_COOKIE = "parley_session"
LOGIN_CSRF_COOKIE = "parley_login_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"

_hasher = PasswordHasher()
#: A hash to verify against when the user does not exist (same timing either way).
_DUMMY_HASH = _hasher.hash("parley-no-such-user")


class AuthError(Exception):
    """Bad name, password or token."""


@dataclass(frozen=True)
class Principal:
    """Who is making a request and how they proved it (``via``: ``token`` or ``cookie``)."""

    id: int
    name: str
    is_admin: bool
    via: str
    session_token: str | None = None


def hash_password(password: str) -> str:
    """An Argon2id hash of the password."""
    return _hasher.hash(password)


def token_digest(token: str) -> str:
    """What is stored for a token: its SHA-256 (hex)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def validate_new_account(name: str, password: str) -> None:
    """Names are 1-64 letters, digits, ``._-``; passwords at least 8 characters."""
    if not (1 <= len(name) <= 64) or not all(c.isalnum() or c in "._-" for c in name):
        raise AuthError("user names are 1-64 letters, digits, '.', '_' or '-'")
    if len(password) < 8:
        raise AuthError("passwords need at least 8 characters")


def create_user(db: Session, name: str, password: str, *, admin: bool = False) -> User:
    """Add a local account (the caller commits). Raises AuthError for a taken or bad name."""
    validate_new_account(name, password)
    if db.scalar(select(User).where(User.name == name)) is not None:
        raise AuthError(f"user {name!r} already exists")
    user = User(name=name, password_hash=hash_password(password), is_admin=admin)
    db.add(user)
    db.flush()
    return user


def authenticate(db: Session, name: str, password: str) -> User:
    """The user with this name and password, or AuthError (one message for both cases)."""
    user = db.scalar(select(User).where(User.name == name))
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        raise AuthError("wrong user name or password") from None
    if user is None:
        raise AuthError("wrong user name or password")
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def issue_token(db: Session, user: User, kind: str, *, label: str = "",
                lifetime: dt.timedelta | None = None) -> str:
    """Create a token of ``kind`` (``api`` or ``session``) and return it (shown once)."""
    token = secrets.token_urlsafe(32)
    expires = utcnow() + lifetime if lifetime is not None else None
    db.add(ApiToken(user_id=user.id, kind=kind, token_hash=token_digest(token), label=label,
                    expires_at=expires))
    return token


def revoke_token(db: Session, token: str) -> None:
    """Delete a token or session (logout)."""
    db.execute(delete(ApiToken).where(ApiToken.token_hash == token_digest(token)))


def resolve_token(db: Session, token: str, kind: str) -> User | None:
    """The user a live token of ``kind`` belongs to, or None."""
    row = db.scalar(select(ApiToken).where(ApiToken.token_hash == token_digest(token),
                                           ApiToken.kind == kind))
    if row is None:
        return None
    if row.expires_at is not None:
        expires = row.expires_at
        if expires.tzinfo is None:  # SQLite returns naive datetimes
            expires = expires.replace(tzinfo=dt.UTC)
        if expires < utcnow():
            return None
    return db.get(User, row.user_id)


def csrf_token(secret: str, session_token: str) -> str:
    """The CSRF token bound to a login session."""
    return hmac.new(secret.encode(), b"csrf:" + session_token.encode(),
                    hashlib.sha256).hexdigest()


def csrf_ok(secret: str, session_token: str, presented: str | None) -> bool:
    """Whether ``presented`` is the CSRF token of ``session_token`` (constant time)."""
    return bool(presented) and hmac.compare_digest(csrf_token(secret, session_token),
                                                   str(presented))

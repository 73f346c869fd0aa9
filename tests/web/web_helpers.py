"""Helpers of the web tests: a test client wrapper that makes users and logs in."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

warnings.filterwarnings("ignore", message=".*install `httpx2`")

from fastapi.testclient import TestClient  # noqa: E402

from parley.web import Settings, create_app  # noqa: E402
from parley.web.auth import create_user, csrf_token, issue_token  # noqa: E402

PASSWORD = "correct horse battery"


@dataclass
class Web:
    """A test client and helpers to make users and authenticated requests."""

    client: TestClient
    settings: Settings

    @property
    def app(self) -> Any:
        return self.client.app

    def user(self, name: str = "alice", *, admin: bool = False) -> dict[str, str]:
        """Create a user and return bearer-token headers for it."""
        with self.app.state.sessions() as db:
            user = create_user(db, name, PASSWORD, admin=admin)
            token = issue_token(db, user, "api")
            db.commit()
        return {"Authorization": f"Bearer {token}"}

    def login(self, name: str) -> str:
        """Log the client in through the login page; return the CSRF token of the session."""
        page = self.client.get("/login")
        assert page.status_code == 200
        csrf = self.client.cookies.get("parley_login_csrf")
        r = self.client.post("/login", data={"name": name, "password": PASSWORD,
                                             "csrf_token": csrf}, follow_redirects=False)
        assert r.status_code == 303, r.text
        session = self.client.cookies.get("parley_session")
        assert session
        return csrf_token(self.settings.secret_key, session)

    def create(self, headers: dict[str, str], text: str, public: bool = True) -> int:
        r = self.client.post("/api/scenarios", json={"yaml": text, "public": public,
                                                     "message": "first"}, headers=headers)
        assert r.status_code == 201, r.text
        return int(r.json()["id"])


def make_web(url: str) -> Iterator[Web]:
    settings = Settings(database_url=url, secret_key="test-secret", job_workers=1)
    with TestClient(create_app(settings)) as client:
        yield Web(client, settings)

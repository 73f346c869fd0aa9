"""Fixtures of the web tests: an app on a fresh SQLite file or PostgreSQL database.

PostgreSQL comes from the ``pgserver`` package (a real server in a wheel, no system
install); when it cannot start one the PostgreSQL cases are skipped with the reason.
"""

from __future__ import annotations

import itertools
import os
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
warnings.filterwarnings("ignore", message=".*install `httpx2`")

from fastapi.testclient import TestClient  # noqa: E402

from parley.scenario import default_scenario_path  # noqa: E402
from parley.web import Settings, create_app  # noqa: E402
from parley.web.auth import create_user, csrf_token, issue_token  # noqa: E402

PASSWORD = "correct horse battery"
_db_counter = itertools.count(1)


@pytest.fixture(scope="session")
def default_yaml() -> str:
    """The bundled default scenario's text."""
    return default_scenario_path().read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def small_yaml() -> str:
    """The small three-party test scenario (fast to analyse)."""
    return (Path(__file__).parents[1] / "fixtures" / "toy.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A PostgreSQL server for the session (pgserver), or a skip explaining why not."""
    try:
        import pgserver
    except ImportError:
        pytest.skip("pgserver is not installed (pip install pgserver)")
    try:
        server = pgserver.get_server(str(tmp_path_factory.mktemp("pg")), cleanup_mode="stop")
    except Exception as exc:  # pragma: no cover - depends on the machine
        pytest.skip(f"pgserver could not start PostgreSQL: {exc}")
    yield server
    server.cleanup()


def _pg_url(server: Any) -> str:
    name = f"parley_test_{os.getpid()}_{next(_db_counter)}"
    server.psql(f"CREATE DATABASE {name};")
    return str(server.get_uri(name)).replace("postgresql://", "postgresql+psycopg://", 1)


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


def _make(url: str) -> Iterator[Web]:
    settings = Settings(database_url=url, secret_key="test-secret", job_workers=1)
    with TestClient(create_app(settings)) as client:
        yield Web(client, settings)


@pytest.fixture
def web(tmp_path: Path) -> Iterator[Web]:
    """The app on a fresh SQLite file."""
    yield from _make(f"sqlite:///{tmp_path / 'parley.db'}")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_web(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Web]:
    """The app on a fresh SQLite file and on a fresh PostgreSQL database."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'parley.db'}"
    else:
        url = _pg_url(request.getfixturevalue("pg_server"))
    yield from _make(url)

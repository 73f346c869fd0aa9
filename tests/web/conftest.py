"""Fixtures of the web tests: an app on a fresh SQLite file or PostgreSQL database.

PostgreSQL is the server named by ``PARLEY_TEST_POSTGRES_URL`` (a superuser URL; CI's
``.ci/run`` installs Debian's PostgreSQL, starts it and sets the variable), else one
started from the ``pgserver`` package (a real server in a wheel, no system install).
When neither is available the PostgreSQL cases are skipped with the reason; when the
variable is set but the server cannot be reached, they fail.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from parley.scenario import default_scenario_path

try:
    from web_helpers import Web, make_web
except ImportError:  # the 'web' extra is not installed: nothing here can run
    collect_ignore_glob = ["test_*.py"]

_db_counter = itertools.count(1)


@pytest.fixture(scope="session")
def default_yaml() -> str:
    """The bundled default scenario's text."""
    return default_scenario_path().read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def small_yaml() -> str:
    """The small three-party test scenario (fast to analyse)."""
    return (Path(__file__).parents[1] / "fixtures" / "toy.yaml").read_text(encoding="utf-8")


class ExternalServer:
    """A running PostgreSQL server reached by a superuser URL (``PARLEY_TEST_POSTGRES_URL``).

    Offers the two pgserver methods the fixtures use: ``psql`` and ``get_uri``.
    """

    def __init__(self, url: str) -> None:
        import psycopg
        from sqlalchemy.engine import make_url

        self.url = make_url(url)
        with psycopg.connect(self._libpq(self.url.database or "postgres"),
                             autocommit=True) as conn:
            conn.execute("SELECT 1")

    def _libpq(self, database: str) -> str:
        return self.url.set(drivername="postgresql", database=database).render_as_string(
            hide_password=False)

    def psql(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self._libpq(self.url.database or "postgres"),
                             autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def get_uri(self, database: str) -> str:
        return self._libpq(database)

    def drop_test_databases(self) -> None:
        """Drop the databases this test process created (``parley_test_<pid>_<n>``)."""
        import psycopg

        with psycopg.connect(self._libpq(self.url.database or "postgres"),
                             autocommit=True) as conn:
            names = [r[0] for r in conn.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s",
                (f"parley_test_{os.getpid()}_%",))]
            for name in names:
                conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A PostgreSQL server for the session: the external one named by
    ``PARLEY_TEST_POSTGRES_URL``, else pgserver, else a skip explaining why not."""
    external = os.environ.get("PARLEY_TEST_POSTGRES_URL")
    if external:
        server = ExternalServer(external)  # a configured server that fails is an error
        yield server
        server.drop_test_databases()
        return
    try:
        import pgserver
    except ImportError:
        pytest.skip("pgserver is not installed (pip install pgserver)")
    server = None
    errors = []
    for _ in range(3):  # a loaded machine can make the first start time out
        try:
            server = pgserver.get_server(str(tmp_path_factory.mktemp("pg")),
                                         cleanup_mode="stop")
            break
        except Exception as exc:  # pragma: no cover - depends on the machine
            errors.append(f"{type(exc).__name__}: {exc}")
    if server is None:  # pragma: no cover
        pytest.skip(f"pgserver could not start PostgreSQL: {'; '.join(errors)}")
    yield server
    try:  # an immediate stop: the default smart shutdown waits seconds for idle sockets
        from pgserver._commands import pg_ctl

        pg_ctl(["-m", "immediate", "-w", "stop"], pgdata=server.pgdata,
               user=server.system_user)
    except Exception:  # pragma: no cover - private API moved: the normal stop below
        pass
    server.cleanup()


@pytest.fixture(autouse=True)
def _cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2id with test-sized cost (the production parameters take ~0.1 s a hash)."""
    from argon2 import PasswordHasher

    import parley.web.auth as auth

    cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    monkeypatch.setattr(auth, "_hasher", cheap)
    monkeypatch.setattr(auth, "_DUMMY_HASH", cheap.hash("parley-no-such-user"))


def _pg_url(server: Any) -> str:
    name = f"parley_test_{os.getpid()}_{next(_db_counter)}"
    server.psql(f"CREATE DATABASE {name};")
    return str(server.get_uri(name)).replace("postgresql://", "postgresql+psycopg://", 1)


@pytest.fixture
def web(tmp_path: Path) -> Iterator[Web]:
    """The app on a fresh SQLite file."""
    yield from make_web(f"sqlite:///{tmp_path / 'parley.db'}")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_web(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Web]:
    """The app on a fresh SQLite file and on a fresh PostgreSQL database."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'parley.db'}"
    else:
        url = _pg_url(request.getfixturevalue("pg_server"))
    yield from make_web(url)

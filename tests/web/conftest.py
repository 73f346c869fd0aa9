"""Fixtures of the web tests: an app on a fresh SQLite file or PostgreSQL database.

PostgreSQL comes from the ``pgserver`` package (a real server in a wheel, no system
install); when it cannot start one the PostgreSQL cases are skipped with the reason.
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


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A PostgreSQL server for the session (pgserver), or a skip explaining why not."""
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

"""``parley user add`` and ``parley serve``: accounts from the command line, bad URLs."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from parley.cli.main import app
from parley.web.auth import authenticate
from parley.web.db import AnalysisRun, make_engine, make_sessionmaker
from parley.web.jobs import JobRunner
from parley.web.migrate import current_revision, upgrade
from parley.web.validation import ScenarioCache


def test_user_add_creates_an_account_that_can_log_in(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'u.db'}"
    monkeypatch.setenv("PW", "a long password")
    runner = CliRunner()
    r = runner.invoke(app, ["user", "add", "dana", "--db", url, "--admin",
                            "--password-env", "PW"])
    assert r.exit_code == 0, r.output
    engine = make_engine(url)
    with make_sessionmaker(engine)() as db:
        user = authenticate(db, "dana", "a long password")
        assert user.is_admin
        assert user.password_hash.startswith("$argon2id$")
    again = runner.invoke(app, ["user", "add", "dana", "--db", url, "--password-env", "PW"])
    assert again.exit_code == 2 and "already exists" in again.output
    monkeypatch.setenv("SHORT", "short")
    weak = runner.invoke(app, ["user", "add", "eve", "--db", url, "--password-env", "SHORT"])
    assert weak.exit_code == 2 and "8 characters" in weak.output
    engine.dispose()


def test_serve_with_a_bad_database_url_exits_2() -> None:
    r = CliRunner().invoke(app, ["serve", "--db", "nosuchdb://x"])
    assert r.exit_code == 2 and "cannot open the database" in r.output
    r2 = CliRunner().invoke(app, ["serve", "--db", "nosuchdb://x", "--create-admin", "x"])
    assert r2.exit_code == 2 and "cannot open the database" in r2.output


def test_serve_create_admin_is_idempotent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    import uvicorn

    started: list[object] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: started.append(app))
    monkeypatch.setenv("PARLEY_ADMIN_PASSWORD", "admin password")
    url = f"sqlite:///{tmp_path / 's.db'}"
    for _ in range(2):  # a restart with the same option must not fail
        r = CliRunner().invoke(app, ["serve", "--db", url, "--create-admin", "root"])
        assert r.exit_code == 0, r.output
    assert len(started) == 2
    engine = make_engine(url)
    with make_sessionmaker(engine)() as db:
        assert authenticate(db, "root", "admin password").is_admin
    engine.dispose()


def test_migrations_are_idempotent_and_unfinished_runs_fail_at_start(tmp_path: Path,
                                                                     small_yaml: str) -> None:
    from web_helpers import make_web

    url = f"sqlite:///{tmp_path / 'm.db'}"
    gen = make_web(url)
    web = next(gen)
    alice = web.user("alice")
    sid = web.create(alice, small_yaml)
    with web.app.state.sessions() as db:
        run = AnalysisRun(scenario_id=sid, version_id=1, engines=["bargaining"],
                          status="running", progress=0.5, stage="bargaining")
        db.add(run)
        db.commit()
        run_id = run.id
    gen.close()
    engine = make_engine(url)
    upgrade(engine)  # a second time: nothing to do
    assert current_revision(engine) == "0002"
    sessions = make_sessionmaker(engine)
    runner = JobRunner(sessions, ScenarioCache(2, max_bytes=10**6, max_packages=10**6))
    assert runner.recover() == 1
    with sessions() as db:
        row = db.get(AnalysisRun, run_id)
        assert row is not None and row.status == "failed" and "stopped" in (row.error or "")
    runner.shutdown()
    engine.dispose()

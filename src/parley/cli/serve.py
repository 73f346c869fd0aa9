"""``parley serve`` (the web app) and ``parley user add`` (local accounts).

Registered in :mod:`parley.cli.main`. Both need the ``web`` extra.
"""

from __future__ import annotations

import getpass
import os
from typing import Annotated

import typer
from rich.markup import escape

from parley.cli.common import EXIT_INPUT, stderr

DbOpt = Annotated[str, typer.Option(
    "--db", help="Database URL: sqlite:///parley.db (default, a file here) or "
                 "postgresql+psycopg://user:password@host/dbname.")]

user_app = typer.Typer(help="Manage the web app's local accounts.", no_args_is_help=True)


def _web_missing(exc: ImportError) -> None:
    stderr().print(escape(f"the web app needs the 'web' extra (pip install 'parley[web]'): "
                          f"{exc}"), style="red")
    raise typer.Exit(EXIT_INPUT)


def _password(env_var: str | None) -> str:
    if env_var:
        value = os.environ.get(env_var)
        if not value:
            stderr().print(f"[red]environment variable {env_var} is not set[/]")
            raise typer.Exit(EXIT_INPUT)
        return value
    first = getpass.getpass("password: ")
    if first != getpass.getpass("again: "):
        stderr().print("[red]the passwords differ[/]")
        raise typer.Exit(EXIT_INPUT)
    return first


def user_exists(name: str, db_url: str) -> bool:
    """Whether the database at ``db_url`` (migrated first) has an account ``name``."""
    from sqlalchemy import select

    from parley.web.db import User, make_engine, make_sessionmaker
    from parley.web.migrate import upgrade

    engine = make_engine(db_url)
    try:
        upgrade(engine)
        with make_sessionmaker(engine)() as db:
            return db.scalar(select(User.id).where(User.name == name)) is not None
    finally:
        engine.dispose()


def add_user(name: str, password: str, db_url: str, *, admin: bool) -> None:
    """Create an account in the database at ``db_url`` (migrating it first)."""
    try:
        from parley.web.auth import AuthError, create_user
        from parley.web.db import make_engine, make_sessionmaker
        from parley.web.migrate import upgrade
    except ImportError as exc:
        _web_missing(exc)
        return
    engine = make_engine(db_url)
    try:
        upgrade(engine)
        with make_sessionmaker(engine)() as db:
            try:
                create_user(db, name, password, admin=admin)
            except AuthError as exc:
                stderr().print(f"[red]{escape(str(exc))}[/]")
                raise typer.Exit(EXIT_INPUT) from None
            db.commit()
    finally:
        engine.dispose()
    stderr().print(f"created {'admin ' if admin else ''}user {name!r}")


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="User name (letters, digits, . _ -).")],
    db: DbOpt = "sqlite:///parley.db",
    admin: Annotated[bool, typer.Option(help="Make the user an admin (may edit every "
                                             "scenario).")] = False,
    password_env: Annotated[str | None, typer.Option(
        help="Read the password from this environment variable instead of asking.")] = None,
) -> None:
    """Create a local account of the web app."""
    add_user(name, _password(password_env), db, admin=admin)


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    db: DbOpt = "sqlite:///parley.db",
    create_admin: Annotated[str | None, typer.Option(
        help="Create this admin account first (password from PARLEY_ADMIN_PASSWORD or "
             "asked for).")] = None,
    workers: Annotated[int, typer.Option(help="Threads for background analyses.")] = 2,
) -> None:
    """Run the web app: scenario library, versions, analyses, what-if and the JSON API."""
    try:
        import uvicorn

        from parley.web import Settings, create_app
    except ImportError as exc:
        _web_missing(exc)
        return
    try:
        if create_admin and user_exists(create_admin, db):
            stderr().print(f"user {create_admin!r} exists already; not created again")
        elif create_admin:
            env = "PARLEY_ADMIN_PASSWORD" if os.environ.get("PARLEY_ADMIN_PASSWORD") else None
            add_user(create_admin, _password(env), db, admin=True)
        app = create_app(Settings(database_url=db, job_workers=max(1, workers)))
    except typer.Exit:
        raise
    except Exception as exc:  # bad URL, unreachable server, failed migration
        stderr().print(f"[red]cannot open the database {db!r}: {type(exc).__name__}: "
                       f"{exc}[/]")
        raise typer.Exit(EXIT_INPUT) from None
    stderr().print(f"parley web app on http://{host}:{port}/ (database {db})")
    uvicorn.run(app, host=host, port=port, log_level="info")

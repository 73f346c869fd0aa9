"""Alembic environment: runs parley's migrations on the connection the app hands over.

Used only through :func:`parley.web.migrate.upgrade` (no alembic.ini is needed); the
connection arrives in ``config.attributes["connection"]``.
"""

from __future__ import annotations

from alembic import context

from parley.web.db import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    """Run the migrations inside the caller's connection and transaction."""
    connection = config.attributes.get("connection")
    if connection is None:
        from sqlalchemy import create_engine

        url = config.get_main_option("sqlalchemy.url")
        if not url:
            raise RuntimeError("no database connection or sqlalchemy.url given")
        with create_engine(url).connect() as conn:
            context.configure(connection=conn, target_metadata=target_metadata,
                              render_as_batch=True)
            with context.begin_transaction():
                context.run_migrations()
        return
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():  # pragma: no cover - parley never runs offline migrations
    raise RuntimeError("offline migrations are not supported")
run_migrations_online()

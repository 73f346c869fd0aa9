"""Settings of the web app: database, limits, secrets. One frozen object per app."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field

#: Largest request body accepted (bytes): a scenario file plus form overhead.
DEFAULT_MAX_BODY_BYTES = 1_000_000
#: Largest package space (product of option counts) a stored scenario may have.
DEFAULT_MAX_PACKAGES = 50_000_000
#: Compiled scenarios kept in memory (keyed by the YAML text's hash).
DEFAULT_CACHE_SIZE = 32


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        return default


@dataclass(frozen=True)
class Settings:
    """Everything :func:`parley.web.create_app` needs to know.

    Attributes
    ----------
    database_url:
        SQLAlchemy URL: ``sqlite:///parley.db`` (the default, a file in the working
        directory) or ``postgresql+psycopg://user:pass@host/db``.
    secret_key:
        Key for the CSRF tokens. Random per process unless ``PARLEY_SECRET_KEY`` is set
        (sessions themselves live in the database and survive restarts either way).
    max_body_bytes:
        Requests with a larger body are refused with 413 before they are read.
    max_packages:
        Scenarios whose package space is larger are refused (422) before any analysis.
    whatif_max_packages:
        Larger scenarios are not re-analysed inside a what-if request (start a run).
    whatif_concurrency:
        What-if analyses computed at once (default: one per CPU); others wait their turn.
    job_workers:
        Threads that run background analyses.
    max_active_runs:
        Runs one user may have queued or running at once (429 beyond).
    cookie_secure:
        Mark cookies ``Secure`` (set when the app is served over HTTPS).
    session_days:
        Lifetime of a login session.
    """

    database_url: str = "sqlite:///parley.db"
    secret_key: str = field(default_factory=lambda: os.environ.get("PARLEY_SECRET_KEY")
                            or secrets.token_hex(32))
    max_body_bytes: int = field(default_factory=lambda: _env_int(
        "PARLEY_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES))
    max_packages: int = field(default_factory=lambda: _env_int(
        "PARLEY_MAX_PACKAGES", DEFAULT_MAX_PACKAGES))
    whatif_max_packages: int = 5_000_000
    whatif_concurrency: int = field(default_factory=lambda: os.cpu_count() or 2)
    job_workers: int = 2
    max_active_runs: int = 4
    cache_size: int = DEFAULT_CACHE_SIZE
    cookie_secure: bool = False
    session_days: int = 14
    report_samples: int = 2_000

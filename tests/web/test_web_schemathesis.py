"""Property-based API tests from the OpenAPI document (schemathesis): no request the
schema allows may make the server answer 5xx, with or without credentials."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from web_helpers import PASSWORD  # noqa: E402

from parley.web import Settings, create_app  # noqa: E402
from parley.web.auth import Principal, create_user, issue_token  # noqa: E402
from parley.web.store import create_scenario  # noqa: E402

_DIR = Path(tempfile.mkdtemp(prefix="parley-schemathesis-"))
_APP = create_app(Settings(database_url=f"sqlite:///{_DIR / 'st.db'}", secret_key="st",
                           job_workers=1))
with _APP.state.sessions() as _db:
    _user = create_user(_db, "fuzz", PASSWORD)
    _TOKEN = issue_token(_db, _user, "api")
    _db.commit()
    _toy = (Path(__file__).parents[1] / "fixtures" / "toy.yaml").read_text(encoding="utf-8")
    create_scenario(_db, _APP.state.cache, Principal(_user.id, "fuzz", False, "token"), _toy)

schema = schemathesis.openapi.from_asgi("/openapi.json", _APP)


@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_server_errors_anonymous(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=[not_a_server_error])


@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_server_errors_authenticated(case: schemathesis.Case) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {_TOKEN}"},
                           checks=[not_a_server_error])

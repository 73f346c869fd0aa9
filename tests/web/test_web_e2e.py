"""End-to-end in a real browser: Playwright driving Chromium against a live server.

Needs the ``playwright`` package and a Chromium binary (Debian: ``apt-get install
chromium``; another path via ``PARLEY_CHROMIUM``). Without them the tests are skipped.
Covers: open a scenario -> move a weight -> the frontier and Nash point change -> save
-> reload -> version diff; editing needs a login; validation messages sit next to fields.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")
uvicorn = pytest.importorskip("uvicorn")

from web_helpers import PASSWORD  # noqa: E402

from parley.scenario import default_scenario_path  # noqa: E402
from parley.web import Settings, create_app  # noqa: E402
from parley.web.auth import create_user  # noqa: E402
from parley.web.store import create_scenario  # noqa: E402

pytestmark = pytest.mark.slow


def _chromium() -> str | None:
    for candidate in (os.environ.get("PARLEY_CHROMIUM"), shutil.which("chromium"),
                      shutil.which("chromium-browser"), shutil.which("google-chrome")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A live server on a free loopback port with user alice and the default scenario."""
    db = tmp_path_factory.mktemp("e2e") / "e2e.db"
    app = create_app(Settings(database_url=f"sqlite:///{db}", secret_key="e2e"))
    with app.state.sessions() as session:
        from parley.web.auth import Principal

        user = create_user(session, "alice", PASSWORD)
        session.commit()
        who = Principal(user.id, user.name, False, "token")
        create_scenario(session, app.state.cache, who,
                        default_scenario_path().read_text(encoding="utf-8"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=20)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    path = _chromium()
    if path is None:
        pytest.skip("no Chromium found (apt-get install chromium, or set PARLEY_CHROMIUM)")
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, headless=True,
                              args=["--no-sandbox", "--disable-dev-shm-usage"])
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    blocked: list[str] = []
    pg.on("console", lambda m: blocked.append(m.text)
          if "Content Security Policy" in m.text else None)
    pg.on("pageerror", lambda e: blocked.append(str(e)))
    yield pg
    context.close()
    assert blocked == []  # the pages and Plotly.js work under the strict CSP


def _login(page: Any, base: str, target: str) -> None:
    page.goto(f"{base}{target}")
    page.click("#nav-login")
    page.fill("#login-name", "alice")
    page.fill("#login-password", PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(f"{base}{target}")


def _wait(page: Any, js: str, arg: Any = None, timeout: float = 20.0) -> None:
    """Poll a predicate with page.evaluate (wait_for_function needs eval, which the
    pages' Content-Security-Policy rightly forbids)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(js, arg):
        assert time.monotonic() < deadline, f"timed out waiting for {js}"
        time.sleep(0.05)


def _wait_up_to_date(page: Any) -> None:
    _wait(page, "() => document.getElementById('whatif-status').textContent === 'up to date'")


def _nash(page: Any) -> dict[str, str]:
    raw = page.get_attribute("#frontier-chart", "data-nash")
    return dict(json.loads(raw))


def _expected_nash(changes: dict[str, float]) -> dict[str, str]:
    """The Nash package of the default scenario with ``changes`` written into its text."""
    import parley
    from parley.scenario.load import scenario_from_located
    from parley.scenario.yamlio import load_yaml_text
    from parley.web.edit import apply_edits

    text = apply_edits(default_scenario_path().read_text(encoding="utf-8"), changes)
    doc = parley.analyze(scenario_from_located(load_yaml_text(text)), repairs=0).to_dict()
    return dict(doc["solutions"]["nash"]["package"])


def _slide(page: Any, selector: str, value: float) -> None:
    page.locator(selector).evaluate(
        "(el, v) => { el.value = v; el.dispatchEvent(new Event('input', {bubbles: true})); }",
        str(value))


def test_edits_need_a_login(page: Any, server: str) -> None:
    page.goto(f"{server}/scenarios/1")
    assert page.locator("#save-numbers").count() == 0
    assert page.get_attribute("#field-preferences--ukraine--weights--territory",
                              "readonly") is not None
    page.goto(f"{server}/scenarios/new")
    assert "/login?next=" in page.url
    page.goto(f"{server}/scenarios/1/analysis")
    _wait_up_to_date(page)
    assert page.locator("#whatif-save").count() == 0


def test_whatif_moves_nash_then_save_reload_and_diff(page: Any, server: str) -> None:
    _login(page, server, "/scenarios/1/analysis")
    _wait_up_to_date(page)
    page.wait_for_selector("#frontier-chart .main-svg")
    before = _nash(page)
    traces_before = page.evaluate("document.getElementById('frontier-chart').data.length")
    assert traces_before >= 2
    nash_xy_before = page.evaluate(
        "(() => { const t = document.getElementById('frontier-chart').data"
        ".find(d => d.name === 'nash'); return [t.x[0], t.y[0]]; })()")
    page.select_option("#whatif-party", "ukraine")
    _slide(page, "#w-ukraine-territory", 0.4)
    _slide(page, "#w-ukraine-guarantees", 0.1)
    _slide(page, "#res-ukraine", 0.58)
    expected = _expected_nash({"preferences.ukraine.weights.territory": 0.4,
                               "preferences.ukraine.weights.guarantees": 0.1,
                               "preferences.ukraine.reservation": 0.58})
    assert expected != before
    _wait(page, "(e) => { const n = document.getElementById('frontier-chart').dataset.nash;"
                " return n && JSON.stringify(JSON.parse(n)) === e; }",
          json.dumps(expected, separators=(",", ":")))
    _wait_up_to_date(page)
    after = _nash(page)
    assert after == expected
    assert page.inner_text("#nash-guarantees td") == after["guarantees"]
    nash_xy_after = page.evaluate(
        "(() => { const t = document.getElementById('frontier-chart').data"
        ".find(d => d.name === 'nash'); return [t.x[0], t.y[0]]; })()")
    assert nash_xy_after != nash_xy_before
    # save the moved numbers as a new version, reload, and look at the diff
    page.fill("#whatif-message", "e2e: more territory")
    page.click("#whatif-save")
    link = page.wait_for_selector("#whatif-saved-diff")
    assert "version 2" in link.inner_text()
    page.goto(f"{server}/scenarios/1")
    page.reload()
    assert page.input_value("#field-preferences--ukraine--weights--territory") == "0.4"
    assert page.input_value("#field-preferences--ukraine--reservation") == "0.58"
    assert page.inner_text("#scenario-version") == "2"
    page.click("#tab-versions")
    assert "e2e: more territory" in page.inner_text("#version-2")
    page.check("#diff-a-1")
    page.check("#diff-b-2")
    page.click("#compare")
    changes = page.inner_text("#diff-changes")
    assert "preferences.ukraine.weights.territory.value" in changes
    assert "preferences.ukraine.reservation.value" in changes
    assert "+      territory:   {value: 0.4," in page.inner_text("#diff-text")


def test_number_form_validation_message_next_to_field(page: Any, server: str) -> None:
    _login(page, server, "/scenarios/1")
    field = "#field-preferences--russia--weights--territory"
    page.fill(field, "0.95")
    page.click("#save-numbers")
    msg = page.inner_text("#err-preferences--russia--weights--territory")
    assert "outside its range" in msg
    assert page.input_value(field) == "0.95"


def test_negotiation_form_runs_and_shows_the_chart(page: Any, server: str) -> None:
    _login(page, server, "/scenarios/1/runs")
    page.select_option("#negotiation-protocol", "mediated")
    page.select_option("#negotiation-strategy-russia", "boulware")
    page.fill("#negotiation-rounds", "40")
    page.click("#negotiation-forms details summary")
    page.select_option("#negotiation-mediator", "us")
    page.click("#negotiation-start")
    page.wait_for_selector("#negotiation-chart svg", timeout=60_000)  # run.js reloads
    assert "seed 0" in page.inner_text("#negotiation-outcome")
    rows = page.inner_text("#negotiation-parties")
    assert "Russia\tboulware" in rows and "Ukraine\tlinear" in rows
    box = page.locator("#negotiation-chart svg").bounding_box()
    assert box is not None and box["width"] > 400 and box["height"] > 300

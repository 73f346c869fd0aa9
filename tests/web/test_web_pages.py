"""Server-rendered pages: login, CSRF, escaping, the number form, history, what-if, runs."""

from __future__ import annotations

import re
import time

import pytest
from web_helpers import Web

EVIL = "<script>alert('x')</script>"


def _evil_yaml(small_yaml: str) -> str:
    return (small_yaml.replace("title: Toy three-party deal", f'title: "{EVIL} deal"')
            .replace("name: Party A", f'name: "{EVIL}"')
            .replace("name: Split and some money", f'name: "{EVIL} plan"'))


def test_library_and_login_flow(web: Web, small_yaml: str) -> None:
    alice = web.user("alice")
    web.create(alice, small_yaml)
    page = web.client.get("/")
    assert page.status_code == 200
    assert "Toy three-party deal" in page.text and 'id="nav-login"' in page.text
    new = web.client.get("/scenarios/new", follow_redirects=False)
    assert new.status_code == 303 and new.headers["location"].startswith("/login?next=")
    web.login("alice")
    page = web.client.get("/")
    assert 'id="nav-user">alice<' in page.text and 'id="duplicate-1"' in page.text


def test_login_rejects_wrong_password_and_foreign_redirects(web: Web) -> None:
    web.user("alice")
    web.client.get("/login")
    csrf = web.client.cookies.get("parley_login_csrf")
    bad = web.client.post("/login", data={"name": "alice", "password": "nope-nope",
                                          "csrf_token": csrf})
    assert bad.status_code == 401 and "wrong user name or password" in bad.text
    no_csrf = web.client.post("/login", data={"name": "alice",
                                              "password": "correct horse battery"})
    assert no_csrf.status_code == 403
    ok = web.client.post("/login", data={"name": "alice", "password": "correct horse battery",
                                         "csrf_token": csrf, "next": "//evil.example/"},
                         follow_redirects=False)
    assert ok.status_code == 303 and ok.headers["location"] == "/"


def test_cookie_writes_need_the_csrf_token(web: Web, small_yaml: str) -> None:
    web.user("alice")
    csrf = web.login("alice")
    # API with the session cookie: the header is required
    r = web.client.post("/api/scenarios", json={"yaml": small_yaml})
    assert r.status_code == 403
    r = web.client.post("/api/scenarios", json={"yaml": small_yaml},
                        headers={"X-CSRF-Token": csrf})
    assert r.status_code == 201
    sid = r.json()["id"]
    # form posts: the field is required
    form = {"f:preferences.a.reservation": "0.31", "base_version": "1"}
    assert web.client.post(f"/scenarios/{sid}/edit", data=form).status_code == 403
    assert web.client.post(f"/scenarios/{sid}/duplicate", data={}).status_code == 403
    ok = web.client.post(f"/scenarios/{sid}/edit", data={**form, "csrf_token": csrf},
                         follow_redirects=False)
    assert ok.status_code == 303 and ok.headers["location"].endswith("?saved=2")


def test_user_text_is_escaped_everywhere(web: Web, small_yaml: str) -> None:
    alice = web.user("alice")
    sid = web.create(alice, _evil_yaml(small_yaml))
    web.client.post(f"/api/scenarios/{sid}/edits", headers=alice, json={
        "changes": {"preferences.a.reservation": 0.31}, "message": EVIL})
    for url in ("/", f"/scenarios/{sid}", f"/scenarios/{sid}/yaml",
                f"/scenarios/{sid}/versions", f"/scenarios/{sid}/diff?a=1&b=2",
                f"/scenarios/{sid}/analysis", f"/scenarios/{sid}/runs"):
        page = web.client.get(url)
        assert page.status_code == 200, url
        assert "<script>alert" not in page.text, url
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; deal" in web.client.get("/").text
    analysis = web.client.get(f"/scenarios/{sid}/analysis").text
    assert "\\u003cscript\\u003e" in analysis  # inside the JSON data block
    scripts = re.findall(r"<script[^>]*>", analysis)
    assert all('src="/static/' in s or 'type="application/json"' in s for s in scripts)


def test_number_form_shows_problems_next_to_fields(web: Web, default_yaml: str) -> None:
    web.user("alice")
    csrf = web.login("alice")
    r = web.client.post("/api/scenarios", json={"yaml": default_yaml},
                        headers={"X-CSRF-Token": csrf})
    sid = r.json()["id"]
    page = web.client.get(f"/scenarios/{sid}")
    assert 'id="field-preferences--ukraine--weights--territory"' in page.text
    # 0.9 lies outside the range [0.24, 0.40] the file gives for this weight
    bad = web.client.post(f"/scenarios/{sid}/edit", data={
        "csrf_token": csrf, "base_version": "1",
        "f:preferences.ukraine.weights.territory": "0.9",
        "f:preferences.russia.reservation": "abc"})
    assert bad.status_code == 422
    err = re.search(r'id="err-preferences--ukraine--weights--territory">([^<]*)<', bad.text)
    assert err and "outside its range" in err.group(1)
    err2 = re.search(r'id="err-preferences--russia--reservation">([^<]*)<', bad.text)
    assert err2 and "not a number" in err2.group(1)
    assert 'value="0.9"' in bad.text  # the user's input is kept
    assert web.client.get(f"/api/scenarios/{sid}").json()["latest_version"] == 1
    good = web.client.post(f"/scenarios/{sid}/edit", data={
        "csrf_token": csrf, "base_version": "1", "message": "more territory",
        "f:preferences.ukraine.weights.territory": "0.38"}, follow_redirects=True)
    assert good.status_code == 200 and 'id="notice"' in good.text
    history = web.client.get(f"/scenarios/{sid}/versions").text
    assert "more territory" in history
    diff = web.client.get(f"/scenarios/{sid}/diff?a=1&b=2").text
    assert "preferences.ukraine.weights.territory.value" in diff
    assert '<span class="add">+      territory:   {value: 0.38,' in diff


def test_yaml_editor_lists_problems_with_lines(web: Web, small_yaml: str) -> None:
    web.user("alice")
    csrf = web.login("alice")
    sid = web.client.post("/api/scenarios", json={"yaml": small_yaml},
                          headers={"X-CSRF-Token": csrf}).json()["id"]
    broken = small_yaml.replace("reservation: 0.35", "reservation: 0.35\n    reservation: 1")
    r = web.client.post(f"/scenarios/{sid}/yaml", data={"csrf_token": csrf, "yaml": broken,
                                                        "base_version": "1"})
    assert r.status_code == 422
    line = next(k for k, ln in enumerate(broken.splitlines(), 1) if "reservation: 1" in ln)
    assert f'data-line="{line}"' in r.text and "duplicate key" in r.text


def test_new_scenario_by_upload(web: Web, small_yaml: str) -> None:
    web.user("alice")
    csrf = web.login("alice")
    r = web.client.post("/scenarios/new", data={"csrf_token": csrf, "public": "on"},
                        files={"file": ("toy.yaml", small_yaml.encode(), "text/yaml")},
                        follow_redirects=False)
    assert r.status_code == 303
    bad = web.client.post("/scenarios/new", data={"csrf_token": csrf, "yaml": "parley: 2\n"})
    assert bad.status_code == 422 and 'id="problems"' in bad.text


def test_private_scenario_pages_are_not_found(web: Web, small_yaml: str) -> None:
    alice = web.user("alice")
    sid = web.create(alice, small_yaml, public=False)
    for url in (f"/scenarios/{sid}", f"/scenarios/{sid}/analysis",
                f"/scenarios/{sid}/report.html"):
        assert web.client.get(url).status_code == 404
    web.login("alice")
    assert web.client.get(f"/scenarios/{sid}").status_code == 200


def test_analysis_page_serves_plotly_locally(web: Web, small_yaml: str) -> None:
    alice = web.user("alice")
    sid = web.create(alice, small_yaml)
    page = web.client.get(f"/scenarios/{sid}/analysis").text
    assert '<script src="/static/plotly.min.js">' in page
    assert "cdn" not in page.lower()
    js = web.client.get("/static/plotly.min.js")
    assert js.status_code == 200 and len(js.content) > 1_000_000
    assert web.client.get("/static/whatif.js").status_code == 200


def test_runs_page_and_run_results(web: Web, small_yaml: str) -> None:
    web.user("alice")
    csrf = web.login("alice")
    sid = web.client.post("/api/scenarios", json={"yaml": small_yaml},
                          headers={"X-CSRF-Token": csrf}).json()["id"]
    r = web.client.post(f"/scenarios/{sid}/runs", data={"csrf_token": csrf},
                        follow_redirects=False)
    assert r.status_code == 303
    run_id = int(r.headers["location"].rsplit("/", 1)[1])
    deadline = time.monotonic() + 30
    while web.client.get(f"/api/runs/{run_id}").json()["status"] not in ("done", "failed"):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    page = web.client.get(f"/runs/{run_id}").text
    assert 'id="result-bargaining"' in page and 'data-status="done"' in page
    assert 'id="result-durability"' in page


@pytest.mark.slow
def test_report_download(web: Web, small_yaml: str) -> None:
    alice = web.user("alice")
    sid = web.create(alice, _evil_yaml(small_yaml))
    r = web.client.get(f"/scenarios/{sid}/report.html")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "<script>alert" not in r.text

"""The JSON API's contract: status codes, auth, validation problems, limits, OpenAPI."""

from __future__ import annotations

from web_helpers import Web


def test_health_and_openapi(web: Web) -> None:
    r = web.client.get("/api/health")
    assert r.status_code == 200
    assert r.json()["status"] == "ok"
    doc = web.client.get("/openapi.json").json()
    paths = doc["paths"]
    for path in ("/api/health", "/api/scenarios", "/api/scenarios/{scenario_id}",
                 "/api/scenarios/{scenario_id}/versions", "/api/scenarios/{scenario_id}/diff",
                 "/api/scenarios/{scenario_id}/runs", "/api/runs/{run_id}",
                 "/api/scenarios/{scenario_id}/whatif", "/api/scenarios/{scenario_id}/edits",
                 "/api/scenarios/{scenario_id}/duplicate", "/api/tokens"):
        assert path in paths, path
    assert "401" in paths["/api/scenarios"]["post"]["responses"]
    assert "422" in paths["/api/scenarios"]["post"]["responses"]
    assert not any(p.startswith("/scenarios") for p in paths)  # pages are not API


def test_security_headers(web: Web) -> None:
    r = web.client.get("/api/health")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_writes_need_credentials(web: Web, small_yaml: str) -> None:
    r = web.client.post("/api/scenarios", json={"yaml": small_yaml})
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"
    bad = web.client.post("/api/scenarios", json={"yaml": small_yaml},
                          headers={"Authorization": "Bearer nope"})
    assert bad.status_code == 401
    assert web.client.get("/api/scenarios").json() == []


def test_token_exchange(web: Web) -> None:
    web.user("carol")
    r = web.client.post("/api/tokens", json={"name": "carol", "password": "wrong-password"})
    assert r.status_code == 401
    r = web.client.post("/api/tokens", json={"name": "carol",
                                             "password": "correct horse battery"})
    assert r.status_code == 201
    me = web.client.get("/api/me", headers={"Authorization": f"Bearer {r.json()['token']}"})
    assert me.json()["name"] == "carol"


def test_create_list_get_update_versions_diff(web: Web, small_yaml: str) -> None:
    alice = web.user("alice")
    sid = web.create(alice, small_yaml)
    assert [s["id"] for s in web.client.get("/api/scenarios").json()] == [sid]
    got = web.client.get(f"/api/scenarios/{sid}").json()
    assert got["yaml"] == small_yaml and got["latest_version"] == 1
    assert got["title"] == "Toy three-party deal" and got["owner"] == "alice"
    new = small_yaml.replace("reservation: 0.3\n", "reservation: 0.25\n")
    r = web.client.put(f"/api/scenarios/{sid}", json={"yaml": new, "message": "lower A",
                                                       "base_version": 1}, headers=alice)
    assert r.status_code == 200 and r.json()["latest_version"] == 2
    versions = web.client.get(f"/api/scenarios/{sid}/versions").json()
    assert [v["number"] for v in versions] == [2, 1]
    assert versions[0]["message"] == "lower A" and versions[0]["author"] == "alice"
    assert web.client.get(f"/api/scenarios/{sid}/versions/1").json()["yaml"] == small_yaml
    diff = web.client.get(f"/api/scenarios/{sid}/diff", params={"a": 1, "b": 2}).json()
    assert "-    reservation: 0.3\n" in diff["unified"]
    assert "+    reservation: 0.25\n" in diff["unified"]
    assert diff["changes"] == [{"path": "preferences.a.reservation", "change": "changed",
                                "old": 0.3, "new": 0.25}]
    # a stale base version is a conflict, not a silent overwrite
    stale = web.client.put(f"/api/scenarios/{sid}", json={"yaml": small_yaml,
                                                          "base_version": 1}, headers=alice)
    assert stale.status_code == 409 and stale.json()["latest_version"] == 2


def test_others_may_not_write(web: Web, small_yaml: str) -> None:
    alice, bob = web.user("alice"), web.user("bob")
    sid = web.create(alice, small_yaml)
    r = web.client.put(f"/api/scenarios/{sid}", json={"yaml": small_yaml}, headers=bob)
    assert r.status_code == 403
    # but bob may duplicate it into a scenario of his own
    dup = web.client.post(f"/api/scenarios/{sid}/duplicate", headers=bob)
    assert dup.status_code == 201
    assert dup.json()["owner"] == "bob" and dup.json()["yaml"] == small_yaml
    admin = web.user("root", admin=True)
    ok = web.client.put(f"/api/scenarios/{sid}", json={"yaml": small_yaml}, headers=admin)
    assert ok.status_code == 200


def test_private_scenarios_are_invisible_to_others(web: Web, small_yaml: str) -> None:
    alice, bob = web.user("alice"), web.user("bob")
    sid = web.create(alice, small_yaml, public=False)
    for headers in ({}, bob):
        assert web.client.get(f"/api/scenarios/{sid}", headers=headers).status_code == 404
        assert web.client.get(f"/api/scenarios/{sid}/versions",
                              headers=headers).status_code == 404
        assert web.client.post(f"/api/scenarios/{sid}/whatif", json={},
                               headers=headers).status_code == 404
        assert web.client.get("/api/scenarios", headers=headers).json() == []
    assert web.client.get(f"/api/scenarios/{sid}", headers=alice).status_code == 200
    web.client.patch(f"/api/scenarios/{sid}", json={"public": True}, headers=alice)
    assert web.client.get(f"/api/scenarios/{sid}", headers=bob).status_code == 200


def test_validation_problems_have_lines(web: Web, small_yaml: str) -> None:
    alice = web.user()
    bad = small_yaml.replace("weights: {land: 0.5, money: 0.3, guarantee: 0.2}",
                             "weights: {land: 0.5, money: 0.3, guarantee: 0.2, oil: 0.1}")
    line = next(k for k, ln in enumerate(bad.splitlines(), 1) if "oil: 0.1" in ln)
    r = web.client.post("/api/scenarios", json={"yaml": bad}, headers=alice)
    assert r.status_code == 422
    problems = r.json()["problems"]
    assert any(p["line"] == line and p["path"] == "preferences.a.weights.oil"
               and "unknown issue" in p["message"] for p in problems), problems
    syntax = web.client.post("/api/scenarios", json={"yaml": "parley: 1\nid: [x\n"},
                             headers=alice)
    assert syntax.status_code == 422
    assert syntax.json()["problems"][0]["message"].startswith("YAML syntax error")
    assert web.client.get("/api/scenarios").json() == []


def test_yaml_tags_cannot_construct_objects(web: Web) -> None:
    alice = web.user()
    evil = "!!python/object/apply:os.system ['touch /tmp/parley-pwned']\n"
    r = web.client.post("/api/scenarios", json={"yaml": evil}, headers=alice)
    assert r.status_code == 422
    evil2 = "parley: 1\nid: !!python/object:builtins.dict {}\n"
    r2 = web.client.post("/api/scenarios", json={"yaml": evil2}, headers=alice)
    assert r2.status_code == 422


def test_failed_save_keeps_previous_version(web: Web, small_yaml: str) -> None:
    alice = web.user()
    sid = web.create(alice, small_yaml)
    broken = small_yaml.replace("reservation: 0.3\n", "reservation: lots\n")
    r = web.client.put(f"/api/scenarios/{sid}", json={"yaml": broken}, headers=alice)
    assert r.status_code == 422
    got = web.client.get(f"/api/scenarios/{sid}").json()
    assert got["latest_version"] == 1 and got["yaml"] == small_yaml
    assert len(web.client.get(f"/api/scenarios/{sid}/versions").json()) == 1


def test_body_size_limit(web: Web, small_yaml: str) -> None:
    alice = web.user()
    limit = web.settings.max_body_bytes
    big = small_yaml + "#" + "x" * limit + "\n"
    r = web.client.post("/api/scenarios", json={"yaml": big}, headers=alice)
    assert r.status_code == 413

    def chunks() -> object:  # no Content-Length: counted while streaming
        yield b'{"yaml": "'
        for _ in range(limit // 10_000 + 2):
            yield b"x" * 10_000
        yield b'"}'

    r2 = web.client.post("/api/scenarios", content=chunks(),  # type: ignore[arg-type]
                         headers={**alice, "content-type": "application/json"})
    assert r2.status_code == 413


def test_package_space_limit(tmp_path: object, small_yaml: str) -> None:
    from pathlib import Path

    from web_helpers import make_web

    gen = make_web(f"sqlite:///{Path(str(tmp_path)) / 'lim.db'}")
    web = next(gen)
    try:
        object.__setattr__(web.app.state.cache, "max_packages", 10)  # toy space: 18
        alice = web.user()
        r = web.client.post("/api/scenarios", json={"yaml": small_yaml}, headers=alice)
        assert r.status_code == 422
        (problem,) = r.json()["problems"]
        assert "18 packages" in problem["message"] and problem["path"] == "issues"
    finally:
        gen.close()


def test_form_edits_keep_comments(web: Web, small_yaml: str) -> None:
    alice = web.user()
    sid = web.create(alice, small_yaml)
    fields = {f["path"]: f for f in web.client.get(f"/api/scenarios/{sid}/fields").json()}
    assert fields["preferences.a.weights.land"]["value"] == 0.5
    assert fields["preferences.b.reservation"]["value"] == 0.35
    assert "preferences.c.weights.money" not in fields  # ranked, not a number in the file
    r = web.client.post(f"/api/scenarios/{sid}/edits", headers=alice, json={
        "changes": {"preferences.a.weights.land": 0.45, "preferences.a.weights.money": 0.35},
        "base_version": 1, "message": "shift A"})
    assert r.status_code == 200, r.text
    text = r.json()["yaml"]
    assert text.startswith("# A small three-party scenario used across the tests.")
    assert "weights: {land: 0.45, money: 0.35, guarantee: 0.2}" in text
    bad = web.client.post(f"/api/scenarios/{sid}/edits", headers=alice, json={
        "changes": {"preferences.a.weights.land": -1}})
    assert bad.status_code == 422
    assert bad.json()["problems"][0]["path"].startswith("preferences.a.weights")
    unknown = web.client.post(f"/api/scenarios/{sid}/edits", headers=alice, json={
        "changes": {"parties": 1}})
    assert unknown.status_code == 422
    assert web.client.get(f"/api/scenarios/{sid}").json()["latest_version"] == 2


def test_no_cdn_backed_api_viewers(web: Web) -> None:
    assert web.client.get("/docs").status_code == 404
    assert web.client.get("/redoc").status_code == 404

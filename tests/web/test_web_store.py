"""Storage on SQLite and on a real PostgreSQL server: migrations, versions, access, jobs."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import sqlalchemy as sa
from web_helpers import Web

import parley
from parley.web.db import Base
from parley.web.migrate import current_revision


def test_migrations_create_the_model_tables(store_web: Web) -> None:
    engine = store_web.app.state.engine
    assert current_revision(engine) == "0002"
    inspector = sa.inspect(engine)
    for table in Base.metadata.sorted_tables:
        columns = {c["name"] for c in inspector.get_columns(table.name)}
        assert columns == {c.name for c in table.columns}, table.name
    uniques = inspector.get_unique_constraints("scenario_versions")
    assert any(set(u["column_names"]) == {"scenario_id", "number"} for u in uniques)


def test_versions_are_append_only_and_failed_saves_lose_nothing(store_web: Web,
                                                                 small_yaml: str) -> None:
    web = store_web
    alice = web.user("alice")
    sid = web.create(alice, small_yaml)
    texts = [small_yaml]
    for k, res in enumerate((0.31, 0.32), start=2):
        text = small_yaml.replace("reservation: 0.3\n", f"reservation: {res}\n")
        r = web.client.put(f"/api/scenarios/{sid}", json={"yaml": text, "base_version": k - 1},
                           headers=alice)
        assert r.status_code == 200
        texts.append(text)
    bad = web.client.put(f"/api/scenarios/{sid}", headers=alice,
                         json={"yaml": small_yaml.replace("id: toy", "id: [toy"),
                               "base_version": 3})
    assert bad.status_code == 422
    for n, text in enumerate(texts, start=1):
        assert web.client.get(f"/api/scenarios/{sid}/versions/{n}").json()["yaml"] == text
    assert web.client.get(f"/api/scenarios/{sid}").json()["latest_version"] == 3
    diff = web.client.get(f"/api/scenarios/{sid}/diff", params={"a": 1, "b": 3}).json()
    assert [c["path"] for c in diff["changes"]] == ["preferences.a.reservation"]


def test_concurrent_saves_lose_no_write(store_web: Web, small_yaml: str) -> None:
    """Eight clients save on the same base: one wins, the rest get 409, nothing is lost."""
    web = store_web
    alice = web.user("alice")
    sid = web.create(alice, small_yaml)

    def save(k: int) -> int:
        text = small_yaml.replace("reservation: 0.3\n", f"reservation: 0.3{k}\n")
        r = web.client.put(f"/api/scenarios/{sid}", headers=alice,
                           json={"yaml": text, "base_version": 1, "message": str(k)})
        return r.status_code

    with ThreadPoolExecutor(4) as pool:
        codes = list(pool.map(save, range(8)))
    assert sorted(set(codes)) in ([200, 409], [200])
    versions = web.client.get(f"/api/scenarios/{sid}/versions").json()
    assert len(versions) == 1 + codes.count(200)
    assert [v["number"] for v in versions] == list(range(len(versions), 0, -1))


def test_private_scenarios(store_web: Web, small_yaml: str) -> None:
    web = store_web
    alice, bob = web.user("alice"), web.user("bob")
    private = web.create(alice, small_yaml, public=False)
    public = web.create(bob, small_yaml)
    assert {s["id"] for s in web.client.get("/api/scenarios", headers=bob).json()} == {public}
    assert {s["id"] for s in web.client.get("/api/scenarios", headers=alice).json()} == {
        public, private}
    assert web.client.get(f"/api/scenarios/{private}", headers=bob).status_code == 404


def test_background_run_reports_progress_and_result(store_web: Web, small_yaml: str) -> None:
    web = store_web
    alice = web.user("alice")
    sid = web.create(alice, small_yaml)
    r = web.client.post(f"/api/scenarios/{sid}/runs", json={}, headers=alice)
    assert r.status_code == 202
    run = r.json()
    assert run["status"] in ("queued", "running", "done") and run["engines"] == [
        "bargaining", "durability"]
    seen = set()
    deadline = time.monotonic() + 30
    while run["status"] not in ("done", "failed") and time.monotonic() < deadline:
        time.sleep(0.02)
        run = web.client.get(f"/api/runs/{run['id']}").json()
        seen.add((run["status"], run["stage"]))
    assert run["status"] == "done", run
    assert run["progress"] == 1.0
    expected = parley.analyze(parley.load_scenario(
        __import__("pathlib").Path(__file__).parents[1] / "fixtures" / "toy.yaml")).to_dict()
    assert run["result"]["bargaining"]["solutions"] == expected["solutions"]
    assert run["result"]["bargaining"]["zopa"] == expected["zopa"]
    assert "proposals" in run["result"]["durability"]
    listed = web.client.get(f"/api/scenarios/{sid}/runs").json()
    assert listed[0]["id"] == run["id"] and listed[0]["result"] is None


def test_run_errors(store_web: Web, small_yaml: str) -> None:
    web = store_web
    alice = web.user("alice")
    sid = web.create(alice, small_yaml)
    assert web.client.post(f"/api/scenarios/{sid}/runs", json={}).status_code == 401
    bad = web.client.post(f"/api/scenarios/{sid}/runs", json={"engines": ["astrology"]},
                          headers=alice)
    assert bad.status_code == 422
    gmcr = web.client.post(f"/api/scenarios/{sid}/runs", json={"engines": ["stability"]},
                           headers=alice)
    assert gmcr.status_code == 422 and "does not apply" in gmcr.json()["problems"][0][
        "message"]
    assert web.client.get("/api/runs/999").status_code == 404

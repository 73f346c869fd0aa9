"""The job runner: per-engine progress, engine choice, failures recorded on the run."""

from __future__ import annotations

from typing import Any

import pytest
from web_helpers import Web

from parley.web import jobs as jobs_module
from parley.web.engines import ENGINES, applicable


def test_default_engines_follow_the_scenario_sections(default_yaml: str,
                                                      small_yaml: str) -> None:
    from parley.scenario.load import scenario_from_located
    from parley.scenario.yamlio import load_yaml_text

    default = scenario_from_located(load_yaml_text(default_yaml))
    toy = scenario_from_located(load_yaml_text(small_yaml))
    sections = {"stability": "gmcr", "dynamics": "dynamics", "forecast": "spatial"}
    for name, section in sections.items():
        assert (name in applicable(default)) == (getattr(default.doc, section) is not None)
        assert name not in applicable(toy)
    assert "uncertainty" not in applicable(toy)  # slow: only on request
    assert "uncertainty" in applicable(toy, everything=True)
    assert set(applicable(default, everything=True)) <= set(ENGINES)


def test_progress_moves_through_each_engine(web: Web, small_yaml: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    alice = web.user()
    sid = web.create(alice, small_yaml)
    seen: list[float] = []
    original = jobs_module.JobRunner._update

    def record(self: Any, run_id: int, **values: Any) -> None:
        if "progress" in values:
            seen.append(values["progress"])
        original(self, run_id, **values)

    monkeypatch.setattr(jobs_module.JobRunner, "_update", record)
    r = web.client.post(f"/api/scenarios/{sid}/runs", headers=alice,
                        json={"engines": ["bargaining", "uncertainty"]})
    assert r.status_code == 202
    run_id = r.json()["id"]
    web.app.state.jobs.wait(run_id, timeout=60)
    run = web.client.get(f"/api/runs/{run_id}").json()
    assert run["status"] == "done", run
    assert seen == sorted(seen) and seen[0] == 0.0 and seen[-1] == 1.0
    assert any(0.5 < p < 1.0 for p in seen)  # inside the second engine's share
    assert run["result"]["uncertainty"]["samples"] == 200
    page = web.client.get(f"/runs/{run_id}").text
    assert 'id="result-uncertainty"' in page and 'id="result-bargaining"' in page


def test_a_failing_engine_marks_the_run_failed(web: Web, small_yaml: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    alice = web.user()
    sid = web.create(alice, small_yaml)

    def boom(*_args: Any) -> dict[str, Any]:
        raise RuntimeError("engine exploded")

    monkeypatch.setitem(ENGINES, "bargaining",
                        ENGINES["bargaining"].__class__("bargaining", "x", lambda s: True,
                                                        boom))
    r = web.client.post(f"/api/scenarios/{sid}/runs", headers=alice,
                        json={"engines": ["bargaining"]})
    run_id = r.json()["id"]
    web.app.state.jobs.wait(run_id, timeout=30)
    run = web.client.get(f"/api/runs/{run_id}").json()
    assert run["status"] == "failed" and "engine exploded" in run["error"]
    assert web.client.get("/api/health").status_code == 200


def test_one_user_cannot_fill_the_queue(web: Web, small_yaml: str,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses
    import threading

    alice = web.user()
    sid = web.create(alice, small_yaml)
    web.app.state.settings = dataclasses.replace(web.settings, max_active_runs=1)
    release = threading.Event()
    real = ENGINES["bargaining"]

    def slow(scenario: Any, seed: int, progress: Any) -> dict[str, Any]:
        release.wait(timeout=30)
        return real.run(scenario, seed, progress)

    monkeypatch.setitem(ENGINES, "bargaining", dataclasses.replace(real, run=slow))
    body = {"engines": ["bargaining"]}
    first = web.client.post(f"/api/scenarios/{sid}/runs", headers=alice, json=body)
    assert first.status_code == 202
    second = web.client.post(f"/api/scenarios/{sid}/runs", headers=alice, json=body)
    assert second.status_code == 429
    other = web.user("bob")  # another user is not blocked by alice's run
    assert web.client.post(f"/api/scenarios/{sid}/runs", headers=other,
                           json=body).status_code == 202
    release.set()
    web.app.state.jobs.wait(first.json()["id"], timeout=30)
    third = web.client.post(f"/api/scenarios/{sid}/runs", headers=alice, json=body)
    assert third.status_code == 202

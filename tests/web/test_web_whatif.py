"""What-if analysis: moved weights and reservation values change the solutions exactly as
re-compiling the edited scenario text would."""

from __future__ import annotations

from web_helpers import Web

import parley
from parley.scenario.load import scenario_from_located
from parley.scenario.yamlio import load_yaml_text
from parley.web.edit import apply_edits


def _nash_from_text(text: str) -> dict[str, str]:
    scenario = scenario_from_located(load_yaml_text(text))
    return dict(parley.analyze(scenario, repairs=0).to_dict()["solutions"]["nash"]["package"])


def test_whatif_moves_the_nash_point_like_an_edited_file(web: Web, default_yaml: str) -> None:
    alice = web.user()
    sid = web.create(alice, default_yaml)
    base = web.client.post(f"/api/scenarios/{sid}/whatif", json={})
    assert base.status_code == 200
    base_nash = base.json()["solutions"]["nash"]["package"]
    assert base_nash == _nash_from_text(default_yaml)

    # Ukraine puts more weight on territory and less on guarantees (both within the
    # file's ranges); its reservation value rises a little
    weights = {"ukraine": {"territory": 0.4, "guarantees": 0.1}}
    body = {"weights": weights, "reservation": {"ukraine": 0.58}}
    moved = web.client.post(f"/api/scenarios/{sid}/whatif", json=body)
    assert moved.status_code == 200, moved.text
    doc = moved.json()
    edited = apply_edits(default_yaml, {
        "preferences.ukraine.weights.territory": 0.4,
        "preferences.ukraine.weights.guarantees": 0.1,
        "preferences.ukraine.reservation": 0.58})
    expected = _nash_from_text(edited)
    assert doc["solutions"]["nash"]["package"] == expected
    assert expected != base_nash
    assert doc["whatif"]["weights"]["ukraine"]["territory"] == 0.4
    assert doc["parties"][0]["reservation_value"] == 0.58
    # nothing was saved
    assert web.client.get(f"/api/scenarios/{sid}").json()["latest_version"] == 1


def test_whatif_rejects_unknown_names_and_bad_numbers(web: Web, small_yaml: str) -> None:
    alice = web.user()
    sid = web.create(alice, small_yaml)
    r = web.client.post(f"/api/scenarios/{sid}/whatif", json={
        "weights": {"zz": {"land": 1}, "a": {"oil": 1, "land": -1}},
        "reservation": {"q": 0.1}})
    assert r.status_code == 422
    paths = {p["path"] for p in r.json()["problems"]}
    assert paths == {"weights.zz", "weights.a.oil", "weights.a.land", "reservation.q"}
    zero = web.client.post(f"/api/scenarios/{sid}/whatif", json={
        "weights": {"a": {"land": 0, "money": 0, "guarantee": 0}}})
    assert zero.status_code == 422


def test_whatif_uses_the_compiled_scenario_cache(web: Web, small_yaml: str) -> None:
    alice = web.user()
    sid = web.create(alice, small_yaml)
    cache = web.app.state.cache
    first = web.client.post(f"/api/scenarios/{sid}/whatif", json={}).json()
    n = len(cache)
    compiled = next(iter(cache._items.values()))
    again = web.client.post(f"/api/scenarios/{sid}/whatif",
                            json={"weights": {"a": {"land": 0.9}}}).json()
    assert len(cache) == n and next(iter(cache._items.values())) is compiled
    assert compiled.weights[0, 0] == 0.5  # the cached scenario itself is never changed
    assert first["solutions"] != again["solutions"] or first["zopa"] != again["zopa"]

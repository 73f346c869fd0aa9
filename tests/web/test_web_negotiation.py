"""Negotiation and tournament runs in the web app: API contract, checks, pages, chart."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from web_helpers import Web

import parley
from parley.negotiation import STRATEGIES, build_space, run_sao
from parley.negotiation.mediated import run_mediated
from parley.negotiation.tournament import run_tournament

TOY = Path(__file__).parents[1] / "fixtures" / "toy.yaml"
EVIL = "<script>alert('x')</script>"
CONTRACT = {"agreement", "reservation_values", "trace", "reason", "initial_reservation_values",
            "strategies", "protocol", "seed", "rounds", "max_rounds", "settings", "scenario"}


def _finished(web: Web, run_id: int) -> dict[str, Any]:
    web.app.state.jobs.wait(run_id, timeout=60)
    run = web.client.get(f"/api/runs/{run_id}").json()
    assert run["status"] == "done", run["error"]
    assert run["progress"] == 1.0 and run["stage"] == "done"
    return dict(run)


def _start(web: Web, sid: int, headers: dict[str, str], body: dict[str, Any]) -> Any:
    return web.client.post(f"/api/scenarios/{sid}/runs", json=body, headers=headers)


def _direct(doc: Any) -> Any:
    """The document as the CLI writes it (JSON round trip; no moving reservation)."""
    doc["settings"]["moving_reservation"] = False
    return json.loads(json.dumps(doc))


def test_api_negotiation_run_matches_the_negotiation_api(web: Web, small_yaml: str) -> None:
    alice = web.user("alice")
    sid = web.create(alice, small_yaml)
    options = {"strategies": {"a": "boulware", "b": "time_dependent:e=0.5"},
               "default": "conceder", "rounds": 30, "seed": 7}
    r = _start(web, sid, alice, {"negotiation": options})
    assert r.status_code == 202, r.text
    assert r.json()["engines"] == ["negotiation"]  # options alone ask for that engine only
    assert r.json()["options"]["negotiation"]["seed"] == 7
    run = _finished(web, r.json()["id"])
    doc = run["result"]["negotiation"]
    assert set(doc) >= CONTRACT
    space = build_space(parley.load_scenario(TOY))
    expected = run_sao(space, {"a": "boulware", "b": "time_dependent:e=0.5"},
                       default="conceder", rounds=30, seed=7).to_dict()
    assert doc == _direct(expected)
    assert doc["strategies"] == {"a": "boulware", "b": "time_dependent:e=0.5",
                                 "c": "conceder", "r": "conceder"}


def test_api_mediated_run_and_defaults_of_the_cli(web: Web, small_yaml: str) -> None:
    alice = web.user("alice")
    sid = web.create(alice, small_yaml)
    r = _start(web, sid, alice, {"engines": ["bargaining", "negotiation"], "negotiation": {
        "protocol": "mediated", "mediator": "c", "bias": 0.25, "rounds": 15, "seed": 2}})
    assert r.status_code == 202, r.text
    run = _finished(web, r.json()["id"])
    assert set(run["result"]) == {"bargaining", "negotiation"}
    page = web.client.get(f"/runs/{run['id']}").text
    assert "mediator Mediator C with bias 0.25" in page and 'id="result-bargaining"' in page
    space = build_space(parley.load_scenario(TOY))
    expected = run_mediated(space, rounds=15, seed=2, mediator="c", bias=0.25).to_dict()
    assert run["result"]["negotiation"] == _direct(expected)
    # no options: the CLI's defaults (sao, every party "linear", 100 rounds, seed 0)
    r = _start(web, sid, alice, {"engines": ["negotiation"]})
    assert r.status_code == 202, r.text
    doc = _finished(web, r.json()["id"])["result"]["negotiation"]
    assert doc == _direct(run_sao(space, rounds=100, seed=0).to_dict())
    assert set(doc["strategies"].values()) == {"linear"}


def test_existing_requests_stay_valid_and_skip_negotiation(web: Web, small_yaml: str) -> None:
    alice = web.user("alice")
    sid = web.create(alice, small_yaml)
    r = _start(web, sid, alice, {})
    assert r.status_code == 202, r.text
    assert "negotiation" not in r.json()["engines"] and "tournament" not in r.json()["engines"]
    assert r.json()["options"] is None
    _finished(web, r.json()["id"])


@pytest.mark.parametrize(("options", "path", "words"), [
    ({"strategies": {"a": "stubborn_mule"}}, "negotiation.strategies.a",
     ["unknown strategy 'stubborn_mule'", "boulware", "tit_for_tat"]),
    ({"default": "nope"}, "negotiation.default", ["unknown strategy 'nope'"]),
    ({"strategies": {"a": "boulware:speed=2"}}, "negotiation.strategies.a",
     ["takes no parameter 'speed'"]),
    ({"strategies": {"zz": "linear"}}, "negotiation.strategies.zz",
     ["unknown party 'zz'", "a, b, c, r"]),
    ({"protocol": "mediated", "mediator": "zz"}, "negotiation.mediator", ["unknown party"]),
])
def test_bad_negotiation_options_are_422_with_a_clear_message(
        web: Web, small_yaml: str, options: dict[str, Any], path: str,
        words: list[str]) -> None:
    alice = web.user("alice")
    sid = web.create(alice, small_yaml)
    r = _start(web, sid, alice, {"negotiation": options})
    assert r.status_code == 422, r.text
    [problem] = r.json()["problems"]
    assert problem["path"] == path
    for w in words:
        assert w in problem["message"]
    assert web.client.get(f"/api/scenarios/{sid}/runs").json() == []  # nothing queued


def test_malformed_options_and_engine_mismatch(web: Web, small_yaml: str) -> None:
    alice = web.user("alice")
    sid = web.create(alice, small_yaml)
    for body in ({"negotiation": {"protocol": "auction"}}, {"negotiation": {"rounds": 0}},
                 {"negotiation": {"seed": -1}}, {"negotiation": {"bias": 2}},
                 {"negotiation": {"colour": "red"}}):
        assert _start(web, sid, alice, body).status_code == 422, body
    r = _start(web, sid, alice, {"engines": ["bargaining"], "negotiation": {}})
    assert r.status_code == 422
    assert "negotiation is not among the engines" in r.json()["problems"][0]["message"]


def test_negotiation_runs_need_credentials(web: Web, small_yaml: str) -> None:
    alice = web.user("alice")
    sid = web.create(alice, small_yaml)
    assert _start(web, sid, {}, {"negotiation": {}}).status_code == 401
    assert _start(web, sid, {"Authorization": "Bearer nope"},
                  {"negotiation": {}}).status_code == 401
    # session cookie without the CSRF header
    web.login("alice")
    assert web.client.post(f"/api/scenarios/{sid}/runs",
                           json={"negotiation": {}}).status_code == 403


def test_strategies_endpoint_lists_the_registry(web: Web) -> None:
    r = web.client.get("/api/strategies")
    assert r.status_code == 200
    assert [s["name"] for s in r.json()] == sorted(STRATEGIES)
    random = next(s for s in r.json() if s["name"] == "random")
    assert random["stochastic"] is True


def _evil_yaml(small_yaml: str) -> str:
    return (small_yaml.replace("title: Toy three-party deal", f'title: "{EVIL} deal"')
            .replace("name: Party A", f'name: "{EVIL}"'))


def test_page_form_starts_a_run_and_shows_summary_and_chart(web: Web,
                                                            small_yaml: str) -> None:
    web.user("alice")
    csrf = web.login("alice")
    sid = web.client.post("/api/scenarios", json={"yaml": _evil_yaml(small_yaml)},
                          headers={"X-CSRF-Token": csrf}).json()["id"]
    for url in (f"/scenarios/{sid}/runs", f"/scenarios/{sid}/analysis"):
        page = web.client.get(url).text
        assert 'id="negotiation-form"' in page and "<script>alert" not in page
        form = page[page.index('id="negotiation-form"'):page.index("</form>",
                                                                  page.index("negotiation-form"))]
        assert set(re.findall(r'<option value="([a-z_]+)"',
                              form[form.index('id="negotiation-default"'):])) >= set(STRATEGIES)
        assert 'name="strategy.a"' in form and "&lt;script&gt;" in form
    data = {"csrf_token": csrf, "protocol": "sao", "default": "conceder",
            "strategy.a": "boulware", "strategy.b": "", "rounds": "25", "seed": "4"}
    assert web.client.post(f"/scenarios/{sid}/runs/negotiation",
                           data={k: v for k, v in data.items() if k != "csrf_token"}
                           ).status_code == 403
    r = web.client.post(f"/scenarios/{sid}/runs/negotiation", data=data,
                        follow_redirects=False)
    assert r.status_code == 303, r.text
    run_id = int(r.headers["location"].rsplit("/", 1)[1])
    run = _finished(web, run_id)
    doc = run["result"]["negotiation"]
    assert run["options"]["negotiation"]["strategies"] == {"a": "boulware"}
    space = build_space(parley.load_scenario(TOY))
    assert doc == _direct(run_sao(space, {"a": "boulware"}, default="conceder", rounds=25,
                                  seed=4).to_dict())
    page = web.client.get(f"/runs/{run_id}").text
    assert 'id="result-negotiation"' in page and 'id="negotiation-chart"' in page
    outcome = re.search(r'id="negotiation-outcome">(.*?)</p>', page, re.S)
    assert outcome is not None
    if doc["agreement"]:
        assert f"in round {doc['agreement']['round']}" in outcome.group(1)
        for issue, option in doc["agreement"]["package"].items():
            assert f"<li>{issue}: {option}</li>" in page
    else:
        assert "Breakdown" in outcome.group(1)
    table = page[page.index('id="negotiation-parties"'):]
    for pid, rv in doc["reservation_values"].items():
        assert f"<td>{doc['strategies'][pid]}</td>" in table and f"{rv:.3f}" in table
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in table  # party A's name
    assert "<script>alert" not in page
    scripts = re.findall(r"<script[^>]*>", page)
    assert all('src="/static/' in s for s in scripts)
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert "<path" in svg and " on" not in svg.replace(" on ", "")


def test_page_form_refuses_unknown_strategy_and_needs_login(web: Web,
                                                           small_yaml: str) -> None:
    alice = web.user("alice")
    sid = web.create(alice, small_yaml)
    r = web.client.post(f"/scenarios/{sid}/runs/negotiation", data={"rounds": "5"},
                        follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")
    csrf = web.login("alice")
    r = web.client.post(f"/scenarios/{sid}/runs/negotiation",
                        data={"csrf_token": csrf, "strategy.a": "<b>bold</b>"})
    assert r.status_code == 422
    assert "unknown strategy &#39;&lt;b&gt;bold&lt;/b&gt;&#39;" in r.text
    r = web.client.post(f"/scenarios/{sid}/runs/negotiation",
                        data={"csrf_token": csrf, "rounds": "zero"})
    assert r.status_code == 422 and "negotiation.rounds" in r.text
    assert web.client.get(f"/api/scenarios/{sid}/runs").json() == []


def test_tournament_run_is_opt_in_and_matches_the_api(web: Web, small_yaml: str) -> None:
    alice = web.user("alice")
    sid = web.create(alice, small_yaml)
    options = {"strategies": ["linear_om", "hardliner"], "seeds": 2, "rounds": 15,
               "pairing": "same", "seed": 5}
    r = _start(web, sid, alice, {"tournament": options})
    assert r.status_code == 202, r.text
    assert r.json()["engines"] == ["tournament"]
    doc = _finished(web, r.json()["id"])["result"]["tournament"]
    expected = run_tournament(parley.load_scenario(TOY), ["linear_om", "hardliner"], seeds=2,
                              rounds=15, pairing="same", seed=5).to_dict()
    assert doc == json.loads(json.dumps(expected))
    page = web.client.get(f"/runs/{r.json()['id']}").text
    assert 'id="tournament-strategies"' in page
    big = _start(web, sid, alice, {"tournament": {
        "strategies": sorted(STRATEGIES)[:8], "pairing": "all", "seeds": 100}})
    assert big.status_code == 422 and "over the web limit" in big.text


def test_sanitize_svg_keeps_drawing_and_drops_active_content() -> None:
    from parley.web.negotiation import sanitize_svg

    hostile = (
        '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" '
        'xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)">'
        '<script>alert(2)</script><g id="a" onclick="alert(3)"><path d="M0 0L1 1"/>'
        '<use xlink:href="#a"/><use xlink:href="https://evil.example/x.svg#b"/></g>'
        '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>'
        '<a href="javascript:alert(4)"><text>click</text></a><!-- <script> -->'
        '<text fill="javascript:x">&lt;b&gt;</text></svg>')
    out = sanitize_svg(hostile)
    assert "alert" not in out and "script" not in out and "evil.example" not in out
    assert "foreignObject" not in out and "javascript" not in out and "<!--" not in out
    assert '<path d="M0 0L1 1"' in out and 'xlink:href="#a"' in out
    assert "&lt;b&gt;" in out  # text stays text
    with pytest.raises(ValueError):
        sanitize_svg('<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg"/>')


def test_negotiation_chart_escapes_document_text() -> None:
    from parley.web.negotiation import negotiation_svg, run_negotiation

    doc = json.loads(json.dumps(run_negotiation(parley.load_scenario(TOY), {"rounds": 10})))
    doc["scenario"] = EVIL
    doc["reason"] = EVIL
    svg = negotiation_svg(doc)
    assert svg.startswith("<svg") and "<script" not in svg and "alert" not in svg


@pytest.mark.parametrize("pairing", ["all", "same", "focal"])
@pytest.mark.parametrize(("parties", "strategies"), [(1, 1), (3, 2), (4, 3), (5, 6)])
def test_tournament_size_counts_the_combinations(pairing: str, parties: int,
                                                 strategies: int) -> None:
    from parley.negotiation.tournament import combinations
    from parley.web.negotiation import tournament_size

    names = [f"s{k}" for k in range(strategies)]
    assert tournament_size(parties, strategies, pairing) == len(
        combinations(parties, names, pairing))

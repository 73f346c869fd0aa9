"""The public Python API mirrors the CLI's JSON document."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

import parley
from parley.bargaining.report import analysis_schema_path

FIXTURES = Path(__file__).parent / "fixtures"


def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(analysis_schema_path().read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_load_and_analyze_toy_contract() -> None:
    scenario = parley.load_scenario(FIXTURES / "toy.yaml")
    doc = parley.analyze(scenario).to_dict()
    _validator().validate(doc)
    assert [p["id"] for p in doc["parties"]] == ["a", "b", "c", "r"]
    for name in ("nash", "kalai_smorodinsky", "egalitarian", "utilitarian"):
        sol = doc["solutions"][name]
        assert set(sol["package"]) == {"land", "money", "guarantee"}
        assert set(sol["utilities"]) == {"a", "b", "c", "r"}
    assert isinstance(doc["zopa"]["size"], int)
    assert set(doc["proposals"]) == {"p1", "p2"}
    # round-trips through JSON unchanged (no NaN, no numpy types)
    assert json.loads(json.dumps(doc, allow_nan=False)) == doc


def test_toy_proposal_verdicts_follow_margins() -> None:
    doc = parley.analyze(parley.load_scenario(FIXTURES / "toy.yaml")).to_dict()
    p1 = doc["proposals"]["p1"]
    # p1 contains money, so the ratifier r must accept: its utility 0.4 < 0.5
    assert "r" in p1["required"]
    assert not p1["acceptable"]
    assert [r["party"] for r in p1["rejected_by"]] == ["r"]
    assert abs(p1["margins"]["r"] - (0.4 - 0.5)) < 1e-12
    # the observed stance of b (rejected) disagrees with the model (b's margin is positive)
    assert p1["observed_agreement"] == {"a": True, "b": False}
    assert p1["repairs"] and p1["repair_distance"] == 1


def test_genius_directory_is_a_scenario() -> None:
    scenario = parley.load_scenario(FIXTURES / "genius" / "Laptop")
    doc = parley.analyze(scenario).to_dict()
    _validator().validate(doc)
    assert len(doc["frontier"]) == 4


def test_milp_method_output_validates() -> None:
    scenario = parley.load_scenario(FIXTURES / "toy.yaml")
    try:
        doc = parley.analyze(scenario, method="milp").to_dict()
    except ImportError:  # pragma: no cover - MILP module not built yet
        return
    _validator().validate(doc)
    assert doc["frontier"] == [] and doc["frontier_enumerated"] is False


def test_space_beyond_max_enumerate_is_sampled_and_says_so() -> None:
    scenario = parley.load_scenario(FIXTURES / "toy.yaml")
    exact = parley.analyze(scenario).to_dict()
    doc = parley.analyze(scenario, max_enumerate=5, seed=7).to_dict()
    _validator().validate(doc)
    assert doc["space"]["enumerated"] is False
    assert doc["zopa"]["exact"] is False and doc["zopa"]["size"] is None
    # 95% Wilson interval from 200,000 draws comfortably contains the exact share (3/15)
    assert doc["zopa"]["share_low"] <= exact["zopa"]["share"] <= doc["zopa"]["share_high"]
    assert any("estimated" in note for note in doc["notes"])
    # the frontier is still exact: folding never enumerates the space
    assert doc["frontier"] == exact["frontier"]
    # the same seed gives the same estimate
    again = parley.analyze(scenario, max_enumerate=5, seed=7).to_dict()
    assert again["zopa"] == doc["zopa"]


def test_reservation_from_the_no_deal_package() -> None:
    import yaml

    doc = yaml.safe_load((FIXTURES / "toy.yaml").read_text(encoding="utf-8"))
    doc["no_deal"] = {"description": "fighting goes on",
                      "package": {"land": "all_b", "money": "none", "guarantee": "no"}}
    doc["preferences"]["a"]["reservation"] = {"no_deal": True}
    scenario = parley.scenario_from_dict(doc)
    # a's utility of the no-deal package: 0.5*0 + 0.3*0 + 0.2*0 - 0.1 (interaction) = -0.1
    assert abs(scenario.reservation[scenario.party_index("a")] - (-0.1)) < 1e-12
    # the other parties keep their stated numbers
    assert scenario.reservation[scenario.party_index("b")] == 0.35

"""The scenario's ``durability`` section, its located errors, and the JSON contract."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

import parley
from parley.durability import analyze_durability
from parley.errors import ScenarioError

TOY = Path(__file__).resolve().parent.parent / "fixtures" / "toy.yaml"
YEARS = ("1", "2", "5", "10")

SECTION = """
durability:
  note: toy mapping
  mappings:
    - when: {guarantee: "yes"}
      covariates: {peacekeepers: 1}
      source: made_up
    - when: {money: [some, lots]}
      covariates: {ceasefire_only: 1}
      judgment: "money first, politics later"
"""


def toy_with(tmp_path: Path, section: str) -> Path:
    path = tmp_path / "toy_durability.yaml"
    path.write_text(TOY.read_text(encoding="utf-8") + section, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[parley.Problem]:
    with pytest.raises(ScenarioError) as info:
        parley.load_scenario(path)
    return info.value.problems


def assert_band_block(block: dict[str, dict[str, float]]) -> None:
    assert set(block) == set(YEARS)
    for year in YEARS:
        band = block[year]
        assert set(band) == {"mean", "low", "high"}
        assert 0 <= band["low"] <= band["mean"] <= band["high"] <= 1
    means = [block[y]["mean"] for y in YEARS]
    assert means == sorted(means)  # risk accumulates


def test_json_contract_on_the_default_scenario() -> None:
    scenario = parley.load_scenario()
    doc = json.loads(json.dumps(analyze_durability(scenario, seed=1, samples=2000).to_dict()))
    assert set(doc["proposals"]) == {p.id for p in scenario.proposals}
    for entry in doc["proposals"].values():
        assert_band_block(entry["p_renewed_war"])
        for effect in entry["active_effects"]:
            assert effect["evidence"] in ("interstate", "civil_war", "judgment", "direction_only")
            assert effect["applied"] == (effect["evidence"] != "direction_only")
    assert set(doc["solutions"]) == {"nash", "nash_weighted", "kalai_smorodinsky",
                                     "egalitarian", "utilitarian"}
    for entry in doc["solutions"].values():
        assert entry is not None
        assert_band_block(entry["p_renewed_war"])
    assert doc["baseline"]["lambda"] == pytest.approx(73.22, abs=0.005)
    assert doc["baseline"]["rho"] == pytest.approx(0.628, abs=0.0005)
    assert doc["baseline"]["n"] == 33 and doc["baseline"]["events"] == 14
    assert doc["uncertainty"] == {**doc["uncertainty"], "samples": 2000, "seed": 1}
    assert any("Lo, Hashimoto & Reiter" in text for text in doc["contested"])
    # peacekeepers on: civil-war evidence, and lower risk than the baseline
    e3 = doc["proposals"]["e3_counterproposal_2025_11"]
    pk = next(e for e in e3["active_effects"] if e["covariate"] == "peacekeepers")
    assert pk["evidence"] == "civil_war" and pk["hazard_ratio"] == pytest.approx(0.426, abs=0.001)
    ref = doc["reference"]["p_renewed_war"]
    assert all(e3["p_renewed_war"][y]["mean"] < ref[y]["mean"] for y in YEARS)
    # no provision with a number: exactly the baseline
    russia = doc["proposals"]["russia_june_2024"]
    assert russia["p_renewed_war"] == ref
    assert "peacekeepers" not in russia["covariates"]


def test_seeded_results_are_reproducible() -> None:
    scenario = parley.load_scenario(TOY)
    one = analyze_durability(scenario, seed=3, samples=500).to_dict()
    two = analyze_durability(scenario, seed=3, samples=500).to_dict()
    other = analyze_durability(scenario, seed=4, samples=500).to_dict()
    assert one == two
    assert one["reference"]["p_renewed_war"] != other["reference"]["p_renewed_war"]


def test_without_a_section_every_package_is_the_baseline() -> None:
    doc = analyze_durability(parley.load_scenario(TOY), samples=300).to_dict()
    assert doc["proposals"]["p1"]["covariates"] == {}
    assert doc["proposals"]["p1"]["p_renewed_war"] == doc["reference"]["p_renewed_war"]
    assert doc["note"] is None


def test_mappings_apply_to_matching_packages(tmp_path: Path) -> None:
    scenario = parley.load_scenario(toy_with(tmp_path, SECTION))
    doc = analyze_durability(scenario, samples=300).to_dict()
    p1, p2 = doc["proposals"]["p1"], doc["proposals"]["p2"]
    assert p1["covariates"] == {"peacekeepers": 1.0, "ceasefire_only": 1.0}
    assert [m["index"] for m in p1["mappings"]] == [0, 1]
    assert p1["mappings"][1]["judgment"] == "money first, politics later"
    assert p2["covariates"] == {}
    assert p1["hazard_multiplier"] == pytest.approx(0.426, abs=0.001)
    # the section's numbers are in the assumptions ledger
    paths = {e.path: e for e in scenario.ledger}
    assert paths["durability.mappings[0].covariates.peacekeepers"].source == "made_up"
    assert paths["durability.mappings[1].covariates.ceasefire_only"].judgment


def test_scenario_supplied_effect_is_a_judgment(tmp_path: Path) -> None:
    section = SECTION + """  effects:
    ceasefire_only:
      hazard_ratio: {value: 2.0, range: [1.0, 4.0]}
      judgment: "an armistice leaves the causes unresolved"
"""
    doc = analyze_durability(parley.load_scenario(toy_with(tmp_path, section)),
                             samples=2000).to_dict()
    cf = next(e for e in doc["proposals"]["p1"]["active_effects"]
              if e["covariate"] == "ceasefire_only")
    assert cf["applied"] and cf["evidence"] == "judgment" and cf["contested"]
    assert cf["ci95"] == pytest.approx([1.0, 4.0])
    assert doc["proposals"]["p1"]["hazard_multiplier"] == pytest.approx(0.426 * 2.0, abs=0.002)
    assert doc["effects"]["ceasefire_only"]["evidence"][-1]["evidence"] == "judgment"
    assert math.isclose(doc["effects"]["peacekeepers"]["hazard_ratio"], math.exp(-0.853))


@pytest.mark.parametrize(("section", "path", "message"), [
    ("""
durability:
  mappings:
    - when: {guarantee: maybe}
      covariates: {peacekeepers: 1}
      source: made_up
""", "durability.mappings[0].when.guarantee", "unknown option 'maybe' of issue 'guarantee'"),
    ("""
durability:
  mappings:
    - when: {guarantee: "yes"}
      covariates: {peacekeeper: 1}
      source: made_up
""", "durability.mappings[0].covariates.peacekeeper",
     "unknown covariate 'peacekeeper' (did you mean 'peacekeepers'?)"),
    ("""
durability:
  mappings:
    - when: {guarantees: "yes"}
      covariates: {peacekeepers: 1}
      source: made_up
""", "durability.mappings[0].when.guarantees", "unknown issue 'guarantees'"),
    ("""
durability:
  mappings:
    - when: {guarantee: "yes"}
      covariates: {peacekeepers: 1}
""", "durability.mappings[0]", "neither a `source` nor a `judgment`"),
    ("""
durability:
  mappings:
    - when: {guarantee: "yes"}
      covariates: {peacekeepers: 1}
      source: nowhere
""", "durability.mappings[0].source", "unknown source 'nowhere'"),
    ("""
durability:
  mappings:
    - when: {guarantee: "yes"}
      covariates: {peacekeepers: 2}
      source: made_up
""", "durability.mappings[0].covariates.peacekeepers", "between 0 (absent) and 1"),
    ("""
durability:
  effects:
    fog:
      hazard_ratio: {value: 0, judgment: "x"}
""", "durability.effects.fog.hazard_ratio", "must be positive"),
    ("""
durability:
  effects:
    fog:
      hazard_ratio: 0.5
      evidence: civil_war
      judgment: "x"
""", "durability.effects.fog", "needs a `source`"),
])
def test_bad_section_gives_located_errors(tmp_path: Path, section: str, path: str,
                                          message: str) -> None:
    problems = problems_of(toy_with(tmp_path, section))
    hits = [p for p in problems if p.path == path and message in p.message]
    assert hits, [p.format() for p in problems]
    assert hits[0].line is not None and hits[0].line > 80  # inside the appended section
    assert hits[0].file is not None and hits[0].file.endswith("toy_durability.yaml")


def test_schema_errors_in_the_section_are_located(tmp_path: Path) -> None:
    problems = problems_of(toy_with(tmp_path, """
durability:
  mappings:
    - when: {guarantee: "yes"}
      covariates: {peacekeepers: 1}
      sauce: made_up
"""))
    assert any(p.path.startswith("durability.mappings[0]") and "unknown field `sauce`"
               in p.message and p.line for p in problems), [p.format() for p in problems]


def test_defined_covariate_can_be_mapped(tmp_path: Path) -> None:
    scenario = parley.load_scenario(toy_with(tmp_path, """
durability:
  source: made_up
  mappings:
    - when: {land: split}
      covariates: {joint_patrols: 1}
  effects:
    joint_patrols:
      hazard_ratio: {value: 0.8, judgment: "patrols reduce incidents"}
      label: Joint patrols
"""))
    doc = analyze_durability(scenario, samples=300).to_dict()
    active = doc["proposals"]["p1"]["active_effects"]
    assert [(a["covariate"], a["evidence"], a["label"]) for a in active] == [
        ("joint_patrols", "judgment", "Joint patrols")]
    assert doc["proposals"]["p1"]["mappings"][0]["source"] == "made_up"


def test_check_durability_section_without_locations() -> None:
    from parley.durability.mapping import check_durability_section

    doc = parley.load_scenario(TOY).doc.model_copy(update={"durability": None})
    check_durability_section(doc)  # no section: nothing to report
    bad = doc.model_validate({**doc.model_dump(by_alias=True, exclude_none=True),
                              "durability": {"mappings": [{"when": {"land": "split"},
                                                           "covariates": {"fog": 1},
                                                           "judgment": "x"}]}})
    with pytest.raises(ScenarioError, match="unknown covariate 'fog'") as info:
        check_durability_section(bad)
    assert info.value.problems[0].path == "durability.mappings[0].covariates.fog"
    assert info.value.problems[0].line is None

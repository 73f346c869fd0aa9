"""Tests for the GENIUS / ANAC domain importer (:mod:`parley.interop.genius`).

The references in ``tests/fixtures/genius/negmas_reference`` were computed with NegMAS
0.16.0 (see ``tests/fixtures/genius/SOURCES.md``). Variant ``raw`` is what
``negmas.inout.Scenario.load`` reads (``normalize=False``), ``genius_normalized`` divides
each evaluation by its issue's maximum (``normalize=True``), and ``genius_normalized_rv``
adds synthetic reservation values (``rv_rule.rv``) to ``genius_normalized``.
"""

from __future__ import annotations

import copy
import io
import json
import math
import shutil
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from parley import analyze
from parley.errors import ScenarioError
from parley.interop.genius import read_genius_dir, write_scenario_yaml
from parley.scenario import scenario_from_dict, yamlio
from parley.scenario.schema import ScenarioDoc

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "genius"
REFERENCE = FIXTURES / "negmas_reference"
KILLER_ROBOT = FIXTURES / "group9-killer_robot"
LAPTOP = FIXTURES / "Laptop"

CASES = sorted(entry["case"] for entry in json.loads((REFERENCE / "index.json").read_text()))
#: reference variant -> ``normalize`` argument of read_genius_dir
IMPORT_VARIANTS = {"raw": False, "genius_normalized": True}
ALL_VARIANTS = ["raw", "genius_normalized", "genius_normalized_rv"]
TOL = 1e-9

Doc = dict[str, Any]


# --------------------------------------------------------------------------- helpers


@cache
def reference(case: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((REFERENCE / f"{case}.json").read_text())
    return data


def domain_dir(case: str) -> Path:
    return FIXTURES / Path(reference(case)["source"]["path"]).name


def party_ids(case: str) -> list[str]:
    """Party ids in the reference's party order (ids are the file names without .xml)."""
    return [Path(name).stem for name in reference(case)["source"]["ufun_files_in_party_order"]]


@cache
def _imported(folder: Path, normalize: bool) -> Doc:
    return read_genius_dir(folder, normalize=normalize)


def imported(folder: Path, normalize: bool) -> Doc:
    """A fresh copy of an imported document (the cached one must stay untouched)."""
    return copy.deepcopy(_imported(folder, normalize))


def document_for(case: str, variant: str) -> Doc:
    """The imported document for a reference variant, with its reservation values."""
    doc = imported(domain_dir(case), variant != "raw")
    if variant == "genius_normalized_rv":
        rvs = reference(case)["variants"][variant]["rv_rule"]["rv"]
        for party, rv in zip(party_ids(case), rvs, strict=True):
            doc["preferences"][party]["reservation"] = rv
    return doc


def utility(doc: Doc, party: str, package: dict[str, str]) -> float:
    """u_p(x) = sum_i w_i * v_i[x_i], straight from the document."""
    pref = doc["preferences"][party]
    total = 0.0
    for issue in doc["issues"]:
        key = issue["id"]
        total += pref["weights"][key] * pref["values"][key][package[key]]
    return total


def package_of(doc: Doc, outcome: list[str]) -> dict[str, str]:
    """A reference outcome (value strings in issue order) as ``{issue id: option id}``."""
    return {issue["id"]: value for issue, value in zip(doc["issues"], outcome, strict=True)}


def utility_table(doc: Doc, party: str) -> np.ndarray:
    """The party's utility of every package, as an array with one axis per issue."""
    pref = doc["preferences"][party]
    n = len(doc["issues"])
    total = np.zeros((1,) * n)
    for axis, issue in enumerate(doc["issues"]):
        key = issue["id"]
        weight, values = pref["weights"][key], pref["values"][key]
        column = np.array([weight * values[option["id"]] for option in issue["options"]])
        shape = [1] * n
        shape[axis] = column.size
        total = total + column.reshape(shape)
    return total


def unique_vectors(vectors: list[list[float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for vec in vectors:
        if not any(np.allclose(vec, seen, rtol=0, atol=TOL) for seen in out):
            out.append(vec)
    return out


def same_vector_sets(ours: list[list[float]], theirs: list[list[float]]) -> bool:
    """Equal as sets of vectors, comparing entries to within TOL."""
    a, b = unique_vectors(ours), unique_vectors(theirs)
    covered = all(any(np.allclose(x, y, rtol=0, atol=TOL) for y in b) for x in a)
    return covered and all(any(np.allclose(x, y, rtol=0, atol=TOL) for y in a) for x in b)


case_variant = pytest.mark.parametrize(
    ("case", "variant"),
    [pytest.param(c, v, id=f"{c}-{v}") for c in CASES for v in IMPORT_VARIANTS],
)


# --------------------------------------------------------------------------- reference cases


def test_every_reference_case_has_its_domain() -> None:
    assert len(CASES) == 6
    for case in CASES:
        assert domain_dir(case).is_dir(), case


@pytest.mark.parametrize("case", CASES)
def test_issues_and_parties_match_reference(case: str) -> None:
    doc = imported(domain_dir(case), True)
    ref = reference(case)
    assert doc["parley"] == 1
    assert doc["id"] == domain_dir(case).name
    assert [(i["id"], i["name"]) for i in doc["issues"]] == [
        (i["name"], i["name"]) for i in ref["issues"]
    ]
    for issue, ref_issue in zip(doc["issues"], ref["issues"], strict=True):
        assert [o["id"] for o in issue["options"]] == ref_issue["values"]
        assert [o["label"] for o in issue["options"]] == ref_issue["values"]
    # parties: the utility files in sorted file-name order
    assert [p["id"] for p in doc["parties"]] == sorted(party_ids(case))
    for party in doc["parties"]:
        assert party["name"] == party["id"]
        assert party["role"] == "party"
        assert party["veto"] is True
    # every number is sourced
    source_ids = [s["id"] for s in doc["sources"]]
    assert source_ids == [f"genius_{domain_dir(case).name}"]
    assert ref["source"]["domain_file"] in doc["sources"][0]["citation"]
    assert "GENIUS / ANAC" in doc["sources"][0]["citation"]
    assert all(p["source"] == source_ids[0] for p in doc["preferences"].values())


@pytest.mark.parametrize("case", CASES)
def test_discount_factor_is_recorded_in_description(case: str) -> None:
    doc = imported(domain_dir(case), True)
    meta = reference(case)["source"]["per_party_xml_metadata"]
    by_id = {p["id"]: p for p in doc["parties"]}
    for party, info in zip(party_ids(case), meta, strict=True):
        text = by_id[party]["description"]
        assert f"{party}.xml" in text
        if info["discount_factor_in_file"] is None:
            assert "no discount factor" in text
        else:
            assert f"discount factor {info['discount_factor_in_file']:g}" in text
            assert "ignored" in text


@case_variant
def test_weights_and_evaluations_match_reference(case: str, variant: str) -> None:
    doc = imported(domain_dir(case), IMPORT_VARIANTS[variant])
    ref_parties = reference(case)["variants"][variant]["parties"]
    for party, ref in zip(party_ids(case), ref_parties, strict=True):
        assert ref["name"] == party
        pref = doc["preferences"][party]
        assert pref["weights"] == pytest.approx(ref["weights"], rel=0, abs=1e-15)
        assert list(pref["values"]) == list(ref["evaluations"])
        for issue, evaluations in ref["evaluations"].items():
            assert pref["values"][issue] == pytest.approx(evaluations, rel=0, abs=1e-15)
        assert pref["reservation"] == ref["reservation_value"]


@case_variant
def test_reference_utilities_follow_from_document(case: str, variant: str) -> None:
    doc = imported(domain_dir(case), IMPORT_VARIANTS[variant])
    ref = reference(case)["variants"][variant]
    parties = party_ids(case)
    points = list(ref["pareto_frontier"])
    for key in ("nash", "kalai_smorodinsky", "kalai_egalitarian", "max_welfare"):
        points += [
            {"outcome": o, "utilities": u}
            for o, u in zip(ref[key]["outcomes"], ref[key]["utilities"], strict=True)
        ]
    assert points
    for point in points:
        package = package_of(doc, point["outcome"])
        ours = [utility(doc, p, package) for p in parties]
        assert ours == pytest.approx(point["utilities"], rel=0, abs=TOL), point["outcome"]


@case_variant
def test_utility_ranges_by_brute_force(case: str, variant: str) -> None:
    doc = imported(domain_dir(case), IMPORT_VARIANTS[variant])
    ref = reference(case)
    for party, (low, high) in zip(
        party_ids(case), ref["variants"][variant]["utility_ranges_min_max"], strict=True
    ):
        table = utility_table(doc, party)
        assert table.size == ref["n_outcomes"]
        assert float(table.min()) == pytest.approx(low, rel=0, abs=TOL)
        assert float(table.max()) == pytest.approx(high, rel=0, abs=TOL)


@pytest.mark.parametrize("folder", sorted(p for p in FIXTURES.iterdir() if p.is_dir()
                                          and p.name != "negmas_reference"), ids=lambda p: p.name)
@pytest.mark.parametrize("normalize", [True, False], ids=["normalized", "raw"])
def test_documents_fit_the_scenario_schema(folder: Path, normalize: bool) -> None:
    doc = imported(folder, normalize)
    parsed = ScenarioDoc.model_validate(doc)
    assert parsed.id == folder.name
    assert len(parsed.parties) == len(doc["preferences"])


@pytest.mark.parametrize("folder", sorted(p for p in FIXTURES.iterdir() if p.is_dir()
                                          and p.name != "negmas_reference"), ids=lambda p: p.name)
def test_documents_pass_full_scenario_checks(folder: Path, tmp_path: Path) -> None:
    doc = imported(folder, True)
    scenario = scenario_from_dict(doc, str(folder))
    n_packages = math.prod(len(issue["options"]) for issue in doc["issues"])
    assert scenario.n_packages == n_packages
    # and the written YAML file reads back as the same scenario document
    out = tmp_path / "scenario.yaml"
    write_scenario_yaml(doc, out)
    assert yamlio.load_yaml_file(out).data == doc


# --------------------------------------------------------------------------- KillerRobot


def test_killer_robot_imports_with_integer_issues() -> None:
    for normalize in (True, False):
        doc = imported(KILLER_ROBOT, normalize)
        assert [p["id"] for p in doc["parties"]] == [f"KillerRobot_util{i}" for i in range(1, 6)]
        issues = {i["id"]: i for i in doc["issues"]}
        assert [o["id"] for o in issues["Guns"]["options"]] == [str(k) for k in range(1, 11)]
        assert [o["id"] for o in issues["Height (m)"]["options"]] == [
            str(k) for k in range(1, 51)
        ]
        for pref in doc["preferences"].values():
            assert set(pref["values"]) == set(issues)
            for key, table in pref["values"].items():
                assert list(table) == [o["id"] for o in issues[key]["options"]]
                assert all(math.isfinite(v) for v in table.values())
                if normalize:
                    assert all(0.0 <= v <= 1.0 for v in table.values())


def test_killer_robot_integer_evaluator_genius_semantics() -> None:
    """normalize=True follows GENIUS EvaluatorInteger: clip(offset + slope*(x - lb), 0, 1)."""
    doc = imported(KILLER_ROBOT, True)
    guns = {p: doc["preferences"][f"KillerRobot_util{p}"]["values"]["Guns"] for p in range(1, 6)}
    # util1: slope -0.0444.. (= -0.4/9), offset 1.0 -> 1.0 at the lower bound, 0.6 at 10
    assert guns[1]["1"] == 1.0
    assert guns[1]["10"] == pytest.approx(0.6, abs=1e-12)
    # util2: slope 1/9, offset 0 -> 0 .. 1
    assert guns[2]["1"] == 0.0
    assert guns[2]["10"] == pytest.approx(1.0, abs=1e-12)
    # util3: slope 0.1, offset 0.1 -> 0.1 .. 1.0
    assert guns[3]["1"] == pytest.approx(0.1, abs=1e-12)
    assert guns[3]["10"] == pytest.approx(1.0, abs=1e-12)
    height = doc["preferences"]["KillerRobot_util1"]["values"]["Height (m)"]
    # util1 height: slope -0.6/49, offset 1.0 -> 0.4 at 50
    assert height["50"] == pytest.approx(0.4, abs=1e-12)
    # discrete issues are still divided by their maximum (util1 Torso: 2, 3, 1)
    torso = doc["preferences"]["KillerRobot_util1"]["values"]["Torso"]
    assert torso == pytest.approx({"Humanoid": 2 / 3, "Block": 1.0, "Spherical": 1 / 3})


def test_killer_robot_integer_evaluator_negmas_semantics() -> None:
    """normalize=False follows NegMAS make_fun_from_xml: offset + slope*x, x unshifted."""
    doc = imported(KILLER_ROBOT, False)
    guns2 = doc["preferences"]["KillerRobot_util2"]["values"]["Guns"]
    assert guns2["1"] == pytest.approx(1 / 9, abs=1e-12)
    assert guns2["10"] == pytest.approx(10 / 9, abs=1e-12)  # above 1: NegMAS does not clip
    torso = doc["preferences"]["KillerRobot_util1"]["values"]["Torso"]
    assert torso == {"Humanoid": 2.0, "Block": 3.0, "Spherical": 1.0}


def test_killer_robot_matches_negmas_loader() -> None:
    inout = pytest.importorskip("negmas.inout")
    scenario = inout.Scenario.load(KILLER_ROBOT, ignore_discount=True)
    ufuns = {u.name: u for u in scenario.ufuns}
    doc = imported(KILLER_ROBOT, False)
    integer_issues = {"Guns", "Height (m)"}
    rng = np.random.default_rng(20240611)
    packages = [
        {i["id"]: i["options"][0]["id"] for i in doc["issues"]},
        {i["id"]: i["options"][-1]["id"] for i in doc["issues"]},
    ]
    for _ in range(25):
        packages.append({
            i["id"]: i["options"][int(rng.integers(len(i["options"])))]["id"]
            for i in doc["issues"]
        })
    assert set(ufuns) == set(doc["preferences"])
    for package in packages:
        outcome = tuple(
            int(package[i["id"]]) if i["id"] in integer_issues else package[i["id"]]
            for i in doc["issues"]
        )
        for party, ufun in ufuns.items():
            assert utility(doc, party, package) == pytest.approx(
                float(ufun(outcome)), rel=0, abs=1e-12
            ), (party, outcome)


# --------------------------------------------------------------------------- bad input


def _copy_laptop(tmp_path: Path) -> Path:
    target = tmp_path / "Laptop"
    shutil.copytree(LAPTOP, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _error(folder: Path, normalize: bool = True) -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        read_genius_dir(folder, normalize=normalize)
    return info.value


def test_missing_directory(tmp_path: Path) -> None:
    err = _error(tmp_path / "nowhere")
    assert "not found" in str(err)
    assert "nowhere" in str(err)


def test_empty_directory(tmp_path: Path) -> None:
    err = _error(tmp_path)
    assert "no XML files" in str(err)
    assert str(tmp_path) in str(err)


def test_only_a_domain_file(tmp_path: Path) -> None:
    shutil.copy(LAPTOP / "laptop_domain.xml", tmp_path)
    err = _error(tmp_path)
    assert "no utility files" in str(err)
    assert "laptop_domain.xml" in str(err)


def test_no_domain_file(tmp_path: Path) -> None:
    folder = _copy_laptop(tmp_path)
    (folder / "laptop_domain.xml").unlink()
    err = _error(folder)
    assert "missing domain file" in str(err)


def test_two_domain_files(tmp_path: Path) -> None:
    folder = _copy_laptop(tmp_path)
    shutil.copy(folder / "laptop_domain.xml", folder / "another_domain.xml")
    err = _error(folder)
    assert "more than one domain file" in str(err)
    assert "another_domain.xml" in str(err) and "laptop_domain.xml" in str(err)


def test_malformed_xml_names_file_and_line(tmp_path: Path) -> None:
    folder = _copy_laptop(tmp_path)
    _edit(folder / "laptop_seller_utility.xml", "</issue>", "</isue>")
    err = _error(folder)
    assert len(err.problems) == 1
    problem = err.problems[0]
    assert problem.file is not None and problem.file.endswith("laptop_seller_utility.xml")
    assert problem.line is not None and problem.line > 1
    assert "malformed XML" in problem.message
    assert f"laptop_seller_utility.xml:{problem.line}:" in str(err)


def test_issue_name_mismatch(tmp_path: Path) -> None:
    folder = _copy_laptop(tmp_path)
    _edit(folder / "laptop_seller_utility.xml", 'name="Harddisk"', 'name="Hard disk"')
    err = _error(folder)
    text = str(err)
    assert "laptop_seller_utility.xml" in text
    assert "'Hard disk' is not in the domain file laptop_domain.xml" in text
    assert "'Harddisk'" in text and "missing" in text
    assert all(p.file and p.file.endswith("laptop_seller_utility.xml") for p in err.problems)
    assert any(p.line is not None for p in err.problems)


def test_weight_index_without_issue(tmp_path: Path) -> None:
    folder = _copy_laptop(tmp_path)
    _edit(folder / "laptop_buyer_utility.xml", '<weight index="3"', '<weight index="7"')
    text = str(_error(folder))
    assert "laptop_buyer_utility.xml" in text
    assert "weight index 7 matches no issue" in text


def test_unknown_item_value(tmp_path: Path) -> None:
    folder = _copy_laptop(tmp_path)
    _edit(folder / "laptop_buyer_utility.xml", 'value="Dell"', 'value="Dell XPS"')
    text = str(_error(folder, normalize=False))
    assert "laptop_buyer_utility.xml" in text
    assert "unknown value 'Dell XPS'" in text
    assert "no evaluation for 'Dell'" in text


def test_bad_evaluation_number(tmp_path: Path) -> None:
    folder = _copy_laptop(tmp_path)
    text = (folder / "laptop_buyer_utility.xml").read_text()
    start = text.index('evaluation="', text.index('value="Dell"'))
    end = text.index('"', start + len('evaluation="'))
    (folder / "laptop_buyer_utility.xml").write_text(
        text[:start] + 'evaluation="lots"' + text[end + 1:])
    err = _error(folder)
    assert "finite number" in str(err) and "'lots'" in str(err)


def test_real_valued_issue_is_refused(tmp_path: Path) -> None:
    (tmp_path / "domain.xml").write_text(
        '<negotiation_template><utility_space><objective index="0" name="root">\n'
        '<issue index="1" name="Price" type="real" vtype="real" lowerbound="0" '
        'upperbound="1"></issue>\n'
        "</objective></utility_space></negotiation_template>\n")
    (tmp_path / "a.xml").write_text(
        '<utility_space><objective index="0" name="root">\n'
        '<issue index="1" name="Price" type="real" vtype="real">'
        '<evaluator ftype="linear" slope="1" offset="0"/></issue>\n'
        '<weight index="1" value="1"/></objective></utility_space>\n')
    err = _error(tmp_path)
    assert "real-valued" in str(err)
    assert "domain.xml:2" in str(err)


def test_unknown_root_element(tmp_path: Path) -> None:
    folder = _copy_laptop(tmp_path)
    (folder / "notes.xml").write_text("<notes>hello</notes>")
    err = _error(folder)
    assert "notes.xml" in str(err) and "<notes>" in str(err)


def test_domain_found_without_template_root(tmp_path: Path) -> None:
    """A domain written as <utility_space> without evaluations is still recognised."""
    folder = _copy_laptop(tmp_path)
    text = (folder / "laptop_domain.xml").read_text()
    (folder / "laptop_domain.xml").write_text(
        text.replace("<negotiation_template>", "").replace("</negotiation_template>", ""))
    doc = read_genius_dir(folder)
    assert doc == _imported(LAPTOP, True)


# --------------------------------------------------------------------------- YAML writing


@pytest.mark.parametrize("folder", sorted(p for p in FIXTURES.iterdir() if p.is_dir()
                                          and p.name != "negmas_reference"), ids=lambda p: p.name)
def test_yaml_round_trip(folder: Path, tmp_path: Path) -> None:
    for normalize in (True, False):
        doc = imported(folder, normalize)
        out = tmp_path / f"{folder.name}.yaml"
        write_scenario_yaml(doc, out)
        text = out.read_text(encoding="utf-8")
        assert yaml.safe_load(text) == doc
        assert "{" not in text.split("\n", 1)[0]  # block style, starts with `parley: 1`
        assert text.startswith("parley: 1\nid: ")


def test_yaml_round_trip_tricky_text(tmp_path: Path) -> None:
    tricky = [
        "yes", "no", "on", "off", "null", "~", "true", "1", "1.5", "1e5", "0o17", "0x1F",
        ".inf", "-", "- item", "a: b", "#hash", "it's", '"quoted"', "19'' LCD", "$100 Billion",
        "Ünïcödé – ok", "@at", "`tick`", "[x]", "{y}", "multi\nline", "tab\there", "=", "<<",
        "%pct", "!bang", "&amp", "*star",
    ]
    doc: Doc = {
        "parley": 1,
        "id": "tricky",
        "issues": [{"id": "i", "options": [{"id": t, "label": t} for t in tricky]}],
        "preferences": {"p": {"values": {"i": {t: float(k) / 3 for k, t in enumerate(tricky)}},
                              "reservation": 1e-300, "veto": True, "none": None}},
    }
    out = tmp_path / "tricky.yaml"
    write_scenario_yaml(doc, out)
    assert yaml.safe_load(out.read_text(encoding="utf-8")) == doc
    assert "Ünïcödé" in out.read_text(encoding="utf-8")
    assert yamlio.load_yaml_file(out).data == doc  # parley's own (YAML 1.2) reader agrees


def test_yaml_writer_accepts_a_text_stream(tmp_path: Path) -> None:
    doc = imported(LAPTOP, True)
    stream = io.StringIO()
    write_scenario_yaml(doc, stream)
    write_scenario_yaml(doc, str(tmp_path / "laptop.yaml"))
    assert stream.getvalue() == (tmp_path / "laptop.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(stream.getvalue()) == doc


def test_yaml_writer_refuses_non_plain_values(tmp_path: Path) -> None:
    with pytest.raises(TypeError):
        write_scenario_yaml({"x": np.float32(1.0)}, tmp_path / "bad.yaml")
    with pytest.raises(ValueError):
        write_scenario_yaml({"x": math.nan}, tmp_path / "nan.yaml")
    assert not list(tmp_path.iterdir())


# --------------------------------------------------------------------------- engine (end to end)

# These run once the bargaining engine exists: ``parley.scenario.scenario_from_dict`` and
# ``parley.analyze``. Conventions follow NegMAS (see negmas_reference/README.md): d = max(rv,
# min over the whole space); KS gains normalised by the max over the whole space; egalitarian
# = NegMAS "kalai" = argmax min(u - d); utilitarian = argmax sum u over the frontier.
# Travel (188,160 packages) is included on purpose: the engine is vectorised.

SOLUTIONS = {  # parley key -> reference key
    "nash": "nash",
    "kalai_smorodinsky": "kalai_smorodinsky",
    "egalitarian": "kalai_egalitarian",
    "utilitarian": "max_welfare",
}


def _engine() -> tuple[Callable[[Doc], Any], Callable[[Any], Any]]:
    return scenario_from_dict, analyze


@cache
def _analysis(case: str, variant: str) -> dict[str, Any]:
    scenario_from_dict, analyze = _engine()
    result: dict[str, Any] = analyze(scenario_from_dict(document_for(case, variant))).to_dict()
    return result


engine_cases = pytest.mark.parametrize(
    ("case", "variant"),
    [pytest.param(c, v, id=f"{c}-{v}") for c in CASES for v in ALL_VARIANTS],
)


@engine_cases
def test_engine_frontier_matches_negmas(case: str, variant: str) -> None:
    _engine()
    result = _analysis(case, variant)
    parties = party_ids(case)
    doc = document_for(case, variant)
    ours = []
    for point in result["frontier"]:
        vec = [point["utilities"][p] for p in parties]
        assert vec == pytest.approx(
            [utility(doc, p, point["package"]) for p in parties], rel=0, abs=TOL)
        ours.append(vec)
    theirs = [p["utilities"] for p in reference(case)["variants"][variant]["pareto_frontier"]]
    assert same_vector_sets(ours, theirs), (len(unique_vectors(ours)), len(theirs))


@engine_cases
@pytest.mark.parametrize("solution", list(SOLUTIONS))
def test_engine_solution_matches_negmas(case: str, variant: str, solution: str) -> None:
    _engine()
    result = _analysis(case, variant)
    parties = party_ids(case)
    ours = result["solutions"][solution]
    expected = reference(case)["variants"][variant][SOLUTIONS[solution]]["utilities"]
    if not expected:
        assert ours is None
        return
    assert ours is not None, f"{solution} missing"
    vec = [ours["utilities"][p] for p in parties]
    doc = document_for(case, variant)
    assert vec == pytest.approx(
        [utility(doc, p, ours["package"]) for p in parties], rel=0, abs=TOL)
    assert any(np.allclose(vec, ref, rtol=0, atol=TOL) for ref in expected), (vec, expected)

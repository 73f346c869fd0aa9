"""Bad ``dynamics:`` sections give located problems, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

import parley
from parley.errors import ScenarioError
from parley.scenario.load import default_scenario_path

DEFAULT = default_scenario_path().read_text(encoding="utf-8")


def problems_of(tmp_path: Path, old: str, new: str) -> list[parley.Problem]:
    assert DEFAULT.count(old) == 1, old
    path = tmp_path / "bad_dynamics.yaml"
    path.write_text(DEFAULT.replace(old, new), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        parley.load_scenario(path)
    return info.value.problems


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_unknown_party_in_sensitivities(tmp_path: Path) -> None:
    (p,) = problems_of(tmp_path, "    europe:\n      judgment: \"Europe's value",
                       "    eurpoe:\n      judgment: \"Europe's value")
    assert p.path == "dynamics.sensitivities.eurpoe"
    assert "did you mean 'europe'" in p.message
    assert p.line == line_of(DEFAULT, "    europe:\n      judgment: \"Europe's value")
    assert p.file is not None and p.file.endswith("bad_dynamics.yaml")


def test_out_of_bounds_parameter(tmp_path: Path) -> None:
    old = "      attrition:\n        value: 0.5\n        range: [0.3, 0.7]"
    (p,) = problems_of(tmp_path, old, old.replace("value: 0.5", "value: 0.5")
                       .replace("[0.3, 0.7]", "[0.3, 1.7]"))
    assert p.path == "dynamics.manpower.ukraine.attrition"
    assert "between 0 and 1" in p.message
    assert p.line == line_of(DEFAULT, old)


def test_number_without_provenance_and_unknown_source(tmp_path: Path) -> None:
    old = "      recruitment: {value: 35, range: [30, 40], source: ru_recruitment2025,"
    problems = problems_of(tmp_path, old, old.replace("ru_recruitment2025", "nowhere"))
    assert [p.path for p in problems] == ["dynamics.manpower.russia.recruitment.source"]
    assert "unknown source 'nowhere'" in problems[0].message
    old = "  discount:\n    value: 0.99\n    range: [0.97, 1.0]\n    judgment:"
    problems = problems_of(tmp_path, old, "  discount:\n    value: 0.99\n    range: [0.97, 1.0]\n"
                           "    note:")
    assert [p.path for p in problems] == ["dynamics.discount"]
    assert "neither a `source` nor a `judgment`" in problems[0].message


def test_unknown_state_variable_and_ripeness_party(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, "      europe_cost: {value: -0.0005,",
                           "      europe_costs: {value: -0.0005,")
    assert problems[0].path.startswith("dynamics.sensitivities.europe")
    problems = problems_of(tmp_path, "ripeness_parties: [ukraine, russia]",
                           "ripeness_parties: [ukraine, rusia]")
    assert [p.path for p in problems] == ["dynamics.ripeness_parties[1]"]


def test_cli_reports_bad_section_with_exit_code_2(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from parley.cli.main import app

    path = tmp_path / "bad.yaml"
    path.write_text(DEFAULT.replace("ripeness_parties: [ukraine, russia]",
                                    "ripeness_parties: [ukraine, rusia]"), encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(path)])
    assert result.exit_code == 2
    assert "dynamics.ripeness_parties[1]" in result.output
    assert "Traceback" not in result.output

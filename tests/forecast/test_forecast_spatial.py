"""The scenario ``spatial:`` section, its derived input, and the comparison with solutions."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml

from parley import load_scenario
from parley.errors import ScenarioError
from parley.forecast import run_smp
from parley.forecast.scenario_spatial import (
    compare_with_solutions,
    nearest_option,
    spatial_input,
)

DEFAULT = Path(__file__).resolve().parents[2] / "src" / "parley" / "data" / "default_scenario.yaml"


def test_default_positions_are_ideal_points_and_saliences_weights() -> None:
    sc = load_scenario(None)
    data = spatial_input(sc)
    assert data.actors == ("ukraine", "russia", "us", "europe", "us_congress")
    section = sc.doc.spatial
    assert section is not None
    for k, dim in enumerate(section.dimensions):
        q = sc.issues.index(dim.issue)
        for i, party in enumerate(data.actors):
            p = sc.parties.index(party)
            best = sc.options[q][int(np.argmax(sc.values[q][p]))]
            assert data.position[i, k] == pytest.approx(dim.scale[best])
            assert data.salience[i, k] == pytest.approx(100 * sc.weights[p, q])
    # each party's stated option values: Ukraine wants borders_1991 (0), Russia four oblasts
    t = data.dimensions.index("territory")
    assert data.position[0, t] == 0 and data.position[1, t] == 100
    assert data.capability == pytest.approx(sc.capability)


def test_default_forecast_within_positions_and_compared() -> None:
    sc = load_scenario(None)
    data = spatial_input(sc)
    fc = run_smp(data).forecast
    assert np.all(fc >= data.position.min(axis=0) - 1e-9)
    assert np.all(fc <= data.position.max(axis=0) + 1e-9)
    forecast = dict(zip(data.dimensions, fc, strict=True))
    rows = compare_with_solutions(sc, forecast, {"nash": {"territory": "current_line"},
                                                 "ks": None})
    terr = next(r for r in rows if r.dimension == "territory")
    assert terr.solutions == {"nash": "current_line", "ks": None}
    assert terr.solution_points["nash"] == 40.0
    assert terr.forecast_option == nearest_option(dict(sc.doc.spatial.dimensions[0].scale),
                                                  forecast["territory"])


def test_nearest_option() -> None:
    assert nearest_option({"a": 0.0, "b": 50.0, "c": 100.0}, 74.0) == "b"
    assert nearest_option({"a": 0.0, "b": 50.0}, 25.0) == "a"  # tie: first listed


def _edited(tmp_path: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    doc = yaml.safe_load(DEFAULT.read_text(encoding="utf-8"))
    edit(doc["spatial"])
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(("edit", "field", "message"), [
    (lambda s: s["dimensions"][0].update(issue="teritory"), "spatial.dimensions[0].issue",
     "did you mean 'territory'"),
    (lambda s: s["dimensions"][0]["scale"].pop("current_line"), "spatial.dimensions[0].scale",
     "missing: current_line"),
    (lambda s: s["dimensions"][0]["scale"].update(current_line=140),
     "spatial.dimensions[0].scale.current_line", "between 0 and 100"),
    (lambda s: s["actors"][0].update(party="ukrane"), "spatial.actors[0].party",
     "unknown party"),
    (lambda s: s["actors"][0].update(position={"territory": 20}),
     "spatial.actors[0].position.territory", "neither a `source` nor a `judgment`"),
    (lambda s: s["actors"][0].update(salience={"territory": {"value": 120, "judgment": "x"}}),
     "spatial.actors[0].salience.territory", "between 0 and 100"),
    (lambda s: s["actors"][0].update(position={"nope": {"value": 1, "judgment": "x"}}),
     "spatial.actors[0].position.nope", "unknown dimension"),
    (lambda s: s["dimensions"][1].pop("judgment"), "spatial.dimensions[1]",
     "neither a `source` nor a `judgment`"),
])
def test_located_errors(tmp_path: Path, edit, field: str, message: str) -> None:  # type: ignore[no-untyped-def]
    path = _edited(tmp_path, edit)
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    texts = [p.format() for p in info.value.problems]
    assert any(field in t and message in t and "s.yaml:" in t for t in texts), texts


def test_explicit_numbers_override_derivation(tmp_path: Path) -> None:
    def edit(s):  # type: ignore[no-untyped-def]
        s["actors"][0].update(position={"territory": {"value": 20, "judgment": "test"}},
                              salience={"territory": {"value": 50, "source": "kiis_polls"}},
                              capability={"value": 2.0, "judgment": "test"})
    sc = load_scenario(_edited(tmp_path, edit))
    data = spatial_input(sc)
    assert data.position[0, 0] == 20 and data.salience[0, 0] == 50 and data.capability[0] == 2
    assert any(e.path == "spatial.actors[0].position.territory" for e in sc.ledger)

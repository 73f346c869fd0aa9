"""``parley forecast`` on KTAB CSV files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parley.cli.main import app

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ktab"


@pytest.fixture
def dummy_csv(tmp_path: Path) -> Path:
    ref = json.loads((FIXTURES / "ktab_smp_dummyData_3Dim.json").read_text(encoding="utf-8"))
    path = tmp_path / "dummy.csv"
    path.write_text(ref["inputs_csv_verbatim"], encoding="utf-8")
    return path


def test_json_output(dummy_csv: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = CliRunner().invoke(app, ["forecast", str(dummy_csv), "--model", "ktab",
                                      "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["rounds"] == 10
    assert doc["positions"]["SActor-06"]["Pstn3"][-1] == pytest.approx(74.11, abs=0.01)
    assert set(doc["forecast"]) == {"Pstn1", "Pstn2", "Pstn3"}


def test_text_output(dummy_csv: Path) -> None:
    result = CliRunner().invoke(app, ["forecast", str(dummy_csv)])
    assert result.exit_code == 0, result.output
    assert "SActor-00" in result.output and "Forecast" in result.output


def test_bad_input_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("t,d,2,1\nActor,Description,Power,P,S\nA,a,1,50,10\nB,b,-3,20,10\n",
                   encoding="utf-8")
    result = CliRunner().invoke(app, ["forecast", str(bad)])
    assert result.exit_code == 2
    assert "bad.csv:4" in result.output and "capability" in result.output
    missing = CliRunner().invoke(app, ["forecast", str(tmp_path / "nope.csv")])
    assert missing.exit_code == 2


def test_unknown_model_exits_2(dummy_csv: Path) -> None:
    result = CliRunner().invoke(app, ["forecast", str(dummy_csv), "--model", "nope"])
    assert result.exit_code == 2


def test_eum_json_contract_on_csv(dummy_csv: Path, tmp_path: Path) -> None:
    out = tmp_path / "eum.json"
    result = CliRunner().invoke(app, ["forecast", str(dummy_csv), "--model", "eum",
                                      "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    n = doc["rounds"] + 1
    assert doc["model"] == "eum" and set(doc["forecast"]) == {"Pstn1", "Pstn2", "Pstn3"}
    for actor, series in doc["positions"].items():
        assert set(series) == {"Pstn1", "Pstn2", "Pstn3"}
        assert all(len(v) == n for v in series.values())
        assert len(doc["win_probability"][actor]["Pstn1"]) == n
    ref = json.loads((FIXTURES / "ktab_smp_dummyData_3Dim.json").read_text(encoding="utf-8"))
    assert "SActor-00" in doc["positions"]
    assert ref  # inputs are the KTAB dummy case
    for dim in ("Pstn1", "Pstn2", "Pstn3"):
        first = [doc["positions"][a][dim][0] for a in doc["actors"]]
        assert min(first) - 1e-9 <= doc["forecast"][dim] <= max(first) + 1e-9


def test_eum_options_reach_the_model(dummy_csv: Path) -> None:
    runner = CliRunner()
    docs = []
    for extra in ([], ["--eum-forecast", "mean", "--eum-probability", "contest",
                       "--eum-updates", "sequential", "--eum-risk", "own",
                       "--eum-capitulation", "--eum-offer-choice", "nearest"]):
        result = runner.invoke(app, ["forecast", str(dummy_csv), "--model", "eum", "-f",
                                     "json", *extra])
        assert result.exit_code == 0, result.output
        docs.append(json.loads(result.output))
    assert docs[0]["options"]["probability"] == "all-pairs"
    assert docs[1]["options"] == {"probability": "contest", "risk": "own", "forecast": "mean",
                                  "updates": "sequential", "capitulation": True,
                                  "offer_choice": "nearest", "max_rounds": 100, "tol": 1e-9}
    assert docs[1]["forecast_definition"].startswith("final mean")


@pytest.mark.parametrize("model", ["ktab", "eum"])
def test_default_scenario_without_arguments(model: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["forecast", "--model", model, "-f", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert "territory" in doc["forecast"] and "ukraine" in doc["positions"]
    rows = {r["dimension"]: r for r in doc["comparison"]}
    assert set(rows) == set(doc["dimensions"])
    assert rows["territory"]["solutions"]["nash"] == "current_line"
    text = CliRunner().invoke(app, ["forecast", "--model", model])
    assert text.exit_code == 0 and "bargaining solutions" in text.output
    md = CliRunner().invoke(app, ["forecast", "--model", model, "-f", "markdown"])
    assert md.exit_code == 0 and "| territory |" in md.output


def test_chart(dummy_csv: Path, tmp_path: Path) -> None:
    png = tmp_path / "f.png"
    result = CliRunner().invoke(app, ["forecast", str(dummy_csv), "--chart", str(png)])
    assert result.exit_code == 0, result.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_scenario_without_spatial_exits_2(tmp_path: Path) -> None:
    import yaml

    from parley.scenario import default_scenario_path

    doc = yaml.safe_load(default_scenario_path().read_text(encoding="utf-8"))
    del doc["spatial"]
    path = tmp_path / "nospatial.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    result = CliRunner().invoke(app, ["forecast", str(path)])
    assert result.exit_code == 2 and "spatial" in result.output


def test_import_ktab_round_trip(dummy_csv: Path, tmp_path: Path) -> None:
    """The imported scenario forecasts exactly as the CSV does (both models)."""
    scen = tmp_path / "dummy.yaml"
    result = CliRunner().invoke(app, ["import", "ktab", str(dummy_csv), "-o", str(scen)])
    assert result.exit_code == 0, result.output
    for model in ("ktab", "eum"):
        a = CliRunner().invoke(app, ["forecast", str(dummy_csv), "--model", model, "-f", "json"])
        b = CliRunner().invoke(app, ["forecast", str(scen), "--model", model, "-f", "json",
                                     "--no-compare"])
        assert a.exit_code == 0 and b.exit_code == 0, b.output
        da, db = json.loads(a.output), json.loads(b.output)
        assert da["rounds"] == db["rounds"]
        assert list(da["forecast"].values()) == pytest.approx(list(db["forecast"].values()))
        assert db["actors"] == da["actors"] and db["dimensions"] == da["dimensions"]
    full = CliRunner().invoke(app, ["forecast", str(scen), "-f", "json"])
    assert full.exit_code == 0, full.output
    assert json.loads(full.output)["comparison"]


def test_import_ktab_bad_csv_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("t,d,2,1\nActor,Description,Power,P,S\nA,a,1,50,10\nB,b,-3,20,10\n",
                   encoding="utf-8")
    result = CliRunner().invoke(app, ["import", "ktab", str(bad)])
    assert result.exit_code == 2 and "bad.csv:4" in result.output

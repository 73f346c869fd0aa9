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

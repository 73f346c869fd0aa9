"""``parley durability`` through a small Typer app (the lead registers it in the main app)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from parley.cli.durability import durability

TOY = Path(__file__).resolve().parent.parent / "fixtures" / "toy.yaml"

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
app.command()(durability)


@app.command()
def _other() -> None:
    """A second command, so that Typer keeps the command name as in the real app."""


def invoke(*args: str) -> Any:
    result = CliRunner().invoke(app, ["durability", *args])
    assert "Traceback" not in result.output, result.output
    return result


def test_json_output_follows_the_contract() -> None:
    result = invoke("--format", "json", "--samples", "1000", "--seed", "7")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["scenario"] == "russia_ukraine_default"
    assert doc["uncertainty"]["seed"] == 7 and doc["uncertainty"]["samples"] == 1000
    band = doc["proposals"]["us_28_point_plan_2025_11"]["p_renewed_war"]["10"]
    assert set(band) == {"mean", "low", "high"}
    assert doc["solutions"]["nash"]["p_renewed_war"]["1"]["mean"] > 0


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_text_and_markdown(fmt: str) -> None:
    result = invoke(str(TOY), "--format", fmt, "--samples", "300")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Contested" in out and "civil-war" in out
    if fmt == "markdown":
        assert out.startswith("# Durability: probability of renewed war (toy)")
        assert "| Split and some money |" in out


def test_output_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "durability.json"
    result = invoke(str(TOY), "--format", "json", "--samples", "200", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_text(encoding="utf-8"))["scenario"] == "toy"


def test_bad_section_exits_2_with_locations(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(TOY.read_text(encoding="utf-8") + """
durability:
  mappings:
    - when: {guarantee: perhaps}
      covariates: {peace_keepers: 1}
      source: made_up
""", encoding="utf-8")
    result = invoke(str(path))
    assert result.exit_code == 2
    assert "bad.yaml:82" in result.output
    assert "unknown option 'perhaps' of issue 'guarantee'" in result.output
    assert "unknown covariate 'peace_keepers'" in result.output


def test_bad_samples_and_missing_file_exit_2(tmp_path: Path) -> None:
    assert invoke("--samples", "0").exit_code == 2
    assert invoke(str(tmp_path / "missing.yaml")).exit_code == 2

"""``parley uncertainty`` end to end on the uncertain toy scenario (through a small Typer
app, as the main app's registration is a shared file)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml
from typer.testing import CliRunner
from uq_helpers import toy_dict

from parley.cli.uncertainty import uncertainty

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
app.command()(uncertainty)


@app.command()
def _other() -> None:
    """A second command, so that Typer keeps the command name as in the real app."""


@pytest.fixture(scope="module")
def toy_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("uq") / "toy.yaml"
    path.write_text(yaml.safe_dump(toy_dict(), sort_keys=False))
    return path


def run(*args: str) -> Any:
    result = CliRunner().invoke(app, ["uncertainty", *args])
    assert "Traceback" not in result.output, result.output
    return result


def _json(*args: str) -> dict[str, Any]:
    result = run(*args, "--format", "json", "--no-progress")
    assert result.exit_code == 0, result.output
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


def test_json_contract_and_worker_invariance(toy_file: Path) -> None:
    one = _json(str(toy_file), "--samples", "40", "--seed", "3", "--workers", "1")
    two = _json(str(toy_file), "--samples", "40", "--seed", "3", "--workers", "2",
                "--chunk-size", "9")
    assert one["samples"] == 40
    assert set(one["proposals"]) == {"p1", "p2"}
    assert all(0 <= e["p_acceptable"] <= 1 for e in one["proposals"].values())
    assert {"package", "share"} <= set(one["nash_frequency"][0])
    for doc in (one, two):
        doc.pop("run")
    assert one == two
    assert one["sensitivity"]["method"] == "tornado"


def test_sobol_and_chart(toy_file: Path, tmp_path: Path) -> None:
    chart = tmp_path / "uq.png"
    doc = _json(str(toy_file), "--samples", "20", "--workers", "1", "--sensitivity", "sobol",
                "--sobol-samples", "8", "--chart", str(chart))
    assert doc["sensitivity"]["evaluations"] == 8 * (len(doc["parameters"]) + 2)
    assert {o["output"] for o in doc["sensitivity"]["outputs"]} >= {"zopa_size", "nash_product"}
    assert chart.stat().st_size > 10_000


def test_text_output_lists_flips(toy_file: Path) -> None:
    result = run(str(toy_file), "--samples", "20", "--workers", "1", "--no-progress")
    assert result.exit_code == 0
    assert "P(acceptable)" in result.stdout and "Tornado" in result.stdout
    md = run(str(toy_file), "--samples", "20", "--workers", "1", "--no-progress", "-f",
             "markdown")
    assert md.exit_code == 0 and md.stdout.startswith("# Parameter uncertainty")
    assert "| proposal | P(acceptable)" in md.stdout


@pytest.mark.parametrize("args", [["--resume"], ["--samples", "0"],
                                  ["--sensitivity", "sobol", "--sobol-samples", "6"],
                                  ["--proposal", "nope"]])
def test_bad_options_exit_2(toy_file: Path, args: list[str]) -> None:
    base = [] if "--samples" in args else ["--samples", "4"]
    result = run(str(toy_file), *base, "--workers", "1", "--no-progress", *args)
    assert result.exit_code == 2


def test_bad_distribution_in_file_is_located(tmp_path: Path) -> None:
    doc = toy_dict()
    doc["preferences"]["a"]["reservation"] = {"value": 0.3, "range": [0.2, 0.4],
                                              "dist": "normal"}
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    result = run(str(path), "--samples", "4")
    assert result.exit_code == 2
    assert f"{path}:" in result.output and "needs `sd`" in result.output

"""Survival curves in the durability document and their chart."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from parley import load_scenario
from parley.charts.durability import draw_survival
from parley.cli.main import app
from parley.durability.analyze import analyze_durability


@pytest.fixture(scope="module")
def doc() -> dict:
    return analyze_durability(load_scenario(), samples=2_000, seed=3).to_dict()


def test_curve_matches_the_horizon_bands(doc: dict) -> None:
    # same draws: survival at t = horizon is 1 - P(renewed war by t), mean and both bounds
    for entry in [doc["reference"], *doc["proposals"].values()]:
        curve = entry["survival_curve"]
        years = np.asarray(curve["years"])
        for h in doc["horizons_years"]:
            k = int(np.flatnonzero(np.isclose(years, h))[0])
            band = entry["p_renewed_war"][str(h)]
            assert curve["mean"][k] == pytest.approx(1 - band["mean"], abs=1e-12)
            assert curve["low"][k] == pytest.approx(1 - band["high"], abs=1e-12)
            assert curve["high"][k] == pytest.approx(1 - band["low"], abs=1e-12)


def test_curve_is_a_survival_function(doc: dict) -> None:
    for entry in doc["proposals"].values():
        curve = entry["survival_curve"]
        mean = np.asarray(curve["mean"])
        assert mean[0] == 1.0 and np.all(np.diff(mean) <= 0)
        assert np.all(np.asarray(curve["low"]) <= mean + 1e-12)
        assert np.all(mean <= np.asarray(curve["high"]) + 1e-12)


def test_one_line_per_distinct_prediction(doc: dict) -> None:
    fig = draw_survival(doc)
    ax = fig.axes[0]
    entries = [doc["reference"], *doc["proposals"].values(),
               *(e for e in doc["solutions"].values() if e is not None)]
    distinct = {round(e["hazard_multiplier"], 6) for e in entries}
    assert len(ax.get_legend().get_texts()) == len(distinct)
    assert ax.get_xlabel() and ax.get_ylabel()


def test_cli_chart_option(tmp_path: Path) -> None:
    out = tmp_path / "survival.svg"
    res = CliRunner().invoke(app, ["durability", "--samples", "200", "--chart", str(out),
                                   "--format", "json", "-o", str(tmp_path / "d.json")])
    assert res.exit_code == 0, res.output
    assert out.read_text().lstrip().startswith("<?xml")
    bad = CliRunner().invoke(app, ["durability", "--samples", "200", "--chart",
                                   str(tmp_path / "s.txt")])
    assert bad.exit_code == 2 and ".png" in bad.output

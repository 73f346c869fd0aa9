"""Tournaments across several scenarios: pooled tables weighted by runs and agreements."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parley.cli.main import app
from parley.negotiation.tournament import across_scenarios

TOY = str(Path(__file__).parents[1] / "fixtures" / "toy.yaml")


def _doc(name: str, runs: int, rate: float | None, rounds: float | None,
         nash: float | None, gain: float) -> dict:
    return {"scenario": name, "by_strategy": {"s": {
        "runs": runs, "agreement_rate": rate, "mean_rounds_to_agreement": rounds,
        "mean_frontier_distance": 0.0 if rate else None, "mean_nash_distance": nash,
        "mean_gain_when_played": gain}}}


def test_pooling_weights_by_runs_and_by_agreements() -> None:
    # scenario A: 10 runs, 8 agreements after 20 rounds on average; B: 30 runs, 6 agreements
    a = _doc("A", 10, 0.8, 20.0, 0.1, 0.5)
    b = _doc("B", 30, 0.2, 50.0, 0.4, 0.1)
    pooled = across_scenarios([a, b])["by_strategy"]["s"]
    assert pooled["runs"] == 40
    assert pooled["agreement_rate"] == pytest.approx(14 / 40)          # (8 + 6) / 40
    assert pooled["mean_rounds_to_agreement"] == pytest.approx((8 * 20 + 6 * 50) / 14)
    assert pooled["mean_nash_distance"] == pytest.approx((8 * 0.1 + 6 * 0.4) / 14)
    assert pooled["mean_gain_when_played"] == pytest.approx((10 * 0.5 + 30 * 0.1) / 40)


def test_scenario_without_agreements_adds_no_weight_to_rounds() -> None:
    a = _doc("A", 10, 0.5, 30.0, 0.2, 0.3)
    none = _doc("B", 10, 0.0, None, None, -0.1)
    pooled = across_scenarios([a, none])["by_strategy"]["s"]
    assert pooled["agreement_rate"] == pytest.approx(0.25)
    assert pooled["mean_rounds_to_agreement"] == pytest.approx(30.0)
    assert across_scenarios([none])["by_strategy"]["s"]["mean_rounds_to_agreement"] is None


def test_cli_tournament_on_two_scenarios() -> None:
    args = ["tournament", TOY, "--seeds", "2", "--strategies", "linear,boulware", "-f", "json"]
    one = json.loads(CliRunner().invoke(app, args).stdout)
    res = CliRunner().invoke(app, [*args, "--also", TOY])
    assert res.exit_code == 0, res.output
    two = json.loads(res.stdout)
    assert two["across_scenarios"]["scenarios"] == ["toy", "toy"]
    assert two["other_scenarios"][0]["by_strategy"] == one["by_strategy"]
    for name, entry in two["across_scenarios"]["by_strategy"].items():
        # the same scenario twice: pooled rates equal the single run's, runs double
        assert entry["runs"] == 2 * one["by_strategy"][name]["runs"]
        assert entry["agreement_rate"] == pytest.approx(one["by_strategy"][name]
                                                        ["agreement_rate"])

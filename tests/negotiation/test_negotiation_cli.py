"""``parley negotiate``, ``parley tournament`` and ``parley strategies``: JSON contract,
charts and bad input (exit 2 with a message)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parley.cli.main import app

runner = CliRunner()
TOY = str(Path(__file__).parents[1] / "fixtures" / "toy.yaml")


def test_negotiate_json_contract() -> None:
    res = runner.invoke(app, ["negotiate", "--seed", "3", "--format", "json", "--default",
                              "conceder", "-s", "russia=boulware"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert {"agreement", "reservation_values", "trace", "reason"} <= set(doc)
    assert doc["strategies"]["russia"] == "boulware"
    assert doc["seed"] == 3
    for entry in doc["trace"]:
        assert {"round", "proposer", "offer", "utilities", "responses"} <= set(entry)
        assert set(entry["utilities"]) == set(doc["reservation_values"])
    if doc["agreement"] is not None:
        assert set(doc["agreement"]) >= {"package", "utilities"}
    else:
        assert doc["reason"]


def test_negotiate_is_reproducible_from_the_seed() -> None:
    args = ["negotiate", TOY, "--default", "random", "--seed", "11", "-f", "json"]
    first, second = runner.invoke(app, args), runner.invoke(app, args)
    assert first.exit_code == 0 and first.stdout == second.stdout


def test_negotiate_mediated_chart(tmp_path: Path) -> None:
    chart = tmp_path / "talks.png"
    res = runner.invoke(app, ["negotiate", TOY, "--protocol", "mediated", "--mediator", "c",
                              "--bias", "0.5", "--rounds", "30", "-f", "json", "--chart",
                              str(chart)])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["protocol"] == "mediated" and doc["settings"]["mediator"] == "c"
    assert all(e["proposer"] == "mediator (c)" for e in doc["trace"])
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and chart.stat().st_size > 10_000


def test_negotiate_moving_reservation_follows_dynamics() -> None:
    import parley
    from parley.dynamics import reservation_path

    res = runner.invoke(app, ["negotiate", "--moving-reservation", "--rounds", "13",
                              "--default", "hardliner", "-f", "json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    sc = parley.load_scenario()
    path = reservation_path(sc, 12)
    assert doc["settings"]["moving_reservation"] is True
    assert doc["reservation_values"] == pytest.approx(dict(zip(sc.parties, path[12],
                                                               strict=True)))


def test_negotiate_text_output() -> None:
    res = runner.invoke(app, ["negotiate", TOY, "--default", "conceder"])
    assert res.exit_code == 0, res.output
    assert "Negotiation (sao) on toy" in res.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["negotiate", "-s", "narnia=linear"], "unknown party 'narnia'"),
    (["negotiate", "-s", "russia=sneaky"], "unknown strategy 'sneaky'"),
    (["negotiate", "-s", "russia"], "expected PARTY=STRATEGY"),
    (["negotiate", "--rounds", "0"], "--rounds must be at least 1"),
    (["negotiate", "--protocol", "mediated", "--mediator", "un"], "unknown party 'un'"),
    (["negotiate", "--protocol", "mediated", "--start", "nope"], "unknown proposal 'nope'"),
    (["tournament", "--strategies", "linear,sneaky", "--seeds", "1"],
     "unknown strategy 'sneaky'"),
    (["tournament", "--pairing", "everything"], "everything"),
])
def test_bad_input_exits_2(args: list[str], message: str) -> None:
    res = runner.invoke(app, args)
    assert res.exit_code == 2
    assert message in " ".join(res.output.split())
    assert "Traceback" not in res.output


def test_tournament_json_and_strategies_list() -> None:
    res = runner.invoke(app, ["tournament", TOY, "--strategies", "linear,conceder,random",
                              "--seeds", "3", "--pairing", "all", "--rounds", "20", "-f",
                              "json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert len(doc["combinations"]) == 3 ** 4  # 4 parties in the toy scenario
    assert doc["overall"]["runs"] == 3 ** 4 * 3
    assert set(doc["by_strategy"]) == {"linear", "conceder", "random"}
    listing = runner.invoke(app, ["strategies", "-f", "json"])
    assert listing.exit_code == 0
    names = json.loads(listing.stdout)
    assert names["random"]["stochastic"] is True and names["linear"]["stochastic"] is False


def test_deadline_in_months() -> None:
    # 7 months at half a month per round: 14 rounds; the run never exceeds them
    args = ["negotiate", TOY, "--default", "hardliner", "--deadline-months", "7",
            "--months-per-round", "0.5", "-f", "json"]
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["max_rounds"] == 14
    assert doc["settings"]["deadline_months"] == 7 and doc["settings"]["months_per_round"] == 0.5
    assert max(e["round"] for e in doc["trace"]) < 14
    same = runner.invoke(app, ["negotiate", TOY, "--default", "hardliner", "--rounds", "14",
                               "-f", "json"])
    assert json.loads(same.stdout)["trace"] == doc["trace"]
    bad = runner.invoke(app, ["negotiate", TOY, "--deadline-months", "0"])
    assert bad.exit_code == 2 and "--deadline-months must be positive" in bad.output


def test_tournament_workers_default_to_every_core_and_reject_negatives() -> None:
    base = ["tournament", TOY, "--seeds", "1", "--strategies", "linear,boulware", "-f", "json"]
    auto = runner.invoke(app, base)
    one = runner.invoke(app, [*base, "--workers", "1"])
    assert auto.exit_code == 0 and one.exit_code == 0
    assert json.loads(auto.stdout)["by_strategy"] == json.loads(one.stdout)["by_strategy"]
    bad = runner.invoke(app, [*base, "--workers", "-1"])
    assert bad.exit_code == 2 and "--workers" in bad.output

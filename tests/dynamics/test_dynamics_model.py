"""The dynamics model: closed forms against a month-by-month loop, reservation paths."""

from __future__ import annotations

import numpy as np
import pytest
from dynamics_reference import as_array, step_states

import parley
from parley.dynamics import STATE_NAMES, params_from_section, reservation_path, simulate


@pytest.fixture(scope="module")
def scenario() -> parley.Scenario:
    return parley.load_scenario()


def test_default_scenario_has_a_dynamics_section(scenario: parley.Scenario) -> None:
    assert scenario.doc.dynamics is not None
    paths = {e.path for e in scenario.ledger}
    assert "dynamics.territory.rate" in paths
    assert "dynamics.sensitivities.ukraine.territory" in paths


@pytest.mark.parametrize("share", [0.0, 0.4, 1.0])
def test_closed_forms_match_a_month_by_month_loop(scenario: parley.Scenario,
                                                  share: float) -> None:
    assert scenario.doc.dynamics is not None
    p = params_from_section(scenario.doc.dynamics)
    ref = as_array(step_states(p, 24, share), STATE_NAMES)
    got = simulate(p, 24, share).states
    np.testing.assert_allclose(got, ref, rtol=1e-12, atol=1e-9)


def test_clipping_and_force_floor_match_the_loop(scenario: parley.Scenario) -> None:
    assert scenario.doc.dynamics is not None
    p = params_from_section(scenario.doc.dynamics).with_(
        territory_rate=9.0, ukraine_recruitment=0.0, ukraine_losses=200.0, ukraine_attrition=1.0,
        key_rate_trend=-2.0)
    ref = as_array(step_states(p, 30), STATE_NAMES)
    np.testing.assert_allclose(simulate(p, 30).states, ref, rtol=1e-12, atol=1e-9)
    assert simulate(p, 30).state("territory")[-1] == 100.0


def test_reservation_path_shape_and_month_zero(scenario: parley.Scenario) -> None:
    path = reservation_path(scenario, 24)
    assert path.shape == (25, scenario.n_parties)
    np.testing.assert_array_equal(path[0], scenario.reservation)


def test_reservation_path_is_rv0_plus_sensitivity_times_change(scenario: parley.Scenario) -> None:
    section = scenario.doc.dynamics
    assert section is not None
    p = params_from_section(section)
    ref = step_states(p, 12)
    path = reservation_path(scenario, 12)
    for party, sens in section.sensitivities.items():
        k = scenario.parties.index(party)
        expect = np.full(13, scenario.reservation[k])
        for name in STATE_NAMES:
            param = getattr(sens, name)
            if param is not None:
                series = np.array(ref[name])
                expect = expect + param.value * (series - series[0])
        np.testing.assert_allclose(path[:, k], expect, atol=1e-12)
    # parties without sensitivities keep their reservation value
    for k, party in enumerate(scenario.parties):
        if party not in section.sensitivities:
            assert np.all(path[:, k] == scenario.reservation[k])


def test_without_a_dynamics_section_reservation_values_are_constant() -> None:
    from pathlib import Path

    toy = Path(__file__).resolve().parent.parent / "fixtures" / "toy.yaml"
    s = parley.load_scenario(toy)
    path = reservation_path(s, 5)
    assert path.shape == (6, s.n_parties)
    assert np.all(path == s.reservation[None, :])


def test_bad_inputs_raise(scenario: parley.Scenario) -> None:
    assert scenario.doc.dynamics is not None
    p = params_from_section(scenario.doc.dynamics)
    with pytest.raises(ValueError, match="europe_share"):
        simulate(p, 3, 1.5)
    with pytest.raises(ValueError, match="months"):
        simulate(p, -1)


def test_reservation_bands(scenario: parley.Scenario) -> None:
    from parley.dynamics.model import reservation_bands, reservation_path

    bands = reservation_bands(scenario, 12, samples=400, seed=3)
    assert bands.rv.shape == (3, 13, scenario.n_parties)
    assert np.all(np.diff(bands.rv, axis=0) >= 0)           # quantiles ordered
    np.testing.assert_allclose(bands.rv[:, 0, :], np.repeat(scenario.reservation[None], 3, 0))
    ua = scenario.parties.index("ukraine")
    central = reservation_path(scenario, 12)[:, ua]
    # the central path lies inside the 5-95% band (the model is linear in most parameters)
    assert np.all(bands.rv[0, 1:, ua] <= central[1:]) and np.all(central[1:] <= bands.rv[2, 1:, ua])
    again = reservation_bands(scenario, 12, samples=400, seed=3)
    np.testing.assert_array_equal(bands.rv, again.rv)
    doc = bands.to_dict(scenario.parties)
    assert set(doc["reservation_values"]) == {"0.05", "0.5", "0.95"}

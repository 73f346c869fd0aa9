"""Monotonicity of the dynamics model, by construction (docs/dynamics.md states them).

They hold for parameters with the signs the scenario's ranges allow: aid_effect,
force_effect >= 0, substitution in [0, 1], attrition in [0, 1]; Ukraine's sensitivity
to territory <= 0 and Russia's to its own losses <= 0 (and to its force >= 0).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import parley
from parley.dynamics import params_from_section, reservation_path, simulate
from parley.dynamics.model import DynamicsParams, param_ranges

SCENARIO = parley.load_scenario()
assert SCENARIO.doc.dynamics is not None
BASE = params_from_section(SCENARIO.doc.dynamics)
RANGES = param_ranges(SCENARIO.doc.dynamics)


@st.composite
def params(draw: st.DrawFn) -> DynamicsParams:
    """Any parameter set inside the default scenario's ranges."""
    values = {}
    for name, rng in RANGES.items():
        if rng is None:
            values[name] = getattr(BASE, name)
        else:
            values[name] = draw(st.floats(rng[0], rng[1]))
    return DynamicsParams(**values)


UA = SCENARIO.parties.index("ukraine")
RU = SCENARIO.parties.index("russia")


@given(params(), st.floats(0.0, 5.0), st.floats(0.0, 1.0))
@settings(max_examples=60, deadline=None)
def test_more_european_aid_never_worsens_ukraines_trajectory(p: DynamicsParams, extra: float,
                                                             share: float) -> None:
    more = p.with_(aid_europe=p.aid_europe + extra)
    a, b = simulate(p, 24, share), simulate(more, 24, share)
    assert np.all(b.state("territory") <= a.state("territory") + 1e-12)
    rv_a = reservation_path(SCENARIO, 24, europe_share=share, params=p)
    rv_b = reservation_path(SCENARIO, 24, europe_share=share, params=more)
    assert np.all(rv_b[:, UA] >= rv_a[:, UA] - 1e-12)


@given(params(), st.floats(0.0, 20.0))
@settings(max_examples=60, deadline=None)
def test_higher_russian_casualties_never_raise_russias_rv(p: DynamicsParams,
                                                          extra: float) -> None:
    more = p.with_(russia_losses=p.russia_losses + extra)
    a = reservation_path(SCENARIO, 24, params=p)[:, RU]
    b = reservation_path(SCENARIO, 24, params=more)[:, RU]
    assert np.all(b <= a + 1e-12)


@given(params(), st.floats(0.0, 10.0))
@settings(max_examples=60, deadline=None)
def test_higher_ukrainian_casualties_never_help_ukraine(p: DynamicsParams, extra: float) -> None:
    more = p.with_(ukraine_losses=p.ukraine_losses + extra)
    assert np.all(simulate(more, 24).state("territory")
                  >= simulate(p, 24).state("territory") - 1e-12)
    a = reservation_path(SCENARIO, 24, params=p)[:, UA]
    b = reservation_path(SCENARIO, 24, params=more)[:, UA]
    assert np.all(b <= a + 1e-12)


@given(params(), st.floats(0.0, 1.0), st.floats(0.0, 1.0))
@settings(max_examples=60, deadline=None)
def test_burden_shifting_saves_us_money_and_never_helps_ukraine(p: DynamicsParams, s1: float,
                                                                s2: float) -> None:
    lo, hi = sorted((s1, s2))
    a, b = simulate(p, 24, lo), simulate(p, 24, hi)
    assert np.all(b.state("us_cost") <= a.state("us_cost") + 1e-9)
    # Europe replaces US support at most one for one (substitution <= 1)
    assert b.effective_aid <= a.effective_aid + 1e-12
    assert np.all(b.state("territory") >= a.state("territory") - 1e-12)


def test_full_substitution_leaves_ukraine_unchanged() -> None:
    p = BASE.with_(aid_substitution=1.0)
    np.testing.assert_allclose(simulate(p, 24, 1.0).state("territory"),
                               simulate(p, 24, 0.0).state("territory"))


@pytest.mark.parametrize("name", ["territory_share", "aid_europe", "discount"])
def test_ranges_are_read_from_the_scenario(name: str) -> None:
    rng = RANGES[name]
    assert rng is not None and rng[0] <= getattr(BASE, name) <= rng[1]

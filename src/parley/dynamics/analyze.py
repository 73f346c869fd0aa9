"""The bargaining range over time: ZOPA, Nash/KS deals, ripeness, cost of delay, fallback.

Definitions (docs/dynamics.md has the reasoning):

- ``v_p(s)``: what party ``p`` expects from month ``s``: its utility of that month's Nash
  package, or its reservation value when the ZOPA is empty.
- Value of continuing at month ``t``:
  ``cont_p(t) = max(rv_p(t), max_{t < s <= H} delta**(s - t) * v_p(s))`` with ``delta``
  the monthly discount of the ``dynamics`` section and ``H`` the horizon plus a
  look-ahead (so the last reported months still look ahead).
- Ripeness (a mutually hurting stalemate, Zartman 2000): month ``t`` is ripe when the
  ZOPA is not empty and, for every party in ``ripeness_parties``, ``cont_p(t)`` is below
  the deal available now. ``deal="best"`` compares with the party's best acceptable
  package of the month (the weakest reading); ``deal="nash"`` (default) with its utility
  of the month's Nash package, the deal the analysis expects.
- Cost of delay: ``u_p(Nash_t) - u_p(Nash_{t+1})``, utility lost by settling one month
  later on that month's Nash terms, and its average over the horizon; the discounted
  version ``u_p(Nash_t) - delta * u_p(Nash_{t+1})`` also counts the month of war itself.
- Fallback ("talks stall"): the same analysis with Europe taking over a share of the US
  burden, compared with no takeover: US cost saved, Ukraine's territory and reservation
  value, and the ZOPA.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from parley.dynamics.bargaining import (
    CompiledBargaining,
    MonthlyBargaining,
    bargain_months,
    compile_bargaining,
)
from parley.dynamics.model import (
    STATE_NAMES,
    DynamicsParams,
    ReservationBands,
    Trajectory,
    params_from_section,
    reservation_bands,
    rv_from_states,
    sensitivity_matrix,
    simulate,
)
from parley.scenario.model import Scenario
from parley.scenario.sections.dynamics import DynamicsSection

#: Months looked beyond the horizon when valuing continued war.
LOOKAHEAD = 12


@dataclass(frozen=True, eq=False)
class DynamicsRun:
    """One path (one Europe share): states, monthly bargaining and derived measures."""

    europe_share: float
    horizon: int
    trajectory: Trajectory
    bargaining: MonthlyBargaining
    expected: np.ndarray
    continuing: np.ndarray
    deal_value: np.ndarray
    ripe: np.ndarray
    nash_utilities: np.ndarray
    discount: float

    @property
    def reservation(self) -> np.ndarray:
        """Reservation values for months ``0..horizon``."""
        return self.bargaining.reservation[: self.horizon + 1]


@dataclass(frozen=True, eq=False)
class DynamicsResult:
    """Everything ``parley dynamics`` reports; ``to_dict()`` gives the JSON document."""

    scenario: Scenario
    section: DynamicsSection
    params: DynamicsParams
    months: int
    discount: float
    ripeness_parties: tuple[str, ...]
    deal: str
    run: DynamicsRun
    baseline: DynamicsRun | None
    bands: ReservationBands | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON document (contract in docs/dynamics.md)."""
        return _to_dict(self)


def _run(compiled: CompiledBargaining, section: DynamicsSection, params: DynamicsParams,
         months: int, europe_share: float, ripeness: list[int], deal: str,
         lookahead: int) -> DynamicsRun:
    scenario = compiled.scenario
    horizon = months + lookahead
    traj = simulate(params, horizon, europe_share)
    rv = rv_from_states(np.asarray(scenario.reservation, dtype=float),
                        sensitivity_matrix(scenario, section), traj.states)
    mb = bargain_months(compiled, rv)
    has = mb.nash >= 0
    nash_u = np.where(has[:, None], compiled.utilities[np.maximum(mb.nash, 0)], np.nan)
    expected = np.where(has[:, None], nash_u, rv)
    delta = params.discount
    t = np.arange(horizon + 1, dtype=float)
    scaled = delta**t[:, None] * expected
    # best later settlement, discounted back: max over s > t of delta**(s-t) v(s)
    later = np.full_like(expected, -np.inf)
    later[:-1] = np.maximum.accumulate(scaled[::-1], axis=0)[::-1][1:]
    continuing = np.maximum(rv, later / delta**t[:, None])
    deal_value = mb.best if deal == "best" else nash_u
    with np.errstate(invalid="ignore"):
        beats = deal_value[:, ripeness] > continuing[:, ripeness]
    ripe = has & np.all(beats, axis=1)
    n = months + 1
    traj_out = Trajectory(traj.states[:n], traj.europe_share, traj.us_aid, traj.europe_aid,
                          traj.effective_aid)
    mb_out = MonthlyBargaining(compiled, rv[:n], mb.zopa_size[:n], mb.zopa_share[:n],
                               mb.frontier_size[:n], mb.nash[:n], mb.ks[:n], mb.best[:n])
    return DynamicsRun(europe_share, months, traj_out, mb_out, expected[:n], continuing[:n],
                       deal_value[:n], ripe[:n], nash_u[:n], delta)


def analyze_dynamics(scenario: Scenario, months: int | None = None, *,
                     europe_share: float = 0.0, params: DynamicsParams | None = None,
                     deal: Literal["nash", "best"] = "nash", lookahead: int = LOOKAHEAD,
                     compiled: CompiledBargaining | None = None, samples: int = 0,
                     seed: int = 0) -> DynamicsResult:
    """The bargaining range month by month if no deal is made.

    Parameters
    ----------
    scenario:
        A loaded scenario with a ``dynamics`` section.
    months:
        Horizon (default: the section's ``horizon``).
    europe_share:
        Share (0-1) of the US burden Europe takes over; when positive, the result also
        holds the run without takeover (``baseline``) for the fallback comparison.
    params:
        Override the section's central values.
    deal:
        What the value of continuing is compared with for ripeness (module docstring).
    lookahead:
        Months beyond the horizon used to value continued war.
    compiled:
        Reuse a :func:`~parley.dynamics.bargaining.compile_bargaining` result.
    samples, seed:
        When ``samples > 0``, also give 5/50/95% bands of the reservation and territory
        paths from the section's parameter ranges
        (:func:`~parley.dynamics.model.reservation_bands`).

    Raises
    ------
    ValueError
        When the scenario has no ``dynamics`` section or an argument is out of range.
    """
    section = scenario.doc.dynamics
    if section is None:
        raise ValueError("the scenario has no `dynamics` section; see docs/dynamics.md "
                         "(the default scenario has one: `parley init` copies it)")
    if deal not in ("nash", "best"):
        raise ValueError(f"deal must be 'nash' or 'best', not {deal!r}")
    if lookahead < 0:
        raise ValueError("lookahead must be >= 0")
    months = section.horizon if months is None else months
    if months < 1:
        raise ValueError("months must be at least 1")
    if not 0.0 <= europe_share <= 1.0:
        raise ValueError(f"europe_share must lie in [0, 1], not {europe_share}")
    p = params_from_section(section) if params is None else params
    compiled = compile_bargaining(scenario) if compiled is None else compiled
    ripeness = [scenario.parties.index(x) for x in section.ripeness_parties]
    run = _run(compiled, section, p, months, europe_share, ripeness, deal, lookahead)
    baseline = None
    if europe_share > 0:
        baseline = _run(compiled, section, p, months, 0.0, ripeness, deal, lookahead)
    if samples < 0:
        raise ValueError("samples must be >= 0")
    bands = None
    if samples > 0:
        bands = reservation_bands(scenario, months, samples=samples, seed=seed,
                                  europe_share=europe_share)
    return DynamicsResult(scenario, section, p, months, p.discount,
                          tuple(section.ripeness_parties), deal, run, baseline, bands)


# ----------------------------------------------------------------- reporting
def _switches(open_: np.ndarray) -> tuple[list[int], list[int]]:
    change = np.diff(open_.astype(np.int8))
    return ((np.flatnonzero(change == 1) + 1).tolist(),
            (np.flatnonzero(change == -1) + 1).tolist())


def _package(run: DynamicsRun, idx: int) -> dict[str, Any] | None:
    if idx < 0:
        return None
    compiled = run.bargaining.compiled
    scenario = compiled.scenario
    u = compiled.utilities[idx]
    return {"package": scenario.package_dict(compiled.packages[idx]),
            "utilities": dict(zip(scenario.parties, map(float, u), strict=True))}


def _num(x: float) -> float | None:
    return None if not np.isfinite(x) else float(x)


def _run_dict(run: DynamicsRun) -> dict[str, Any]:
    scenario = run.bargaining.compiled.scenario
    mb = run.bargaining
    parties = scenario.parties
    months = []
    for m in range(run.horizon + 1):
        months.append({
            "month": m,
            "zopa_size": int(mb.zopa_size[m]) if mb.zopa_size[m] >= 0 else None,
            "zopa_share": float(mb.zopa_share[m]),
            "frontier_size": int(mb.frontier_size[m]),
            "nash": _package(run, int(mb.nash[m])),
            "kalai_smorodinsky": _package(run, int(mb.ks[m])),
            "reservation_values": dict(zip(parties, map(float, run.reservation[m]),
                                           strict=True)),
            "best_deal": {p: _num(v) for p, v in zip(parties, mb.best[m], strict=True)},
            "value_of_continuing": dict(zip(parties, map(float, run.continuing[m]),
                                            strict=True)),
            "ripe": bool(run.ripe[m]),
        })
    open_ = mb.nash >= 0
    opens, closes = _switches(open_)
    nu = run.expected
    delay = nu[:-1] - nu[1:]
    discounted = nu[:-1] - run.discount * nu[1:]
    cost = {p: {"per_month": [float(x) for x in delay[:, k]],
                "average": float((nu[0, k] - nu[-1, k]) / run.horizon),
                "per_month_discounted": [float(x) for x in discounted[:, k]],
                "average_discounted": float(discounted[:, k].mean())}
            for k, p in enumerate(parties)}
    return {
        "europe_share": run.europe_share,
        "months": months,
        "ripe_months": np.flatnonzero(run.ripe).tolist(),
        "zopa": {"open_at_start": bool(open_[0]), "opens": opens, "closes": closes},
        "cost_of_delay": cost,
        **run.trajectory.to_dict(),
    }


def _fallback(result: DynamicsResult) -> dict[str, Any] | None:
    base, run = result.baseline, result.run
    if base is None:
        return None
    scenario = result.scenario
    end = result.months
    terr_b, terr_f = base.trajectory.state("territory"), run.trajectory.state("territory")
    us_b, us_f = base.trajectory.state("us_cost"), run.trajectory.state("us_cost")
    eu_b, eu_f = base.trajectory.state("europe_cost"), run.trajectory.state("europe_cost")
    ua = scenario.parties.index("ukraine") if "ukraine" in scenario.parties else None
    out: dict[str, Any] = {
        "europe_share": run.europe_share,
        "us_cost_saved": float(us_b[end] - us_f[end]),
        "us_cost_saved_per_month": float(base.trajectory.us_aid - run.trajectory.us_aid),
        "europe_extra_cost": float(eu_f[end] - eu_b[end]),
        "effective_aid": {"baseline": base.trajectory.effective_aid,
                          "fallback": run.trajectory.effective_aid},
        "territory_at_horizon": {"baseline": float(terr_b[end]), "fallback": float(terr_f[end])},
        "zopa_size_at_horizon": {
            "baseline": int(base.bargaining.zopa_size[end]),
            "fallback": int(run.bargaining.zopa_size[end])},
        "ripe_months": {"baseline": np.flatnonzero(base.ripe).tolist(),
                        "fallback": np.flatnonzero(run.ripe).tolist()},
        "reservation_at_horizon": {
            "baseline": dict(zip(scenario.parties, map(float, base.reservation[end]),
                                 strict=True)),
            "fallback": dict(zip(scenario.parties, map(float, run.reservation[end]),
                                 strict=True))},
    }
    if ua is not None:
        out["ukraine_rv_change"] = float(run.reservation[end, ua] - base.reservation[end, ua])
    return out


def _to_dict(result: DynamicsResult) -> dict[str, Any]:
    doc = _run_dict(result.run)
    section = result.section
    return {
        "scenario": result.scenario.id,
        "start": section.start,
        "horizon": result.months,
        "discount": result.discount,
        "ripeness": {"parties": list(result.ripeness_parties), "deal": result.deal},
        "parties": list(result.scenario.parties),
        "state_variables": list(STATE_NAMES),
        "parameters": result.params.to_dict(),
        **doc,
        "fallback": _fallback(result),
        "bands": (None if result.bands is None
                  else result.bands.to_dict(result.scenario.parties)),
    }

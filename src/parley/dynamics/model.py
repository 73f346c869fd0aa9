"""A transparent monthly model of continued war ("no deal") and reservation values.

Month 0 is the scenario's date. Every quantity below is a closed form in the month
``t`` (no hidden state, no random draw), computed for all months at once.

Effective Western aid (EUR bn per month), with Europe taking over a share ``s`` of the
US burden (US money plus the money-equivalent of US enablers)::

    US(s)     = (1 - s) * (aid.us + aid.us_enablers)
    Europe(s) = aid.europe + s * (aid.us + aid.us_enablers)
    E(s)      = aid.europe + aid.us + aid.us_enablers - s * (aid.us + aid.us_enablers)
                * (1 - aid.substitution)

Forces (thousands): ``F(t) = force + (recruitment - attrition * losses) * t`` for each
side, where ``losses`` are casualties per month and ``attrition`` the share of them lost
to the force for good. Cumulative casualties since month 0: ``losses * t``.

Territory (% of Ukraine under Russian control)::

    rate(t)      = territory.rate + territory.aid_effect * (aid.reference - E)
                   + territory.force_effect * (F_ukraine(0) - F_ukraine(t)) / 100
    territory(t) = territory.share + sum_{k < t} rate(k),  clipped to [0, 100]

Russia's economy: ``x(t) = level + trend * t`` for the defence share of GDP, CPI
inflation and the key rate (%), floored at 0.

Costs: cumulative US and European spending since month 0, ``US(s) * t`` and
``Europe(s) * t`` (EUR bn).

Reservation values (the mapping of states to parties)::

    rv_p(t) = rv_p(0) + sum_k sensitivity[p, k] * (x_k(t) - x_k(0))

with ``rv_p(0)`` the scenario's reservation value and the sensitivities the scenario's
``dynamics.sensitivities`` (judgments with a rationale; omitted ones are 0).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from parley.scenario.model import Scenario
    from parley.scenario.sections.dynamics import DynamicsSection

#: State variables of the model, in column order, with their units.
STATE_VARIABLES: tuple[tuple[str, str], ...] = (
    ("territory", "% of Ukraine under Russian control"),
    ("ukraine_losses", "thousand Ukrainian casualties since month 0"),
    ("russia_losses", "thousand Russian casualties since month 0"),
    ("ukraine_force", "thousand Ukrainian troops"),
    ("russia_force", "thousand Russian troops"),
    ("russia_defence_gdp", "Russian defence spending, % of GDP"),
    ("russia_inflation", "Russian CPI inflation, %"),
    ("russia_key_rate", "Bank of Russia key rate, %"),
    ("us_cost", "cumulative US support since month 0, EUR bn"),
    ("europe_cost", "cumulative European support since month 0, EUR bn"),
)
STATE_NAMES: tuple[str, ...] = tuple(name for name, _ in STATE_VARIABLES)


@dataclass(frozen=True)
class DynamicsParams:
    """The model's numbers (central values), one field per scenario parameter."""

    territory_share: float
    territory_rate: float
    territory_aid_effect: float
    territory_force_effect: float
    ukraine_force: float
    ukraine_losses: float
    ukraine_recruitment: float
    ukraine_attrition: float
    russia_force: float
    russia_losses: float
    russia_recruitment: float
    russia_attrition: float
    defence_gdp: float
    defence_gdp_trend: float
    inflation: float
    inflation_trend: float
    key_rate: float
    key_rate_trend: float
    aid_us: float
    aid_us_enablers: float
    aid_europe: float
    aid_reference: float
    aid_substitution: float
    discount: float

    def with_(self, **changes: float) -> DynamicsParams:
        """A copy with some parameters changed."""
        return replace(self, **changes)

    def to_dict(self) -> dict[str, float]:
        """``{name: value}``."""
        return {f.name: float(getattr(self, f.name)) for f in fields(self)}


#: Parameter name -> field path inside the ``dynamics`` section.
PARAM_PATHS: dict[str, tuple[str, ...]] = {
    "territory_share": ("territory", "share"),
    "territory_rate": ("territory", "rate"),
    "territory_aid_effect": ("territory", "aid_effect"),
    "territory_force_effect": ("territory", "force_effect"),
    "ukraine_force": ("manpower", "ukraine", "force"),
    "ukraine_losses": ("manpower", "ukraine", "losses"),
    "ukraine_recruitment": ("manpower", "ukraine", "recruitment"),
    "ukraine_attrition": ("manpower", "ukraine", "attrition"),
    "russia_force": ("manpower", "russia", "force"),
    "russia_losses": ("manpower", "russia", "losses"),
    "russia_recruitment": ("manpower", "russia", "recruitment"),
    "russia_attrition": ("manpower", "russia", "attrition"),
    "defence_gdp": ("economy", "defence_gdp", "level"),
    "defence_gdp_trend": ("economy", "defence_gdp", "trend"),
    "inflation": ("economy", "inflation", "level"),
    "inflation_trend": ("economy", "inflation", "trend"),
    "key_rate": ("economy", "key_rate", "level"),
    "key_rate_trend": ("economy", "key_rate", "trend"),
    "aid_us": ("aid", "us"),
    "aid_us_enablers": ("aid", "us_enablers"),
    "aid_europe": ("aid", "europe"),
    "aid_reference": ("aid", "reference"),
    "aid_substitution": ("aid", "substitution"),
    "discount": ("discount",),
}


def _get(section: Any, path: tuple[str, ...]) -> Any:
    node = section
    for key in path:
        node = getattr(node, key)
    return node


def params_from_section(section: DynamicsSection) -> DynamicsParams:
    """The central values of a checked ``dynamics`` section."""
    return DynamicsParams(**{name: float(_get(section, path).value)
                             for name, path in PARAM_PATHS.items()})


def param_ranges(section: DynamicsSection) -> dict[str, tuple[float, float] | None]:
    """Each parameter's uncertainty range as written in the scenario (``None`` if none)."""
    out: dict[str, tuple[float, float] | None] = {}
    for name, path in PARAM_PATHS.items():
        rng = _get(section, path).range
        out[name] = None if rng is None else (float(rng[0]), float(rng[1]))
    return out


def sensitivity_matrix(scenario: Scenario, section: DynamicsSection) -> np.ndarray:
    """Sensitivities as an array ``(n_parties, n_states)`` (omitted entries are 0)."""
    out = np.zeros((scenario.n_parties, len(STATE_NAMES)))
    for party, sens in section.sensitivities.items():
        if party not in scenario.parties:
            continue
        p = scenario.parties.index(party)
        for k, name in enumerate(STATE_NAMES):
            param = getattr(sens, name)
            if param is not None:
                out[p, k] = param.value
    return out


@dataclass(frozen=True)
class Trajectory:
    """States month by month: ``states`` has shape ``(months + 1, n_states)``.

    ``us_aid``/``europe_aid``/``effective_aid`` are the monthly flows (EUR bn per month)
    under the Europe share ``europe_share`` of the US burden.
    """

    states: np.ndarray
    europe_share: float
    us_aid: float
    europe_aid: float
    effective_aid: float

    def state(self, name: str) -> np.ndarray:
        """One state variable's path."""
        return self.states[:, STATE_NAMES.index(name)]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: each state's path plus the aid flows."""
        return {
            "europe_share": self.europe_share,
            "aid": {"us": self.us_aid, "europe": self.europe_aid,
                    "effective": self.effective_aid},
            "states": {name: [float(x) for x in self.states[:, k]]
                       for k, name in enumerate(STATE_NAMES)},
        }


def simulate(params: DynamicsParams, months: int, europe_share: float = 0.0) -> Trajectory:
    """The states for months ``0..months`` (formulas in the module docstring).

    Parameters
    ----------
    params:
        Model numbers (:func:`params_from_section`).
    months:
        Horizon; the result has ``months + 1`` rows.
    europe_share:
        Share (0-1) of the US burden (money and enablers) that Europe takes over.
    """
    if months < 0:
        raise ValueError("months must be >= 0")
    if not 0.0 <= europe_share <= 1.0:
        raise ValueError(f"europe_share must lie in [0, 1], not {europe_share}")
    p = params
    t = np.arange(months + 1, dtype=float)
    us_burden = p.aid_us + p.aid_us_enablers
    us_flow = (1.0 - europe_share) * us_burden
    eu_flow = p.aid_europe + europe_share * us_burden
    effective = p.aid_europe + us_burden - europe_share * us_burden * (1 - p.aid_substitution)
    ua_force = p.ukraine_force + (p.ukraine_recruitment - p.ukraine_attrition
                                  * p.ukraine_losses) * t
    ru_force = p.russia_force + (p.russia_recruitment - p.russia_attrition * p.russia_losses) * t
    ua_force = np.maximum(ua_force, 0.0)
    ru_force = np.maximum(ru_force, 0.0)
    rate = (p.territory_rate + p.territory_aid_effect * (p.aid_reference - effective)
            + p.territory_force_effect * (p.ukraine_force - ua_force) / 100.0)
    territory = p.territory_share + np.concatenate(([0.0], np.cumsum(rate[:-1])))
    territory = np.clip(territory, 0.0, 100.0)
    states = np.stack([
        territory,
        p.ukraine_losses * t,
        p.russia_losses * t,
        ua_force,
        ru_force,
        np.maximum(p.defence_gdp + p.defence_gdp_trend * t, 0.0),
        np.maximum(p.inflation + p.inflation_trend * t, 0.0),
        np.maximum(p.key_rate + p.key_rate_trend * t, 0.0),
        us_flow * t,
        eu_flow * t,
    ], axis=1)
    return Trajectory(states, float(europe_share), float(us_flow), float(eu_flow),
                      float(effective))


def rv_from_states(rv0: np.ndarray, sensitivities: np.ndarray,
                   states: np.ndarray) -> np.ndarray:
    """``rv0 + (states - states[0]) @ sensitivities.T``, shape ``(months + 1, n_parties)``."""
    return rv0[None, :] + (states - states[0][None, :]) @ sensitivities.T


def reservation_path(scenario: Scenario, months: int, *, europe_share: float = 0.0,
                     params: DynamicsParams | None = None) -> np.ndarray:
    """Every party's reservation value for months ``0..months`` if no deal is made.

    Shape ``(months + 1, n_parties)``, columns in ``scenario.parties`` order; row 0 is
    the scenario's reservation values. A scenario without a ``dynamics`` section has
    constant reservation values.

    Parameters
    ----------
    scenario:
        A loaded scenario.
    months:
        Horizon in months.
    europe_share:
        Share (0-1) of the US burden Europe takes over ("talks stall" fallback).
    params:
        Override the section's central values (e.g. for sensitivity analysis).
    """
    rv0 = np.asarray(scenario.reservation, dtype=float)
    section = scenario.doc.dynamics
    if section is None:
        if months < 0:
            raise ValueError("months must be >= 0")
        return np.repeat(rv0[None, :], months + 1, axis=0)
    p = params_from_section(section) if params is None else params
    traj = simulate(p, months, europe_share)
    return rv_from_states(rv0, sensitivity_matrix(scenario, section), traj.states)


@dataclass(frozen=True)
class ReservationBands:
    """Quantiles of the reservation-value and territory paths over parameter draws.

    ``rv`` has shape ``(len(quantiles), months + 1, n_parties)``; ``territory`` has shape
    ``(len(quantiles), months + 1)``.
    """

    quantiles: tuple[float, ...]
    rv: np.ndarray
    territory: np.ndarray
    samples: int
    seed: int

    def to_dict(self, parties: tuple[str, ...]) -> dict[str, Any]:
        """JSON-ready: per quantile, each party's path and the territory path."""
        return {
            "samples": self.samples, "seed": self.seed,
            "quantiles": list(self.quantiles),
            "reservation_values": {
                f"{q:g}": {p: [float(x) for x in self.rv[k, :, j]]
                           for j, p in enumerate(parties)}
                for k, q in enumerate(self.quantiles)},
            "territory": {f"{q:g}": [float(x) for x in self.territory[k]]
                          for k, q in enumerate(self.quantiles)},
        }


def sample_params(section: DynamicsSection, n: int,
                  rng: np.random.Generator) -> list[DynamicsParams]:
    """``n`` parameter sets, each parameter uniform on its range (fixed when it has none)."""
    central = params_from_section(section)
    ranges = param_ranges(section)
    draws = {name: (rng.uniform(r[0], r[1], size=n) if r is not None
                    else np.full(n, getattr(central, name)))
             for name, r in ranges.items()}
    return [DynamicsParams(**{name: float(v[i]) for name, v in draws.items()})
            for i in range(n)]


def reservation_bands(scenario: Scenario, months: int, *, samples: int = 1000,
                      seed: int = 0, europe_share: float = 0.0,
                      quantiles: tuple[float, ...] = (0.05, 0.5, 0.95)) -> ReservationBands:
    """Uncertainty bands of the reservation paths from the section's parameter ranges.

    Every parameter with a ``range`` is drawn uniformly and independently on it (the
    sensitivities and month-0 reservation values stay at their central values); the
    paths of ``samples`` draws give the quantiles.
    """
    section = scenario.doc.dynamics
    if section is None:
        raise ValueError("the scenario has no `dynamics` section")
    if samples < 1:
        raise ValueError("samples must be at least 1")
    rng = np.random.default_rng(seed)
    sens = sensitivity_matrix(scenario, section)
    rv0 = np.asarray(scenario.reservation, dtype=float)
    states = np.stack([simulate(p, months, europe_share).states
                       for p in sample_params(section, samples, rng)])
    rv = rv0[None, None, :] + np.einsum("stk,pk->stp", states - states[:, :1, :], sens)
    q = np.asarray(quantiles)
    return ReservationBands(tuple(float(x) for x in q), np.quantile(rv, q, axis=0),
                            np.quantile(states[:, :, 0], q, axis=0), samples, seed)

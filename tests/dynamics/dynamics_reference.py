"""A month-by-month loop reference of the dynamics model, written from the docs.

It steps the state forward one month at a time (stocks plus flows), independently of
the closed forms in :mod:`parley.dynamics.model`.
"""

from __future__ import annotations

import numpy as np

from parley.dynamics.model import DynamicsParams


def step_states(p: DynamicsParams, months: int,
                europe_share: float = 0.0) -> dict[str, list[float]]:
    us = p.aid_us + p.aid_us_enablers
    us_flow = us * (1 - europe_share)
    eu_flow = p.aid_europe + us * europe_share
    # what Ukraine receives: Europe's own aid, what the US still gives, and the part
    # of the taken-over US burden that Europe actually delivers
    effective = p.aid_europe + us_flow + us * europe_share * p.aid_substitution
    out: dict[str, list[float]] = {k: [] for k in (
        "territory", "ukraine_losses", "russia_losses", "ukraine_force", "russia_force",
        "russia_defence_gdp", "russia_inflation", "russia_key_rate", "us_cost", "europe_cost")}
    terr, ua_l, ru_l = p.territory_share, 0.0, 0.0
    ua_f, ru_f = p.ukraine_force, p.russia_force
    dg, inf, kr = p.defence_gdp, p.inflation, p.key_rate
    us_c = eu_c = 0.0
    for _ in range(months + 1):
        for key, val in (("territory", min(max(terr, 0.0), 100.0)), ("ukraine_losses", ua_l),
                         ("russia_losses", ru_l), ("ukraine_force", max(ua_f, 0.0)),
                         ("russia_force", max(ru_f, 0.0)), ("russia_defence_gdp", max(dg, 0.0)),
                         ("russia_inflation", max(inf, 0.0)), ("russia_key_rate", max(kr, 0.0)),
                         ("us_cost", us_c), ("europe_cost", eu_c)):
            out[key].append(val)
        lost_troops = p.ukraine_force - max(ua_f, 0.0)
        terr += (p.territory_rate + p.territory_aid_effect * (p.aid_reference - effective)
                 + p.territory_force_effect * lost_troops / 100.0)
        ua_l += p.ukraine_losses
        ru_l += p.russia_losses
        ua_f += p.ukraine_recruitment - p.ukraine_attrition * p.ukraine_losses
        ru_f += p.russia_recruitment - p.russia_attrition * p.russia_losses
        dg += p.defence_gdp_trend
        inf += p.inflation_trend
        kr += p.key_rate_trend
        us_c += us_flow
        eu_c += eu_flow
    return out


def as_array(states: dict[str, list[float]], names: tuple[str, ...]) -> np.ndarray:
    return np.array([states[n] for n in names]).T

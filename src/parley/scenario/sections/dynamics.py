"""The optional ``dynamics:`` section: what "no deal" means month by month.

Every number is a ``{value, range, source|judgment}`` mapping (a bare number needs a
``source`` or ``judgment`` on an enclosing block). Rates are per month; stocks are
the values at month 0 (the scenario's ``as_of`` date).

```yaml
dynamics:
  start: "2026-11"
  horizon: 24
  discount: {value: 0.99, range: [0.97, 1.0], judgment: "why"}
  ripeness_parties: [ukraine, russia]
  territory:                       # % of Ukraine (incl. Crimea) under Russian control
    share: {value: 19.4, source: deepstate2026}
    rate: {value: 0.03, judgment: "percentage points per month at reference aid"}
    aid_effect: ...                # pp/month per EUR bn/month of effective aid below reference
    force_effect: ...              # pp/month per 100,000 Ukrainian troops below month 0
  manpower:
    ukraine: {force: ..., losses: ..., recruitment: ..., attrition: ...}
    russia:  {force: ..., losses: ..., recruitment: ..., attrition: ...}
  economy:                         # Russia
    defence_gdp: {level: ..., trend: ...}
    inflation: {level: ..., trend: ...}
    key_rate: {level: ..., trend: ...}
  aid:                             # EUR bn per month
    us: ...
    us_enablers: ...
    europe: ...
    reference: ...
    substitution: ...
  sensitivities:                   # change of a party's reservation value per unit change
    ukraine:                       # of a state variable since month 0
      judgment: "why"
      territory: -0.01
```

The state variables are listed in :data:`parley.dynamics.model.STATE_VARIABLES`;
references are checked by :func:`parley.dynamics.model.dynamics_problems`.
"""

from __future__ import annotations

from pydantic import Field

from parley.scenario.types import Id, Param, Sourced, Text


class Level(Sourced):
    """A quantity's value at month 0 and its change per month."""

    level: Param
    trend: Param


class Territory(Sourced):
    """Share of Ukraine under Russian control and what moves it."""

    share: Param
    rate: Param
    aid_effect: Param
    force_effect: Param


class Forces(Sourced):
    """One side's troops (thousands) and monthly flows (thousands per month)."""

    force: Param
    losses: Param
    recruitment: Param
    attrition: Param


class Manpower(Sourced):
    """Troops and flows of both belligerents."""

    ukraine: Forces
    russia: Forces


class Economy(Sourced):
    """Russia's economic strain: defence share of GDP, CPI inflation and the key rate (%)."""

    defence_gdp: Level
    inflation: Level
    key_rate: Level


class Aid(Sourced):
    """Western support to Ukraine by donor, EUR bn per month."""

    us: Param
    us_enablers: Param
    europe: Param
    reference: Param
    substitution: Param


class Sensitivity(Sourced):
    """Change of one party's reservation value per unit change of each state variable.

    Units: per percentage point (territory, economy), per thousand troops or casualties
    (manpower), per EUR bn of cumulative spending (costs). Omitted variables count 0.
    """

    territory: Param | None = None
    ukraine_losses: Param | None = None
    russia_losses: Param | None = None
    ukraine_force: Param | None = None
    russia_force: Param | None = None
    russia_defence_gdp: Param | None = None
    russia_inflation: Param | None = None
    russia_key_rate: Param | None = None
    us_cost: Param | None = None
    europe_cost: Param | None = None
    note: Text | None = None


class DynamicsSection(Sourced):
    """A monthly model of continued war and each party's reservation value over time."""

    note: Text | None = None
    start: Text | None = None
    horizon: int = Field(default=24, ge=1, le=600)
    discount: Param
    ripeness_parties: list[Id] = Field(default=["ukraine", "russia"], min_length=1)
    territory: Territory
    manpower: Manpower
    economy: Economy
    aid: Aid
    sensitivities: dict[Id, Sensitivity] = {}

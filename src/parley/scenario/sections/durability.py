"""The optional ``durability:`` section: how a scenario's options map to hazard covariates.

```yaml
durability:
  note: What "renewed war" means here, and anything else a reader should know.
  mappings:
    - when: {enforcement: [un_peacekeepers, european_reassurance_force]}
      covariates: {peacekeepers: 1}
      judgment: "Foreign troops on the line count as peacekeeping in Fortna's coding"
    - when: {deal_form: armistice}
      covariates: {ceasefire_only: 1}
      source: fortna2003
  effects:                      # optional: hazard ratios the scenario supplies itself
    third_party_guarantee:
      hazard_ratio: {value: 0.8, range: [0.5, 1.0], judgment: "why"}
```

Covariate names are the built-in ones of :mod:`parley.durability.effects` or those
defined under ``effects``. References are checked by
:func:`parley.durability.mapping.check_durability_section`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from parley.scenario.types import Condition, Id, Number, Param, Sourced, Text


class CovariateMapping(Sourced):
    """Packages matching ``when`` take the given covariate values (0 absent, 1 present)."""

    when: Condition
    covariates: dict[Id, Number] = Field(min_length=1)
    note: Text | None = None


class ScenarioEffect(Sourced):
    """A hazard ratio the scenario supplies for a covariate (its evidence class is stated)."""

    hazard_ratio: Param
    evidence: Literal["interstate", "civil_war", "judgment"] = "judgment"
    label: Text | None = None
    note: Text | None = None


class DurabilitySection(Sourced):
    """Options-to-covariates mapping for ``parley durability``."""

    note: Text | None = None
    mappings: list[CovariateMapping] = []
    effects: dict[Id, ScenarioEffect] = {}


"""The optional ``spatial:`` section: a spatial view of the scenario for ``parley forecast``.

```yaml
spatial:
  judgment: "Why these dimensions and orderings"
  dimensions:
    - id: territory
      issue: territory          # an issue of the scenario
      scale:                    # every option of the issue placed on 0-100
        borders_1991: 0
        current_line: 50
        four_oblasts_recognised: 100
  actors:
    - party: ukraine            # a party of the scenario
      capability: {value: 0.15, source: sipri2025}   # optional: default the party's capability
      position:                 # optional per dimension (0-100); default derived, see below
        territory: {value: 5, judgment: "why"}
      salience:                 # optional per dimension (0-100); default derived, see below
        territory: {value: 32, judgment: "why"}
```

A position left out is derived from the party's option values: the scale point of
the option it values most on that issue (the mean point when several tie). A
salience left out is 100 x the party's weight on the issue. The checks are in
:func:`parley.forecast.scenario_spatial.spatial_problems`.
"""

from __future__ import annotations

from pydantic import Field

from parley.scenario.types import Id, Number, Param, Sourced, Text


class SpatialDimension(Sourced):
    """One policy dimension: an issue whose options are placed on a 0–100 line."""

    id: Id
    issue: Id
    name: Text | None = None
    scale: dict[Id, Number] = Field(min_length=2)
    note: Text | None = None


class SpatialActor(Sourced):
    """A party as a spatial actor: capability, and per dimension a position and a salience."""

    party: Id
    capability: Param | None = None
    position: dict[Id, Param] = {}
    salience: dict[Id, Param] = {}
    note: Text | None = None


class SpatialSection(Sourced):
    """Dimensions and actors of the spatial forecasting models."""

    note: Text | None = None
    dimensions: list[SpatialDimension] = Field(min_length=1)
    actors: list[SpatialActor] = Field(min_length=2)

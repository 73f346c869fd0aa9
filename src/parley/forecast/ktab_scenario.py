"""Convert a KTAB spatial input into a parley scenario document (``parley import ktab``).

A KTAB CSV has actors and policy dimensions but no issues, options or utilities, so
the converter writes the smallest valid scenario around the ``spatial:`` section:

* one party per actor (role ``party``, with a veto: unanimity), capability as in the CSV;
* one issue per dimension (its id the dimension's name) with eleven options
  ``p0, p10, …, p100`` (the points 0, 10, …, 100 of the dimension), and a
  ``spatial`` dimension placing them there;
* preferences: issue weights proportional to the actor's saliences, option values
  ``1 − |option − position| / 100`` (linear loss from the actor's position), and a
  reservation value of 0 (the CSV says nothing about the value of no agreement);
* the ``spatial`` actors carry the CSV's positions and saliences exactly, so the
  forecast of the scenario equals the forecast of the CSV.

Every number cites one source entry that names the CSV file.
"""

from __future__ import annotations

import re
from typing import Any

from parley.forecast.ktab_csv import SpatialInput

__all__ = ["OPTION_POINTS", "ktab_to_scenario"]

#: Scale points of the options written for each dimension.
OPTION_POINTS = tuple(range(0, 101, 10))
SOURCE_ID = "ktab_input"


def _slug(text: str, taken: set[str]) -> str:
    base = re.sub(r"[^0-9A-Za-z_]+", "_", text).strip("_").lower() or "x"
    slug, k = base, 2
    while slug in taken:
        slug, k = f"{base}_{k}", k + 1
    taken.add(slug)
    return slug


def _keep(name: str, taken: set[str]) -> str:
    """The dimension's own name as its id when usable, else a slug."""
    if name.strip() and name == name.strip() and name not in taken:
        taken.add(name)
        return name
    return _slug(name, taken)


def ktab_to_scenario(data: SpatialInput, file_name: str) -> dict[str, Any]:
    """A scenario document (plain data, ready for YAML) equivalent to ``data``.

    Parameters
    ----------
    data:
        The parsed KTAB CSV.
    file_name:
        The CSV's name, cited in the scenario's source entry.
    """
    dims = list(data.dimensions)
    taken: set[str] = set()
    dim_ids = [_keep(d, taken) for d in dims]
    options = [f"p{v}" for v in OPTION_POINTS]
    issues = [{"id": did, "name": name,
               "description": f"KTAB dimension {name!r}; option pN is the point N of 0-100.",
               "options": [{"id": o, "label": f"{v} on the 0-100 scale"}
                           for o, v in zip(options, OPTION_POINTS, strict=True)]}
              for did, name in zip(dim_ids, dims, strict=True)]
    parties = []
    preferences: dict[str, Any] = {}
    actors = []
    for i, actor in enumerate(data.actors):
        desc = data.actor_descriptions[i]
        parties.append({"id": actor, "name": desc or actor, "role": "party", "veto": True,
                        "capability": {"value": float(data.capability[i]),
                                       "source": SOURCE_ID}})
        sal = [float(v) for v in data.salience[i]]
        total = sum(sal)
        preferences[actor] = {
            "source": SOURCE_ID,
            "note": "weights proportional to the KTAB saliences; values fall linearly "
                    "with distance from the KTAB position",
            "weights": {did: s / total for did, s in zip(dim_ids, sal, strict=True)},
            "values": {did: {o: 1.0 - abs(v - float(data.position[i, k])) / 100.0
                             for o, v in zip(options, OPTION_POINTS, strict=True)}
                       for k, did in enumerate(dim_ids)},
            "reservation": {"value": 0.0, "judgment": "A KTAB input says nothing about "
                            "the value of no agreement; 0 is a placeholder"},
        }
        actors.append({"party": actor,
                       "position": {did: float(data.position[i, k])
                                    for k, did in enumerate(dim_ids)},
                       "salience": {did: sal[k] for k, did in enumerate(dim_ids)}})
    scenario_id = _slug(data.name or "ktab_import", set())
    return {
        "parley": 1,
        "id": scenario_id,
        "title": data.name or "Imported KTAB input",
        "description": (data.description or "")
        + " (converted from a KTAB spatial-model CSV by parley import ktab)",
        "sources": [{"id": SOURCE_ID, "citation": f"KTAB spatial-model input file {file_name}",
                     "note": "capabilities, positions and saliences as given in the CSV"}],
        "parties": parties,
        "issues": issues,
        "preferences": preferences,
        "spatial": {
            "source": SOURCE_ID,
            "dimensions": [{"id": did, "issue": did, "name": name,
                            "scale": {o: float(v) for o, v in
                                      zip(options, OPTION_POINTS, strict=True)},
                            "judgment": "Options pN placed at N by construction"}
                           for did, name in zip(dim_ids, dims, strict=True)],
            "actors": actors,
        },
    }

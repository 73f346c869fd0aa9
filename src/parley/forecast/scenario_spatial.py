"""A scenario's ``spatial:`` section: checks, the spatial input it defines, and the
comparison of a spatial forecast with the scenario's bargaining solutions.

Conventions (documented in docs/forecast.md):

* a dimension places every option of one issue on a 0–100 line (``scale``);
* an actor's capability defaults to its party's ``capability`` (1 when it has none);
* a position left out is the scale point of the option the party values most on
  the dimension's issue (the mean point of tied options): its ideal point;
* a salience left out is 100 × the party's weight on the issue.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from parley.errors import Problem
from parley.forecast.ktab_csv import SpatialInput
from parley.scenario.model import LedgerEntry
from parley.scenario.types import Param, Sourced
from parley.scenario.yamlio import Located, PathKey, format_path

if TYPE_CHECKING:
    from parley.scenario.model import Scenario
    from parley.scenario.schema import ScenarioDoc

__all__ = ["DimensionComparison", "compare_with_solutions", "nearest_option",
           "spatial_input", "spatial_problems"]


def _unknown(kind: str, name: str, known: Iterable[str]) -> str:
    names = [str(k) for k in known]
    hint = difflib.get_close_matches(str(name), names, n=1)
    extra = f" (did you mean {hint[0]!r}?)" if hint else ""
    return f"unknown {kind} {name!r}{extra}"


def spatial_problems(doc: ScenarioDoc,
                     located: Located) -> tuple[list[Problem], list[LedgerEntry]]:
    """Problems of the ``spatial`` section and ledger entries for its explicit numbers.

    Checks: dimensions have unique ids and name an existing issue; each scale places
    exactly the issue's options within 0–100, at two or more distinct points; actors
    name distinct existing parties; positions and saliences name known dimensions and
    lie within 0–100; an actor's saliences add up to at most 100; capabilities are
    positive; every explicit number and every scale has a source or a judgment (its
    own or an enclosing block's); sources exist.
    """
    section = doc.spatial
    if section is None:
        return [], []
    problems: list[Problem] = []
    ledger: list[LedgerEntry] = []
    sources = {s.id for s in doc.sources}
    base: PathKey = ("spatial",)
    issues = {iss.id: [o.id for o in iss.options] for iss in doc.issues}
    parties = {p.id: p for p in doc.parties}

    def error(path: PathKey, message: str) -> None:
        problems.append(located.problem(path, message))

    def check_source(block: Sourced, path: PathKey) -> None:
        if block.source is not None and block.source not in sources:
            error((*path, "source"), _unknown("source", block.source, sources)
                  + "; add it to `sources`")

    def provenance(chain: list[Sourced]) -> tuple[str | None, str | None]:
        for block in reversed(chain):
            if block.source is not None or block.judgment is not None:
                return block.source, block.judgment
        return None, None

    def record(param: Param, path: PathKey, chain: list[Sourced], lo: float,
               hi: float | None, what: str) -> None:
        check_source(param, path)
        source, judgment = provenance([*chain, param])
        if source is None and judgment is None:
            error(path, "this number has neither a `source` nor a `judgment`; write "
                  "{value: ..., source: KEY} or {value: ..., judgment: \"why\"}, or set one "
                  "on an enclosing block")
        values = [param.value, *(param.range or ())]
        if hi is None and any(v <= lo for v in values):
            error(path, f"{what} must be positive")
        elif hi is not None and any(not lo <= v <= hi for v in values):
            error(path, f"{what} must lie between {lo:g} and {hi:g}")
        line, _ = located.where(path)
        ledger.append(LedgerEntry(format_path(path), param.value, source, judgment,
                                  param.range, f"spatial {what}", line))

    check_source(section, base)
    dims: dict[str, Any] = {}
    for k, dim in enumerate(section.dimensions):
        path = (*base, "dimensions", k)
        check_source(dim, path)
        if dim.id in dims:
            error((*path, "id"), f"dimension {dim.id!r} is defined twice")
        dims[dim.id] = dim
        if provenance([section, dim]) == (None, None):
            error(path, "the scale has neither a `source` nor a `judgment`; say why the "
                  "options are ordered and spaced this way")
        if dim.issue not in issues:
            error((*path, "issue"), _unknown("issue", dim.issue, issues))
            continue
        options = issues[dim.issue]
        for opt, point in dim.scale.items():
            if opt not in options:
                error((*path, "scale", opt),
                      _unknown(f"option of issue {dim.issue!r}", opt, options))
            elif not 0.0 <= point <= 100.0:
                error((*path, "scale", opt), "a scale point must lie between 0 and 100")
        missing = [o for o in options if o not in dim.scale]
        if missing:
            error((*path, "scale"), f"place every option of issue {dim.issue!r} on the "
                  f"scale; missing: {', '.join(missing)}")
        if len(set(dim.scale.values())) < 2:
            error((*path, "scale"), "the scale needs at least two distinct points")
    seen: set[str] = set()
    for k, actor in enumerate(section.actors):
        path = (*base, "actors", k)
        check_source(actor, path)
        if actor.party not in parties:
            error((*path, "party"), _unknown("party", actor.party, parties))
        elif actor.party in seen:
            error((*path, "party"), f"party {actor.party!r} is listed twice")
        seen.add(actor.party)
        chain: list[Sourced] = [section, actor]
        if actor.capability is not None:
            record(actor.capability, (*path, "capability"), chain, 0.0, None, "capability")
        for key in ("position", "salience"):
            values: Mapping[str, Param] = getattr(actor, key)
            for dim_id, param in values.items():
                if dim_id not in dims:
                    error((*path, key, dim_id), _unknown("dimension", dim_id, dims))
                    continue
                record(param, (*path, key, dim_id), chain, 0.0, 100.0, key)
    return problems, ledger


def _party_index(scenario: Scenario, party: str) -> int:
    return scenario.parties.index(party)


def spatial_input(scenario: Scenario) -> SpatialInput:
    """The actors, capabilities, positions and saliences defined by ``spatial:``.

    Raises
    ------
    ValueError
        When the scenario has no ``spatial`` section.
    """
    section = scenario.doc.spatial
    if section is None:
        raise ValueError("the scenario has no `spatial:` section")
    n, m = len(section.actors), len(section.dimensions)
    cap = np.zeros(n)
    pos = np.zeros((n, m))
    sal = np.zeros((n, m))
    for i, actor in enumerate(section.actors):
        p = _party_index(scenario, actor.party)
        cap[i] = (actor.capability.value if actor.capability is not None
                  else float(scenario.capability[p]))
        for k, dim in enumerate(section.dimensions):
            q = scenario.issues.index(dim.issue)
            if dim.id in actor.position:
                pos[i, k] = actor.position[dim.id].value
            else:
                vals = scenario.values[q][p]
                best = np.flatnonzero(vals >= vals.max() - 1e-12)
                opts = scenario.options[q]
                pos[i, k] = float(np.mean([dim.scale[opts[b]] for b in best]))
            sal[i, k] = (actor.salience[dim.id].value if dim.id in actor.salience
                         else 100.0 * float(scenario.weights[p, q]))
    names = tuple(a.party for a in section.actors)
    return SpatialInput(scenario.doc.id, scenario.doc.title or "", names, names,
                        tuple(d.id for d in section.dimensions), cap, pos, sal)


def nearest_option(scale: Mapping[str, float], point: float) -> str:
    """The option whose scale point is nearest ``point`` (the first listed on a tie)."""
    return min(scale, key=lambda opt: abs(scale[opt] - point))


@dataclass(frozen=True)
class DimensionComparison:
    """The forecast of one dimension next to the bargaining solutions' options."""

    dimension: str
    issue: str
    forecast: float
    forecast_option: str
    solutions: dict[str, str | None]
    solution_points: dict[str, float | None]

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"dimension": self.dimension, "issue": self.issue,
                "forecast": round(self.forecast, 6), "forecast_option": self.forecast_option,
                "solutions": dict(self.solutions),
                "solution_points": dict(self.solution_points),
                "agrees_with": sorted(k for k, v in self.solutions.items()
                                      if v == self.forecast_option)}


def compare_with_solutions(scenario: Scenario, forecast: Mapping[str, float],
                           solutions: Mapping[str, Mapping[str, str] | None]
                           ) -> list[DimensionComparison]:
    """Map each forecast point back to the nearest option and set it beside the solutions.

    Parameters
    ----------
    scenario:
        A scenario with a ``spatial`` section.
    forecast:
        Forecast point (0–100) per dimension id.
    solutions:
        Package (issue → option) of each bargaining solution, None when it has none.
    """
    section = scenario.doc.spatial
    if section is None:
        raise ValueError("the scenario has no `spatial:` section")
    out = []
    for dim in section.dimensions:
        scale = dict(dim.scale)
        picks = {name: (pkg.get(dim.issue) if pkg is not None else None)
                 for name, pkg in solutions.items()}
        out.append(DimensionComparison(
            dim.id, dim.issue, float(forecast[dim.id]), nearest_option(scale, forecast[dim.id]),
            picks, {name: (scale[o] if o is not None else None) for name, o in picks.items()}))
    return out

"""From a scenario's options to the covariates of the durability model.

The scenario's optional ``durability:`` section (schema:
:mod:`parley.scenario.sections.durability`) says which options switch on which
covariate, with a source or a judgment for each mapping, and may supply hazard ratios
of its own. This module checks that section against the scenario (every problem with
its file, line and column) and evaluates it for a package.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from parley.durability.effects import (
    Z95,
    Direction,
    Effect,
    Evidence,
    EvidenceClass,
    catalogue,
)
from parley.errors import Problem, ScenarioError
from parley.scenario.model import LedgerEntry
from parley.scenario.sections.durability import DurabilitySection, ScenarioEffect
from parley.scenario.types import Param, Sourced
from parley.scenario.yamlio import Located, PathKey, format_path

if TYPE_CHECKING:
    from parley.scenario.model import Scenario
    from parley.scenario.schema import ScenarioDoc


def _unknown(kind: str, name: str, known: Iterable[str], of: str | None = None) -> str:
    names = [str(k) for k in known]
    hint = difflib.get_close_matches(str(name), names, n=1)
    extra = f" (did you mean {hint[0]!r}?)" if hint else ""
    where = f" of issue {of!r}" if of is not None else ""
    return f"unknown {kind} {name!r}{where}{extra}"


def _provenance(*chain: Sourced) -> tuple[str | None, str | None]:
    """The source or judgment of the innermost block in ``chain`` that has one."""
    for block in chain:
        if block.source is not None or block.judgment is not None:
            return block.source, block.judgment
    return None, None


def durability_problems(doc: ScenarioDoc,
                        located: Located) -> tuple[list[Problem], list[LedgerEntry]]:
    """Check the ``durability`` section of a schema-valid document.

    Parameters
    ----------
    doc:
        The parsed document.
    located:
        Its source positions, used to locate every problem.

    Returns
    -------
    tuple
        The problems found (empty when the section is fine or absent) and ledger
        entries for its numbers (covariate values and hazard ratios, with provenance).
    """
    section = doc.durability
    if section is None:
        return [], []
    problems: list[Problem] = []
    ledger: list[LedgerEntry] = []
    base: PathKey = ("durability",)
    sources = {s.id for s in doc.sources}
    options = {issue.id: [o.id for o in issue.options] for issue in doc.issues}
    known = sorted(set(catalogue()) | set(section.effects))

    def error(path: PathKey, message: str) -> None:
        problems.append(located.problem(path, message))

    def record(path: PathKey, value: float, chain: tuple[Sourced, ...], origin: str,
               value_range: tuple[float, float] | None = None) -> None:
        source, judgment = _provenance(*chain)
        own = chain[0].source
        if own is not None and own not in sources:
            error((*path, "source"), _unknown("source", own, sources) + "; add it to `sources`")
        if source is None and judgment is None:
            error(path, "this durability entry has neither a `source` nor a `judgment`; give "
                  "one here or on the `durability` section")
        line, _ = located.where(path)
        ledger.append(LedgerEntry(format_path(path), value, source, judgment, value_range,
                                  origin, line))

    if section.source is not None and section.source not in sources:
        error((*base, "source"), _unknown("source", section.source, sources)
              + "; add it to `sources`")

    for k, mapping in enumerate(section.mappings):
        path: PathKey = (*base, "mappings", k)
        if mapping.source is not None and mapping.source not in sources:
            error((*path, "source"), _unknown("source", mapping.source, sources)
                  + "; add it to `sources`")
        for issue, opts in mapping.when.items():
            if issue not in options:
                error((*path, "when", issue), _unknown("issue", issue, options))
                continue
            for j, opt in enumerate(opts):
                if opt not in options[issue]:
                    where = (*path, "when", issue, j) if len(opts) > 1 else (*path, "when", issue)
                    error(where, _unknown("option", opt, options[issue], issue))
        source, judgment = _provenance(mapping, section)
        if source is None and judgment is None:
            error(path, "this mapping has neither a `source` nor a `judgment`; say why "
                  "these options mean these covariates")
        for name, value in mapping.covariates.items():
            where = (*path, "covariates", name)
            if name not in known:
                error(where, _unknown("covariate", name, known)
                      + "; use a built-in covariate or define it under `durability.effects`")
                continue
            if not 0.0 <= value <= 1.0:
                error(where, f"covariate values lie between 0 (absent) and 1 (present), "
                      f"not {value:g}")
            line, _ = located.where(where)
            ledger.append(LedgerEntry(format_path(where), value, source, judgment, None,
                                      "durability covariate", line))

    for name, effect in section.effects.items():
        path = (*base, "effects", name)
        hr = effect.hazard_ratio
        where = (*path, "hazard_ratio")
        if hr.value <= 0:
            error(where, f"a hazard ratio must be positive, not {hr.value:g}")
        if hr.range is not None and hr.range[0] <= 0:
            error((*where, "range"), "a hazard-ratio range must lie above 0")
        if effect.source is not None and effect.source not in sources:
            error((*path, "source"), _unknown("source", effect.source, sources)
                  + "; add it to `sources`")
        record(where, hr.value, (hr, effect, section), "durability hazard ratio", hr.range)
        source, _ = _provenance(hr, effect, section)
        if effect.evidence != "judgment" and source is None:
            error(path, f"`evidence: {effect.evidence}` needs a `source`; a number without "
                  "one is a judgment (`evidence: judgment`)")
    return problems, ledger


def check_durability_section(doc: ScenarioDoc, located: Located | None = None) -> None:
    """Raise :class:`~parley.errors.ScenarioError` listing every problem of the section.

    Parameters
    ----------
    doc:
        The parsed document.
    located:
        Source positions; without them problems carry only the field path.
    """
    loc = located if located is not None else Located(None, None)
    problems, _ = durability_problems(doc, loc)
    if problems:
        raise ScenarioError(problems)


# ------------------------------------------------------------------ evaluation
@dataclass(frozen=True)
class MappingUse:
    """A mapping that applies to a package, for the report."""

    index: int
    when: dict[str, list[str]]
    covariates: dict[str, float]
    source: str | None
    judgment: str | None


def section_of(scenario: Scenario) -> DurabilitySection:
    """The scenario's durability section (an empty one when the file has none)."""
    return scenario.doc.durability or DurabilitySection()


def package_covariates(section: DurabilitySection,
                       package: dict[str, str]) -> tuple[dict[str, float], list[MappingUse]]:
    """Covariate values of a package and the mappings that produced them.

    A mapping applies when every issue in its ``when`` takes one of the listed
    options. When several mappings set the same covariate, the largest value is kept.

    Parameters
    ----------
    section:
        The checked ``durability`` section.
    package:
        ``{issue: option}``.
    """
    values: dict[str, float] = {}
    used: list[MappingUse] = []
    for k, mapping in enumerate(section.mappings):
        if all(package.get(issue) in opts for issue, opts in mapping.when.items()):
            for name, x in mapping.covariates.items():
                values[name] = max(values.get(name, 0.0), float(x))
            source, judgment = _provenance(mapping, section)
            used.append(MappingUse(k, {i: list(o) for i, o in mapping.when.items()},
                                   dict(mapping.covariates), source, judgment))
    return values, used


def _scenario_effect(name: str, spec: ScenarioEffect, section: DurabilitySection,
                     base: Effect | None) -> Effect:
    hr: Param = spec.hazard_ratio
    log_hr = math.log(hr.value)
    log_se = 0.0
    if hr.range is not None:
        low, high = hr.range
        log_se = (math.log(high) - math.log(low)) / (2 * Z95)
    source, judgment = _provenance(hr, spec, section)
    cls: EvidenceClass = spec.evidence
    finding = f"Scenario value: hazard ratio {hr.value:g}"
    if hr.range is not None:
        finding += f" (plausible range {hr.range[0]:g}–{hr.range[1]:g})"
    if judgment is not None:
        finding += f"; judgment: {judgment}"
    own = Evidence(f"scenario:{name}", cls, f"scenario source {source}" if source else
                   "scenario judgment", "scenario", finding)
    direction: Direction = "reduces" if hr.value < 1 else "raises" if hr.value > 1 else "none"
    return Effect(
        name, spec.label or (base.label if base else name),
        base.direction if base else direction, log_hr, log_se, cls,
        base.contested if base else False,
        (*(base.evidence if base else ()), own),
        "Hazard ratio supplied by the scenario"
        + (f" (replaces the built-in treatment: {base.note})" if base else "."),
    )


def effect_table(section: DurabilitySection) -> dict[str, Effect]:
    """Built-in effects, with those the scenario supplies added or substituted."""
    table = dict(catalogue())
    for name, spec in section.effects.items():
        table[name] = _scenario_effect(name, spec, section, table.get(name))
    return table

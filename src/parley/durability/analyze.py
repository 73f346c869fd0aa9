"""Durability of every named proposal and bargaining solution of a scenario.

:func:`analyze_durability` maps each package to covariates through the scenario's
``durability`` section, applies the hazard ratios that have numbers to the interstate
baseline fitted from the bundled COW data, and reports the probability of renewed war
by 1, 2, 5 and 10 years with Monte Carlo bands. The same parameter draws are used for
every package, so differences between packages carry no sampling noise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from parley.durability.effects import CONTESTED_FINDINGS, Effect
from parley.durability.fit import WeibullFit, fit_baseline
from parley.durability.mapping import (
    MappingUse,
    effect_table,
    package_covariates,
    section_of,
)
from parley.durability.model import (
    HORIZONS,
    Band,
    ParameterDraws,
    draw_parameters,
    log_multiplier,
    median_years,
    p_renewed_war,
    p_renewed_war_bands,
    survival_curve_bands,
)
from parley.scenario.model import Scenario

#: Default number of Monte Carlo draws.
DEFAULT_SAMPLES = 10_000

#: Years at which the survival curve is reported (0 to 20 by quarter-years).
CURVE_YEARS = np.linspace(0.0, 20.0, 81)

#: What the model predicts, and what it cannot see.
OUTCOME = ("renewed interstate war between the same states (a new Correlates of War war, "
           "at least 1,000 battle deaths, or a coded resumption); ceasefire violations short "
           "of war are not counted")

CAVEATS: tuple[str, ...] = (
    "The baseline comes from 33 interstate wars that ended in 1946–1997 (14 followed by "
    "renewed war), observed at year resolution: failures within days or months are "
    "invisible, so the first-year risk is understated.",
    "The peacekeeping hazard ratio is civil-war evidence (Fortna's civil-war cease-fires "
    "1989–1999) applied to an interstate baseline; no interstate hazard ratio was "
    "extracted.",
    "Demilitarised zones, third-party guarantees, joint commissions, ceasefire-only deals "
    "and third-party pressure enter as directions only: they are listed but do not move "
    "the numbers.",
    "Provisions are not assigned at random: peacekeepers and strong agreements tend to go "
    "to harder cases, and the data include almost no great-power or nuclear belligerents "
    "and no war of this scale.",
    "Bands reflect sampling uncertainty of the fitted baseline and the hazard ratios only, "
    "not doubts about the model's form or the mapping of options to covariates.",
)


@dataclass(frozen=True)
class ActiveEffect:
    """A covariate switched on for a package, with its effect and evidence."""

    effect: Effect
    value: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (the effect's evidence list is given once, under ``effects``)."""
        e = self.effect
        ci = e.ci95
        return {
            "covariate": e.covariate, "value": self.value, "label": e.label,
            "direction": e.direction, "applied": e.numeric,
            "hazard_ratio": e.hazard_ratio if e.numeric else None,
            "ci95": list(ci) if ci is not None else None,
            "evidence": e.evidence_class if e.numeric else "direction_only",
            "evidence_classes": list(e.classes), "contested": e.contested,
        }


@dataclass(frozen=True)
class PackageDurability:
    """Durability estimates for one package.

    Attributes
    ----------
    name, kind:
        Display name and ``"proposal"``, ``"solution"`` or ``"baseline"``.
    package:
        ``{issue: option}`` (empty for the baseline).
    covariates:
        Covariate values the scenario's mappings give the package.
    active:
        The covariates switched on, with their effects.
    mappings:
        The mappings that applied.
    log_multiplier:
        ``sum_k x_k log HR_k`` at the point estimates.
    point:
        P(renewed war) by each horizon at the point estimates.
    bands:
        Monte Carlo mean and interval by each horizon.
    curve:
        Survival S(t | x) on :data:`CURVE_YEARS`: Monte Carlo mean and interval.
    median_years:
        Median time to renewed war at the point estimates.
    """

    name: str
    kind: str
    package: dict[str, str]
    covariates: dict[str, float]
    active: tuple[ActiveEffect, ...]
    mappings: tuple[MappingUse, ...]
    log_multiplier: float
    point: dict[str, float]
    bands: dict[str, Band]
    median_years: float
    curve: dict[str, list[float]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form; ``p_renewed_war`` holds ``{"1": {mean, low, high}, ...}``."""
        return {
            "name": self.name, "kind": self.kind, "package": self.package,
            "covariates": self.covariates,
            "active_effects": [a.to_dict() for a in self.active],
            "mappings": [{"index": m.index, "when": m.when, "covariates": m.covariates,
                          "source": m.source, "judgment": m.judgment} for m in self.mappings],
            "hazard_multiplier": float(np.exp(self.log_multiplier)),
            "p_renewed_war": {h: b.to_dict() for h, b in self.bands.items()},
            "p_renewed_war_point": self.point,
            "median_years_point": self.median_years,
            "survival_curve": self.curve,
        }


@dataclass(frozen=True)
class DurabilityResult:
    """Everything ``parley durability`` reports; ``to_dict()`` is the JSON document."""

    scenario_id: str
    baseline: WeibullFit
    horizons: tuple[int, ...]
    samples: int
    seed: int
    level: float
    reference: PackageDurability
    proposals: dict[str, PackageDurability]
    solutions: dict[str, PackageDurability | None]
    effects: dict[str, Effect]
    note: str | None = None
    caveats: tuple[str, ...] = field(default=CAVEATS)
    contested: tuple[str, ...] = field(default=CONTESTED_FINDINGS)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``parley durability --format json``."""
        return {
            "scenario": self.scenario_id,
            "model": {
                "form": "weibull_proportional_hazards",
                "survival": "S(t|x) = exp(-(t/lambda)^rho * prod_k HR_k^x_k), t in years",
                "outcome": OUTCOME,
            },
            "baseline": {
                **self.baseline.to_dict(),
                "data": "Correlates of War Inter-State War Data v4.0 (Sarkees & Wayman 2010): "
                        "interstate wars ending 1946–1997 and their recurrence to 2007",
                "evidence": "interstate",
            },
            "horizons_years": list(self.horizons),
            "uncertainty": {
                "samples": self.samples, "seed": self.seed, "level": self.level,
                "method": "Monte Carlo: (log lambda, log rho) from the normal approximation "
                          "with the inverse observed information; log hazard ratios from "
                          "normals with their standard errors (a scenario range is read as "
                          "a 95% interval); percentile bands",
            },
            "reference": self.reference.to_dict(),
            "proposals": {k: v.to_dict() for k, v in self.proposals.items()},
            "solutions": {k: (v.to_dict() if v is not None else None)
                          for k, v in self.solutions.items()},
            "effects": {k: e.to_dict() for k, e in self.effects.items()},
            "contested": list(self.contested),
            "caveats": list(self.caveats),
            "note": self.note,
        }


def _numeric_effects(effects: dict[str, Effect]) -> dict[str, tuple[float, float]]:
    return {name: (e.log_hr, e.log_se or 0.0) for name, e in effects.items()
            if e.log_hr is not None}


def estimate_package(name: str, kind: str, package: dict[str, str], *,
                     covariates: dict[str, float], mappings: list[MappingUse],
                     effects: dict[str, Effect], fit: WeibullFit, draws: ParameterDraws,
                     level: float = 0.95,
                     horizons: tuple[int, ...] = HORIZONS) -> PackageDurability:
    """Point estimates and Monte Carlo bands for one package's covariates.

    Parameters
    ----------
    name, kind, package:
        Labels for the report.
    covariates:
        Covariate values (unknown names are an error).
    mappings:
        The mappings that produced them.
    effects:
        The effect table (built-in plus scenario-supplied).
    fit, draws:
        The baseline fit and the shared parameter draws.
    level, horizons:
        Band coverage and the horizons in years.
    """
    unknown = [c for c in covariates if c not in effects]
    if unknown:
        raise KeyError(f"unknown covariate(s): {', '.join(unknown)}")
    numeric = _numeric_effects(effects)
    lm_point = float(log_multiplier(covariates, {k: v[0] for k, v in numeric.items()}))
    point = p_renewed_war(np.asarray(horizons, dtype=float), fit.scale, fit.shape, lm_point)
    active = tuple(ActiveEffect(effects[c], x) for c, x in sorted(covariates.items()) if x > 0)
    return PackageDurability(
        name=name, kind=kind, package=dict(package), covariates=dict(covariates),
        active=active, mappings=tuple(mappings), log_multiplier=lm_point,
        point={str(h): float(p) for h, p in zip(horizons, point, strict=True)},
        bands=p_renewed_war_bands(draws, covariates, horizons, level),
        median_years=median_years(fit.scale, fit.shape, lm_point),
        curve=survival_curve_bands(draws, covariates, CURVE_YEARS, level))


def analyze_durability(scenario: Scenario, *, seed: int = 0,
                       samples: int = DEFAULT_SAMPLES, level: float = 0.95,
                       rng: np.random.Generator | None = None,
                       fit: WeibullFit | None = None) -> DurabilityResult:
    """Probability of renewed war under every proposal and bargaining solution.

    Parameters
    ----------
    scenario:
        A loaded scenario; its ``durability`` section maps options to covariates (without
        one, every package gets the baseline).
    seed:
        Seed of the Monte Carlo draws (used when ``rng`` is not given).
    samples:
        Number of Monte Carlo draws.
    level:
        Coverage of the reported bands (0.95: 2.5th to 97.5th percentile).
    rng:
        A generator to draw from instead of ``np.random.default_rng(seed)``.
    fit:
        A baseline fit to use instead of the bundled COW fit.

    Returns
    -------
    DurabilityResult
        Per proposal and per solution (``None`` when the ZOPA is empty and a solution
        does not exist): covariates, active effects with their evidence class, and
        P(renewed war) by 1, 2, 5 and 10 years as ``{mean, low, high}``.
    """
    from parley.bargaining import analyze

    if samples < 1:
        raise ValueError("samples must be at least 1")
    section = section_of(scenario)
    effects = effect_table(section)
    base = fit if fit is not None else fit_baseline()
    generator = rng if rng is not None else np.random.default_rng(seed)
    draws = draw_parameters(base, _numeric_effects(effects), samples, generator)

    def one(name: str, kind: str, package: dict[str, str]) -> PackageDurability:
        covariates, used = package_covariates(section, package)
        return estimate_package(name, kind, package, covariates=covariates, mappings=used,
                                effects=effects, fit=base, draws=draws, level=level)

    reference = estimate_package("No provisions (baseline)", "baseline", {}, covariates={},
                                 mappings=[], effects=effects, fit=base, draws=draws,
                                 level=level)
    proposals = {p.id: one(p.name, "proposal", scenario.package_dict(p.package))
                 for p in scenario.proposals}
    result = analyze(scenario, repairs=0)
    solutions = {name: (one(name, "solution", sol.package) if sol is not None else None)
                 for name, sol in result.solutions.items()}
    return DurabilityResult(
        scenario_id=scenario.id, baseline=base, horizons=HORIZONS, samples=samples,
        seed=seed, level=level, reference=reference, proposals=proposals,
        solutions=solutions, effects=effects, note=section.note)

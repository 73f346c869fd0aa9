"""The bargaining analysis of a scenario: ZOPA, frontier, solutions, proposals."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from parley.bargaining.frontier import (
    Frontier,
    fold_acceptable_frontier,
    scan_acceptable_frontier,
)
from parley.bargaining.pareto import FoldTooLarge
from parley.bargaining.proposals import ProposalResult, evaluate_proposal
from parley.bargaining.solutions import SOLUTIONS, Conventions, disagreement_point, solve_all
from parley.scenario.model import Scenario
from parley.space import (
    Block,
    Enumerator,
    build_blocks,
    evaluate,
    feasible_count,
    required_parties,
)

#: Packages sampled to estimate the ZOPA share when the space is not enumerated.
ZOPA_SAMPLES = 200_000


@dataclass(frozen=True)
class Zopa:
    """The zone of possible agreement: packages every required party prefers to no deal."""

    size: int | None
    share: float
    exact: bool
    low: float | None = None
    high: float | None = None

    @property
    def empty(self) -> bool:
        """Whether no package is acceptable (only certain when ``exact``)."""
        return self.size == 0


@dataclass(frozen=True)
class Solution:
    """A bargaining solution: its package and every party's utility and margin."""

    name: str
    package: dict[str, str]
    utilities: dict[str, float]
    margins: dict[str, float]


@dataclass(frozen=True)
class AnalysisResult:
    """Everything ``parley analyze`` reports. ``to_dict()`` gives the JSON document."""

    scenario: Scenario
    conventions: Conventions
    n_packages: int
    n_feasible: int
    enumerated: bool
    frontier: Frontier | None
    frontier_enumerated: bool
    zopa: Zopa
    disagreement: np.ndarray
    ideal: np.ndarray
    space_min: np.ndarray
    space_max: np.ndarray
    solutions: dict[str, Solution | None]
    proposals: dict[str, ProposalResult]
    method: str
    notes: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        """The analysis as a JSON-ready document (schema: ``parley schema analysis``)."""
        from parley.bargaining.report import result_to_dict

        return result_to_dict(self)


def _space_range(scenario: Scenario, blocks: list[Any]) -> tuple[np.ndarray, np.ndarray]:
    lo = np.zeros(scenario.n_parties)
    hi = np.zeros(scenario.n_parties)
    for block in blocks:
        lo += block.contrib.min(axis=0)
        hi += block.contrib.max(axis=0)
    return lo, hi


def _sample_zopa(scenario: Scenario, blocks: list[Block], n: int, seed: int) -> Zopa:
    rng = np.random.default_rng(seed)
    choice = np.stack([rng.integers(0, b.size, size=n) for b in blocks], axis=1)
    util, triggers = evaluate(blocks, choice, scenario.n_parties, len(scenario.ratification))
    required = required_parties(scenario, triggers)
    ok = np.all((util >= scenario.threshold) | ~required, axis=1)
    k = int(ok.sum())
    # Wilson score interval at 95%
    z = 1.959963984540054
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return Zopa(None, p, False, max(0.0, centre - half), min(1.0, centre + half))


def analyze(scenario: Scenario, conventions: Conventions | None = None, *,
            max_enumerate: int | None = None, repairs: int = 5, seed: int = 0,
            method: str = "auto") -> AnalysisResult:
    """Run the bargaining analysis.

    Parameters
    ----------
    scenario:
        A loaded scenario.
    conventions:
        Disagreement and ideal-point conventions; default from the scenario's ``analysis``.
    max_enumerate:
        Largest feasible space that is enumerated (ZOPA counted exactly); default from
        the scenario. Larger spaces get an estimated ZOPA share (seeded sample) and
        the frontier by block folding or, failing that, solutions by MILP.
    repairs:
        How many repairs to list per rejected proposal (0 to skip the search).
    seed:
        Seed for the ZOPA sample of large spaces.
    method:
        How the frontier is found: ``auto`` (fold, falling back to scan or MILP),
        ``fold``, ``scan`` (needs an enumerated space) or ``milp`` (no frontier; solution
        points by mixed-integer programming).
    """
    if method not in ("auto", "fold", "scan", "milp"):
        raise ValueError(f"unknown method {method!r}")
    settings = scenario.settings
    if conventions is None:
        conventions = Conventions(settings.disagreement, settings.ideal)
    limit = settings.max_enumerate if max_enumerate is None else max_enumerate
    blocks = build_blocks(scenario)
    n_feasible = feasible_count(blocks)
    space_min, space_max = _space_range(scenario, blocks)
    enumerated = n_feasible <= limit
    notes: list[str] = []
    enumerator = Enumerator(scenario, blocks) if enumerated else None
    if enumerator is not None:
        size = enumerator.count_acceptable()
        zopa = Zopa(size, size / n_feasible, True)
    else:
        zopa = _sample_zopa(scenario, blocks, ZOPA_SAMPLES, seed)
        notes.append(f"the {n_feasible:,} feasible packages exceed max_enumerate={limit:,}: "
                     f"the ZOPA share is estimated from {ZOPA_SAMPLES:,} sampled packages "
                     f"(seed {seed})")

    frontier: Frontier | None = None
    if method in ("auto", "fold"):
        try:
            frontier = fold_acceptable_frontier(scenario, blocks)
            method = "fold"
        except FoldTooLarge:
            if method == "fold":
                raise
            method = "scan" if enumerator is not None else "milp"
    if method == "scan":
        if enumerator is None:
            raise ValueError("method 'scan' needs an enumerated space; raise max_enumerate")
        frontier = scan_acceptable_frontier(scenario, enumerator)
    dims = list(scenario.bargaining)
    d_all = disagreement_point(scenario.reservation, space_min, conventions)
    weights = scenario.capability[dims] / scenario.capability[dims].sum()
    solutions: dict[str, Solution | None] = dict.fromkeys(SOLUTIONS)
    if frontier is not None:
        front = frontier.utilities[:, dims]
        ideal = space_max.copy()
        if conventions.ideal == "acceptable" and front.shape[0]:
            ideal[dims] = front.max(axis=0)
        picks = solve_all(front, d_all[dims], ideal[dims], weights)
        for name, idx in picks.items():
            if idx is not None:
                solutions[name] = _solution(scenario, name, frontier.packages[idx],
                                            frontier.utilities[idx])
        front_pk, front_u = frontier.packages, frontier.utilities
        if zopa.exact is False and frontier.packages.shape[0] == 0:
            zopa = replace(zopa, size=0, share=0.0, exact=True, low=None, high=None)
    else:
        from parley.bargaining.milp import solve_points

        ideal = space_max.copy()
        notes.append("the Pareto frontier was not enumerated; the Nash, egalitarian and "
                     "utilitarian packages come from mixed-integer programming (HiGHS); "
                     "Kalai–Smorodinsky needs the frontier and is not given")
        points = solve_points(scenario, blocks, d_all, ideal, weights, conventions)
        for name, pkg in points.items():
            if pkg is not None:
                u = scenario.utilities(pkg[None, :])[0]
                solutions[name] = _solution(scenario, name, pkg, u)
        front_pk = np.zeros((0, scenario.n_issues), dtype=np.int64)
        front_u = np.zeros((0, scenario.n_parties))

    proposals = {spec.id: evaluate_proposal(scenario, spec, front_pk, front_u, repairs=repairs)
                 for spec in scenario.proposals}
    return AnalysisResult(
        scenario=scenario, conventions=conventions, n_packages=scenario.n_packages,
        n_feasible=n_feasible, enumerated=enumerated, frontier=frontier,
        frontier_enumerated=frontier is not None, zopa=zopa, disagreement=d_all, ideal=ideal,
        space_min=space_min, space_max=space_max, solutions=solutions, proposals=proposals,
        method=method, notes=tuple(notes))


def _solution(scenario: Scenario, name: str, package: np.ndarray,
              utilities: np.ndarray) -> Solution:
    return Solution(
        name, scenario.package_dict(package),
        dict(zip(scenario.parties, map(float, utilities), strict=True)),
        dict(zip(scenario.parties, map(float, utilities - scenario.reservation), strict=True)))

"""How a named proposal fares: margins, who rejects it and why, and the smallest repairs."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

import numpy as np

from parley.scenario.model import ProposalSpec, Scenario

#: Largest number of candidate packages examined at one Hamming distance.
MAX_REPAIR_CANDIDATES = 2_000_000


@dataclass(frozen=True)
class Driver:
    """An issue that costs a rejecting party: its best unilateral change there."""

    issue: str
    current: str
    best: str
    gain: float
    clears_alone: bool


@dataclass(frozen=True)
class Rejection:
    """A required party whose utility falls short of its reservation value."""

    party: str
    margin: float
    drivers: tuple[Driver, ...]


@dataclass(frozen=True)
class Repair:
    """An acceptable package that differs from the proposal on few issues."""

    package: dict[str, str]
    changes: dict[str, tuple[str, str]]
    utilities: dict[str, float]
    min_margin: float


@dataclass(frozen=True)
class ProposalResult:
    """Evaluation of one proposal."""

    spec: ProposalSpec
    package: dict[str, str]
    utilities: dict[str, float]
    margins: dict[str, float]
    required: tuple[str, ...]
    acceptable: bool
    rejections: tuple[Rejection, ...]
    frontier_distance: float | None
    dominated_by: dict[str, str] | None
    repairs: tuple[Repair, ...] = ()
    repair_distance: int | None = None
    repair_searched: int = 0
    observed_agreement: dict[str, bool | None] = field(default_factory=dict)


def _neighbours(scenario: Scenario, base: np.ndarray, k: int) -> np.ndarray:
    """All packages differing from ``base`` on exactly ``k`` issues."""
    sizes = scenario.sizes
    out: list[np.ndarray] = []
    for combo in itertools.combinations(range(scenario.n_issues), k):
        alts = [np.array([o for o in range(sizes[i]) if o != base[i]], dtype=np.int64)
                for i in combo]
        if any(a.size == 0 for a in alts):
            continue
        grids = np.meshgrid(*alts, indexing="ij")
        block = np.repeat(base[None, :], grids[0].size, axis=0)
        for j, i in enumerate(combo):
            block[:, i] = grids[j].ravel()
        out.append(block)
    if not out:
        return np.zeros((0, scenario.n_issues), dtype=np.int64)
    return np.concatenate(out)


def count_neighbours(scenario: Scenario, k: int) -> int:
    """How many packages differ from a given one on exactly ``k`` issues (worst case)."""
    alt = [int(s) - 1 for s in scenario.sizes]
    return sum(math.prod(alt[i] for i in c)
               for c in itertools.combinations(range(scenario.n_issues), k))


@dataclass(frozen=True, eq=False)
class _SingleChanges:
    """The feasible packages one issue away from a proposal, with their utilities."""

    packages: np.ndarray  # (m, n_issues)
    utilities: np.ndarray  # (m, n_parties)
    changed: np.ndarray  # (m,) the issue each one changes

    @classmethod
    def around(cls, scenario: Scenario, base: np.ndarray) -> _SingleChanges:
        cand = _neighbours(scenario, base, 1)
        cand = cand[scenario.feasible(cand)]
        return cls(cand, scenario.utilities(cand), np.argmax(cand != base[None, :], axis=1))


def _drivers(scenario: Scenario, base: np.ndarray, u_base: np.ndarray, party: int,
             near: _SingleChanges) -> tuple[Driver, ...]:
    """Per issue, the best single change for ``party``, largest gain first."""
    cand, changed = near.packages, near.changed
    u0 = u_base[party]
    gain = near.utilities[:, party] - u0
    drivers = []
    for i in range(scenario.n_issues):
        sel = np.flatnonzero(changed == i)
        if sel.size == 0:
            continue
        best = sel[np.argmax(gain[sel])]
        if gain[best] <= 0:
            continue
        drivers.append(Driver(scenario.issues[i], scenario.options[i][base[i]],
                              scenario.options[i][cand[best, i]], float(gain[best]),
                              bool(u0 + gain[best] >= scenario.threshold[party])))
    drivers.sort(key=lambda d: -d.gain)
    return tuple(drivers)


def find_repairs(scenario: Scenario, base: np.ndarray, *, limit: int = 5,
                 max_changes: int | None = None) -> tuple[tuple[Repair, ...], int | None, int]:
    """Acceptable packages reachable by changing the fewest issues of ``base``.

    Returns the best ``limit`` repairs at the smallest distance that has any, ranked
    by the smallest margin over the parties whose consent they need (the widest
    clearance first), that distance, and the largest distance searched.
    """
    rv = scenario.reservation
    top = scenario.n_issues if max_changes is None else min(max_changes, scenario.n_issues)
    searched = 0
    for k in range(1, top + 1):
        if count_neighbours(scenario, k) > MAX_REPAIR_CANDIDATES:
            break
        searched = k
        cand = _neighbours(scenario, base, k)
        if cand.shape[0] == 0:
            continue
        util = scenario.utilities(cand)
        ok = scenario.acceptable(cand, util)
        if not ok.any():
            continue
        cand, util = cand[ok], util[ok]
        req = scenario.required(cand)
        margin = np.where(req, util - rv, np.inf).min(axis=1)
        welfare = util[:, list(scenario.bargaining)].sum(axis=1)
        order = np.lexsort((-welfare, -margin))[:limit]
        repairs = []
        for j in order:
            pkg = cand[j]
            changes = {scenario.issues[i]: (scenario.options[i][base[i]],
                                            scenario.options[i][pkg[i]])
                       for i in np.flatnonzero(pkg != base)}
            repairs.append(Repair(scenario.package_dict(pkg), changes,
                                  dict(zip(scenario.parties, map(float, util[j]), strict=True)),
                                  float(margin[j])))
        return tuple(repairs), k, searched
    return (), None, searched


def evaluate_proposal(scenario: Scenario, spec: ProposalSpec, front_pk: np.ndarray,
                      front_u: np.ndarray, *, repairs: int = 5) -> ProposalResult:
    """Utilities, margins, rejections with their driving issues, frontier distance, repairs."""
    base = spec.package
    u = scenario.utilities(base[None, :])[0]
    margins = u - scenario.reservation
    req = scenario.required(base[None, :])[0]
    acceptable = bool(scenario.acceptable(base[None, :], u[None, :])[0])
    rejecting = np.flatnonzero(req & (u < scenario.threshold))
    near = _SingleChanges.around(scenario, base) if rejecting.size else None
    rejections = tuple(
        Rejection(scenario.parties[p], float(margins[p]),
                  _drivers(scenario, base, u, int(p), near))
        for p in rejecting if near is not None)
    dims = list(scenario.bargaining)
    distance = None
    dominated_by = None
    if front_u.shape[0]:
        diff = front_u[:, dims] - u[dims]
        distance = float(np.linalg.norm(diff, axis=1).min())
        dom = np.all(diff >= 0, axis=1) & np.any(diff > 1e-12, axis=1)
        if dom.any():
            best = np.flatnonzero(dom)[np.argmax(diff[dom].min(axis=1))]
            dominated_by = scenario.package_dict(front_pk[best])
    found: tuple[Repair, ...] = ()
    dist = None
    searched = 0
    if not acceptable and repairs > 0:
        found, dist, searched = find_repairs(scenario, base, limit=repairs)
    observed: dict[str, bool | None] = {}
    for party, stance in spec.observed.items():
        p = scenario.party_index(party)
        predicted = bool(u[p] >= scenario.threshold[p])
        if stance == "accepted":
            observed[party] = predicted
        elif stance == "rejected":
            observed[party] = not predicted
        else:
            observed[party] = None
    return ProposalResult(
        spec, scenario.package_dict(base),
        dict(zip(scenario.parties, map(float, u), strict=True)),
        dict(zip(scenario.parties, map(float, margins), strict=True)),
        tuple(scenario.parties[p] for p in np.flatnonzero(req)),
        acceptable, rejections, distance, dominated_by, found, dist, searched, observed)

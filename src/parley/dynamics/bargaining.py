"""Bargaining with reservation values that move month by month, compiled once.

Only reservation values change over time; utilities, feasibility and ratification
triggers do not. So the scenario is compiled once (:func:`compile_bargaining`):

- the package space's blocks (:func:`parley.space.build_blocks`);
- the *candidates*: for every class of packages that trigger the same ratification
  rules, the Pareto frontier of the whole class over the bargaining parties and the
  parties whose consent the class requires, with no reservation floors. A package on
  the frontier of the acceptable set of a month is acceptable and undominated among
  acceptable packages of its class; anything dominating it in those coordinates would
  clear the same thresholds, so it is undominated among *all* packages of its class:
  a candidate. The acceptable frontier of any month is therefore the undominated
  (over the bargaining parties) subset of the candidates that clear that month's
  thresholds;
- for the ZOPA size, one pass over the feasible packages counts the acceptable ones
  for every month at once (or a fixed seeded sample estimates the share when the space
  is too large to enumerate).

:func:`bargain_months` then picks the Nash and Kalai-Smorodinsky packages per month
with the same conventions and tie-breaks as :func:`parley.analyze`; the tests check
both against ``parley.analyze`` run on the scenario with the month's reservation values.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from parley.bargaining.frontier import _sort, ratification_classes
from parley.bargaining.pareto import FoldTooLarge, fold_frontier, nondominated
from parley.bargaining.solutions import (
    Conventions,
    disagreement_point,
    kalai_smorodinsky,
    nash,
)
from parley.scenario.model import ACCEPT_TOL, Scenario
from parley.space import (
    Block,
    Enumerator,
    build_blocks,
    decode,
    evaluate,
    feasible_count,
    required_parties,
)

#: Packages sampled to estimate ZOPA shares when the space is not enumerated.
ZOPA_SAMPLES = 200_000


def thresholds(reservation: np.ndarray) -> np.ndarray:
    """Acceptance thresholds for reservation values, as ``Scenario.threshold``
    (works on a vector or on a ``(months, n_parties)`` array)."""
    rv = np.asarray(reservation, dtype=float)
    return rv - ACCEPT_TOL * np.maximum(1.0, np.abs(rv))


@dataclass(frozen=True, eq=False)
class CompiledBargaining:
    """What does not change when reservation values do (see the module docstring)."""

    scenario: Scenario
    blocks: list[Block]
    conventions: Conventions
    n_feasible: int
    enumerated: bool
    space_min: np.ndarray
    space_max: np.ndarray
    packages: np.ndarray
    utilities: np.ndarray
    required: np.ndarray
    sample_utilities: np.ndarray | None = None
    sample_required: np.ndarray | None = None


def _class_dims(scenario: Scenario, required: np.ndarray) -> list[int]:
    return sorted(set(scenario.bargaining) | set(np.flatnonzero(required).tolist()))


def _scan_candidates(scenario: Scenario,
                     blocks: list[Block]) -> tuple[np.ndarray, np.ndarray]:
    """Candidates by enumeration: per chunk and per required-party pattern, the frontier
    over that pattern's parties; then the frontier of each pattern's union."""
    found: dict[bytes, tuple[list[np.ndarray], list[np.ndarray], list[int]]] = {}
    enumerator = Enumerator(scenario, blocks)
    for chunk in enumerator.chunks():
        patterns, inverse = np.unique(chunk.required, axis=0, return_inverse=True)
        for k, pattern in enumerate(patterns):
            rows = np.flatnonzero(inverse.ravel() == k)
            dims = _class_dims(scenario, pattern)
            keep = rows[nondominated(chunk.utilities[rows][:, dims])]
            entry = found.setdefault(pattern.tobytes(), ([], [], dims))
            entry[0].append(decode(scenario, blocks, chunk.choice[keep]))
            entry[1].append(chunk.utilities[keep])
    out_pk, out_u = [], []
    for pks, us, dims in found.values():
        pk, u = np.concatenate(pks), np.concatenate(us)
        keep = nondominated(u[:, dims])
        out_pk.append(pk[keep])
        out_u.append(u[keep])
    return np.concatenate(out_pk), np.concatenate(out_u)


def _candidates(scenario: Scenario, blocks: list[Block]) -> tuple[np.ndarray, np.ndarray]:
    n_rules = len(scenario.ratification)
    found_pk: list[np.ndarray] = []
    found_u: list[np.ndarray] = []
    for _, allowed, required in ratification_classes(scenario, blocks):
        dims = _class_dims(scenario, required)
        parts = [blk.contrib[idx][:, dims] for blk, idx in zip(blocks, allowed, strict=True)]
        local = fold_frontier(parts)
        choice = np.stack([allowed[b][local[:, b]] for b in range(len(blocks))], axis=1)
        util, _ = evaluate(blocks, choice, scenario.n_parties, n_rules)
        found_pk.append(decode(scenario, blocks, choice))
        found_u.append(util)
    return np.concatenate(found_pk), np.concatenate(found_u)


def compile_bargaining(scenario: Scenario, conventions: Conventions | None = None, *,
                       max_enumerate: int | None = None, seed: int = 0,
                       method: str = "auto") -> CompiledBargaining:
    """Compile the parts of the bargaining analysis that reservation values do not touch.

    Parameters
    ----------
    scenario:
        A loaded scenario.
    conventions:
        Disagreement and ideal conventions (default: the scenario's ``analysis``).
    max_enumerate:
        Largest feasible space whose ZOPA is counted exactly (default: the scenario's).
    seed:
        Seed of the ZOPA sample for larger spaces.
    method:
        How the candidates are found: ``auto`` (fold, or scan when folding is too
        large), ``fold`` (block folding per ratification class) or ``scan`` (enumerate
        every feasible package; needs an enumerated space).
    """
    if method not in ("auto", "fold", "scan"):
        raise ValueError(f"unknown method {method!r}")
    settings = scenario.settings
    if conventions is None:
        conventions = Conventions(settings.disagreement, settings.ideal)
    limit = settings.max_enumerate if max_enumerate is None else max_enumerate
    blocks = build_blocks(scenario)
    n_feasible = feasible_count(blocks)
    lo = np.zeros(scenario.n_parties)
    hi = np.zeros(scenario.n_parties)
    for block in blocks:
        lo += block.contrib.min(axis=0)
        hi += block.contrib.max(axis=0)
    enumerated = n_feasible <= limit
    asked, method = method, "fold" if method == "auto" else method
    if method == "fold":
        try:
            pk, u = _candidates(scenario, blocks)
        except FoldTooLarge:
            if asked == "fold":
                raise
            if not enumerated:
                raise ValueError(
                    f"the frontier of the {n_feasible:,} feasible packages is too large to "
                    "fold and the space exceeds max_enumerate; the dynamics need a frontier "
                    "(reduce the options or raise analysis.max_enumerate)") from None
            method = "scan"
    if method == "scan":
        if not enumerated:
            raise ValueError("method 'scan' needs an enumerated space; raise max_enumerate")
        pk, u = _scan_candidates(scenario, blocks)
    front = _sort(scenario, pk, u, method)
    required = scenario.required(front.packages)
    sample_u = sample_req = None
    if not enumerated:
        rng = np.random.default_rng(seed)
        choice = np.stack([rng.integers(0, b.size, size=ZOPA_SAMPLES) for b in blocks], axis=1)
        sample_u, triggers = evaluate(blocks, choice, scenario.n_parties,
                                      len(scenario.ratification))
        sample_req = required_parties(scenario, triggers)
    return CompiledBargaining(scenario, blocks, conventions, n_feasible, enumerated, lo, hi,
                              front.packages, front.utilities, required, sample_u, sample_req)


@dataclass(frozen=True, eq=False)
class MonthlyBargaining:
    """Per-month bargaining outcomes, arrays indexed by month (``n`` months).

    ``nash``/``ks`` are row indices into ``compiled.packages`` (-1: no deal);
    ``best`` is each party's highest utility over the month's acceptable set (NaN when
    the ZOPA is empty); ``zopa_size`` is ``-1`` when only the share is estimated.
    """

    compiled: CompiledBargaining
    reservation: np.ndarray
    zopa_size: np.ndarray
    zopa_share: np.ndarray
    frontier_size: np.ndarray
    nash: np.ndarray
    ks: np.ndarray
    best: np.ndarray


def count_acceptable(compiled: CompiledBargaining,
                     reservation: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """ZOPA size and share for each row of ``reservation`` ``(months, n_parties)``.

    One pass over the feasible packages serves every month. Sizes are ``-1`` when the
    space is not enumerated (shares are then estimated from the compiled sample).
    """
    th = thresholds(np.atleast_2d(reservation))
    months = th.shape[0]
    if not compiled.enumerated:
        assert compiled.sample_utilities is not None and compiled.sample_required is not None
        u, req = compiled.sample_utilities, compiled.sample_required
        share = np.array([np.all((u >= th[m]) | ~req, axis=1).mean() for m in range(months)])
        return np.full(months, -1, dtype=np.int64), share
    counts = np.zeros(months, dtype=np.int64)
    for chunk in Enumerator(compiled.scenario, compiled.blocks).chunks():
        for m in range(months):
            ok = np.all((chunk.utilities >= th[m]) | ~chunk.required, axis=1)
            counts[m] += int(np.count_nonzero(ok))
    return counts, counts / compiled.n_feasible


def bargain_months(compiled: CompiledBargaining, reservation: np.ndarray) -> MonthlyBargaining:
    """Nash and Kalai-Smorodinsky packages, ZOPA and best deals for each month.

    Parameters
    ----------
    compiled:
        From :func:`compile_bargaining`.
    reservation:
        Reservation values, shape ``(months, n_parties)``
        (e.g. :func:`parley.dynamics.reservation_path`).
    """
    scenario = compiled.scenario
    rv = np.atleast_2d(np.asarray(reservation, dtype=float))
    th = thresholds(rv)
    months = rv.shape[0]
    dims = list(scenario.bargaining)
    weights = scenario.capability[dims] / scenario.capability[dims].sum()
    u, req = compiled.utilities, compiled.required
    nash_idx = np.full(months, -1, dtype=np.int64)
    ks_idx = np.full(months, -1, dtype=np.int64)
    front_size = np.zeros(months, dtype=np.int64)
    best = np.full((months, scenario.n_parties), np.nan)
    del weights  # the weighted Nash point is not reported per month
    for m in range(months):
        ok = np.flatnonzero(np.all((u >= th[m]) | ~req, axis=1))
        if ok.size == 0:
            continue
        rows = ok[nondominated(u[ok][:, dims])]
        front_size[m] = rows.size
        front = u[rows][:, dims]
        best[m] = u[ok].max(axis=0)
        d = disagreement_point(rv[m], compiled.space_min, compiled.conventions)[dims]
        ideal = compiled.space_max[dims].copy()
        if compiled.conventions.ideal == "acceptable":
            ideal = front.max(axis=0)
        n = nash(front, d)
        k = kalai_smorodinsky(front, d, ideal)
        nash_idx[m] = rows[n] if n is not None else -1
        ks_idx[m] = rows[k] if k is not None else -1
    size, share = count_acceptable(compiled, rv)
    return MonthlyBargaining(compiled, rv, size, share, front_size, nash_idx, ks_idx, best)

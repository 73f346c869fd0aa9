"""The Pareto frontier of the acceptable set (the ZOPA), with two exact methods.

``fold``: split by which ratification rules a package triggers (each such class
is a product of restricted blocks), fold block frontiers over the bargaining
parties plus every party whose consent that class requires, keep the acceptable
sums, and take the frontier of the union over the bargaining parties only.

``scan``: enumerate every feasible package in chunks, keep the acceptable ones'
chunk frontiers, and filter their union. Used when folding would build too many
candidates (many parties with little structure to exploit).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from parley.bargaining.pareto import FoldTooLarge, fold_frontier, nondominated
from parley.scenario.model import Scenario
from parley.space import Block, Enumerator, decode, evaluate

#: Ratification rules beyond which class splitting is not attempted.
MAX_RULE_CLASSES = 10


@dataclass(frozen=True, eq=False)
class Frontier:
    """Frontier packages ``(k, n_issues)`` and all parties' utilities ``(k, n_parties)``."""

    packages: np.ndarray
    utilities: np.ndarray
    method: str


def _sort(scenario: Scenario, packages: np.ndarray, utilities: np.ndarray,
          method: str) -> Frontier:
    """Order by the bargaining parties' utility sum (descending), then package order."""
    dims = list(scenario.bargaining)
    if packages.shape[0]:
        keys = [packages[:, i] for i in range(scenario.n_issues - 1, -1, -1)]
        order = np.lexsort([*keys, -utilities[:, dims].sum(axis=1)])
        packages, utilities = packages[order], utilities[order]
    return Frontier(packages, utilities, method)


def ratification_classes(scenario: Scenario, blocks: list[Block]
                         ) -> Iterator[tuple[np.ndarray, list[np.ndarray], np.ndarray]]:
    """Every non-empty ratification class: which rules a package triggers.

    Yields ``(assignment, allowed, required)``: the triggered rules (bool per rule), per
    block the indices of its rows consistent with that assignment, and which parties must
    then accept (veto parties plus the triggered ratifiers). Classes with a block left
    empty are skipped.

    Raises
    ------
    FoldTooLarge
        With more than :data:`MAX_RULE_CLASSES` rules.
    """
    n_rules = len(scenario.ratification)
    if n_rules > MAX_RULE_CLASSES:
        raise FoldTooLarge(f"{n_rules} ratification rules: too many classes to fold")
    rule_block = [next(b for b, blk in enumerate(blocks) if rule.clause.issues[0] in blk.issues)
                  for rule in scenario.ratification]
    for assignment in itertools.product((False, True), repeat=n_rules):
        a = np.array(assignment, dtype=bool)
        allowed = []
        for b, block in enumerate(blocks):
            ok = np.ones(block.size, dtype=bool)
            for r in range(n_rules):
                if rule_block[r] == b:
                    ok &= block.triggers[:, r] == a[r]
            allowed.append(np.flatnonzero(ok))
        if any(idx.size == 0 for idx in allowed):
            continue
        required = scenario.veto.copy()
        for r, rule in enumerate(scenario.ratification):
            if a[r]:
                required[rule.ratifier] = True
        yield a, allowed, required


def fold_acceptable_frontier(scenario: Scenario, blocks: list[Block]) -> Frontier:
    """Exact frontier by block folding (see module docstring)."""
    n_rules = len(scenario.ratification)
    bargaining = list(scenario.bargaining)
    found_pk: list[np.ndarray] = []
    found_u: list[np.ndarray] = []
    refilter = False  # whether the union needs a final filter over the bargaining parties
    for _, allowed, required in ratification_classes(scenario, blocks):
        dims = sorted(set(bargaining) | set(np.flatnonzero(required).tolist()))
        floors = np.where(required[dims], scenario.threshold[dims], -np.inf)
        parts = [blk.contrib[idx][:, dims] for blk, idx in zip(blocks, allowed, strict=True)]
        local = fold_frontier(parts, floors)
        if local.shape[0] == 0:
            continue
        choice = np.stack([allowed[b][local[:, b]] for b in range(len(blocks))], axis=1)
        util, _ = evaluate(blocks, choice, scenario.n_parties, n_rules)
        refilter = refilter or bool(found_pk) or dims != sorted(bargaining)
        found_pk.append(decode(scenario, blocks, choice))
        found_u.append(util)
    return _finish(scenario, found_pk, found_u, "fold", refilter=refilter)


def _finish(scenario: Scenario, found_pk: list[np.ndarray], found_u: list[np.ndarray],
            method: str, *, refilter: bool = True) -> Frontier:
    if not found_pk:
        return Frontier(np.zeros((0, scenario.n_issues), dtype=np.int64),
                        np.zeros((0, scenario.n_parties)), method)
    packages = np.concatenate(found_pk)
    utilities = np.concatenate(found_u)
    if refilter:
        keep = nondominated(utilities[:, list(scenario.bargaining)])
        packages, utilities = packages[keep], utilities[keep]
    return _sort(scenario, packages, utilities, method)


def scan_acceptable_frontier(scenario: Scenario, enumerator: Enumerator) -> Frontier:
    """Exact frontier by chunked enumeration of every feasible package."""
    rv = scenario.threshold
    dims = list(scenario.bargaining)
    found_pk: list[np.ndarray] = []
    found_u: list[np.ndarray] = []
    for chunk in enumerator.chunks():
        ok = np.all((chunk.utilities >= rv) | ~chunk.required, axis=1)
        if not ok.any():
            continue
        util = chunk.utilities[ok]
        keep = nondominated(util[:, dims])
        found_u.append(util[keep])
        found_pk.append(decode(scenario, enumerator.blocks, chunk.choice[ok][keep]))
    return _finish(scenario, found_pk, found_u, "scan")

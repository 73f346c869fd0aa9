"""The package space as a product of independent blocks.

Issues linked by a feasibility rule, an interaction term or a ratification
condition are merged into one *block*; within a block every feasible joint choice
(a *combo*) is listed once, with its utility contribution for every party. The
feasible package space is then the Cartesian product of the blocks, and a
package's utility is the sum of its combos' contributions. This gives:

- exact feasible counts without enumeration (the product of block sizes);
- fast enumeration by broadcasting a sum of a *head* and a *tail* product;
- the Pareto frontier by folding blocks (see :mod:`parley.bargaining.pareto`).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from parley.scenario.model import Scenario

#: Largest number of joint options a block of linked issues may have.
MAX_BLOCK_COMBOS = 5_000_000


class BlockTooLarge(ValueError):
    """A block of linked issues has too many joint options to list."""

    def __init__(self, issues: tuple[int, ...], size: int) -> None:
        self.issues = issues
        self.size = size
        super().__init__(f"{size} joint options")


@dataclass(frozen=True, eq=False)
class Block:
    """Issues enumerated jointly.

    Attributes
    ----------
    issues:
        Issue indices in the block.
    combos:
        Feasible joint options, shape ``(m, len(issues))``.
    contrib:
        Each combo's utility contribution for every party, shape ``(m, n_parties)``.
    triggers:
        Which ratification rules each combo triggers, shape ``(m, n_rules)``.
    """

    issues: tuple[int, ...]
    combos: np.ndarray
    contrib: np.ndarray
    triggers: np.ndarray

    @property
    def size(self) -> int:
        """Number of feasible combos."""
        return int(self.combos.shape[0])


def _link_groups(scenario: Scenario) -> list[tuple[int, ...]]:
    parent = list(range(scenario.n_issues))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    clauses = [*scenario.forbidden, *(t.clause for t in scenario.interactions),
               *(r.clause for r in scenario.ratification)]
    for clause in clauses:
        issues = clause.issues
        for other in issues[1:]:
            ra, rb = find(issues[0]), find(other)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for i in range(scenario.n_issues):
        groups.setdefault(find(i), []).append(i)
    return [tuple(g) for g in sorted(groups.values())]


def _product(sizes: list[int]) -> np.ndarray:
    """All index tuples of a mixed-radix product, first position slowest."""
    if not sizes:
        return np.zeros((1, 0), dtype=np.int64)
    grids = np.meshgrid(*[np.arange(s, dtype=np.int64) for s in sizes], indexing="ij")
    return np.stack([g.ravel() for g in grids], axis=1)


def build_blocks(scenario: Scenario, max_combos: int = MAX_BLOCK_COMBOS) -> list[Block]:
    """Split the scenario's issues into independent blocks and list each block's combos.

    Raises
    ------
    BlockTooLarge
        If linked issues have more than ``max_combos`` joint options.
    """
    sizes = scenario.sizes
    contributions = scenario.contributions()
    blocks: list[Block] = []
    for group in _link_groups(scenario):
        n = math.prod(int(sizes[i]) for i in group)
        if n > max_combos:
            raise BlockTooLarge(group, n)
        local = _product([int(sizes[i]) for i in group])
        # packages restricted to this block's issues, other columns 0 (unused by its clauses)
        full = np.zeros((local.shape[0], scenario.n_issues), dtype=np.int64)
        full[:, list(group)] = local
        keep = np.ones(local.shape[0], dtype=bool)
        for clause in scenario.forbidden:
            if clause.issues and clause.issues[0] in group:
                keep &= ~clause.matches(full)
        local, full = local[keep], full[keep]
        contrib = np.zeros((local.shape[0], scenario.n_parties))
        for j, i in enumerate(group):
            contrib += contributions[i][:, local[:, j]].T
        for term in scenario.interactions:
            if term.clause.issues[0] in group:
                contrib[:, term.party] += term.value * term.clause.matches(full)
        triggers = np.zeros((local.shape[0], len(scenario.ratification)), dtype=bool)
        for r, rule in enumerate(scenario.ratification):
            if rule.clause.issues[0] in group:
                triggers[:, r] = rule.clause.matches(full)
        blocks.append(Block(group, local, contrib, triggers))
    return blocks


def feasible_count(blocks: list[Block]) -> int:
    """Exact number of feasible packages."""
    return math.prod(b.size for b in blocks)


def decode(scenario: Scenario, blocks: list[Block], choice: np.ndarray) -> np.ndarray:
    """Package vectors from per-block combo indices ``choice`` of shape ``(n, n_blocks)``."""
    choice = np.atleast_2d(choice)
    out = np.empty((choice.shape[0], scenario.n_issues), dtype=np.int64)
    for b, block in enumerate(blocks):
        out[:, list(block.issues)] = block.combos[choice[:, b]]
    return out


@dataclass(frozen=True, eq=False)
class _Side:
    """The product of some blocks: combo choices, summed contributions and triggers."""

    choice: np.ndarray  # (n, n_side_blocks)
    contrib: np.ndarray  # (n, P)
    triggers: np.ndarray  # (n, R)


def evaluate(blocks: list[Block], choice: np.ndarray, n_parties: int,
             n_rules: int) -> tuple[np.ndarray, np.ndarray]:
    """Summed utility contributions ``(n, P)`` and triggered ratification rules ``(n, R)``
    of per-block combo choices ``(n, len(blocks))``."""
    contrib = np.zeros((choice.shape[0], n_parties))
    triggers = np.zeros((choice.shape[0], n_rules), dtype=bool)
    for j, block in enumerate(blocks):
        contrib += block.contrib[choice[:, j]]
        triggers |= block.triggers[choice[:, j]]
    return contrib, triggers


def required_parties(scenario: Scenario, triggers: np.ndarray) -> np.ndarray:
    """Whose consent each package needs ``(n, P)``: veto parties and triggered ratifiers."""
    required = np.repeat(scenario.veto[None, :], triggers.shape[0], axis=0)
    for r, rule in enumerate(scenario.ratification):
        required[:, rule.ratifier] |= triggers[:, r]
    return required


def _side(blocks: list[Block], n_parties: int, n_rules: int) -> _Side:
    choice = _product([b.size for b in blocks])
    return _Side(choice, *evaluate(blocks, choice, n_parties, n_rules))


@dataclass(frozen=True, eq=False)
class Chunk:
    """A run of feasible packages, identified by per-block combo choices."""

    choice: np.ndarray  # (n, n_blocks)
    utilities: np.ndarray  # (n, P)
    required: np.ndarray  # (n, P)


class Enumerator:
    """Chunked enumeration of the feasible package space.

    The blocks are split into a head and a tail; the tail's product (at most
    ``tail_limit`` packages) is listed once, and each chunk adds a slice of head
    rows to every tail row by broadcasting, so no per-package Python work is done.
    """

    def __init__(self, scenario: Scenario, blocks: list[Block], *,
                 chunk_size: int = 1 << 20, tail_limit: int = 1 << 16) -> None:
        self.scenario = scenario
        self.blocks = blocks
        self.n_rules = len(scenario.ratification)
        self.total = feasible_count(blocks)
        # tail = the last blocks whose product stays below tail_limit (at least one block)
        split = len(blocks) - 1
        size = blocks[-1].size
        while split > 0 and size * blocks[split - 1].size <= tail_limit:
            split -= 1
            size *= blocks[split].size
        self.split = split
        self.head_blocks = blocks[:split]
        self.tail = _side(blocks[split:], scenario.n_parties, self.n_rules)
        self.head_total = feasible_count(self.head_blocks)
        self.rows_per_chunk = max(1, chunk_size // max(1, self.tail.choice.shape[0]))
        self.ratifier_of = np.array([r.ratifier for r in scenario.ratification], dtype=np.int64)

    def _head_rows(self, start: int, stop: int) -> _Side:
        idx = np.arange(start, stop, dtype=np.int64)
        choice = np.empty((idx.size, len(self.head_blocks)), dtype=np.int64)
        rem = idx
        for j in range(len(self.head_blocks) - 1, -1, -1):
            size = self.head_blocks[j].size
            choice[:, j] = rem % size
            rem = rem // size
        return _Side(choice, *evaluate(self.head_blocks, choice, self.scenario.n_parties,
                                       self.n_rules))

    def chunks(self) -> Iterator[Chunk]:
        """Yield every feasible package once, in chunks."""
        tail = self.tail
        n_tail = tail.choice.shape[0]
        for start in range(0, self.head_total, self.rows_per_chunk):
            stop = min(self.head_total, start + self.rows_per_chunk)
            head = self._head_rows(start, stop)
            h = stop - start
            util = (head.contrib[:, None, :] + tail.contrib[None, :, :]).reshape(h * n_tail, -1)
            trig = (head.triggers[:, None, :] | tail.triggers[None, :, :]).reshape(
                h * n_tail, -1)
            required = required_parties(self.scenario, trig)
            choice = np.concatenate(
                [np.repeat(head.choice, n_tail, axis=0), np.tile(tail.choice, (h, 1))], axis=1)
            yield Chunk(choice, util, required)

    def count_acceptable(self) -> int:
        """Number of acceptable packages (the ZOPA size), without storing packages."""
        rv = self.scenario.threshold
        total = 0
        tail = self.tail
        veto = self.scenario.veto
        for start in range(0, self.head_total, self.rows_per_chunk):
            stop = min(self.head_total, start + self.rows_per_chunk)
            head = self._head_rows(start, stop)
            ok = np.ones((stop - start, tail.choice.shape[0]), dtype=bool)
            for p in range(self.scenario.n_parties):
                rules = [r for r in range(self.n_rules) if self.ratifier_of[r] == p]
                if not veto[p] and not rules:
                    continue
                clears = (head.contrib[:, p, None] + tail.contrib[None, :, p]) >= rv[p]
                if veto[p]:
                    ok &= clears
                else:
                    trig = np.zeros_like(ok)
                    for r in rules:
                        trig |= head.triggers[:, r, None] | tail.triggers[None, :, r]
                    ok &= clears | ~trig
            total += int(np.count_nonzero(ok))
        return total

"""The package space a negotiation runs over, listed once per scenario.

Every agent needs its own utility for any package and a quick answer to "which
package is worth about ``x`` to me". Both come from one enumeration of the
feasible space (see :mod:`parley.space`): a utility matrix ``(n, P)``, the parties
whose consent each package needs, and per party the package rows sorted by that
party's utility. Agents then look packages up by binary search
(:func:`numpy.searchsorted`), so no agent re-sorts or re-evaluates the space
during a run, and one :class:`NegotiationSpace` serves every run of a tournament.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from parley.scenario.model import Scenario
from parley.space import Block, Enumerator, build_blocks, decode, feasible_count

#: Largest feasible space a negotiation enumerates.
MAX_NEGOTIATION_PACKAGES = 5_000_000


@dataclass(frozen=True, eq=False)
class NegotiationSpace:
    """The enumerated feasible packages of a scenario, ready for lookups.

    Attributes
    ----------
    scenario:
        The scenario.
    blocks:
        Its blocks of linked issues (:func:`parley.space.build_blocks`).
    choice:
        Per-block combo index of every feasible package, shape ``(n, n_blocks)``.
    utilities:
        Every party's utility for every package, shape ``(n, P)``.
    required:
        Whose consent each package needs (veto parties and triggered ratifiers), ``(n, P)``.
    order:
        Per party, package rows in ascending order of that party's utility, ``(P, n)``.
    sorted_utilities:
        ``utilities[order[p], p]`` for every party, ``(P, n)``.
    """

    scenario: Scenario
    blocks: list[Block]
    choice: np.ndarray
    utilities: np.ndarray
    required: np.ndarray
    order: np.ndarray
    sorted_utilities: np.ndarray

    @property
    def size(self) -> int:
        """Number of feasible packages."""
        return int(self.utilities.shape[0])

    @property
    def n_parties(self) -> int:
        """Number of parties."""
        return int(self.utilities.shape[1])

    @cached_property
    def packages(self) -> np.ndarray:
        """Option-index vectors of all packages ``(n, n_issues)`` (decoded on first use)."""
        n_opts = int(self.scenario.sizes.max()) if self.scenario.n_issues else 1
        dtype = np.int8 if n_opts < 128 else np.int32
        out = decode(self.scenario, self.blocks, self.choice.astype(np.int64)).astype(dtype)
        out.setflags(write=False)
        return out

    def package(self, row: int) -> np.ndarray:
        """The option-index vector of package ``row``."""
        return decode(self.scenario, self.blocks, self.choice[row][None, :])[0]

    def package_dict(self, row: int) -> dict[str, str]:
        """``{issue_id: option_id}`` of package ``row``."""
        return self.scenario.package_dict(self.package(row))

    def max_utility(self, party: int) -> float:
        """The party's best utility over the feasible space."""
        return float(self.sorted_utilities[party, -1])

    def min_utility(self, party: int) -> float:
        """The party's worst utility over the feasible space."""
        return float(self.sorted_utilities[party, 0])

    def at_least(self, party: int, level: float) -> int:
        """Position (in ``order[party]``) of the first package worth at least ``level``.

        Equals ``size`` when no package is worth that much.
        """
        return int(np.searchsorted(self.sorted_utilities[party], level, side="left"))

    def closest_above(self, party: int, level: float) -> int:
        """Row of the package the party values least among those worth at least ``level``
        (its best package when none is)."""
        k = min(self.at_least(party, level), self.size - 1)
        return int(self.order[party, k])

    def nearest(self, party: int, level: float) -> int:
        """Row of the package whose utility for ``party`` is closest to ``level``."""
        s = self.sorted_utilities[party]
        k = int(np.searchsorted(s, level))
        lo, hi = max(0, k - 1), min(self.size - 1, k)
        k = lo if abs(s[lo] - level) <= abs(s[hi] - level) else hi
        return int(self.order[party, k])


def build_space(scenario: Scenario, *,
                max_packages: int = MAX_NEGOTIATION_PACKAGES) -> NegotiationSpace:
    """List the feasible packages once and sort them by each party's utility.

    Raises
    ------
    ValueError
        If the feasible space has more than ``max_packages`` packages.
    """
    blocks = build_blocks(scenario)
    total = feasible_count(blocks)
    if total > max_packages:
        raise ValueError(f"the scenario has {total:,} feasible packages; negotiation "
                         f"simulation enumerates at most {max_packages:,}")
    chunks = list(Enumerator(scenario, blocks).chunks())
    index_dtype = np.int32 if max(b.size for b in blocks) < 2**31 else np.int64
    choice = np.concatenate([c.choice for c in chunks]).astype(index_dtype)
    utilities = np.concatenate([c.utilities for c in chunks])
    required = np.concatenate([c.required for c in chunks])
    row_dtype = np.int32 if total < 2**31 else np.int64
    order = np.stack([np.argsort(utilities[:, p], kind="stable").astype(row_dtype)
                      for p in range(scenario.n_parties)])
    sorted_u = np.take_along_axis(utilities.T, order.astype(np.int64), axis=1)
    for arr in (choice, utilities, required, order, sorted_u):
        arr.setflags(write=False)
    return NegotiationSpace(scenario, blocks, choice, utilities, required, order, sorted_u)

"""The validated, compiled scenario: names plus NumPy arrays the engines work on.

A package is a vector of option indices, one per issue. Arrays of packages have
shape ``(n, n_issues)``; utilities have shape ``(n, n_parties)``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from parley.scenario.schema import AnalysisSettings, ScenarioDoc


#: Relative slack below a reservation value that still counts as clearing it.
ACCEPT_TOL = 1e-9


@dataclass(frozen=True, eq=False)
class Clause:
    """A conjunction of conditions: each listed issue takes one of its allowed options.

    ``masks`` pairs an issue index with a boolean mask over that issue's options.
    """

    masks: tuple[tuple[int, np.ndarray], ...]

    @property
    def issues(self) -> tuple[int, ...]:
        """The issue indices the clause mentions."""
        return tuple(i for i, _ in self.masks)

    def matches(self, packages: np.ndarray) -> np.ndarray:
        """Boolean vector: which rows of ``packages`` satisfy the clause."""
        out = np.ones(packages.shape[0], dtype=bool)
        for issue, mask in self.masks:
            out &= mask[packages[:, issue]]
        return out


@dataclass(frozen=True, eq=False)
class InteractionTerm:
    """``value`` is added to ``party``'s utility when ``clause`` holds."""

    party: int
    clause: Clause
    value: float


@dataclass(frozen=True, eq=False)
class RatificationRule:
    """Packages matching ``clause`` must clear ``ratifier``'s reservation value too."""

    id: str
    ratifier: int
    clause: Clause


@dataclass(frozen=True, eq=False)
class ProposalSpec:
    """A named package."""

    id: str
    name: str
    kind: str
    package: np.ndarray
    date: str | None = None
    sources: tuple[str, ...] = ()
    unspecified: tuple[str, ...] = ()
    observed: dict[str, str] = field(default_factory=dict)
    note: str | None = None


@dataclass(frozen=True)
class LedgerEntry:
    """One number of the scenario with its provenance (the assumptions ledger)."""

    path: str
    value: float
    source: str | None
    judgment: str | None
    range: tuple[float, float] | None
    origin: str
    line: int | None


@dataclass(eq=False)
class Scenario:
    """A checked scenario, ready for the engines.

    Build one with :func:`parley.load_scenario` or :func:`parley.scenario.scenario_from_dict`.
    """

    doc: ScenarioDoc
    file: str | None
    parties: tuple[str, ...]
    issues: tuple[str, ...]
    options: tuple[tuple[str, ...], ...]
    weights: np.ndarray
    values: tuple[np.ndarray, ...]
    interactions: tuple[InteractionTerm, ...]
    reservation: np.ndarray
    capability: np.ndarray
    veto: np.ndarray
    forbidden: tuple[Clause, ...]
    ratification: tuple[RatificationRule, ...]
    proposals: tuple[ProposalSpec, ...]
    bargaining: tuple[int, ...]
    ledger: tuple[LedgerEntry, ...] = ()
    warnings: tuple[str, ...] = ()

    # ----------------------------------------------------------------- sizes
    @property
    def id(self) -> str:
        """The scenario id."""
        return self.doc.id

    @property
    def settings(self) -> AnalysisSettings:
        """Analysis conventions and limits from the file."""
        return self.doc.analysis

    @property
    def n_parties(self) -> int:
        """Number of parties (all roles)."""
        return len(self.parties)

    @property
    def n_issues(self) -> int:
        """Number of issues."""
        return len(self.issues)

    @property
    def sizes(self) -> np.ndarray:
        """Number of options per issue."""
        return np.array([len(o) for o in self.options], dtype=np.int64)

    @property
    def n_packages(self) -> int:
        """Size of the full package space (feasible or not), as an exact integer."""
        return math.prod(len(o) for o in self.options)

    # ------------------------------------------------------------ evaluation
    @property
    def threshold(self) -> np.ndarray:
        """Utility each party needs to accept: its reservation value less a rounding slack.

        Utilities are sums of floating-point terms whose rounding depends on the order
        of addition, so a package worth exactly the reservation value could fall either
        side of it. Every acceptability test uses this threshold,
        ``rv - ACCEPT_TOL * max(1, |rv|)``, so all engines agree.
        """
        rv = self.reservation
        return rv - ACCEPT_TOL * np.maximum(1.0, np.abs(rv))

    def contributions(self) -> list[np.ndarray]:
        """Per issue, the weighted option values, shape ``(n_parties, n_options)``."""
        return [self.weights[:, i, None] * self.values[i] for i in range(self.n_issues)]

    def utilities(self, packages: np.ndarray) -> np.ndarray:
        """Every party's utility for each package, shape ``(n, n_parties)``.

        This is the direct definition (a gather per issue); the enumeration engine
        uses a faster broadcast form and is tested against this one.
        """
        packages = np.atleast_2d(np.asarray(packages, dtype=np.int64))
        out = np.zeros((packages.shape[0], self.n_parties))
        for i, table in enumerate(self.contributions()):
            out += table[:, packages[:, i]].T
        for term in self.interactions:
            out[:, term.party] += term.value * term.clause.matches(packages)
        return out

    def feasible(self, packages: np.ndarray) -> np.ndarray:
        """Which packages break no feasibility rule."""
        packages = np.atleast_2d(np.asarray(packages, dtype=np.int64))
        ok = np.ones(packages.shape[0], dtype=bool)
        for clause in self.forbidden:
            ok &= ~clause.matches(packages)
        return ok

    def required(self, packages: np.ndarray) -> np.ndarray:
        """Which parties must accept each package: veto parties and triggered ratifiers."""
        packages = np.atleast_2d(np.asarray(packages, dtype=np.int64))
        req = np.repeat(self.veto[None, :], packages.shape[0], axis=0)
        for rule in self.ratification:
            req[:, rule.ratifier] |= rule.clause.matches(packages)
        return req

    def acceptable(self, packages: np.ndarray, utilities: np.ndarray | None = None) -> np.ndarray:
        """Feasible packages that every required party weakly prefers to no deal."""
        packages = np.atleast_2d(np.asarray(packages, dtype=np.int64))
        u = self.utilities(packages) if utilities is None else utilities
        clears = u >= self.threshold[None, :]
        return self.feasible(packages) & np.all(clears | ~self.required(packages), axis=1)

    # ---------------------------------------------------------------- naming
    def package_dict(self, package: np.ndarray) -> dict[str, str]:
        """``{issue_id: option_id}`` for one package vector."""
        return {self.issues[i]: self.options[i][int(k)] for i, k in enumerate(package)}

    def package_vector(self, package: dict[str, str]) -> np.ndarray:
        """The option-index vector of ``{issue_id: option_id}`` (every issue must be given)."""
        return np.array(
            [self.options[i].index(package[issue]) for i, issue in enumerate(self.issues)],
            dtype=np.int64,
        )

    def party_index(self, party: str) -> int:
        """Index of a party id."""
        return self.parties.index(party)

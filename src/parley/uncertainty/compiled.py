"""A scenario compiled once for many parameter draws.

The uncertain numbers are those of the bargaining model that carry a ``range``:
issue weights, option values, interaction values, reservation values and
capabilities. :func:`compile_scenario` lists them and keeps the package space (its
blocks of feasible combos, ratification triggers and interaction masks). A draw is
then a vector ``theta`` of those numbers; :meth:`Compiled.substitute` writes it into
copies of the utility arrays and recomputes each block's contributions by gathers,
without touching the YAML, the schema or the feasibility rules.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from parley.bargaining.frontier import (
    Frontier,
    fold_acceptable_frontier,
    scan_acceptable_frontier,
)
from parley.bargaining.solutions import Conventions, disagreement_point, solve_all
from parley.scenario.model import InteractionTerm, Scenario
from parley.scenario.schema import NoDealRef
from parley.scenario.types import Param
from parley.space import Block, Enumerator, build_blocks, feasible_count
from parley.uncertainty.sampling import Distribution

#: The kinds of number a parameter can be, with their index into the compiled arrays.
KINDS = ("weight", "value", "interaction", "reservation", "capability")


@dataclass(frozen=True)
class UncertainParam:
    """One uncertain number: where it is in the file and in the compiled arrays."""

    path: str
    kind: str
    index: tuple[int, ...]
    dist: Distribution

    def to_dict(self) -> dict[str, object]:
        """JSON form."""
        return {"path": self.path, "kind": self.kind, **self.dist.to_dict()}


def _dist(param: Param) -> Distribution | None:
    if param.range is None:
        return None
    low, high = param.range
    return Distribution(param.dist or "uniform", param.value, low, high, param.sd)


def uncertain_params(scenario: Scenario) -> tuple[UncertainParam, ...]:
    """Every number of the bargaining model that carries a range, in file order."""
    out: list[UncertainParam] = []
    doc = scenario.doc
    issue_index = {name: i for i, name in enumerate(scenario.issues)}

    def add(param: Param | None, path: str, kind: str, index: tuple[int, ...]) -> None:
        if param is not None and (dist := _dist(param)) is not None:
            out.append(UncertainParam(path, kind, index, dist))

    for k, party in enumerate(doc.parties):
        add(party.capability, f"parties[{k}].capability", "capability", (k,))
    term = 0
    for k, pid in enumerate(scenario.parties):
        pref = doc.preferences[pid]
        base = f"preferences.{pid}"
        for issue, param in (pref.weights or {}).items():
            add(param, f"{base}.weights.{issue}", "weight", (k, issue_index[issue]))
        for issue, table in (pref.values or {}).items():
            i = issue_index[issue]
            for opt, param in table.items():
                add(param, f"{base}.values.{issue}.{opt}", "value",
                    (k, i, scenario.options[i].index(opt)))
        for t, inter in enumerate(pref.interactions):
            add(inter.value, f"{base}.interactions[{t}].value", "interaction", (term,))
            term += 1
        if not isinstance(pref.reservation, NoDealRef):
            add(pref.reservation, f"{base}.reservation", "reservation", (k,))
    return tuple(out)


@dataclass(frozen=True, eq=False)
class SampleOutcome:
    """The outputs of one draw.

    ``nash``/``ks``/... are package codes (mixed radix over the issues' option
    counts), ``-1`` when the ZOPA is empty.
    """

    acceptable: np.ndarray  # (n_proposals,) bool
    min_margin: np.ndarray  # (n_proposals,) smallest margin over required parties
    zopa_size: int
    solutions: dict[str, int]
    nash_product: float


@dataclass(frozen=True, eq=False)
class Compiled:
    """A scenario with its package space, ready to evaluate many draws."""

    scenario: Scenario
    params: tuple[UncertainParam, ...]
    blocks: tuple[Block, ...]
    block_terms: tuple[tuple[tuple[int, np.ndarray], ...], ...]
    no_deal: np.ndarray | None
    uses_no_deal: tuple[int, ...]
    conventions: Conventions
    method: str
    proposals: np.ndarray
    strides: np.ndarray

    @property
    def base(self) -> np.ndarray:
        """The file's values of the uncertain numbers."""
        return np.array([p.dist.value for p in self.params])

    @property
    def dists(self) -> tuple[Distribution, ...]:
        """The uncertain numbers' distributions."""
        return tuple(p.dist for p in self.params)

    @property
    def proposal_ids(self) -> tuple[str, ...]:
        """Ids of the named proposals."""
        return tuple(p.id for p in self.scenario.proposals)

    def code(self, packages: np.ndarray) -> np.ndarray:
        """Integer codes of package vectors."""
        return np.atleast_2d(packages) @ self.strides

    def decode(self, code: int) -> dict[str, str]:
        """``{issue: option}`` of a package code."""
        sc = self.scenario
        vec = [(code // int(s)) % len(o) for s, o in zip(self.strides, sc.options, strict=True)]
        return sc.package_dict(np.array(vec, dtype=np.int64))

    # ------------------------------------------------------------ substitution
    def substitute(self, theta: np.ndarray, *,
                   with_blocks: bool = True) -> tuple[Scenario, list[Block]]:
        """The scenario and blocks with the uncertain numbers set to ``theta`` (no blocks,
        an empty list, when ``with_blocks`` is false)."""
        sc = self.scenario
        weights = sc.weights.copy()
        values = [v.copy() for v in sc.values]
        inter = np.array([t.value for t in sc.interactions])
        reservation = sc.reservation.copy()
        capability = sc.capability.copy()
        for p, x in zip(self.params, theta, strict=True):
            if p.kind == "weight":
                weights[p.index] = x
            elif p.kind == "value":
                k, i, o = p.index
                values[i][k, o] = x
            elif p.kind == "interaction":
                inter[p.index[0]] = x
            elif p.kind == "reservation":
                reservation[p.index[0]] = x
            else:
                capability[p.index[0]] = x
        interactions = tuple(InteractionTerm(t.party, t.clause, float(v))
                             for t, v in zip(sc.interactions, inter, strict=True))
        tables = [weights[:, i, None] * values[i] for i in range(sc.n_issues)]
        blocks: list[Block] = []
        for block, terms in zip(self.blocks if with_blocks else (), self.block_terms,
                                strict=False):
            contrib = np.zeros((block.size, sc.n_parties))
            for j, i in enumerate(block.issues):
                contrib += tables[i][:, block.combos[:, j]].T
            for t, mask in terms:
                contrib[:, sc.interactions[t].party] += inter[t] * mask
            blocks.append(Block(block.issues, block.combos, contrib, block.triggers))
        new = dataclasses.replace(sc, weights=weights, values=tuple(values),
                                  interactions=interactions, reservation=reservation,
                                  capability=capability)
        if self.no_deal is not None and self.uses_no_deal:
            u = new.utilities(self.no_deal[None, :])[0]
            for k in self.uses_no_deal:
                reservation[k] = u[k]
        return new, blocks

    # -------------------------------------------------------------- evaluation
    def margins(self, theta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Proposals' acceptability and smallest margin over required parties (no frontier)."""
        sc, _ = self.substitute(theta, with_blocks=False)
        return proposal_margins(sc, self.proposals)

    def evaluate(self, theta: np.ndarray) -> SampleOutcome:
        """The full bargaining outputs of one draw."""
        sc, blocks = self.substitute(theta)
        acceptable, min_margin = proposal_margins(sc, self.proposals)
        frontier: Frontier
        enumerator = Enumerator(sc, blocks) if self.method == "scan" else None
        if enumerator is not None:
            frontier = scan_acceptable_frontier(sc, enumerator)
            zopa_size = enumerator.count_acceptable()
        else:
            frontier = fold_acceptable_frontier(sc, blocks)
            zopa_size = -1
        dims = list(sc.bargaining)
        space_min = np.sum([b.contrib.min(axis=0) for b in blocks], axis=0)
        space_max = np.sum([b.contrib.max(axis=0) for b in blocks], axis=0)
        d_all = disagreement_point(sc.reservation, space_min, self.conventions)
        front = frontier.utilities[:, dims]
        ideal = space_max.copy()
        if self.conventions.ideal == "acceptable" and front.shape[0]:
            ideal[dims] = front.max(axis=0)
        w = sc.capability[dims] / sc.capability[dims].sum()
        picks = solve_all(front, d_all[dims], ideal[dims], w)
        codes = self.code(frontier.packages) if front.shape[0] else np.zeros(0, dtype=np.int64)
        solutions = {name: (-1 if idx is None else int(codes[idx])) for name, idx in picks.items()}
        nash_idx = picks["nash"]
        product = (0.0 if nash_idx is None
                   else float(np.prod(front[nash_idx] - d_all[dims])))
        return SampleOutcome(acceptable, min_margin, int(zopa_size), solutions, product)


def proposal_margins(sc: Scenario, proposals: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each proposal row: acceptable (feasible, every required party clears its
    threshold) and the smallest ``utility - reservation`` over its required parties."""
    if proposals.shape[0] == 0:
        return np.zeros(0, dtype=bool), np.zeros(0)
    u = sc.utilities(proposals)
    acceptable = sc.acceptable(proposals, u)
    req = sc.required(proposals)
    margin = np.where(req, u - sc.reservation, np.inf).min(axis=1)
    return acceptable, margin


def compile_scenario(scenario: Scenario, conventions: Conventions | None = None,
                     params: tuple[UncertainParam, ...] | None = None) -> Compiled:
    """Compile ``scenario`` once for repeated evaluation.

    The frontier is found by scanning the enumerated space when it has at most
    ``analysis.max_enumerate`` feasible packages, else by block folding; both are
    exact and give the same frontier as :func:`parley.analyze`.
    """
    settings = scenario.settings
    if conventions is None:
        conventions = Conventions(settings.disagreement, settings.ideal)
    blocks = build_blocks(scenario)
    method = "scan" if feasible_count(blocks) <= settings.max_enumerate else "fold"
    block_terms = []
    for block in blocks:
        full = np.zeros((block.size, scenario.n_issues), dtype=np.int64)
        full[:, list(block.issues)] = block.combos
        block_terms.append(tuple(
            (t, term.clause.matches(full).astype(float))
            for t, term in enumerate(scenario.interactions)
            if term.clause.issues[0] in block.issues))
    no_deal = None
    uses = []
    doc = scenario.doc
    for k, pid in enumerate(scenario.parties):
        if isinstance(doc.preferences[pid].reservation, NoDealRef):
            uses.append(k)
    if uses and doc.no_deal is not None:
        no_deal = scenario.package_vector(doc.no_deal.package)
    sizes = scenario.sizes
    strides = np.ones(scenario.n_issues, dtype=np.int64)
    for i in range(scenario.n_issues - 2, -1, -1):
        strides[i] = strides[i + 1] * sizes[i + 1]
    proposals = (np.stack([p.package for p in scenario.proposals]) if scenario.proposals
                 else np.zeros((0, scenario.n_issues), dtype=np.int64))
    return Compiled(scenario, uncertain_params(scenario) if params is None else params,
                    tuple(blocks), tuple(block_terms), no_deal, tuple(uses), conventions,
                    method, proposals, strides)

"""Multilateral stacked alternating offers with a deadline.

The protocol of Aydoğan et al. (2017, "Alternating offers protocols for multilateral
negotiation", Studies in Computational Intelligence 674), the multilateral extension
of Rubinstein's (1982) alternating offers: the parties that make offers take turns
in a fixed order; a party either accepts the standing offer or replaces it with its
own (a rejection is a counter-offer); it may also walk away, which ends the talks.

Unlike the unanimity rule of the original protocol, a package here is agreed once
every party whose consent it *needs* has accepted it: the veto parties plus the
ratifiers whose rule it triggers (:func:`parley.space.required_parties`, the same
test as ``parley analyze``). Pure ratifiers (e.g. a legislature) make no offers; they
are asked once every required negotiator has accepted, and a ratifier's refusal
kills the offer (the next party then proposes afresh). A round is one turn of every
negotiator; relative time runs from 0 in the first round to 1 in the last.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from parley.negotiation.common import (
    Schedule,
    make_agents,
    relative_time,
    resolve_schedule,
    turn_takers,
)
from parley.negotiation.result import Agreement, NegotiationResult, TraceEntry
from parley.negotiation.space import NegotiationSpace
from parley.negotiation.strategy import Strategy, threshold


def run_sao(space: NegotiationSpace, strategies: Mapping[str, str | Strategy] | None = None,
            *, rounds: int = 100, seed: int | None = 0,
            rng: np.random.Generator | None = None, reservation: Schedule | None = None,
            default: str = "linear") -> NegotiationResult:
    """Run one stacked-alternating-offers negotiation.

    Parameters
    ----------
    space:
        The enumerated package space (:func:`parley.negotiation.space.build_space`).
    strategies:
        ``{party_id: strategy spec or Strategy}``; parties not named play ``default``.
    rounds:
        Deadline in rounds.
    seed, rng:
        Every random choice of every agent comes from ``rng`` (default
        ``numpy.random.default_rng(seed)``), one child generator per party.
    reservation:
        Optional moving reservation values: an array ``(rounds, parties)`` or a callable
        ``round -> (parties,)``, e.g. from :func:`parley.dynamics.reservation_path`.
    """
    if rounds < 1:
        raise ValueError("rounds must be at least 1")
    sc = space.scenario
    rng = np.random.default_rng(seed) if rng is None else rng
    agents, specs = make_agents(space, strategies, default, rng)
    rv_at = resolve_schedule(space, reservation, rounds)
    order = turn_takers(space)
    offerers = set(order)
    names = sc.parties
    U = space.utilities
    trace: list[TraceEntry] = []
    standing: int | None = None
    entry: TraceEntry | None = None
    accepted: set[int] = set()
    rv = rv_at(0)

    def finish(agreement: Agreement | None, reason: str, played: int) -> NegotiationResult:
        return NegotiationResult(sc, "sao", specs, seed, rounds, agreement, reason, played,
                                 rv.copy(), tuple(trace), {"default_strategy": default})

    for r in range(rounds):
        t = relative_time(r, rounds)
        rv = rv_at(r)
        for p in order:
            agent = agents[p]
            if agent.walks_away(t, float(rv[p])):
                if entry is not None:
                    entry.responses[names[p]] = "walk_away"
                return finish(None, f"{names[p]} walked away in round {r}", r + 1)
            if standing is not None and p not in accepted:
                u = float(U[standing, p])
                if agent.accepts(t, float(rv[p]), u):
                    assert entry is not None
                    entry.responses[names[p]] = "accept"
                    accepted.add(p)
                    need = np.flatnonzero(space.required[standing])
                    if all(q in accepted for q in need if q in offerers):
                        verdict = _ratify(agents, names, need, offerers, standing, U, t, rv, entry)
                        if verdict:
                            deal = Agreement(space.package(standing), U[standing].copy(), r,
                                             standing)
                            return finish(deal, "agreement", r + 1)
                        standing = None  # a ratifier refused: the next offer starts afresh
                    if standing is not None:
                        continue
                elif entry is not None:
                    entry.responses[names[p]] = "reject"
            row = agent.propose(t, float(rv[p]))
            # the proposer endorses its offer only if it clears its own reservation value
            standing = row
            accepted = {p} if U[row, p] >= threshold(float(rv[p])) else set()
            entry = TraceEntry(r, names[p], space.package(row), U[row].copy(), {}, {}, row)
            trace.append(entry)
            for q in range(sc.n_parties):
                if q != p:
                    agents[q].observe(p, float(U[row, q]))
                    agents[q].observe_offer(p, entry.package)
            # an offer no other negotiator must accept is settled at once
            need = np.flatnonzero(space.required[row])
            if all(q in accepted for q in need if q in offerers) and _ratify(
                    agents, names, need, offerers, row, U, t, rv, entry):
                return finish(Agreement(space.package(row), U[row].copy(), r, row),
                              "agreement", r + 1)
    return finish(None, f"deadline: no agreement within {rounds} rounds", rounds)


def _ratify(agents: tuple[Strategy, ...], names: tuple[str, ...], need: np.ndarray,
            offerers: set[int], row: int, U: np.ndarray, t: float, rv: np.ndarray,
            entry: TraceEntry) -> bool:
    """Ask the required parties that make no offers (ratifiers); True if all accept."""
    ok = True
    for q in need:
        if int(q) in offerers:
            continue
        yes = agents[q].accepts(t, float(rv[q]), float(U[row, q]))
        entry.responses[names[q]] = "accept" if yes else "reject"
        ok &= yes
    return ok

"""Mediated single negotiating text.

Raiffa (1982, *The Art and Science of Negotiation*, ch. 14 and 17) describes the
single-text procedure Roger Fisher proposed and the US used at Camp David in 1978:
instead of trading offers, the parties react to one draft written by a mediator;
each says what it objects to and the mediator revises the draft, round after round,
until every party accepts it or talks end (Fisher & Ury 1981, *Getting to Yes*, ch. 6).

Here a draft is a package. Each round every negotiator, and every ratifier the
draft triggers, either accepts it (its strategy's acceptance rule, never below its
reservation value) or objects to the ``objections`` issues that cost it most (its
best option's contribution less the draft's, from its own weights and values). The
mediator then moves one objected issue (the one with the largest summed loss among
the objectors) to its target package's option; if that breaks a feasibility rule it
moves the issue's whole block of linked issues. Its target is

- neutral: the Nash (or Kalai–Smorodinsky) point of ``parley analyze``;
- biased: the point of the acceptable Pareto frontier maximising
  ``(1 - w) * N(x) / N* + w * (u_m(x) - d_m) / (max u_m - d_m)``, where ``N`` is the
  Nash product of gains over the disagreement point, ``N*`` its frontier maximum and
  ``m`` the mediator's own party (the US in the default scenario): ``w = 0`` is the
  neutral Nash mediator, ``w = 1`` the mediator's favourite acceptable package.

The target is fixed at the start of the talks (from the initial reservation values).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from parley.bargaining.analyze import AnalysisResult, analyze
from parley.negotiation.common import (
    Schedule,
    make_agents,
    relative_time,
    resolve_schedule,
    turn_takers,
)
from parley.negotiation.result import Agreement, NegotiationResult, TraceEntry
from parley.negotiation.space import NegotiationSpace
from parley.negotiation.strategy import Strategy


def mediator_target(space: NegotiationSpace, analysis: AnalysisResult, *,
                    target: str = "nash", mediator: str | None = None,
                    bias: float = 0.0) -> np.ndarray | None:
    """The package the mediator steers toward (``None`` when the ZOPA is empty).

    ``mediator`` (a party id) with ``bias > 0`` gives the biased mediator.
    """
    sc = space.scenario
    if mediator is None or bias <= 0:
        key = {"nash": "nash", "ks": "kalai_smorodinsky"}[target]
        sol = analysis.solutions.get(key)
        return None if sol is None else sc.package_vector(sol.package)
    if analysis.frontier is None or analysis.frontier.packages.shape[0] == 0:
        return None
    m = sc.party_index(mediator)
    dims = list(sc.bargaining)
    front = analysis.frontier.utilities
    d = analysis.disagreement
    gains = np.clip(front[:, dims] - d[dims], 0.0, None)
    nash = np.prod(gains, axis=1)
    nash_n = nash / nash.max() if nash.max() > 0 else nash
    span = front[:, m].max() - d[m]
    own = (front[:, m] - d[m]) / span if span > 0 else np.zeros(front.shape[0])
    score = (1.0 - bias) * nash_n + bias * own
    return np.asarray(analysis.frontier.packages[int(np.argmax(score))], dtype=np.int64)


def run_mediated(space: NegotiationSpace,
                 strategies: Mapping[str, str | Strategy] | None = None, *,
                 rounds: int = 100, seed: int | None = 0,
                 rng: np.random.Generator | None = None,
                 reservation: Schedule | None = None, default: str = "linear",
                 target: str = "nash", mediator: str | None = None, bias: float = 0.0,
                 start: str | None = None, objections: int = 2,
                 analysis: AnalysisResult | None = None) -> NegotiationResult:
    """Run the single-negotiating-text procedure.

    Parameters
    ----------
    space, strategies, rounds, seed, rng, reservation, default:
        As in :func:`parley.negotiation.sao.run_sao`; strategies only accept or object.
    target:
        ``nash`` or ``ks``: the neutral mediator's target solution.
    mediator, bias:
        A party id and a weight in ``[0, 1]`` on its own utility (biased mediator).
    start:
        First draft: a proposal id of the scenario, or (default) the package of the
        whole space with the largest sum of range-normalised utilities.
    objections:
        How many issues each objecting party names.
    analysis:
        A ready ``parley.analyze`` result of the scenario (computed when omitted).
    """
    if rounds < 1:
        raise ValueError("rounds must be at least 1")
    if target not in ("nash", "ks"):
        raise ValueError(f"unknown mediator target {target!r}; use nash or ks")
    if not 0.0 <= bias <= 1.0:
        raise ValueError("bias must be between 0 and 1")
    sc = space.scenario
    if mediator is not None and mediator not in sc.parties:
        raise ValueError(f"unknown mediator party {mediator!r}; parties: {', '.join(sc.parties)}")
    rng = np.random.default_rng(seed) if rng is None else rng
    agents, specs = make_agents(space, strategies, default, rng)
    rv_at = resolve_schedule(space, reservation, rounds)
    analysis = analyze(sc, repairs=0) if analysis is None else analysis
    goal = mediator_target(space, analysis, target=target, mediator=mediator, bias=bias)
    text = _first_draft(space, start)
    contrib = sc.contributions()
    best = np.stack([c.max(axis=1) for c in contrib], axis=1)  # (P, n_issues)
    block_of = np.zeros(sc.n_issues, dtype=np.int64)
    for b, block in enumerate(space.blocks):
        block_of[list(block.issues)] = b
    negotiators = set(turn_takers(space))
    label = "mediator" if mediator is None or bias <= 0 else f"mediator ({mediator})"
    settings: dict[str, Any] = {"default_strategy": default, "target": target,
                                "mediator": mediator, "bias": bias, "start": start,
                                "objections": objections,
                                "target_package": None if goal is None
                                else sc.package_dict(goal)}
    trace: list[TraceEntry] = []
    rv = rv_at(0)

    def finish(agreement: Agreement | None, reason: str, played: int) -> NegotiationResult:
        return NegotiationResult(sc, "mediated", specs, seed, rounds, agreement, reason,
                                 played, rv.copy(), tuple(trace), settings)

    for r in range(rounds):
        t = relative_time(r, rounds)
        rv = rv_at(r)
        u = sc.utilities(text)[0]
        required = sc.required(text)[0]
        entry = TraceEntry(r, label, text.copy(), u, {}, {})
        trace.append(entry)
        loss = best - np.stack([contrib[i][:, text[i]] for i in range(sc.n_issues)], axis=1)
        objected = np.zeros(sc.n_issues)
        for p in range(sc.n_parties):
            if p not in negotiators and not required[p]:
                continue
            pid = sc.parties[p]
            if agents[p].walks_away(t, float(rv[p])):
                entry.responses[pid] = "walk_away"
                return finish(None, f"{pid} walked away in round {r}", r + 1)
            if agents[p].accepts(t, float(rv[p]), float(u[p])):
                entry.responses[pid] = "accept"
                continue
            entry.responses[pid] = "object"
            worst = [int(i) for i in np.argsort(-loss[p], kind="stable")[:objections]
                     if loss[p, i] > 0]
            entry.objections[pid] = [sc.issues[i] for i in worst]
            objected[worst] += loss[p, worst]
        if all(entry.responses.get(sc.parties[p]) == "accept" for p in np.flatnonzero(required)):
            return finish(Agreement(text.copy(), u.copy(), r), "agreement", r + 1)
        if goal is not None:
            text = _revise(sc, space, text, goal, objected, loss, block_of)
    reason = f"deadline: no agreement within {rounds} rounds"
    if goal is None:
        reason += " (no package is acceptable to every required party: empty ZOPA)"
    return finish(None, reason, rounds)


def _first_draft(space: NegotiationSpace, start: str | None) -> np.ndarray:
    sc = space.scenario
    if start is not None:
        for spec in sc.proposals:
            if spec.id == start:
                if not sc.feasible(spec.package[None, :])[0]:
                    raise ValueError(f"proposal {start!r} breaks a feasibility rule")
                return np.asarray(spec.package, dtype=np.int64).copy()
        raise ValueError(f"unknown proposal {start!r}; proposals: "
                         f"{', '.join(p.id for p in sc.proposals) or 'none'}")
    lo = space.sorted_utilities[:, 0]
    span = np.maximum(space.sorted_utilities[:, -1] - lo, 1e-12)
    row = int(np.argmax(((space.utilities - lo) / span).sum(axis=1)))
    return space.package(row)


def _revise(sc: Any, space: NegotiationSpace, text: np.ndarray, goal: np.ndarray,
            objected: np.ndarray, loss: np.ndarray, block_of: np.ndarray) -> np.ndarray:
    """Move the most-objected issue that differs from the target (any differing issue,
    by total loss, when no objected one does) to the target's option."""
    differs = text != goal
    if not differs.any():
        return text
    score = np.where(differs & (objected > 0), objected, -np.inf)
    if not np.isfinite(score).any():
        score = np.where(differs, loss.sum(axis=0), -np.inf)
    issue = int(np.argmax(score))
    new = text.copy()
    new[issue] = goal[issue]
    if not sc.feasible(new[None, :])[0]:
        issues = list(space.blocks[block_of[issue]].issues)
        new[issues] = goal[issues]
    return new


__all__ = ["mediator_target", "run_mediated"]

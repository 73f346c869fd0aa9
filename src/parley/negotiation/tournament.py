"""Tournaments: strategy combinations for the parties, each played across seeds.

Each run gets its own generator ``numpy.random.default_rng([seed, combination, rep])``,
so results do not depend on how runs are spread over worker processes.
Pairings (who plays what):

- ``all``: every assignment of the strategies to the parties (``S^P`` combinations;
  7,776 for 6 strategies and the default scenario's 5 parties);
- ``same``: every party plays the same strategy (``S`` combinations);
- ``focal``: everyone plays the baseline strategy (the first one listed) except one
  focal party, which plays another strategy (``1 + P (S - 1)`` combinations): how
  each strategy fares for each party against a common background.

Reported per combination and per strategy: agreement rate; mean rounds to agreement;
mean gain over the reservation value (0 for a breakdown, whose payoff is the
reservation value); the distance of agreements to the acceptable Pareto frontier
(the Euclidean distance, over the bargaining parties, to the nearest frontier point
that weakly dominates the agreement: 0 on the frontier) and to the Nash point of
``parley analyze``.
"""

from __future__ import annotations

import itertools
import math
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Any

import numpy as np

from parley.bargaining.analyze import AnalysisResult, analyze
from parley.negotiation.mediated import run_mediated
from parley.negotiation.result import NegotiationResult
from parley.negotiation.sao import run_sao
from parley.negotiation.space import NegotiationSpace, build_space
from parley.negotiation.strategy import UnknownStrategy, make_strategy
from parley.scenario.model import Scenario

PAIRINGS = ("all", "same", "focal")


def combinations(n_parties: int, strategies: Sequence[str],
                 pairing: str) -> list[tuple[str, ...]]:
    """The strategy assignments (one name per party) a pairing plays."""
    if pairing == "all":
        return list(itertools.product(strategies, repeat=n_parties))
    if pairing == "same":
        return [(s,) * n_parties for s in strategies]
    if pairing == "focal":
        base = strategies[0]
        out = [(base,) * n_parties]
        for p in range(n_parties):
            for s in strategies[1:]:
                combo = [base] * n_parties
                combo[p] = s
                out.append(tuple(combo))
        return out
    raise ValueError(f"unknown pairing {pairing!r}; use {', '.join(PAIRINGS)}")


@dataclass(frozen=True)
class RunSummary:
    """What a tournament keeps of one run."""

    combination: int
    rep: int
    agreed: bool
    rounds: int
    gains: tuple[float, ...]
    frontier_distance: float | None
    nash_distance: float | None


@dataclass(frozen=True, eq=False)
class TournamentResult:
    """All runs of a tournament and their summaries; ``to_dict()`` gives the JSON document."""

    scenario: Scenario
    settings: dict[str, Any]
    combos: tuple[tuple[str, ...], ...]
    runs: tuple[RunSummary, ...]

    def _summary(self, runs: list[RunSummary], parties: list[int] | None = None
                 ) -> dict[str, Any]:
        n = len(runs)
        agreed = [r for r in runs if r.agreed]
        mean = (lambda xs: float(np.mean(xs)) if xs else None)  # noqa: E731
        out: dict[str, Any] = {
            "runs": n,
            "agreement_rate": len(agreed) / n if n else None,
            "mean_rounds_to_agreement": mean([r.rounds for r in agreed]),
            "mean_frontier_distance": mean([r.frontier_distance for r in agreed
                                            if r.frontier_distance is not None]),
            "mean_nash_distance": mean([r.nash_distance for r in agreed
                                        if r.nash_distance is not None]),
        }
        if parties is None:
            out["mean_gain"] = {pid: mean([r.gains[p] for r in runs])
                                for p, pid in enumerate(self.scenario.parties)}
        return out

    def to_dict(self) -> dict[str, Any]:
        """The JSON document (``parley tournament --format json``)."""
        parties = self.scenario.parties
        by_combo: dict[int, list[RunSummary]] = {}
        for r in self.runs:
            by_combo.setdefault(r.combination, []).append(r)
        combos = [{"strategies": dict(zip(parties, combo, strict=True)),
                   **self._summary(by_combo.get(i, []))}
                  for i, combo in enumerate(self.combos)]
        by_strategy: dict[str, Any] = {}
        for name in self.settings["strategies"]:
            runs = [r for r in self.runs if name in self.combos[r.combination]]
            gains = [r.gains[p] for r in runs for p, s in enumerate(self.combos[r.combination])
                     if s == name]
            entry = self._summary(runs, parties=[])
            entry["mean_gain_when_played"] = float(np.mean(gains)) if gains else None
            by_strategy[name] = entry
        return {"scenario": self.scenario.id, "settings": dict(self.settings),
                "overall": self._summary(list(self.runs)), "by_strategy": by_strategy,
                "combinations": combos}


# ------------------------------------------------------------------ worker side
_STATE: dict[str, Any] = {}


def _prepare(scenario: Scenario, analysis: AnalysisResult | None = None,
             space: NegotiationSpace | None = None) -> None:
    _STATE["space"] = build_space(scenario) if space is None else space
    _STATE["analysis"] = analyze(scenario, repairs=0) if analysis is None else analysis


def _distances(analysis: AnalysisResult, scenario: Scenario,
               u: np.ndarray) -> tuple[float | None, float | None]:
    dims = list(scenario.bargaining)
    front_d = None
    if analysis.frontier is not None and analysis.frontier.utilities.shape[0]:
        f = analysis.frontier.utilities[:, dims]
        dom = np.all(f >= u[dims] - 1e-12, axis=1)
        if dom.any():
            front_d = float(np.sqrt(((f[dom] - u[dims]) ** 2).sum(axis=1)).min())
    nash = analysis.solutions.get("nash")
    nash_d = None
    if nash is not None:
        nu = np.array([nash.utilities[scenario.parties[p]] for p in dims])
        nash_d = float(np.sqrt(((nu - u[dims]) ** 2).sum()))
    return front_d, nash_d


def _play(task: tuple[int, int, tuple[str, ...]], settings: dict[str, Any]) -> RunSummary:
    index, rep, combo = task
    space: NegotiationSpace = _STATE["space"]
    analysis: AnalysisResult = _STATE["analysis"]
    sc = space.scenario
    rng = np.random.default_rng([settings["seed"], index, rep])
    strategies = dict(zip(sc.parties, combo, strict=True))
    res: NegotiationResult
    if settings["protocol"] == "mediated":
        res = run_mediated(space, strategies, rounds=settings["rounds"], seed=None, rng=rng,
                           target=settings["target"], mediator=settings["mediator"],
                           bias=settings["bias"], analysis=analysis)
    else:
        res = run_sao(space, strategies, rounds=settings["rounds"], seed=None, rng=rng)
    if res.agreement is None:
        return RunSummary(index, rep, False, res.rounds, (0.0,) * sc.n_parties, None, None)
    u = res.agreement.utilities
    gains = tuple(float(x) for x in u - res.reservation_values)
    front_d, nash_d = _distances(analysis, sc, u)
    return RunSummary(index, rep, True, res.rounds, gains, front_d, nash_d)


def _play_batch(batch: list[tuple[int, int, tuple[str, ...]]],
                settings: dict[str, Any]) -> list[RunSummary]:
    return [_play(task, settings) for task in batch]


def run_tournament(scenario: Scenario, strategies: Sequence[str], *, seeds: int = 20,
                   seed: int = 0, rounds: int = 100, pairing: str = "focal",
                   protocol: str = "sao", target: str = "nash", mediator: str | None = None,
                   bias: float = 0.0, workers: int = 1,
                   progress: Callable[[int], None] | None = None,
                   space: NegotiationSpace | None = None,
                   analysis: AnalysisResult | None = None) -> TournamentResult:
    """Play every combination of a pairing ``seeds`` times.

    ``workers > 1`` uses that many local processes (:mod:`concurrent.futures`);
    results are the same for any number of workers. ``progress`` is called with the
    number of runs finished after each batch.

    Raises
    ------
    UnknownStrategy
        For an unknown strategy name.
    """
    if not strategies:
        raise UnknownStrategy("no strategies given")
    for name in strategies:
        make_strategy(name)
    if seeds < 1 or rounds < 1 or workers < 1:
        raise ValueError("seeds, rounds and workers must be at least 1")
    if protocol not in ("sao", "mediated"):
        raise ValueError(f"unknown protocol {protocol!r}; use sao or mediated")
    combos = combinations(scenario.n_parties, list(strategies), pairing)
    settings: dict[str, Any] = {"strategies": list(strategies), "seeds": seeds, "seed": seed,
                                "rounds": rounds, "pairing": pairing, "protocol": protocol,
                                "target": target, "mediator": mediator, "bias": bias}
    tasks = [(i, rep, combo) for i, combo in enumerate(combos) for rep in range(seeds)]
    size = max(1, min(64, math.ceil(len(tasks) / (8 * workers))))
    batches = [tasks[k:k + size] for k in range(0, len(tasks), size)]
    runs: list[RunSummary] = []
    if workers == 1:
        _prepare(scenario, analysis, space)
        for batch in batches:
            runs += _play_batch(batch, settings)
            if progress is not None:
                progress(len(batch))
    else:
        workers = min(workers, os.cpu_count() or 1, len(batches))
        with ProcessPoolExecutor(max_workers=workers, initializer=_prepare,
                                 initargs=(scenario,)) as pool:
            futures = [pool.submit(_play_batch, b, settings) for b in batches]
            for fut in as_completed(futures):
                done = fut.result()
                runs += done
                if progress is not None:
                    progress(len(done))
    runs.sort(key=lambda r: (r.combination, r.rep))
    return TournamentResult(scenario, settings, tuple(combos), tuple(runs))


def _weighted(entries: list[tuple[float | None, float]]) -> float | None:
    """Weighted mean of the values that exist (None when no weight remains)."""
    pairs = [(v, w) for v, w in entries if v is not None and w > 0]
    total = sum(w for _, w in pairs)
    return None if total == 0 else sum(v * w for v, w in pairs) / total


def across_scenarios(docs: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Pool tournament documents from several scenarios into one table per strategy.

    Per strategy: runs add up; the agreement rate and the mean gain of its players are
    weighted by runs; mean rounds to agreement and the distances to the frontier and to the
    Nash point are weighted by agreements (they are measured on agreements only). Gains are
    in each scenario's own utility units, so pooled gains compare strategies, not scenarios.
    """
    names: list[str] = []
    for doc in docs:
        names += [n for n in doc["by_strategy"] if n not in names]
    pooled: dict[str, dict[str, Any]] = {}
    for name in names:
        rows = [d["by_strategy"][name] for d in docs if name in d["by_strategy"]]
        runs = [float(r["runs"]) for r in rows]
        agreements = [float(r["runs"]) * (r["agreement_rate"] or 0.0) for r in rows]
        pooled[name] = {
            "runs": int(sum(runs)),
            "agreement_rate": _weighted([(r["agreement_rate"], w) for r, w in zip(rows, runs,
                                                                               strict=True)]),
            "mean_rounds_to_agreement": _weighted(
                [(r["mean_rounds_to_agreement"], a) for r, a in zip(rows, agreements,
                                                                    strict=True)]),
            "mean_frontier_distance": _weighted(
                [(r["mean_frontier_distance"], a) for r, a in zip(rows, agreements,
                                                                  strict=True)]),
            "mean_nash_distance": _weighted(
                [(r["mean_nash_distance"], a) for r, a in zip(rows, agreements, strict=True)]),
            "mean_gain_when_played": _weighted(
                [(r["mean_gain_when_played"], w) for r, w in zip(rows, runs, strict=True)]),
        }
    return {"scenarios": [d["scenario"] for d in docs], "by_strategy": pooled}

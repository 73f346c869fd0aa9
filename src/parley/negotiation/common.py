"""Pieces shared by the protocols: agents per party, reservation schedules, relative time."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from parley.negotiation.space import NegotiationSpace
from parley.negotiation.strategy import Strategy, UnknownStrategy, make_strategy

#: A per-round reservation schedule: an array ``(rounds, parties)`` or ``round -> (parties,)``.
Schedule = np.ndarray | Callable[[int], np.ndarray]


@dataclass(frozen=True, eq=False)
class Setup:
    """Agents and reservation values of one run."""

    agents: tuple[Strategy, ...]
    specs: dict[str, str]
    schedule: Callable[[int], np.ndarray]


def make_agents(space: NegotiationSpace, strategies: Mapping[str, str | Strategy] | None,
                default: str, rng: np.random.Generator) -> tuple[tuple[Strategy, ...],
                                                                   dict[str, str]]:
    """One agent per party (``default`` for parties not named), each with its own child
    generator spawned from ``rng`` in party order.

    Raises
    ------
    UnknownStrategy
        For an unknown party id or strategy name.
    """
    sc = space.scenario
    strategies = dict(strategies or {})
    unknown = set(strategies) - set(sc.parties)
    if unknown:
        raise UnknownStrategy(f"unknown party {sorted(unknown)[0]!r}; parties: "
                              f"{', '.join(sc.parties)}")
    agents = []
    specs = {}
    children = rng.spawn(sc.n_parties)
    for p, pid in enumerate(sc.parties):
        spec = strategies.get(pid, default)
        agent = make_strategy(spec) if isinstance(spec, str) else spec
        specs[pid] = spec if isinstance(spec, str) else agent.name
        agent.setup(space, p, children[p])
        agents.append(agent)
    return tuple(agents), specs


def resolve_schedule(space: NegotiationSpace, reservation: Schedule | None,
                     rounds: int) -> Callable[[int], np.ndarray]:
    """Reservation values for each round: constant (the scenario's), a ``(rounds, P)``
    array (the last row repeats) or a callable."""
    rv0 = np.asarray(space.scenario.reservation, dtype=float)
    if reservation is None:
        return lambda r: rv0
    if callable(reservation):
        fn = reservation

        def checked(r: int) -> np.ndarray:
            out = np.asarray(fn(r), dtype=float)
            if out.shape != rv0.shape:
                raise ValueError(f"reservation schedule gave shape {out.shape} at round {r}; "
                                 f"expected {rv0.shape}")
            return out
        return checked
    arr = np.asarray(reservation, dtype=float)
    if arr.ndim != 2 or arr.shape[1] != rv0.size or arr.shape[0] < 1:
        raise ValueError(f"reservation schedule must have shape (rounds, {rv0.size}); "
                         f"got {arr.shape}")
    return lambda r: arr[min(r, arr.shape[0] - 1)]


def relative_time(r: int, rounds: int) -> float:
    """Relative time of round ``r`` (0 at the first round, 1 at the last)."""
    return r / (rounds - 1) if rounds > 1 else 1.0


def turn_takers(space: NegotiationSpace) -> list[int]:
    """Parties that make offers: all but pure ratifiers (non-veto parties whose only role
    is to approve packages that trigger their ratification rule)."""
    sc = space.scenario
    ratifiers = {rule.ratifier for rule in sc.ratification}
    return [p for p in range(sc.n_parties) if sc.veto[p] or p not in ratifiers]

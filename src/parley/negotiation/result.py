"""Result objects of a negotiation run (frozen; ``to_dict()`` gives the JSON document)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from parley.scenario.model import Scenario


@dataclass(frozen=True, eq=False)
class TraceEntry:
    """One offer (or mediator's text) and the responses it got.

    ``responses`` maps party ids to ``accept``, ``reject``, ``walk_away`` or, in the
    mediated protocol, ``object`` (with the issues in ``objections``).
    """

    round: int
    proposer: str
    package: np.ndarray
    utilities: np.ndarray
    responses: dict[str, str] = field(default_factory=dict)
    objections: dict[str, list[str]] = field(default_factory=dict)
    row: int | None = None


@dataclass(frozen=True, eq=False)
class Agreement:
    """The agreed package, every party's utility for it and the round it was reached in."""

    package: np.ndarray
    utilities: np.ndarray
    round: int
    row: int | None = None


@dataclass(frozen=True, eq=False)
class NegotiationResult:
    """A complete run: agreement (or None), the reason, the trace and final reservation values.

    ``rounds`` is the number of rounds played (the agreement's round plus one on success).
    """

    scenario: Scenario
    protocol: str
    strategies: dict[str, str]
    seed: int | None
    max_rounds: int
    agreement: Agreement | None
    reason: str
    rounds: int
    reservation_values: np.ndarray
    trace: tuple[TraceEntry, ...]
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def agreed(self) -> bool:
        """Whether the run ended in agreement."""
        return self.agreement is not None

    def _utilities(self, u: np.ndarray) -> dict[str, float]:
        return dict(zip(self.scenario.parties, map(float, u), strict=True))

    def to_dict(self) -> dict[str, Any]:
        """The JSON document (``parley negotiate --format json``)."""
        sc = self.scenario
        agreement = None
        if self.agreement is not None:
            agreement = {"package": sc.package_dict(self.agreement.package),
                         "utilities": self._utilities(self.agreement.utilities),
                         "round": self.agreement.round}
        trace = []
        for e in self.trace:
            entry: dict[str, Any] = {"round": e.round, "proposer": e.proposer,
                                     "offer": sc.package_dict(e.package),
                                     "utilities": self._utilities(e.utilities),
                                     "responses": dict(e.responses)}
            if e.objections:
                entry["objections"] = {k: list(v) for k, v in e.objections.items()}
            trace.append(entry)
        return {
            "scenario": sc.id,
            "protocol": self.protocol,
            "seed": self.seed,
            "max_rounds": self.max_rounds,
            "rounds": self.rounds,
            "strategies": dict(self.strategies),
            "settings": dict(self.settings),
            "agreement": agreement,
            "reason": self.reason,
            "initial_reservation_values": self._utilities(sc.reservation),
            "reservation_values": self._utilities(self.reservation_values),
            "trace": trace,
        }

"""One-at-a-time sensitivity (tornado): each uncertain number alone at its range ends.

Every other number stays at its file value. For each number the outputs at ``low``
and ``high`` are recorded (each proposal's smallest margin over the parties whose
consent it needs, the ZOPA size, the Nash product), and for each proposal whose
acceptability differs between the file value and an end, the value at which it
flips is found by bisection on acceptability itself (so it respects the same
threshold as every engine, see :attr:`parley.scenario.model.Scenario.threshold`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from parley.uncertainty.compiled import Compiled, SampleOutcome


@dataclass(frozen=True)
class Flip:
    """Proposal ``proposal`` turns ``becomes`` when the number crosses ``at``."""

    proposal: str
    side: str
    at: float
    becomes: str

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"proposal": self.proposal, "side": self.side, "at": self.at,
                "becomes": self.becomes}


@dataclass(frozen=True)
class Bar:
    """One number's tornado bar: outputs at its low and high ends, and flips."""

    path: str
    kind: str
    value: float
    low: float
    high: float
    at_low: dict[str, Any]
    at_high: dict[str, Any]
    flips: tuple[Flip, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"path": self.path, "kind": self.kind, "value": self.value, "low": self.low,
                "high": self.high, "at_low": self.at_low, "at_high": self.at_high,
                "flips": [f.to_dict() for f in self.flips]}


@dataclass(frozen=True)
class TornadoResult:
    """The tornado analysis: outputs at the file values and one bar per number."""

    base: dict[str, Any]
    bars: tuple[Bar, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON form; bars in file order."""
        return {"base": self.base, "bars": [b.to_dict() for b in self.bars]}


def _outputs(compiled: Compiled, out: SampleOutcome) -> dict[str, Any]:
    ids = compiled.proposal_ids
    return {
        "min_margin": dict(zip(ids, map(float, out.min_margin), strict=True)),
        "acceptable": dict(zip(ids, map(bool, out.acceptable), strict=True)),
        "zopa_size": out.zopa_size,
        "nash_product": out.nash_product,
        "nash": None if out.solutions["nash"] < 0 else compiled.decode(out.solutions["nash"]),
    }


def flip_point(compiled: Compiled, param: int, proposal: int, inside: float, outside: float,
               *, tol: float = 1e-10) -> float:
    """Bisection for where proposal ``proposal``'s acceptability changes as number ``param``
    moves from ``inside`` (the file value) to ``outside`` (a range end), which must differ
    in acceptability. Returns the first value (to ``tol`` times the range width) at which
    it has changed."""
    theta = compiled.base.copy()

    def accept(x: float) -> bool:
        theta[param] = x
        return bool(compiled.margins(theta)[0][proposal])

    start = accept(inside)
    if accept(outside) == start:
        raise ValueError("acceptability does not change between the two values")
    a, b = inside, outside
    width = abs(outside - inside) * tol
    while abs(b - a) > width:
        mid = 0.5 * (a + b)
        if accept(mid) == start:
            a = mid
        else:
            b = mid
    return b


def tornado(compiled: Compiled, *, tol: float = 1e-10, full: bool = True) -> TornadoResult:
    """Tornado bars for every uncertain number (``full=False`` skips the frontier outputs
    and gives margins and acceptability only)."""
    base_theta = compiled.base

    def run(theta: np.ndarray) -> dict[str, Any]:
        if full:
            return _outputs(compiled, compiled.evaluate(theta))
        acc, margin = compiled.margins(theta)
        ids = compiled.proposal_ids
        return {"min_margin": dict(zip(ids, map(float, margin), strict=True)),
                "acceptable": dict(zip(ids, map(bool, acc), strict=True))}

    base = run(base_theta)
    bars = []
    for j, p in enumerate(compiled.params):
        ends = {}
        for side, x in (("low", p.dist.low), ("high", p.dist.high)):
            theta = base_theta.copy()
            theta[j] = x
            ends[side] = run(theta)
        flips = []
        for k, pid in enumerate(compiled.proposal_ids):
            for side, x in (("low", p.dist.low), ("high", p.dist.high)):
                if ends[side]["acceptable"][pid] != base["acceptable"][pid]:
                    at = flip_point(compiled, j, k, p.dist.value, x, tol=tol)
                    flips.append(Flip(pid, side, at, "acceptable"
                                      if ends[side]["acceptable"][pid] else "unacceptable"))
        bars.append(Bar(p.path, p.kind, p.dist.value, p.dist.low, p.dist.high,
                        ends["low"], ends["high"], tuple(flips)))
    return TornadoResult(base, tuple(bars))


def tornado_target(doc: dict[str, Any], tornado_doc: dict[str, Any]) -> str | None:
    """The proposal a tornado chart should show: the one flipped by the most numbers,
    then the one whose acceptance is least certain (``p_acceptable`` nearest 0.5).

    ``doc`` is a Monte Carlo document (:meth:`MonteCarloResult.to_dict`), ``tornado_doc``
    a :meth:`TornadoResult.to_dict`; ``None`` when the scenario names no proposal.
    """
    if not doc["proposals"]:
        return None
    flips: dict[str, int] = {}
    for bar in tornado_doc["bars"]:
        for f in bar["flips"]:
            flips[f["proposal"]] = flips.get(f["proposal"], 0) + 1
    return max(doc["proposals"], key=lambda p: (
        flips.get(p, 0), -abs(doc["proposals"][p]["p_acceptable"] - 0.5)))

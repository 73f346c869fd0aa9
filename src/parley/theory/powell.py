"""War as a commitment problem under shifting power.

Powell (2006), "War as a Commitment Problem", International Organization 60(1),
169-203. Two states divide a flow of benefits worth 1 per period, discounted by
``delta``. A war ends the game: A gets the share ``p`` of every later period's flow
and pays a one-off cost ``c_A`` (in units of the flow). Power shifts: A's probability
of winning is ``p_now`` for the next ``shift_in`` periods and ``p_later`` afterwards.

The rising side B cannot commit to restrain itself once stronger, so after the shift
A can expect no more than its war value then. The most B can credibly offer A today
is the whole flow until the shift and A's war value from then on::

    peace_max = (1 - delta**T) / (1 - delta) + delta**T * (p_later / (1 - delta) - c_A)
    war_now   = p_now / (1 - delta) - c_A

A prefers to fight now, whatever B offers, when ``war_now > peace_max``; this is
Powell's condition that the shift in power is large relative to the cost of war
(Powell 2006: war occurs when a large, rapid shift in the distribution of power
lowers A's prospects by more than the bargaining surplus can cover). The
threshold on ``p_later`` solves ``war_now = peace_max``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class CommitmentResult:
    """Whether the declining side fights now, its values, and the thresholds."""

    war: bool
    war_value: float
    peace_value: float
    threshold_p_later: float
    max_shift: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return asdict(self)


def commitment_problem(p_now: float, p_later: float, delta: float, c_a: float,
                       shift_in: int = 1) -> CommitmentResult:
    """Does the declining state A prefer war now to the best credible peace?

    Source: Powell (2006), the commitment-problem model (formulas in the module
    docstring).

    Parameters
    ----------
    p_now, p_later:
        A's probability of winning before and after the shift.
    delta:
        Per-period discount factor in ``(0, 1)``.
    c_a:
        A's cost of war (units of the per-period flow).
    shift_in:
        Periods until power shifts (``T >= 1``).

    Returns
    -------
    CommitmentResult
        ``threshold_p_later``: A fights if ``p_later`` falls below it;
        ``max_shift = p_now - threshold_p_later``: the largest decline A tolerates.
    """
    if not 0.0 < delta < 1.0:
        raise ValueError(f"delta must lie in (0, 1), not {delta}")
    if shift_in < 1:
        raise ValueError("shift_in must be at least 1")
    for name, v in (("p_now", p_now), ("p_later", p_later)):
        if not 0.0 <= v <= 1.0:
            raise ValueError(f"{name} must lie in [0, 1], not {v}")
    dt = delta**shift_in
    war = p_now / (1.0 - delta) - c_a
    head = (1.0 - dt) / (1.0 - delta)
    peace = head + dt * (p_later / (1.0 - delta) - c_a)
    threshold = (war - head + dt * c_a) * (1.0 - delta) / dt
    return CommitmentResult(war > peace, war, peace, threshold, p_now - threshold)

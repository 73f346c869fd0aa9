"""War-continuation dynamics: what "no deal" means month by month.

:mod:`~parley.dynamics.model` (states and reservation values over time, closed forms),
:mod:`~parley.dynamics.checks` (the scenario's ``dynamics:`` section) and
:mod:`~parley.dynamics.bargaining` (the bargaining range, ripeness and cost of delay
month by month, reusing one compilation of the scenario).
"""

from __future__ import annotations

from parley.dynamics.model import (
    STATE_NAMES,
    DynamicsParams,
    Trajectory,
    params_from_section,
    reservation_path,
    simulate,
)

__all__ = ["STATE_NAMES", "DynamicsParams", "Trajectory", "params_from_section",
           "reservation_path", "simulate"]

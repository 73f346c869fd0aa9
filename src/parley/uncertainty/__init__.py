"""Parameter uncertainty and sensitivity of the bargaining analysis.

Numbers of a scenario that carry a ``range`` (and optionally a ``dist``) are drawn
by Monte Carlo (:mod:`.montecarlo`), swept one at a time (:mod:`.tornado`) or
analysed for variance-based indices (:mod:`.sobol`). The scenario is compiled once
(:mod:`.compiled`); each sample only substitutes numbers into its arrays.
"""

from parley.uncertainty.compiled import Compiled, compile_scenario
from parley.uncertainty.montecarlo import MonteCarloResult, monte_carlo

__all__ = ["Compiled", "MonteCarloResult", "compile_scenario", "monte_carlo"]

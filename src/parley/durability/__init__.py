"""Durability of a deal: a Weibull proportional-hazards model of renewed war.

>>> from parley import load_scenario
>>> from parley.durability import analyze_durability
>>> result = analyze_durability(load_scenario(), seed=0, samples=2000)
>>> sorted(result.to_dict()["proposals"]["istanbul_2022"]["p_renewed_war"])
['1', '10', '2', '5']

Modules: :mod:`~parley.durability.data` (bundled data), :mod:`~parley.durability.fit`
(Weibull fit with censoring), :mod:`~parley.durability.effects` (provision effects and
their evidence), :mod:`~parley.durability.model` (survival and Monte Carlo bands),
:mod:`~parley.durability.mapping` (scenario options to covariates) and
:mod:`~parley.durability.analyze` (every proposal and solution of a scenario).
Names are imported lazily, so checking a scenario does not load SciPy's optimiser.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from parley.durability.analyze import DurabilityResult, analyze_durability
    from parley.durability.fit import WeibullFit, fit_baseline, fit_weibull

__all__ = ["DurabilityResult", "WeibullFit", "analyze_durability", "fit_baseline",
           "fit_weibull"]

_WHERE = {"DurabilityResult": "analyze", "analyze_durability": "analyze",
          "WeibullFit": "fit", "fit_baseline": "fit", "fit_weibull": "fit"}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(f"parley.durability.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'parley.durability' has no attribute {name!r}")

"""The analyses a background run can include, each a function of a compiled scenario.

Each engine returns its JSON document (the same one the CLI writes with ``--format
json``) and may report progress within its own share of the run through ``progress``
(a fraction 0-1). A new engine joins the web app by adding one :class:`Engine` entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from parley.scenario.model import Scenario

#: Reports the share (0-1) of an engine's work done.
Progress = Callable[[float], None]

#: Monte Carlo draws of the durability bands and of the uncertainty engine in a run.
DURABILITY_SAMPLES = 4_000
UNCERTAINTY_SAMPLES = 200


@dataclass(frozen=True)
class Engine:
    """A named analysis: whether it applies to a scenario, and how to run it."""

    name: str
    title: str
    applies: Callable[[Scenario], bool]
    run: Callable[[Scenario, int, Progress], dict[str, Any]]
    default: bool = True


def _bargaining(scenario: Scenario, seed: int, progress: Progress) -> dict[str, Any]:
    from parley.bargaining import analyze

    return analyze(scenario, seed=seed).to_dict()


def _durability(scenario: Scenario, seed: int, progress: Progress) -> dict[str, Any]:
    from parley.durability.analyze import analyze_durability

    return analyze_durability(scenario, seed=seed, samples=DURABILITY_SAMPLES).to_dict()


def _stability(scenario: Scenario, seed: int, progress: Progress) -> dict[str, Any]:
    from parley.gmcr import analyze_stability
    from parley.gmcr.scenario import conflict_from_section

    assert scenario.doc.gmcr is not None
    return analyze_stability(conflict_from_section(scenario.doc.gmcr)).to_dict()


def _dynamics(scenario: Scenario, seed: int, progress: Progress) -> dict[str, Any]:
    from parley.dynamics.analyze import analyze_dynamics

    return analyze_dynamics(scenario, seed=seed).to_dict()


def _uncertainty(scenario: Scenario, seed: int, progress: Progress) -> dict[str, Any]:
    from parley.uncertainty import monte_carlo

    def step(done: int, total: int) -> None:
        progress(done / total if total else 1.0)

    # one worker: the run stays inside the server's job thread (no process pool)
    return monte_carlo(scenario, UNCERTAINTY_SAMPLES, seed, workers=1,
                       progress=step).to_dict()


def _forecast(scenario: Scenario, seed: int, progress: Progress) -> dict[str, Any]:
    from parley.forecast import run_smp
    from parley.forecast.scenario_spatial import spatial_input

    return run_smp(spatial_input(scenario)).to_dict()


def _has(section: str) -> Callable[[Scenario], bool]:
    return lambda s: getattr(s.doc, section, None) is not None


ENGINES: dict[str, Engine] = {
    e.name: e for e in (
        Engine("bargaining", "Bargaining: ZOPA, frontier, solutions, proposals",
               lambda s: True, _bargaining),
        Engine("stability", "Strategic stability (GMCR)", _has("gmcr"), _stability),
        Engine("durability", "Durability: risk of renewed war", lambda s: True, _durability),
        Engine("dynamics", "Dynamics: the bargaining range month by month without a deal",
               _has("dynamics"), _dynamics),
        Engine("uncertainty", f"Uncertainty: Monte Carlo ({UNCERTAINTY_SAMPLES} draws) over "
               "every number with a range (slow: about half a minute on the default "
               "scenario)", lambda s: True, _uncertainty, default=False),
        Engine("forecast", "Spatial forecast (KTAB Spatial Model of Politics)",
               _has("spatial"), _forecast),
    )
}


def applicable(scenario: Scenario, *, everything: bool = False) -> list[str]:
    """Names of the engines that apply to ``scenario``, in run order: those run by
    default, or with ``everything`` also the slow ones a user must ask for."""
    return [name for name, e in ENGINES.items()
            if e.applies(scenario) and (everything or e.default)]

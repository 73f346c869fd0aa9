"""The analyses a background run can include, each a function of a compiled scenario.

Each engine returns its JSON document (the same one the CLI writes with ``--format
json``) and may report progress within its own share of the run through ``progress``
(a fraction 0-1). A new engine joins the web app by adding one :class:`Engine` entry.
An engine that takes options from the request (negotiation, tournament) has
``configure``: it checks them and runs with them (its entry of the run's ``options``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from parley.errors import Problem
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
    #: For engines with request options: (check, run with options).
    configure: tuple[Callable[[Scenario, Mapping[str, Any]], list[Problem]],
                     Callable[[Scenario, Mapping[str, Any], Progress], dict[str, Any]]] | None \
        = None

    def check(self, scenario: Scenario, options: Mapping[str, Any] | None) -> list[Problem]:
        """Problems of this engine's options (none for an engine without options)."""
        if self.configure is None:
            return []
        return self.configure[0](scenario, options or {})

    def execute(self, scenario: Scenario, seed: int, progress: Progress,
                options: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Run with the run's seed, or with this engine's options when it takes any."""
        if self.configure is None:
            return self.run(scenario, seed, progress)
        return self.configure[1](scenario, options or {}, progress)


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


def _negotiation_check(scenario: Scenario, options: Mapping[str, Any]) -> list[Problem]:
    from parley.web.negotiation import check_negotiation

    return check_negotiation(scenario, options)


def _negotiation_run(scenario: Scenario, options: Mapping[str, Any],
                     progress: Progress) -> dict[str, Any]:
    from parley.web.negotiation import run_negotiation

    return run_negotiation(scenario, options)


def _negotiation(scenario: Scenario, seed: int, progress: Progress) -> dict[str, Any]:
    return _negotiation_run(scenario, {"seed": seed}, progress)


def _tournament_check(scenario: Scenario, options: Mapping[str, Any]) -> list[Problem]:
    from parley.web.negotiation import check_tournament

    return check_tournament(scenario, options)


def _tournament_run(scenario: Scenario, options: Mapping[str, Any],
                    progress: Progress) -> dict[str, Any]:
    from parley.web.negotiation import run_tournament_doc

    return run_tournament_doc(scenario, options, progress)


def _tournament(scenario: Scenario, seed: int, progress: Progress) -> dict[str, Any]:
    return _tournament_run(scenario, {"seed": seed}, progress)


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
        Engine("negotiation", "Negotiation simulation (parley negotiate): offers, responses, "
               "agreement or breakdown", lambda s: True, _negotiation, default=False,
               configure=(_negotiation_check, _negotiation_run)),
        Engine("tournament", "Negotiation tournament (parley tournament, small: 3 strategies "
               "x 3 seeds x 50 rounds by default; slow)", lambda s: True, _tournament,
               default=False, configure=(_tournament_check, _tournament_run)),
    )
}


def applicable(scenario: Scenario, *, everything: bool = False) -> list[str]:
    """Names of the engines that apply to ``scenario``, in run order: those run by
    default, or with ``everything`` also the slow ones a user must ask for."""
    return [name for name, e in ENGINES.items()
            if e.applies(scenario) and (everything or e.default)]


def plan(scenario: Scenario, engines: list[str] | None,
         options: Mapping[str, Mapping[str, Any]] | None = None) -> list[str]:
    """The engines a run request asks for, checked against ``scenario``.

    ``engines`` omitted: the engines named in ``options`` if any, else the default ones
    that apply. Raises :class:`~parley.errors.ScenarioError` for unknown engines, engines
    that do not apply, options of an engine not run, and bad options.
    """
    from parley.errors import ScenarioError

    options = options or {}
    if engines is None:
        engines = list(options) if options else applicable(scenario)
    unknown = [e for e in engines if e not in ENGINES]
    if unknown or not engines:
        raise ScenarioError([Problem(None, None, None, "engines",
                                     f"choose engines from {', '.join(ENGINES)}")])
    skipped = [e for e in engines if not ENGINES[e].applies(scenario)]
    if skipped:
        raise ScenarioError([Problem(None, None, None, "engines",
                                     f"{', '.join(skipped)} does not apply to this scenario")])
    unused = [name for name in options if name not in engines]
    if unused:
        raise ScenarioError([Problem(None, None, None, name, f"{name} options given but "
                                     f"{name} is not among the engines") for name in unused])
    problems = [p for e in engines for p in ENGINES[e].check(scenario, options.get(e))]
    if problems:
        raise ScenarioError(problems)
    return engines

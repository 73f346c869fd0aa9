"""The analyses a background run can include, each a function of a compiled scenario.

Each engine returns its JSON document (the same one the CLI writes with ``--format
json``). A new engine joins the web app by adding one :class:`Engine` entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from parley.scenario.model import Scenario


@dataclass(frozen=True)
class Engine:
    """A named analysis: whether it applies to a scenario, and how to run it."""

    name: str
    title: str
    applies: Callable[[Scenario], bool]
    run: Callable[[Scenario, int], dict[str, Any]]


def _bargaining(scenario: Scenario, seed: int) -> dict[str, Any]:
    from parley.bargaining import analyze

    return analyze(scenario, seed=seed).to_dict()


def _durability(scenario: Scenario, seed: int) -> dict[str, Any]:
    from parley.durability.analyze import analyze_durability

    return analyze_durability(scenario, seed=seed, samples=4_000).to_dict()


def _stability(scenario: Scenario, seed: int) -> dict[str, Any]:
    from parley.gmcr import analyze_stability
    from parley.gmcr.scenario import conflict_from_section

    assert scenario.doc.gmcr is not None
    return analyze_stability(conflict_from_section(scenario.doc.gmcr)).to_dict()


ENGINES: dict[str, Engine] = {
    e.name: e for e in (
        Engine("bargaining", "Bargaining: ZOPA, frontier, solutions, proposals",
               lambda s: True, _bargaining),
        Engine("stability", "Strategic stability (GMCR)",
               lambda s: s.doc.gmcr is not None, _stability),
        Engine("durability", "Durability: risk of renewed war",
               lambda s: True, _durability),
    )
}


def applicable(scenario: Scenario) -> list[str]:
    """Names of the engines that apply to ``scenario``, in run order."""
    return [name for name, e in ENGINES.items() if e.applies(scenario)]

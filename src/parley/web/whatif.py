"""What-if analysis: re-run the bargaining analysis with some weights or reservations moved.

The compiled scenario of a version comes from the cache; the overrides are applied to a
copy of its weight matrix and reservation vector (the cached object is never changed),
and :func:`parley.analyze` runs on the copy. The repair search for rejected proposals
is skipped (``repairs=0``), which is what keeps this interactive.
"""

from __future__ import annotations

import math
import time
from dataclasses import replace
from typing import Any

import numpy as np

from parley.bargaining import analyze
from parley.errors import Problem, ScenarioError
from parley.scenario.model import Scenario


def apply_overrides(scenario: Scenario, weights: dict[str, dict[str, float]],
                    reservation: dict[str, float]) -> Scenario:
    """A copy of ``scenario`` with the given weights and reservation values replaced.

    Raises
    ------
    ScenarioError
        Naming every unknown party or issue and every negative or non-finite number.
    """
    problems: list[Problem] = []
    w = scenario.weights.copy()
    r = scenario.reservation.copy()
    for party, row in weights.items():
        if party not in scenario.parties:
            problems.append(Problem(None, None, None, f"weights.{party}", "unknown party"))
            continue
        k = scenario.party_index(party)
        for issue, value in row.items():
            path = f"weights.{party}.{issue}"
            if issue not in scenario.issues:
                problems.append(Problem(None, None, None, path, "unknown issue"))
            elif not math.isfinite(value) or value < 0:
                problems.append(Problem(None, None, None, path,
                                        "weights must be finite and not negative"))
            else:
                w[k, scenario.issues.index(issue)] = value
    for party, value in reservation.items():
        path = f"reservation.{party}"
        if party not in scenario.parties:
            problems.append(Problem(None, None, None, path, "unknown party"))
        elif not math.isfinite(value):
            problems.append(Problem(None, None, None, path, "must be a finite number"))
        else:
            r[scenario.party_index(party)] = value
    for party in weights:
        if party in scenario.parties and not (w[scenario.party_index(party)] > 0).any():
            problems.append(Problem(None, None, None, f"weights.{party}",
                                    "all weights are zero: the party cares about nothing"))
    if problems:
        raise ScenarioError(problems)
    return replace(scenario, weights=w, reservation=r)


def what_if(scenario: Scenario, weights: dict[str, dict[str, float]],
            reservation: dict[str, float]) -> dict[str, Any]:
    """The analysis document of the modified scenario plus ``elapsed_ms`` and the overrides."""
    start = time.perf_counter()
    modified = apply_overrides(scenario, weights, reservation)
    doc = analyze(modified, repairs=0).to_dict()
    doc["whatif"] = {
        "weights": {p: dict(zip(scenario.issues,
                                map(float, modified.weights[scenario.party_index(p)]),
                                strict=True)) for p in weights if p in scenario.parties},
        "reservation": {p: float(modified.reservation[scenario.party_index(p)])
                        for p in reservation},
        "elapsed_ms": round((time.perf_counter() - start) * 1000, 1),
    }
    return doc


def weight_table(scenario: Scenario) -> dict[str, dict[str, float]]:
    """Every party's weights by issue (the sliders' starting points)."""
    return {p: dict(zip(scenario.issues, map(float, scenario.weights[k]), strict=True))
            for k, p in enumerate(scenario.parties)}


def reservation_table(scenario: Scenario) -> dict[str, float]:
    """Every party's reservation value."""
    return dict(zip(scenario.parties, map(float, np.asarray(scenario.reservation)),
                    strict=True))

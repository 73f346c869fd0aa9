"""Scenario files: schema, loading with located errors, and the compiled model."""

from parley.scenario.load import (
    default_scenario_path,
    load_default,
    load_scenario,
    scenario_from_dict,
)
from parley.scenario.model import Scenario

__all__ = [
    "Scenario",
    "default_scenario_path",
    "load_default",
    "load_scenario",
    "scenario_from_dict",
]

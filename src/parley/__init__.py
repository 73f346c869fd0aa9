"""parley: analyse negotiated ends to wars from explicit, sourced scenarios.

>>> import parley
>>> scenario = parley.load_scenario()          # the bundled Russia–Ukraine default
>>> result = parley.analyze(scenario)
>>> sorted(result.to_dict())[:3]
['conventions', 'disagreement_point', 'frontier']
"""

__version__ = "0.1.0"

from parley.bargaining import AnalysisResult, Conventions, analyze
from parley.errors import Problem, ScenarioError
from parley.scenario import Scenario, load_scenario, scenario_from_dict

__all__ = [
    "AnalysisResult",
    "Conventions",
    "Problem",
    "Scenario",
    "ScenarioError",
    "__version__",
    "analyze",
    "load_scenario",
    "scenario_from_dict",
]

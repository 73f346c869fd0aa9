"""Strategic stability with the Graph Model for Conflict Resolution (GMCR).

The model (:mod:`parley.gmcr.model`), preferences (:mod:`parley.gmcr.preferences`), sparse
unilateral moves (:mod:`parley.gmcr.moves`), the stability engines
(:mod:`parley.gmcr.stability`) and GMCR+ save files (:mod:`parley.gmcr.gmcr_plus`).  See
``docs/gmcr.md``.
"""

from parley.gmcr.model import (
    AtMostOne,
    Conflict,
    DecisionMaker,
    ExactlyOne,
    Implication,
    InfeasiblePattern,
    Option,
)
from parley.gmcr.moves import MoveGraph, unilateral_improvements, unilateral_moves
from parley.gmcr.preferences import Prioritization, Ranking, parse_statement
from parley.gmcr.stability import CONCEPTS, StabilityResult, analyze_stability

__all__ = [
    "CONCEPTS",
    "AtMostOne",
    "Conflict",
    "DecisionMaker",
    "ExactlyOne",
    "Implication",
    "InfeasiblePattern",
    "MoveGraph",
    "Option",
    "Prioritization",
    "Ranking",
    "StabilityResult",
    "analyze_stability",
    "parse_statement",
    "unilateral_improvements",
    "unilateral_moves",
]

"""Strategic stability with the Graph Model for Conflict Resolution (GMCR).

The model (:mod:`parley.gmcr.model`), preferences (:mod:`parley.gmcr.preferences`), sparse
unilateral moves (:mod:`parley.gmcr.moves`), the stability engines
(:mod:`parley.gmcr.stability`), GMCR+ save files (:mod:`parley.gmcr.gmcr_plus`), and the
follow-up analyses: status quo paths (:mod:`parley.gmcr.status_quo`), coalitions
(:mod:`parley.gmcr.coalitions`) and the inverse question (:mod:`parley.gmcr.inverse`).  See
``docs/gmcr.md``.
"""

from parley.gmcr.coalitions import CoalitionResult, coalition_analysis
from parley.gmcr.inverse import InverseResult, inverse_question
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
from parley.gmcr.status_quo import StatusQuoResult, status_quo_analysis

__all__ = [
    "CONCEPTS",
    "AtMostOne",
    "CoalitionResult",
    "Conflict",
    "DecisionMaker",
    "ExactlyOne",
    "Implication",
    "InfeasiblePattern",
    "InverseResult",
    "MoveGraph",
    "Option",
    "Prioritization",
    "Ranking",
    "StabilityResult",
    "StatusQuoResult",
    "analyze_stability",
    "coalition_analysis",
    "inverse_question",
    "parse_statement",
    "status_quo_analysis",
    "unilateral_improvements",
    "unilateral_moves",
]

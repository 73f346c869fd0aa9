"""Multi-issue bargaining: package space, ZOPA, Pareto frontier, solutions, proposals."""

from parley.bargaining.analyze import AnalysisResult, analyze
from parley.bargaining.solutions import Conventions

__all__ = ["AnalysisResult", "Conventions", "analyze"]

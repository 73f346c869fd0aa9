"""Shared GMCR test material: a hand-built conflict with every kind of rule and statement."""

from __future__ import annotations

import numpy as np

from parley.gmcr import (
    AtMostOne,
    Conflict,
    DecisionMaker,
    ExactlyOne,
    Implication,
    InfeasiblePattern,
    Option,
    Prioritization,
    analyze_stability,
)


def rules_and_statements_example(**changes: object) -> Conflict:
    """Irreversible options, all four rule kinds, IF/IFF statements; ``changes`` override
    ``status_quo`` / ``coalitions``."""
    options = (Option("a"), Option("b", "fwd"), Option("c", "back"), Option("d"), Option("e"))
    dms = (
        DecisionMaker("X", (0, 1), Prioritization.parse(["1 & -2", "3 IF 4", "2 IFF -5"])),
        DecisionMaker("Y", (2, 3, 4), Prioritization.parse(["-1", "4 | 5", "3"])),
    )
    restrictions = (InfeasiblePattern.from_ynd("YY---"), AtMostOne((2, 3, 4)),
                    ExactlyOne((3, 4)), Implication(((0, True),), ((2, False),)))
    settings: dict[str, object] = {"coalitions": ((0,), (1,)), **changes}
    return Conflict(options, dms, restrictions, **settings)  # type: ignore[arg-type]


def assert_same_analysis(a: Conflict, b: Conflict) -> None:
    """Same feasible states, same ranks per decision maker, same stability document."""
    assert np.array_equal(a.feasible_codes(), b.feasible_codes())
    for ra, rb in zip(a.ranks(), b.ranks(), strict=True):
        assert np.array_equal(ra, rb)
    assert analyze_stability(a).to_dict() == analyze_stability(b).to_dict()

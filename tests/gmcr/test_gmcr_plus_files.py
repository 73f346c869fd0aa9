"""GMCR+ save files: read, write, round trip."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from gmcr_bruteforce import conflicts
from hypothesis import HealthCheck, given, settings

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
from parley.gmcr.gmcr_plus import conflict_from_gmcr, conflict_to_gmcr, read_gmcr, write_gmcr


def _example() -> Conflict:
    options = (Option("a"), Option("b", "fwd"), Option("c", "back"), Option("d"), Option("e"))
    dms = (
        DecisionMaker("X", (0, 1), Prioritization.parse(["1 & -2", "3 IF 4", "2 IFF -5"])),
        DecisionMaker("Y", (2, 3, 4), Prioritization.parse(["-1", "4 | 5", "3"])),
    )
    restrictions = (InfeasiblePattern.from_ynd("YY---"), AtMostOne((2, 3, 4)),
                    ExactlyOne((3, 4)), Implication(((0, True),), ((2, False),)))
    return Conflict(options, dms, restrictions, coalitions=((0,), (1,)))


def _same_analysis(a: Conflict, b: Conflict) -> None:
    assert np.array_equal(a.feasible_codes(), b.feasible_codes())
    for ra, rb in zip(a.ranks(), b.ranks(), strict=True):
        assert np.array_equal(ra, rb)
    assert analyze_stability(a).to_dict() == analyze_stability(b).to_dict()


def test_round_trip_through_a_file(tmp_path: Path) -> None:
    c = _example()
    path = tmp_path / "example.gmcr"
    write_gmcr(c, path)
    doc = json.loads(path.read_text())
    assert doc["options"][1] == {"name": "b", "permittedDirection": "fwd"}
    assert doc["decisionMakers"][0]["preferences"][0] == [[0, "Y"], [1, "N"]]
    assert doc["useManualPreferenceRanking"] is False
    back = read_gmcr(path)
    _same_analysis(c, back)
    assert [o.direction for o in back.options] == ["both", "fwd", "back", "both", "both"]
    assert back.coalitions == ((0,), (1,))
    assert conflict_to_gmcr(back) == doc  # a parley-written file is a fixed point


def test_reads_compound_conditions_and_manual_rankings() -> None:
    doc = {
        "options": [{"name": "p", "permittedDirection": "both"},
                    {"name": "q", "permittedDirection": "both"}],
        "decisionMakers": [
            {"name": "A", "options": [0], "preferences": [],
             "preferenceRanking": [2, [1, 3]]},
            {"name": "B", "options": [1], "preferences": [],
             "preferenceRanking": [[1, 2], 3]},
        ],
        "infeasibles": [{"compound": True, "members": [[[0, "Y"], [1, "Y"]]]}],
        "useManualPreferenceRanking": True,
    }
    c = conflict_from_gmcr(doc)
    assert c.feasible_codes().tolist() == [0, 1, 2]
    assert c.ranks()[0].tolist() == [0, 1, 0]
    assert c.ranks()[1].tolist() == [1, 1, 0]
    again = conflict_from_gmcr(conflict_to_gmcr(c))
    _same_analysis(c, again)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(conflicts())
def test_random_conflicts_round_trip(conflict: Conflict) -> None:
    _same_analysis(conflict, conflict_from_gmcr(json.loads(json.dumps(
        conflict_to_gmcr(conflict)))))

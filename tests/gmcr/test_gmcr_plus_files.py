"""GMCR+ save files: read, write, round trip."""

from __future__ import annotations

import json
from pathlib import Path

from gmcr_bruteforce import conflicts
from gmcr_cases import assert_same_analysis, rules_and_statements_example
from hypothesis import HealthCheck, given, settings

from parley.gmcr import (
    Conflict,
)
from parley.gmcr.gmcr_plus import conflict_from_gmcr, conflict_to_gmcr, read_gmcr, write_gmcr


def test_round_trip_through_a_file(tmp_path: Path) -> None:
    c = rules_and_statements_example()
    path = tmp_path / "example.gmcr"
    write_gmcr(c, path)
    doc = json.loads(path.read_text())
    assert doc["options"][1] == {"name": "b", "permittedDirection": "fwd"}
    assert doc["decisionMakers"][0]["preferences"][0] == [[0, "Y"], [1, "N"]]
    assert doc["useManualPreferenceRanking"] is False
    back = read_gmcr(path)
    assert_same_analysis(c, back)
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
    assert_same_analysis(c, again)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(conflicts())
def test_random_conflicts_round_trip(conflict: Conflict) -> None:
    assert_same_analysis(conflict, conflict_from_gmcr(json.loads(json.dumps(
        conflict_to_gmcr(conflict)))))
